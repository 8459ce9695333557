"""Benchmark: disclosures for every case conference and case discussion of a year, and the
research export of that year.

By default the year is one simulated fiscal year of 江戸川区 (``presets.edogawa()``, seed
``--seed``; ``hokatsu.simulation.simulate``, not timed), as issue 13 asks: an 江戸川区-sized
year from the simulation. ``--events N`` takes instead one simulated year of the 氷見市 preset
with its households scaled to about N events (through ``_simulated.py``): 氷見市's directory
with a big city's volume of cases, the heavier workload. Either way the simulation makes the
consents itself (most households give one when their case opens, for support planning and
case conferences; some change it, withdraw it when the case closes, or have it overridden on
an emergency). Then it measures:

- the ledger: ``Ledger.extend`` of the whole record, consents folded (events/s);
- disclosure: ``hokatsu.sharing.disclose`` for every agency at every case conference
  (purpose: case conference) and for the session of every agenda item about a case, each a
  view with its parts and rules, or a refusal naming the rule (disclosures/s, refusals
  included);
- recording: a ledger of the record with every disclosure's ``DisclosureRecorded`` at the end
  of its day, each checked again by the ledger against the sharing rules (events/s);
- the research export: ``hokatsu.sharing.research_export`` of the whole ledger, areas
  generalised to the level above the events' own (江戸川区: the city; 氷見市: blocks) and
  dates to months (seconds, and events/s).

Targets (issue 13): at least 100,000 disclosures/s and the export at 500,000 events/s, on one
core. The last line printed is one JSON object with the figures (``benchmark``, ``events``,
``disclosures_per_s``, ``export_s``, ``export_events_per_s`` and the others printed).

Run: ``python benchmarks/sharing.py [--events N] [--seed S] [--repeat R]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _simulated import himi_year

from hokatsu import paused_gc
from hokatsu.errors import DisclosureDeniedError
from hokatsu.events import AgendaItemRaised, CaseConferenceHeld, Event, SharingPurpose
from hokatsu.ledger import Ledger
from hokatsu.sharing import Recipient, disclose, research_export
from hokatsu.simulation import presets, simulate

TARGET = 100_000
EXPORT_TARGET = 500_000
KEY = b"benchmark key, 32 bytes long...."


def asks(events: list[Event], ledger: Ledger) -> list[tuple[int, str, Recipient, Event]]:
    """(position, case, recipient, event) of every disclosure to make: each agency at each
    case conference, and the session of each agenda item about a case."""
    out = []
    for i, event in enumerate(events):
        if isinstance(event, CaseConferenceHeld):
            out.extend((i, event.case_id, Recipient(agency_id=a), event)
                       for a in sorted(event.agency_ids))
        elif isinstance(event, AgendaItemRaised) and event.case_id is not None:
            out.append((i, event.case_id, Recipient(session_id=event.session_id), event))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=None,
                        help="a scaled 氷見市 year of about N events instead of 江戸川区's")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    if args.events is None:
        simulated, level = simulate(presets.edogawa(), args.seed), "city"
    else:
        simulated, level = himi_year(args.events, seed=args.seed), "block"
    city, events = simulated.directory, list(simulated.events)
    del simulated
    print(f"simulated: {len(events):,} events of {city.name} ({events[0].date}…"
          f"{events[-1].date}), built in {time.perf_counter() - t0:.1f}s (not timed)")

    ledger_s = disclose_s = record_s = export_s = float("inf")
    for _ in range(args.repeat):
        with paused_gc():
            t0 = time.perf_counter()
            ledger = Ledger(city, events)
            ledger_s = min(ledger_s, time.perf_counter() - t0)
            todo = asks(events, ledger)
            views: list[tuple[int, object]] = []
            denied = 0
            purpose = SharingPurpose.CASE_CONFERENCE
            t0 = time.perf_counter()
            for i, case, recipient, event in todo:
                try:
                    views.append((i, disclose(ledger, case, to=recipient, purpose=purpose,
                                              date=event.date)))
                except DisclosureDeniedError:
                    denied += 1
            disclose_s = min(disclose_s, time.perf_counter() - t0)
            # each record at the end of its day: disclose() saw the whole day (a consent
            # changed later that day included), and the ledger checks a record against what
            # comes before it
            last_of_day = {event.date: i for i, event in enumerate(events)}
            by_position: dict[int, list[Event]] = {}
            for n, (i, view) in enumerate(views):
                by_position.setdefault(last_of_day[events[i].date], []).append(
                    view.record(f"d{n}"))  # type: ignore[attr-defined]
            merged: list[Event] = []
            for i, event in enumerate(events):
                merged.append(event)
                merged.extend(by_position.get(i, ()))
            t0 = time.perf_counter()
            export = research_export(ledger, KEY, area_level=level)
            export_s = min(export_s, time.perf_counter() - t0)
            del ledger, export
            t0 = time.perf_counter()
            recorded = Ledger(city, merged)
            record_s = min(record_s, time.perf_counter() - t0)
            del recorded

    n = len(events)
    made = len(todo)
    per_s = made / disclose_s
    print(f"ledger (extend):   {ledger_s:.2f}s  {n / ledger_s:,.0f} events/s")
    print(f"disclose:          {disclose_s:.2f}s  {made:,} disclosures ({made - denied:,} views, "
          f"{denied:,} refused)  {per_s:,.0f} disclosures/s  = {per_s / TARGET:.2f}× the "
          f"target of {TARGET:,}/s")
    print(f"record (extend):   {record_s:.2f}s  {len(merged):,} events with "
          f"{len(views):,} disclosure records  {len(merged) / record_s:,.0f} events/s")
    print(f"research export:   {export_s:.2f}s  {n / export_s:,.0f} events/s  = "
          f"{n / export_s / EXPORT_TARGET:.2f}× the target of {EXPORT_TARGET:,}/s")
    print(json.dumps({
        "benchmark": "sharing",
        "municipality": city.name,
        "events": n,
        "export_s": round(export_s, 3),
        "export_events_per_s": round(n / export_s),
        "disclosures": made,
        "refused": denied,
        "ledger_events_per_s": round(n / ledger_s),
        "record_events_per_s": round(len(merged) / record_s),
        "disclosures_per_s": round(per_s),
    }))


if __name__ == "__main__":
    main()
