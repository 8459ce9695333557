"""A base for enums whose members carry the report's Japanese label."""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["Labelled"]


class Labelled(enum.Enum):
    """An enum with an English identifier, a stable string value and a Japanese ``label``.

    The value is what serialisation writes; the label is the report's term, for display.
    """

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return self._value_

    # Members are singletons compared by identity, so identity hashing is consistent with
    # equality; it is done in C, where Enum's own __hash__ is a Python function on the hot
    # paths of the ledger and the indicator engine (set and dict keys).
    __hash__ = object.__hash__
