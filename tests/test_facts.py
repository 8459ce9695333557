"""Tests for hokatsu.facts: what the fold keeps of referrals and cases, checked against the
events themselves (the fold stores some facts compactly, for speed)."""

from __future__ import annotations

import attrs
import pytest

from hokatsu.events import (
    CaseOpened,
    Event,
    IssueIdentified,
    ReferralRequested,
    ReferralStatus,
    ReferralTransition,
)
from hokatsu.facts import CaseInfo, Context
from hokatsu.simulation import presets, simulate


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return list(simulate(presets.himi(), seed=0).events)


@pytest.fixture(scope="module")
def fold(events: list[Event]) -> Context:
    ctx = Context(presets.himi().directory)
    ctx._take(events)
    return ctx


class TestReferralHistory:
    def test_history_is_the_request_then_each_change(self, events: list[Event],
                                                     fold: Context) -> None:
        """A referral's history is its request, then every status change in ledger order with
        its date, status and reason."""
        expected: dict[str, list[object]] = {}
        for e in events:
            if isinstance(e, ReferralRequested):
                expected[e.referral_id] = [(e.date, ReferralStatus.REQUESTED, None)]
            elif isinstance(e, ReferralTransition):
                expected[e.referral_id].append((e.date, e.status, e.reason))
        assert any(len(h) > 2 for h in expected.values())  # the sample has changes to check
        assert {rid: ref.history for rid, ref in fold.referrals.items()} == expected

    def test_history_is_a_fresh_list(self, fold: Context) -> None:
        """Changing the list a referral's history returns leaves the referral as it was."""
        ref = next(iter(fold.referrals.values()))
        ref.history.clear()
        assert ref.history[0][1] is ReferralStatus.REQUESTED


class TestCaseCollections:
    def test_issues_are_those_at_opening_then_those_identified(
            self, events: list[Event], fold: Context) -> None:
        """A case's issues are its household's at opening, then each identified one."""
        expected: dict[str, list[object]] = {}
        for e in events:
            if isinstance(e, CaseOpened):
                expected[e.case_id] = list(e.household.issues)
            elif isinstance(e, IssueIdentified):
                expected[e.case_id].append(e.issue)
        assert {cid: list(case.issues) for cid, case in fold.cases.items()} == expected

    def test_cases_never_share_a_collection_they_add_to(self, fold: Context) -> None:
        """Cases start from one shared empty set, but no two cases share one with members."""
        for name in ("coordinators", "brought"):
            held = [getattr(case, name) for case in fold.cases.values()]
            filled = [s for s in held if s]
            assert len({id(s) for s in filled}) == len(filled)
            assert filled

    def test_a_case_added_to_alone_changes(self, events: list[Event]) -> None:
        """A coordinator or brought agency added to one case without any is in that case only."""
        opened = next(e for e in events if isinstance(e, CaseOpened))
        first, second = (CaseInfo(attrs.evolve(opened, coordinator_id=None)) for _ in "12")
        first._add_coordinator("c1")
        first._add_brought("a1")
        first._add_brought("a2")
        assert (first.coordinators, first.brought) == ({"c1"}, {"a1", "a2"})
        assert (second.coordinators, second.brought) == (set(), set())
