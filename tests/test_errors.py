"""Tests for hokatsu.errors: messages, attributes and pickling of the errors."""

from __future__ import annotations

import pickle

import pytest

from hokatsu.errors import (
    CycleError,
    DuplicateIdError,
    InvalidValueError,
    Redacted,
    UnknownReferenceError,
    describe_allowed,
)


class TestUnknownReferenceError:
    def test_without_known_ids(self) -> None:
        """A caller that does not list the known ids gets no "known ids: (none)"."""
        error = UnknownReferenceError("Ledger", "events", "e9")
        assert str(error) == "Ledger.events: unknown id 'e9'"
        assert (error.known, error.known_count) == (None, None)

    def test_with_no_known_ids(self) -> None:
        """An empty collection of known ids still says (none)."""
        error = UnknownReferenceError("Ledger", "events", "e9", ())
        assert str(error) == "Ledger.events: unknown id 'e9'; known ids: (none)"
        assert (error.known, error.known_count) == ((), 0)

    def test_any_iterable(self) -> None:
        """A keys view, a set or a generator of known ids all work, listed sorted."""
        index = {"b": 1, "a": 2}
        for known in (index.keys(), set(index), (k for k in index), index):
            error = UnknownReferenceError("X", "y", "z", known)
            assert str(error) == "X.y: unknown id 'z'; known ids: a, b"
            assert (error.known, error.known_count) == (("a", "b"), 2)

    def test_a_million_known_ids(self) -> None:
        """A million known ids give the 12 smallest and the count (without sorting them
        all: the time is the benchmarks' business, not a test's)."""
        ids = {f"e{i:07d}": None for i in range(1_000_000)}
        error = UnknownReferenceError("Ledger", "events", "x", ids.keys())
        assert str(error) == (
            "Ledger.events: unknown id 'x'; known ids: "
            + ", ".join(f"e{i:07d}" for i in range(12)) + ", … (1000000 in all)"
        )
        assert len(error.known or ()) == 12
        assert error.known_count == 1_000_000

    def test_pickle_keeps_message_and_count(self) -> None:
        """An unpickled error says the same and keeps the count of known ids."""
        for error in (UnknownReferenceError("X", "y", "z", [str(i) for i in range(30)]),
                      UnknownReferenceError("X", "y", "z")):
            again = pickle.loads(pickle.dumps(error))
            assert str(again) == str(error)
            assert (again.known, again.known_count) == (error.known, error.known_count)


class TestDescribeAllowed:
    def test_bounded(self) -> None:
        """At most 12 values are listed, then how many there are."""
        text = describe_allowed(str(i) for i in range(100))
        assert text.endswith(", … (100 in all)")
        assert text.count(",") == 12

    def test_repeats_counted_once(self) -> None:
        """Repeated values are listed and counted once."""
        assert describe_allowed(["b", "a", "b"]) == "a, b"

    def test_empty(self) -> None:
        """No values read (none)."""
        assert describe_allowed([]) == "(none)"


class TestPickling:
    @pytest.mark.parametrize("error", [
        InvalidValueError("Member", "born", "1950-01-02", "a date", personal=True),
        InvalidValueError("Area", "valid_to", "x", "a date"),
        DuplicateIdError("AreaTree", "areas", "a"),
        CycleError("AreaTree", "parent_id", ("a", "b")),
    ])
    def test_round_trip(self, error: Exception) -> None:
        """Every error survives pickling with the same message."""
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert str(again) == str(error)

    def test_personal_value_not_pickled(self) -> None:
        """A personal value is not in the pickle, only its redacted stand-in."""
        error = InvalidValueError("Member", "born", "1950-01-02", "a date", personal=True)
        assert b"1950" not in pickle.dumps(error)
        assert pickle.loads(pickle.dumps(error)).value == Redacted("a str")
