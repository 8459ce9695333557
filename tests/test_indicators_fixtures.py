"""The report's figures as acceptance fixtures for the indicator engine: 江戸川区's なごみの家
consultations (第3章 2.(2)⑤, DOMAIN.md §8), the survey's FY2016 promotion-meeting sessions of
the 26 model municipalities (参考資料3 2-④, DOMAIN.md §5) and 釧路市's 部会 (参考資料2 ①)."""

from __future__ import annotations

import datetime as dt

import pytest

from hokatsu.calendar import FiscalYear, Month, PeriodKind
from hokatsu.domain import ConsultationContent, Municipality
from hokatsu.events import (
    ActivityKind,
    ActivitySessionHeld,
    AttendeeCategory,
    Event,
    MeetingHeld,
)
from hokatsu.indicators import Attr, Count, Indicator, Is, Tally, compute
from hokatsu.ledger import Ledger
from hokatsu.reference.edogawa import (
    NAGOMI_CHILDRENS_DINER,
    NAGOMI_CONSULTATIONS,
    NAGOMI_PERIOD,
    NAGOMI_STUDY_SUPPORT,
    NAGOMI_VISITORS,
    edogawa,
    nagomi_events,
)
from hokatsu.reference.kushiro import SESSIONS_FY2016, kushiro
from hokatsu.reference.survey import PROMOTION_MEETINGS_FY2016, SUBCOMMITTEES
from tests.indicator_ledgers import spread, survey_ledger

FY16 = FiscalYear(2016)
D = dt.date

#: The なごみの家 table as the report prints it (第3章 2.(2)⑤): per base, 生活 / 介護 / 健康 /
#: 子育て / その他, and the totals.
NAGOMI_TABLE = {
    "edogawa-koiwa": (188, 62, 37, 40, 24, 25),
    "edogawa-matsue-kita": (311, 158, 20, 103, 4, 26),
    "edogawa-nagashima-kuwagawa": (70, 39, 4, 5, 2, 20),
}
NAGOMI_TOTALS = (569, 259, 61, 148, 30, 71)
CONTENTS = (ConsultationContent.LIVING, ConsultationContent.CARE, ConsultationContent.HEALTH,
            ConsultationContent.CHILD_REARING, ConsultationContent.OTHER)


# -- 江戸川区 なごみの家 -------------------------------------------------------------------------


def nagomi_ledger() -> Ledger:
    """The なごみの家 tables as the reference data gives them as events (one
    ConsultationReceived per consultation, activity sessions with their attendance)."""
    return Ledger(edogawa(), nagomi_events())


class TestNagomi:
    """江戸川区's なごみの家 consultations, May 2016 – January 2017."""

    def test_reference_data_matches_the_report(self) -> None:
        """The preset's table is the report's, row by row."""
        for area, (total, *by_content) in NAGOMI_TABLE.items():
            contents = NAGOMI_CONSULTATIONS[area]
            assert [contents[c] for c in CONTENTS] == by_content
            assert sum(contents.values()) == total

    def test_period_is_fiscal_2016(self) -> None:
        """The figures' months all lie in FY2016 (April 2016 – March 2017)."""
        assert (Month(2016, 5), Month(2017, 1)) == NAGOMI_PERIOD
        assert NAGOMI_PERIOD[0].fiscal_year == NAGOMI_PERIOD[1].fiscal_year == FY16

    def test_per_base(self) -> None:
        """Each base's district row gives its total and its count per main content."""
        table = compute(nagomi_ledger(), level="district")
        assert table.periods == (FY16,)
        for area, (total, *by_content) in NAGOMI_TABLE.items():
            assert table.value("consultations", FY16, area) == total
            for content, n in zip(CONTENTS, by_content, strict=True):
                assert table.value("consultations", FY16, area, content.value) == n
            assert table.groups("consultations") == tuple(c.value for c in CONTENTS)

    def test_ward_totals(self) -> None:
        """The ward's row gives 569 consultations: 259 / 61 / 148 / 30 / 71."""
        table = compute(nagomi_ledger())
        total, *by_content = NAGOMI_TOTALS
        assert table.value("consultations", FY16, "edogawa") == total
        assert [table.value("consultations", FY16, "edogawa", c.value) for c in CONTENTS] == (
            by_content)

    def test_months(self) -> None:
        """Month by month, the consultations fall in May 2016 – January 2017 and add up to
        the year."""
        table = compute(nagomi_ledger(), grain=PeriodKind.MONTH,
                        periods=FY16.months())
        values = [table.value("consultations", m, "edogawa") for m in FY16.months()]
        assert values[0] == 0  # April 2016
        assert values[-2:] == [0, 0]  # February, March 2017
        assert all(v > 0 for v in values[1:10])
        assert sum(v for v in values if v is not None) == 569

    def test_rate_per_100k(self) -> None:
        """The ward's rate is 569 / (681,298 / 100,000 × 12) a month; the bases' areas have
        no population, so theirs is not measured."""
        table = compute(nagomi_ledger(), level="district", area_ids=["edogawa"])
        assert table.value("consultations_per_100k", FY16, "edogawa") == pytest.approx(
            569 / (681_298 / 100_000 * 12))
        assert table.value("consultations_per_100k", FY16, "edogawa-koiwa") is None


def _tally(activity: ActivityKind, *categories: AttendeeCategory) -> Indicator:
    return Indicator(id=f"{activity.value}_attendance", name=activity.label,
                     events=(ActivitySessionHeld,), measure=Tally(Attr("counts")),
                     where=Is("activity", activity), groups=tuple(c.value for c in categories))


def _sessions(activity: ActivityKind) -> Indicator:
    return Indicator(id=f"{activity.value}_sessions", name=activity.label,
                     events=(ActivitySessionHeld,), measure=Count(),
                     where=Is("activity", activity))


_C = AttendeeCategory
VISITORS = _tally(ActivityKind.GATHERING_SPACE, _C.UNDER_20, _C.FROM_20_TO_64, _C.OVER_64)
STUDY = _tally(ActivityKind.STUDY_SUPPORT, _C.ELEMENTARY, _C.JUNIOR_HIGH, _C.HIGH_SCHOOL)
DINER = _tally(ActivityKind.CHILDRENS_DINER, _C.CHILDREN, _C.ADULTS)
STUDY_SESSIONS = _sessions(ActivityKind.STUDY_SUPPORT)
DINER_SESSIONS = _sessions(ActivityKind.CHILDRENS_DINER)
ACTIVITIES = [VISITORS, STUDY, DINER, STUDY_SESSIONS, DINER_SESSIONS]

#: The activity tables as the report prints them (第3章 2.(2)⑦; DOMAIN.md §8): per base and
#: for the ward, the total then each category; sessions for study support and the diner.
VISITOR_TABLE = {"edogawa-koiwa": (2_030, 108, 588, 1_334),
                 "edogawa-matsue-kita": (4_077, 1_623, 1_128, 1_326),
                 "edogawa-nagashima-kuwagawa": (4_424, 1_999, 1_035, 1_390),
                 "edogawa": (10_531, 3_730, 2_751, 4_050)}
STUDY_TABLE = {"edogawa-koiwa": (30, 74, 57, 8, 9),
               "edogawa-matsue-kita": (30, 88, 88, 0, 0),
               "edogawa-nagashima-kuwagawa": (30, 82, 60, 22, 0),
               "edogawa": (90, 244, 205, 30, 9)}
DINER_TABLE = {"edogawa-koiwa": (8, 143, 105, 38),
               "edogawa-matsue-kita": (8, 118, 95, 23),
               "edogawa-nagashima-kuwagawa": (8, 78, 69, 9),
               "edogawa": (24, 339, 269, 70)}


class TestNagomiActivities:
    """The gathering space, study support and children's diner of the なごみの家, as activity
    sessions, reproduce the report's tables exactly: totals and every breakdown."""

    def test_reference_data_matches_the_report(self) -> None:
        """The preset's figures are the report's, base by base."""
        for area, (total, *ages) in VISITOR_TABLE.items():
            if area != "edogawa":
                assert tuple(NAGOMI_VISITORS[area]) == tuple(ages)
                assert NAGOMI_VISITORS[area].total == total
        for area, (sessions, total, *levels) in STUDY_TABLE.items():
            if area != "edogawa":
                assert tuple(NAGOMI_STUDY_SUPPORT[area]) == (sessions, *levels)
                assert NAGOMI_STUDY_SUPPORT[area].participants == total
        for area, (sessions, total, *who) in DINER_TABLE.items():
            if area != "edogawa":
                assert tuple(NAGOMI_CHILDRENS_DINER[area]) == (sessions, *who)
                assert NAGOMI_CHILDRENS_DINER[area].participants == total

    @pytest.mark.parametrize("area", list(VISITOR_TABLE))
    def test_visitors(self, area: str) -> None:
        """Visitors to the gathering space in all and by age band, per base and ward."""
        table = compute(nagomi_ledger(), indicators=ACTIVITIES, level="district",
                        area_ids=["edogawa"])
        total, *ages = VISITOR_TABLE[area]
        assert table.value(VISITORS.id, FY16, area) == total
        assert [table.value(VISITORS.id, FY16, area, g) for g in VISITORS.groups] == ages

    @pytest.mark.parametrize("area", list(STUDY_TABLE))
    def test_study_support(self, area: str) -> None:
        """Study-support sessions and participants by school level, per base and ward."""
        table = compute(nagomi_ledger(), indicators=ACTIVITIES, level="district",
                        area_ids=["edogawa"])
        sessions, total, *levels = STUDY_TABLE[area]
        assert table.value(STUDY_SESSIONS.id, FY16, area) == sessions
        assert table.value(STUDY.id, FY16, area) == total
        assert [table.value(STUDY.id, FY16, area, g) for g in STUDY.groups] == levels

    @pytest.mark.parametrize("area", list(DINER_TABLE))
    def test_childrens_diner(self, area: str) -> None:
        """Children's-diner sessions and participants, children and adults."""
        table = compute(nagomi_ledger(), indicators=ACTIVITIES, level="district",
                        area_ids=["edogawa"])
        sessions, total, *who = DINER_TABLE[area]
        assert table.value(DINER_SESSIONS.id, FY16, area) == sessions
        assert table.value(DINER.id, FY16, area) == total
        assert [table.value(DINER.id, FY16, area, g) for g in DINER.groups] == who

    def test_months_add_up(self) -> None:
        """Month by month, the visitors fall in May – January and add up to the year."""
        table = compute(nagomi_ledger(), indicators=[VISITORS], grain=PeriodKind.MONTH,
                        periods=FY16.months())
        values = [table.value(VISITORS.id, m, "edogawa") for m in FY16.months()]
        assert values[0] == 0
        assert values[-2:] == [0, 0]
        assert sum(v for v in values if v is not None) == 10_531


# -- the survey's FY2016 promotion-meeting sessions --------------------------------------------


def _municipality_numbers() -> list[int]:
    return sorted(PROMOTION_MEETINGS_FY2016)


class TestSurveySessions:
    """5A1 reproduces the survey's FY2016 session counts of all 26 municipalities."""

    def test_reference_data(self) -> None:
        """The survey data covers the 26 municipalities, 6 of them with sub-committees."""
        assert _municipality_numbers() == list(range(1, 27))
        with_subcommittees = [n for n, c in PROMOTION_MEETINGS_FY2016.items()
                              if c.subcommittees]
        assert len(with_subcommittees) == SUBCOMMITTEES.count("yes") == 6
        assert PROMOTION_MEETINGS_FY2016[17] == (188, 0)
        assert PROMOTION_MEETINGS_FY2016[16] == PROMOTION_MEETINGS_FY2016[20] == (0, 0)

    @pytest.mark.parametrize("number", _municipality_numbers())
    def test_sessions(self, number: int) -> None:
        """The total row counts every 推進会議 session of FY2016, the plenary group the
        whole body's and the subcommittee group the sub-committees'; a group without
        sessions has no row."""
        whole, subcommittees = PROMOTION_MEETINGS_FY2016[number]
        ledger = survey_ledger(number)
        city = ledger.directory.id
        table = compute(ledger, periods=[FY16])
        assert table.value("5A1", FY16, city) == whole + subcommittees
        expected = {"plenary": whole, "subcommittee": subcommittees}
        assert table.groups("5A1") == ("plenary", "subcommittee")
        for group, n in expected.items():
            assert table.value("5A1", FY16, city, group) == n
        for group, n in expected.items():
            if n:
                assert table.value("5A1", FY16, city, group) == n
        assert table.value("5A3", FY16, city) == 10 * (whole + subcommittees)

    def test_extremes(self) -> None:
        """The busiest municipality held 188 sessions, two held none."""
        assert compute(survey_ledger(17), periods=[FY16]).value("5A1", FY16, "s17") == 188
        for number in (16, 20):
            table = compute(survey_ledger(number), periods=[FY16])
            assert table.value("5A1", FY16, f"s{number}") == 0
            assert table.groups("5A1") == ("plenary", "subcommittee")
            assert table.value("5A1", FY16, f"s{number}", "plenary") == 0

    def test_neighbouring_years(self) -> None:
        """The sessions just outside FY2016 count in FY2015 and FY2017."""
        table = compute(survey_ledger(3))
        assert table.periods == (FiscalYear(2015), FY16, FiscalYear(2017))
        assert table.value("5A1", FiscalYear(2015), "s03") == 1
        assert table.value("5A1", FiscalYear(2017), "s03") == 1

    def test_totals(self) -> None:
        """Over the 26, the sessions add up to the survey's sums."""
        whole = sum(c.whole for c in PROMOTION_MEETINGS_FY2016.values())
        sub = sum(c.subcommittees for c in PROMOTION_MEETINGS_FY2016.values())
        got_whole = got_sub = 0
        for number in _municipality_numbers():
            table = compute(survey_ledger(number), periods=[FY16])
            groups = dict.fromkeys(table.groups("5A1"))
            city = f"s{number:02d}"
            got_whole += table.value("5A1", FY16, city, "plenary") if "plenary" in groups else 0
            got_sub += (table.value("5A1", FY16, city, "subcommittee")
                        if "subcommittee" in groups else 0)
        assert (got_whole, got_sub) == (whole, sub) == (354, 28)


# -- 釧路市 ---------------------------------------------------------------------------------------


def kushiro_ledger() -> tuple[Municipality, Ledger]:
    """The FY2016 sessions the report counts for 釧路市's 全体会 and 部会, each in its own
    area."""
    city = kushiro()
    events: list[Event] = [
        MeetingHeld(id=f"e-{body_id}-{day}", date=day, session_id=f"s-{body_id}-{day}",
                    body_id=body_id, area_id=city.body(body_id).area_id, participants=4)
        for body_id, n in SESSIONS_FY2016.items() if n is not None
        for day in spread(n, D(2016, 6, 1), D(2017, 2, 1))
    ]
    events.sort(key=lambda e: (e.date, e.id))
    return city, Ledger(city, events)


class TestKushiro:
    """釧路市's 全体会 and 部会 in FY2016."""

    def test_sessions(self) -> None:
        """5A1: the 全体会's two plenary sessions and the 部会's sessions, by area."""
        _, ledger = kushiro_ledger()
        table = compute(ledger, level="district", area_ids=["kushiro"])
        assert table.value("5A1", FY16, "kushiro") == 6
        assert table.value("5A1", FY16, "kushiro", "plenary") == 2
        assert table.value("5A1", FY16, "kushiro", "subcommittee") == 4
        assert table.value("5A1", FY16, "kushiro-onbetsu") == 2
        assert table.value("5A1", FY16, "kushiro-mihara") == 0
