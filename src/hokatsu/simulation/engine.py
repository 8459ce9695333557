"""The event-driven engine: a scenario and a seed give a validated ledger.

The engine keeps a time-ordered queue (a calendar: for each day, the actions due that day in the
order they were scheduled) and one :class:`random.Random` per run; nothing is global.
Consultations arrive as a Poisson process over the municipality's households (only a household
that comes into contact with support becomes a :class:`~hokatsu.domain.households.Household`); a
consultation may open a case, which is assessed, planned, connected through referrals that
follow their state machine, discussed at case conferences, followed up, closed and sometimes
reopened. Hard cases (第1章 2.(2)) go to the lowest meeting that takes cases and climb the
escalation chain (地域会議 → ブロック会議 → コア会議 → 構築会議, 第3章 3.(2)④) while no body finds
an effective way to support them; an ad-hoc body is convened for urgent ones, a case-study
body takes one a session. Coordinators' and the system's programmes (exchanges, outreach,
surveys, resources, funding, measures, trainings, evaluations …, 第4章 2.(3)) fill in every
other event type.

Examples:
    >>> from hokatsu.simulation import presets, simulate
    >>> ledger = simulate(presets.himi(), seed=1)
    >>> ledger
    <Ledger 氷見市: ... events, 2017-04-...…2018-03-...>
    >>> ledger.events == simulate(presets.himi(), seed=1).events
    True
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.domain.agencies import AgencyKind
from hokatsu.domain.coordinators import Affiliation
from hokatsu.domain.fields import ConsultationContent, Field
from hokatsu.domain.households import Household
from hokatsu.domain.meetings import (
    Frequency,
    FrequencyUnit,
    LegalBasis,
    MeetingBody,
    MeetingPurpose,
)
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import DisclosureDeniedError
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
    EnteredInError,
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
    ResourceCreated,
    ResourceKind,
    Route,
    SharingConsultationHeld,
    SharingPurpose,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)
from hokatsu.ledger import Ledger
from hokatsu.simulation import assumptions as _a
from hokatsu.simulation._population import HouseholdMaker
from hokatsu.simulation.scenario import Scenario

__all__ = ["CONTENT_OF_FIELD", "effective_directory", "simulate"]

#: The main content 江戸川区's bases would record for a consultation mainly about a field
#: (第3章 2.(2)⑤: 生活 / 介護 / 健康 / 子育て / その他).
CONTENT_OF_FIELD: dict[Field, ConsultationContent] = {
    Field.HARDSHIP: ConsultationContent.LIVING, Field.EMPLOYMENT: ConsultationContent.LIVING,
    Field.HOUSING: ConsultationContent.LIVING, Field.ELDERLY: ConsultationContent.CARE,
    Field.HEALTH: ConsultationContent.HEALTH, Field.DISABILITY: ConsultationContent.HEALTH,
    Field.CHILDREN: ConsultationContent.CHILD_REARING, Field.ISOLATION: ConsultationContent.OTHER,
    Field.FAMILY: ConsultationContent.OTHER, Field.RIGHTS: ConsultationContent.OTHER,
    Field.OTHER: ConsultationContent.OTHER,
}
_HUB_KINDS = frozenset({AgencyKind.CONSULTATION_BASE, AgencyKind.COMMUNITY_DESK,
                        AgencyKind.SELF_RELIANCE_SUPPORT,
                        AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER})
_THEMES = ("地域の見守り体制", "移動・買い物支援", "ひきこもりの居場所", "認知症の人の支援",
           "子どもの学習支援", "空き家の活用", "災害時の要配慮者支援", "就労の場づくり")
_RESOURCE_NAMES = {ResourceKind.BASE: "相談の拠点", ResourceKind.COMMUNITY_SERVICE: "地域サロン",
                   ResourceKind.TOOL: "共通アセスメントシート"}
_REASONS = {"reject": "対象外", "full": "受入れ枠なし", "cancel": "本人の意向",
            "hold": "入院", "fail": "連絡が取れない", "close": "支援の終了"}
# Events are built without their field validators (as hokatsu builds replay states,
# _validators.positional): every value comes from the directory, the scenario (both validated)
# or the run itself, the ledger then checks each event's rules, and test_simulation rebuilds
# every event of a run with its validators. The four most frequent types take their arguments
# in the order of attrs.fields; the others go through _unvalidated, by keyword. Measured with
# the households built the same way (_population.py): a year of 江戸川区 took 1.40 s of CPU
# instead of 1.88 s with the four; with every type, a year of 氷見市 (where sessions and their
# agency sets weigh most) takes 0.08 s instead of 0.11 s.
_FOLLOW_UP = v.positional(FollowUpDone)  # id, date, case_id, agency_id, coordinator_id
_ASSESSMENT = v.positional(AssessmentRecorded)  # id, date, case, stage, agency, coordinator
_CONSULTATION = v.positional(ConsultationReceived)  # id, date, area, coordinator, agency, …
_REQUEST = v.positional(ReferralRequested)  # id, date, referral, case, from, to, service, …
_ROLE = v.positional(PlanRole)  # agency_id, member_ids, fields, task
_NO_IDS: frozenset[str] = frozenset()
_NO_FIELDS: frozenset[Field] = frozenset()
_TRANSITION = {cls: v.positional(cls) for cls in (  # id, date, referral_id, actor_id, reason
    ReferralAccepted, ReferralRejected, ReferralCancelled, ReferralStarted, ReferralPutOnHold,
    ReferralResumed, ReferralCompleted, ReferralFailed)}


def _unvalidated(cls: type[Event]) -> Callable[..., Event]:
    """*cls*'s constructor by keyword, without validators; fields not given take their
    declared defaults (no event type declares a factory)."""
    make = v.positional(cls)
    fields = [(f.name, f.default) for f in attrs.fields(cls)]
    names = frozenset(name for name, _ in fields)

    def build(**values: Any) -> Event:
        assert names.issuperset(values), f"{cls.__name__} has no field {set(values) - names}"
        return make(*[values.get(name, default) for name, default in fields])

    return build


_BUILD: dict[type[Event], Callable[..., Event]] = {cls: _unvalidated(cls) for cls in (
    ActivitySessionHeld, ActorJoined, AgencyInterviewed, AgendaItemConcluded, AgendaItemRaised,
    AssessmentExchangeHeld, AssessmentRecorded, CaseClosed, CaseConferenceHeld, CaseOpened,
    CaseReopened, CommunityExchangeHeld, CommunityGatheringAttended, ConsentChanged,
    ConsentGiven, ConsentOverridden, ConsentWithdrawn, DevelopmentConsultationHeld,
    DevelopmentMeetingHeld, DisclosureRecorded, EvaluationCollected, FundingSecured,
    IssueIdentified, MeasureCompleted, MeasureStarted, MeetingHeld, NextYearPlanAdopted,
    OutreachDone, ParticipationSupportStarted, PlanMade, ProgressReported, ResourceCreated,
    SharingConsultationHeld, SurveyConducted, TargetSet, TrainingHeld)}
_CASE, _MEETING, _ACT = _a.CASE_DETAILS, _a.MEETING_DETAILS, _a.ACTIVITY_DETAILS
_ACTIVITIES = tuple(ActivityKind)
# what a household consents to: its case shared for support planning and case conferences;
# a change keeps its finances out; an urgent referral discloses what the receiver needs
_CONSENT = Provision(purposes=frozenset({SharingPurpose.SUPPORT_PLANNING,
                                         SharingPurpose.CASE_CONFERENCE}))
_CONSENT_NO_FINANCES = attrs.evolve(_CONSENT, exceptions=(Provision(
    decision=Decision.DENY, categories=frozenset({DataCategory.FINANCES})),))
_URGENT = (DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.HEALTH_CARE)
_ATTENDEES = (AttendeeCategory.UNDER_20, AttendeeCategory.FROM_20_TO_64,
              AttendeeCategory.OVER_64)
_CONFERENCES = tuple(ConferenceKind)
_FUNDING = tuple(FundingKind)
_PURPOSES = tuple(DevelopmentPurpose)
_DOMAINS = tuple(MeasureDomain)
_RESOURCE_KINDS = tuple(ResourceKind)


def effective_directory(scenario: Scenario) -> Municipality:
    """The directory a run of *scenario* records against: the scenario's, with its
    coordinator policy applied.

    Args:
        scenario: the scenario.

    Returns:
        The scenario's directory when it has no coordinator policy, else that directory with
        the policy's coordinators in place of its own.

    Raises:
        InvalidValueError: *scenario* is not a Scenario.

    Examples:
        >>> import attrs
        >>> from hokatsu.domain.coordinators import PlacementPattern
        >>> from hokatsu.simulation import CoordinatorPolicy, effective_directory, presets
        >>> scenario = presets.himi()
        >>> effective_directory(scenario) is scenario.directory
        True
        >>> policy = CoordinatorPolicy(pattern=PlacementPattern.MUNICIPALITY_CITY_WIDE)
        >>> [c.id for c in effective_directory(attrs.evolve(scenario, coordinators=policy))
        ...  .coordinators]
        ['sim-coordinator1']
    """
    v.argument("effective_directory", "scenario", scenario, v.instance_of(Scenario))
    if scenario.coordinators is None:
        return scenario.directory
    return scenario.coordinators.apply(scenario.directory, _case_level(scenario))


def _case_level(scenario: Scenario) -> str | None:
    """The level whose areas the lowest case meeting serves: area-based coordinators' areas."""
    d, schedule = scenario.directory, {s.body_id: s.frequency for s in scenario.schedules}
    body = _entry_body(d, frozenset(b.id for b in d.bodies
                                    if _ad_hoc(schedule.get(b.id, b.frequency))))
    return body.convenes_per if body is not None else None


def _entry_body(d: Municipality, ad_hoc: frozenset[str]) -> MeetingBody | None:
    """The lowest body that takes new cases: the deepest tier among the bodies that meet on a
    schedule, preferring those with the individual-cases purpose, then those meeting in
    each area of a level."""
    regular = [b for b in d.bodies if b.id not in ad_hoc]
    if not regular:
        return None
    with_cases = [b for b in regular if MeetingPurpose.INDIVIDUAL_CASES in b.purposes]
    return max(with_cases or regular, key=lambda b: (b.tier, b.convenes_per is not None))


def _ad_hoc(frequency: Frequency | None) -> bool:
    return frequency is not None and frequency.per is FrequencyUnit.AD_HOC


def simulate(scenario: Scenario, seed: int) -> Ledger:
    """Simulate *scenario* with *seed* and return the validated ledger of what happened.

    The run is deterministic: the same scenario and seed give the same events. Every
    random choice comes from one :class:`random.Random` made from *seed*.

    Args:
        scenario: the scenario.
        seed: the seed, a non-negative integer.

    Returns:
        A :class:`~hokatsu.ledger.Ledger` over :func:`effective_directory` of the scenario.

    Raises:
        InvalidValueError: *scenario* is not a Scenario, or *seed* not a non-negative int.

    Examples:
        >>> from hokatsu.simulation import presets, simulate
        >>> from hokatsu.indicators import compute
        >>> ledger = simulate(presets.himi(), seed=3)
        >>> row = compute(ledger, indicators=["2A1"]).rows[0]
        >>> row.period.key, row.value > 100
        ('FY2017', True)
    """
    v.argument("simulate", "scenario", scenario, v.instance_of(Scenario))
    v.argument("simulate", "seed", seed, v.integer(0))
    run = _Run(scenario, random.Random(seed))
    return _with_session_disclosures(run.directory, run.go())


def _with_session_disclosures(directory: Municipality, events: list[Event]) -> Ledger:
    """The ledger of *events*, with what each session of a body that is not a community tier
    was shown of each case on its agenda recorded right after the item is raised: the view
    :func:`hokatsu.sharing.disclose` gives from the facts up to then (the household's consent,
    or the body's legal basis as a 支援会議, DOMAIN.md §9), or nothing when the rules deny it.

    The engine records a community tier's summary itself; the grounds of the other
    disclosures are the sharing rules' to decide, read here from the ledger's own fold
    rather than written a second time in the engine.
    """
    # imported here: hokatsu.sharing reads the ledger, as the simulation does
    from hokatsu.sharing import Recipient, disclose

    ledger = Ledger(directory)
    start = 0
    for i, event in enumerate(events):
        if type(event) is not AgendaItemRaised or event.case_id is None:
            continue
        ledger.extend(events[start:i + 1])
        start = i + 1
        body = directory.body(ledger.facts.sessions[event.session_id].body_id)
        if body.basis is LegalBasis.COMMUNITY:  # its summary, the engine recorded
            continue
        try:
            view = disclose(ledger, event.case_id, to=Recipient(session_id=event.session_id),
                            purpose=SharingPurpose.CASE_CONFERENCE, date=event.date)
        except DisclosureDeniedError:
            continue
        ledger.append(view.record(f"{event.id}-shown"))
    ledger.extend(events[start:])
    return ledger


class _Case:
    __slots__ = ("active", "agency", "area", "completed", "consent", "coordinator", "failed",
                 "hard",
                 "household", "id", "involved", "issues", "members", "on_agenda",
                 "open", "refs", "shareable")

    def __init__(self, case_id: str, household: Household, agency: str,
                 coordinator: str | None, shareable: bool) -> None:
        self.id = case_id
        self.household = household
        self.area: str = household.area_id or ""
        self.members = tuple(m.id for m in household.members)
        self.issues = [(i.id, i.member_id, i.field, i.fits_existing_services)
                       for i in household.issues]
        self.agency = agency
        self.coordinator = coordinator
        self.open = True
        self.active = 0  # referrals not yet final
        self.completed = 0
        self.failed = 0
        self.involved = {agency}
        self.on_agenda = False
        self.shareable = shareable
        self.hard = False
        self.refs: list[_Referral] = []
        self.consent: str | None = None  # the consent in force, if the household gave one


class _Referral:
    __slots__ = ("case", "id", "receiver", "sender", "status")

    def __init__(self, ref_id: str, case: _Case, sender: str, receiver: str) -> None:
        self.id = ref_id
        self.case = case
        self.sender = sender
        self.receiver = receiver
        self.status = "requested"


class _Run:
    """One run: the queue, the state the actions need, and the events emitted."""

    def __init__(self, scenario: Scenario, rng: random.Random) -> None:
        self.s = scenario
        self.r = rng
        self.R = scenario.rates
        self.P = scenario.programme
        d = self.directory = effective_directory(scenario)
        tree = self.tree = d.areas
        self.root = tree.root.id
        self.start = dt.date(scenario.fiscal_year, 4, 1)
        self.end = dt.date(scenario.fiscal_year + scenario.years, 3, 31)
        # the queue: for each day, its actions in the order they were scheduled
        self.days: dict[int, list[tuple[Callable[[Any], None], Any]]] = {}
        self.day = self.start.toordinal()  # today's ordinal, what the queue counts in
        self.events: list[Event] = []
        self.counter = itertools.count(1)
        self.today = self.start
        # where households live
        weights = scenario.area_weights or tuple(
            (a.id, float(a.population or 1)) for a in tree.leaves())
        self.area_ids = [a for a, _ in weights]
        self.area_cum = list(itertools.accumulate(w for _, w in weights))
        self.fields = [f for f, _ in self.R.fields]
        self.field_cum = list(itertools.accumulate(w for _, w in self.R.fields))
        self.routes = [x for x, _ in self.R.routes]
        self.route_cum = list(itertools.accumulate(w for _, w in self.R.routes))
        # agencies
        self.agencies = [a for a in d.agencies if not a.is_community_actor]
        self.agency_ids = frozenset(a.id for a in self.agencies)
        self.actors = sorted(a.id for a in d.agencies if a.is_community_actor)
        self.capacity = {a.id: a.capacity if a.capacity is not None else self.R.agency_capacity
                         for a in d.agencies}
        self.load: dict[str, int] = dict.fromkeys(self.capacity, 0)
        self.outside = sorted(a.id for a in d.agencies if a.joined is None)
        self.government = frozenset(a.id for a in d.agencies if a.sector.value == "government")
        self._serving: dict[str, list[Any]] = {}
        self._by_field: dict[tuple[str, Field], list[str]] = {}
        self._hub: dict[str, list[str]] = {}
        # coordinators and the policy's effects (assumptions, 第2章 4.)
        self.coordinators = sorted(d.coordinators, key=lambda c: c.id)
        fte = sum(c.fte for c in self.coordinators)
        self.fte = max(fte, _a.NO_COORDINATOR_FTE)
        yearly_cases = (scenario.n_households * self.R.consultations_per_1000 / 1000
                        * self.R.case_share)
        self.p_coordinator = (min(1.0, fte * _a.CASES_PER_FTE / yearly_cases)
                              if self.coordinators and yearly_cases else 0.0)
        affiliations = {c.affiliation for c in self.coordinators}
        ranges = {c.activity_range.value for c in self.coordinators}
        self.accept_bonus = (_a.MUNICIPAL_ACCEPT_BONUS
                             if Affiliation.MUNICIPALITY in affiliations else 0.0)
        self.community_factor = (_a.COUNCIL_COMMUNITY_FACTOR
                                 if Affiliation.SOCIAL_WELFARE_COUNCIL in affiliations else 1.0)
        self.outreach_factor = _a.AREA_OUTREACH_FACTOR if "area" in ranges else 1.0
        self.top_bonus = _a.CITY_WIDE_EFFECTIVE_BONUS if "city_wide" in ranges else 0.0
        self._coordinators_of: dict[str, list[str]] = {}
        # households
        self.maker = HouseholdMaker(rng, scenario.household_size, scenario.rate_65,
                                    self.R.extra_issue, self.R.no_fitting_service)
        self.cases: list[_Case] = []
        self.hard_open: list[_Case] = []
        # meetings
        self.schedule = {s.body_id: s.frequency for s in scenario.schedules}
        self.ad_hoc_ids = frozenset(b.id for b in d.bodies
                                    if _ad_hoc(self.schedule.get(b.id, b.frequency)))
        self.entry = _entry_body(d, self.ad_hoc_ids)
        fed = {b.escalates_to for b in d.bodies}
        self.case_study = {b.id for b in d.bodies if b.id not in self.ad_hoc_ids
                           and b is not self.entry
                           and MeetingPurpose.INDIVIDUAL_CASES in b.purposes
                           and b.id not in fed}
        self.ad_hoc = [b for b in d.bodies if b.id in self.ad_hoc_ids]
        self.pending: dict[tuple[str, str], list[tuple[_Case | None, str | None, str | None]]] = {}
        self.continued: dict[tuple[str, str], list[tuple[str, _Case | None]]] = {}
        self.convened: set[tuple[str, str]] = set()
        self._session_area: dict[tuple[str, str], str | None] = {}
        self.items = 0
        self.settled: dict[str, list[int]] = {b.id: [0, 0] for b in d.bodies}
        # the chance each body settles an item (its tier's, with the city-wide bonus at the top)
        self.effective = {b.id: self.R.effective(b.tier) + (self.top_bonus if b.tier == 1
                                                            else 0.0) for b in d.bodies}
        self._escalation: dict[tuple[str, str], tuple[str, str] | None] = {}

    # -- the queue -----------------------------------------------------------------------

    def at(self, day: int, action: Callable[[Any], None], arg: Any = None) -> None:
        assert day >= self.day, "an action scheduled on a day already run would never run"
        todo = self.days.get(day)
        if todo is None:
            self.days[day] = [(action, arg)]
        else:
            todo.append((action, arg))

    def later(self, mean_days: float, action: Callable[[Any], None], arg: Any = None) -> None:
        self.at(self.day + int(self.r.expovariate(1 / mean_days)), action, arg)

    def go(self) -> list[Event]:
        first, last = self.start.toordinal(), self.end.toordinal()
        for fy in range(self.s.fiscal_year, self.s.fiscal_year + self.s.years):
            self.at(dt.date(fy, 4, 1).toordinal(), self.year_start, fy)
        self.t = 0.0
        self.next_arrival()
        for body in self.directory.bodies:
            if body.id in self.ad_hoc_ids:
                continue
            per_year = self.sessions_per_year(body)
            if per_year <= 0:
                continue
            for area in self.directory.session_areas(body.id):
                self.at(first + int(self.r.uniform(0, 365 / per_year)), self.session,
                        (body, area))
        days = self.days
        for day in range(first, last + 1):
            todo = days.get(day)
            if todo is None:
                continue
            self.day = day
            self.today = dt.date.fromordinal(day)
            # an action may schedule more for the same day: they join the end of the list,
            # which this loop reaches in turn
            for action, arg in todo:
                action(arg)
            del days[day]
        # the run is over: its reference cycles are undone, so that the run, and every
        # household and event it made, goes when the caller lets go of the ledger instead of
        # waiting for the cyclic collector (whose full passes it would slow meanwhile): the
        # actions still queued past the last day (each one of the run's own methods), and
        # each case's referrals (each naming its case)
        days.clear()
        for case in self.cases:
            case.refs.clear()
        return self.events

    def sessions_per_year(self, body: MeetingBody) -> float:
        freq = self.schedule.get(body.id, body.frequency)
        if freq is not None:
            return freq.sessions_per_year or 0.0
        table = _a.SESSIONS_PER_YEAR_BY_TIER
        return float(table[min(body.tier, len(table)) - 1])

    def eid(self) -> str:
        return f"e{next(self.counter)}"

    def nid(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter)}"

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def record(self, cls: type[Event], **values: Any) -> None:
        """Emit an event of type *cls* with *values*, built without validators (see _BUILD)."""
        self.events.append(_BUILD[cls](**values))

    # -- directory look-ups (cached per area) --------------------------------------------

    def serving(self, area: str) -> list[Any]:
        got = self._serving.get(area)
        if got is None:
            lineage = set(self.tree.lineage(area))
            got = self._serving[area] = [a for a in self.agencies if a.area_ids & lineage]
        return got

    def by_field(self, area: str, field: Field) -> list[str]:
        key = (area, field)
        got = self._by_field.get(key)
        if got is None:
            serving = self.serving(area)
            got = [a.id for a in serving if field in a.fields] or [a.id for a in serving] or [
                a.id for a in self.agencies]
            self._by_field[key] = got
        return got

    def hubs(self, area: str) -> list[str]:
        got = self._hub.get(area)
        if got is None:
            got = self._hub[area] = [a.id for a in self.serving(area) if a.kind in _HUB_KINDS
                                     and (len(a.fields) >= 3
                                          or a.kind is AgencyKind.CONSULTATION_BASE)]
        return got

    def coordinators_of(self, area: str) -> list[str]:
        got = self._coordinators_of.get(area)
        if got is None:
            lineage = set(self.tree.lineage(area))
            got = [c.id for c in self.coordinators if not c.area_ids or c.area_ids & lineage]
            got = self._coordinators_of[area] = got or [c.id for c in self.coordinators]
        return got

    def escalation_target(self, body_id: str, area: str) -> tuple[str, str] | None:
        key = (body_id, area)
        if key not in self._escalation:
            self._escalation[key] = self.directory.escalation_target(body_id, area)
        return self._escalation[key]

    def session_area(self, body: MeetingBody, area: str) -> str | None:
        key = (body.id, area)
        if key not in self._session_area:
            self._session_area[key] = next(
                (sa for sa in self.directory.session_areas(body.id)
                 if self.tree.contains(sa, area)), None)
        return self._session_area[key]

    # -- arrivals and cases --------------------------------------------------------------

    def next_arrival(self) -> None:
        per_day = self.s.n_households * self.R.consultations_per_1000 / 1000 / 365
        if per_day <= 0:
            return
        self.t += self.r.expovariate(per_day)
        self.at(self.start.toordinal() + int(self.t), self.arrival)

    def arrival(self, _: None) -> None:
        self.next_arrival()
        r = self.r
        area = self.area_ids[bisect.bisect(self.area_cum, r.random() * self.area_cum[-1])]
        field = self.fields[bisect.bisect(self.field_cum, r.random() * self.field_cum[-1])]
        hubs = self.hubs(area)
        if hubs and r.random() < self.R.hub_share:
            receiver = r.choice(hubs)
        else:
            receiver = r.choice(self.by_field(area, field))
        opened = r.random() < self.R.case_share
        case_id = self.nid("c") if opened else None
        route = self.routes[bisect.bisect(self.route_cum, r.random() * self.route_cum[-1])]
        if opened:
            assert case_id is not None
            self.open_case(case_id, area, field, route, receiver)
        self.emit(_CONSULTATION(self.eid(), self.today, area, None, receiver,
                                CONTENT_OF_FIELD[field], case_id))

    def open_case(self, case_id: str, area: str, field: Field, route: Route,
                  receiver: str) -> _Case:
        r, rates = self.r, self.R
        tags = tuple(t for t, p in rates.tags if r.random() < p)[:int(_CASE["max_tags"])]
        home = self.maker.make(self.nid("h"), area, self.today, field, tags)
        coordinator = (r.choice(self.coordinators_of(area))
                       if r.random() < self.p_coordinator else None)
        case = _Case(case_id, home, receiver, coordinator, r.random() < rates.consent)
        self.cases.append(case)
        prior = self.by_field(area, field)
        self.record(CaseOpened,
            id=self.eid(), date=self.today, case_id=case_id, household=home, route=route,
            agency_id=receiver, coordinator_id=coordinator,
            prior_agency_ids=frozenset({r.choice(prior)}) if r.random() < _CASE["prior_agency"]
            else frozenset())
        if case.shareable:  # the household consents to its case being shared (DOMAIN.md §9)
            case.consent = self.nid("k")
            self.record(ConsentGiven, id=self.eid(), date=self.today, case_id=case_id,
                                   consent_id=case.consent, provision=_CONSENT)
        self.emit(_ASSESSMENT(self.eid(), self.today, case_id, AssessmentStage.INTAKE, receiver,
                              coordinator))
        self.later(rates.days_to_assessment, self.assess, case)
        return case

    def assess(self, case: _Case) -> None:
        if not case.open:
            return
        r = self.r
        if r.random() < self.R.hidden_issue:
            issue_id = f"i{len(case.issues) + 1}"
            member = r.choice(case.members)
            field = r.choice(self.fields)
            issue = type(case.household.issues[0])(
                id=issue_id, member_id=member, field=field, identified=self.today,
                fits_existing_services=r.random() >= self.R.no_fitting_service)
            case.issues.append((issue_id, member, field, issue.fits_existing_services))
            self.record(IssueIdentified, id=self.eid(), date=self.today, case_id=case.id,
                                      issue=issue)
        self.emit(_ASSESSMENT(self.eid(), self.today, case.id, AssessmentStage.ASSESSMENT,
                              case.agency, case.coordinator))
        self.later(self.R.days_to_plan, self.plan, case)

    def plan(self, case: _Case) -> None:
        if not case.open:
            return
        r = self.r
        fields: dict[Field, list[tuple[str, str | None]]] = {}
        for issue_id, member, field, _ in case.issues:
            fields.setdefault(field, []).append((issue_id, member))
        roles = {case.agency: _ROLE(case.agency, _NO_IDS, _NO_FIELDS, None)}
        asks: list[tuple[str, str | None, str]] = []
        for field, found in fields.items():
            candidates = [a for a in self.by_field(case.area, field) if a not in roles]
            if not candidates or len(roles) >= _CASE["max_plan_roles"]:
                continue
            agency = r.choice(candidates)
            members = frozenset(m for _, m in found if m is not None)
            roles[agency] = _ROLE(agency, members, frozenset({field}), None)
            asks.append((agency, found[0][1], found[0][0]))
        self.record(PlanMade, id=self.eid(), date=self.today, case_id=case.id,
                           roles=tuple(roles.values()), coordinator_id=case.coordinator)
        for agency, member, issue in asks:
            self.request(case, case.agency, agency, member, issue)
        if len(roles) > 1 and r.random() < self.R.conference:
            self.record(CaseConferenceHeld,
                id=self.eid(), date=self.today, case_id=case.id, kind=r.choice(_CONFERENCES),
                agency_ids=frozenset(roles), coordinator_id=case.coordinator)
        case.hard = self.is_hard(case)
        if case.hard and not case.on_agenda:
            self.hard_open.append(case)
            ad_hoc = [b for b in self.ad_hoc if self.may_discuss(case, b)]
            entry = self.entry
            if ad_hoc and r.random() < self.R.urgent_share:
                self.send(case, r.choice(ad_hoc))
            elif entry is not None and self.may_discuss(case, entry) and (
                    r.random() < self.R.meeting_share):
                self.send(case, entry)
        self.later(self.R.follow_up_days, self.follow_up, case)

    @staticmethod
    def is_hard(case: _Case) -> bool:
        """Type ①–④ (第1章 2.(2)): several members with issues, several issues of the
        person, or an issue no service fits."""
        person = case.household.person_id
        members = {m for _, m, _, _ in case.issues if m is not None and m != person}
        own = sum(1 for _, m, _, _ in case.issues if m is None or m == person)
        return bool(members and own) or len(members) > 1 or own > 1 or any(
            not fits for _, _, _, fits in case.issues)

    def send(self, case: _Case, body: MeetingBody) -> None:
        area = self.session_area(body, case.area)
        if area is None:
            return
        case.on_agenda = True
        self.pending.setdefault((body.id, area), []).append((case, None, None))
        if body.id in self.ad_hoc_ids:
            self.convene(body, area)

    def follow_up(self, case: _Case) -> None:
        if not case.open:
            return
        r = self.r
        self.emit(_FOLLOW_UP(self.eid(), self.today, case.id, case.agency, case.coordinator))
        if case.consent is not None and r.random() < _CASE["consent_changed_per_follow_up"]:
            self.record(ConsentChanged, id=self.eid(), date=self.today, consent_id=case.consent,
                                     provision=_CONSENT_NO_FINANCES)
        if case.hard and r.random() < _CASE["override_per_follow_up_if_hard"]:
            self.override(case)
        if r.random() < _ACT["participation_per_follow_up"] and (self.actors or self.agencies):
            self.record(ParticipationSupportStarted,
                id=self.eid(), date=self.today, case_id=case.id,
                partner_id=r.choice(self.actors or [a.id for a in self.agencies]),
                member_id=r.choice((None, *case.members)), activity=r.choice(_ACTIVITIES))
        if r.random() < _CASE["leave_per_follow_up"]:
            self.close(case, Outcome.MOVED_AWAY if r.random() < _CASE["moved_rather_than_died"]
                       else Outcome.DIED)
        elif case.active == 0 and r.random() < self.R.close_at_follow_up:
            if case.completed:
                outcome = (Outcome.CONNECTED if r.random() < _CASE["connected_rather_than_resolved"]
                           else Outcome.RESOLVED)
            elif case.failed:
                outcome = (Outcome.DECLINED if r.random() < _CASE["declined_rather_than_other"]
                           else Outcome.OTHER)
            else:
                resolved = r.random() < _CASE["resolved_rather_than_information"]
                outcome = Outcome.RESOLVED if resolved else Outcome.INFORMATION_ONLY
            self.close(case, outcome)
        else:
            self.later(self.R.follow_up_days, self.follow_up, case)

    def override(self, case: _Case) -> None:
        """A risk to life: consent overridden, and the urgent referral's disclosure to another
        agency on that ground."""
        others = [a.id for a in self.agencies if a.id != case.agency]
        if not others:
            return
        self.record(ConsentOverridden, id=self.eid(), date=self.today, case_id=case.id,
                                    agency_id=case.agency, reason="生命の危険")
        self.record(DisclosureRecorded,
            id=self.eid(), date=self.today, case_id=case.id, agency_id=self.r.choice(others),
            purpose=SharingPurpose.REFERRAL,
            grounds=tuple(Ground(category=c, basis=DisclosureBasis.EMERGENCY)
                          for c in _URGENT))

    def close(self, case: _Case, outcome: Outcome) -> None:
        for ref in case.refs:
            if ref.status not in ("rejected", "cancelled", "completed",
                                                      "failed"):
                self.transition(ref, ReferralCancelled, ref.sender, _REASONS["close"])
        self.record(CaseClosed, id=self.eid(), date=self.today, case_id=case.id, outcome=outcome)
        case.open = False
        if case.consent is not None and self.r.random() < _CASE["consent_withdrawn_at_close"]:
            self.record(ConsentWithdrawn, id=self.eid(), date=self.today, consent_id=case.consent)
            case.consent = None
        if self.r.random() < self.R.reopen:
            self.later(self.R.days_to_reopen, self.reopen, case)

    def reopen(self, case: _Case) -> None:
        case.open = True
        self.record(CaseReopened, id=self.eid(), date=self.today, case_id=case.id)
        self.record(AssessmentRecorded,
            id=self.eid(), date=self.today, case_id=case.id,
            stage=AssessmentStage.REASSESSMENT, agency_id=case.agency,
            coordinator_id=case.coordinator)
        self.later(self.R.days_to_plan, self.plan, case)

    # -- referrals (the state machine of events.cases.TRANSITIONS) ------------------------

    def request(self, case: _Case, sender: str, receiver: str, member: str | None,
                issue: str | None) -> None:
        ref = _Referral(self.nid("r"), case, sender, receiver)
        case.refs.append(ref)
        case.active += 1
        case.involved.add(receiver)
        self.emit(_REQUEST(self.eid(), self.today, ref.id, case.id, sender, receiver, None,
                           member, issue, case.coordinator))
        self.later(self.R.days_to_accept, self.answer, ref)

    def transition(self, ref: _Referral, cls: Any, actor: str, reason: str | None = None
                   ) -> None:
        was = ref.status
        ref.status = cls.status.value
        self.emit(_TRANSITION[cls](self.eid(), self.today, ref.id, actor, reason))
        if was in ("accepted", "in_progress", "on_hold"):
            self.load[ref.receiver] -= 1
        if ref.status in ("accepted", "in_progress", "on_hold"):
            self.load[ref.receiver] += 1
        if ref.status in ("rejected", "cancelled", "completed", "failed"):
            case = ref.case
            case.active -= 1
            if ref.status == "completed":
                case.completed += 1
            elif ref.status == "failed":
                case.failed += 1

    def answer(self, ref: _Referral) -> None:
        if ref.status != "requested":
            return
        r, rates = self.r, self.R
        cap = self.capacity.get(ref.receiver)
        if cap is not None and self.load[ref.receiver] >= cap:
            self.transition(ref, ReferralRejected, ref.receiver, _REASONS["full"])
            return
        accept = rates.referral_accept
        if ref.case.coordinator is not None and ref.receiver in self.government:
            accept = min(1.0, accept + self.accept_bonus)
        roll = r.random()
        if roll < accept:
            self.transition(ref, ReferralAccepted, ref.receiver)
            self.at(self.day + r.randint(0, int(_CASE["days_to_start_max"])),
                    self.begin, ref)
        elif roll < accept + rates.referral_reject:
            self.transition(ref, ReferralRejected, ref.receiver, _REASONS["reject"])
        else:
            self.transition(ref, ReferralCancelled, ref.sender, _REASONS["cancel"])

    def begin(self, ref: _Referral) -> None:
        if ref.status != "accepted":
            return
        if self.r.random() < _CASE["cancel_before_start"]:
            self.transition(ref, ReferralCancelled, self.r.choice((ref.sender, ref.receiver)),
                            _REASONS["cancel"])
            return
        self.transition(ref, ReferralStarted, ref.receiver)
        if self.r.random() < self.R.referral_hold:
            self.later(self.R.support_days / 2, self.hold, ref)
        else:
            self.later(self.R.support_days, self.finish, ref)

    def hold(self, ref: _Referral) -> None:
        if ref.status != "in_progress":
            return
        self.transition(ref, ReferralPutOnHold, ref.receiver, _REASONS["hold"])
        self.later(self.R.support_days / 3, self.resume, ref)

    def resume(self, ref: _Referral) -> None:
        if ref.status != "on_hold":
            return
        if self.r.random() < _CASE["fail_after_hold"]:
            self.transition(ref, ReferralFailed, ref.receiver, _REASONS["fail"])
            return
        self.transition(ref, ReferralResumed, ref.receiver)
        self.later(self.R.support_days / 2, self.finish, ref)

    def finish(self, ref: _Referral) -> None:
        if ref.status != "in_progress":
            return
        if self.r.random() < self.R.referral_complete:
            self.transition(ref, ReferralCompleted, ref.receiver)
        else:
            self.transition(ref, ReferralFailed, ref.receiver, _REASONS["fail"])

    # -- meetings ------------------------------------------------------------------------

    def convene(self, body: MeetingBody, area: str) -> None:
        if (body.id, area) not in self.convened:
            self.convened.add((body.id, area))
            self.at(self.day + self.r.randint(1, int(_MEETING["ad_hoc_days_max"])),
                    self.session, (body, area))

    def session(self, arg: tuple[MeetingBody, str]) -> None:
        body, area = arg
        r, key = self.r, (body.id, area)
        if body.id in self.ad_hoc_ids:
            self.convened.discard(key)
        else:
            gap, jitter = 365 / self.sessions_per_year(body), _MEETING["session_jitter"]
            self.at(self.day + max(1, int(r.uniform(1 - jitter, 1 + jitter) * gap)),
                    self.session, arg)
        session = self.nid("s")
        members = [m.agency_id for m in body.members]
        present = frozenset(a for a in members if r.random() < _a.ATTENDANCE) or frozenset(
            members[:1])
        attends = _MEETING["coordinator_attends"]
        coordinators = frozenset(c for c in self.coordinators_of(area) if r.random() < attends)
        people = max(1, round(len(present) * _a.PEOPLE_PER_AGENCY + r.random() * 3))
        self.record(MeetingHeld, id=self.eid(), date=self.today, session_id=session,
                              body_id=body.id, area_id=area, agency_ids=present,
                              participants=people, coordinator_ids=coordinators)
        for item, case in self.continued.pop(key, []):
            self.record(ProgressReported, id=self.eid(), date=self.today, item_id=item,
                                       session_id=session)
            self.decide(body, area, session, item, case, None, present)
        for case, source, theme in self.pending.pop(key, []):
            self.raise_item(body, area, session, case, source, theme, present)
        if body.id in self.case_study:
            for _ in range(_a.CASE_STUDIES_PER_SESSION):
                case = self.pick_hard(body)
                if case is not None:
                    case.on_agenda = True
                    self.raise_item(body, area, session, case, None, None, present)
        if (MeetingPurpose.COMMUNITY_ISSUES in body.purposes or body.promotion) and (
                body.id not in self.ad_hoc_ids):
            for _ in range(_poisson(r, self.R.themes_per_session)):
                self.raise_item(body, area, session, None, None, r.choice(_THEMES), present)

    def pick_hard(self, body: MeetingBody) -> _Case | None:
        while self.hard_open:
            case = self.hard_open.pop(self.r.randrange(len(self.hard_open)))
            if case.open and not case.on_agenda and self.may_discuss(case, body):
                return case
        return None

    @staticmethod
    def may_discuss(case: _Case, body: MeetingBody) -> bool:
        """Whether *body* may take *case* up: with the household's consent, or without it
        at a 支援会議, whose members are bound to confidentiality and may share without
        consent (社会福祉法 第106条の6, DOMAIN.md §9)."""
        return case.shareable or body.basis is LegalBasis.CONFIDENTIAL

    def raise_item(self, body: MeetingBody, area: str, session: str, case: _Case | None,
                   source: str | None, theme: str | None, present: frozenset[str]) -> None:
        item = self.nid("i")
        self.record(AgendaItemRaised, id=self.eid(), date=self.today, item_id=item,
                                   session_id=session, case_id=case.id if case else None,
                                   theme=theme, escalated_from=source)
        if case is not None and body.basis is LegalBasis.COMMUNITY:
            # a community tier is given the case's de-identified summary, and that is recorded
            self.record(DisclosureRecorded, id=self.eid(), date=self.today, case_id=case.id,
                                         session_id=session,
                                         purpose=SharingPurpose.CASE_CONFERENCE)
        self.decide(body, area, session, item, case, theme, present)

    def decide(self, body: MeetingBody, area: str, session: str, item: str,
               case: _Case | None, theme: str | None, present: frozenset[str]) -> None:
        r = self.r
        p = self.effective[body.id]
        stats = self.settled[body.id]
        stats[1] += 1
        if r.random() < p:
            outcome = (ItemOutcome.AGREED if r.random() < _MEETING["agreed_rather_than_response"]
                       else ItemOutcome.RESPONSE_PRESENTED)
            stats[0] += 1
            if case is not None:
                case.on_agenda = False
                if case.open:  # connected through the meeting (2O1)
                    choices = [a for a in present
                               if a not in case.involved and a in self.agency_ids]
                    if choices:
                        self.request(case, case.agency, r.choice(sorted(choices)), None, None)
        else:
            target = self.escalation_target(body.id, area)
            if target is not None and case is not None and not self.may_discuss(
                    case, self.directory.body(target[0])):
                target = None  # no consent to take it to a body that needs one
            if target is not None:
                outcome = ItemOutcome.ESCALATED
                self.pending.setdefault(target, []).append((case, item, theme))
                up = self.directory.body(target[0])
                if up.id in self.ad_hoc_ids:
                    self.convene(up, target[1])
            else:
                outcome = ItemOutcome.CONTINUED
                self.continued.setdefault((body.id, area), []).append((item, case))
        self.record(AgendaItemConcluded, id=self.eid(), date=self.today, item_id=item,
                                      session_id=session, outcome=outcome)

    # -- programmes (第4章 2.(3)) -----------------------------------------------------------

    def year_start(self, fy: int) -> None:
        r, pg = self.r, self.P
        first = dt.date(fy, 4, 1).toordinal()
        days = dt.date(fy + 1, 4, 1).toordinal() - first
        own = self.fte  # coordinators' own work scales with their FTE
        community = own * self.community_factor
        plan = (("exchange", pg.exchanges * community), ("gathering", pg.gatherings * community),
                ("outreach", pg.outreach * community), ("interview", pg.interviews * own),
                ("dev_consultation", pg.development_consultations * own),
                ("survey", pg.surveys), ("dev_meeting", pg.development_meetings),
                ("resource", pg.resources), ("funding", pg.funding), ("measure", pg.measures),
                ("sharing", pg.sharing_consultations), ("training", pg.trainings),
                ("assessment_exchange", pg.assessment_exchanges),
                ("activity_session", pg.activity_sessions))
        for kind, mean in plan:
            for _ in range(_poisson(r, mean)):
                self.at(first + r.randrange(days - 20), self.activity, kind)
        for agency in self.outside:
            if r.random() < pg.join_share:
                self.at(first + r.randrange(days - 20), self.activity, ("join", agency))
        self.at(dt.date(fy + 1, 3, 20).toordinal(), self.year_end, fy)

    def place(self) -> tuple[str, str | None]:
        area = self.area_ids[bisect.bisect(self.area_cum, self.r.random() * self.area_cum[-1])]
        coordinators = self.coordinators_of(area)
        return area, (self.r.choice(coordinators) if coordinators else None)

    def activity(self, kind: Any) -> None:
        r, today, root = self.r, self.today, self.root
        area, coordinator = self.place()
        actors = self.actors
        some = [a.id for a in self.agencies]
        if kind == "exchange" and actors:
            self.record(CommunityExchangeHeld,
                id=self.eid(), date=today, area_id=area, coordinator_id=coordinator,
                actor_ids=frozenset(r.sample(actors, min(
                    len(actors), r.randint(1, int(_ACT["exchange_actors_max"]))))))
        elif kind == "gathering":
            self.record(CommunityGatheringAttended,
                id=self.eid(), date=today, area_id=area, coordinator_id=coordinator,
                actor_ids=frozenset({r.choice(actors)}) if actors else frozenset())
        elif kind == "outreach":
            case_id = None
            if r.random() < self.P.outreach_finds_case * self.outreach_factor:
                field = self.fields[bisect.bisect(self.field_cum,
                                                  r.random() * self.field_cum[-1])]
                hubs = self.hubs(area)
                receiver = r.choice(hubs or self.by_field(area, field))
                case_id = self.open_case(self.nid("c"), area, field, Route.OUTREACH,
                                         receiver).id
            self.record(OutreachDone,
                id=self.eid(), date=today, area_id=area, coordinator_id=coordinator,
                actor_ids=frozenset({r.choice(actors)})
                if actors and r.random() < _ACT["outreach_with_actor"] else frozenset(),
                case_id=case_id)
        elif kind == "interview" and some:
            self.record(AgencyInterviewed, id=self.eid(), date=today, area_id=root,
                                        coordinator_id=coordinator, agency_id=r.choice(some))
        elif kind == "dev_consultation" and actors:
            self.record(DevelopmentConsultationHeld,
                id=self.eid(), date=today, area_id=area, coordinator_id=coordinator,
                purpose=r.choice(_PURPOSES),
                actor_ids=frozenset(r.sample(actors, min(len(actors), 2))))
        elif kind == "survey":
            self.record(SurveyConducted, id=self.eid(), date=today, area_id=root,
                                      coordinator_id=coordinator, items=_between(r, "survey_items"),
                                      respondents=_between(r, "survey_respondents"))
        elif kind == "dev_meeting":
            self.record(DevelopmentMeetingHeld,
                id=self.eid(), date=today, area_id=root, coordinator_id=coordinator,
                purpose=r.choice(_PURPOSES),
                agency_ids=frozenset(r.sample(some, min(len(some), 3))),
                participants=_between(r, "meeting_participants"))
        elif kind == "resource":
            rk = r.choice(_RESOURCE_KINDS)
            self.record(ResourceCreated,
                id=self.eid(), date=today, area_id=area, coordinator_id=coordinator,
                resource_id=self.nid("res"), kind=rk, name=_RESOURCE_NAMES[rk],
                partner_ids=frozenset(r.sample(actors, min(len(actors), 2))))
        elif kind == "funding":
            self.record(FundingSecured, id=self.eid(), date=today, area_id=root,
                                     coordinator_id=coordinator, kind=r.choice(_FUNDING),
                                     amount_yen=_between(r, "funding_10k_yen") * 10_000,
                                     newly_budgeted=r.random() < _ACT["newly_budgeted"])
        elif kind == "measure":
            measure = self.nid("ms")
            domain = r.choice(_DOMAINS)
            self.record(MeasureStarted, id=self.eid(), date=today, area_id=root,
                                     coordinator_id=coordinator, measure_id=measure,
                                     domain=domain, title=domain.label)
            if r.random() < _a.MEASURE_COMPLETES:
                self.at(self.day + _between(r, "measure_days"), self.complete, measure)
        elif kind == "sharing" and some:
            self.record(SharingConsultationHeld,
                id=self.eid(), date=today, area_id=root, coordinator_id=coordinator,
                agency_ids=frozenset(r.sample(some, min(len(some), r.randint(2, 4)))))
        elif kind == "training":
            self.record(TrainingHeld, id=self.eid(), date=today, area_id=root,
                                   coordinator_id=coordinator,
                                   participants=_between(r, "training_participants"))
            if r.random() < _a.TRAINING_CORRECTED:
                self.at(self.day + r.randint(1, 14), self.correct, self.events[-1])
        elif kind == "assessment_exchange":
            self.record(AssessmentExchangeHeld,
                id=self.eid(), date=today, area_id=root, coordinator_id=coordinator,
                agency_ids=frozenset(r.sample(some, min(len(some), 3))),
                participants=_between(r, "meeting_participants"))
        elif kind == "activity_session":
            categories = r.sample(_ATTENDEES, r.randint(1, 2))
            building = r.random() < _ACT["community_building"]
            self.record(ActivitySessionHeld,
                id=self.eid(), date=today, area_id=area, coordinator_id=coordinator,
                activity=r.choice(_ACTIVITIES),
                attendance=tuple(Headcount(category=c, count=_between(r, "attendance"))
                                 for c in categories),
                base_id=r.choice(some) if some else None,
                component=ProjectComponent.COMMUNITY_BUILDING if building else None,
                partner_ids=frozenset(r.sample(actors, min(len(actors), r.randint(0, 2)))))
        elif isinstance(kind, tuple):  # ("join", agency)
            self.record(ActorJoined, id=self.eid(), date=today, area_id=root,
                                  coordinator_id=coordinator, agency_id=kind[1])
            self.outside.remove(kind[1])

    def correct(self, wrong: TrainingHeld) -> None:
        """A training's head count corrected: entered in error, replaced by the right one."""
        right = attrs.evolve(wrong, id=self.eid(), participants=max(1, wrong.participants - 1))
        self.emit(EnteredInError(id=self.eid(), date=self.today, event_id=wrong.id,
                                 reason="参加者数の入力誤り", replacement=right))

    def complete(self, measure: str) -> None:
        self.record(MeasureCompleted, id=self.eid(), date=self.today, measure_id=measure)

    def year_end(self, fy: int) -> None:
        """Next year's plan, a target and the year's questionnaires (4A2, 4O2, 4O4, 5O1)."""
        r, today, root = self.r, self.today, self.root
        self.record(NextYearPlanAdopted, id=self.eid(), date=today, area_id=root,
                                      fiscal_year=fy + 1)
        hard = sum(1 for c in self.cases if c.hard)
        self.record(TargetSet, id=self.eid(), date=today, area_id=root, fiscal_year=fy + 1,
                            indicator_id="2A2", value=float(round(hard * _ACT["target_growth"])))
        settled = sum(s[0] for s in self.settled.values())
        items = sum(s[1] for s in self.settled.values())
        share = settled / items if items else 0.5
        respondents = max(2, len(self.agencies))
        for topic in (EvaluationTopic.SYSTEM_IMPROVEMENT, EvaluationTopic.INFORMATION_SHARING):
            self.record(EvaluationCollected, id=self.eid(), date=today, area_id=root, topic=topic,
                                          counts=self.scores(share, respondents))
        for body in self.directory.bodies:
            if body.promotion:
                done, total = self.settled[body.id]
                self.record(EvaluationCollected,
                    id=self.eid(), date=today, area_id=root, topic=EvaluationTopic.MEETING_EFFECT,
                    body_id=body.id, counts=self.scores(done / total if total else 0.5,
                                                        max(2, len(body.members))))
        del r

    def scores(self, share: float, respondents: int) -> tuple[int, ...]:
        """Respondents per score on the assumed scale, better as more items settled."""
        top = _a.EVALUATION_SCALE
        counts = [0] * top
        for _ in range(respondents):
            counts[sum(self.r.random() < share for _ in range(top - 1))] += 1
        return tuple(counts)


def _between(rng: random.Random, name: str) -> int:
    """A whole number drawn evenly from the ACTIVITY_DETAILS range *name*."""
    return rng.randint(int(_ACT[f"{name}_min"]), int(_ACT[f"{name}_max"]))


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw: counts of unit-rate exponential gaps within *mean*."""
    if mean <= 0:
        return 0
    if mean > 50:  # normal approximation for big means, rounded and kept non-negative
        return max(0, round(rng.gauss(mean, mean ** 0.5)))
    n, total = 0, rng.expovariate(1.0)
    while total < mean:
        n += 1
        total += rng.expovariate(1.0)
    return n

