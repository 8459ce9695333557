"""One case through 氷見市's layered meetings, recorded event by event.

氷見市 (富山県) designed a ladder of meeting bodies for the cases no single service can take: a
district meeting (地域会議, 第3層) in each district, a block meeting (ブロック会議, 第2層) in each
block, then the city-wide core meeting (コア会議) and construction meeting (構築会議, 第1層); a
case climbs a rung each time the body below finds no effective way to support it (report,
第3章 3.(2)④). The report describes the lower tiers as planned; the case here is made up.

This script opens one case (the 8050 household of the guidelines, 第1章 2.(2)) in a district of
the 南條 block, lets the directory say which session takes the case at each rung
(``Municipality.escalation_target``), records every session and agenda event in a
``Ledger``, shows the ledger refusing a block meeting that is not the district's own, then
replays the record: the case's state and its escalation path with the days waited at each
step. It follows the tutorial docs/tutorials/layered-meetings.md in fewer steps.

Run it with ``python examples/layered_meetings.py``.
"""

from __future__ import annotations

import datetime as dt

from hokatsu import (
    CareLevel,
    Employment,
    EventRejectedError,
    Field,
    Household,
    Issue,
    Ledger,
    Member,
    Relation,
    escalation_paths,
    replay,
)
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    AssessmentStage,
    CaseOpened,
    IssueIdentified,
    ItemOutcome,
    MeetingHeld,
    Route,
)
from hokatsu.reference import himi

DISTRICT = "himi-d07"  # a district of the 南條 block (himi-b2); its name is synthetic


def open_case(ledger: Ledger) -> None:
    """The 民生委員 bring the household to ふくし相談サポートセンター; the CSW assesses it."""
    mother = Member(id="m1", relation=Relation.HEAD, born=dt.date(1935, 2, 11),
                    care_level=CareLevel.CARE_1, employment=Employment.RETIRED)
    son = Member(id="m2", relation=Relation.CHILD, born=dt.date(1965, 9, 30),
                 employment=Employment.UNEMPLOYED)
    care = Issue(id="care", member_id="m1", field=Field.ELDERLY,
                 identified=dt.date(2017, 4, 20))
    home = Household(id="h1", person_id="m1", members=(mother, son), issues=(care,),
                     area_id=DISTRICT)
    withdrawal = Issue(id="withdrawal", member_id="m2", field=Field.ISOLATION,
                       identified=dt.date(2017, 5, 19), fits_existing_services=False)
    ledger.extend([
        CaseOpened(id="e1", date=dt.date(2017, 5, 8), case_id="c1", household=home,
                   route=Route.COMMUNITY, agency_id="himi-support", coordinator_id="himi-csw1",
                   prior_agency_ids=frozenset({"himi-branch1", "himi-minsei"})),
        AssessmentRecorded(id="e2", date=dt.date(2017, 5, 10), case_id="c1",
                           stage=AssessmentStage.INTAKE, agency_id="himi-support",
                           coordinator_id="himi-csw1"),
        IssueIdentified(id="e3", date=dt.date(2017, 5, 19), case_id="c1", issue=withdrawal),
    ])


def climb(ledger: Ledger) -> None:
    """Take the case up the ladder, one session per rung, where the directory says."""
    city = ledger.directory
    body_id, area_id = "himi-district", DISTRICT
    day, previous = dt.date(2017, 7, 25), None
    n = 0
    while True:
        n += 1
        body = city.body(body_id)
        if body_id == "himi-block":
            wrong_block(ledger, day, previous)
        target = city.escalation_target(body_id, area_id)
        # every body below the top finds no way in this story; the top presents a response
        outcome = ItemOutcome.ESCALATED if target else ItemOutcome.RESPONSE_PRESENTED
        ledger.extend([
            MeetingHeld(id=f"s{n}", date=day, session_id=f"session-{n}", body_id=body_id,
                        area_id=area_id, participants=10 + 4 * n),
            AgendaItemRaised(id=f"r{n}", date=day, item_id=f"item-{n}",
                             session_id=f"session-{n}", case_id="c1", escalated_from=previous),
            AgendaItemConcluded(id=f"c{n}", date=day, item_id=f"item-{n}",
                                session_id=f"session-{n}", outcome=outcome),
        ])
        print(f"  {day} [{body.tier_label}] {body.name} for {city.areas.get(area_id).name}: "
              f"{outcome.label}")
        if target is None:
            return
        body_id, area_id = target
        day, previous = day + dt.timedelta(days=21 + 7 * n), f"item-{n}"


def wrong_block(ledger: Ledger, day: dt.date, escalated_from: str | None) -> None:
    """The 氷見 block's meeting (himi-b1) cannot take up a case from a district of 南條: the
    ledger refuses it and, appending all or nothing, records neither of the two events."""
    before = len(ledger)
    try:
        ledger.extend([
            MeetingHeld(id="x1", date=day, session_id="wrong", body_id="himi-block",
                        area_id="himi-b1", participants=12),
            AgendaItemRaised(id="x2", date=day, item_id="wrong-item", session_id="wrong",
                             case_id="c1", escalated_from=escalated_from),
        ])
    except EventRejectedError as error:
        print(f"  (the 氷見 block's meeting tries first: refused, event {error.event_id}, "
              f"rule {error.rule}; still {len(ledger)} events, as before: {before})")


def main() -> None:
    """Record the case, take it up the ladder, then read the record back."""
    city = himi()
    ledger = Ledger(city)
    chain = " → ".join(f"{b.name} ({b.tier_label})" for b in city.escalation_chain("himi-district"))
    print(f"氷見市's ladder: {chain}")
    open_case(ledger)
    print(f"case c1 opened in {DISTRICT} ({city.areas.get(DISTRICT).name}, block "
          f"{city.areas.get(city.areas.lineage(DISTRICT)[1]).name}); its climb:")
    climb(ledger)

    state = replay(ledger)
    case = state.cases["c1"]
    print(f"the case: {case.hard_case_type.label if case.hard_case_type else 'not hard'}; "
          f"agencies involved {sorted(case.involved_agency_ids)}; open: {case.is_open}")
    (path,) = escalation_paths(state, city)
    for step in path.steps:
        wait = "first raised" if step.wait_days is None else f"waited {step.wait_days} days"
        print(f"  tier {step.tier} {step.body_id} on {step.raised}: {wait}")
    print(f"settled at tier {path.settled_tier} after {sum(path.delays)} days between bodies; "
          f"{len(ledger)} events in the ledger")


if __name__ == "__main__":
    main()
