"""Replay: the states of cases, referrals and agenda items as a pure fold over events.

:func:`replay` reads events in order (a :class:`~hokatsu.ledger.Ledger`, a view of one, or
any iterable that starts at the beginning of the record) and returns a :class:`Replay` of
frozen states. The same events always give the same states.

What 名張市 records per case (第2章 5.(4), 第3章) is derived here: the agencies that had
supported the household before the case, those involved during it, and those that joined
through the coordinator. So is whether support covered the whole household, the hard-case type
①–④ as issues accumulate, and, with :func:`escalation_paths`, the path a case took up the
layered meetings, the tier where it was settled and the wait at each step (第3章 3.(2)④).

Examples:
    >>> import datetime as dt
    >>> from hokatsu.reference import himi
    >>> from hokatsu.domain import Household, Member, Relation
    >>> from hokatsu.events import (CaseOpened, ReferralRequested, ReferralAccepted, Route,
    ...                             ReferralStatus)
    >>> from hokatsu.ledger import Ledger
    >>> home = Household(id="h1", person_id="m1", area_id="himi-d03",
    ...                  members=(Member(id="m1", relation=Relation.HEAD,
    ...                                  born=dt.date(1940, 1, 1)),))
    >>> ledger = Ledger(himi(), [
    ...     CaseOpened(id="e1", date=dt.date(2017, 5, 1), case_id="c1", household=home,
    ...                route=Route.COMMUNITY, agency_id="himi-support",
    ...                coordinator_id="himi-csw1", prior_agency_ids=frozenset({"himi-cgsc"})),
    ...     ReferralRequested(id="e2", date=dt.date(2017, 5, 2), referral_id="r1", case_id="c1",
    ...                       from_agency_id="himi-support", to_agency_id="himi-health",
    ...                       coordinator_id="himi-csw1"),
    ...     ReferralAccepted(id="e3", date=dt.date(2017, 5, 9), referral_id="r1",
    ...                      actor_id="himi-health"),
    ... ])
    >>> state = replay(ledger)
    >>> state.referrals["r1"].status, state.referrals["r1"].days_to_accept
    (<ReferralStatus.ACCEPTED: 'accepted'>, 7)
    >>> sorted(state.cases["c1"].joined_through_coordinator)
    ['himi-health']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu._gc import paused_gc
from hokatsu.domain.fields import Field
from hokatsu.domain.households import HardCaseType, Household, Issue, Typology, typology
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError, LedgerError
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CaseReopened,
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
from hokatsu.ledger import READABLE_VIEW

_OPT_ID = v.optional(v.ID)
_IDS = v.frozenset_of(v.ID)
_HISTORY_ENTRY = v.simple(
    "a (date, ReferralStatus, reason or None) triple",
    lambda t: type(t) is tuple and len(t) == 3 and type(t[0]) is dt.date
    and type(t[1]) is ReferralStatus and (t[2] is None or type(t[2]) is str),
)


_MUNICIPALITY = v.instance_of(Municipality)
_OPT_DATE = v.optional(v.DATE)


def _count(items: Any, noun: str) -> str:
    """``"3 issues"``, ``"1 plan"``: how many, never what."""
    try:
        n = len(items)
    except TypeError:  # an unvalidated state
        return f"? {noun}s"
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _mapping_of(cls: type) -> v.Check:
    def ok(value: Any) -> bool:
        return isinstance(value, Mapping) and all(
            type(k) is str and isinstance(x, cls) for k, x in value.items()
        )

    return v.simple(f"a mapping of ids to {cls.__name__}", ok)


__all__ = [
    "CaseState",
    "EscalationPath",
    "EscalationStep",
    "ItemState",
    "ReferralState",
    "Replay",
    "escalation_paths",
    "replay",
]


def covers_household(roles: Iterable[PlanRole] | None, with_issues: Iterable[str]) -> bool:
    """Whether a plan addresses the household as a whole (indicator 2A4).

    Args:
        roles: the latest plan's roles; None without a plan.
        with_issues: the members with an issue of their own.

    A household-wide role (one naming no member) does; so do roles for at least two members
    that cover every member with an issue of their own. A plan for one member supports that
    member only.
    """
    if roles is None:
        return False
    members: frozenset[str] | None = None
    for role in roles:
        named = role.member_ids
        if not named:
            return True
        members = named if members is None else members | named
    return members is not None and len(members) >= 2 and members.issuperset(with_issues)


def several_fields(agencies_with_fields: int, fields: int) -> bool:
    """Whether agencies of several fields handle a case (indicator 2A2): at least two involved
    agencies that cover a field, at least two fields between them."""
    return agencies_with_fields >= 2 and fields >= 2


def _statuses(history: Any) -> str:
    try:
        return "<" + " → ".join(entry[1].value for entry in history) + ">"
    except Exception:  # an unvalidated state: say nothing rather than fail
        return "<redacted>"


@attrs.frozen(kw_only=True)
class ReferralState:
    """A referral (つなぎ) and its history.

    Args:
        history: ``(date, status, reason)`` for every status, the request first.
    """

    referral_id: str = attrs.field(validator=v.ID)
    case_id: str = attrs.field(validator=v.ID)
    from_agency_id: str = attrs.field(validator=v.ID)
    to_agency_id: str = attrs.field(validator=v.ID)
    service_id: str | None = attrs.field(validator=_OPT_ID)
    member_id: str | None = attrs.field(validator=_OPT_ID)
    issue_id: str | None = attrs.field(validator=_OPT_ID)
    coordinator_id: str | None = attrs.field(validator=_OPT_ID)
    # the reasons are free text: the repr shows the statuses only
    history: tuple[tuple[dt.date, ReferralStatus, str | None], ...] = attrs.field(
        validator=v.tuple_of(_HISTORY_ENTRY, nonempty=True), metadata=v.PERSONAL,
        repr=_statuses,
    )

    @property
    def status(self) -> ReferralStatus:
        """The current status."""
        return self.history[-1][1]

    @property
    def requested(self) -> dt.date:
        """The date of the request."""
        return self.history[0][0]

    def reached(self, status: ReferralStatus) -> dt.date | None:
        """The first date the referral reached *status*, None if it never did."""
        return next((d for d, s, _ in self.history if s is status), None)

    @property
    def days_to_accept(self) -> int | None:
        """Days from request to acceptance, None if never accepted."""
        accepted = self.reached(ReferralStatus.ACCEPTED)
        return None if accepted is None else (accepted - self.requested).days

    @property
    def is_open(self) -> bool:
        """Whether the loop is still open (the status is not final)."""
        return not self.status.is_final


@attrs.frozen(kw_only=True, repr=False)
class CaseState:
    """A case as its events leave it.

    Its repr is short and holds no personal data: the case, its area, whether it is open,
    and counts (``<CaseState 'c1': area 'd1', open, 2 members, 3 issues, 1 referral, 0 plans,
    0 agenda items>``).

    Args:
        case_id: the case.
        area_id: the area of the household.
        household: the household as known at opening.
        issues: every issue: those known at opening, then those identified later.
        route: how the case came in.
        agency_id: the agency that received it.
        opened: date of opening.
        closed: date of the latest closure, None while open.
        outcome: outcome of the latest closure, None while open.
        reopened: how many times it was reopened.
        prior_agency_ids: agencies that had supported the household before the case.
        involved_agency_ids: agencies involved during the case: the receiver, assessors, plan
            roles, conference attendees, follow-ups, and receivers that accepted a referral.
        joined_through_coordinator: involved agencies, new to the household, that a coordinator
            brought in: their first part in the case was a role in a plan made with a
            coordinator, a seat at a conference held with one, or the acceptance of a referral
            one arranged (名張市's record).
        coordinator_ids: coordinators involved in any event of the case.
        assessments: the intake and assessment events.
        plans: the plans, latest last.
        conferences: the case conferences.
        follow_ups: the follow-ups.
        referral_ids: the case's referrals, in order of request.
        item_ids: agenda items about the case, in order raised.
    """

    case_id: str = attrs.field(validator=v.ID)
    area_id: str = attrs.field(validator=v.ID)
    household: Household = attrs.field(validator=v.instance_of(Household), metadata=v.PERSONAL)
    issues: tuple[Issue, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(Issue)), metadata=v.PERSONAL
    )
    route: Route = attrs.field(validator=v.enum_of(Route))
    agency_id: str = attrs.field(validator=v.ID)
    opened: dt.date = attrs.field(validator=v.DATE)
    closed: dt.date | None = attrs.field(validator=v.optional(v.DATE))
    outcome: Outcome | None = attrs.field(validator=v.optional(v.enum_of(Outcome)))
    reopened: int = attrs.field(validator=v.integer(0))
    prior_agency_ids: frozenset[str] = attrs.field(validator=_IDS)
    involved_agency_ids: frozenset[str] = attrs.field(validator=_IDS)
    joined_through_coordinator: frozenset[str] = attrs.field(validator=_IDS)
    coordinator_ids: frozenset[str] = attrs.field(validator=_IDS)
    assessments: tuple[AssessmentRecorded, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(AssessmentRecorded))
    )
    plans: tuple[PlanMade, ...] = attrs.field(validator=v.tuple_of(v.instance_of(PlanMade)))
    conferences: tuple[CaseConferenceHeld, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(CaseConferenceHeld))
    )
    follow_ups: tuple[FollowUpDone, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(FollowUpDone))
    )
    referral_ids: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID))
    item_ids: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID))

    def __repr__(self) -> str:
        return (
            f"<CaseState {self.case_id!r}: area {self.area_id!r}, "
            f"{'open' if self.closed is None else 'closed'}, "
            f"{_count(self.household.members, 'member')}, {_count(self.issues, 'issue')}, "
            f"{_count(self.referral_ids, 'referral')}, {_count(self.plans, 'plan')}, "
            f"{_count(self.item_ids, 'agenda item')}>"
        )

    @property
    def is_open(self) -> bool:
        """Whether the case is open."""
        return self.closed is None

    @property
    def newly_involved(self) -> frozenset[str]:
        """Involved agencies that had not supported the household before."""
        return self.involved_agency_ids - self.prior_agency_ids

    @property
    def coordinator_assessed(self) -> bool:
        """Whether a coordinator did an intake or assessment (indicator 2A1)."""
        return any(a.coordinator_id is not None for a in self.assessments)

    @property
    def current_household(self) -> Household:
        """The household with every issue identified so far."""
        return attrs.evolve(self.household, issues=self.issues)

    @property
    def typology(self) -> Typology:
        """The conditions ①–③ given every issue identified so far (第1章 2.(2))."""
        return typology(self.current_household)

    @property
    def hard_case_type(self) -> HardCaseType | None:
        """The hard-case type ①–④ given every issue identified so far."""
        return self.typology.type

    @property
    def whole_household_covered(self) -> bool:
        """Whether the latest plan addresses the household as a whole (indicator 2A4).

        That is a role for the household as such (no members named), or roles for at least
        two members that between them cover every member with an issue of their own. A plan
        for one member is support for that member, not for the household. False without a
        plan.
        """
        if not self.plans:
            return False
        return covers_household(
            self.plans[-1].roles, {i.member_id for i in self.issues if i.member_id is not None})

    def fields(self, directory: Municipality) -> frozenset[Field]:
        """The fields covered by the involved agencies.

        Raises:
            InvalidValueError: *directory* is not a Municipality.
        """
        v.argument("CaseState.fields", "directory", directory, _MUNICIPALITY)
        return frozenset().union(
            *(directory.agency(a).fields for a in self.involved_agency_ids)
        )

    def multi_field(self, directory: Municipality) -> bool:
        """Whether the case was handled jointly by agencies of several fields (2A2): at least
        two involved agencies that cover fields, at least two fields between them.

        Raises:
            InvalidValueError: *directory* is not a Municipality.
        """
        v.argument("CaseState.multi_field", "directory", directory, _MUNICIPALITY)
        with_fields = [a for a in self.involved_agency_ids if directory.agency(a).fields]
        return several_fields(len(with_fields), len(self.fields(directory)))


@attrs.frozen(kw_only=True)
class ItemState:
    """An agenda item of a meeting body.

    Args:
        item_id: the item.
        body_id: the body whose session raised it.
        area_id: the session's area.
        session_id: the session that raised it.
        raised: the date it was raised.
        case_id: the case, for an individual case.
        theme: the theme, for a community item.
        escalated_from: the lower body's item it came from.
        outcome: the latest outcome, None while pending.
        concluded: the date of the latest outcome.
        progress_reports: progress reports made while it continued.
        taken_up_as: the item of the higher body that took it up after escalation.
    """

    item_id: str = attrs.field(validator=v.ID)
    body_id: str = attrs.field(validator=v.ID)
    area_id: str = attrs.field(validator=v.ID)
    session_id: str = attrs.field(validator=v.ID)
    raised: dt.date = attrs.field(validator=v.DATE)
    case_id: str | None = attrs.field(validator=_OPT_ID)
    theme: str | None = attrs.field(
        validator=v.optional(v.TEXT), metadata=v.PERSONAL, repr=v.redacted
    )
    escalated_from: str | None = attrs.field(validator=_OPT_ID)
    outcome: ItemOutcome | None = attrs.field(validator=v.optional(v.enum_of(ItemOutcome)))
    concluded: dt.date | None = attrs.field(validator=v.optional(v.DATE))
    progress_reports: int = attrs.field(validator=v.integer(0))
    taken_up_as: str | None = attrs.field(validator=_OPT_ID)


@attrs.frozen(kw_only=True, repr=False)
class Replay:
    """The states of everything the events describe.

    Its repr gives counts, not contents: ``<Replay: 120 cases, 300 referrals, 40 agenda
    items, as of 2018-03-31>``.

    Args:
        cases: case states by case id.
        referrals: referral states by referral id.
        items: agenda item states by item id.
        as_of: the date of the last event read, None if none.
    """

    cases: Mapping[str, CaseState] = attrs.field(validator=_mapping_of(CaseState))
    referrals: Mapping[str, ReferralState] = attrs.field(validator=_mapping_of(ReferralState))
    items: Mapping[str, ItemState] = attrs.field(validator=_mapping_of(ItemState))
    as_of: dt.date | None = attrs.field(validator=v.optional(v.DATE))

    def __repr__(self) -> str:
        when = "no events" if self.as_of is None else f"as of {self.as_of.isoformat()}"
        return (
            f"<Replay: {_count(self.cases, 'case')}, {_count(self.referrals, 'referral')}, "
            f"{_count(self.items, 'agenda item')}, {when}>"
        )


@attrs.frozen(kw_only=True)
class EscalationStep:
    """One body's handling of an item on its way up the layered meetings.

    Args:
        body_id: the body.
        tier: its tier (1 = city-wide).
        area_id: the session area.
        raised: when the body took the item up.
        outcome: what it decided, None while pending.
        concluded: when it decided.
        wait_days: days from the lower body's escalation to this body taking it up (None for
            the first step).
    """

    body_id: str = attrs.field(validator=v.ID)
    tier: int = attrs.field(validator=v.integer(1, 9))
    area_id: str = attrs.field(validator=v.ID)
    raised: dt.date = attrs.field(validator=v.DATE)
    outcome: ItemOutcome | None = attrs.field(validator=v.optional(v.enum_of(ItemOutcome)))
    concluded: dt.date | None = attrs.field(validator=v.optional(v.DATE))
    wait_days: int | None = attrs.field(validator=v.optional(v.integer()))


@attrs.frozen(kw_only=True)
class EscalationPath:
    """The path of one item up the tiers, from the body that first raised it.

    Args:
        case_id: the case, or None for a community theme.
        theme: the theme, for a community item.
        steps: the bodies in order.
    """

    case_id: str | None = attrs.field(validator=_OPT_ID)
    theme: str | None = attrs.field(
        validator=v.optional(v.TEXT), metadata=v.PERSONAL, repr=v.redacted
    )
    steps: tuple[EscalationStep, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(EscalationStep), nonempty=True)
    )

    @property
    def settled(self) -> EscalationStep | None:
        """The step where the item was settled (agreement or response), None if not yet."""
        last = self.steps[-1]
        return last if last.outcome is not None and last.outcome.settles else None

    @property
    def settled_tier(self) -> int | None:
        """The tier where the item was settled, None if not yet."""
        settled = self.settled
        return None if settled is None else settled.tier

    @property
    def waiting(self) -> bool:
        """Whether the item was escalated and not yet taken up."""
        return self.steps[-1].outcome is ItemOutcome.ESCALATED

    @property
    def delays(self) -> tuple[int, ...]:
        """Days waited at each escalation step."""
        return tuple(s.wait_days for s in self.steps if s.wait_days is not None)


# -- the fold ------------------------------------------------------------------------------

# The fold builds its states from validated events; validating them again would double the
# cost of a replay and could find nothing wrong.
_new_case_state = v.positional(CaseState)
_new_referral_state = v.positional(ReferralState)
_new_item_state = v.positional(ItemState)
_new_replay = v.positional(Replay)


class _Case:
    __slots__ = (
        "area",
        "assessments",
        "closed",
        "conferences",
        "coordinators",
        "event",
        "follow_ups",
        "involved",
        "issues",
        "items",
        "opened",
        "outcome",
        "plans",
        "referrals",
        "reopened",
    )

    def __init__(self, event: CaseOpened) -> None:
        self.event = event
        self.area = event.household.area_id
        self.issues: list[Issue] = list(event.household.issues)
        self.closed: dt.date | None = None
        self.outcome: Outcome | None = None
        self.reopened = 0
        # each involved agency, and whether a coordinator brought it in the first time it
        # took part (dicts keep the order agencies joined)
        self.involved: dict[str, bool] = {event.agency_id: False}
        self.coordinators: set[str] = (
            {event.coordinator_id} if event.coordinator_id is not None else set()
        )
        self.assessments: list[AssessmentRecorded] = []
        self.plans: list[PlanMade] = []
        self.conferences: list[CaseConferenceHeld] = []
        self.follow_ups: list[FollowUpDone] = []
        self.referrals: list[str] = []
        self.items: list[str] = []

    def freeze(self) -> CaseState:
        e = self.event
        prior = e.prior_agency_ids
        return _new_case_state(  # CaseState's fields, in order
            e.case_id, e.household.area_id or "", e.household, tuple(self.issues), e.route,
            e.agency_id, e.date, self.closed, self.outcome, self.reopened, prior,
            frozenset(self.involved),
            frozenset(a for a, via in self.involved.items() if via and a not in prior),
            frozenset(self.coordinators), tuple(self.assessments), tuple(self.plans),
            tuple(self.conferences), tuple(self.follow_ups), tuple(self.referrals),
            tuple(self.items),
        )


class _Fold:
    __slots__ = ("cases", "history", "items", "referrals", "sessions")

    def __init__(self) -> None:
        self.sessions: dict[str, tuple[str, str]] = {}
        self.cases: dict[str, _Case] = {}
        self.referrals: dict[str, ReferralRequested] = {}
        self.history: dict[str, list[tuple[dt.date, ReferralStatus, str | None]]] = {}
        self.items: dict[str, list[Any]] = {}

    def case(self, event: Event, case_id: str) -> _Case:
        try:
            return self.cases[case_id]
        except KeyError:
            raise LedgerError(
                f"replay: event {event.id!r} refers to case {case_id!r}, which the events "
                "read so far never opened; replay a ledger, or a selection that starts at "
                "its beginning"
            ) from None

    def opened(self, e: CaseOpened) -> None:
        self.cases[e.case_id] = _Case(e)

    def issue(self, e: IssueIdentified) -> None:
        self.case(e, e.case_id).issues.append(e.issue)

    def assessed(self, e: AssessmentRecorded) -> None:
        c = self.case(e, e.case_id)
        c.assessments.append(e)
        c.involved.setdefault(e.agency_id, False)
        if e.coordinator_id is not None:
            c.coordinators.add(e.coordinator_id)

    def plan(self, e: PlanMade) -> None:
        c = self.case(e, e.case_id)
        c.plans.append(e)
        via = e.coordinator_id is not None
        for role in e.roles:
            c.involved.setdefault(role.agency_id, via)
        if via:
            c.coordinators.add(e.coordinator_id)  # type: ignore[arg-type]

    def conference(self, e: CaseConferenceHeld) -> None:
        c = self.case(e, e.case_id)
        c.conferences.append(e)
        via = e.coordinator_id is not None
        for agency in sorted(e.agency_ids):
            c.involved.setdefault(agency, via)
        if via:
            c.coordinators.add(e.coordinator_id)  # type: ignore[arg-type]

    def follow_up(self, e: FollowUpDone) -> None:
        c = self.case(e, e.case_id)
        c.follow_ups.append(e)
        c.involved.setdefault(e.agency_id, False)
        if e.coordinator_id is not None:
            c.coordinators.add(e.coordinator_id)

    def closed(self, e: CaseClosed) -> None:
        c = self.case(e, e.case_id)
        c.closed = e.date
        c.outcome = e.outcome

    def reopened(self, e: CaseReopened) -> None:
        c = self.case(e, e.case_id)
        c.closed = None
        c.outcome = None
        c.reopened += 1

    def requested(self, e: ReferralRequested) -> None:
        c = self.case(e, e.case_id)
        c.referrals.append(e.referral_id)
        if e.coordinator_id is not None:
            c.coordinators.add(e.coordinator_id)
        self.referrals[e.referral_id] = e
        self.history[e.referral_id] = [(e.date, ReferralStatus.REQUESTED, None)]

    def transition(self, e: ReferralTransition) -> None:
        try:
            request = self.referrals[e.referral_id]
        except KeyError:
            raise LedgerError(
                f"replay: event {e.id!r} changes referral {e.referral_id!r}, which the events "
                "read so far never requested"
            ) from None
        self.history[e.referral_id].append((e.date, e.status, e.reason))
        if e.status is ReferralStatus.ACCEPTED:
            c = self.cases[request.case_id]
            c.involved.setdefault(request.to_agency_id, request.coordinator_id is not None)

    def session(self, e: MeetingHeld) -> None:
        self.sessions[e.session_id] = (e.body_id, e.area_id)

    # items: [body, area, session, raised, case, theme, from, outcome, concluded, reports, up]
    def raised(self, e: AgendaItemRaised) -> None:
        try:
            body, area = self.sessions[e.session_id]
        except KeyError:
            raise LedgerError(
                f"replay: item event {e.id!r} refers to session {e.session_id!r}, "
                "which the events read so far never held"
            ) from None
        self.items[e.item_id] = [body, area, e.session_id, e.date, e.case_id, e.theme,
                                 e.escalated_from, None, None, 0, None]
        if e.case_id is not None:
            self.case(e, e.case_id).items.append(e.item_id)
        if e.escalated_from is not None:
            self._item(e, e.escalated_from)[10] = e.item_id

    def concluded(self, e: AgendaItemConcluded) -> None:
        item = self._item(e, e.item_id)
        item[7] = e.outcome
        item[8] = e.date

    def progress(self, e: ProgressReported) -> None:
        self._item(e, e.item_id)[9] += 1

    def _item(self, e: Event, item_id: str) -> list[Any]:
        try:
            return self.items[item_id]
        except KeyError:
            raise LedgerError(
                f"replay: event {e.id!r} refers to agenda item {item_id!r}, which the events "
                "read so far never raised"
            ) from None

    def freeze(self, as_of: dt.date | None) -> Replay:
        referrals = {
            rid: _new_referral_state(  # ReferralState's fields, in order
                rid, r.case_id, r.from_agency_id, r.to_agency_id, r.service_id, r.member_id,
                r.issue_id, r.coordinator_id, tuple(self.history[rid]),
            )
            for rid, r in self.referrals.items()
        }
        items = {
            iid: _new_item_state(iid, *i)  # ItemState's fields, in order
            for iid, i in self.items.items()
        }
        cases = {cid: c.freeze() for cid, c in self.cases.items()}
        return _new_replay(cases, referrals, items, as_of)


_STEPS: dict[type[Event], Callable[[_Fold, Any], None]] = {
    CaseOpened: _Fold.opened,
    IssueIdentified: _Fold.issue,
    AssessmentRecorded: _Fold.assessed,
    PlanMade: _Fold.plan,
    CaseConferenceHeld: _Fold.conference,
    FollowUpDone: _Fold.follow_up,
    CaseClosed: _Fold.closed,
    CaseReopened: _Fold.reopened,
    ReferralRequested: _Fold.requested,
    ReferralAccepted: _Fold.transition,
    ReferralRejected: _Fold.transition,
    ReferralCancelled: _Fold.transition,
    ReferralStarted: _Fold.transition,
    ReferralPutOnHold: _Fold.transition,
    ReferralResumed: _Fold.transition,
    ReferralCompleted: _Fold.transition,
    ReferralFailed: _Fold.transition,
    MeetingHeld: _Fold.session,
    AgendaItemRaised: _Fold.raised,
    AgendaItemConcluded: _Fold.concluded,
    ProgressReported: _Fold.progress,
}


def replay(events: Iterable[Event], *, until: dt.date | None = None) -> Replay:
    """Fold *events* into the states of cases, referrals and agenda items.

    Args:
        events: a ledger, a view of one, or events in ledger order from the beginning.
        until: stop after the last event dated on or before this day.

    Raises:
        InvalidValueError: *events* is not an iterable of events, *until* is neither None
            nor a plain date (a datetime is refused: events have days, not times), or a
            view does not start at the beginning of the record, or keeps only some kinds of
            event.
        LedgerError: an event refers to a case, referral or item that no earlier event
            created (events that do not start at the beginning).
    """
    v.argument("replay", "until", until, _OPT_DATE)
    if getattr(events, "from_start", True) is False:  # a LedgerView that cannot be replayed
        raise InvalidValueError("replay", "events", "a view not from the start",
                                f"a ledger, or {READABLE_VIEW}")
    try:
        iterator = iter(events)
    except TypeError:
        raise InvalidValueError("replay", "events", events, _EVENTS) from None
    with paused_gc():
        return _replay(iterator, until)


_EVENTS = "a ledger, a view of one, or an iterable of events"


def _not_an_event(event: object) -> InvalidValueError:
    return InvalidValueError("replay", "events", event, "an Event as every item of events")


def _replay(events: Iterator[Any], until: dt.date | None) -> Replay:
    fold = _Fold()
    steps = _STEPS
    last: Event | None = None
    # a type with no step is checked to be an event; the step look-up comes first so that
    # the check costs nothing for the events a replay folds
    if until is None:
        for last in events:
            step = steps.get(type(last))
            if step is not None:
                step(fold, last)
            elif not isinstance(last, Event):
                raise _not_an_event(last)
    else:
        for event in events:
            step = steps.get(type(event))
            if step is None and not isinstance(event, Event):
                raise _not_an_event(event)
            if event.date > until:
                break
            last = event
            if step is not None:
                step(fold, event)
    return fold.freeze(None if last is None else last.date)


_REPLAY = v.instance_of(Replay)


def escalation_paths(state: Replay, directory: Municipality) -> tuple[EscalationPath, ...]:
    """The path of every item up the layered meetings, from the body that first raised it.

    Items that were never escalated make one-step paths. Paths come in the order their first
    item was raised.

    Raises:
        InvalidValueError: *state* is not a Replay or *directory* not a Municipality.
        UnknownReferenceError: an item's body is not in *directory*.
    """
    v.argument("escalation_paths", "state", state, _REPLAY)
    v.argument("escalation_paths", "directory", directory, _MUNICIPALITY)
    paths: list[EscalationPath] = []
    for item in state.items.values():
        if item.escalated_from is not None:
            continue
        steps: list[EscalationStep] = []
        current: ItemState | None = item
        previous: ItemState | None = None
        while current is not None:
            wait = None
            if previous is not None and previous.concluded is not None:
                wait = (current.raised - previous.concluded).days
            steps.append(EscalationStep(
                body_id=current.body_id, tier=directory.body(current.body_id).tier,
                area_id=current.area_id, raised=current.raised, outcome=current.outcome,
                concluded=current.concluded, wait_days=wait,
            ))
            previous = current
            current = state.items.get(current.taken_up_as) if current.taken_up_as else None
        paths.append(EscalationPath(case_id=item.case_id, theme=item.theme, steps=tuple(steps)))
    return tuple(paths)
