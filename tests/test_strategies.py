"""Tests of the test strategies themselves: they must reach every field of every type, or the
round-trip and fuzz tests silently cover less than they claim."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from tests.strategies import STRATEGIES


def _default(field: attrs.Attribute[Any]) -> Any:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()  # type: ignore[attr-defined]
    return default


class TestStrategies:
    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    def test_every_field_leaves_its_default(self, cls: type[Any]) -> None:
        """For every field with a default, the strategy produces instances of the type and,
        among 100 of them, some with another value (so new fields are not left out)."""
        fields = {f.name: _default(f) for f in attrs.fields(cls)
                  if f.init and f.default is not attrs.NOTHING}
        seen: set[str] = set()

        @settings(max_examples=100, derandomize=True, database=None)
        @given(STRATEGIES[cls])
        def collect(obj: Any) -> None:
            assert type(obj) is cls
            seen.update(name for name, d in fields.items() if getattr(obj, name) != d)

        collect()
        assert seen == set(fields)
