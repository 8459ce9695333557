"""The measures: what an indicator computes from the events it keeps.

Each measure is one class holding everything about it: the values it reads of an event
(``inputs``), the empty accumulator of a cell (``empty``), the code that adds an
event to an accumulator, written into the engine's generated handlers (``emit``), how
two cells' accumulators merge when months and areas roll up (``merge``, ``reduce``)
and the rows an accumulator gives (``rows``). There is no other implementation of a
measure: the generated code is the only code that adds to it.

Derived measures (:class:`PerCapita`, :class:`IsZero`, :class:`Composite`) read other
indicators' values instead of events (``derive``).

Examples:
    >>> from hokatsu.indicators.accessors import Attr
    >>> Sum(Attr("participants")).kind, Count().empty()
    ('sum', 0)
    >>> Distinct("agency_id")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hokatsu.errors.InvalidValueError: Distinct.key: got 'agency_id'; expected a function ...
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu.calendar import Period, PeriodKind
from hokatsu.errors import InvalidValueError

if TYPE_CHECKING:
    from hokatsu.indicators.model import Indicator, Movement, Row

__all__ = [
    "CaseLabels",
    "Cases",
    "Composite",
    "Count",
    "Derived",
    "Distinct",
    "Flag",
    "IsZero",
    "Latest",
    "Mean",
    "Measure",
    "PerCapita",
    "Ratio",
    "Scores",
    "Sum",
    "Tally",
]

Put = Callable[[str], str]
"""Source of a statement storing an expression as a cell's accumulator."""


def _function(example: str) -> Any:
    return v.simple(f"a function of (event, ctx) or an accessor such as {example}", callable)


def _case_function(example: str) -> Any:
    return v.simple(f"a function of the case or an accessor such as {example}", callable)


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _one_or_zero(test: str) -> str:
    """Source for 1 if *test* holds, else 0 (constants folded)."""
    return {"True": "1", "False": "0"}.get(test, f"(1 if {test} else 0)")


class _Base:
    """What every measure of events says about itself."""

    kind: ClassVar[str]
    #: whether it reads the states of cases at month ends instead of events
    per_case: ClassVar[bool] = False

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values ``emit`` reads, in order."""
        return ()

    def empty(self) -> Any:
        """The accumulator of a cell no event reached."""
        return None

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.
        """
        raise NotImplementedError

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes)."""
        raise NotImplementedError

    def reduce(self, column: Sequence[Any]) -> Any:
        """The accumulators of several cells merged into one."""
        acc = None
        for src in column:
            if src:
                acc = self.merge(acc, src)
        return acc

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, float | None,
                                                       float | None]:
        """The value, numerator and denominator of an accumulator."""
        raise NotImplementedError

    def rows(self, ind: Indicator, acc: Any, period: Period, area_id: str) -> list[Row]:
        """The rows of an accumulator: the total, then a row per group label."""
        if ind.group is None:
            return [self._row(ind, acc, period, area_id, None)]
        groups: dict[Any, Any] = acc or {}
        empty = self.empty()
        rows = [self._row(ind, groups.get(None, empty), period, area_id, None)]
        present: dict[str, Any] = {}
        for g, a in groups.items():
            if g is not None:
                present[_label(ind, g)] = a
        rows.extend(self._row(ind, present.get(label, empty), period, area_id, label)
                    for label in _labels(ind, present))
        return rows

    def _row(self, ind: Indicator, acc: Any, period: Period, area_id: str,
             group: str | None) -> Row:
        from hokatsu.indicators.model import new_row

        value, num, den = self.result(ind, acc)
        return new_row(ind.id, period, area_id, group, value, num, den, None, None, ())


def _label(ind: Indicator, label: object) -> str:
    """A group label as written in rows: ``str(label)``, an enum member as its value."""
    text = str(label)
    if not text.strip():
        raise InvalidValueError(f"Indicator {ind.id!r}", "group", text,
                                "group labels that are not empty or blank (None: no group)")
    return text


def _labels(ind: Indicator, present: Iterable[str]) -> list[str]:
    """The group labels of a row set: the indicator's fixed groups, then the others sorted."""
    fixed = list(ind.groups)
    return fixed + sorted(set(present) - set(fixed))


def _finite(ind: Indicator, x: float) -> float:
    if isinstance(x, float) and not math.isfinite(x):
        raise InvalidValueError(f"Indicator {ind.id!r}", "measure", "a value that is not finite",
                                "finite numbers from its value function")
    return x


class _Counting(_Base):
    def empty(self) -> Any:
        return 0

    def merge(self, dst: Any, src: Any) -> Any:
        return src if dst is None else dst + src

    def reduce(self, column: Sequence[Any]) -> Any:
        return sum(column)


@attrs.frozen
class Count(_Counting):
    """How many events match.

    Examples:
        >>> from hokatsu.indicators.measures import Count
        >>> Count().kind, Count().empty()
        ('count', 0)
    """

    kind: ClassVar[str] = "count"

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Count
            >>> measure = Count()
            >>> lines = measure.emit("acc", "acc = {}".format, [], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            acc = acc + 1
        """
        return [put(f"{acc} + 1")]

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, None, None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Examples:
            >>> from hokatsu.indicators.measures import Count
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Count().result(BY_ID['1A1'], 3)
            (3, None, None)
        """
        return acc, None, None


@attrs.frozen
class Flag(_Counting):
    """Yes (1) if any event matches, no (0) otherwise; with ``absent``, yes when none does.

    Args:
        absent: yes when no event matches (and no when one does).

    Raises:
        InvalidValueError: *absent* is not a bool.

    Examples:
        >>> from hokatsu.indicators.measures import Flag
        >>> Flag().result(None, 2), Flag(absent=True).result(None, 2)
        ((1, None, None), (0, None, None))
    """

    absent: bool = attrs.field(default=False, validator=v.BOOL)
    kind: ClassVar[str] = "flag"

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Flag
            >>> measure = Flag()
            >>> lines = measure.emit("acc", "acc = {}".format, [], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            acc = acc + 1
        """
        return [put(f"{acc} + 1")]

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, None, None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Examples:
            >>> from hokatsu.indicators.measures import Flag
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Flag().result(BY_ID['4A2'], 2)
            (1, None, None)
        """
        return int((acc > 0) != self.absent), None, None


@attrs.frozen
class Sum(_Counting):
    """The sum of a number read from each matching event (participants, yen …).

    Args:
        value: the number, from the event and the context (``Attr("participants")``).

    Raises:
        InvalidValueError: *value* is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import Sum
        >>> from hokatsu.indicators.accessors import Attr
        >>> Sum(Attr("participants")).kind
        'sum'
    """

    value: Callable[[Any, Any], float] = attrs.field(validator=_function("Attr('participants')"))
    kind: ClassVar[str] = "sum"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Sum
            >>> from hokatsu.indicators.accessors import Attr
            >>> Sum(Attr("participants")).inputs()
            (Attr(name='participants'),)
        """
        return (self.value,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Sum
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Sum(Attr("participants"))
            >>> lines = measure.emit("acc", "acc = {}".format, ['v0'], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            acc = acc + v0
        """
        return [put(f"{acc} + {values[0]}")]

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, None, None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Raises:
            InvalidValueError: the value is not a finite number.

        Examples:
            >>> from hokatsu.indicators.measures import Sum
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Sum(Attr("participants")).result(BY_ID['1A4'], 55)
            (55, None, None)
        """
        return _finite(ind, acc), None, None


def _tally(acc: dict[Any, float] | None, counts: Iterable[tuple[Any, float]]
           ) -> dict[Any, float]:
    """*acc* with an event's ``(label, count)`` pairs added: each label's sum, and all of
    them under None."""
    if acc is None:
        acc = {None: 0}
    total: float = 0
    for label, n in counts:
        acc[label] = acc.get(label, 0) + n
        total += n
    acc[None] += total
    return acc


def _add_tallies(dst: dict[Any, float] | None, src: dict[Any, float]) -> dict[Any, float]:
    if dst is None:
        return dict(src)
    for label, n in src.items():
        dst[label] = dst.get(label, 0) + n
    return dst


@attrs.frozen
class Tally(_Base):
    """Sums of counts by label read from each matching event: attendance by age band, school
    level, children and adults (なごみの家's tables, 第3章 2.(2)⑦).

    The total row sums every label's counts; a row per label sums that label's (the
    indicator's fixed ``groups`` first, with 0 where no event had the label). Its labels are
    its groups, so the indicator takes no ``group`` function.

    Args:
        counts: the ``(label, count)`` pairs of an event (``Attr("counts")`` of an
            :class:`~hokatsu.events.activities.ActivitySessionHeld`).

    Raises:
        InvalidValueError: *counts* is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import Tally
        >>> from hokatsu.indicators.accessors import Attr
        >>> tally = Tally(Attr("counts"))
        >>> tally.merge({None: 3, "child": 3}, {None: 2, "adult": 2})
        {None: 5, 'child': 3, 'adult': 2}
    """

    counts: Callable[[Any, Any], Iterable[tuple[Any, float]]] = attrs.field(
        validator=_function("Attr('counts')"))
    kind: ClassVar[str] = "tally"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Tally
            >>> from hokatsu.indicators.accessors import Attr
            >>> Tally(Attr("counts")).inputs()
            (Attr(name='counts'),)
        """
        return (self.counts,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Tally
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Tally(Attr("counts"))
            >>> lines = measure.emit("acc", "acc = {}".format, ['v0'], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            acc = tally(acc, v0)
        """
        return [put(f"{bind(_tally, 'tally')}({acc}, {values[0]})")]

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Tally
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Tally(Attr("counts"))
            >>> measure.merge(None, {None: 2, "adult": 2})
            {None: 2, 'adult': 2}
        """
        return _add_tallies(dst, src)

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, None, None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Raises:
            InvalidValueError: the value is not a finite number.

        Examples:
            >>> from hokatsu.indicators.measures import Tally
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Tally(Attr("counts")).result(BY_ID['1A1'], {None: 5, "child": 3, "adult": 2})
            (5, None, None)
        """
        return _finite(ind, acc[None]) if acc else 0, None, None

    def rows(self, ind: Indicator, acc: Any, period: Period, area_id: str) -> list[Row]:
        """The rows of an accumulator: the total, then a row per label.

        Args:
            ind: the indicator measured.
            acc: the accumulator of the cell.
            period: the period of the rows.
            area_id: the area of the rows.

        Returns:
            The total row, then a row per label (the indicator's fixed groups first).

        Raises:
            InvalidValueError: a blank label, or a count that is not finite.

        Examples:
            >>> from hokatsu.indicators.measures import Tally
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> acc = {None: 5, "child": 3, "adult": 2}
            >>> rows = Tally(Attr("counts")).rows(BY_ID["1A1"], acc, FiscalYear(2017), "himi")
            >>> [(row.group, row.value) for row in rows]
            [(None, 5), ('adult', 2), ('child', 3)]
        """
        from hokatsu.indicators.model import new_row

        tallies: dict[Any, Any] = acc or {}
        present = {_label(ind, label): n for label, n in tallies.items() if label is not None}
        rows = [self._row(ind, acc, period, area_id, None)]
        rows.extend(new_row(ind.id, period, area_id, label, _finite(ind, present.get(label, 0)),
                            None, None, None, None, ())
                    for label in _labels(ind, present))
        return rows


def _union(dst: set[Any] | None, src: set[Any]) -> set[Any]:
    if dst is None:
        return set(src)
    dst |= src
    return dst


@attrs.frozen
class Distinct(_Base):
    """How many distinct keys the matching events touch (agencies, cases …).

    Distinct counts stay distinct when rolled up: a district's and its block's counts are each
    a count of distinct keys, not sums of the level below (第4章 2.(3)).

    Args:
        key: the key, or keys when ``many``, of an event; None for no key.
        many: ``key`` returns an iterable of keys.

    Raises:
        InvalidValueError: *key* is not callable (a field name is not enough), or *many* not a
            bool.

    Examples:
        >>> from hokatsu.indicators.measures import Distinct
        >>> from hokatsu.indicators.accessors import Attr
        >>> Distinct(Attr("agency_id")).result(None, {"a1", "a2"})
        (2, None, None)
    """

    key: Callable[[Any, Any], Any] = attrs.field(validator=_function("Attr('agency_id')"))
    many: bool = attrs.field(default=False, validator=v.BOOL)
    kind: ClassVar[str] = "distinct"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Distinct
            >>> from hokatsu.indicators.accessors import Attr
            >>> Distinct(Attr("agency_id")).inputs()
            (Attr(name='agency_id'),)
        """
        return (self.key,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Distinct
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Distinct(Attr("agency_id"))
            >>> lines = measure.emit("acc", "acc = {}".format, ['v0'], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            k = v0
            if k is not None:
                a = acc
                if a is None:
                    acc = {k}
                else:
                    a.add(k)
        """
        if self.many:
            return [f"k = {values[0]}", "if k:", f"    a = {acc}", "    if a is None:",
                    "        " + put("set(k)"), "    else:", "        a.update(k)"]
        return [f"k = {values[0]}", "if k is not None:", f"    a = {acc}", "    if a is None:",
                "        " + put("{k}"), "    else:", "        a.add(k)"]

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Distinct
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Distinct(Attr("agency_id"))
            >>> measure.merge(None, {"a1"})
            {'a1'}
        """
        return _union(dst, src)

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, None, None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Examples:
            >>> from hokatsu.indicators.measures import Distinct
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Distinct(Attr("agency_id")).result(BY_ID['1A6'], {"a1", "a2"})
            (2, None, None)
        """
        return len(acc) if acc else 0, None, None


def _pair(dst: list[float] | None, src: list[float]) -> list[float]:
    if dst is None:
        return list(src)
    dst[0] += src[0]
    dst[1] += src[1]
    return dst


@attrs.frozen
class Mean(_Base):
    """The mean of a number read from each matching event (None readings are skipped).

    Args:
        value: the number, from the event and the context (``Attr("participants")``).

    Raises:
        InvalidValueError: *value* is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import Mean
        >>> from hokatsu.indicators.accessors import Attr
        >>> Mean(Attr("participants")).kind
        'mean'
    """

    value: Callable[[Any, Any], float | None] = attrs.field(
        validator=_function("Attr('participants')"))
    kind: ClassVar[str] = "mean"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Mean
            >>> from hokatsu.indicators.accessors import Attr
            >>> Mean(Attr("days")).inputs()
            (Attr(name='days'),)
        """
        return (self.value,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Mean
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Mean(Attr("days"))
            >>> lines = measure.emit("acc", "acc = {}".format, ['v0'], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            x = v0
            if x is not None:
                a = acc
                if a is None:
                    acc = [x, 1]
                else:
                    a[0] += x
                    a[1] += 1
        """
        return [f"x = {values[0]}", "if x is not None:", f"    a = {acc}", "    if a is None:",
                "        " + put("[x, 1]"), "    else:", "        a[0] += x", "        a[1] += 1"]

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Mean
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Mean(Attr("days"))
            >>> measure.merge([10, 2], [6, 1])
            [16, 3]
        """
        return _pair(dst, src)

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, float | None,
                                                       float | None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Raises:
            InvalidValueError: the value is not a finite number.

        Examples:
            >>> from hokatsu.indicators.measures import Mean
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Mean(Attr("days")).result(BY_ID['escalation_days'], [78, 3])
            (26.0, 78, 3)
        """
        if not acc or not acc[1]:
            return None, None, None
        return _finite(ind, acc[0] / acc[1]), _finite(ind, acc[0]), acc[1]


@attrs.frozen
class Ratio(_Base):
    """A rate: matching events counted in a numerator and a denominator.

    Not measured when the denominator is zero.

    Args:
        numerator: whether an event counts in the numerator.
        denominator: whether an event counts in the denominator.

    Raises:
        InvalidValueError: either is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import Ratio
        >>> from hokatsu.indicators.accessors import Always, IsNot
        >>> ratio = Ratio(IsNot("accepted_on", None), Always())
        >>> ratio.result(None, [3, 4])
        (0.75, 3, 4)
        >>> ratio.result(None, [0, 0])
        (None, None, None)
    """

    numerator: Callable[[Any, Any], Any] = attrs.field(validator=_function("Is('x', None)"))
    denominator: Callable[[Any, Any], Any] = attrs.field(validator=_function("Always()"))
    kind: ClassVar[str] = "ratio"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Ratio
            >>> from hokatsu.indicators.accessors import Attr
            >>> Ratio(Attr("accepted"), Attr("sent")).inputs()
            (Attr(name='accepted'), Attr(name='sent'))
        """
        return (self.numerator, self.denominator)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Ratio
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Ratio(Attr("accepted"), Attr("sent"))
            >>> lines = measure.emit("acc", "acc = {}".format, ["v0", "v1"],
            ...                      lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            n = (1 if v0 else 0)
            d = (1 if v1 else 0)
            if n or d:
                a = acc
                if a is None:
                    acc = [n, d]
                else:
                    a[0] += n
                    a[1] += d
        """
        n, d = (_one_or_zero(x) for x in values)
        settled = n in ("0", "1") and d in ("0", "1")  # for this event class: no test at run time
        if settled and n == d == "0":
            return []
        x, y = (n, d) if settled else ("n", "d")
        add = [f"a = {acc}", "if a is None:", "    " + put(f"[{x}, {y}]"), "else:",
               *(f"    a[{j}] += {z}" for j, z in enumerate((x, y)) if z != "0")]
        if settled:
            return add
        return [f"n = {n}", f"d = {d}", "if n or d:", *_indent(add)]

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Ratio
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Ratio(Attr("accepted"), Attr("sent"))
            >>> measure.merge([1, 2], [3, 3])
            [4, 5]
        """
        return _pair(dst, src)

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, float | None,
                                                       float | None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Examples:
            >>> from hokatsu.indicators.measures import Ratio
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Ratio(Attr("accepted"), Attr("sent")).result(BY_ID['referral_acceptance'], [4, 5])
            (0.8, 4, 5)
        """
        if not acc or not acc[1]:
            return None, None, None
        return acc[0] / acc[1], acc[0], acc[1]


def add_scores(acc: dict[int, list[int]] | None, counts: Sequence[int]
               ) -> dict[int, list[int]]:
    """*counts* (respondents per score) added to the distributions by scale length.

    Args:
        acc: the distributions so far by scale length, or None for none yet.
        counts: the respondents per score of one event, lowest score first.

    Returns:
        *acc* (a new dict when it was None) with *counts* added to its scale's distribution.

    Examples:
        >>> from hokatsu.indicators.measures import add_scores
        >>> add_scores({3: [1, 0, 1]}, (0, 2, 0))
        {3: [1, 2, 1]}
        >>> add_scores(None, (1, 0, 0, 0, 1))
        {5: [1, 0, 0, 0, 1]}
    """
    if acc is None:
        acc = {}
    mine = acc.get(len(counts))
    if mine is None:
        acc[len(counts)] = list(counts)
    else:
        for j, c in enumerate(counts):
            mine[j] += c
    return acc


@attrs.frozen
class Scores(_Base):
    """Questionnaire scores: the respondents per score of each matching event.

    The value is the mean score; the row also carries the distribution and the number of
    respondents. Without respondents the indicator is not measured.

    Args:
        counts: the respondents per score of an event, lowest score first
            (``Attr("counts")``).

    Raises:
        InvalidValueError: *counts* is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import Scores
        >>> from hokatsu.indicators.accessors import Attr
        >>> Scores(Attr("counts")).merge(None, {5: [1, 0, 2, 0, 1]})
        {5: [1, 0, 2, 0, 1]}
    """

    counts: Callable[[Any, Any], tuple[int, ...]] = attrs.field(
        validator=_function("Attr('counts')"))
    kind: ClassVar[str] = "scores"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Scores
            >>> from hokatsu.indicators.accessors import Attr
            >>> Scores(Attr("counts")).inputs()
            (Attr(name='counts'),)
        """
        return (self.counts,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Scores
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Scores(Attr("counts"))
            >>> lines = measure.emit("acc", "acc = {}".format, ['v0'], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            acc = add_scores(acc, v0)
        """
        return [put(f"{bind(add_scores, 'add_scores')}({acc}, {values[0]})")]

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Scores
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Scores(Attr("counts"))
            >>> measure.merge({3: [1, 1, 1]}, {3: [0, 2, 0], 5: [1, 0, 0, 0, 1]})
            {3: [1, 3, 1], 5: [1, 0, 0, 0, 1]}
        """
        if dst is None:
            return {k: list(c) for k, c in src.items()}
        for counts in src.values():
            add_scores(dst, counts)
        return dst

    def _row(self, ind: Indicator, acc: Any, period: Period, area_id: str,
             group: str | None) -> Row:
        from hokatsu.indicators.model import new_row

        if not acc:
            return new_row(ind.id, period, area_id, group, None, None, None, 0, None, ())
        top = max(acc)
        counts = [0] * top
        total = 0.0
        n = 0
        for scale, dist in acc.items():
            for j, c in enumerate(dist):
                # a score on a shorter scale is placed linearly on the longest one
                total += (1 + j * (top - 1) / (scale - 1)) * c
                n += c
                if scale == top:
                    counts[j] += c
        if n == 0:
            return new_row(ind.id, period, area_id, group, None, None, None, 0, None, ())
        distribution = tuple(counts) if len(acc) == 1 else None
        return new_row(ind.id, period, area_id, group, total / n, total, n, n, distribution,
                       ())


class _Labelling(_Base):
    """Measures whose group rows are each label's share of the keys."""

    def label_values(self, acc: Any) -> dict[Any, Any]:
        raise NotImplementedError

    @staticmethod
    def _keyed(acc: str, put: Put, key: str, value: str) -> list[str]:
        """Lines setting *key* to *value* in the accumulator's dictionary, made if need be."""
        return [f"a = {acc}", "if a is None:", "    a = {}", "    " + put("a"),
                f"a[{key}] = {value}"]

    def rows(self, ind: Indicator, acc: Any, period: Period, area_id: str) -> list[Row]:
        from hokatsu.indicators.model import new_row

        values = self.label_values(acc)
        total = len(values)
        rows = [new_row(ind.id, period, area_id, None, total, None, None, None, None, ())]
        counts: dict[str, int] = {}
        for label, n in Counter(values.values()).items():
            if label is not None:
                name = _label(ind, label)
                counts[name] = counts.get(name, 0) + n
        for name in _labels(ind, counts):
            n = counts.get(name, 0)
            rows.append(new_row(ind.id, period, area_id, name, n / total if total else None, n,
                                total, None, None, ()))
        return rows


@attrs.frozen
class Latest(_Labelling):
    """The latest value per key within the period (e.g. each case's hard-case type).

    The total row counts the keys; group rows give each value's share of them.

    Args:
        key: the key of an event (``Attr("case_id")``).
        value: the value it gives its key.

    Raises:
        InvalidValueError: *key* or *value* is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import Latest
        >>> from hokatsu.indicators.accessors import Attr
        >>> Latest(Attr("case_id"), Attr("stage")).kind
        'latest'
    """

    key: Callable[[Any, Any], Hashable] = attrs.field(validator=_function("Attr('case_id')"))
    value: Callable[[Any, Any], Hashable | None] = attrs.field(
        validator=_function("Attr('stage')"))
    kind: ClassVar[str] = "latest"

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Latest
            >>> from hokatsu.indicators.accessors import Attr
            >>> Latest(Attr("case_id"), Attr("stage")).inputs()
            (Attr(name='case_id'), Attr(name='stage'))
        """
        return (self.key, self.value)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        # stamped with the event's place in the ledger (``order``, the engine's counter): the
        # later event wins, whichever area and month its cell is for
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Latest
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Latest(Attr("case_id"), Attr("stage"))
            >>> lines = measure.emit("acc", "acc = {}".format, ["v0", "v1"],
            ...                      lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            a = acc
            if a is None:
                a = {}
                acc = a
            a[v0] = (next(order), v1)
        """
        return self._keyed(acc, put, values[0], f"(next(order), {values[1]})")

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Latest
            >>> from hokatsu.indicators.accessors import Attr
            >>> measure = Latest(Attr("case_id"), Attr("stage"))
            >>> measure.merge({"c1": (3, "plan")}, {"c1": (5, "support"), "c2": (4, "intake")})
            {'c1': (5, 'support'), 'c2': (4, 'intake')}
        """
        if dst is None:
            return dict(src)
        for key, stamped in src.items():
            mine = dst.get(key)
            if mine is None or stamped[0] > mine[0]:
                dst[key] = stamped
        return dst

    def label_values(self, acc: Any) -> dict[Any, Any]:
        """Each key's latest value, without the stamps that order them.

        Args:
            acc: the accumulator, or None.

        Returns:
            The latest value of each key.

        Examples:
            >>> from hokatsu.indicators.measures import Latest
            >>> from hokatsu.indicators.accessors import Attr
            >>> Latest(Attr("case_id"), Attr("stage")).label_values({"c1": (5, "support")})
            {'c1': 'support'}
        """
        return {k: x for k, (_, x) in (acc or {}).items()}


@attrs.frozen
class Cases(_Base):
    """Distinct cases handled in the period whose state satisfies ``where`` (all if None).

    A case is handled in a period when any of its events (including its referrals' status
    changes) falls in it; ``where`` reads the case's
    :class:`~hokatsu.facts.CaseInfo` as the engine knows it at the end of each
    month of the period in which the case had an event (for the month still being read: when
    results are asked for). An indicator with this measure names no events: it reads every
    case event.

    Args:
        where: keeps the cases for which it is true (``Case("multi_field")``); None keeps all.

    Raises:
        InvalidValueError: *where* is neither None nor callable.

    Examples:
        >>> from hokatsu.indicators.measures import Cases
        >>> from hokatsu.indicators.accessors import Case
        >>> Cases(Case("multi_field")).per_case, Cases().result(None, {"c1", "c2"})
        (True, (2, None, None))
    """

    where: Callable[[Any], Any] | None = attrs.field(
        default=None, validator=v.optional(_case_function("Case('multi_field')")))
    kind: ClassVar[str] = "cases"
    per_case: ClassVar[bool] = True

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order (none without
        ``where``).

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import Cases
            >>> from hokatsu.indicators.accessors import Case
            >>> Cases(Case("multi_field")).inputs(), Cases().inputs()
            ((Case(name='multi_field', key='case_id'),), ())
        """
        return () if self.where is None else (self.where,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import Cases
            >>> from hokatsu.indicators.accessors import Case
            >>> measure = Cases(Case("multi_field"))
            >>> lines = measure.emit("acc", "acc = {}".format, ["v0"], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            if v0:
                a = acc
                if a is None:
                    acc = {case}
                else:
                    a.add(case)
        """
        body = [f"a = {acc}", "if a is None:", "    " + put("{case}"), "else:", "    a.add(case)"]
        if not values or values[0] == "True":
            return body
        return [f"if {values[0]}:", *_indent(body)]

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes).

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import Cases
            >>> from hokatsu.indicators.accessors import Case
            >>> sorted(Cases(Case("multi_field")).merge({"c1"}, {"c2"}))
            ['c1', 'c2']
        """
        return _union(dst, src)

    def result(self, ind: Indicator, acc: Any) -> tuple[float | None, None, None]:
        """The value, numerator and denominator of an accumulator.

        Args:
            ind: the indicator measured (named in errors).
            acc: the accumulator of a cell, or of cells merged.

        Returns:
            The value, numerator and denominator; None where one does not apply.

        Examples:
            >>> from hokatsu.indicators.measures import Cases
            >>> from hokatsu.indicators.accessors import Case
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> Cases(Case("multi_field")).result(BY_ID["2A2"], {"c1", "c2"})
            (2, None, None)
        """
        return len(acc) if acc else 0, None, None


@attrs.frozen
class CaseLabels(_Labelling):
    """Each case handled in the period, labelled by its state at the end of the last month of
    the period in which it had an event.

    The total row counts the cases; a group row per label gives the label's share of them
    (cases labelled None count only in the total).

    Args:
        label: the label of a case (``Case("hard_type")``); None counts only in the total.

    Raises:
        InvalidValueError: *label* is not callable.

    Examples:
        >>> from hokatsu.indicators.measures import CaseLabels
        >>> from hokatsu.indicators.accessors import Case
        >>> CaseLabels(Case("hard_type")).label_values({"c1": "compound"})
        {'c1': 'compound'}
    """

    label: Callable[[Any], Hashable | None] = attrs.field(
        validator=_case_function("Case('hard_type')"))
    kind: ClassVar[str] = "case_labels"
    per_case: ClassVar[bool] = True

    def inputs(self) -> tuple[Any, ...]:
        """The accessors or functions whose values :meth:`emit` reads, in order.

        Returns:
            The accessors or functions, in the order ``emit`` reads their values.

        Examples:
            >>> from hokatsu.indicators.measures import CaseLabels
            >>> from hokatsu.indicators.accessors import Case
            >>> CaseLabels(Case("hard_type")).inputs()
            (Case(name='hard_type', key='case_id'),)
        """
        return (self.label,)

    def emit(self, acc: str, put: Put, values: list[str], bind: Callable[[Any, str], str]
             ) -> list[str]:
        """Lines adding one event (or case) to the accumulator.

        Args:
            acc: an expression reading the accumulator (its empty value at first).
            put: makes the statement storing a new accumulator.
            values: expressions for ``inputs``' values, each to be evaluated once.
            bind: binds a constant in the generated code's namespace, returning its name.

        Returns:
            The lines of source, for the engine's generated handlers.

        Examples:
            >>> from hokatsu.indicators.measures import CaseLabels
            >>> from hokatsu.indicators.accessors import Case
            >>> measure = CaseLabels(Case("hard_type"))
            >>> lines = measure.emit("acc", "acc = {}".format, ["v0"], lambda value, name: name)
            >>> print(*lines, sep=chr(10))
            a = acc
            if a is None:
                a = {}
                acc = a
            a[case] = v0
        """
        return self._keyed(acc, put, "case", values[0])

    def merge(self, dst: Any, src: Any) -> Any:
        """*src* merged into *dst* (which it may change; *src* it never changes); later months win.

        Args:
            dst: an accumulator, or None for none yet.
            src: another cell's accumulator.

        Returns:
            The merged accumulator.

        Examples:
            >>> from hokatsu.indicators.measures import CaseLabels
            >>> from hokatsu.indicators.accessors import Case
            >>> CaseLabels(Case("hard_type")).merge({"c1": "compound"}, {"c1": "multi_issue"})
            {'c1': 'multi_issue'}
        """
        if dst is None:
            return dict(src)
        dst.update(src)  # cells are merged in month order, so later months win
        return dst

    def label_values(self, acc: Any) -> dict[Any, Any]:
        """Each case's label.

        Args:
            acc: the accumulator, or None.

        Returns:
            The label of each case.

        Examples:
            >>> from hokatsu.indicators.measures import CaseLabels
            >>> from hokatsu.indicators.accessors import Case
            >>> CaseLabels(Case("hard_type")).label_values(None)
            {}
        """
        return acc or {}


# -- derived measures ----------------------------------------------------------------------

Values = dict[tuple[str, Period, str], "float | None"]
"""Indicator values already computed, by (indicator, period, area)."""

_MONTHS = {PeriodKind.FISCAL_YEAR: 12, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}


class _OfOne:
    """A derived measure reading one other indicator, ``of``."""

    of: str

    @property
    def inputs(self) -> tuple[str, ...]:
        """The indicators it reads."""
        return (self.of,)


@attrs.frozen
class PerCapita(_OfOne):
    """Another indicator per ``per`` residents per month of the period.

    The hardship-support (生活困窮者自立支援制度) KPIs are set per 100,000 residents per month.
    Not measured where the area's population is unknown.

    Args:
        of: the id of the indicator read.
        per: the number of residents the value is per.

    Raises:
        InvalidValueError: *of* not an id, or *per* not a positive integer.

    Examples:
        >>> from hokatsu.indicators.measures import PerCapita
        >>> PerCapita(of="cases_opened").inputs
        ('cases_opened',)
    """

    of: str = attrs.field(validator=v.ID)
    per: int = attrs.field(default=100_000, validator=v.integer(1))
    kind: ClassVar[str] = "per_capita"

    def derive(self, ind: Indicator, period: Period, area_id: str, previous: Period | None,
               values: Values, population: int | None) -> Row:
        """The row for one period and area.

        Args:
            ind: the derived indicator.
            period: the period of the row.
            area_id: the area of the row.
            previous: the period before *period*, None before the record began.
            values: the values of the indicators already computed, by (indicator, period, area).
            population: the area's population, None when unknown.

        Returns:
            The row.

        Examples:
            >>> from hokatsu.indicators.measures import PerCapita
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> fy = FiscalYear(2017)
            >>> values = {("cases_opened", fy, "himi"): 12}
            >>> row = PerCapita(of="cases_opened").derive(BY_ID["cases_per_100k"], fy, "himi", None,
            ...                                           values, 50_000)
            >>> row.value, row.denominator
            (2.0, 6.0)
        """
        from hokatsu.indicators.model import new_row

        base = values.get((self.of, period, area_id))
        if base is None or not population:
            return new_row(ind.id, period, area_id, None, None, None, None, None, None, ())
        denominator = population * _MONTHS[period.kind] / self.per
        return new_row(ind.id, period, area_id, None, base / denominator, base, denominator,
                       None, None, ())


@attrs.frozen
class IsZero(_OfOne):
    """Yes (1) when another indicator is zero in the period.

    Args:
        of: the id of the indicator read.

    Raises:
        InvalidValueError: *of* is not an id.

    Examples:
        >>> from hokatsu.indicators.measures import IsZero
        >>> IsZero(of="multi_agency_cases").inputs
        ('multi_agency_cases',)
    """

    of: str = attrs.field(validator=v.ID)
    kind: ClassVar[str] = "is_zero"

    def derive(self, ind: Indicator, period: Period, area_id: str, previous: Period | None,
               values: Values, population: int | None) -> Row:
        """The row for one period and area.

        Args:
            ind: the derived indicator.
            period: the period of the row.
            area_id: the area of the row.
            previous: the period before *period*, None before the record began.
            values: the values of the indicators already computed, by (indicator, period, area).
            population: the area's population, None when unknown.

        Returns:
            The row.

        Examples:
            >>> from hokatsu.indicators.measures import IsZero
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> fy = FiscalYear(2017)
            >>> IsZero(of="2A2").derive(BY_ID["no_multi_agency_cases"], fy, "himi", None,
            ...                         {("2A2", fy, "himi"): 0}, None).value
            1
        """
        from hokatsu.indicators.model import new_row

        base = values.get((self.of, period, area_id))
        return new_row(ind.id, period, area_id, None, None if base is None else int(base == 0),
                       None, None, None, None, ())


@attrs.frozen
class Composite:
    """Which of several outcome indicators moved since the previous period (5O4): not a
    number, a list of movements.

    Args:
        of: the ids of the outcome indicators compared, at least one, each once.

    Raises:
        InvalidValueError: *of* empty, or not unique ids.

    Examples:
        >>> from hokatsu.indicators.measures import Composite
        >>> Composite(of=("4O1", "4O2")).inputs
        ('4O1', '4O2')
    """

    of: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID, nonempty=True, unique=True))
    kind: ClassVar[str] = "composite"

    @property
    def inputs(self) -> tuple[str, ...]:
        """The indicators it reads.

        Returns:
            The ids of the indicators compared.

        Examples:
            >>> from hokatsu.indicators.measures import Composite
            >>> Composite(of=("4O1", "4O2")).inputs
            ('4O1', '4O2')
        """
        return self.of

    def derive(self, ind: Indicator, period: Period, area_id: str, previous: Period | None,
               values: Values, population: int | None) -> Row:
        """The row for one period and area; *previous* is None before the record began.

        Args:
            ind: the derived indicator.
            period: the period of the row.
            area_id: the area of the row.
            previous: the period before *period*, None before the record began.
            values: the values of the indicators already computed, by (indicator, period, area).
            population: the area's population, None when unknown.

        Returns:
            The row.

        Examples:
            >>> from hokatsu.indicators.measures import Composite
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> fy = FiscalYear(2017)
            >>> row = Composite(of=("4O1",)).derive(BY_ID["5O4"], fy, "himi", FiscalYear(2016),
            ...     {("4O1", fy, "himi"): 3.0, ("4O1", FiscalYear(2016), "himi"): 2.5}, None)
            >>> [(m.indicator, m.direction) for m in row.movements]
            [('4O1', 1)]
        """
        from hokatsu.indicators.model import new_movement, new_row

        moves: list[Movement] = []
        for dep in self.of:
            now = values.get((dep, period, area_id))
            before = values.get((dep, previous, area_id)) if previous is not None else None
            direction = None
            if now is not None and before is not None:
                direction = (now > before) - (now < before)
            moves.append(new_movement(dep, before, now, direction))
        return new_row(ind.id, period, area_id, None, None, None, None, None, None,
                       tuple(moves))


Measure = Count | Sum | Distinct | Flag | Scores | Mean | Ratio | Latest | Cases | CaseLabels
"""A measure of events (or of cases, for :class:`Cases` and :class:`CaseLabels`)."""
Derived = PerCapita | Composite | IsZero
"""A measure of other indicators' values."""
MEASURES = (Count, Sum, Distinct, Flag, Scores, Mean, Ratio, Latest, Cases, CaseLabels, Tally)
DERIVED = (PerCapita, Composite, IsZero)
