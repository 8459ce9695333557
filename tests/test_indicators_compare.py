"""Tests for hokatsu.indicators.compare: change from year to year, and municipalities side
by side (第4章 2.(2)④, 参考資料3 3-②)."""

from __future__ import annotations

from typing import Any

import pytest

from hokatsu.calendar import FiscalYear, Month, Period, PeriodKind
from hokatsu.errors import InvalidValueError
from hokatsu.events import ActorJoined, EvaluationCollected, EvaluationTopic, TrainingHeld
from hokatsu.indicators import BY_ID, ResultTable, Row, compute
from hokatsu.indicators.compare import (
    Change,
    Comparison,
    compare_municipalities,
    year_on_year,
)
from tests.indicator_ledgers import FY15, FY16, FY17, Book, D, survey_ledger


def _row(indicator: str, period: Period, value: float | None, *, area: str = "x",
         group: str | None = None) -> Row:
    return Row(indicator=indicator, period=period, area_id=area, group=group, value=value)


class TestYearOnYear:
    """year_on_year: differences and ratios between consecutive periods."""

    def test_difference_and_ratio(self) -> None:
        """Each pair of consecutive years gives the difference and the ratio."""
        table = ResultTable(rows=(_row("1A1", FY15, 2), _row("1A1", FY16, 5),
                                  _row("1A1", FY17, 4)))
        changes = year_on_year(table)
        assert changes == (
            Change(indicator="1A1", area_id="x", group=None, previous_period=FY15,
                   period=FY16, previous=2, current=5, difference=3, ratio=2.5),
            Change(indicator="1A1", area_id="x", group=None, previous_period=FY16,
                   period=FY17, previous=5, current=4, difference=-1, ratio=0.8),
        )

    def test_not_measured_gives_none(self) -> None:
        """Difference and ratio are None when either year is not measured."""
        table = ResultTable(rows=(_row("4O2", FY15, None), _row("4O2", FY16, 3.5),
                                  _row("4O2", FY17, None)))
        for change in year_on_year(table):
            assert change.difference is None
            assert change.ratio is None
        assert [c.current for c in year_on_year(table)] == [3.5, None]

    def test_previous_zero_gives_no_ratio(self) -> None:
        """After a zero the ratio is None, while the difference is given."""
        (change,) = year_on_year(ResultTable(rows=(_row("1A1", FY15, 0), _row("1A1", FY16, 3))))
        assert (change.difference, change.ratio) == (3, None)

    def test_series_kept_apart(self) -> None:
        """Areas, groups and kinds of period form separate series; order in the table does
        not matter."""
        table = ResultTable(rows=(
            _row("5A1", FY17, 4, area="a"), _row("5A1", FY16, 1, area="b"),
            _row("5A1", FY16, 2, area="a"), _row("5A1", FY16, 1, area="a", group="plenary"),
            _row("5A1", Month(2016, 4), 7, area="a"), _row("5A1", FY17, 3, area="b"),
            _row("5A1", Month(2016, 5), 6, area="a"),
        ))
        changes = {(c.area_id, c.group, c.period): c.difference for c in year_on_year(table)}
        assert changes == {("a", None, FY17): 2, ("b", None, FY17): 2,
                           ("a", None, Month(2016, 5)): -1}

    def test_indicator_selection_and_composites(self) -> None:
        """indicators= keeps some indicators; composite rows (5O4) are skipped."""
        b = Book(day=D(2016, 5, 1))
        b.add(ActorJoined, area_id="himi", agency_id="himi-jichi")
        b.add(ActorJoined, on=D(2017, 5, 1), area_id="himi", agency_id="himi-minsei")
        table = b.table()
        assert {c.indicator for c in year_on_year(table, indicators=["3O1", "5O4"])} == {"3O1"}
        assert "5O4" not in {c.indicator for c in year_on_year(table)}
        (change,) = year_on_year(table, indicators=["3O1"])
        assert (change.previous, change.current, change.difference) == (1, 1, 0)

    def test_engine_tables(self) -> None:
        """On a computed table, a questionnaire not run the first year gives None."""
        b = Book(day=D(2016, 5, 1))
        b.add(TrainingHeld, area_id="himi", participants=10)
        b.add(EvaluationCollected, on=D(2017, 5, 1), area_id="himi",
              topic=EvaluationTopic.SYSTEM_IMPROVEMENT, counts=(0, 2))
        b.add(TrainingHeld, area_id="himi", participants=30)
        changes = {c.indicator: c for c in year_on_year(b.table())}
        assert (changes["4A6"].difference, changes["4A6"].ratio) == (20, 3)
        assert changes["4O2"].previous is None
        assert changes["4O2"].current == 2
        assert changes["4O2"].difference is None

    def test_months(self) -> None:
        """Months compare with the month before."""
        b = Book(day=D(2016, 5, 1))
        b.add(TrainingHeld, area_id="himi", participants=10)
        b.add(TrainingHeld, on=D(2016, 6, 1), area_id="himi", participants=10)
        b.add(TrainingHeld, area_id="himi", participants=10)
        table = b.table(grain=PeriodKind.MONTH)
        (change,) = year_on_year(table, indicators=["4A5"])
        assert (change.previous_period, change.period) == (Month(2016, 5), Month(2016, 6))
        assert (change.difference, change.ratio) == (1, 2)


    @pytest.mark.parametrize("table", [None, (), [_row("1A1", FY15, 2)], "table"])
    def test_refuses_what_is_not_a_table(self, table: Any) -> None:
        """Anything but a ResultTable is an InvalidValueError naming the argument."""
        with pytest.raises(InvalidValueError, match=r"year_on_year\.table"):
            year_on_year(table)

    @pytest.mark.parametrize("indicators", ["1A1", 5, [None], [["1A1"]], {"1A1": 1}])
    def test_refuses_indicators_that_are_not_ids(self, indicators: Any) -> None:
        """indicators= takes an iterable of ids; a single id (a string would be read letter by
        letter), a number or junk items are InvalidValueErrors."""
        table = ResultTable(rows=(_row("1A1", FY15, 2), _row("1A1", FY16, 5)))
        with pytest.raises(InvalidValueError, match=r"year_on_year\.indicators"):
            year_on_year(table, indicators=indicators)

    def test_indicators_by_id_or_by_indicator(self) -> None:
        """indicators= takes indicator objects as well as their ids."""
        table = ResultTable(rows=(_row("1A1", FY15, 2), _row("1A1", FY16, 5),
                                  _row("1A2", FY15, 1), _row("1A2", FY16, 1)))
        assert year_on_year(table, indicators=[BY_ID["1A1"]]) == year_on_year(
            table, indicators=("1A1",))
        assert {c.indicator for c in year_on_year(table, indicators=iter(["1A2"]))} == {"1A2"}


class TestCompareMunicipalities:
    """compare_municipalities: one indicator across municipalities."""

    def _tables(self) -> dict[str, ResultTable]:
        return {
            "A": ResultTable(rows=(_row("5A1", FY16, 2), _row("5A1", FY16, 2, group="plenary"),
                                   _row("1A1", FY16, 9), _row("4O2", FY16, None))),
            "B": ResultTable(rows=(_row("5A1", FY16, 7), _row("5A1", FY17, 1),
                                   _row("4O2", FY16, 3.0), _row("1A1", FY16, 0))),
            "C": ResultTable(rows=(_row("5A1", FY16, 7), _row("4O2", FY16, 4.5),
                                   _row("1A1", FY16, 1))),
        }

    def test_values_in_the_given_order(self) -> None:
        """Each comparison lists (municipality, value) in the order the tables were given,
        None where a table has no such row."""
        comparisons = compare_municipalities(self._tables(), indicators=["5A1"])
        assert comparisons == (
            Comparison(indicator="5A1", period=FY16, group=None,
                       values=(("A", 2), ("B", 7), ("C", 7))),
            Comparison(indicator="5A1", period=FY16, group="plenary",
                       values=(("A", 2), ("B", None), ("C", None))),
            Comparison(indicator="5A1", period=FY17, group=None,
                       values=(("A", None), ("B", 1), ("C", None))),
        )

    def test_default_indicators_are_common_ones(self) -> None:
        """Without indicators=, the indicators in every table, in the first table's order."""
        tables = self._tables()
        tables["C"] = ResultTable(rows=(_row("5A1", FY16, 1), _row("1A1", FY16, 1)))
        assert [c.indicator for c in compare_municipalities(tables)] == [
            "5A1", "5A1", "5A1", "1A1"]

    def test_period_selection(self) -> None:
        """periods= keeps those periods only."""
        comparisons = compare_municipalities(self._tables(), indicators=["5A1"],
                                             periods=[FY17])
        assert [(c.period, c.group) for c in comparisons] == [(FY17, None)]

    def test_ranking(self) -> None:
        """ranking() orders the measured municipalities highest first, ties in the given
        order, leaving out those not measured."""
        by_key = {(c.indicator, c.group): c
                  for c in compare_municipalities(self._tables(), periods=[FY16])}
        assert by_key[("5A1", None)].ranking() == ("B", "C", "A")
        assert by_key[("4O2", None)].ranking() == ("C", "B")
        assert by_key[("1A1", None)].ranking() == ("A", "C", "B")

    def test_multi_area_table_is_refused(self) -> None:
        """A table with more than one area is an InvalidValueError naming the table."""
        b = Book()
        b.add(TrainingHeld, area_id="himi-d01", participants=3)
        with pytest.raises(InvalidValueError, match="'himi'"):
            compare_municipalities({"himi": b.table(level="block")})

    def test_survey_municipalities(self) -> None:
        """Survey municipalities compare on 5A1, the busiest first."""
        tables = {f"{n}": compute(survey_ledger(n), periods=[FY16]) for n in (1, 12, 17, 20)}
        (total,) = [c for c in compare_municipalities(tables, indicators=["5A1"])
                    if c.group is None]
        assert total.values == (("1", 1), ("12", 79), ("17", 188), ("20", 0))
        assert total.ranking() == ("17", "12", "1", "20")

    def test_empty(self) -> None:
        """No tables, no comparisons."""
        assert compare_municipalities({}) == ()

    @pytest.mark.parametrize(("tables", "field"), [
        (None, "tables"), ([ResultTable(rows=())], "tables"), ("A", "tables"),
        ({"A": None}, "tables['A']"), ({"A": [_row("1A1", FY15, 2)]}, "tables['A']"),
        ({1: ResultTable(rows=())}, "tables"), ({"": ResultTable(rows=())}, "tables"),
    ])
    def test_refuses_what_is_not_named_tables(self, tables: Any, field: str) -> None:
        """tables= is a mapping of municipality names to ResultTables; anything else is an
        InvalidValueError naming the argument or the entry."""
        with pytest.raises(InvalidValueError) as caught:
            compare_municipalities(tables)
        assert (caught.value.obj, caught.value.field) == ("compare_municipalities", field)

    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"indicators": "5A1"}, "indicators"), ({"indicators": [5]}, "indicators[0]"),
        ({"indicators": None, "periods": "FY2016"}, "periods"),
        ({"periods": [2016]}, "periods[0]"), ({"periods": FY16}, "periods"),
        ({"periods": ["FY2016"]}, "periods[0]"),
    ])
    def test_refuses_indicators_and_periods_of_the_wrong_kind(
            self, kwargs: dict[str, Any], field: str) -> None:
        """indicators= takes ids and periods= periods, each as an iterable; anything else is an
        InvalidValueError naming the argument or the item, not a TypeError or nothing."""
        with pytest.raises(InvalidValueError) as caught:
            compare_municipalities(self._tables(), **kwargs)
        assert (caught.value.obj, caught.value.field) == ("compare_municipalities", field)

    def test_indicators_by_indicator(self) -> None:
        """indicators= takes indicator objects as well as their ids."""
        tables = self._tables()
        assert compare_municipalities(tables, indicators=[BY_ID["5A1"]]) == (
            compare_municipalities(tables, indicators=["5A1"]))

    def test_fiscal_years_sorted(self) -> None:
        """Comparisons come period by period, earliest first."""
        tables = {"A": ResultTable(rows=(_row("1A1", FiscalYear(2018), 1),
                                         _row("1A1", FY15, 2)))}
        assert [c.period for c in compare_municipalities(tables)] == [FY15, FiscalYear(2018)]
