"""Tests for hokatsu.indicators.output: results as records, as text and as a DataFrame; and the
short reprs of ledgers and tables."""

from __future__ import annotations

import builtins
import functools
import json
import pickle
from typing import Any

import pytest

from hokatsu.calendar import FiscalYear, Month, Quarter
from hokatsu.errors import InvalidValueError, MissingExtraError, UnknownReferenceError
from hokatsu.indicators import REPORT, ResultTable, Row, compute
from hokatsu.indicators.model import Movement
from hokatsu.indicators.output import (
    RECORD_COLUMNS,
    format_table,
    format_value,
    to_pandas,
    to_records,
)
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017

FY17 = FiscalYear(2017)


@functools.cache
def sample_ledger() -> Ledger:
    """The 氷見市 sample year."""
    return Ledger(himi(), himi_fy2017())


@functools.cache
def sample_table() -> ResultTable:
    """The whole catalogue over the sample year, for the city and its blocks."""
    return compute(sample_ledger(), level="block", area_ids=["himi"])


def row(value: float | None, **kw: Any) -> Row:
    """A row of indicator x for FY2017 in area a."""
    return Row(**{"indicator": "x", "period": FY17, "area_id": "a", "value": value, **kw})


class TestFormatValue:
    @pytest.mark.parametrize(
        ("value", "unit", "text"),
        [(None, "件", "not measured"), (None, "有無", "not measured"), (1, "有無", "あり"),
         (0, "有無", "なし"), (1234, "円", "1,234 円"), (3.0, "回", "3 回"),
         (0.256, "割合", "0.26 割合"), (7, "", "7"), (0, "件", "0 件")],
    )
    def test_values(self, value: float | None, unit: str, text: str) -> None:
        """Values are said in words: not measured, あり/なし, a number and its unit."""
        assert format_value(row(value), unit) == text

    def test_composite(self) -> None:
        """A composite says how many of its outcomes went up, or that there is no earlier
        year."""
        moves = (Movement(indicator="a", previous=1, current=2, direction=1),
                 Movement(indicator="b", previous=2, current=1, direction=-1),
                 Movement(indicator="c", previous=None, current=1, direction=None))
        assert format_value(row(None, movements=moves)) == "1 of 2 outcomes up on the year before"
        first = (Movement(indicator="a", previous=None, current=2, direction=None),)
        assert format_value(row(None, movements=first)) == "no earlier year to compare with"

    @pytest.mark.parametrize(("arg", "value"), [("row", None), ("row", {}), ("unit", 3)])
    def test_bad_arguments(self, arg: str, value: object) -> None:
        """A row that is not a Row, or a unit that is not a string, is refused by name."""
        kwargs: dict[str, Any] = {"row": row(1), "unit": ""}
        kwargs[arg] = value
        with pytest.raises(InvalidValueError, match=arg):
            format_value(**kwargs)


class TestFormatTable:
    def test_demo_lines(self) -> None:
        """The report's indicators for FY2017 read as the demo shows them: one heading, one
        line per indicator, in the order asked for."""
        text = sample_table().format(period=FY17, area_id="himi", indicators=REPORT,
                                     title="Operation-stage indicators")
        lines = text.splitlines()
        assert lines[:2] == ["Operation-stage indicators", "平成29年度 (FY2017), 氷見市"]
        assert len(lines) == 2 + len(REPORT)
        assert [line.split()[0] for line in lines[2:]] == [i.id for i in REPORT]
        assert "  4A2 次年度以降の対応計画の策定有無: あり" in lines
        assert "  5A1 会議開催回数: 5 回" in lines
        assert "not measured" in text

    def test_every_period_and_area(self) -> None:
        """Without a period or an area, each of the table's periods and areas gets a
        block."""
        table = compute(sample_ledger(), indicators=["5A1"], grain="quarter", level="block")
        headings = [line for line in table.format().splitlines() if not line.startswith(" ")]
        assert len(headings) == len(table.periods) * len(table.area_ids)
        assert headings[0].startswith("平成29年度第1四半期 (FY2017Q1), ")

    def test_period_key_and_function(self) -> None:
        """A period key works as the period, and the method is the function."""
        table = sample_table()
        assert format_table(table, period="FY2017", area_id="himi") == \
            table.format(period=FY17, area_id="himi")

    def test_groups(self) -> None:
        """With groups, each group's value follows its indicator's total, indented."""
        table = compute(sample_ledger(), indicators=["hard_case_types"])
        lines = table.format(groups=True).splitlines()
        assert lines[1].startswith("  hard_case_types")
        groups = table.groups("hard_case_types")
        assert groups
        assert [line.split(":")[0].strip() for line in lines[2:]] == list(groups)
        assert len(table.format().splitlines()) == 2

    def test_unknown_indicator_named(self) -> None:
        """Asking for an indicator without rows names it."""
        with pytest.raises(UnknownReferenceError, match="nope"):
            format_table(sample_table(), indicators=["nope"])

    def test_unknown_definitions(self) -> None:
        """A table that knows neither its indicators nor its areas still formats, by id."""
        table = ResultTable(rows=(row(3, indicator="mine"),))
        assert table.format() == "平成29年度 (FY2017), a\n  mine: 3"

    def test_empty(self) -> None:
        """An empty table, or a period it does not hold, gives only the title."""
        assert format_table(ResultTable(rows=()), title="t") == "t"
        assert sample_table().format(period="FY2016") == ""

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [({"period": 2017}, "period"), ({"period": "2017"}, "period"),
         ({"indicators": "4A1"}, "indicators"), ({"indicators": [1]}, "indicators[0]"),
         ({"title": 1}, "title"), ({"groups": 1}, "groups"), ({"area_id": 3}, "area_id")],
    )
    def test_bad_arguments(self, kwargs: dict[str, Any], field: str) -> None:
        """Arguments of the wrong kind are refused by name."""
        with pytest.raises(InvalidValueError) as info:
            format_table(sample_table(), **kwargs)
        assert field in str(info.value)

    def test_not_a_table(self) -> None:
        """Only a ResultTable is formatted."""
        with pytest.raises(InvalidValueError, match="table"):
            format_table([])  # type: ignore[arg-type]


class TestRecords:
    def test_one_record_per_row(self) -> None:
        """Each row gives one record, with the columns in order, in row order."""
        table = sample_table()
        records = table.to_records()
        assert len(records) == len(table)
        assert all(tuple(r) == RECORD_COLUMNS for r in records)
        assert [(r["indicator"], r["period"], r["area_id"], r["group"]) for r in records] == \
            [(r.indicator, r.period.key, r.area_id, r.group) for r in table]
        assert records == to_records(table)

    def test_named_in_words(self) -> None:
        """A record names its indicator, unit, period and area in words."""
        record = next(r for r in sample_table().to_records()
                      if r["indicator"] == "5A1" and r["area_id"] == "himi")
        assert record == {
            "indicator": "5A1", "name": "会議開催回数", "unit": "回", "period": "FY2017",
            "period_label": "平成29年度", "area_id": "himi", "area_name": "氷見市", "group": None,
            "value": 5, "numerator": None, "denominator": None, "respondents": None,
        }
        names = {r["area_name"] for r in sample_table().to_records()}
        assert None not in names
        assert len(names) == len(sample_table().area_ids)

    def test_plain_json(self) -> None:
        """Records are plain data: JSON text and back gives them unchanged."""
        records = sample_table().to_records()
        assert json.loads(json.dumps(records, ensure_ascii=False)) == records

    def test_user_indicator_and_unknown_area(self) -> None:
        """An indicator the table knows nothing of has no name or unit; an area none."""
        records = ResultTable(rows=(row(1, indicator="mine"),)).to_records()
        assert (records[0]["name"], records[0]["unit"], records[0]["area_name"]) == \
            (None, None, None)

    def test_catalogue_names_without_definitions(self) -> None:
        """A table built by hand still names catalogue indicators."""
        record = ResultTable(rows=(row(1, indicator="5A1"),)).to_records()[0]
        assert (record["name"], record["unit"]) == ("会議開催回数", "回")

    def test_select_keeps_names(self) -> None:
        """A selection of a table keeps its indicators' and areas' names."""
        record = sample_table().select(indicators=["5A1"], area_ids=["himi"]).to_records()[0]
        assert record["area_name"] == "氷見市"

    def test_months_and_quarters(self) -> None:
        """Periods of any grain are written by key and label."""
        rows = (row(1, period=Month(2017, 4)), row(2, period=Quarter(2017, 1)))
        records = ResultTable(rows=rows).to_records()
        assert [(r["period"], r["period_label"]) for r in records] == \
            [("2017-04", "2017年4月"), ("FY2017Q1", "平成29年度第1四半期")]

    def test_not_a_table(self) -> None:
        """Only a ResultTable gives records."""
        with pytest.raises(InvalidValueError):
            to_records(None)  # type: ignore[arg-type]

    def test_stored_as_rows(self) -> None:
        """The converter stores a table as its rows only; read back, it is equal and still
        names the catalogue's indicators."""
        from hokatsu.convert import make_converter

        conv = make_converter()
        table = sample_table()
        data = json.loads(json.dumps(conv.unstructure(table), ensure_ascii=False))
        assert list(data) == ["rows"]
        back = conv.structure(data, ResultTable)
        assert back == table
        assert back.to_records()[0]["name"] == table.to_records()[0]["name"]

    def test_equality_ignores_definitions(self) -> None:
        """Two tables with equal rows are equal, whatever they know about their rows."""
        table = sample_table()
        assert ResultTable(rows=table.rows) == table


class TestPandas:
    def test_data_frame(self) -> None:
        """With pandas installed, the DataFrame holds the records, column for column."""
        pandas = pytest.importorskip("pandas")
        table = sample_table()
        frame = table.to_pandas()
        assert isinstance(frame, pandas.DataFrame)
        assert tuple(frame.columns) == RECORD_COLUMNS
        assert len(frame) == len(table)
        first = frame.iloc[0].to_dict()
        assert first["indicator"] == table.rows[0].indicator
        assert first["area_name"] == table.area_name(table.rows[0].area_id)

    def test_empty_data_frame(self) -> None:
        """An empty table gives an empty DataFrame with the same columns."""
        pytest.importorskip("pandas")
        frame = to_pandas(ResultTable(rows=()))
        assert len(frame) == 0
        assert tuple(frame.columns) == RECORD_COLUMNS

    def test_missing_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, a hokatsu error (an ImportError too) names the extra to
        install."""
        real_import = builtins.__import__

        def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "pandas" or name.startswith("pandas."):
                raise ModuleNotFoundError("No module named 'pandas'", name="pandas")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_pandas)
        with pytest.raises(MissingExtraError) as info:
            sample_table().to_pandas()
        error = info.value
        assert isinstance(error, ImportError)
        assert (error.feature, error.package, error.extra) == \
            ("ResultTable.to_pandas", "pandas", "pandas")
        assert 'pip install "hokatsu[pandas]"' in str(error)
        assert str(pickle.loads(pickle.dumps(error))) == str(error)


class TestReprs:
    def test_ledger(self) -> None:
        """A ledger's repr gives its municipality, count and span, not its events."""
        text = repr(sample_ledger())
        assert text == "<Ledger 氷見市: 142 events, 2017-04-03…2018-03-23>"
        assert repr(Ledger(himi())) == "<Ledger 氷見市: 0 events>"

    def test_result_table(self) -> None:
        """A table's repr gives counts and its span of periods, not its rows."""
        table = compute(sample_ledger(), indicators=["5A1"], grain="quarter")
        assert repr(table) == "<ResultTable: 12 rows, 1 indicators, 1 areas, FY2017Q1…FY2017Q4>"
        assert repr(ResultTable(rows=())) == "<ResultTable: 0 rows, 0 indicators, 0 areas>"

    def test_reprs_are_short(self) -> None:
        """Neither repr grows with what it holds."""
        assert len(repr(sample_ledger())) < 80
        assert len(repr(sample_table())) < 100
