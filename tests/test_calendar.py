"""Tests for hokatsu.calendar: fiscal years (年度), quarters, months and period keys."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu import (
    FiscalYear,
    InvalidValueError,
    Month,
    PeriodKind,
    Quarter,
    fiscal_year_of,
    parse_period,
)
from hokatsu.calendar import MAX_YEAR, MIN_YEAR, iter_days
from tests.strategies import fiscal_years, months, periods, quarters

# Dates for which every period of every kind exists.
safe_dates = st.dates(dt.date(MIN_YEAR, 4, 1), dt.date(MAX_YEAR + 1, 3, 31))


class TestFiscalYearOf:
    def test_31_march_belongs_to_previous_year(self) -> None:
        """31 March 2017 is the last day of FY2016."""
        assert fiscal_year_of(dt.date(2017, 3, 31)) == 2016

    def test_1_april_starts_a_new_year(self) -> None:
        """1 April 2017 is the first day of FY2017."""
        assert fiscal_year_of(dt.date(2017, 4, 1)) == 2017

    def test_january_belongs_to_previous_year(self) -> None:
        """January 2017 lies in FY2016."""
        assert fiscal_year_of(dt.date(2017, 1, 15)) == 2016

    @given(safe_dates)
    def test_of_contains(self, date: dt.date) -> None:
        """The fiscal year a date falls in contains it, between its start and end."""
        fy = FiscalYear.of(date)
        assert fy.contains(date)
        assert fy.start <= date <= fy.end


class TestFiscalYear:
    def test_boundaries(self) -> None:
        """FY2016 runs from 1 April 2016 to 31 March 2017."""
        fy = FiscalYear(2016)
        assert (fy.start, fy.end) == (dt.date(2016, 4, 1), dt.date(2017, 3, 31))
        assert fy.contains(dt.date(2017, 3, 31))
        assert not fy.contains(dt.date(2017, 4, 1))
        assert not fy.contains(dt.date(2016, 3, 31))

    @pytest.mark.parametrize(
        ("year", "label"),
        [
            (2016, "平成28年度"),
            (2018, "平成30年度"),
            (2019, "令和元年度"),
            (2021, "令和3年度"),
            (1988, "昭和63年度"),
            (1989, "平成元年度"),
            (1925, "大正14年度"),
            (1868, "明治元年度"),
        ],
    )
    def test_era_labels(self, year: int, label: str) -> None:
        """The label uses the era in force in the calendar year the fiscal year starts in."""
        assert FiscalYear(year).label == label

    def test_key_and_repr(self) -> None:
        """The key is ``FY`` and the year; the repr reads back as code."""
        assert FiscalYear(2016).key == "FY2016"
        assert repr(FiscalYear(2016)) == "FiscalYear(2016)"

    def test_fiscal_year_of_itself(self) -> None:
        """A fiscal year's fiscal year is itself."""
        fy = FiscalYear(2016)
        assert fy.fiscal_year is fy

    @pytest.mark.parametrize("year", [MIN_YEAR - 1, MAX_YEAR + 1, 2016.0, "2016", True, None])
    def test_rejects_bad_years(self, year: object) -> None:
        """Years outside 1868–9998 and non-integers are rejected."""
        with pytest.raises(InvalidValueError) as info:
            FiscalYear(year)  # type: ignore[arg-type]
        assert info.value.field == "year"

    def test_range_ends_are_valid(self) -> None:
        """The first and last fiscal years exist and reach their ends."""
        assert FiscalYear(MIN_YEAR).start == dt.date(MIN_YEAR, 4, 1)
        assert FiscalYear(MAX_YEAR).end == dt.date(MAX_YEAR + 1, 3, 31)

    def test_arithmetic(self) -> None:
        """Adding and subtracting years moves the fiscal year; non-ints are not added."""
        assert FiscalYear(2016) + 1 == FiscalYear(2017)
        assert FiscalYear(2016) - 2 == FiscalYear(2014)
        with pytest.raises(TypeError):
            FiscalYear(2016) + True  # type: ignore[operator]
        with pytest.raises(InvalidValueError):
            FiscalYear(MAX_YEAR) + 1

    def test_quarters(self) -> None:
        """A fiscal year has four quarters, April–June first and January–March last."""
        qs = FiscalYear(2016).quarters()
        assert qs == tuple(Quarter(2016, n) for n in range(1, 5))
        assert qs[0].start == dt.date(2016, 4, 1)
        assert qs[0].end == dt.date(2016, 6, 30)
        assert qs[3].start == dt.date(2017, 1, 1)
        assert qs[3].end == dt.date(2017, 3, 31)

    def test_months(self) -> None:
        """A fiscal year has twelve months, April first and March last."""
        ms = FiscalYear(2016).months()
        assert len(ms) == 12
        assert ms[0] == Month(2016, 4)
        assert ms[8] == Month(2016, 12)
        assert ms[9] == Month(2017, 1)
        assert ms[-1] == Month(2017, 3)

    @given(fiscal_years)
    def test_months_and_quarters_tile_the_year(self, fy: FiscalYear) -> None:
        """Months and quarters cover the fiscal year without gaps, all belonging to it."""
        ms = fy.months()
        assert ms[0].start == fy.start
        assert ms[-1].end == fy.end
        for a, b in itertools.pairwise(ms):
            assert a.end + dt.timedelta(days=1) == b.start
        assert all(m.fiscal_year == fy for m in ms)
        qs = fy.quarters()
        assert qs[0].start == fy.start
        assert qs[-1].end == fy.end
        assert sum((q.months() for q in qs), ()) == ms
        assert all(m.quarter == q for q in qs for m in q.months())


class TestFiscalYearParse:
    @pytest.mark.parametrize(
        ("text", "year"),
        [
            ("FY2016", 2016),
            ("2016", 2016),
            ("2016年度", 2016),
            ("平成28年度", 2016),
            ("平成28", 2016),
            ("令和元年度", 2019),
            ("令和元", 2019),
            ("令和3年度", 2021),
            ("R3", 2021),
            ("R元", 2019),
            ("H28", 2016),
            ("S63", 1988),
            ("昭和63年度", 1988),
            ("平成元年度", 1989),
            ("大正元年度", 1912),
            ("明治元年度", 1868),
            ("平成２８年度", 2016),
            ("ＦＹ２０１６", 2016),
            ("２０１６", 2016),
            ("Ｒ３", 2021),
            ("  平成28年度 ", 2016),
            ("令和100年度", 2118),
        ],
    )
    def test_documented_forms(self, text: str, year: int) -> None:
        """Every documented form, with full-width digits and letters too, reads as its year."""
        assert FiscalYear.parse(text) == FiscalYear(year)

    @pytest.mark.parametrize(
        "text",
        [
            "平成32年度",  # FY2020 is 令和2年度
            "昭和64年度",  # FY1989 is 平成元年度 (昭和 ended on 7 January 1989)
            "令和0年度",
            "平成0",
            "明治46年度",  # 大正 began in July 1912
        ],
    )
    def test_rejects_years_outside_their_era(self, text: str) -> None:
        """An era year that the library would label with another era is rejected."""
        with pytest.raises(InvalidValueError) as info:
            FiscalYear.parse(text)
        assert info.value.expected == "a year inside its era"

    @pytest.mark.parametrize(("text", "year"), [("平成31年度", 2019), ("大正15年度", 1926),
                                                ("明治45年度", 1912)])
    def test_older_label_of_a_year_whose_era_changed(self, text: str, year: int) -> None:
        """The label in use on 1 April of a year whose era changed later is read too."""
        assert FiscalYear.parse(text) == FiscalYear(year)
        assert FiscalYear(year).label != text  # the library itself writes the newer era

    @pytest.mark.parametrize(
        "text",
        ["", "FY", "FY16", "16", "h28", "平成", "平成二十八年度", "2016年", "FY2016Q1",
         "2016-05", "令和12345", "X3", "20160", "FY 2016"],
    )
    def test_rejects_junk(self, text: str) -> None:
        """Text in none of the forms is rejected with InvalidValueError."""
        with pytest.raises(InvalidValueError):
            FiscalYear.parse(text)

    @pytest.mark.parametrize("text", ["1867", "FY9999", "0000"])
    def test_rejects_years_out_of_range(self, text: str) -> None:
        """Four-digit years outside the supported range are rejected."""
        with pytest.raises(InvalidValueError):
            FiscalYear.parse(text)

    @pytest.mark.parametrize("value", [2016, None, b"2016", ["FY2016"]])
    def test_rejects_non_strings(self, value: object) -> None:
        """Only strings are parsed."""
        with pytest.raises(InvalidValueError):
            FiscalYear.parse(value)  # type: ignore[arg-type]

    @given(fiscal_years)
    def test_label_round_trip(self, fy: FiscalYear) -> None:
        """Every label and key parses back to its fiscal year."""
        assert FiscalYear.parse(fy.label) == fy
        assert FiscalYear.parse(fy.key) == fy
        assert FiscalYear.parse(str(fy.year)) == fy


class TestQuarter:
    def test_of(self) -> None:
        """May is in Q1, December in Q3, March in Q4 of the previous fiscal year."""
        assert Quarter.of(dt.date(2016, 5, 1)) == Quarter(2016, 1)
        assert Quarter.of(dt.date(2016, 12, 31)) == Quarter(2016, 3)
        assert Quarter.of(dt.date(2017, 3, 31)) == Quarter(2016, 4)
        assert Quarter.of(dt.date(2017, 4, 1)) == Quarter(2017, 1)

    def test_key_label_months(self) -> None:
        """Q4 of FY2016 is January–March 2017, labelled in the era."""
        q = Quarter(2016, 4)
        assert q.key == "FY2016Q4"
        assert q.label == "平成28年度第4四半期"
        assert q.months() == (Month(2017, 1), Month(2017, 2), Month(2017, 3))
        assert q.fiscal_year == FiscalYear(2016)

    def test_last_quarter_of_last_year(self) -> None:
        """The last quarter of the last fiscal year has an end (it once built a quarter past
        the range to compute it)."""
        assert Quarter(MAX_YEAR, 4).end == dt.date(MAX_YEAR + 1, 3, 31)

    @pytest.mark.parametrize("number", [0, 5, 1.0, "1", None, True])
    def test_rejects_bad_numbers(self, number: object) -> None:
        """Quarter numbers are integers from 1 to 4."""
        with pytest.raises(InvalidValueError) as info:
            Quarter(2016, number)  # type: ignore[arg-type]
        assert info.value.field == "number"

    @given(quarters)
    def test_contains_its_days(self, q: Quarter) -> None:
        """A quarter contains its start and end and not the days just outside."""
        assert q.contains(q.start)
        assert q.contains(q.end)
        assert not q.contains(q.start - dt.timedelta(days=1))
        if q.end < dt.date.max:
            assert not q.contains(q.end + dt.timedelta(days=1))
        assert Quarter.of(q.start) == q == Quarter.of(q.end)


class TestMonth:
    def test_key_and_label(self) -> None:
        """May 2016 has key ``2016-05`` and label ``2016年5月``."""
        m = Month(2016, 5)
        assert (m.key, m.label) == ("2016-05", "2016年5月")

    def test_end_of_february(self) -> None:
        """February ends on the 29th in a leap year and the 28th otherwise."""
        assert Month(2016, 2).end == dt.date(2016, 2, 29)
        assert Month(2017, 2).end == dt.date(2017, 2, 28)
        assert Month(2016, 12).end == dt.date(2016, 12, 31)

    def test_fiscal_year_and_quarter(self) -> None:
        """March 2017 belongs to FY2016 Q4; April 2017 to FY2017 Q1."""
        assert Month(2017, 3).fiscal_year == FiscalYear(2016)
        assert Month(2017, 3).quarter == Quarter(2016, 4)
        assert Month(2017, 4).fiscal_year == FiscalYear(2017)
        assert Month(2017, 4).quarter == Quarter(2017, 1)

    @pytest.mark.parametrize(
        ("year", "month"),
        [(2016, 0), (2016, 13), (2016, 1.0), (MIN_YEAR, 3), (MAX_YEAR + 1, 4), (10_000, 1)],
    )
    def test_rejects_months_outside_the_range(self, year: object, month: object) -> None:
        """Months whose fiscal year is outside 1868–9998, and bad month numbers, are rejected."""
        with pytest.raises(InvalidValueError):
            Month(year, month)  # type: ignore[arg-type]

    def test_range_edges_are_valid(self) -> None:
        """April of the first year and March after the last fiscal year are valid months."""
        assert Month(MIN_YEAR, 4).fiscal_year == FiscalYear(MIN_YEAR)
        assert Month(MAX_YEAR + 1, 3).fiscal_year == FiscalYear(MAX_YEAR)

    @given(months)
    def test_contains_every_day(self, m: Month) -> None:
        """A month contains each of its days, which all map back to it."""
        days = list(iter_days(m.start, m.end))
        assert 28 <= len(days) <= 31
        assert all(m.contains(d) and Month.of(d) == m for d in days)
        assert m.quarter.contains(m.start)
        assert m.fiscal_year.contains(m.end)


class TestPeriodKind:
    @given(safe_dates)
    def test_of(self, date: dt.date) -> None:
        """Each kind returns the period of that kind containing the date."""
        fy = PeriodKind.FISCAL_YEAR.of(date)
        q = PeriodKind.QUARTER.of(date)
        m = PeriodKind.MONTH.of(date)
        assert (type(fy), type(q), type(m)) == (FiscalYear, Quarter, Month)
        assert fy.contains(date)
        assert q.contains(date)
        assert m.contains(date)
        assert (fy.kind, q.kind, m.kind) == tuple(PeriodKind)

    def test_labels(self) -> None:
        """Kinds carry Japanese labels and stable values."""
        assert PeriodKind.FISCAL_YEAR.label == "年度"
        assert PeriodKind("quarter") is PeriodKind.QUARTER
        assert str(PeriodKind.MONTH) == "month"


class TestParsePeriod:
    @pytest.mark.parametrize(
        ("key", "period"),
        [("FY2016", FiscalYear(2016)), ("FY2016Q1", Quarter(2016, 1)), ("2016-05", Month(2016, 5))],
    )
    def test_forms(self, key: str, period: object) -> None:
        """Each key form reads back as its kind of period."""
        assert parse_period(key) == period

    @given(periods)
    def test_key_round_trip(self, period: FiscalYear | Quarter | Month) -> None:
        """Every period's key parses back to an equal period of the same kind."""
        back = parse_period(period.key)
        assert back == period
        assert type(back) is type(period)

    @pytest.mark.parametrize(
        "key",
        ["", "2016", "FY2016Q5", "FY2016Q0", "2016-13", "2016-00", "2016-5", "fy2016",
         "平成28年度", " FY2016", "FY2016\n", "FY1867", "1867-12"],
    )
    def test_rejects_non_keys(self, key: str) -> None:
        """Anything but a canonical key in range is rejected with InvalidValueError."""
        with pytest.raises(InvalidValueError):
            parse_period(key)

    @pytest.mark.parametrize("key", [None, 2016, FiscalYear(2016)])
    def test_rejects_non_strings(self, key: object) -> None:
        """Only strings are parsed."""
        with pytest.raises(InvalidValueError):
            parse_period(key)  # type: ignore[arg-type]


class TestOrdering:
    def test_fiscal_years_order_by_year(self) -> None:
        """Fiscal years sort chronologically."""
        assert sorted([FiscalYear(2017), FiscalYear(2015), FiscalYear(2016)]) == [
            FiscalYear(2015), FiscalYear(2016), FiscalYear(2017)]

    def test_quarters_order_within_and_across_years(self) -> None:
        """Quarters sort by fiscal year, then number: FY2016 Q4 comes before FY2017 Q1."""
        assert Quarter(2016, 4) < Quarter(2017, 1)
        assert Quarter(2016, 1) < Quarter(2016, 2)

    @given(st.lists(months, min_size=2, max_size=6))
    def test_months_order_like_their_starts(self, ms: list[Month]) -> None:
        """Months sort like their first days."""
        assert [m.start for m in sorted(ms)] == sorted(m.start for m in ms)

    @given(st.lists(quarters, min_size=2, max_size=6))
    def test_quarters_order_like_their_starts(self, qs: list[Quarter]) -> None:
        """Quarters sort like their first days."""
        assert [q.start for q in sorted(qs)] == sorted(q.start for q in qs)

    def test_kinds_do_not_compare(self) -> None:
        """Periods of different kinds are not ordered against each other."""
        with pytest.raises(TypeError):
            assert FiscalYear(2016) < Quarter(2016, 1)  # type: ignore[operator]
