"""How an indicator is defined, and what computing one returns.

An :class:`Indicator` says which events it reads, which of them count (``where``), what to
measure (a :class:`~hokatsu.indicators.measures.Count`,
:class:`~hokatsu.indicators.measures.Sum`, :class:`~hokatsu.indicators.measures.Distinct` …),
how to break the result down (``group``) and, optionally, which date places an event in a
period (``when``). Indicators are plain data built from typed callables: users define their
own the same way the catalogue does, without strings to evaluate and without touching the
engine.

Results are :class:`Row` objects — indicator, period, area, optional group, value, numerator
and denominator where meaningful — collected in a :class:`ResultTable`. A value of ``None``
means *not measured* (a survey never run), which is not the same as zero (第4章 2.(3)).

Examples:
    >>> from hokatsu.events import TrainingHeld
    >>> trainings = Indicator(
    ...     id="big_trainings", name="参加者30人以上の研修", events=(TrainingHeld,),
    ...     where=lambda event, ctx: event.participants >= 30, measure=Count(), unit="回",
    ... )
    >>> trainings.measure.kind
    'count'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.calendar import FiscalYear, Month, Period, PeriodKind, Quarter, period_order
from hokatsu.domain.areas import Area
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.events import Event
from hokatsu.indicators.accessors import (
    Accessor,
    Always,
    Attr,
    CaseAttr,
    CtxAttr,
    Is,
    IsNot,
    OfType,
    is_accessor,
)
from hokatsu.indicators.measures import (
    DERIVED,
    MEASURES,
    CaseLabels,
    Cases,
    Composite,
    Count,
    Derived,
    Distinct,
    Flag,
    IsZero,
    Latest,
    Mean,
    Measure,
    PerCapita,
    Ratio,
    Scores,
    Sum,
    Tally,
)

if TYPE_CHECKING:
    from hokatsu.facts import Context

__all__ = [
    "Accessor",
    "Always",
    "Attr",
    "CaseAttr",
    "CaseLabels",
    "Cases",
    "Composite",
    "Count",
    "CtxAttr",
    "Derived",
    "Distinct",
    "Flag",
    "Indicator",
    "IndicatorKind",
    "Is",
    "IsNot",
    "IsZero",
    "Latest",
    "Mean",
    "Measure",
    "Movement",
    "OfType",
    "PerCapita",
    "Ratio",
    "ResultTable",
    "Row",
    "Scores",
    "Sum",
    "Tally",
    "Viewpoint",
]

Predicate = Callable[[Any, "Context"], bool]
"""A filter over an event and the engine's context."""


class Viewpoint(Labelled):
    """The five viewpoints of the operation stage (第4章 2.(3)), and hokatsu's own extras.

    Examples:
        >>> from hokatsu.indicators.model import Viewpoint
        >>> Viewpoint.RUN_MEETING.value, Viewpoint.RUN_MEETING.label
        ('run_meeting', '(3)-5 包括化推進会議の運営')
    """

    GRASP_ISSUES = ("grasp_issues", "(3)-1 相談支援に関する課題の把握")
    INDIVIDUAL_SUPPORT = ("individual_support", "(3)-2 個別相談に関する支援")
    DEVELOP_RESOURCES = ("develop_resources", "(3)-3 相談支援機能強化に資する資源等の開発推進")
    MANAGE_SYSTEM = ("manage_system", "(3)-4 相談支援体制の構築・マネジメント")
    RUN_MEETING = ("run_meeting", "(3)-5 包括化推進会議の運営")
    BEYOND = ("beyond", "報告書外の指標")


class IndicatorKind(Labelled):
    """Activity (活動指標) or outcome (成果指標), or context for hokatsu's extras.

    Examples:
        >>> from hokatsu.indicators.model import IndicatorKind
        >>> IndicatorKind("outcome").label
        '成果指標'
    """

    ACTIVITY = ("activity", "活動指標")
    OUTCOME = ("outcome", "成果指標")
    CONTEXT = ("context", "参考指標")


_MEASURES = MEASURES
_DERIVED = DERIVED
_CASE_MEASURES = (Cases, CaseLabels)

_CALLABLE = v.optional(v.simple("a callable", callable))
_OPT_NUMBER = v.optional(v.number())


@attrs.frozen(kw_only=True)
class Indicator:
    """An indicator: which events, which of them, what to measure, how to group.

    Args:
        id: unique within a catalogue (``"1A1"``; your own ids are free).
        name: the name, in the report's words for the catalogue.
        events: the event classes it reads (subclasses included).
        measure: what it measures; a derived measure reads other indicators instead of events.
        where: keeps only the events for which it returns True; gets the event and the
            engine's :class:`~hokatsu.facts.Context`.
        group: breaks the result down by the label it returns (None: not counted in a group);
            a label is written as ``str(label)`` (an enum member as its value).
        when: the date that places an event in a period (default: the event's date).
        viewpoint: the report's viewpoint, or ``BEYOND``.
        kind: activity, outcome or context.
        unit: the unit of the value (``"件"``, ``"円"``, ``"人"`` …).
        description: what it counts, in a sentence.
        groups: group labels always reported, in this order, even when no event falls in
            them (a zero is a zero, not "not measured"); other labels follow, sorted.
        grains: the period kinds it is meaningful for (default: all).

    Raises:
        InvalidValueError: a field of the wrong kind; events given to a derived or per-case
            measure (or none to another); ``where``/``group``/``when`` on a derived or
            per-case measure; fixed ``groups`` without a way to group; a ``group`` on a
            Latest or Tally measure; an accessor that does not fit the events read.

    Examples:
        >>> from hokatsu.events import TrainingHeld
        >>> from hokatsu.indicators.model import Count, Indicator
        >>> ind = Indicator(id="trainings", name="研修", events=(TrainingHeld,),
        ...                 measure=Count(), unit="回")
        >>> ind.viewpoint, ind.kind
        (<Viewpoint.BEYOND: 'beyond'>, <IndicatorKind.CONTEXT: 'context'>)
    """

    id: str = attrs.field(validator=v.ID)
    name: str = attrs.field(validator=v.TEXT)
    events: tuple[type[Event], ...] = attrs.field(
        default=(), validator=v.tuple_of(v.simple(
            "an Event subclass", lambda c: isinstance(c, type) and issubclass(c, Event)))
    )
    measure: Measure | Derived = attrs.field(
        validator=v.instance_of((*_MEASURES, *_DERIVED))
    )
    where: Predicate | None = attrs.field(default=None, validator=_CALLABLE)
    group: Callable[[Any, Context], Hashable | None] | None = attrs.field(
        default=None, validator=_CALLABLE
    )
    when: Callable[[Any], dt.date] | None = attrs.field(
        default=None, validator=_CALLABLE
    )
    viewpoint: Viewpoint = attrs.field(default=Viewpoint.BEYOND, validator=v.enum_of(Viewpoint))
    kind: IndicatorKind = attrs.field(
        default=IndicatorKind.CONTEXT, validator=v.enum_of(IndicatorKind)
    )
    unit: str = attrs.field(default="", validator=v.ANY_TEXT)
    description: str = attrs.field(default="", validator=v.ANY_TEXT)
    groups: tuple[str, ...] = attrs.field(default=(), validator=v.tuple_of(v.TEXT, unique=True))
    grains: frozenset[PeriodKind] = attrs.field(
        default=frozenset(PeriodKind), validator=v.frozenset_of(v.enum_of(PeriodKind),
                                                                nonempty=True)
    )

    def __attrs_post_init__(self) -> None:
        implicit = isinstance(self.measure, _DERIVED + _CASE_MEASURES)
        what = ("a derived measure (it reads indicators)" if self.derived
                else "a case measure (it reads every case event)")
        if implicit and self.events:
            raise InvalidValueError(f"Indicator {self.id!r}", "events", self.events,
                                    f"no events for {what}")
        if not implicit and not self.events:
            raise InvalidValueError(f"Indicator {self.id!r}", "events", self.events,
                                    "at least one event class")
        if implicit and (self.where or self.group or self.when):
            raise InvalidValueError(f"Indicator {self.id!r}", "where/group/when", None,
                                    f"none of them for {what}")
        if self.groups and self.group is None and not isinstance(self.measure,
                                                                  Latest | CaseLabels | Tally):
            raise InvalidValueError(f"Indicator {self.id!r}", "groups", self.groups,
                                    "no fixed groups without a group function or a Latest, "
                                    "CaseLabels or Tally measure")
        if isinstance(self.measure, Latest | Tally) and self.group is not None:
            # their group rows are their own labels; a second grouping has no rows
            raise InvalidValueError(f"Indicator {self.id!r}", "group", self.group,
                                    "None for a Latest or Tally measure (its labels are its "
                                    "groups)")
        self._check_accessors()

    def _check_accessors(self) -> None:
        """Accessors must fit where they are used (each checks itself: an event attribute on
        every event class read, a fact the engine's context has, a case accessor only in a
        per-case measure …)."""
        m = self.measure
        uses = [("where", self.where), ("group", self.group), ("when", self.when)]
        if not self.derived:
            uses += [(f"measure.{f.name}", getattr(m, f.name)) for f in attrs.fields(type(m))]
        for field, fn in uses:
            if not is_accessor(fn):
                continue
            try:
                cast(Accessor, fn).check(self.events, per_case=self.per_case)
            except InvalidValueError as error:
                raise InvalidValueError(f"Indicator {self.id!r}", field, error.value,
                                        error.expected) from None

    @property
    def derived(self) -> bool:
        """Whether the indicator is computed from other indicators' results.

        Examples:
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> BY_ID["cases_per_100k"].derived, BY_ID["4A5"].derived
            (True, False)
        """
        return isinstance(self.measure, _DERIVED)

    @property
    def per_case(self) -> bool:
        """Whether the indicator reads case states rather than events.

        Examples:
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> BY_ID["multi_field_share"].per_case, BY_ID["4A5"].per_case
            (True, False)
        """
        return isinstance(self.measure, _CASE_MEASURES)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The indicators a derived indicator reads.

        Examples:
            >>> from hokatsu.indicators.catalogue import BY_ID
            >>> BY_ID["cases_per_100k"].inputs, BY_ID["4A5"].inputs
            (('cases_opened',), ())
        """
        m = self.measure
        if isinstance(m, Composite):
            return m.of
        if isinstance(m, PerCapita | IsZero):
            return (m.of,)
        return ()


# -- results -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Movement:
    """How one outcome indicator moved between two periods (for the composite 5O4).

    Args:
        indicator: the indicator id.
        previous: its value in the previous period (None: not measured).
        current: its value in this period.
        direction: +1 up, -1 down, 0 unchanged, None when either is not measured.

    Raises:
        InvalidValueError: a field of the wrong kind (a direction outside -1..1).

    Examples:
        >>> from hokatsu.indicators.model import Movement
        >>> Movement(indicator="4O1", previous=2.0, current=3.0, direction=1).direction
        1
    """

    indicator: str = attrs.field(validator=v.ID)
    previous: float | None = attrs.field(validator=_OPT_NUMBER)
    current: float | None = attrs.field(validator=_OPT_NUMBER)
    direction: int | None = attrs.field(validator=v.optional(v.integer(-1, 1)))


@attrs.frozen(kw_only=True)
class Row:
    """One indicator's result for one period, one area and (optionally) one group.

    Args:
        indicator: the indicator id.
        period: the period.
        area_id: the area; it includes every area below it.
        group: the group label, None for the indicator's total.
        value: the value; None when not measured.
        numerator: for rates, shares and means, what was divided.
        denominator: what it was divided by.
        respondents: for questionnaire scores, the number of respondents.
        distribution: for questionnaire scores, respondents per score, lowest first.
        movements: for a composite, how each input moved since the previous period.

    Raises:
        InvalidValueError: a field of the wrong kind.

    Examples:
        >>> from hokatsu.calendar import FiscalYear
        >>> from hokatsu.indicators.model import Row
        >>> row = Row(indicator="4A5", period=FiscalYear(2017), area_id="himi", value=2)
        >>> row.period.key, row.group, row.value
        ('FY2017', None, 2)
    """

    indicator: str = attrs.field(validator=v.ID)
    period: Period = attrs.field(validator=v.instance_of((FiscalYear, Quarter, Month)))
    area_id: str = attrs.field(validator=v.ID)
    group: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))
    value: float | None = attrs.field(validator=_OPT_NUMBER)
    numerator: float | None = attrs.field(default=None, validator=_OPT_NUMBER)
    denominator: float | None = attrs.field(default=None, validator=_OPT_NUMBER)
    respondents: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))
    distribution: tuple[int, ...] | None = attrs.field(
        default=None, validator=v.optional(v.tuple_of(v.integer(0)))
    )
    movements: tuple[Movement, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Movement))
    )

    @property
    def measured(self) -> bool:
        """Whether the indicator was measured (a composite always is).

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import Row
            >>> Row(indicator="4O1", period=FiscalYear(2017), area_id="himi",
            ...     value=None).measured
            False
        """
        return self.value is not None or bool(self.movements)


@attrs.frozen(kw_only=True)
class ResultTable:
    """Rows of indicator results, with look-ups.

    A table the engine returns also knows the indicators and areas of its rows, so that
    :meth:`to_records`, :meth:`format` and :meth:`to_pandas` can name them; two tables are
    equal when their rows are.

    Args:
        rows: the rows, ordered by indicator, period, area and group.
        definitions: the indicators of the rows (for their names and units); an id without
            one is looked up in the catalogue.
        areas: the areas of the rows (for their names).

    Raises:
        InvalidValueError: a field of the wrong kind.

    Examples:
        >>> from hokatsu.indicators.engine import compute
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> table = compute(Ledger(himi(), himi_fy2017()), indicators=["5A1"])
        >>> table
        <ResultTable: 3 rows, 1 indicators, 1 areas, FY2017…FY2017>
        >>> len(table), [row.group for row in table]
        (3, [None, 'plenary', 'subcommittee'])
    """

    rows: tuple[Row, ...] = attrs.field(validator=v.tuple_of(v.instance_of(Row)))
    definitions: tuple[Indicator, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Indicator)), eq=False, repr=False)
    areas: tuple[Area, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.instance_of(Area)), eq=False, repr=False)
    _index: dict[tuple[str, Period, str, str | None], Row] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {
            (r.indicator, r.period, r.area_id, r.group): r for r in self.rows
        })

    def definition(self, indicator: str) -> Indicator | None:
        """The indicator of the id *indicator*: the table's own, else the catalogue's, else
        None.

        Args:
            indicator: an indicator id.

        Returns:
            The indicator, or None when neither the table nor the catalogue has it.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> table = ResultTable(rows=(Row(indicator="4A5", period=FiscalYear(2017),
            ...                               area_id="himi", value=2),))
            >>> table.definition("4A5").unit, table.definition("nothing") is None
            ('回', True)
        """
        for ind in self.definitions:
            if ind.id == indicator:
                return ind
        from hokatsu.indicators.catalogue import BY_ID

        return BY_ID.get(indicator) if isinstance(indicator, str) else None

    def area_name(self, area_id: str) -> str | None:
        """The name of the area *area_id*, None when the table does not know it.

        Args:
            area_id: an area id.

        Returns:
            The area's name, or None.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.area_name("himi"), table.area_name("elsewhere")
            ('氷見市', None)
        """
        for area in self.areas:
            if area.id == area_id:
                return area.name
        return None

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as plain dicts, one per row (see
        :func:`hokatsu.indicators.output.to_records`).

        Returns:
            One dict per row, with the indicator's name and unit and the area's name.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.to_records()[1]["group"]
            'plenary'
        """
        from hokatsu.indicators.output import to_records

        return to_records(self)

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``, one per row (see
        :func:`hokatsu.indicators.output.to_pandas`; needs the ``pandas`` extra).

        Returns:
            A ``pandas.DataFrame`` with the columns of :meth:`to_records`.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> from hokatsu.errors import MissingExtraError
            >>> try:
            ...     print(len(table.to_pandas()))
            ... except MissingExtraError:  # pandas is optional
            ...     print(len(table.to_records()))
            3
        """
        from hokatsu.indicators.output import to_pandas

        return to_pandas(self)

    def format(
        self,
        *,
        period: Period | str | None = None,
        area_id: str | None = None,
        indicators: Iterable[str | Indicator] | None = None,
        title: str | None = None,
        groups: bool = False,
    ) -> str:
        """The rows as readable text (see :func:`hokatsu.indicators.output.format_table`).

        Args:
            period: only this period (or its key).
            area_id: only this area.
            indicators: only these indicators.
            title: a title line above the table.
            groups: show group rows too.

        Returns:
            The table as text, one line per row.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> "5A1" in table.format()
            True
        """
        from hokatsu.indicators.output import format_table

        return format_table(self, period=period, area_id=area_id, indicators=indicators,
                            title=title, groups=groups)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        periods = self.periods
        span = f", {periods[0].key}…{periods[-1].key}" if periods else ""
        return (f"<ResultTable: {len(self.rows):,} rows, {len(self.indicators)} indicators, "
                f"{len(self.area_ids)} areas{span}>")

    def row(self, indicator: str, period: Period | str, area_id: str,
            group: str | None = None) -> Row:
        """The row for these coordinates; *period* may be given by its key (``"FY2017"``).

        Args:
            indicator: the indicator id.
            period: the period, or its key.
            area_id: the area id.
            group: the group label; None for the total.

        Returns:
            The row.

        Raises:
            InvalidValueError: *period* is neither a period nor a period key.
            UnknownReferenceError: no such row.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.row("5A1", "FY2017", "himi", "plenary").value
            5
        """
        if isinstance(period, str):
            from hokatsu.calendar import parse_period

            period = parse_period(period)
        elif not isinstance(period, FiscalYear | Quarter | Month):
            raise InvalidValueError("ResultTable.row", "period", type(period).__name__,
                                    "a FiscalYear, Quarter or Month, or a period key such as "
                                    "'FY2017'")
        try:
            return self._index[(indicator, period, area_id, group)]
        except (KeyError, TypeError):
            pass
        rows = self.rows
        checks: tuple[tuple[str, object, list[object]], ...] = (
            ("indicator", indicator, list(self.indicators)),
            ("period", period, list(self.periods)),
            ("area_id", area_id, list(self.area_ids)),
            ("group", group, [r.group for r in rows if r.indicator == indicator]),
        )
        for field, wanted, known in checks:
            if wanted not in known:
                shown = [getattr(k, "key", k) for k in known if k is not None]
                raise UnknownReferenceError(
                    "ResultTable", field, getattr(wanted, "key", wanted), shown)
        raise UnknownReferenceError(  # each part exists, but not together
            "ResultTable", "rows", (indicator, getattr(period, "key", period), area_id, group),
            (),
        )

    def value(
        self, indicator: str, period: Period | str, area_id: str, group: str | None = None
    ) -> float | None:
        """The value for these coordinates (None: not measured).

        Args:
            indicator: the indicator id.
            period: the period, or its key.
            area_id: the area id.
            group: the group label; None for the total.

        Returns:
            The row's value.

        Raises:
            InvalidValueError: *period* is neither a period nor a period key.
            UnknownReferenceError: no such row.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.value("5A1", "FY2017", "himi", "subcommittee")
            0
        """
        return self.row(indicator, period, area_id, group).value

    def select(
        self,
        *,
        indicators: Iterable[str] | None = None,
        periods: Iterable[Period] | None = None,
        area_ids: Iterable[str] | None = None,
        groups: bool = True,
    ) -> ResultTable:
        """The rows for some indicators, periods and areas; ``groups=False`` keeps totals.

        Args:
            indicators: keep these indicator ids (default: all).
            periods: keep these periods (default: all).
            area_ids: keep these areas (default: all).
            groups: keep group rows too.

        Returns:
            A new table of the rows kept, with the same definitions and areas.

        Raises:
            InvalidValueError: a single string (or anything not iterable) where a collection
                is expected, or *groups* not a bool.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> len(table.select(groups=False)), len(table.select(area_ids=["elsewhere"]))
            (1, 0)
        """
        ind = _collection("indicators", indicators)
        per = _collection("periods", periods)
        are = _collection("area_ids", area_ids)
        if type(groups) is not bool:
            raise InvalidValueError("ResultTable.select", "groups", groups, "True or False")
        return ResultTable(rows=tuple(
            r for r in self.rows
            if (ind is None or r.indicator in ind) and (per is None or r.period in per)
            and (are is None or r.area_id in are) and (groups or r.group is None)
        ), definitions=self.definitions, areas=self.areas)

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicator ids, in row order.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.indicators
            ('5A1',)
        """
        return tuple(dict.fromkeys(r.indicator for r in self.rows))

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods, sorted.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> [p.key for p in table.periods]
            ['FY2017']
        """
        return tuple(sorted({r.period for r in self.rows}, key=period_order))

    @property
    def area_ids(self) -> tuple[str, ...]:
        """The area ids, in row order.

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.area_ids
            ('himi',)
        """
        return tuple(dict.fromkeys(r.area_id for r in self.rows))

    def groups(self, indicator: str) -> tuple[str, ...]:
        """The group labels of an indicator, in row order.

        Args:
            indicator: the indicator id.

        Returns:
            The labels (empty when the indicator has no groups or no rows).

        Examples:
            >>> from hokatsu.calendar import FiscalYear
            >>> from hokatsu.indicators.model import ResultTable, Row
            >>> from hokatsu.reference import himi
            >>> fy = FiscalYear(2017)
            >>> table = ResultTable(rows=(
            ...     Row(indicator="5A1", period=fy, area_id="himi", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="plenary", value=5),
            ...     Row(indicator="5A1", period=fy, area_id="himi", group="subcommittee",
            ...         value=0),
            ... ), areas=(himi().areas.root,))
            >>> table.groups("5A1")
            ('plenary', 'subcommittee')
        """
        return tuple(dict.fromkeys(
            r.group for r in self.rows if r.indicator == indicator and r.group is not None
        ))


def _collection(field: str, values: object) -> frozenset[Any] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidValueError("ResultTable.select", field, type(values).__name__,
                                "a collection (a list, tuple or set), not a single value")
    try:
        return frozenset(values)
    except TypeError:
        raise InvalidValueError("ResultTable.select", field, "unhashable items",
                                "a collection of ids or periods") from None


#: A row the engine computed, built without re-validating what it just produced (the fields
#: of :class:`Row`, in order).
new_row = v.positional(Row)
#: A movement the engine computed (the fields of :class:`Movement`, in order).
new_movement = v.positional(Movement)
