"""Valid event sequences for any municipality, deterministic for a seed.

:func:`generate` plays a small simulation: each step picks one of the actions enabled by the
state so far (open a case, identify an issue, request or move a referral, hold a session with
agenda items, escalate and take up items, start a measure, …) and emits the events it makes,
so that the result is always a sequence the :class:`~hokatsu.ledger.Ledger` accepts. Actions
are weighted by how rarely they have been used, which makes even short sequences cover every
event type, every referral transition and the whole escalation ladder of 氷見市
(地域会議 → ブロック会議 → コア会議 → 構築会議).

It works for any :class:`~hokatsu.domain.Municipality`: actions whose preconditions the
directory cannot meet (no agencies, no community actors, no meeting bodies, areas not valid on
the day) are simply never enabled.

Examples:
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> events = generate(himi(), seed=1, n_events=120)
    >>> len(Ledger(himi(), events)), events == generate(himi(), seed=1, n_events=120)
    (120, True)
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator
from typing import Any

from hokatsu.domain import (
    CompoundTag,
    ConsultationContent,
    Field,
    Household,
    Issue,
    LegalBasis,
    Member,
    Municipality,
    Relation,
)
from hokatsu.events import (
    ActivityKind,
    ActivitySessionHeld,
    ActorJoined,
    AgencyInterviewed,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentExchangeHeld,
    AssessmentRecorded,
    AssessmentStage,
    AttendeeCategory,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CaseReopened,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConferenceKind,
    ConsentChanged,
    ConsentGiven,
    ConsentOverridden,
    ConsentWithdrawn,
    ConsultationReceived,
    DataCategory,
    Decision,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DevelopmentPurpose,
    DisclosureBasis,
    DisclosureRecorded,
    EvaluationCollected,
    EvaluationTopic,
    Event,
    FollowUpDone,
    FundingKind,
    FundingSecured,
    Ground,
    Headcount,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    MeetingHeld,
    NextYearPlanAdopted,
    Outcome,
    OutreachDone,
    ParticipationSupportStarted,
    PlanMade,
    PlanRole,
    ProgressReported,
    ProjectComponent,
    Provision,
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
    ResourceCreated,
    ResourceKind,
    Route,
    SharingConsultationHeld,
    SharingPurpose,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)
from hokatsu.reference import himi

__all__ = ["DEFAULT_START", "TRANSITION_CLASSES", "generate", "stream"]

#: Sequences start within four months after this day, so that they straddle a fiscal year.
DEFAULT_START = dt.date(2016, 1, 15)

#: Every concrete referral transition.
TRANSITION_CLASSES: tuple[type[ReferralTransition], ...] = (
    ReferralAccepted, ReferralRejected, ReferralCancelled, ReferralStarted, ReferralPutOnHold,
    ReferralResumed, ReferralCompleted, ReferralFailed,
)

#: How often each transition happens, before the rarest-first correction.
_TRANSITION_WEIGHTS: dict[type[ReferralTransition], float] = {
    ReferralAccepted: 4, ReferralRejected: 1, ReferralCancelled: 1, ReferralStarted: 3,
    ReferralPutOnHold: 1.5, ReferralResumed: 3, ReferralCompleted: 2, ReferralFailed: 1,
}

_OPEN, _CONTINUED, _SETTLED, _ESCALATED = "open", "continued", "settled", "escalated"
_THEMES = ("買い物支援", "移動手段の確保", "ひきこもりの若者", "8050世帯の見守り", "居場所づくり",
           "空き家の活用", "情報共有のルール")
_INDICATORS = ("1A1", "2A1", "2A2", "3O1", "4A5", "5A1", "5O2")
_FIELDS = tuple(Field)


class _Case:
    __slots__ = ("area", "issues", "members", "open")

    def __init__(self, area: str, members: list[str], issues: list[str]) -> None:
        self.area = area
        self.members = members
        self.issues = issues
        self.open = True


class _Generator:
    """The simulation's state and its actions; :meth:`run` yields the events."""

    def __init__(self, city: Municipality, rng: random.Random, start: dt.date) -> None:
        self.city = city
        self.rng = rng
        tree = city.areas
        self.areas = tree.areas
        self.levels = tree.levels
        root = tree.root
        self.last_day = root.valid_to or dt.date.max
        if root.valid_from is not None and start < root.valid_from:
            start = root.valid_from
        if start > self.last_day:
            start = max(root.valid_from or dt.date.min, self.last_day - dt.timedelta(days=400))
        self.day = start
        self.agencies = [a.id for a in city.agencies]
        self.services = {a.id: [s.id for s in a.services] for a in city.agencies}
        self.actors = [a.id for a in city.agencies if a.is_community_actor]
        self.coordinators = sorted(city.coordinator_ids)
        self.bodies = [b.id for b in city.bodies]
        self.unjoined = [a.id for a in city.agencies if a.joined is None]
        self.seq: dict[str, int] = {}
        self.cases: dict[str, _Case] = {}
        self.referrals: dict[str, list[Any]] = {}  # [case, sender, receiver, status]
        self.items: dict[str, list[Any]] = {}  # [body, area, state, case, theme, escalated?]
        self.pending: list[str] = []  # escalated items not taken up yet
        self.measures: dict[str, str] = {}  # started, not completed: their areas
        self.uses: dict[str, int] = {}
        self.consents: dict[str, str] = {}  # in force: their cases
        self.actions: list[tuple[str, float, bool, Callable[[], Iterator[Event]]]] = [
            # name, weight, scaled down by use, action
            ("open_case", 4, True, self.open_case),
            ("identify_issue", 2, True, self.identify_issue),
            ("assess", 2, True, self.assess),
            ("plan", 2, True, self.plan),
            ("conference", 2, True, self.conference),
            ("follow_up", 1, True, self.follow_up),
            ("close_case", 2, True, self.close_case),
            ("reopen_case", 2, True, self.reopen_case),
            ("request_referral", 1.5, False, self.request_referral),
            ("move_referral", 4, False, self.move_referral),
            ("meeting", 4, True, self.meeting),
            ("take_up", 5, False, self.take_up),
            ("community_exchange", 1, True, self.community_exchange),
            ("gathering", 1, True, self.gathering),
            ("survey", 1, True, self.survey),
            ("interview", 1, True, self.interview),
            ("outreach", 1, True, self.outreach),
            ("development_consultation", 1, True, self.development_consultation),
            ("development_meeting", 1, True, self.development_meeting),
            ("resource", 1, True, self.resource),
            ("funding", 1, True, self.funding),
            ("actor_joined", 1, True, self.actor_joined),
            ("measure_started", 1, True, self.measure_started),
            ("measure_completed", 2, True, self.measure_completed),
            ("next_year_plan", 1, True, self.next_year_plan),
            ("sharing_consultation", 1, True, self.sharing_consultation),
            ("training", 1, True, self.training),
            ("assessment_exchange", 1, True, self.assessment_exchange),
            ("evaluation", 1, True, self.evaluation),
            ("target", 1, True, self.target),
            ("consultation", 1, True, self.consultation),
            ("activity_session", 1, True, self.activity_session),
            ("participation", 1, True, self.participation),
            ("consent_given", 1, True, self.consent_given),
            ("consent_changed", 1, True, self.consent_changed),
            ("consent_withdrawn", 1, True, self.consent_withdrawn),
            ("consent_overridden", 1, True, self.consent_overridden),
        ]

    # -- helpers -------------------------------------------------------------------------

    def nid(self, prefix: str) -> str:
        self.seq[prefix] = n = self.seq.get(prefix, 0) + 1
        return f"{prefix}{n}"

    def eid(self) -> dict[str, Any]:
        """The id and date every event takes."""
        return {"id": self.nid("e"), "date": self.day}

    def area(self) -> str:
        """A valid area, its level first drawn at random so that every level shows up."""
        valid = [a for a in self.areas if a.valid_on(self.day)]
        levels = sorted({a.level for a in valid}, key=self.levels.index)
        level = self.rng.choice(levels)
        return self.rng.choice([a.id for a in valid if a.level == level])

    def coordinator(self, p: float = 0.6) -> str | None:
        if self.coordinators and self.rng.random() < p:
            return self.rng.choice(self.coordinators)
        return None

    def some(self, pool: list[str], low: int, high: int) -> frozenset[str]:
        k = self.rng.randint(min(low, len(pool)), min(high, len(pool)))
        return frozenset(self.rng.sample(pool, k))

    def valid(self, area: str) -> bool:
        """Whether *area* is valid today (a case's events need its household's area valid)."""
        return self.city.areas.get(area).valid_on(self.day)

    def open_cases(self) -> list[str]:
        return [c for c, s in self.cases.items() if s.open and self.valid(s.area)]

    def closed_cases(self) -> list[str]:
        return [c for c, s in self.cases.items() if not s.open and self.valid(s.area)]

    def live_referrals(self) -> list[str]:
        return [r for r, v in self.referrals.items()
                if not v[3].is_final and self.valid(self.cases[v[0]].area)]

    def live_cases(self) -> list[str]:
        return [c for c, s in self.cases.items() if self.valid(s.area)]

    def live_consents(self) -> list[str]:
        return [k for k, c in self.consents.items() if self.valid(self.cases[c].area)]

    def live_measures(self) -> list[str]:
        return [m for m, area in self.measures.items() if self.valid(area)]

    def session_areas(self, body: str) -> list[str]:
        return [a for a in self.city.session_areas(body)
                if self.city.areas.get(a).valid_on(self.day)]

    def holdable(self, item_id: str) -> bool:
        body, area = self.target_of(item_id)
        return area in self.session_areas(body)

    def target_of(self, item_id: str) -> tuple[str, str]:
        body, area = self.items[item_id][:2]
        target = self.city.escalation_target(body, area)
        assert target is not None
        return target

    # -- the loop ------------------------------------------------------------------------

    def run(self) -> Iterator[Event]:
        enabled: dict[str, Callable[[], bool]] = {
            "open_case": lambda: bool(self.agencies),
            "identify_issue": lambda: bool(self.open_cases()),
            "assess": lambda: bool(self.open_cases()),
            "plan": lambda: bool(self.open_cases()),
            "conference": lambda: bool(self.open_cases()),
            "follow_up": lambda: bool(self.open_cases()),
            "close_case": lambda: bool(self.open_cases()),
            "reopen_case": lambda: bool(self.closed_cases()),
            "request_referral": lambda: len(self.agencies) > 1 and bool(self.open_cases()),
            "move_referral": lambda: bool(self.live_referrals()),
            "meeting": lambda: any(self.session_areas(b) for b in self.bodies),
            "take_up": lambda: any(self.holdable(i) for i in self.pending),
            "community_exchange": lambda: bool(self.actors),
            "interview": lambda: bool(self.agencies),
            "development_consultation": lambda: bool(self.actors),
            "actor_joined": lambda: bool(self.unjoined),
            "measure_completed": lambda: bool(self.live_measures()),
            "sharing_consultation": lambda: bool(self.agencies),
            "consultation": lambda: bool(self.agencies),
            "participation": lambda: bool(self.agencies) and bool(self.open_cases()),
            "consent_given": lambda: bool(self.live_cases()),
            "consent_changed": lambda: bool(self.live_consents()),
            "consent_withdrawn": lambda: bool(self.live_consents()),
            "consent_overridden": lambda: bool(self.agencies) and bool(self.live_cases()),
        }
        while True:
            choices = [(name, weight / (1 + self.uses.get(name, 0)) if scaled else weight, act)
                       for name, weight, scaled, act in self.actions
                       if name not in enabled or enabled[name]()]
            total = sum(w for _, w, _ in choices)
            pick = self.rng.random() * total
            for name, weight, act in choices:  # noqa: B007 - the loop leaves the pick behind
                pick -= weight
                if pick < 0:
                    break
            self.uses[name] = self.uses.get(name, 0) + 1
            yield from act()
            if self.rng.random() < 0.35:
                step = dt.timedelta(days=self.rng.randint(1, 9))
                if self.day <= self.last_day - step:
                    self.day += step

    # -- cases ---------------------------------------------------------------------------

    def open_case(self) -> Iterator[Event]:
        rng = self.rng
        case = self.nid("c")
        n = rng.randint(1, 4)
        head_born = self.day - dt.timedelta(days=rng.randint(30, 90) * 365)
        members = [Member(id="m1", relation=Relation.HEAD, born=head_born)] + [
            Member(id=f"m{i}", relation=rng.choice(list(Relation)[1:]),
                   born=self.day - dt.timedelta(days=rng.randint(0, 90) * 365))
            for i in range(2, n + 1)
        ]
        member_ids = [m.id for m in members]
        issues = tuple(
            Issue(id=f"i{k}", member_id=rng.choice([*member_ids, None]),
                  field=rng.choice(_FIELDS),
                  identified=self.day - dt.timedelta(days=rng.randint(0, 30)),
                  fits_existing_services=rng.random() > 0.2)
            for k in range(1, rng.randint(0, 2) + 1)
        )
        area = self.area()
        home = Household(id=self.nid("h"), person_id=rng.choice(member_ids),
                         members=tuple(members), issues=issues, area_id=area)
        receiver = rng.choice(self.agencies)
        self.cases[case] = _Case(area, member_ids, [i.id for i in issues])
        yield CaseOpened(**self.eid(), case_id=case, household=home, route=rng.choice(list(Route)),
                         agency_id=receiver, coordinator_id=self.coordinator(),
                         prior_agency_ids=self.some(self.agencies, 0, 2))

    def identify_issue(self) -> Iterator[Event]:
        rng = self.rng
        case_id = rng.choice(self.open_cases())
        case = self.cases[case_id]
        issue_id = f"i{len(case.issues) + 1}"
        case.issues.append(issue_id)
        tags = frozenset(rng.sample(list(CompoundTag), rng.randint(0, 2)))
        yield IssueIdentified(**self.eid(), case_id=case_id, issue=Issue(
            id=issue_id, member_id=rng.choice([*case.members, None]), field=rng.choice(_FIELDS),
            identified=self.day - dt.timedelta(days=rng.randint(0, 3)), tags=tags,
            fits_existing_services=rng.random() > 0.25))

    def assess(self) -> Iterator[Event]:
        yield AssessmentRecorded(**self.eid(), case_id=self.rng.choice(self.open_cases()),
                                 stage=self.rng.choice(list(AssessmentStage)),
                                 agency_id=self.rng.choice(self.agencies),
                                 coordinator_id=self.coordinator(0.5))

    def plan(self) -> Iterator[Event]:
        rng = self.rng
        case_id = rng.choice(self.open_cases())
        members = self.cases[case_id].members
        roles = []
        for agency in rng.sample(self.agencies, rng.randint(1, min(3, len(self.agencies)))):
            whole = rng.random() < 0.3
            roles.append(PlanRole(
                agency_id=agency,
                member_ids=frozenset() if whole else self.some(members, 1, len(members)),
                fields=frozenset(rng.sample(_FIELDS, rng.randint(0, 2))),
                task=rng.choice([None, "見守り", "家計相談", "受診同行"])))
        goals = tuple(rng.sample(("生活の安定", "就労", "孤立の解消"), rng.randint(0, 2)))
        yield PlanMade(**self.eid(), case_id=case_id, roles=tuple(roles), goals=goals,
                       coordinator_id=self.coordinator())

    def conference(self) -> Iterator[Event]:
        yield CaseConferenceHeld(**self.eid(), case_id=self.rng.choice(self.open_cases()),
                                 kind=self.rng.choice(list(ConferenceKind)),
                                 agency_ids=self.some(self.agencies, 1, 4),
                                 coordinator_id=self.coordinator())

    def follow_up(self) -> Iterator[Event]:
        yield FollowUpDone(**self.eid(), case_id=self.rng.choice(self.open_cases()),
                           agency_id=self.rng.choice(self.agencies),
                           coordinator_id=self.coordinator(0.4))

    def close_case(self) -> Iterator[Event]:
        case_id = self.rng.choice(self.open_cases())
        self.cases[case_id].open = False
        yield CaseClosed(**self.eid(), case_id=case_id, outcome=self.rng.choice(list(Outcome)))

    def reopen_case(self) -> Iterator[Event]:
        case_id = self.rng.choice(self.closed_cases())
        self.cases[case_id].open = True
        yield CaseReopened(**self.eid(), case_id=case_id)

    # -- referrals -----------------------------------------------------------------------

    def request_referral(self) -> Iterator[Event]:
        rng = self.rng
        case_id = rng.choice(self.open_cases())
        case = self.cases[case_id]
        sender, receiver = rng.sample(self.agencies, 2)
        services = self.services[receiver]
        referral = self.nid("r")
        self.referrals[referral] = [case_id, sender, receiver, ReferralStatus.REQUESTED]
        yield ReferralRequested(
            **self.eid(), referral_id=referral, case_id=case_id, from_agency_id=sender,
            to_agency_id=receiver,
            service_id=rng.choice(services) if services and rng.random() < 0.5 else None,
            member_id=rng.choice([*case.members, None]),
            issue_id=rng.choice(case.issues) if case.issues and rng.random() < 0.5 else None,
            coordinator_id=self.coordinator())

    def move_referral(self) -> Iterator[Event]:
        rng = self.rng
        options: list[tuple[str, type[ReferralTransition], str]] = []
        for referral in self.live_referrals():
            _, sender, receiver, status = self.referrals[referral]
            for cls in TRANSITION_CLASSES:
                if status not in cls.sources:
                    continue
                if cls is ReferralCancelled and status is ReferralStatus.REQUESTED:
                    parties = [sender]
                elif cls is ReferralCancelled:
                    parties = [sender, receiver]
                else:
                    parties = [receiver]
                options.extend((referral, cls, p) for p in parties)
        # pick the kind of transition first, rarer ones so far likelier, then where to apply it
        kinds = sorted({cls for _, cls, _ in options}, key=TRANSITION_CLASSES.index)
        weights = [_TRANSITION_WEIGHTS[cls] / (1 + self.uses.get(cls.TYPE, 0)) for cls in kinds]
        kind = rng.choices(kinds, weights)[0]
        referral, cls, actor = rng.choice([o for o in options if o[1] is kind])
        self.uses[cls.TYPE] = self.uses.get(cls.TYPE, 0) + 1
        self.referrals[referral][3] = cls.status
        reason = "理由" if cls.needs_reason or rng.random() < 0.2 else None
        yield cls(**self.eid(), referral_id=referral, actor_id=actor, reason=reason)

    # -- meetings ------------------------------------------------------------------------

    def meeting(self) -> Iterator[Event]:
        rng = self.rng
        # half the time, a body meets again where it left items open or continuing
        again = sorted({(r[0], r[1]) for r in self.items.values() if r[2] in (_OPEN, _CONTINUED)
                        and r[1] in self.session_areas(r[0])})
        if again and rng.random() < 0.5:
            yield from self.session(*rng.choice(again))
            return
        # lower bodies (larger tier numbers) meet more often, as in 氷見市
        bodies = [b for b in self.bodies if self.session_areas(b)]
        body = rng.choices(bodies, [self.city.body(b).tier for b in bodies])[0]
        yield from self.session(body, rng.choice(self.session_areas(body)))

    def take_up(self) -> Iterator[Event]:
        item = self.rng.choice([i for i in self.pending if self.holdable(i)])
        yield from self.session(*self.target_of(item))

    def session(self, body: str, area: str) -> Iterator[Event]:
        rng = self.rng
        session = self.nid("s")
        yield MeetingHeld(**self.eid(), session_id=session, body_id=body, area_id=area,
                          agency_ids=self.some(self.agencies, 0, 5),
                          participants=rng.randint(1, 40),
                          coordinator_ids=self.some(self.coordinators, 0, 2))
        carried = [i for i, r in self.items.items()
                   if r[0] == body and r[1] == area and r[2] in (_OPEN, _CONTINUED)]
        # escalated items this session takes up
        for item in [i for i in self.pending if self.target_of(i) == (body, area)]:
            if rng.random() < 0.95:
                self.pending.remove(item)
                new = self.nid("it")
                _, _, _, case, theme, _ = self.items[item]
                self.items[new] = [body, area, _OPEN, case, theme, True]
                yield AgendaItemRaised(**self.eid(), item_id=new, session_id=session,
                                       case_id=case, theme=theme, escalated_from=item)
                if rng.random() < 0.95:
                    yield self.conclude(new, session)
        # items of this body carried over from earlier sessions in this area
        for item in carried:
            if self.items[item][2] == _CONTINUED and rng.random() < 0.7:
                yield ProgressReported(**self.eid(), item_id=item, session_id=session)
            if rng.random() < 0.6:
                yield self.conclude(item, session)
        # new items
        cases = sorted(self.cases)
        for _ in range(rng.randint(0, 3)):
            item = self.nid("it")
            if cases and rng.random() < 0.6:
                case, theme = rng.choice(cases), None
            else:
                case, theme = None, rng.choice(_THEMES)
            self.items[item] = [body, area, _OPEN, case, theme, False]
            yield AgendaItemRaised(**self.eid(), item_id=item, session_id=session, case_id=case,
                                   theme=theme)
            if case is not None and self.city.body(body).basis is LegalBasis.COMMUNITY \
                    and self.valid(self.cases[case].area) and rng.random() < 0.5:
                # a community tier sees the de-identified summary of the case it discusses
                yield DisclosureRecorded(**self.eid(), case_id=case, session_id=session,
                                         purpose=SharingPurpose.CASE_CONFERENCE)
            if rng.random() < 0.85:
                yield self.conclude(item, session)

    def conclude(self, item: str, session: str) -> Event:
        record = self.items[item]
        body, area = record[:2]
        outcomes = [ItemOutcome.AGREED, ItemOutcome.RESPONSE_PRESENTED, ItemOutcome.CONTINUED]
        weights = [2.0, 2.0, 1.5]
        if self.city.escalation_target(body, area) is not None:
            outcomes.append(ItemOutcome.ESCALATED)
            weights.append(20.0 if record[5] else 2.5)
        outcome = self.rng.choices(outcomes, weights)[0]
        record[2] = {ItemOutcome.CONTINUED: _CONTINUED,
                     ItemOutcome.ESCALATED: _ESCALATED}.get(outcome, _SETTLED)
        if outcome is ItemOutcome.ESCALATED:
            self.pending.append(item)
        return AgendaItemConcluded(**self.eid(), item_id=item, session_id=session,
                                   outcome=outcome)

    # -- activities ----------------------------------------------------------------------

    def place(self) -> dict[str, Any]:
        """The fields every area event takes."""
        return {**self.eid(), "area_id": self.area(), "coordinator_id": self.coordinator()}

    def community_exchange(self) -> Iterator[Event]:
        yield CommunityExchangeHeld(**self.place(), actor_ids=self.some(self.actors, 1, 3))

    def gathering(self) -> Iterator[Event]:
        yield CommunityGatheringAttended(**self.place(), actor_ids=self.some(self.actors, 0, 2))

    def survey(self) -> Iterator[Event]:
        yield SurveyConducted(**self.place(), items=self.rng.randint(1, 40),
                              respondents=self.rng.randint(0, 500))

    def interview(self) -> Iterator[Event]:
        yield AgencyInterviewed(**self.place(), agency_id=self.rng.choice(self.agencies))

    def outreach(self) -> Iterator[Event]:
        cases = sorted(self.cases)
        case = self.rng.choice(cases) if cases and self.rng.random() < 0.5 else None
        yield OutreachDone(**self.place(), actor_ids=self.some(self.actors, 0, 2), case_id=case)

    def development_consultation(self) -> Iterator[Event]:
        yield DevelopmentConsultationHeld(**self.place(),
                                          purpose=self.rng.choice(list(DevelopmentPurpose)),
                                          actor_ids=self.some(self.actors, 1, 2))

    def development_meeting(self) -> Iterator[Event]:
        yield DevelopmentMeetingHeld(**self.place(),
                                     purpose=self.rng.choice(list(DevelopmentPurpose)),
                                     agency_ids=self.some(self.agencies, 0, 3),
                                     participants=self.rng.randint(1, 30))

    def resource(self) -> Iterator[Event]:
        yield ResourceCreated(**self.place(), resource_id=self.nid("res"),
                              kind=self.rng.choice(list(ResourceKind)), name="地域の居場所",
                              partner_ids=self.some(self.agencies, 0, 3))

    def funding(self) -> Iterator[Event]:
        yield FundingSecured(**self.place(), kind=self.rng.choice(list(FundingKind)),
                             amount_yen=self.rng.randint(0, 100) * 10_000,
                             newly_budgeted=self.rng.random() < 0.5)

    def actor_joined(self) -> Iterator[Event]:
        agency = self.rng.choice(self.unjoined)
        self.unjoined.remove(agency)
        yield ActorJoined(**self.place(), agency_id=agency)

    def activity_session(self) -> Iterator[Event]:
        categories = self.rng.sample(list(AttendeeCategory), self.rng.randint(1, 3))
        yield ActivitySessionHeld(
            **self.place(), activity=self.rng.choice(list(ActivityKind)),
            attendance=tuple(Headcount(category=c, count=self.rng.randint(0, 30))
                             for c in categories),
            base_id=self.rng.choice([None, *self.agencies]),
            component=self.rng.choice([None, *ProjectComponent]),
            partner_ids=self.some(self.agencies, 0, 3))

    def participation(self) -> Iterator[Event]:
        case_id = self.rng.choice(self.open_cases())
        member = self.rng.choice([None, *self.cases[case_id].members])
        yield ParticipationSupportStarted(**self.eid(), case_id=case_id, member_id=member,
                                          partner_id=self.rng.choice(self.agencies),
                                          activity=self.rng.choice(list(ActivityKind)))

    def measure_started(self) -> Iterator[Event]:
        measure = self.nid("ms")
        place = self.place()
        self.measures[measure] = place["area_id"]
        yield MeasureStarted(**place, measure_id=measure,
                             domain=self.rng.choice(list(MeasureDomain)), title="改善策")

    def measure_completed(self) -> Iterator[Event]:
        measure = self.rng.choice(self.live_measures())
        del self.measures[measure]
        yield MeasureCompleted(**self.eid(), measure_id=measure)

    def next_year_plan(self) -> Iterator[Event]:
        yield NextYearPlanAdopted(**self.place(), fiscal_year=min(self.day.year + 1, 9998))

    def sharing_consultation(self) -> Iterator[Event]:
        yield SharingConsultationHeld(**self.place(), agency_ids=self.some(self.agencies, 1, 3))

    def training(self) -> Iterator[Event]:
        yield TrainingHeld(**self.place(), participants=self.rng.randint(1, 80),
                           title=self.rng.choice([None, "アセスメント研修"]))

    def assessment_exchange(self) -> Iterator[Event]:
        yield AssessmentExchangeHeld(**self.place(), agency_ids=self.some(self.agencies, 0, 3),
                                     participants=self.rng.randint(1, 30))

    def evaluation(self) -> Iterator[Event]:
        rng = self.rng
        counts = [rng.randint(0, 12) for _ in range(rng.randint(2, 10))]
        counts[rng.randrange(len(counts))] += 1  # at least one respondent
        body = rng.choice(self.bodies) if self.bodies and rng.random() < 0.5 else None
        yield EvaluationCollected(**self.place(), topic=rng.choice(list(EvaluationTopic)),
                                  counts=tuple(counts), body_id=body)

    def target(self) -> Iterator[Event]:
        yield TargetSet(**self.place(), fiscal_year=min(self.day.year, 9998),
                        indicator_id=self.rng.choice(_INDICATORS),
                        value=self.rng.choice([0, 5, 12.5, 100]))

    def consultation(self) -> Iterator[Event]:
        cases = sorted(self.cases)
        yield ConsultationReceived(
            **self.place(), agency_id=self.rng.choice(self.agencies),
            content=self.rng.choice(list(ConsultationContent)),
            case_id=self.rng.choice(cases) if cases and self.rng.random() < 0.5 else None)


    # -- sharing -------------------------------------------------------------------------

    def provision(self) -> Provision:
        """A permit for case conferences and support planning (never referrals: the
        override's disclosure below relies on that), maybe with a deny nested in it."""
        rng = self.rng
        exceptions: tuple[Provision, ...] = ()
        if rng.random() < 0.4:
            exceptions = (Provision(decision=Decision.DENY, categories=frozenset(
                rng.sample(list(DataCategory), rng.randint(1, 3)))),)
        return Provision(
            agency_ids=self.some(self.agencies, 0, 2),
            body_ids=self.some(self.bodies, 0, 1),
            bases=frozenset(rng.sample(list(LegalBasis), rng.randint(0, 2))),
            purposes=frozenset(rng.sample([SharingPurpose.SUPPORT_PLANNING,
                                           SharingPurpose.CASE_CONFERENCE], rng.randint(1, 2))),
            categories=frozenset(rng.sample(list(DataCategory), rng.randint(0, 4))),
            start=rng.choice([None, self.day]), exceptions=exceptions,
        )

    def consent_given(self) -> Iterator[Event]:
        case = self.rng.choice(self.live_cases())
        consent = self.nid("k")
        self.consents[consent] = case
        member = self.rng.choice([None, *self.cases[case].members])
        yield ConsentGiven(**self.eid(), case_id=case, consent_id=consent,
                           provision=self.provision(), member_id=member,
                           representative=self.rng.choice([None, "成年後見人"]))

    def consent_changed(self) -> Iterator[Event]:
        consent = self.rng.choice(self.live_consents())
        yield ConsentChanged(**self.eid(), consent_id=consent, provision=self.provision())

    def consent_withdrawn(self) -> Iterator[Event]:
        consent = self.rng.choice(self.live_consents())
        del self.consents[consent]
        yield ConsentWithdrawn(**self.eid(), consent_id=consent)

    def consent_overridden(self) -> Iterator[Event]:
        """An override and, the same day, a referral disclosure it allows: every category on
        the emergency ground (no generated consent covers referrals)."""
        rng = self.rng
        case = rng.choice(self.live_cases())
        until = self.day + dt.timedelta(days=rng.randint(0, 14))
        yield ConsentOverridden(**self.eid(), case_id=case, agency_id=rng.choice(self.agencies),
                                reason="生命の危険", until=rng.choice([None, until]))
        yield DisclosureRecorded(
            **self.eid(), case_id=case, agency_id=rng.choice(self.agencies),
            purpose=SharingPurpose.REFERRAL,
            grounds=tuple(Ground(category=c, basis=DisclosureBasis.EMERGENCY)
                          for c in rng.sample(list(DataCategory), rng.randint(1, 7))))


def stream(
    city: Municipality, rng: random.Random, start: dt.date | None = None
) -> Iterator[Event]:
    """Valid events for *city*, in date order, without end.

    Args:
        city: the municipality.
        rng: the source of every choice.
        start: the first day; by default within four months after :data:`DEFAULT_START`,
            drawn from *rng* (moved into the root area's validity if needed).
    """
    if start is None:
        start = DEFAULT_START + dt.timedelta(days=rng.randint(0, 120))
    return _Generator(city, rng, start).run()


def generate(
    city: Municipality | None = None,
    seed: int | random.Random = 0,
    n_events: int = 150,
    start: dt.date | None = None,
) -> list[Event]:
    """Exactly *n_events* valid events for *city* (氷見市 by default), in date order.

    Args:
        city: the municipality.
        seed: an int seed or a ``random.Random``; the same seed gives the same events.
        n_events: how many events.
        start: the first day; by default within four months after :data:`DEFAULT_START`,
            drawn from the seed (moved into the root area's validity if needed).
    """
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    city = himi() if city is None else city
    if start is None:
        start = DEFAULT_START + dt.timedelta(days=rng.randint(0, 120))
    if n_events <= 0:
        return []
    return list(itertools.islice(stream(city, rng, start), n_events))
