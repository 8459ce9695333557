"""Tests of hokatsu.testing, the strategies shipped for applications' own tests."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hokatsu
from hokatsu import EVENT_TYPES, Household, Ledger
from hokatsu.errors import InvalidValueError, MissingExtraError, UnknownReferenceError
from hokatsu.events import Event, MeetingHeld, ReferralAccepted
from hokatsu.reference import himi
from hokatsu.testing import (
    EVENT_STRATEGIES,
    STRATEGIES,
    agencies,
    area_trees,
    coordinators,
    event_sequences,
    events,
    households,
    ledgers,
    members,
    municipalities,
    strategy_for,
)
from tests.strategies import scaled


class TestDomainStrategies:
    def test_every_directory_class_has_a_strategy(self) -> None:
        """Every attrs class of hokatsu.domain has a strategy in STRATEGIES."""
        import hokatsu.domain as domain

        classes = {c for c in vars(domain).values()
                   if isinstance(c, type) and attrs.has(c) and c.__name__ in domain.__all__}
        assert classes <= set(STRATEGIES)

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    @scaled(1 / 10)
    @given(data=st.data())
    def test_strategies_give_their_type(self, cls: type[Any], data: st.DataObject) -> None:
        """Each strategy gives instances of its type, and strategy_for finds it."""
        assert type(data.draw(strategy_for(cls))) is cls

    @given(agencies(agency_id="a", area_ids=["x", "y"], service_ids=("s1", "s2")))
    def test_agencies_keep_to_what_they_are_given(self, agency: Any) -> None:
        """An agency drawn for given ids serves only those areas and offers those services."""
        assert agency.id == "a"
        assert agency.area_ids <= {"x", "y"}
        assert [s.id for s in agency.services] == ["s1", "s2"]

    @given(households(max_members=2, max_issues=1))
    def test_household_sizes(self, household: Household) -> None:
        """A household has no more members and issues than asked for."""
        assert 1 <= len(household.members) <= 2
        assert len(household.issues) <= 1


class TestEventStrategies:
    def test_every_event_class_has_a_strategy(self) -> None:
        """EVENT_STRATEGIES holds every concrete event class."""
        assert set(EVENT_STRATEGIES) == set(EVENT_TYPES.values())
        assert strategy_for(MeetingHeld) is EVENT_STRATEGIES[MeetingHeld]

    @scaled(1 / 10)
    @given(st.data())
    def test_events_are_of_their_class(self, data: st.DataObject) -> None:
        """Each event strategy gives events of its class."""
        cls = data.draw(st.sampled_from(sorted(EVENT_STRATEGIES, key=lambda c: c.__name__)))
        assert type(data.draw(EVENT_STRATEGIES[cls])) is cls

    @scaled(1 / 5)
    @given(events())
    def test_any_event(self, event: Event) -> None:
        """events() with no class gives events of some concrete class."""
        assert type(event) in set(EVENT_TYPES.values())

    @scaled(1 / 5)
    @given(ledgers(min_events=5, max_events=60))
    def test_ledgers_are_valid(self, ledger: Ledger) -> None:
        """A drawn ledger holds as many events as asked for, and a ledger rebuilt from them
        accepts every one."""
        assert 5 <= len(ledger) <= 60
        assert ledger.directory == himi()
        assert len(Ledger(ledger.directory, ledger.events)) == len(ledger)

    @scaled(1 / 5)
    @given(municipalities().flatmap(lambda city: ledgers(city, max_events=40)))
    def test_ledgers_of_random_directories(self, ledger: Ledger) -> None:
        """Ledgers of random directories, drawn with flatmap, are valid too."""
        assert len(Ledger(ledger.directory, ledger.events)) == len(ledger)

    @scaled(1 / 5)
    @given(event_sequences(min_events=0, max_events=20))
    def test_sequences_are_in_date_order(self, sequence: list[Event]) -> None:
        """A sequence is in date order, with unique ids."""
        assert [e.date for e in sequence] == sorted(e.date for e in sequence)
        assert len({e.id for e in sequence}) == len(sequence)


class TestArguments:
    @pytest.mark.parametrize(("make", "field"), [
        (lambda: members(member_id=" x"), "member_id"),
        (lambda: households(max_members=0), "max_members"),
        (lambda: households(max_issues=-1), "max_issues"),
        (lambda: area_trees(max_levels="4"), "max_levels"),
        (lambda: agencies(area_ids="abc"), "area_ids"),
        (lambda: agencies(service_ids=["s", "s"]), "service_ids"),
        (lambda: coordinators(agency_ids=[1]), "agency_ids[0]"),
        (lambda: events(int), "cls"),
        (lambda: events(ReferralAccepted, city="himi"), "city"),
        (lambda: ledgers(min_events=5, max_events=2), "max_events"),
        (lambda: event_sequences(max_events=10**6), "max_events"),
    ])
    def test_bad_arguments_are_refused_at_once(self, make: Any, field: str) -> None:
        """A bad argument raises InvalidValueError naming it when the strategy is made, not
        when it is drawn from."""
        with pytest.raises(InvalidValueError) as info:
            make()
        assert info.value.field == field

    @pytest.mark.parametrize("cls", [int, Event.__base__, [], "Household"])
    def test_strategy_for_an_unknown_type(self, cls: Any) -> None:
        """strategy_for names the types it knows when asked for another."""
        with pytest.raises(UnknownReferenceError, match=r"strategy_for\.cls"):
            strategy_for(cls)


class TestOptionalDependency:
    def test_import_without_hypothesis_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Importing hokatsu.testing without hypothesis raises MissingExtraError, an
        ImportError naming the package and the extra that installs it."""
        for name in [n for n in sys.modules if n.startswith("hokatsu.testing")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "hypothesis", None)  # makes `import hypothesis` fail
        with pytest.raises(MissingExtraError) as info:
            importlib.import_module("hokatsu.testing")
        error = info.value
        assert isinstance(error, ImportError)
        assert (error.feature, error.package, error.extra, error.name) == (
            "hokatsu.testing", "hypothesis", "test", "hypothesis")
        assert 'pip install "hokatsu[test]"' in str(error)

    def test_hokatsu_does_not_import_it(self) -> None:
        """``import hokatsu`` imports neither hokatsu.testing nor hypothesis."""
        source = str(Path(hokatsu.__file__).parents[1])
        env = {**os.environ, "PYTHONPATH": source}
        code = ("import sys, hokatsu; "
                "print('hokatsu.testing' in sys.modules, 'hypothesis' in sys.modules)")
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                             capture_output=True, text=True).stdout
        assert out.split() == ["False", "False"]

    def test_the_error_pickles(self) -> None:
        """The error survives pickling with its facts."""
        import pickle

        error = MissingExtraError("hokatsu.testing", "hypothesis", "test")
        again = pickle.loads(pickle.dumps(error))
        assert (str(again), again.extra) == (str(error), "test")

