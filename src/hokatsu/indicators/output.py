"""Results out: an indicator table as plain records, as text, or as a pandas DataFrame.

Each is a pure function of a :class:`~hokatsu.indicators.model.ResultTable` (and a method of
it): :func:`to_records` gives one plain dict per row, named in words (indicator name and unit,
period label, area name) as well as by id; :func:`format_table` writes the rows as text the way
``python -m hokatsu`` shows them, with :func:`format_value` saying each value in words — あり/なし
for a yes/no indicator (単位 有無), the unit after a number, and *not measured* for a value of
None, which is not a zero (第4章 2.(3)); :func:`to_pandas` builds a DataFrame when pandas is
installed (``pip install "hokatsu[pandas]"``).

Examples:
    >>> from hokatsu.indicators import compute
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> from hokatsu.reference.sample import himi_fy2017
    >>> table = compute(Ledger(himi(), himi_fy2017()), indicators=["5A1", "4A2"])
    >>> print(format_table(table))
    平成29年度 (FY2017), 氷見市
      5A1 会議開催回数: 5 回
      4A2 次年度以降の対応計画の策定有無: あり
    >>> record = to_records(table)[0]
    >>> record["indicator"], record["name"], record["unit"], record["value"]
    ('5A1', '会議開催回数', '回', 5)
    >>> record["period"], record["period_label"], record["area_id"], record["area_name"]
    ('FY2017', '平成29年度', 'himi', '氷見市')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hokatsu import _validators as v
from hokatsu.calendar import FiscalYear, Month, Period, Quarter, parse_period
from hokatsu.errors import InvalidValueError, MissingExtraError
from hokatsu.indicators.model import Indicator, ResultTable, Row

__all__ = ["RECORD_COLUMNS", "format_table", "format_value", "to_pandas", "to_records"]

#: The keys of every record :func:`to_records` returns, in order (and the columns of
#: :func:`to_pandas`).
RECORD_COLUMNS = (
    "indicator", "name", "unit", "period", "period_label", "area_id", "area_name", "group",
    "value", "numerator", "denominator", "respondents",
)

#: The unit of a yes/no indicator (有無), whose 1 reads あり and 0 なし.
YES_NO_UNIT = "有無"


def format_value(row: Row, unit: str = "") -> str:
    """One row's value in words.

    Args:
        row: the row.
        unit: the indicator's unit (``"件"``, ``"円"``, ``"有無"`` …).

    Returns:
        ``"not measured"`` for a value of None (not the same as zero, 第4章 2.(3));
        ``"あり"``/``"なし"`` for a yes/no indicator; for a composite, how many of its outcomes
        went up on the year before; otherwise the number (with thousands separators, two
        decimals when it is not whole) and its unit.

    Raises:
        InvalidValueError: *row* is not a Row, or *unit* not a string.

    Examples:
        >>> from hokatsu.calendar import FiscalYear
        >>> row = Row(indicator="x", period=FiscalYear(2017), area_id="a", value=1234)
        >>> format_value(row, "円"), format_value(row, "有無")
        ('1,234 円', 'あり')
        >>> format_value(Row(indicator="x", period=FiscalYear(2017), area_id="a", value=0.25))
        '0.25'
        >>> format_value(Row(indicator="x", period=FiscalYear(2017), area_id="a", value=None))
        'not measured'
    """
    v.argument("format_value", "row", row, v.instance_of(Row))
    v.argument("format_value", "unit", unit, v.ANY_TEXT)
    if row.movements:
        moves = [m for m in row.movements if m.direction is not None]
        up = sum(m.direction == 1 for m in moves)
        return (f"{up} of {len(moves)} outcomes up on the year before" if moves
                else "no earlier year to compare with")
    value = row.value
    if value is None:
        return "not measured"
    if unit == YES_NO_UNIT:
        return "あり" if value else "なし"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.2f}"
    else:
        text = f"{value:,.0f}"
    return f"{text} {unit}" if unit else text


def format_table(
    table: ResultTable,
    *,
    period: Period | str | None = None,
    area_id: str | None = None,
    indicators: Iterable[str | Indicator] | None = None,
    title: str | None = None,
    groups: bool = False,
) -> str:
    """The rows of a table as text: a heading per period and area, then a line per indicator.

    Args:
        table: the results.
        period: only this period (or its key, ``"FY2017"``); default: every period.
        area_id: only this area; default: every area.
        indicators: only these indicators (ids or objects), in this order; default: every
            indicator of the table, in its order.
        title: a first line above everything.
        groups: also a line per group under each indicator's total.

    Returns:
        The text, lines joined by ``"\\n"`` (no trailing newline); each line reads
        ``"  <id> <name>: <value>"`` with the value as :func:`format_value` says it.

    Raises:
        InvalidValueError: an argument of the wrong kind.
        UnknownReferenceError: *indicators* names an indicator the table has no row of for a
            period and area shown.

    Examples:
        >>> from hokatsu.calendar import FiscalYear
        >>> table = ResultTable(rows=(
        ...     Row(indicator="5O1", period=FiscalYear(2017), area_id="a", value=None),
        ...     Row(indicator="4A2", period=FiscalYear(2017), area_id="a", value=0),
        ... ))
        >>> print(format_table(table, title="Indicators"))
        Indicators
        平成29年度 (FY2017), a
          5O1 包括化推進会議を通じた連携強化の成果に関する参加者からの評価: not measured
          4A2 次年度以降の対応計画の策定有無: なし
    """
    func = "format_table"
    v.argument(func, "table", table, v.instance_of(ResultTable))
    v.argument(func, "title", title, v.optional(v.ANY_TEXT))
    v.argument(func, "groups", groups, v.BOOL)
    v.argument(func, "area_id", area_id, v.optional(v.ID))
    wanted = _period(func, period)
    ids = _indicator_ids(func, indicators)
    periods = [p for p in table.periods if wanted is None or p == wanted]
    area_ids = [a for a in table.area_ids if area_id is None or a == area_id]
    lines = [] if title is None else [title]
    for p in periods:
        for a in area_ids:
            block = _block(table, p, a, table.indicators if ids is None else ids, ids is None,
                           groups)
            if block:
                lines.append(f"{p.label} ({p.key}), {table.area_name(a) or a}")
                lines.extend(block)
    return "\n".join(lines)


def _block(table: ResultTable, p: Period, a: str, ids: Iterable[str], lenient: bool,
           groups: bool) -> list[str]:
    """The lines of one period and area; *lenient*: skip indicators without a row there."""
    lines = []
    for ind_id in ids:
        if lenient and not _has(table, ind_id, p, a):
            continue
        row = table.row(ind_id, p, a)
        ind = table.definition(ind_id)
        unit = ind.unit if ind is not None else ""
        name = f" {ind.name}" if ind is not None else ""
        lines.append(f"  {ind_id}{name}: {format_value(row, unit)}")
        if groups:
            lines.extend(f"    {g}: {format_value(table.row(ind_id, p, a, g), unit)}"
                         for g in table.groups(ind_id) if _has(table, ind_id, p, a, g))
    return lines


def _has(table: ResultTable, ind_id: str, p: Period, a: str, g: str | None = None) -> bool:
    return (ind_id, p, a, g) in table._index


def _period(func: str, period: object) -> Period | None:
    if period is None or isinstance(period, FiscalYear | Quarter | Month):
        return period
    if isinstance(period, str):
        return parse_period(period)
    raise InvalidValueError(func, "period", type(period).__name__,
                            "a FiscalYear, Quarter or Month, or a period key such as 'FY2017'")


def _indicator_ids(func: str, indicators: object) -> list[str] | None:
    if indicators is None:
        return None
    if isinstance(indicators, str | bytes) or not isinstance(indicators, Iterable):
        raise InvalidValueError(func, "indicators", type(indicators).__name__,
                                "a collection of indicator ids or Indicators, not a single value")
    ids = []
    for i, item in enumerate(indicators):
        if isinstance(item, Indicator):
            ids.append(item.id)
        elif type(item) is str:
            ids.append(item)
        else:
            raise InvalidValueError(func, f"indicators[{i}]", type(item).__name__,
                                    "an indicator id or an Indicator")
    return ids


def to_records(table: ResultTable) -> list[dict[str, Any]]:
    """One plain dict per row, with the keys of :data:`RECORD_COLUMNS`.

    Indicators are named by id and in words (``name`` and ``unit``, None for an indicator
    the table does not know), periods by key (``"FY2017"``) and label (``"平成29年度"``), areas
    by id and name (None when unknown); ``group`` is None for an indicator's total. A
    questionnaire's distribution and a composite's movements stay on the
    :class:`~hokatsu.indicators.model.Row` objects.

    Args:
        table: the results.

    Returns:
        The records, in row order; every value is a str, an int, a float or None.

    Raises:
        InvalidValueError: *table* is not a ResultTable.

    Examples:
        >>> from hokatsu.indicators.output import to_records
        >>> from hokatsu.indicators.engine import compute
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> table = compute(Ledger(himi(), himi_fy2017()), indicators=["5A1"])
        >>> records = to_records(table)
        >>> {k: records[1][k] for k in ("indicator", "period", "group", "value")}
        {'indicator': '5A1', 'period': 'FY2017', 'group': 'plenary', 'value': 5}
    """
    v.argument("to_records", "table", table, v.instance_of(ResultTable))
    about: dict[str, tuple[str | None, str | None]] = {}
    names: dict[str, str | None] = {}
    out = []
    for r in table.rows:
        known = about.get(r.indicator)
        if known is None:
            ind = table.definition(r.indicator)
            known = about[r.indicator] = (None, None) if ind is None else (ind.name, ind.unit)
        if r.area_id not in names:
            names[r.area_id] = table.area_name(r.area_id)
        out.append({
            "indicator": r.indicator, "name": known[0], "unit": known[1],
            "period": r.period.key, "period_label": r.period.label,
            "area_id": r.area_id, "area_name": names[r.area_id], "group": r.group,
            "value": r.value, "numerator": r.numerator, "denominator": r.denominator,
            "respondents": r.respondents,
        })
    return out


def to_pandas(table: ResultTable) -> Any:
    """The records of :func:`to_records` as a ``pandas.DataFrame``.

    pandas is optional: ``pip install "hokatsu[pandas]"``. hokatsu imports it only here.

    Args:
        table: the results.

    Returns:
        A ``pandas.DataFrame`` with the columns of :data:`RECORD_COLUMNS`, one row per row of
        *table* (typed ``Any``: hokatsu does not depend on pandas' stubs).

    Raises:
        MissingExtraError: pandas is not installed (an ImportError too).
        InvalidValueError: *table* is not a ResultTable.

    Examples:
        >>> from hokatsu.indicators.output import to_pandas
        >>> from hokatsu.indicators.engine import compute
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> table = compute(Ledger(himi(), himi_fy2017()), indicators=["5A1"])
        >>> from hokatsu.errors import MissingExtraError
        >>> from hokatsu.indicators.output import RECORD_COLUMNS
        >>> try:
        ...     columns = list(to_pandas(table).columns)
        ... except MissingExtraError:  # pandas is optional
        ...     columns = list(RECORD_COLUMNS)
        >>> columns == list(RECORD_COLUMNS)
        True
    """
    v.argument("to_pandas", "table", table, v.instance_of(ResultTable))
    try:
        import pandas  # type: ignore[import-untyped, unused-ignore]  # untyped without stubs
    except ImportError:
        raise MissingExtraError("ResultTable.to_pandas", "pandas", "pandas") from None
    return pandas.DataFrame.from_records(to_records(table), columns=list(RECORD_COLUMNS))
