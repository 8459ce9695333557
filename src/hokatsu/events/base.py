"""The base of every event: an id, a date and a type tag."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from hokatsu import _validators as v

__all__ = ["Event"]


@attrs.frozen(kw_only=True)
class Event:
    """A fact that happened, on a date; never changed once recorded.

    Every concrete event class sets ``TYPE``, the tag that serialisation writes under
    ``"type"`` (``"case_opened"`` …). A correction is a new event, not an edit.

    Args:
        id: unique within a ledger.
        date: the day the fact happened.
    """

    TYPE: ClassVar[str] = ""

    id: str = attrs.field(validator=v.ID)
    date: dt.date = attrs.field(validator=v.DATE)
