"""Events of the meeting bodies: sessions, agenda items, outcomes and escalation.

A session of a body is held on a date in one of the body's session areas, with attending
agencies and a head count. Agenda items are about a case or a community theme. Each item ends
with an outcome: an agreement reached, a response presented, continued to a later session (with
progress reports on the continuing theme), or escalated — only to the body the item's body
escalates to (第3章 3.(2)④; 第4章 2.(3)-5 for what the indicators count).
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.errors import InvalidValueError, Redacted
from hokatsu.events.base import Event, ref

__all__ = [
    "AgendaItemConcluded",
    "AgendaItemRaised",
    "ItemOutcome",
    "MeetingHeld",
    "ProgressReported",
]

_OPT_ID = v.optional(v.ID)


class ItemOutcome(Labelled):
    """How an agenda item ends at a session.

    Examples:
        >>> ItemOutcome.ESCALATED.label
        '上位の会議体へ提示'
    """

    AGREED = ("agreed", "合意・結論に至った")
    RESPONSE_PRESENTED = ("response_presented", "対応策を提示した")
    CONTINUED = ("continued", "継続して協議")
    ESCALATED = ("escalated", "上位の会議体へ提示")

    @property
    def settles(self) -> bool:
        """Whether the outcome settles the item at this body (agreement or response).

        Examples:
            >>> [o.value for o in ItemOutcome if o.settles]
            ['agreed', 'response_presented']
        """
        return self in _SETTLING


# read for every concluded item the indicator engine counts: a module global, not two Enum
# class attribute look-ups per call
_SETTLING = frozenset({ItemOutcome.AGREED, ItemOutcome.RESPONSE_PRESENTED})


@attrs.frozen(kw_only=True)
class MeetingHeld(Event):
    """A session of a meeting body.

    Args:
        session_id: the session's id.
        body_id: the body that met.
        area_id: where: the body's area, or for a body meeting in each area of a level, the
            area of that level this session was for.
        agency_ids: the agencies attending.
        participants: the head count (at least one).
        coordinator_ids: coordinators attending.

    Examples:
        >>> import datetime as dt
        >>> event = MeetingHeld(id='e1', date=dt.date(2017, 5, 23), session_id='s1',
        ...     body_id='himi-district', area_id='himi-d20', agency_ids=frozenset({'himi-jichi',
        ...     'himi-minsei', 'himi-swc'}), participants=6)
        >>> event.TYPE
        'meeting_held'
    """

    TYPE: ClassVar[str] = "meeting_held"
    session_id: str = attrs.field(validator=v.ID, metadata=ref("session", new=True))
    body_id: str = attrs.field(validator=v.ID, metadata=ref("body"))
    area_id: str = attrs.field(validator=v.ID, metadata=ref("area"))
    agency_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.ID), metadata=ref("agency"))
    participants: int = attrs.field(validator=v.integer(1, 100_000))
    coordinator_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.ID)
    , metadata=ref("coordinator"))


@attrs.frozen(kw_only=True)
class AgendaItemRaised(Event):
    """An item is put on the agenda of a session, on the session's date.

    Args:
        item_id: the item's id.
        session_id: the session.
        case_id: the case discussed, for an individual case.
        theme: the community theme, in words, for an item about the community or the system.
        escalated_from: the item of a lower body that escalated here, if any.

    Exactly one of ``case_id`` and ``theme`` is given.

    Examples:
        >>> import datetime as dt
        >>> event = AgendaItemRaised(id='e1', date=dt.date(2017, 4, 8), item_id='i1',
        ...     session_id='s1', theme='認知症の人の支援')
        >>> event.TYPE
        'agenda_item_raised'
    """

    TYPE: ClassVar[str] = "agenda_item_raised"
    item_id: str = attrs.field(validator=v.ID, metadata=ref("item", new=True))
    session_id: str = attrs.field(validator=v.ID, metadata=ref("session"))
    case_id: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("case"))
    theme: str | None = attrs.field(
        default=None, validator=v.optional(v.TEXT), metadata=v.PERSONAL, repr=v.redacted
    )
    escalated_from: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("item"))

    def __attrs_post_init__(self) -> None:
        if (self.case_id is None) == (self.theme is None):
            raise InvalidValueError(
                # the theme is free text: say which were given, not what they say
                f"AgendaItemRaised {self.id!r}", "case_id/theme",
                Redacted("neither" if self.case_id is None else "both"),
                "exactly one of a case id and a theme",
            )


@attrs.frozen(kw_only=True)
class AgendaItemConcluded(Event):
    """The outcome of an agenda item at a session of its body.

    An escalated item goes to the body its body escalates to, where a later session raises
    it again with ``escalated_from``.

    Examples:
        >>> import datetime as dt
        >>> event = AgendaItemConcluded(id='e1', date=dt.date(2017, 4, 8), item_id='i1',
        ...     session_id='s1', outcome=ItemOutcome.ESCALATED)
        >>> event.TYPE
        'agenda_item_concluded'
    """

    TYPE: ClassVar[str] = "agenda_item_concluded"
    item_id: str = attrs.field(validator=v.ID, metadata=ref("item"))
    session_id: str = attrs.field(validator=v.ID, metadata=ref("session"))
    outcome: ItemOutcome = attrs.field(validator=v.enum_of(ItemOutcome))


@attrs.frozen(kw_only=True)
class ProgressReported(Event):
    """Progress on a continuing item is reported at a later session of its body (5O3).

    Examples:
        >>> import datetime as dt
        >>> event = ProgressReported(id='e1', date=dt.date(2017, 10, 17), item_id='theme-1',
        ...     session_id='s-core-10')
        >>> event.TYPE
        'progress_reported'
    """

    TYPE: ClassVar[str] = "progress_reported"
    item_id: str = attrs.field(validator=v.ID, metadata=ref("item"))
    session_id: str = attrs.field(validator=v.ID, metadata=ref("session"))
