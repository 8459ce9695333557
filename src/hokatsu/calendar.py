"""Fiscal years (年度), quarters and months, and which period a date falls in.

Japanese public administration counts in fiscal years (年度) running from 1 April to 31 March,
labelled by the era year in which they start (FY2016 is 平成28年度). Every indicator of the
report is counted per fiscal year (第4章 2.(3)); quarters (April–June first) and months give
finer views.

Periods are small frozen values; each has a compact ``key`` (``"FY2016"``, ``"FY2016Q1"``,
``"2016-05"``) that serialisation uses and :func:`parse_period` reads back.

Examples:
    >>> import datetime as dt
    >>> fy = FiscalYear.of(dt.date(2017, 3, 31))
    >>> fy, fy.label
    (FiscalYear(2016), '平成28年度')
    >>> FiscalYear(2019).label
    '令和元年度'
    >>> FiscalYear.parse("令和3年度")
    FiscalYear(2021)
    >>> Quarter.of(dt.date(2016, 5, 1)).key, Month.of(dt.date(2016, 5, 1)).key
    ('FY2016Q1', '2016-05')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import attrs

from hokatsu._enums import Labelled
from hokatsu.errors import InvalidValueError

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "FiscalYear",
    "Month",
    "Period",
    "PeriodKind",
    "Quarter",
    "fiscal_year_of",
    "month_index",
    "parse_period",
    "period_at",
    "period_order",
    "previous_period",
]

MIN_YEAR = 1868
MAX_YEAR = 9998
#: The first and last dates of the calendar's fiscal years (FY1868 to FY9998).
FIRST_DATE = dt.date(MIN_YEAR, 4, 1)
LAST_DATE = dt.date(MAX_YEAR + 1, 3, 31)

# (first calendar year, era name). A fiscal year takes the era in force during the calendar
# year it starts in, which gives the usual 令和元年度 for FY2019 and 昭和63年度 for FY1988.
_ERAS: tuple[tuple[int, str], ...] = (
    (2019, "令和"),
    (1989, "平成"),
    (1926, "昭和"),
    (1912, "大正"),
    (1868, "明治"),
)
_ERA_START = {name: year for year, name in _ERAS}
# The last fiscal year labelled in an era by the older usage, when the era was still in force on
# 1 April: 平成31年度 was used for FY2019 until 1 May 2019, 大正15年度 for FY1926. 昭和 ended on
# 7 January 1989, so there is no 昭和64年度.
_LAST_IN_FORCE = {"明治": 1912, "大正": 1926, "平成": 2019}
_ROMAN_ERA = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "M": "明治"}


def _date(obj: str, value: object) -> dt.date:
    """*value* if it is a date (a datetime counts as its day), else a hokatsu error."""
    if not isinstance(value, dt.date):
        raise InvalidValueError(obj, "date", type(value).__name__, "a datetime.date")
    return value.date() if isinstance(value, dt.datetime) else value


def _check_year(obj: str, field: str, value: Any) -> None:
    if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidValueError(obj, field, value, f"an integer from {MIN_YEAR} to {MAX_YEAR}")


def _era_year(year: int) -> str:
    for first, name in _ERAS:
        if year >= first:
            n = year - first + 1
            return f"{name}{'元' if n == 1 else n}"
    raise AssertionError("unreachable: years are validated")  # pragma: no cover


def fiscal_year_of(date: dt.date) -> int:
    """Return the starting calendar year of the fiscal year (年度) that *date* falls in.

    Args:
        date: the day.

    Returns:
        The calendar year in which that fiscal year starts.

    Raises:
        InvalidValueError: *date* is not a :class:`datetime.date`.

    Examples:
        >>> import datetime as dt
        >>> fiscal_year_of(dt.date(2017, 3, 31)), fiscal_year_of(dt.date(2017, 4, 1))
        (2016, 2017)
    """
    if not isinstance(date, dt.date):
        raise InvalidValueError("fiscal_year_of", "date", date, "a datetime.date")
    return date.year if date.month >= 4 else date.year - 1


class PeriodKind(Labelled):
    """The grain of a period: fiscal year (the default of every indicator), quarter or month.

    Examples:
        >>> import datetime as dt
        >>> [k.of(dt.date(2017, 1, 5)) for k in PeriodKind]
        [FiscalYear(2016), Quarter(2016, 4), Month(2017, 1)]
    """

    FISCAL_YEAR = ("fiscal_year", "年度")
    QUARTER = ("quarter", "四半期")
    MONTH = ("month", "月")

    def of(self, date: dt.date) -> Period:
        """Return the period of this kind that *date* falls in.

        Args:
            date: the day.

        Returns:
            A :class:`FiscalYear`, :class:`Quarter` or :class:`Month`.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> PeriodKind.QUARTER.of(dt.date(2016, 4, 1))
            Quarter(2016, 1)
        """
        if self is PeriodKind.FISCAL_YEAR:
            return FiscalYear.of(date)
        if self is PeriodKind.QUARTER:
            return Quarter.of(date)
        return Month.of(date)


@attrs.frozen(order=True, repr=False, cache_hash=True)
class FiscalYear:
    """A fiscal year (年度), 1 April of ``year`` to 31 March of ``year + 1``.

    Args:
        year: the calendar year in which the fiscal year starts (2016 for 平成28年度).

    Raises:
        InvalidValueError: *year* is not an integer in the supported range.

    Examples:
        >>> fy = FiscalYear(2016)
        >>> fy, fy.key, fy.label
        (FiscalYear(2016), 'FY2016', '平成28年度')
        >>> fy.start, fy.end
        (datetime.date(2016, 4, 1), datetime.date(2017, 3, 31))
    """

    year: int

    def __attrs_post_init__(self) -> None:
        _check_year("FiscalYear", "year", self.year)

    def __repr__(self) -> str:
        return f"FiscalYear({self.year})"

    kind = PeriodKind.FISCAL_YEAR

    @classmethod
    def of(cls, date: dt.date) -> FiscalYear:
        """Return the fiscal year *date* falls in.

        Args:
            date: the day.

        Returns:
            The fiscal year starting on the last 1 April on or before *date*.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> FiscalYear.of(dt.date(2017, 3, 31)), FiscalYear.of(dt.date(2017, 4, 1))
            (FiscalYear(2016), FiscalYear(2017))
        """
        return cls(fiscal_year_of(date))

    @classmethod
    def parse(cls, text: str) -> FiscalYear:
        """Read ``"FY2016"``, ``"2016"``, ``"平成28年度"``, ``"令和元年度"`` or ``"R3"``.

        Full-width digits are accepted (``"平成２８年度"``), and so is the older label of a
        year whose era changed during it (``"平成31年度"`` for FY2019, ``"大正15年度"`` for
        FY1926).

        Args:
            text: the fiscal year in one of the forms above.

        Returns:
            The :class:`FiscalYear`.

        Raises:
            InvalidValueError: the text is not a fiscal year in one of those forms.

        Examples:
            >>> [FiscalYear.parse(t) for t in ("平成28年度", "令和元年度", "R3")]
            [FiscalYear(2016), FiscalYear(2019), FiscalYear(2021)]
        """
        if type(text) is not str:
            raise InvalidValueError("FiscalYear", "label", text, _PARSE_FORMS)
        norm = unicodedata.normalize("NFKC", text).strip()
        if m := re.fullmatch(r"(?:FY)?([0-9]{4})(?:年度)?", norm):
            year = int(m.group(1))
        elif m := re.fullmatch(r"(令和|平成|昭和|大正|明治|[RHSTM])(元|[0-9]{1,4})(?:年度)?", norm):
            era = _ROMAN_ERA.get(m.group(1), m.group(1))
            n = 1 if m.group(2) == "元" else int(m.group(2))
            year = _ERA_START[era] + n - 1
            usual = _era_year(year) == f"{era}{'元' if n == 1 else n}"
            if n < 1 or not (usual or year == _LAST_IN_FORCE.get(era)):
                raise InvalidValueError("FiscalYear", "label", text, "a year inside its era")
        else:
            raise InvalidValueError("FiscalYear", "label", text, _PARSE_FORMS)
        _check_year("FiscalYear", "label", year)
        return cls(year)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year itself (every period has one).

        Examples:
            >>> FiscalYear(2016).fiscal_year
            FiscalYear(2016)
        """
        return self

    @property
    def start(self) -> dt.date:
        """1 April of the starting year.

        Examples:
            >>> FiscalYear(2017).start
            datetime.date(2017, 4, 1)
        """
        return dt.date(self.year, 4, 1)

    @property
    def end(self) -> dt.date:
        """31 March of the following year.

        Examples:
            >>> FiscalYear(2017).end
            datetime.date(2018, 3, 31)
        """
        return dt.date(self.year + 1, 3, 31)

    @property
    def key(self) -> str:
        """The compact key used in serialisation, ``"FY2016"``.

        Examples:
            >>> FiscalYear(2021).key
            'FY2021'
        """
        return f"FY{self.year}"

    @property
    def label(self) -> str:
        """The Japanese label, ``"平成28年度"``.

        Examples:
            >>> FiscalYear(2018).label, FiscalYear(2019).label
            ('平成30年度', '令和元年度')
        """
        return f"{_era_year(self.year)}年度"

    def contains(self, date: dt.date) -> bool:
        """Whether *date* falls in this fiscal year.

        Args:
            date: the day.

        Returns:
            True from 1 April to 31 March, both included.

        Raises:
            InvalidValueError: *date* is not a date.

        Examples:
            >>> import datetime as dt
            >>> fy = FiscalYear(2016)
            >>> fy.contains(dt.date(2017, 3, 31)), fy.contains(dt.date(2016, 3, 31))
            (True, False)
        """
        return fiscal_year_of(_date("FiscalYear.contains", date)) == self.year

    def quarters(self) -> tuple[Quarter, ...]:
        """The four quarters, April–June first.

        Returns:
            Four :class:`Quarter` objects, in order.

        Examples:
            >>> FiscalYear(2016).quarters()
            (Quarter(2016, 1), Quarter(2016, 2), Quarter(2016, 3), Quarter(2016, 4))
        """
        return tuple(Quarter(self.year, n) for n in range(1, 5))

    def months(self) -> tuple[Month, ...]:
        """The twelve months, April first.

        Returns:
            Twelve :class:`Month` objects, April to March.

        Examples:
            >>> months = FiscalYear(2016).months()
            >>> len(months), months[0], months[-1]
            (12, Month(2016, 4), Month(2017, 3))
        """
        return tuple(Month.of(dt.date(self.year + (m < 4), m, 1)) for m in (*range(4, 13), 1, 2, 3))

    def __add__(self, years: int) -> FiscalYear:
        if type(years) is not int:
            return NotImplemented
        return FiscalYear(self.year + years)

    def __sub__(self, years: int) -> FiscalYear:
        if type(years) is not int:
            return NotImplemented
        return FiscalYear(self.year - years)


_PARSE_FORMS = "a fiscal year such as 'FY2016', '2016', '平成28年度', '令和元年度' or 'R3'"


@attrs.frozen(order=True, repr=False, cache_hash=True)
class Quarter:
    """A quarter of a fiscal year: 1 = April–June, …, 4 = January–March.

    Args:
        year: the starting calendar year of the fiscal year.
        number: 1 to 4.

    Raises:
        InvalidValueError: *year* out of range or *number* not 1 to 4.

    Examples:
        >>> q = Quarter(2016, 4)
        >>> q.start, q.end, q.label
        (datetime.date(2017, 1, 1), datetime.date(2017, 3, 31), '平成28年度第4四半期')
    """

    year: int
    number: int

    def __attrs_post_init__(self) -> None:
        _check_year("Quarter", "year", self.year)
        if type(self.number) is not int or not 1 <= self.number <= 4:
            raise InvalidValueError("Quarter", "number", self.number, "an integer from 1 to 4")

    def __repr__(self) -> str:
        return f"Quarter({self.year}, {self.number})"

    kind = PeriodKind.QUARTER

    @classmethod
    def of(cls, date: dt.date) -> Quarter:
        """Return the quarter *date* falls in.

        Args:
            date: the day.

        Returns:
            The fiscal quarter, numbered from April.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> Quarter.of(dt.date(2017, 2, 1))
            Quarter(2016, 4)
        """
        return cls(fiscal_year_of(date), (date.month - 4) % 12 // 3 + 1)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year the quarter belongs to.

        Examples:
            >>> Quarter(2016, 4).fiscal_year
            FiscalYear(2016)
        """
        return FiscalYear(self.year)

    @property
    def start(self) -> dt.date:
        """The first day of the quarter.

        Examples:
            >>> Quarter(2016, 2).start
            datetime.date(2016, 7, 1)
        """
        month = (self.number - 1) * 3 + 4
        return dt.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter.

        Examples:
            >>> Quarter(2016, 2).end
            datetime.date(2016, 9, 30)
        """
        # Computed from the last month, not the next quarter, which may lie past MAX_YEAR.
        return self.months()[-1].end

    @property
    def key(self) -> str:
        """The compact key, ``"FY2016Q1"``.

        Examples:
            >>> Quarter(2016, 3).key
            'FY2016Q3'
        """
        return f"FY{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        """The Japanese label, ``"平成28年度第1四半期"``.

        Examples:
            >>> Quarter(2016, 1).label
            '平成28年度第1四半期'
        """
        return f"{FiscalYear(self.year).label}第{self.number}四半期"

    def contains(self, date: dt.date) -> bool:
        """Whether *date* falls in this quarter.

        Args:
            date: the day.

        Returns:
            True if *date* lies within the quarter.

        Raises:
            InvalidValueError: *date* is not a date.

        Examples:
            >>> import datetime as dt
            >>> day = dt.date(2017, 1, 1)
            >>> Quarter(2016, 4).contains(day), Quarter(2016, 1).contains(day)
            (True, False)
        """
        return self.start <= _date("Quarter.contains", date) <= self.end

    def months(self) -> tuple[Month, ...]:
        """The three months of the quarter.

        Returns:
            Three :class:`Month` objects, in order.

        Examples:
            >>> Quarter(2016, 4).months()
            (Month(2017, 1), Month(2017, 2), Month(2017, 3))
        """
        first = self.start
        return tuple(Month.of(dt.date(first.year + (first.month + i > 12),
                                      (first.month + i - 1) % 12 + 1, 1)) for i in range(3))


@attrs.frozen(order=True, repr=False, cache_hash=True)
class Month:
    """A calendar month.

    Args:
        year: the calendar year.
        month: 1 to 12.

    Raises:
        InvalidValueError: *year* out of range or *month* not 1 to 12.

    Examples:
        >>> m = Month(2016, 5)
        >>> m.key, m.label, m.end
        ('2016-05', '2016年5月', datetime.date(2016, 5, 31))
    """

    year: int
    month: int

    def __attrs_post_init__(self) -> None:
        # A month is valid when its fiscal year is: January–March 9999 belong to FY9998, and
        # January–March 1868 to FY1867, so every period's fiscal_year and quarter exist.
        if type(self.year) is not int or not MIN_YEAR <= self.year <= MAX_YEAR + 1:
            raise InvalidValueError(
                "Month", "year", self.year, f"an integer from {MIN_YEAR} to {MAX_YEAR + 1}"
            )
        if type(self.month) is not int or not 1 <= self.month <= 12:
            raise InvalidValueError("Month", "month", self.month, "an integer from 1 to 12")
        if not MIN_YEAR <= fiscal_year_of(self.start) <= MAX_YEAR:
            raise InvalidValueError(
                "Month", "year", self.year,
                f"a month from April {MIN_YEAR} to March {MAX_YEAR + 1} (fiscal years "
                f"{MIN_YEAR} to {MAX_YEAR})",
            )

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"

    kind = PeriodKind.MONTH

    @classmethod
    def of(cls, date: dt.date) -> Month:
        """Return the month *date* falls in.

        Args:
            date: the day.

        Returns:
            The calendar month.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> Month.of(dt.date(2016, 5, 3))
            Month(2016, 5)
        """
        fiscal_year_of(date)  # checks that it is a date
        return cls(date.year, date.month)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year the month belongs to.

        Examples:
            >>> Month(2017, 1).fiscal_year, Month(2017, 4).fiscal_year
            (FiscalYear(2016), FiscalYear(2017))
        """
        return FiscalYear(self.year if self.month >= 4 else self.year - 1)

    @property
    def quarter(self) -> Quarter:
        """The quarter the month belongs to.

        Examples:
            >>> Month(2017, 1).quarter
            Quarter(2016, 4)
        """
        return Quarter.of(self.start)

    @property
    def start(self) -> dt.date:
        """The first day of the month.

        Examples:
            >>> Month(2016, 2).start
            datetime.date(2016, 2, 1)
        """
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the month.

        Examples:
            >>> Month(2016, 2).end
            datetime.date(2016, 2, 29)
        """
        if self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        """The compact key, ``"2016-05"``.

        Examples:
            >>> Month(2017, 1).key
            '2017-01'
        """
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """The Japanese label, ``"2016年5月"``.

        Examples:
            >>> Month(2017, 1).label
            '2017年1月'
        """
        return f"{self.year}年{self.month}月"

    def contains(self, date: dt.date) -> bool:
        """Whether *date* falls in this month.

        Args:
            date: the day.

        Returns:
            True if *date* lies within the month.

        Raises:
            InvalidValueError: *date* is not a date.

        Examples:
            >>> import datetime as dt
            >>> may = Month(2016, 5)
            >>> may.contains(dt.date(2016, 5, 31)), may.contains(dt.date(2016, 6, 1))
            (True, False)
        """
        date = _date("Month.contains", date)
        return date.year == self.year and date.month == self.month


Period = FiscalYear | Quarter | Month
"""Any of the three kinds of period."""


def parse_period(key: str) -> Period:
    """Read a period back from its ``key`` (``"FY2016"``, ``"FY2016Q1"``, ``"2016-05"``).

    Args:
        key: a period's ``key``.

    Returns:
        The :class:`FiscalYear`, :class:`Quarter` or :class:`Month` it names.

    Raises:
        InvalidValueError: *key* is none of those forms.

    Examples:
        >>> parse_period("FY2016Q4").start
        datetime.date(2017, 1, 1)
    """
    if type(key) is str:
        if m := re.fullmatch(r"FY([0-9]{4})", key):
            return FiscalYear(int(m.group(1)))
        if m := re.fullmatch(r"FY([0-9]{4})Q([1-4])", key):
            return Quarter(int(m.group(1)), int(m.group(2)))
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})", key):
            return Month(int(m.group(1)), int(m.group(2)))
    raise InvalidValueError(
        "Period", "key", key, "a period key such as 'FY2016', 'FY2016Q1' or '2016-05'"
    )


def period_order(period: Period) -> tuple[dt.date, int]:
    """A sort key for periods of any kind: by start date, a fiscal year before its first
    quarter before its first month.

    Args:
        period: a fiscal year, quarter or month.

    Returns:
        ``(start date, rank)``, the rank 0 for a fiscal year, 1 for a quarter, 2 for a month.

    Raises:
        InvalidValueError: *period* is not a period.

    Examples:
        >>> sorted([Month(2016, 4), FiscalYear(2016), Quarter(2016, 1)], key=period_order)
        [FiscalYear(2016), Quarter(2016, 1), Month(2016, 4)]
    """
    kind = _KIND_ORDER.get(type(period))
    if kind is None:
        raise InvalidValueError("period_order", "period", type(period).__name__,
                                "a FiscalYear, Quarter or Month")
    return (period.start, kind)


_KIND_ORDER: dict[type, int] = {FiscalYear: 0, Quarter: 1, Month: 2}


def month_index(date: dt.date) -> int:
    """The month *date* falls in as one number, ``year * 12 + month - 1``: consecutive months
    have consecutive numbers (the engine's cells are kept per such month).

    Args:
        date: the day.

    Returns:
        ``year * 12 + month - 1``.

    Raises:
        InvalidValueError: *date* is not a plain date.

    Examples:
        >>> month_index(dt.date(2017, 4, 3)) - month_index(dt.date(2017, 3, 31))
        1
    """
    date = _date("month_index", date)
    return date.year * 12 + date.month - 1


def period_at(kind: PeriodKind, index: int) -> Period:
    """The period of *kind* holding the month numbered *index* (see :func:`month_index`).

    Args:
        kind: the kind of period.
        index: a month number from :func:`month_index`.

    Returns:
        The fiscal year, quarter or month that holds that month.

    Raises:
        InvalidValueError: *kind* is not a PeriodKind or *index* not a month number.

    Examples:
        >>> period_at(PeriodKind.FISCAL_YEAR, month_index(dt.date(2018, 2, 1)))
        FiscalYear(2017)
    """
    if not isinstance(kind, PeriodKind):
        raise InvalidValueError("period_at", "kind", type(kind).__name__, "a PeriodKind")
    if type(index) is not int or not MIN_YEAR * 12 + 3 <= index <= (MAX_YEAR + 1) * 12 + 2:
        raise InvalidValueError("period_at", "index", index,
                                f"a month number (month_index) within fiscal years {MIN_YEAR} "
                                f"to {MAX_YEAR}")
    year, m0 = divmod(index, 12)
    if kind is PeriodKind.FISCAL_YEAR:
        return FiscalYear(year if m0 >= 3 else year - 1)
    if kind is PeriodKind.QUARTER:
        return Quarter.of(dt.date(year, m0 + 1, 1))
    return Month(year, m0 + 1)


def previous_period(period: Period) -> Period | None:
    """The period of the same kind just before *period*; None for the calendar's first
    (FY1868 has no previous year).

    Args:
        period: a fiscal year, quarter or month.

    Returns:
        The period before it, or None.

    Raises:
        InvalidValueError: *period* is not a period.

    Examples:
        >>> previous_period(Quarter(2017, 1)), previous_period(FiscalYear(1868))
        (Quarter(2016, 4), None)
    """
    if not isinstance(period, FiscalYear | Quarter | Month):
        raise InvalidValueError("previous_period", "period", type(period).__name__,
                                "a FiscalYear, Quarter or Month")
    if period.start <= FIRST_DATE:
        return None
    if isinstance(period, FiscalYear):
        return period - 1
    if isinstance(period, Quarter):
        return Quarter(period.year - 1, 4) if period.number == 1 else \
            Quarter(period.year, period.number - 1)
    return Month(period.year - 1, 12) if period.month == 1 else Month(period.year,
                                                                        period.month - 1)


def iter_days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every date from *start* to *end*, both included.

    Args:
        start: the first day.
        end: the last day; nothing is yielded when it is before *start*.

    Returns:
        An iterator of dates.

    Examples:
        >>> import datetime as dt
        >>> [d.day for d in iter_days(dt.date(2017, 3, 30), dt.date(2017, 4, 1))]
        [30, 31, 1]
    """
    day = start
    one = dt.timedelta(days=1)
    while day <= end:
        yield day
        day += one
