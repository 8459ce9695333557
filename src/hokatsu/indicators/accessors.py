"""The declarative accessors: what an indicator reads of an event, written as data.

An indicator's ``where``, ``group``, keys and values may be plain functions of ``(event,
ctx)``, but the accessors below say the same as data: the indicator checks them against the
events it reads when it is defined, and the engine writes them into its generated handlers as
expressions instead of calling anything. A user's indicator written with them runs exactly as
fast as the catalogue's, which uses nothing else where it can.

- :class:`Attr` reads an attribute of the event (``Attr("participants")``).
- :class:`Case`, :class:`Referral`, :class:`Item` and :class:`Session` read an attribute of
  what the event refers to, as the engine knows it at that event (its one fold of the facts,
  :mod:`hokatsu.facts`): ``Case("multi_field")`` is the case of a case event (or
  of the referral a referral event changes), ``Item("promotion")`` the agenda item of an item
  event, ``Item("concluded", key="escalated_from")`` the item an escalated one came from. An
  optional reference that is None reads as None.
- :class:`Is`, :class:`IsNot`, :class:`Equals` and :class:`In` compare what an accessor (or an
  event attribute named by a string) reads; :class:`All`, :class:`Any` and :class:`Not` combine
  tests; :class:`Days` is the number of days between two dates; :class:`OfType`,
  :class:`Always` and :class:`CtxAttr` complete the set.

Each accessor is a callable too, with the meaning of its generated code, so that it can be
used (and tested) anywhere a function can.

Examples:
    >>> from hokatsu.events import CaseConferenceHeld
    >>> multi = All(Case("multi_field"), IsNot("coordinator_id", None))
    >>> multi.check((CaseConferenceHeld,), per_case=False)
    >>> try:
    ...     Case("no_such_fact").check((CaseConferenceHeld,), per_case=False)
    ... except InvalidValueError as error:
    ...     field = error.field
    >>> field
    'name'
"""

from __future__ import annotations

import datetime as dt
import re
import typing as t
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar, Protocol

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.errors import InvalidValueError, describe_allowed
from hokatsu.events import Event

if TYPE_CHECKING:
    from hokatsu.facts import Context

__all__ = [
    "Accessor",
    "All",
    "Always",
    "Any",
    "Attr",
    "Case",
    "CaseAttr",
    "CtxAttr",
    "Days",
    "Equals",
    "In",
    "Is",
    "IsNot",
    "Item",
    "Not",
    "OfType",
    "Referral",
    "Session",
]


class Source(Protocol):
    """What an accessor needs of the code generator writing it into a handler.

    Examples:
        >>> from hokatsu.events import ReferralAccepted
        >>> from hokatsu.indicators._codegen import _Source
        >>> src = _Source(ReferralAccepted, {})  # the engine's own
        >>> src.cls.__name__
        'ReferralAccepted'
    """

    #: the event class the code is for (None in the per-case flush, whose subject is ``case``)
    cls: type[Event] | None

    def bind(self, value: object, hint: str) -> str:
        """A name under which *value* is bound in the generated function's namespace.

        Args:
            value: the constant (or function) to bind.
            hint: the start of the name.

        Returns:
            The name, unique within the generated function.

        Examples:
            >>> from hokatsu.indicators._codegen import _Source
            >>> ns = {}
            >>> name = _Source(None, ns).bind(frozenset({"a"}), "k")
            >>> name, ns[name]
            ('k_0', frozenset({'a'}))
        """

    def ref(self, kind: str, key: str) -> str:
        """The name of a local holding the object of *kind* the event's *key* refers to,
        looked up once per handler (None when an optional reference is None).

        Args:
            kind: the kind of object (``"case"``, ``"referral"``, ``"item"``, ``"session"``).
            key: the event attribute holding the reference.

        Returns:
            The local's name.

        Examples:
            >>> from hokatsu.events import AgendaItemRaised
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(AgendaItemRaised, {})
            >>> src.ref("item", "escalated_from")
            'item_escalated_from'
            >>> print(*src.lookups, sep=chr(10))
            item_escalated_from = event.escalated_from
            if item_escalated_from is not None:
                item_escalated_from = items[item_escalated_from]
        """


def _is_identifier(name: object) -> bool:
    return type(name) is str and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) is not None \
        and not name.startswith("__")


_IDENTIFIER = v.simple(
    "an attribute name (letters, digits and underscores, not starting with a digit)",
    _is_identifier,
)


def _constant(value: object) -> bool:
    return value is None or type(value) is bool or isinstance(value, Labelled)


_CONSTANT = v.simple("None, True, False or a hokatsu enum member", _constant)
_PLAIN = v.simple(
    "None, a bool, an int, a str, a date or a hokatsu enum member",
    lambda x: x is None or type(x) in (bool, int, str, dt.date) or isinstance(x, Labelled),
)


def _fields(cls: type) -> frozenset[str]:
    """The attributes an event class's events have: its fields, and its properties (such as
    :attr:`~hokatsu.events.activities.ActivitySessionHeld.counts`)."""
    names = set(attrs.fields_dict(cls))
    names.update(n for c in cls.__mro__ for n, v in vars(c).items() if isinstance(v, property))
    return frozenset(names)


def _read(what: str | Accessor) -> Accessor:
    """An event attribute named by a string, or an accessor as it is."""
    return Attr(what) if isinstance(what, str) else what


def _check_read(what: object, owner: str) -> None:
    if _is_identifier(what) or isinstance(what, _ACCESSORS):
        return
    raise InvalidValueError(owner, "name", what,
                            "an event attribute's name (an identifier) or an accessor")


@attrs.frozen
class Attr:
    """An event's attribute, as a ``where``, key, value or group: ``Attr("participants")``.

    It does what ``lambda event, ctx: event.participants`` does, but as data: the indicator
    checks that its events have the attribute, and the engine reads it inline. As a ``where``
    it keeps events whose attribute is truthy.

    Examples:
        >>> Attr("participants").name
        'participants'
    """

    name: str = attrs.field(validator=_IDENTIFIER)

    def __call__(self, event: t.Any, ctx: t.Any = None) -> t.Any:
        return getattr(event, self.name)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Refuse the accessor unless every class of *events* has the attribute.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: an event class read has no such attribute, or the accessor is used in
                a per-case measure.

        Examples:
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.events import TrainingHeld
            >>> Attr("participants").check((TrainingHeld,), per_case=False)
        """
        _event_only(self, per_case)
        missing = [c.__name__ for c in events if self.name not in _fields(c)]
        if missing:
            common = frozenset.intersection(*(_fields(c) for c in events))
            raise InvalidValueError(
                "Attr", "name", self.name,
                f"an attribute of every event read ({', '.join(missing)} has none such); one "
                f"of {describe_allowed(common)}",
            )

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Attr
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> Attr("participants").source(src)
            'event.participants'
        """
        return f"event.{self.name}"


# -- references into the engine's fold ---------------------------------------------------------


@attrs.frozen
class _Reference:
    """An attribute of the object an event refers to, as the engine knows it at that event."""

    #: the kind of object (a key of :data:`hokatsu.facts.FACTS`)
    KIND: ClassVar[str] = ""
    #: the event attribute holding the reference by default
    KEY: ClassVar[str] = ""

    name: str = attrs.field(validator=_IDENTIFIER)
    key: str = attrs.field(kw_only=True, validator=_IDENTIFIER)

    @key.default
    def _key(self) -> str:
        return self.KEY

    def __call__(self, event: t.Any, ctx: Context | None = None) -> t.Any:
        if ctx is None:  # in a per-case measure: the subject is the case itself
            return getattr(event, self.name)
        target = ctx.lookup(self.KIND, event, self.key)
        return None if target is None else getattr(target, self.name)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Refuse the accessor unless its object has the attribute and every class of
        *events* refers to such an object through *key*."""
        from hokatsu.facts import FACTS

        owner = type(self).__name__
        known = FACTS[self.KIND].attributes
        if self.name not in known:
            raise InvalidValueError(owner, "name", self.name,
                                    f"an attribute of {FACTS[self.KIND].cls.__name__}: one "
                                    f"of {describe_allowed(known)}")
        if per_case:
            if self.KIND == "case" and self.key == self.KEY:
                return  # in a per-case measure, the case in hand
            raise InvalidValueError(owner, "key", self.key,
                                    "no other reference than Case(...) of the case in hand in "
                                    "a per-case measure (Cases, CaseLabels)")
        missing = [c.__name__ for c in events if not FACTS[self.KIND].refers(c, self.key)]
        if missing:
            raise InvalidValueError(
                owner, "key", self.key,
                f"an attribute naming {'an' if self.KIND[0] in 'aeiou' else 'a'} {self.KIND} on "
                f"every event read ({', '.join(missing)} "
                "has none such)",
            )

    def source(self, src: Source) -> str:
        if src.cls is None:  # the per-case flush: the case in hand
            return f"case.{self.name}"
        target = src.ref(self.KIND, self.key)
        from hokatsu.facts import FACTS

        if FACTS[self.KIND].optional(src.cls, self.key):
            return f"({target}.{self.name} if {target} is not None else None)"
        return f"{target}.{self.name}"


@attrs.frozen
class Case(_Reference):
    """An attribute of the event's case (:class:`~hokatsu.facts.CaseInfo`):
    ``Case("multi_field")``.

    On a case event, and on a referral event, the case is the one the event belongs to; on
    other events *key* names the attribute holding a case id (``case_id``, which may be None).
    In a per-case measure (:class:`~hokatsu.indicators.measures.Cases`,
    :class:`~hokatsu.indicators.measures.CaseLabels`) it reads the case in hand.

    Examples:
        >>> from hokatsu.indicators.accessors import Case
        >>> from hokatsu.events import CaseConferenceHeld
        >>> Case("multi_field").check((CaseConferenceHeld,), per_case=False)
        >>> Case("multi_field").key
        'case_id'
    """

    KIND: ClassVar[str] = "case"
    KEY: ClassVar[str] = "case_id"


@attrs.frozen
class Referral(_Reference):
    """An attribute of the event's referral
    (:class:`~hokatsu.facts.ReferralInfo`): ``Referral("requested")``.

    Examples:
        >>> from hokatsu.indicators.accessors import Referral
        >>> from hokatsu.events import ReferralAccepted
        >>> Referral("requested").check((ReferralAccepted,), per_case=False)
        >>> Referral("requested").key
        'referral_id'
    """

    KIND: ClassVar[str] = "referral"
    KEY: ClassVar[str] = "referral_id"


@attrs.frozen
class Item(_Reference):
    """An attribute of the event's agenda item (:class:`~hokatsu.facts.ItemInfo`):
    ``Item("promotion")``; ``Item("concluded", key="escalated_from")`` reads the item an
    escalated item came from (None when it came from none).

    Examples:
        >>> from hokatsu.indicators.accessors import Item
        >>> from hokatsu.events import AgendaItemRaised
        >>> Item("concluded", key="escalated_from").check((AgendaItemRaised,), per_case=False)
        >>> Item("promotion").key
        'item_id'
    """

    KIND: ClassVar[str] = "item"
    KEY: ClassVar[str] = "item_id"


@attrs.frozen
class Session(_Reference):
    """An attribute of the event's session (:class:`~hokatsu.facts.SessionInfo`):
    ``Session("promotion")``.

    Examples:
        >>> from hokatsu.indicators.accessors import Session
        >>> from hokatsu.events import MeetingHeld
        >>> Session("promotion").check((MeetingHeld,), per_case=False)
        >>> Session("promotion").key
        'session_id'
    """

    KIND: ClassVar[str] = "session"
    KEY: ClassVar[str] = "session_id"


@attrs.frozen
class CaseAttr:
    """The case in hand's attribute, in a per-case measure: ``Cases(CaseAttr("multi_field"))``
    (the same as ``Case("multi_field")`` there).

    Examples:
        >>> from hokatsu.indicators.accessors import CaseAttr
        >>> from hokatsu.indicators.measures import Cases
        >>> Cases(CaseAttr("multi_field")).inputs()
        (CaseAttr(name='multi_field'),)
    """

    name: str = attrs.field(validator=_IDENTIFIER)

    def __call__(self, case: t.Any) -> t.Any:
        return getattr(case, self.name)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Refuse the accessor outside a per-case measure or for an unknown attribute.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: used outside a per-case measure, or the case has no such attribute.

        Examples:
            >>> from hokatsu.indicators.accessors import CaseAttr
            >>> CaseAttr("multi_field").check((), per_case=True)
        """
        if not per_case:
            raise InvalidValueError("CaseAttr", "name", self.name, _PLACEMENT)
        Case(self.name).check(events, per_case=True)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import CaseAttr
            >>> from hokatsu.events import CaseOpened
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(CaseOpened, {})
            >>> CaseAttr("multi_field").source(_Source(None, {}))
            'case.multi_field'
        """
        return f"case.{self.name}"


@attrs.frozen
class CtxAttr:
    """An attribute of the engine's :class:`~hokatsu.facts.Context`, read
    inline: ``Distinct(CtxAttr("fresh_hard_agencies"), many=True)`` (2O2).

    Examples:
        >>> from hokatsu.indicators.accessors import CtxAttr
        >>> from hokatsu.events import ReferralAccepted
        >>> CtxAttr("fresh_connection").check((ReferralAccepted,), per_case=False)
    """

    name: str = attrs.field(validator=_IDENTIFIER)

    def __call__(self, event: t.Any, ctx: t.Any) -> t.Any:
        return getattr(ctx, self.name)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Refuse an unknown attribute, and a fresh one on events that do not set it.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: not an attribute of the context, a fresh attribute on events that do
                not set it, or used in a per-case measure.

        Examples:
            >>> from hokatsu.indicators.accessors import CtxAttr, InvalidValueError
            >>> from hokatsu.events import TrainingHeld
            >>> try:
            ...     CtxAttr("fresh_connection").check((TrainingHeld,), per_case=False)
            ... except InvalidValueError as error:
            ...     print(error.field)
            name
        """
        from hokatsu.facts import CONTEXT_ATTRIBUTES, FRESH

        _event_only(self, per_case)
        if self.name not in CONTEXT_ATTRIBUTES:
            raise InvalidValueError("CtxAttr", "name", self.name,
                                    f"an attribute of Context: one of "
                                    f"{', '.join(sorted(CONTEXT_ATTRIBUTES))}")
        setters = FRESH.get(self.name)
        stale = [c.__name__ for c in events if setters is not None and not issubclass(c, setters)]
        if stale:
            raise InvalidValueError(
                "CtxAttr", "name", self.name,
                f"{self.name} only on the events that set it "
                f"({', '.join(c.__name__ for c in setters or ())}); {', '.join(stale)} would "
                "read a value left by another event",
            )

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import CtxAttr
            >>> from hokatsu.events import ReferralAccepted
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(ReferralAccepted, {})
            >>> CtxAttr("fresh_connection").source(src)
            'ctx.fresh_connection'
        """
        return f"ctx.{self.name}"


# -- tests and values --------------------------------------------------------------------------


@attrs.frozen
class Is:
    """Whether what is read is a given constant (compared by identity).

    ``Is("purpose", DevelopmentPurpose.FUNDING)`` reads the event's attribute;
    ``Is(Case("hard_type"), None)`` reads through any accessor. The constant is None, True,
    False or an enum member.

    Examples:
        >>> from hokatsu.indicators.accessors import Is
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> Is("coordinator_id", None)(event)
        True
    """

    name: str | Accessor = attrs.field()
    value: t.Any = attrs.field(validator=_CONSTANT)

    @name.validator
    def _check_name(self, attribute: t.Any, value: object) -> None:
        _check_read(value, type(self).__name__)

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return _apply(_read(self.name), event, ctx) is self.value

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Check what it reads.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: what it reads does not fit the events (see the accessor read).

        Examples:
            >>> from hokatsu.indicators.accessors import Is
            >>> from hokatsu.events import TrainingHeld
            >>> Is("coordinator_id", None).check((TrainingHeld,), per_case=False)
        """
        _read(self.name).check(events, per_case=per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Is
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> Is("coordinator_id", None).source(src)
            '(event.coordinator_id is k_0)'
        """
        return f"({_read(self.name).source(src)} is {src.bind(self.value, 'k')})"


@attrs.frozen
class IsNot(Is):
    """Whether what is read is not a given constant: ``IsNot("coordinator_id", None)``.

    Examples:
        >>> from hokatsu.indicators.accessors import IsNot
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> IsNot("coordinator_id", None)(event)
        False
    """

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return _apply(_read(self.name), event, ctx) is not self.value

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import IsNot
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> IsNot("coordinator_id", None).source(src)
            '(event.coordinator_id is not k_0)'
        """
        return f"({_read(self.name).source(src)} is not {src.bind(self.value, 'k')})"


@attrs.frozen
class Equals:
    """Whether what is read equals a value (a number, a string, a date, an enum member):
    ``Equals(Case("plans"), 1)``.

    Examples:
        >>> from hokatsu.indicators.accessors import Equals
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> Equals("participants", 31)(event)
        True
    """

    name: str | Accessor = attrs.field()
    value: t.Any = attrs.field(validator=_PLAIN)

    @name.validator
    def _check_name(self, attribute: t.Any, value: object) -> None:
        _check_read(value, "Equals")

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return bool(_apply(_read(self.name), event, ctx) == self.value)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Check what it reads.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: what it reads does not fit the events (see the accessor read).

        Examples:
            >>> from hokatsu.indicators.accessors import Equals
            >>> from hokatsu.events import TrainingHeld
            >>> Equals("participants", 31).check((TrainingHeld,), per_case=False)
        """
        _read(self.name).check(events, per_case=per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Equals
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> Equals("participants", 31).source(src)
            '(event.participants == k_0)'
        """
        return f"({_read(self.name).source(src)} == {src.bind(self.value, 'k')})"


def _as_frozenset(x: object) -> object:
    try:
        return frozenset(x) if isinstance(x, set | frozenset | tuple | list) else x
    except TypeError:  # unhashable values: the validator names what is allowed
        return x


@attrs.frozen
class In:
    """Whether what is read is one of some values: ``In("outcome", SETTLING_OUTCOMES)``.

    Examples:
        >>> from hokatsu.indicators.accessors import In
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> In("area_id", {"himi", "ohmi"})(event)
        True
    """

    name: str | Accessor = attrs.field()
    values: frozenset[t.Any] = attrs.field(
        converter=_as_frozenset, validator=v.frozenset_of(_PLAIN, nonempty=True),
    )

    @name.validator
    def _check_name(self, attribute: t.Any, value: object) -> None:
        _check_read(value, "In")

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return _apply(_read(self.name), event, ctx) in self.values

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Check what it reads.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: what it reads does not fit the events (see the accessor read).

        Examples:
            >>> from hokatsu.indicators.accessors import In
            >>> from hokatsu.events import TrainingHeld
            >>> In("area_id", {"himi"}).check((TrainingHeld,), per_case=False)
        """
        _read(self.name).check(events, per_case=per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import In
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> In("area_id", {"himi"}).source(src)
            '(event.area_id in k_0)'
        """
        return f"({_read(self.name).source(src)} in {src.bind(self.values, 'k')})"


def _tests(value: object) -> bool:
    return type(value) is tuple and len(value) >= 1 and all(
        isinstance(test, _ACCESSORS) for test in value)


_TESTS = v.simple("one or more accessors", _tests)


@attrs.frozen(init=False)
class All:
    """Whether every test holds: ``All(Session("promotion"), IsNot("theme", None))``.

    Examples:
        >>> from hokatsu.indicators.accessors import All, Attr, Is
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> All(Attr("participants"), Is("coordinator_id", None))(event)
        True
    """

    tests: tuple[Accessor, ...] = attrs.field(validator=_TESTS)

    def __init__(self, *tests: Accessor) -> None:
        self.__attrs_init__(tests)

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return all(_apply(test, event, ctx) for test in self.tests)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Check every test.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: a test does not fit the events.

        Examples:
            >>> from hokatsu.indicators.accessors import All, Attr
            >>> from hokatsu.events import TrainingHeld
            >>> All(Attr("participants")).check((TrainingHeld,), per_case=False)
        """
        for test in self.tests:
            test.check(events, per_case=per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import All, Attr, Is
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> All(Attr("participants"), Is("coordinator_id", None)).source(src)
            '(event.participants and (event.coordinator_id is k_0))'
        """
        return "(" + " and ".join(test.source(src) for test in self.tests) + ")"


@attrs.frozen(init=False)
class Any(All):
    """Whether any test holds.

    Examples:
        >>> from hokatsu.indicators.accessors import Any, Equals, IsNot
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> Any(IsNot("coordinator_id", None), Equals("participants", 31))(event)
        True
    """

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return any(_apply(test, event, ctx) for test in self.tests)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Any, Equals, IsNot
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> Any(IsNot("coordinator_id", None), Equals("participants", 0)).source(src)
            '((event.coordinator_id is not k_0) or (event.participants == k_1))'
        """
        return "(" + " or ".join(test.source(src) for test in self.tests) + ")"


@attrs.frozen
class Not:
    """Whether a test does not hold: ``Not(Item("promotion", key="escalated_from"))``.

    Examples:
        >>> from hokatsu.indicators.accessors import Is, Not
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> Not(Is("coordinator_id", None))(event)
        False
    """

    test: Accessor = attrs.field(validator=v.simple(
        "an accessor", lambda t: isinstance(t, _ACCESSORS)))

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return not _apply(self.test, event, ctx)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Check the test.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: the test does not fit the events.

        Examples:
            >>> from hokatsu.indicators.accessors import Attr, Not
            >>> from hokatsu.events import TrainingHeld
            >>> Not(Attr("participants")).check((TrainingHeld,), per_case=False)
        """
        self.test.check(events, per_case=per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Attr, Not
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> Not(Attr("participants")).source(src)
            '(not event.participants)'
        """
        return f"(not {self.test.source(src)})"


def days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Days from *start* to *end*; None when either is None.

    Args:
        start: the first date, or None.
        end: the second date, or None.

    Returns:
        The number of days (negative when *end* comes first), or None.

    Examples:
        >>> from hokatsu.indicators.accessors import days_between
        >>> import datetime as dt
        >>> days_between(dt.date(2017, 4, 3), dt.date(2017, 4, 10))
        7
        >>> days_between(None, dt.date(2017, 4, 10)) is None
        True
    """
    return None if start is None or end is None else (end - start).days


@attrs.frozen
class Days:
    """The number of days from one date to another, None when either is None:
    ``Days(Referral("requested"), Attr("date"))`` (days to accept a referral).

    Examples:
        >>> from hokatsu.indicators.accessors import Attr, Days, Referral
        >>> from hokatsu.events import ReferralAccepted
        >>> Days(Referral("requested"), Attr("date")).check((ReferralAccepted,), per_case=False)
    """

    start: Accessor = attrs.field(validator=v.simple(
        "an accessor", lambda t: isinstance(t, _ACCESSORS)))
    end: Accessor = attrs.field(validator=v.simple(
        "an accessor", lambda t: isinstance(t, _ACCESSORS)))

    def __call__(self, event: t.Any, ctx: t.Any = None) -> int | None:
        return days_between(_apply(self.start, event, ctx), _apply(self.end, event, ctx))

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Check both dates.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: either date's accessor does not fit the events.

        Examples:
            >>> from hokatsu.indicators.accessors import Attr, Days, Referral
            >>> from hokatsu.events import ReferralAccepted
            >>> Days(Referral("requested"), Attr("date")).check((ReferralAccepted,), per_case=False)
        """
        self.start.check(events, per_case=per_case)
        self.end.check(events, per_case=per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Attr, Days, Referral
            >>> from hokatsu.events import ReferralAccepted
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(ReferralAccepted, {})
            >>> Days(Referral("requested"), Attr("date")).source(src)
            'days_0(referral_referral_id.requested, event.date)'
        """
        return f"{src.bind(days_between, 'days')}({self.start.source(src)}, " \
               f"{self.end.source(src)})"


@attrs.frozen
class OfType:
    """Whether the event is of one of the given classes (for an indicator reading several).

    Examples:
        >>> from hokatsu.indicators.accessors import OfType
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> OfType((TrainingHeld,))(event)
        True
    """

    classes: tuple[type[Event], ...] = attrs.field(validator=v.tuple_of(v.simple(
        "an Event subclass", lambda c: isinstance(c, type) and issubclass(c, Event)),
        nonempty=True))

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return isinstance(event, self.classes)

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Event classes only outside per-case measures.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Raises:
            InvalidValueError: used in a per-case measure.

        Examples:
            >>> from hokatsu.indicators.accessors import OfType
            >>> from hokatsu.events import TrainingHeld
            >>> OfType((TrainingHeld,)).check((TrainingHeld,), per_case=False)
        """
        _event_only(self, per_case)

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import OfType
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> OfType((TrainingHeld,)).source(src)
            'True'
        """
        if src.cls is not None:  # settled when the handler is generated
            return str(issubclass(src.cls, self.classes))
        return f"isinstance(event, {src.bind(self.classes, 't')})"


@attrs.frozen
class Always:
    """True for every event (a ratio's denominator that counts them all).

    Examples:
        >>> from hokatsu.indicators.accessors import Always
        >>> import datetime as dt
        >>> from hokatsu.events import TrainingHeld
        >>> event = TrainingHeld(id="t1", date=dt.date(2017, 4, 3), area_id="himi", participants=31)
        >>> Always()(event)
        True
    """

    def __call__(self, event: t.Any, ctx: t.Any = None) -> bool:
        return True

    def check(self, events: Sequence[type[Event]], *, per_case: bool) -> None:
        """Anything goes.

        Args:
            events: the event classes of the indicator.
            per_case: whether it is used in a per-case measure (Cases, CaseLabels).

        Examples:
            >>> from hokatsu.indicators.accessors import Always
            >>> Always().check((), per_case=True)
        """

    def source(self, src: Source) -> str:
        """The expression the engine writes into its generated handler instead of a call.

        Args:
            src: the code generator writing the handler.

        Returns:
            A Python expression over ``event`` (``case`` in a per-case measure) and ``ctx``.

        Examples:
            >>> from hokatsu.indicators.accessors import Always
            >>> from hokatsu.events import TrainingHeld
            >>> from hokatsu.indicators._codegen import _Source
            >>> src = _Source(TrainingHeld, {})
            >>> Always().source(src)
            'True'
        """
        return "True"


Accessor = (Attr | Case | Referral | Item | Session | CaseAttr | CtxAttr | Is | IsNot | Equals
            | In | All | Any | Not | Days | OfType | Always)
"""The declarative accessors, data the engine writes inline instead of calling a function."""

_ACCESSORS: tuple[type, ...] = (Attr, _Reference, CaseAttr, CtxAttr, Is, Equals, In, All, Not,
                                Days, OfType, Always)


def is_accessor(value: object) -> bool:
    """Whether *value* is one of the declarative accessors.

    Args:
        value: anything.

    Returns:
        True for an accessor, False for a plain function or anything else.

    Examples:
        >>> from hokatsu.indicators.accessors import Attr, is_accessor
        >>> is_accessor(Attr("participants")), is_accessor(lambda event, ctx: True)
        (True, False)
    """
    return isinstance(value, _ACCESSORS)


def _apply(accessor: Accessor, event: t.Any, ctx: t.Any) -> t.Any:
    if isinstance(accessor, CaseAttr):
        return accessor(event)
    return accessor(event, ctx)


#: Where accessors of cases and of events go.
_PLACEMENT = ("CaseAttr in a per-case measure (Cases, CaseLabels), and event accessors (Attr, "
              "Is, IsNot, CtxAttr, OfType, Always …) everywhere else; Case(...) reads the case "
              "of an event, or in a per-case measure the case in hand")


def _event_only(accessor: object, per_case: bool) -> None:
    if per_case:
        raise InvalidValueError(type(accessor).__name__, "name",
                                getattr(accessor, "name", None), _PLACEMENT)


#: A filter or value as a function of an event and the engine's context.
Function = Callable[[t.Any, "Context"], t.Any]
