"""Hand-built ledgers for the indicator tests: a :class:`Book` numbers events and keeps a date.

The indicator tests build small ledgers for 氷見市 (by default) one event at a time, so that
each test shows exactly which events should count and which should not. A :class:`Book`
gives every event the next id (``e1``, ``e2`` …), keeps the current day (events must be
appended in date order), and has short-hands for the common shapes: a case with a household,
a session of a meeting body with agenda items, a referral taken through its statuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from hokatsu.calendar import FiscalYear, Period
from hokatsu.domain import (
    Area,
    AreaTree,
    Field,
    Household,
    Issue,
    MeetingBody,
    Member,
    Municipality,
    Relation,
)
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    AssessmentStage,
    CaseOpened,
    Event,
    ItemOutcome,
    MeetingHeld,
    ReferralAccepted,
    ReferralRequested,
    Route,
)
from hokatsu.indicators import Indicator, ResultTable, compute
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.reference.survey import PROMOTION_MEETINGS_FY2016

__all__ = [
    "FY15", "FY16", "FY17", "FY18", "Book", "D", "issue", "member", "promotion_city", "spread",
    "survey_ledger",
]

D = dt.date
FY15, FY16, FY17, FY18 = (FiscalYear(y) for y in (2015, 2016, 2017, 2018))

_RELATIONS = (Relation.HEAD, Relation.CHILD, Relation.SPOUSE, Relation.PARENT, Relation.SIBLING)


def member(i: int) -> Member:
    """Member ``m<i>``; ``m1`` is the head of the household."""
    return Member(id=f"m{i}", relation=_RELATIONS[(i - 1) % len(_RELATIONS)],
                  born=D(1950 + 10 * (i - 1), 1, 1))


_LONG_AGO = D(2016, 1, 1)
_JUNE_2016 = D(2016, 6, 1)


def issue(issue_id: str, member_id: str | None = "m1", field: Field = Field.ELDERLY, *,
          fits: bool = True, on: dt.date = _LONG_AGO) -> Issue:
    """An issue of *member_id* (None: the household's) identified on *on*."""
    return Issue(id=issue_id, member_id=member_id, field=field, identified=on,
                 fits_existing_services=fits)


def promotion_city(city_id: str, *, subcommittees: bool = False,
                   population: int | None = None) -> Municipality:
    """A minimal municipality *city_id* (one area) with a 推進会議 ``<id>-promotion``, a
    sub-committee ``<id>-subcommittee`` part of it when *subcommittees*, and a body that is
    not the 推進会議, ``<id>-other``."""
    bodies = [
        MeetingBody(id=f"{city_id}-promotion", name="相談支援包括化推進会議", tier=1,
                    area_id=city_id, promotion=True),
        MeetingBody(id=f"{city_id}-other", name="地域ケア会議", tier=1, area_id=city_id),
    ]
    if subcommittees:
        bodies.append(MeetingBody(id=f"{city_id}-subcommittee", name="分科会", tier=1,
                                  area_id=city_id, part_of=f"{city_id}-promotion",
                                  promotion=True))
    return Municipality(
        id=city_id, name=f"自治体{city_id}",
        areas=AreaTree(levels=("city",), areas=(Area(id=city_id, name=city_id, level="city"),)),
        bodies=tuple(bodies), population=population,
    )



def spread(n: int, first: dt.date, last: dt.date) -> list[dt.date]:
    """*n* dates spread evenly from *first* to *last*, deterministically."""
    span = (last - first).days
    return [first + dt.timedelta(days=i * span // max(n - 1, 1)) for i in range(n)]


def survey_ledger(number: int) -> Ledger:
    """A ledger of municipality *number*'s FY2016 推進会議 sessions (whole body and
    sub-committees), with a session of another body and sessions just outside FY2016 that
    must not count."""
    whole, subcommittees = PROMOTION_MEETINGS_FY2016[number]
    city_id = f"s{number:02d}"
    city = promotion_city(city_id, subcommittees=subcommittees > 0)
    sessions = [(day, f"{city_id}-promotion") for day in spread(whole, D(2016, 4, 1),
                                                                 D(2017, 3, 31))]
    sessions += [(day, f"{city_id}-subcommittee")
                 for day in spread(subcommittees, D(2016, 4, 2), D(2017, 3, 30))]
    sessions += [(D(2016, 3, 31), f"{city_id}-promotion"), (D(2016, 9, 1), f"{city_id}-other"),
                 (D(2017, 4, 1), f"{city_id}-promotion")]
    sessions.sort()
    events = [MeetingHeld(id=f"e{i}", date=day, session_id=f"s{i}", body_id=body,
                          area_id=city_id, participants=10)
              for i, (day, body) in enumerate(sessions)]
    return Ledger(city, events)


class Book:
    """A ledger being written by a test, with numbered ids and a current day.

    Args:
        city: the municipality (氷見市 by default).
        day: the day events are dated until a call moves it with ``on=``.
    """

    def __init__(self, city: Municipality | None = None, day: dt.date = _JUNE_2016) -> None:
        self.city = himi() if city is None else city
        self.ledger = Ledger(self.city)
        self.day = day
        self._n = 0

    def add(self, cls: type[Event], *, on: dt.date | None = None, **fields: Any) -> Any:
        """Append an event of *cls* with the next id, on *on* (which becomes the day)."""
        if on is not None:
            self.day = on
        self._n += 1
        event = cls(id=f"e{self._n}", date=self.day, **fields)
        self.ledger.append(event)
        return event

    # -- cases and referrals --------------------------------------------------------------

    def case(
        self,
        case_id: str,
        *,
        area: str = "himi-d01",
        agency: str = "himi-support",
        members: int = 1,
        issues: Sequence[Issue] = (),
        route: Route = Route.SELF,
        coordinator: str | None = None,
        on: dt.date | None = None,
    ) -> CaseOpened:
        """Open *case_id* for a household of *members* members living in *area*."""
        household = Household(id=f"h-{case_id}", person_id="m1",
                              members=tuple(member(i) for i in range(1, members + 1)),
                              issues=tuple(issues), area_id=area)
        opened: CaseOpened = self.add(CaseOpened, on=on, case_id=case_id, household=household,
                                      route=route, agency_id=agency, coordinator_id=coordinator)
        return opened

    def assess(self, case_id: str, agency: str = "himi-support", *,
               coordinator: str | None = None,
               stage: AssessmentStage = AssessmentStage.ASSESSMENT,
               on: dt.date | None = None) -> AssessmentRecorded:
        """Record an assessment of *case_id* by *agency*."""
        done: AssessmentRecorded = self.add(AssessmentRecorded, on=on, case_id=case_id,
                                            stage=stage, agency_id=agency,
                                            coordinator_id=coordinator)
        return done

    def refer(self, referral_id: str, case_id: str, to: str, *, sender: str = "himi-support",
              on: dt.date | None = None) -> ReferralRequested:
        """Request referral *referral_id* of *case_id* from *sender* to *to*."""
        made: ReferralRequested = self.add(ReferralRequested, on=on, referral_id=referral_id,
                                           case_id=case_id, from_agency_id=sender,
                                           to_agency_id=to)
        return made

    def accept(self, referral_id: str, to: str, *, on: dt.date | None = None) -> None:
        """The receiver *to* accepts *referral_id*."""
        self.add(ReferralAccepted, on=on, referral_id=referral_id, actor_id=to)

    # -- meetings -------------------------------------------------------------------------

    def session(self, session_id: str, body: str, area: str = "himi", *,
                agencies: Iterable[str] = (), participants: int = 5,
                on: dt.date | None = None) -> MeetingHeld:
        """Hold *session_id* of *body* in *area*."""
        held: MeetingHeld = self.add(MeetingHeld, on=on, session_id=session_id, body_id=body,
                                     area_id=area, agency_ids=frozenset(agencies),
                                     participants=participants)
        return held

    def raise_item(self, item_id: str, session_id: str, *, case: str | None = None,
                   theme: str | None = None, escalated_from: str | None = None) -> None:
        """Raise *item_id* at *session_id* (today), about a case or a theme."""
        self.add(AgendaItemRaised, item_id=item_id, session_id=session_id, case_id=case,
                 theme=theme, escalated_from=escalated_from)

    def conclude(self, item_id: str, session_id: str, outcome: ItemOutcome) -> None:
        """Conclude *item_id* at *session_id* (today) with *outcome*."""
        self.add(AgendaItemConcluded, item_id=item_id, session_id=session_id, outcome=outcome)

    # -- results ----------------------------------------------------------------------------

    def table(self, indicators: Iterable[Indicator] | None = None, **options: Any
              ) -> ResultTable:
        """compute() over the ledger so far."""
        return compute(self.ledger, indicators=indicators, **options)

    def value(self, indicator: str, period: Period = FY16, area: str | None = None,
              group: str | None = None, *, indicators: Iterable[Indicator] | None = None
              ) -> float | None:
        """One value: *indicator* in *period* (FY2016) for *area* (the city)."""
        area = self.city.areas.root.id if area is None else area
        level = self.city.areas.get(area).level
        table = self.table(indicators, grain=period.kind, level=level, periods=[period])
        return table.value(indicator, period, area, group)
