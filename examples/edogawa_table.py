"""江戸川区's なごみの家 tables, computed from events with the indicator engine.

In May 2016 江戸川区 opened three なごみの家 — 小岩, 松江北 and 長島桑川 — as all-field
consultation desks, gathering places and bases for study support and a children's diner
(report, 第3章 2.(2)). The report prints their figures for May 2016 – January 2017: the
consultations by main content (⑤) and the activities' attendance (⑦).
``hokatsu.reference.edogawa.nagomi_events()`` holds those tables as ledger events (one
``ConsultationReceived`` per consultation, one ``ActivitySessionHeld`` per session with its
attendance); this script computes the tables back from the events and checks them against
the report's totals:

- the consultations per base and content, with the first indicator of the
  重層的支援体制整備事業's catalogue (``MULTILAYERED``: 相談受付件数, grouped by content);
- the activities, with three indicators defined here from the public algebra (``Tally`` of
  the attendance by category, ``Count`` of sessions);
- the ward's whole year in the two catalogues: ``MULTILAYERED`` as the government asks for it,
  and the report's operation-stage indicators (``REPORT``), which count coordinators' work,
  meetings and cases that these tables do not record.

Every figure printed here is the report's (the events only spread its totals over days).

Run it with ``python examples/edogawa_table.py``.
"""

from __future__ import annotations

import unicodedata

from hokatsu import FiscalYear, Ledger
from hokatsu.domain import ConsultationContent
from hokatsu.events import ActivityKind, ActivitySessionHeld, AttendeeCategory
from hokatsu.indicators import MULTILAYERED, REPORT, Attr, Count, Indicator, Is, Tally, compute
from hokatsu.reference.edogawa import BASES, NAGOMI_PERIOD, edogawa, nagomi_events

FY2016 = FiscalYear(2016)
WARD = "edogawa"
CONTENTS = (ConsultationContent.LIVING, ConsultationContent.CARE, ConsultationContent.HEALTH,
            ConsultationContent.CHILD_REARING, ConsultationContent.OTHER)
_C = AttendeeCategory


def attendance(activity: ActivityKind, *categories: AttendeeCategory) -> Indicator:
    """An activity's attendance, in all and by category (a visit counts each time)."""
    return Indicator(id=f"{activity.value}_attendance", name=f"{activity.label} 参加者数",
                     unit="人", events=(ActivitySessionHeld,), measure=Tally(Attr("counts")),
                     where=Is("activity", activity), groups=tuple(c.value for c in categories))


def sessions(activity: ActivityKind) -> Indicator:
    """How many sessions of an activity were held."""
    return Indicator(id=f"{activity.value}_sessions", name=f"{activity.label} 開催回数",
                     unit="回", events=(ActivitySessionHeld,), measure=Count(),
                     where=Is("activity", activity))


ACTIVITIES = (
    (attendance(ActivityKind.GATHERING_SPACE, _C.UNDER_20, _C.FROM_20_TO_64, _C.OVER_64), None),
    (attendance(ActivityKind.STUDY_SUPPORT, _C.ELEMENTARY, _C.JUNIOR_HIGH, _C.HIGH_SCHOOL),
     sessions(ActivityKind.STUDY_SUPPORT)),
    (attendance(ActivityKind.CHILDRENS_DINER, _C.CHILDREN, _C.ADULTS),
     sessions(ActivityKind.CHILDRENS_DINER)),
)


def width(text: str) -> int:
    """Columns *text* takes in a terminal (Japanese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(value: object, columns: int = 10, *, left: bool = False) -> str:
    """*value* padded to *columns* terminal columns (numbers with thousands separators)."""
    text = "—" if value is None else f"{value:,}" if isinstance(value, int) else str(value)
    fill = " " * max(columns - width(text), 0)
    return text + fill if left else fill + text


def row(label: str, cells: list[object]) -> str:
    """One line of a table: a label, then right-aligned cells."""
    return "  " + cell(label, 10, left=True) + "".join(cell(c) for c in cells)


def main() -> None:
    """Compute the なごみの家 tables and the ward's year, and check them against the report."""
    ward = edogawa()
    ledger = Ledger(ward, nagomi_events())
    areas = [(area, name) for area, _, name in BASES] + [(WARD, "区計")]
    first, last = NAGOMI_PERIOD
    print(f"なごみの家, {first.label}–{last.label}: {len(ledger)} events "
          f"(the report's tables, 第3章 2.(2)⑤⑦)\n")

    table = compute(ledger, indicators=[MULTILAYERED[0]], level="district", area_ids=[WARD])
    print("Consultations by main content (相談受付件数, MULTILAYERED's first indicator)")
    print(row("", ["計", *(c.label for c in CONTENTS)]))
    for area, name in areas:
        print(row(name, [table.value("consultations", FY2016, area)]
                  + [table.value("consultations", FY2016, area, c.value) for c in CONTENTS]))
    assert table.value("consultations", FY2016, WARD) == 569  # the report's total

    indicators = [i for pair in ACTIVITIES for i in pair if i is not None]
    activities = compute(ledger, indicators=indicators, level="district", area_ids=[WARD])
    for tally, count in ACTIVITIES:
        groups = tally.groups or ()
        print(f"\n{tally.name} (計 then by category"
              f"{', then sessions' if count else ''})")
        print(row("", ["計", *(_C(g).label for g in groups), *(["回数"] if count else [])]))
        for area, name in areas:
            cells = [activities.value(tally.id, FY2016, area)]
            cells += [activities.value(tally.id, FY2016, area, g) for g in groups]
            if count is not None:
                cells.append(activities.value(count.id, FY2016, area))
            print(row(name, cells))
    assert activities.value("gathering_space_attendance", FY2016, WARD) == 10_531

    whole = compute(ledger, indicators=[*MULTILAYERED, *REPORT])
    print()
    print(whole.format(period=FY2016, area_id=WARD, indicators=MULTILAYERED, groups=True,
                       title="The ward's year in the 重層的支援体制整備事業's figures"))
    print("  (the なごみの家 sessions predate the project and are not marked as community "
          "building, so only the consultations count)")
    report = [r for r in whole.select(indicators=[i.id for i in REPORT], periods=[FY2016],
                                      area_ids=[WARD]) if r.group is None]
    measured = [r.indicator for r in report if r.value not in (None, 0)]
    print(f"\nThe report's {len(REPORT)} operation-stage indicators on these events: "
          f"{len(measured)} with a value other than 0 or not measured — they count the "
          "coordinators' work, meetings and cases, which the なごみの家 tables do not record.")


if __name__ == "__main__":
    main()
