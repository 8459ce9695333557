"""The report's figures as acceptance fixtures for the indicator engine: 江戸川区's なごみの家
consultations (第3章 2.(2)⑤, DOMAIN.md §8), the survey's FY2016 promotion-meeting sessions of
the 26 model municipalities (参考資料3 2-④, DOMAIN.md §5) and 釧路市's 部会 (参考資料2 ①)."""

from __future__ import annotations

import datetime as dt

import pytest

from hokatsu.calendar import FiscalYear, Month, PeriodKind
from hokatsu.domain import ConsultationContent, Municipality
from hokatsu.events import ConsultationReceived, Event, MeetingHeld
from hokatsu.indicators import compute
from hokatsu.ledger import Ledger
from hokatsu.reference.edogawa import BASES, NAGOMI_CONSULTATIONS, NAGOMI_PERIOD, edogawa
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
    """One ConsultationReceived per consultation of the table, at each base's agency and
    territory, spread over May 2016 – January 2017."""
    agency_of = {area: agency for area, agency, _ in BASES}
    first, last = NAGOMI_PERIOD[0].start, NAGOMI_PERIOD[1].end
    pending: list[tuple[dt.date, int, str, ConsultationContent]] = []
    for area, contents in NAGOMI_CONSULTATIONS.items():
        kinds = [c for c, n in contents.items() for _ in range(n)]
        for k, (day, content) in enumerate(zip(spread(len(kinds), first, last), kinds,
                                               strict=True)):
            pending.append((day, k, area, content))
    pending.sort(key=lambda p: (p[0], p[2], p[1]))
    events: list[Event] = [
        ConsultationReceived(id=f"n{i}", date=day, area_id=area, agency_id=agency_of[area],
                             content=content)
        for i, (day, _, area, content) in enumerate(pending)
    ]
    return Ledger(edogawa(), events)


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
