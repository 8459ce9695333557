"""Tests for hokatsu.cases: replay determinism, the referral state machine, the case facts of
名張市's record, and escalation paths up 氷見市's layered meetings."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hokatsu.cases import EscalationPath, Replay, escalation_paths, replay
from hokatsu.domain import Field, HardCaseType, Household, Issue, Member, Relation
from hokatsu.errors import EventRejectedError, InvalidValueError, LedgerError
from hokatsu.events import (
    TRANSITIONS,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    AssessmentStage,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CaseReopened,
    ConferenceKind,
    Event,
    FollowUpDone,
    IssueIdentified,
    ItemOutcome,
    MeetingHeld,
    Outcome,
    PlanMade,
    PlanRole,
    ProgressReported,
    ReferralAccepted,
    ReferralCancelled,
    ReferralCompleted,
    ReferralFailed,
    ReferralPutOnHold,
    ReferralRejected,
    ReferralRequested,
    ReferralResumed,
    ReferralStarted,
    ReferralStatus,
    ReferralTransition,
    Route,
)
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from tests.scenarios import TRANSITION_CLASSES, event_sequences, generate

D0 = dt.date(2017, 6, 1)
S, R, T = "himi-support", "himi-health", "himi-child"  # sender, receiver, third party


def day(n: int) -> dt.date:
    """The n-th day after D0."""
    return D0 + dt.timedelta(days=n)


def _member(member_id: str, relation: Relation = Relation.CHILD) -> Member:
    return Member(id=member_id, relation=relation, born=dt.date(1960, 1, 1))


def _issue(issue_id: str, member: str | None, *, fits: bool = True, on: int = 0) -> Issue:
    return Issue(id=issue_id, member_id=member, field=Field.HARDSHIP, identified=day(on),
                 fits_existing_services=fits)


def _open(case: str = "c1", *issues: Issue, prior: frozenset[str] = frozenset(),
          coordinator: str | None = None, event_id: str | None = None) -> CaseOpened:
    home = Household(id=f"h-{case}", person_id="m1", area_id="himi-d07",
                     members=(_member("m1", Relation.HEAD), _member("m2"), _member("m3")),
                     issues=issues)
    return CaseOpened(id=event_id or f"open-{case}", date=day(0), case_id=case, household=home,
                      route=Route.AGENCY, agency_id=S, coordinator_id=coordinator,
                      prior_agency_ids=prior)


class _Record:
    """Events appended one by one to a 氷見市 ledger, with fresh ids."""

    def __init__(self, *events: Event) -> None:
        self.ledger = Ledger(himi(), events)
        self.n = 0

    def add(self, cls: type[Event], date: dt.date, **kw: Any) -> Event:
        self.n += 1
        event = cls(id=f"x{self.n}", date=date, **kw)
        self.ledger.append(event)
        return event

    @property
    def state(self) -> Replay:
        return replay(self.ledger)


# -- determinism ---------------------------------------------------------------------------


class TestDeterminism:
    """Replay is a pure function of the events."""

    @given(event_sequences())
    def test_same_events_same_state(self, events: list[Event]) -> None:
        """A ledger, its events as a list, a full selection and an iterator replay alike."""
        ledger = Ledger(himi(), events)
        state = replay(ledger)
        assert state == replay(ledger)
        assert state == replay(list(ledger.events))
        assert state == replay(ledger.select())
        assert state == replay(iter(events))
        assert state.as_of == events[-1].date

    @given(events=event_sequences(), data=st.data())
    def test_until(self, events: list[Event], data: st.DataObject) -> None:
        """Replaying until a day equals replaying the events dated on or before it, and a
        selection that ends that day."""
        ledger = Ledger(himi(), events)
        until = data.draw(st.sampled_from([e.date for e in events]) | st.dates(
            events[0].date - dt.timedelta(3), events[-1].date + dt.timedelta(3)))
        state = replay(ledger, until=until)
        assert state == replay([e for e in events if e.date <= until])
        assert state == replay(ledger.select(end=until))
        before = [e.date for e in events if e.date <= until]
        assert state.as_of == (before[-1] if before else None)

    @given(events=event_sequences(), data=st.data())
    def test_mid_record_selection(self, events: list[Event], data: st.DataObject) -> None:
        """A selection starting after a case opened, but holding its later events, cannot be
        replayed."""
        opened = {e.case_id: e.date for e in events if isinstance(e, CaseOpened)}
        later = [e for e in events
                 if not isinstance(e, CaseOpened) and getattr(e, "case_id", None) in opened
                 and isinstance(e, IssueIdentified | AssessmentRecorded | PlanMade
                                | CaseClosed | CaseReopened | ReferralRequested)
                 and opened[e.case_id] < e.date]  # type: ignore[attr-defined]
        assume(later)
        start = data.draw(st.sampled_from(later)).date
        view = Ledger(himi(), events).select(start=start)
        with pytest.raises(InvalidValueError, match="beginning of the record"):
            replay(view)  # refused before reading, as a view not from the start
        with pytest.raises(LedgerError):
            replay(list(view.events))  # the same events as a plain list fail when read

    def test_mid_record_referral_and_item(self) -> None:
        """Transitions and agenda events whose referral, session or item are missing cannot
        be replayed either."""
        accept = ReferralAccepted(id="a", date=day(1), referral_id="r1", actor_id=R)
        conclude = AgendaItemConcluded(id="b", date=day(1), item_id="i1", session_id="s1",
                                       outcome=ItemOutcome.AGREED)
        raised = AgendaItemRaised(id="c", date=day(1), item_id="i1", session_id="s1", theme="t")
        session = MeetingHeld(id="s", date=day(1), session_id="s1", body_id="himi-block",
                              area_id="himi-b2", participants=3)
        escalated = AgendaItemRaised(id="d", date=day(1), item_id="i2", session_id="s1",
                                     theme="t", escalated_from="i0")
        for events in ([accept], [conclude], [raised], [session, escalated]):
            with pytest.raises(LedgerError) as info:
                replay(events)
            assert repr(events[-1].id) in str(info.value)

    def test_empty(self) -> None:
        """Nothing replays to nothing."""
        state = replay([])
        assert (dict(state.cases), dict(state.referrals), dict(state.items), state.as_of) == (
            {}, {}, {}, None)

    def test_other_events_ignored(self) -> None:
        """Activity events leave the case, referral and item states alone."""
        events = generate(n_events=200)
        ledger = Ledger(himi(), events)
        folded = (CaseOpened, IssueIdentified, AssessmentRecorded, PlanMade, CaseConferenceHeld,
                  FollowUpDone, CaseClosed, CaseReopened, ReferralRequested, ReferralTransition,
                  MeetingHeld, AgendaItemRaised, AgendaItemConcluded, ProgressReported)
        only = [e for e in events if isinstance(e, folded)]
        assert len(only) < len(events)
        assert replay(ledger) == attrs.evolve(replay(only), as_of=ledger.last_date)


# -- consistency with the events, on generated records ------------------------------------


class TestConsistency:
    """The replayed states agree with the events that made them."""

    @given(event_sequences())
    def test_referrals(self, events: list[Event]) -> None:
        """Each referral's history follows TRANSITIONS, ends in its last event's status and
        is open until final."""
        state = replay(Ledger(himi(), events))
        last: dict[str, ReferralStatus] = {}
        for e in events:
            if isinstance(e, ReferralRequested):
                last[e.referral_id] = ReferralStatus.REQUESTED
            elif isinstance(e, ReferralTransition):
                last[e.referral_id] = e.status
        assert set(state.referrals) == set(last)
        for rid, ref in state.referrals.items():
            statuses = [s for _, s, _ in ref.history]
            assert statuses[0] is ReferralStatus.REQUESTED
            assert all(b in TRANSITIONS[a] for a, b in itertools.pairwise(statuses))
            assert ref.status is last[rid]
            assert ref.is_open is not ref.status.is_final
            accepted = ref.reached(ReferralStatus.ACCEPTED)
            assert (ref.days_to_accept is None) is (accepted is None)
            assert ref.days_to_accept is None or ref.days_to_accept >= 0

    @given(event_sequences())
    def test_cases(self, events: list[Event]) -> None:
        """Open/closed, reopen counts, issues and the agency sets agree with the events."""
        state = replay(Ledger(himi(), events))
        for cid, case in state.cases.items():
            own = [e for e in events if getattr(e, "case_id", None) == cid]
            closes = [e for e in own if isinstance(e, CaseClosed | CaseReopened)]
            assert case.is_open is (not closes or isinstance(closes[-1], CaseReopened))
            assert case.reopened == sum(isinstance(e, CaseReopened) for e in own)
            assert case.outcome is (closes[-1].outcome if not case.is_open else None)  # type: ignore[attr-defined]
            later = [e.issue for e in own if isinstance(e, IssueIdentified)]
            assert case.issues == case.household.issues + tuple(later)
            assert case.agency_id in case.involved_agency_ids
            assert case.joined_through_coordinator <= case.newly_involved
            assert case.newly_involved == case.involved_agency_ids - case.prior_agency_ids
            assert case.plans == tuple(e for e in own if isinstance(e, PlanMade))
            assert case.referral_ids == tuple(
                e.referral_id for e in own if isinstance(e, ReferralRequested))
            assert case.item_ids == tuple(
                e.item_id for e in own if isinstance(e, AgendaItemRaised))

    @given(event_sequences())
    def test_through_coordinator_model(self, events: list[Event]) -> None:
        """joined_through_coordinator is the agencies whose first part in the case came from
        a coordinator, read directly from the events."""
        state = replay(Ledger(himi(), events))
        requests = {e.referral_id: e for e in events if isinstance(e, ReferralRequested)}
        first: dict[str, dict[str, bool]] = {}  # case -> agency -> brought by a coordinator

        def involve(case: str, agencies: Iterable[str], via: bool) -> None:
            for agency in agencies:
                first.setdefault(case, {}).setdefault(agency, via)

        for e in events:
            if isinstance(e, CaseOpened | AssessmentRecorded | FollowUpDone):
                involve(e.case_id, [e.agency_id], False)
            elif isinstance(e, PlanMade):
                involve(e.case_id, [r.agency_id for r in e.roles], e.coordinator_id is not None)
            elif isinstance(e, CaseConferenceHeld):
                involve(e.case_id, sorted(e.agency_ids), e.coordinator_id is not None)
            elif isinstance(e, ReferralAccepted):
                request = requests[e.referral_id]
                involve(request.case_id, [request.to_agency_id],
                        request.coordinator_id is not None)
        through = {c: {a for a, via in agencies.items() if via} for c, agencies in first.items()}
        for cid, case in state.cases.items():
            assert case.joined_through_coordinator == through[cid] - case.prior_agency_ids

    @given(event_sequences())
    def test_items(self, events: list[Event]) -> None:
        """Each item's outcome, progress count and take-up agree with the events."""
        state = replay(Ledger(himi(), events))
        for iid, item in state.items.items():
            concluded = [e for e in events
                         if isinstance(e, AgendaItemConcluded) and e.item_id == iid]
            assert item.outcome is (concluded[-1].outcome if concluded else None)
            assert item.concluded == (concluded[-1].date if concluded else None)
            assert item.progress_reports == sum(
                isinstance(e, ProgressReported) and e.item_id == iid for e in events)
            if item.taken_up_as is not None:
                assert item.outcome is ItemOutcome.ESCALATED
                assert state.items[item.taken_up_as].escalated_from == iid

    @given(event_sequences())
    def test_paths(self, events: list[Event]) -> None:
        """Paths follow the directory's escalation targets, every item is on exactly one path,
        and only the last step of a path may be other than escalated."""
        city = himi()
        state = replay(Ledger(city, events))
        paths = escalation_paths(state, city)
        assert sum(len(p.steps) for p in paths) == len(state.items)
        for path in paths:
            steps = path.steps
            assert steps[0].wait_days is None
            for low, high in itertools.pairwise(steps):
                assert low.outcome is ItemOutcome.ESCALATED
                assert city.escalation_target(low.body_id, low.area_id) == (high.body_id,
                                                                            high.area_id)
                assert high.tier <= low.tier
                assert low.concluded is not None
                assert high.wait_days == (high.raised - low.concluded).days >= 0
            assert path.delays == tuple(s.wait_days for s in steps[1:])
            assert path.waiting is (steps[-1].outcome is ItemOutcome.ESCALATED)
            if path.settled_tier is not None:
                assert path.settled is steps[-1]
                assert steps[-1].outcome.settles


# -- the referral state machine -----------------------------------------------------------

#: How to bring a referral from REQUESTED to each status: (class, actor) steps.
PATHS: dict[ReferralStatus, list[tuple[type[ReferralTransition], str]]] = {
    ReferralStatus.REQUESTED: [],
    ReferralStatus.ACCEPTED: [(ReferralAccepted, R)],
    ReferralStatus.REJECTED: [(ReferralRejected, R)],
    ReferralStatus.CANCELLED: [(ReferralCancelled, S)],
    ReferralStatus.IN_PROGRESS: [(ReferralAccepted, R), (ReferralStarted, R)],
    ReferralStatus.ON_HOLD: [(ReferralAccepted, R), (ReferralPutOnHold, R)],
    ReferralStatus.COMPLETED: [(ReferralAccepted, R), (ReferralCompleted, R)],
    ReferralStatus.FAILED: [(ReferralAccepted, R), (ReferralFailed, R)],
}


def _referral_in(status: ReferralStatus) -> _Record:
    record = _Record(_open(), ReferralRequested(id="req", date=day(0), referral_id="r1",
                                                case_id="c1", from_agency_id=S, to_agency_id=R))
    for i, (cls, actor) in enumerate(PATHS[status], start=1):
        record.add(cls, day(i), referral_id="r1", actor_id=actor, reason="理由")
    assert record.state.referrals["r1"].status is status
    return record


def _allowed(status: ReferralStatus, cls: type[ReferralTransition]) -> bool:
    """The state machine, written out: TRANSITIONS, with support started only after
    acceptance and resumed only after a hold."""
    if cls is ReferralStarted:
        return status is ReferralStatus.ACCEPTED
    if cls is ReferralResumed:
        return status is ReferralStatus.ON_HOLD
    return cls.status in TRANSITIONS[status]


class TestStateMachine:
    """Referrals move only along TRANSITIONS, by the agency entitled to move them."""

    @pytest.mark.parametrize("cls", TRANSITION_CLASSES, ids=lambda c: c.__name__)
    @pytest.mark.parametrize("status", list(ReferralStatus), ids=lambda s: s.value)
    def test_pair(self, status: ReferralStatus, cls: type[ReferralTransition]) -> None:
        """The ledger accepts the transition from the status iff the state machine allows it."""
        record = _referral_in(status)
        actor = S if cls is ReferralCancelled and status is ReferralStatus.REQUESTED else R
        event = cls(id="move", date=day(9), referral_id="r1", actor_id=actor, reason="理由")
        if _allowed(status, cls):
            record.ledger.append(event)
            ref = record.state.referrals["r1"]
            assert ref.status is cls.status
            assert ref.history[-1] == (day(9), cls.status, "理由")
        else:
            with pytest.raises(EventRejectedError) as info:
                record.ledger.append(event)
            assert info.value.rule == "invalid_transition"
            assert record.state.referrals["r1"].status is status

    def test_final_statuses_are_stuck(self) -> None:
        """No transition leaves a final status, and every other status has a way out."""
        for status in ReferralStatus:
            ways_out = [c for c in TRANSITION_CLASSES if _allowed(status, c)]
            assert bool(ways_out) is not status.is_final

    @pytest.mark.parametrize("actor", [S, R, T])
    @pytest.mark.parametrize(("status", "cls"), [
        (s, c) for s in ReferralStatus for c in TRANSITION_CLASSES if _allowed(s, c)
    ], ids=lambda v: getattr(v, "value", getattr(v, "__name__", "")))
    def test_authority(self, status: ReferralStatus, cls: type[ReferralTransition],
                       actor: str) -> None:
        """Only the receiver moves a referral; only the sender cancels a request; either
        party cancels once accepted; a third agency never moves it."""
        record = _referral_in(status)
        event = cls(id="move", date=day(9), referral_id="r1", actor_id=actor, reason="理由")
        if cls is ReferralCancelled and status is ReferralStatus.REQUESTED:
            ok, rule = actor == S, "not_sender"
        elif cls is ReferralCancelled:
            ok, rule = actor in (S, R), "not_party"
        else:
            ok, rule = actor == R, "not_receiver"
        if ok:
            record.ledger.append(event)
            assert record.state.referrals["r1"].status is cls.status
        else:
            with pytest.raises(EventRejectedError) as info:
                record.ledger.append(event)
            assert info.value.rule == rule

    def test_timeline(self) -> None:
        """reached, days_to_accept, requested and is_open read the referral's history."""
        record = _referral_in(ReferralStatus.REQUESTED)
        moves = [(ReferralAccepted, 7), (ReferralStarted, 9), (ReferralPutOnHold, 12),
                 (ReferralResumed, 15)]
        for cls, n in moves:
            record.add(cls, day(n), referral_id="r1", actor_id=R,
                       reason="入院" if cls.needs_reason else None)
        ref = record.state.referrals["r1"]
        assert ref.requested == day(0)
        assert ref.days_to_accept == 7
        assert ref.reached(ReferralStatus.IN_PROGRESS) == day(9)  # the first time
        assert ref.reached(ReferralStatus.ON_HOLD) == day(12)
        assert ref.reached(ReferralStatus.COMPLETED) is None
        assert ref.is_open
        assert ref.status is ReferralStatus.IN_PROGRESS
        assert [r for _, _, r in ref.history] == [None, None, None, "入院", None]
        record.add(ReferralCompleted, day(20), referral_id="r1", actor_id=R)
        done = record.state.referrals["r1"]
        assert not done.is_open
        assert done.reached(ReferralStatus.COMPLETED) == day(20)
        assert (done.from_agency_id, done.to_agency_id, done.case_id) == (S, R, "c1")

    def test_never_accepted(self) -> None:
        """A rejected referral has no acceptance delay and is closed."""
        record = _referral_in(ReferralStatus.REJECTED)
        ref = record.state.referrals["r1"]
        assert ref.days_to_accept is None
        assert not ref.is_open
        assert ref.history[-1][2] == "理由"

    def test_same_day_acceptance(self) -> None:
        """Acceptance on the day of the request takes zero days."""
        record = _referral_in(ReferralStatus.REQUESTED)
        record.add(ReferralAccepted, day(0), referral_id="r1", actor_id=R)
        assert record.state.referrals["r1"].days_to_accept == 0


# -- case facts ----------------------------------------------------------------------------


class TestCaseFacts:
    """The facts 名張市 records per case, derived from the events."""

    def _record(self) -> _Record:
        record = _Record(_open("c1", _issue("i1", "m1"), coordinator="himi-csw1",
                               prior=frozenset({"himi-cgsc", R})))

        def refer(rid: str, to: str, coordinator: str | None, *moves: type[Any]) -> None:
            record.add(ReferralRequested, day(2), referral_id=rid, case_id="c1",
                       from_agency_id=S, to_agency_id=to, coordinator_id=coordinator)
            for cls in moves:
                record.add(cls, day(2), referral_id=rid, actor_id=to, reason="理由")

        refer("r1", R, "himi-csw1", ReferralAccepted)  # prior agency: not new
        refer("r2", T, "himi-csw2", ReferralAccepted, ReferralStarted)  # new, via coordinator
        refer("r3", "himi-school", None, ReferralAccepted)  # new, not via a coordinator
        refer("r4", "himi-citizen", "himi-csw1", ReferralRejected)  # never involved
        refer("r5", "himi-welfare", "himi-csw1")  # still requested
        record.add(PlanMade, day(3), case_id="c1",
                   roles=(PlanRole(agency_id="himi-swc", member_ids=frozenset({"m1"})),))
        record.add(PlanMade, day(4), case_id="c1", coordinator_id="himi-csw1",
                   roles=(PlanRole(agency_id="himi-branch1"),))
        record.add(CaseConferenceHeld, day(5), case_id="c1", kind=ConferenceKind.AREA_MEETING,
                   agency_ids=frozenset({"himi-jichi", "himi-cgsc"}), coordinator_id="himi-csw2")
        record.add(CaseConferenceHeld, day(5), case_id="c1", kind=ConferenceKind.CARE_TEAM,
                   agency_ids=frozenset({"himi-minsei"}))
        record.add(FollowUpDone, day(6), case_id="c1", agency_id="himi-branch2",
                   coordinator_id="himi-csw1")
        record.add(AssessmentRecorded, day(6), case_id="c1", stage=AssessmentStage.INTAKE,
                   agency_id="himi-branch3")
        return record

    def test_agencies(self) -> None:
        """Prior, involved, newly involved and joined-through-coordinator agencies."""
        case = self._record().state.cases["c1"]
        assert case.prior_agency_ids == {"himi-cgsc", R}
        assert case.involved_agency_ids == {
            S, R, T, "himi-school", "himi-swc", "himi-branch1", "himi-jichi", "himi-cgsc",
            "himi-minsei", "himi-branch2", "himi-branch3"}
        assert case.newly_involved == case.involved_agency_ids - {"himi-cgsc", R}
        # referral r2, the coordinated plan and conference; not r1's prior receiver, not the
        # un-coordinated r3, plan, conference, nor follow-ups and assessments
        assert case.joined_through_coordinator == {T, "himi-branch1", "himi-jichi"}
        assert case.coordinator_ids == {"himi-csw1", "himi-csw2"}
        assert case.referral_ids == ("r1", "r2", "r3", "r4", "r5")

    def test_prior_excluded_from_through(self) -> None:
        """An agency that had supported the household before never counts as brought in."""
        record = _Record(_open("c1", prior=frozenset({T})))
        record.add(PlanMade, day(1), case_id="c1", coordinator_id="himi-csw1",
                   roles=(PlanRole(agency_id=T),))
        case = record.state.cases["c1"]
        assert T in case.involved_agency_ids
        assert case.joined_through_coordinator == frozenset()
        assert T not in case.newly_involved

    def test_coordinator_assessed(self) -> None:
        """A case counts as assessed from the coordinator's view once an assessment names one."""
        record = self._record()
        assert not record.state.cases["c1"].coordinator_assessed
        record.add(AssessmentRecorded, day(7), case_id="c1", stage=AssessmentStage.ASSESSMENT,
                   agency_id=S, coordinator_id="himi-csw2")
        case = record.state.cases["c1"]
        assert case.coordinator_assessed
        assert [a.stage for a in case.assessments] == [AssessmentStage.INTAKE,
                                                       AssessmentStage.ASSESSMENT]

    def test_multi_field(self) -> None:
        """Several agencies of several fields make a multi-field case; one agency does not."""
        city = himi()
        record = _Record(_open("c1"))
        single = record.state.cases["c1"]
        assert not single.multi_field(city)
        assert single.fields(city) == city.agency(S).fields
        record.add(PlanMade, day(1), case_id="c1", roles=(PlanRole(agency_id=T),))
        case = record.state.cases["c1"]
        assert case.fields(city) == city.agency(S).fields | city.agency(T).fields
        assert case.multi_field(city)

    def test_whole_household(self) -> None:
        """The latest plan covers the household when it addresses every member with an
        issue, or has a household-wide role."""
        record = _Record(_open("c1", _issue("i1", "m1"), _issue("i2", "m2"),
                               _issue("i0", None)))
        covered = lambda: record.state.cases["c1"].whole_household_covered  # noqa: E731
        assert not covered()  # no plan yet
        record.add(PlanMade, day(1), case_id="c1",
                   roles=(PlanRole(agency_id=S, member_ids=frozenset({"m1"})),))
        assert not covered()  # m2 is left out
        record.add(PlanMade, day(2), case_id="c1",
                   roles=(PlanRole(agency_id=S, member_ids=frozenset({"m1"})),
                          PlanRole(agency_id=T, member_ids=frozenset({"m2"}))))
        assert covered()  # the household's own issue i0 needs no member
        record.add(IssueIdentified, day(3), case_id="c1", issue=_issue("i3", "m3", on=3))
        assert not covered()  # a member with a new issue
        record.add(PlanMade, day(4), case_id="c1",
                   roles=(PlanRole(agency_id=S, member_ids=frozenset({"m1"})),
                          PlanRole(agency_id="himi-swc")))
        assert covered()  # a household-wide role
        assert len(record.state.cases["c1"].plans) == 3

    def test_hard_case_type(self) -> None:
        """The hard-case type follows the issues identified so far."""
        record = _Record(_open("c1", _issue("i1", "m1")))
        kind = lambda: record.state.cases["c1"].hard_case_type  # noqa: E731
        assert kind() is None
        record.add(IssueIdentified, day(1), case_id="c1", issue=_issue("i2", None, on=1))
        assert kind() is HardCaseType.MULTI_ISSUE  # the household's issue is the person's
        record.add(IssueIdentified, day(2), case_id="c1", issue=_issue("i3", "m2", on=2))
        assert kind() is HardCaseType.COMPOUND  # ① and ② together
        other = _Record(_open("c2", _issue("i1", "m2")))
        other.add(IssueIdentified, day(1), case_id="c2", issue=_issue("i2", "m3", on=1))
        assert other.state.cases["c2"].hard_case_type is HardCaseType.MULTI_MEMBER
        third = _Record(_open("c3", _issue("i1", "m2", fits=False)))
        assert third.state.cases["c3"].hard_case_type is HardCaseType.NO_FITTING_SERVICE
        assert record.state.cases["c1"].household.issues == (_issue("i1", "m1"),)
        assert len(record.state.cases["c1"].current_household.issues) == 3

    def test_close_and_reopen(self) -> None:
        """Closing sets the date and outcome; reopening clears them and counts."""
        record = _Record(_open("c1"))
        case = lambda: record.state.cases["c1"]  # noqa: E731
        assert case().is_open
        assert case().reopened == 0
        assert case().opened == day(0)
        record.add(CaseClosed, day(5), case_id="c1", outcome=Outcome.CONNECTED)
        assert (case().is_open, case().closed, case().outcome) == (False, day(5),
                                                                    Outcome.CONNECTED)
        record.add(CaseReopened, day(9), case_id="c1")
        assert (case().is_open, case().closed, case().outcome, case().reopened) == (
            True, None, None, 1)
        record.add(CaseClosed, day(12), case_id="c1", outcome=Outcome.MOVED_AWAY)
        record.add(CaseReopened, day(20), case_id="c1")
        record.add(CaseClosed, day(30), case_id="c1", outcome=Outcome.RESOLVED)
        assert (case().closed, case().outcome, case().reopened) == (day(30), Outcome.RESOLVED,
                                                                    2)
        assert replay(record.ledger, until=day(10)).cases["c1"].is_open


# -- escalation paths ----------------------------------------------------------------------


class TestEscalation:
    """Items climb 氷見市's ladder 地域会議 → ブロック会議 → コア会議 → 構築会議."""

    def _record(self) -> _Record:
        record = _Record(_open("c1"))

        def session(sid: str, body: str, area: str, n: int) -> None:
            record.add(MeetingHeld, day(n), session_id=sid, body_id=body, area_id=area,
                       participants=10)

        def item(iid: str, sid: str, n: int, outcome: ItemOutcome | None = None,
                 **kw: Any) -> None:
            record.add(AgendaItemRaised, day(n), item_id=iid, session_id=sid, **kw)
            if outcome is not None:
                record.add(AgendaItemConcluded, day(n), item_id=iid, session_id=sid,
                           outcome=outcome)

        # himi-d07 is in the second block, himi-b2
        session("s1", "himi-district", "himi-d07", 0)
        item("A", "s1", 0, ItemOutcome.ESCALATED, case_id="c1")
        item("E", "s1", 0, ItemOutcome.ESCALATED, theme="空き家")
        item("F", "s1", 0, ItemOutcome.AGREED, theme="見守り")
        item("H", "s1", 0, case_id="c1")
        session("s2", "himi-block", "himi-b2", 5)
        item("B", "s2", 5, case_id="c1", escalated_from="A")
        item("G", "s2", 5, ItemOutcome.CONTINUED, theme="居場所")
        session("s2b", "himi-block", "himi-b2", 8)  # B is decided at the next block meeting
        record.add(AgendaItemConcluded, day(8), item_id="B", session_id="s2b",
                   outcome=ItemOutcome.ESCALATED)
        session("s3", "himi-core", "himi", 12)
        item("C", "s3", 12, ItemOutcome.ESCALATED, case_id="c1", escalated_from="B")
        session("s4", "himi-block", "himi-b2", 20)
        record.add(ProgressReported, day(20), item_id="G", session_id="s4")
        session("s5", "himi-block", "himi-b2", 25)
        record.add(ProgressReported, day(25), item_id="G", session_id="s5")
        record.add(AgendaItemConcluded, day(25), item_id="G", session_id="s5",
                   outcome=ItemOutcome.RESPONSE_PRESENTED)
        session("s6", "himi-construction", "himi", 30)
        item("D", "s6", 30, ItemOutcome.AGREED, case_id="c1", escalated_from="C")
        return record

    def _paths(self, record: _Record, until: dt.date | None = None) -> dict[str, EscalationPath]:
        state = replay(record.ledger, until=until)
        paths = escalation_paths(state, himi())
        firsts = [i.item_id for i in state.items.values() if i.escalated_from is None]
        return dict(zip(firsts, paths, strict=True))

    def test_whole_chain(self) -> None:
        """A case item climbs all four bodies and is settled at tier 1, with the wait at
        each step."""
        path = self._paths(self._record())["A"]
        assert [(s.body_id, s.tier, s.area_id) for s in path.steps] == [
            ("himi-district", 3, "himi-d07"), ("himi-block", 2, "himi-b2"),
            ("himi-core", 1, "himi"), ("himi-construction", 1, "himi")]
        # from the lower body's decision to the higher body taking the item up
        assert [s.wait_days for s in path.steps] == [None, 5, 4, 18]
        assert path.delays == (5, 4, 18)
        assert [(s.raised, s.concluded) for s in path.steps[:2]] == [(day(0), day(0)),
                                                                     (day(5), day(8))]
        assert [s.outcome for s in path.steps] == [ItemOutcome.ESCALATED] * 3 + [
            ItemOutcome.AGREED]
        assert path.settled is path.steps[-1]
        assert path.settled_tier == 1
        assert not path.waiting
        assert (path.case_id, path.theme) == ("c1", None)

    def test_chain_so_far(self) -> None:
        """Replayed until the core meeting, the item waits for the construction meeting."""
        path = self._paths(self._record(), until=day(12))["A"]
        assert [s.body_id for s in path.steps] == ["himi-district", "himi-block", "himi-core"]
        assert path.waiting
        assert path.settled is None
        assert path.settled_tier is None

    def test_waiting(self) -> None:
        """An escalated item not yet taken up waits, unsettled."""
        path = self._paths(self._record())["E"]
        assert len(path.steps) == 1
        assert path.waiting
        assert (path.settled, path.settled_tier, path.delays) == (None, None, ())
        assert (path.case_id, path.theme) == (None, "空き家")

    def test_one_step_paths(self) -> None:
        """Items never escalated make one-step paths: settled, continued or pending."""
        paths = self._paths(self._record())
        assert list(paths) == ["A", "E", "F", "H", "G"]  # in the order first raised
        settled = paths["F"]
        assert len(settled.steps) == 1
        assert settled.settled_tier == 3
        assert not settled.waiting
        pending = paths["H"]
        assert len(pending.steps) == 1
        assert pending.steps[0].outcome is None
        assert pending.settled is None
        assert not pending.waiting

    def test_continued_item(self) -> None:
        """A continued item collects progress reports at later sessions until it is settled."""
        record = self._record()
        item = record.state.items["G"]
        assert (item.progress_reports, item.outcome, item.concluded) == (
            2, ItemOutcome.RESPONSE_PRESENTED, day(25))
        assert self._paths(record)["G"].settled_tier == 2
        midway = replay(record.ledger, until=day(20)).items["G"]
        assert (midway.progress_reports, midway.outcome) == (1, ItemOutcome.CONTINUED)

    def test_item_states(self) -> None:
        """Items know their body, area, session, case and the items above and below."""
        items = self._record().state.items
        assert [(items[i].escalated_from, items[i].taken_up_as) for i in "ABCD"] == [
            (None, "B"), ("A", "C"), ("B", "D"), ("C", None)]
        assert (items["B"].body_id, items["B"].area_id, items["B"].session_id) == (
            "himi-block", "himi-b2", "s2")
        assert items["E"].taken_up_as is None
        case = self._record().state.cases["c1"]
        assert case.item_ids == ("A", "H", "B", "C", "D")


class TestWrongArguments:
    def test_replay_of_non_events(self) -> None:
        """replay([1, 2]) names the events argument instead of failing on an attribute."""
        with pytest.raises(InvalidValueError) as info:
            replay([1, 2])  # type: ignore[list-item]
        assert (info.value.obj, info.value.field) == ("replay", "events")
        assert "an Event" in info.value.expected

    def test_replay_of_non_events_with_until(self) -> None:
        """With until, a non-event is refused the same way."""
        with pytest.raises(InvalidValueError) as info:
            replay([_open(), "e2"], until=day(3))  # type: ignore[list-item]
        assert info.value.field == "events"

    def test_replay_of_a_non_iterable(self) -> None:
        """replay(5) names the events argument."""
        with pytest.raises(InvalidValueError) as info:
            replay(5)  # type: ignore[arg-type]
        assert "iterable of events" in info.value.expected

    @pytest.mark.parametrize("until", [dt.datetime(2017, 6, 2), "2017-06-02", 20170602])
    def test_replay_until_must_be_a_plain_date(self, until: Any) -> None:
        """until takes a plain date only: a datetime, string or number is refused."""
        ledger = Ledger(himi(), [_open()])
        with pytest.raises(InvalidValueError) as info:
            replay(ledger, until=until)
        assert (info.value.obj, info.value.field) == ("replay", "until")

    def test_escalation_paths_of_junk(self) -> None:
        """escalation_paths checks that it is given a replay and a municipality."""
        state = replay(Ledger(himi(), [_open()]))
        with pytest.raises(InvalidValueError) as info:
            escalation_paths(state, "himi")  # type: ignore[arg-type]
        assert info.value.field == "directory"
        with pytest.raises(InvalidValueError) as info:
            escalation_paths([], himi())  # type: ignore[arg-type]
        assert info.value.field == "state"

    def test_case_fields_of_junk(self) -> None:
        """CaseState.fields and multi_field name their directory argument."""
        case = replay(Ledger(himi(), [_open()])).cases["c1"]
        for method in (case.fields, case.multi_field):
            with pytest.raises(InvalidValueError) as info:
                method(None)  # type: ignore[arg-type]
            assert info.value.field == "directory"
