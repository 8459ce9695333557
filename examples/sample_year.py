"""A year of 氷見市 as events: the ledger, a case's climb up the meetings, and the indicators.

hokatsu records what happens in a municipality as a ledger of validated events. This script
loads the hand-written sample year FY2017 for 氷見市 (``himi_fy2017``), replays it into case
states, follows the one case that climbed 地域会議 → ブロック会議 → コア会議 → 構築会議
(第3章 3.(2)④), computes the report's operation-stage indicators per block (第4章 2.(3)), and
writes the events to JSON text and back.

Run it with ``python examples/sample_year.py``.
"""

from __future__ import annotations

import json

from hokatsu import FiscalYear, Ledger, compute, escalation_paths, make_converter, replay
from hokatsu.events import Event
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017


def main() -> None:
    """Run the walk-through."""
    city = himi()
    ledger = Ledger(city, himi_fy2017())
    print(f"{len(ledger)} events from {ledger.events[0].date} to {ledger.last_date}")

    state = replay(ledger)
    for case in state.cases.values():
        kind = case.hard_case_type.label if case.hard_case_type else "not a hard case"
        print(f"{case.case_id}: {kind}; brought in by a coordinator: "
              f"{', '.join(sorted(case.joined_through_coordinator)) or 'none'}")

    for path in escalation_paths(state, city):
        if len(path.steps) > 1:
            climb = " → ".join(city.body(s.body_id).name for s in path.steps)
            print(f"{path.case_id} climbed {climb}, settled at tier {path.settled_tier}, "
                  f"waiting {sum(path.delays)} days in all")

    fy = FiscalYear(2017)
    table = compute(ledger, level="block", area_ids=[city.areas.root.id])
    for block in [a.id for a in city.areas.at_level("block")] + [city.areas.root.id]:
        name = city.areas.get(block).name
        print(f"{name}: 2A2 multi-field cases {table.value('2A2', fy, block)}, "
              f"1A1 exchanges {table.value('1A1', fy, block)}, "
              f"5A1 推進会議 sessions {table.value('5A1', fy, block)}")
    assert table.value("5O1", fy, city.areas.root.id) is not None  # questionnaire measured

    converter = make_converter()
    text = json.dumps(converter.unstructure(list(ledger.events), list[Event]), ensure_ascii=False)
    again = Ledger(city, converter.structure(json.loads(text), list[Event]))
    assert list(again.events) == list(ledger.events)
    print(f"round trip through {len(text):,} characters of JSON: the same {len(again)} events")


if __name__ == "__main__":
    main()
