"""The fold of the facts: what the events say about cases, referrals, sessions and items.

A fact such as "the agencies involved in a case", "handled by agencies of several fields"
(2A2), "the latest plan covers the whole household" (2A4), the hard-case type ①–④ (第1章
2.(2)) or "an agency cooperating in a hard case for the first time" (2O2) is meant to have one
definition, here. A :class:`Context` is that fold, brought up to date event by event by its
trackers (:data:`TRACKERS`); the indicator engine keeps one while it reads a ledger, updated
before any indicator sees an event. Indicators read it through the reference accessors
(:class:`~hokatsu.indicators.accessors.Case` …) or their own functions; they never change it.
A :class:`~hokatsu.ledger.Ledger` keeps one too (:attr:`~hokatsu.ledger.Ledger.facts`): it checks
each event against this fold before the trackers bring it up to date, so that the ledger's rules,
:func:`hokatsu.cases.replay` and the indicators read the same facts. Later consumers (the
network, sharing and simulation layers) read it the same way.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Collection, Iterable
from collections.abc import Set as AbstractSet
from typing import Any, TypeVar

import attrs

from hokatsu.domain.fields import Field
from hokatsu.domain.households import HardCaseType, Issue, hard_case_type
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.events import (
    ActorJoined,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    AssessmentStage,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CaseReopened,
    ConsentChanged,
    ConsentGiven,
    ConsentOverridden,
    ConsentWithdrawn,
    Event,
    FollowUpDone,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    MeetingHeld,
    Outcome,
    PlanMade,
    PlanRole,
    ProgressReported,
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
)
from hokatsu.events.base import REF

__all__ = [
    "CASE_ATTRIBUTES",
    "CASE_EVENTS",
    "CONTEXT_ATTRIBUTES",
    "FACTS",
    "FRESH",
    "TRACKERS",
    "CaseInfo",
    "ConsentInfo",
    "Context",
    "FactKind",
    "ItemInfo",
    "MeasureInfo",
    "ReferralInfo",
    "SessionInfo",
    "covers_household",
    "several_fields",
]

_T = TypeVar("_T")

_ALL_FIELDS = tuple(Field)
_NO_IDS: frozenset[str] = frozenset()
# members read on every event of their kind: a module global is faster than the class attribute
_REQUESTED, _ACCEPTED = ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED
_INTAKE = AssessmentStage.INTAKE


def covers_household(roles: Iterable[PlanRole] | None, with_issues: Iterable[str]) -> bool:
    """Whether a plan addresses the household as a whole (indicator 2A4, 第4章 2.(3)).

    Args:
        roles: the latest plan's roles; None without a plan.
        with_issues: the members with an issue of their own.

    A household-wide role (one naming no member) does; so do roles for at least two members
    that cover every member with an issue of their own. A plan for one member supports that
    member only.

    Returns:
        Whether it does; False without a plan.

    Raises:
        InvalidValueError: *roles* or *with_issues* is of the wrong kind.

    Examples:
        >>> from hokatsu.facts import covers_household
        >>> from hokatsu.events import PlanRole
        >>> role = PlanRole(agency_id="himi-support", member_ids=frozenset({"a1"}))
        >>> covers_household([role], {"a1", "a2"}), covers_household(None, set())
        (False, False)
    """
    if roles is None:
        return False
    try:
        members: frozenset[str] | None = None
        for role in roles:
            named = role.member_ids
            if not named:
                return True
            members = named if members is None else members | named
        return members is not None and len(members) >= 2 and members.issuperset(with_issues)
    except (AttributeError, TypeError):  # checked only when it fails: it is on a hot path
        raise InvalidValueError("covers_household", "roles/with_issues", "values of the wrong "
                                "kind", "PlanRole objects (or None), and member ids") from None


def several_fields(agencies_with_fields: int, fields: int) -> bool:
    """Whether agencies of several fields handle a case (indicator 2A2): at least two involved
    agencies that cover a field, at least two fields between them.

    Args:
        agencies_with_fields: how many involved agencies cover a field.
        fields: how many fields they cover between them.

    Returns:
        Whether both are at least two.

    Raises:
        InvalidValueError: either is not a number.

    Examples:
        >>> from hokatsu.facts import several_fields
        >>> several_fields(2, 3), several_fields(1, 3)
        (True, False)
    """
    try:
        return agencies_with_fields >= 2 and fields >= 2
    except TypeError:
        raise InvalidValueError("several_fields", "agencies_with_fields/fields",
                                "values of the wrong kind", "two counts") from None


class CaseInfo:
    """What the engine knows of a case so far (read-only for indicators).

    Attributes:
        case_id: the case.
        area_id: its household's area.
        opened: the date it opened.
        intake: the date of its first intake, None before one.
        is_open: whether it is open.
        involved: agencies involved so far.
        multi_field: handled by at least two agencies that cover fields, at least two fields
            between them (2A2).
        whole_household: the latest plan addresses the household as a whole: a household-wide
            role, or roles for at least two members covering every member with an issue of
            their own (2A4).
        hard_type: the hard-case type ①–④ given the issues so far, None if none.
        discussed: discussed as an agenda item at a 推進会議 session.
        connected: connected to support after such a discussion (2O1), once.
        first_referral: the date of its first referral request.
        first_referral_id: the id of that request.
        plans: how many plans were made.
        opening: the event that opened it (household, route, receiving agency, prior
            agencies).
        issues: every issue so far: those known at opening, then those identified later.
        closed: the date of its latest closure, None while open.
        outcome: the outcome of that closure, None while open.
        reopened: how many times it was reopened.
        coordinators: the coordinators involved in any of its events.
        brought: involved agencies whose first part in the case a coordinator arranged: a
            role in a plan made with a coordinator, a seat at a conference held with one, or
            the acceptance of a referral one arranged (名張市's record, 第2章 5.(4)).

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> facts = Ledger(himi(), himi_fy2017()).facts
        >>> case = facts.case("case-a")
        >>> case.is_open, case.plans, [i.id for i in case.issues]
        (False, 1, ['care', 'withdrawal'])
    """

    # in the order the engine reads them: what every event and the month-end measures touch
    # first, close to the object's header, so that a case costs fewer cache lines
    __slots__ = (  # noqa: RUF023
        "stamp", "case_id", "multi_field", "whole_household", "hard_type", "involved",
        "_fields", "_with_fields", "plans", "first_referral", "first_referral_id", "intake",
        "is_open", "discussed", "connected", "opened", "area_id", "_issue_members", "_person",
        "_person_issues", "_no_fit", "_plan_roles", "opening", "issues", "closed", "outcome",
        "reopened", "coordinators", "brought",
    )

    def __init__(self, event: CaseOpened) -> None:
        household = event.household
        self.case_id = event.case_id
        self.area_id = household.area_id or ""
        self.opened = event.date
        self.intake: dt.date | None = None
        self.is_open = True
        self.involved: set[str] = set()
        self._fields = 0  # a bit per Field, see Context._masks
        self._with_fields = 0  # involved agencies that cover at least one field
        self.multi_field = False
        self.whole_household = False
        self.hard_type: HardCaseType | None = None
        self.discussed = False
        self.connected = False
        self.first_referral: dt.date | None = None
        self.first_referral_id: str | None = None
        self.plans = 0
        self.stamp: Any = None  # the last cell the engine noted the case in, see _codegen
        self._person = household.person_id
        # members with an issue of their own: a tuple (usually of one), smaller than a set
        self._issue_members: tuple[str, ...] = ()
        self._person_issues = 0
        self._no_fit = False
        self._plan_roles: tuple[PlanRole, ...] | None = None  # the latest plan's
        self.opening = event
        # the household's own tuple until an issue is identified: no copy per case
        self.issues: tuple[Issue, ...] = household.issues
        self.closed: dt.date | None = None
        self.outcome: Outcome | None = None
        self.reopened = 0
        # a case without coordinators or brought agencies (a quarter of them, a third) shares
        # one empty frozenset: a fold keeps every case, and each container it keeps makes the
        # collector's full passes come sooner
        self.coordinators: AbstractSet[str] = (
            _NO_IDS if event.coordinator_id is None else {event.coordinator_id})
        self.brought: AbstractSet[str] = _NO_IDS
        if household.issues:
            self._add_issues(household.issues)

    @property
    def fields(self) -> frozenset[Field]:
        """The fields covered by the agencies involved so far.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> sorted(f.value for f in facts.case("case-a").fields)
            ['children', 'disability', 'elderly', 'hardship', 'health']
        """
        return frozenset(f for i, f in enumerate(_ALL_FIELDS) if self._fields >> i & 1)

    @property
    def plan_roles(self) -> tuple[PlanRole, ...] | None:
        """The latest plan's roles, None before a plan.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> len(facts.case("case-a").plan_roles)
            2
        """
        return self._plan_roles

    @property
    def member_ids(self) -> frozenset[str]:
        """The ids of the household's members (as the case was opened).

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> sorted(facts.case("case-a").member_ids)
            ['a1', 'a2']
        """
        return frozenset(m.id for m in self.opening.household.members)

    def _add_coordinator(self, coordinator: str) -> None:
        if isinstance(self.coordinators, set):
            self.coordinators.add(coordinator)
        else:
            self.coordinators = {coordinator}

    def _add_brought(self, agency: str) -> None:
        if isinstance(self.brought, set):
            self.brought.add(agency)
        else:
            self.brought = {agency}

    def has_issue(self, issue_id: str) -> bool:
        """Whether an issue *issue_id* is known in the case.

        Args:
            issue_id: an issue id.

        Returns:
            Whether the case has such an issue (known at opening or identified since).

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> case = facts.case("case-a")
            >>> case.has_issue("care"), case.has_issue("debt")
            (True, False)
        """
        for issue in self.issues:  # noqa: SIM110  # a loop: no generator on the hot path
            if issue.id == issue_id:
                return True
        return False

    def _add_issues(self, issues: Iterable[Issue]) -> None:
        """Note *issues* of the household (at opening, or identified later): its hard-case
        type and whether the latest plan covers the household follow."""
        members, person = self._issue_members, self._person
        person_issues, no_fit = self._person_issues, self._no_fit
        for issue in issues:
            member = issue.member_id
            if member is not None and member not in members:
                members += (member,)
            if member is None or member == person:
                person_issues += 1
            if not issue.fits_existing_services:
                no_fit = True
        self._issue_members, self._person_issues, self._no_fit = members, person_issues, no_fit
        self.hard_type = hard_case_type(len(members) > 1, person_issues > 1, no_fit)
        if self._plan_roles is not None:
            self.whole_household = covers_household(self._plan_roles, members)


class ReferralInfo:
    """What the engine knows of a referral (read-only for indicators).

    Attributes:
        case_id: the case, from the request.
        to_agency_id: the receiving agency, from the request.
        coordinator_id: the coordinator who arranged it, from the request.
        requested: the request date.
        accepted: the acceptance date, None if not accepted.
        status: the current status.
        request: the request event.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> facts = Ledger(himi(), himi_fy2017()).facts
        >>> ref = facts.referral("ref-a1")
        >>> ref.case_id, ref.status.value, ref.accepted
        ('case-a', 'completed', datetime.date(2017, 5, 30))
    """

    __slots__ = ("_changes", "accepted", "case_id", "coordinator_id", "request", "requested",
                 "status", "to_agency_id")

    def __init__(self, event: ReferralRequested) -> None:
        self.case_id = event.case_id
        self.to_agency_id = event.to_agency_id
        self.coordinator_id = event.coordinator_id
        self.requested = event.date
        self.accepted: dt.date | None = None
        self.status = _REQUESTED
        self.request = event
        # the status changes themselves, not a tuple made per change: a fold keeps every
        # referral, and fewer containers mean fewer full passes of the garbage collector
        self._changes: list[ReferralTransition] = []

    @property
    def history(self) -> list[tuple[dt.date, ReferralStatus, str | None]]:
        """``(date, status, reason)`` for every status, the request first.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> [status.value for _, status, _ in facts.referral("ref-a1").history]
            ['requested', 'accepted', 'in_progress', 'completed']
        """
        return [(self.requested, _REQUESTED, None),
                *((e.date, e.status, e.reason) for e in self._changes)]

    @property
    def from_agency_id(self) -> str:
        """The sending agency, from the request.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.referral("ref-a1").from_agency_id
            'himi-support'
        """
        return self.request.from_agency_id


class SessionInfo:
    """A session as the engine knows it (read-only for indicators).

    Attributes:
        body_id: the body that met.
        area_id: the session area.
        date: the day it met.
        agency_ids: the agencies that attended.
        promotion: the body is (part of) the 推進会議.
        subcommittee: the body is a 部会 (part of another body).
        part: ``"subcommittee"`` for a 部会's session, ``"plenary"`` otherwise.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> facts = Ledger(himi(), himi_fy2017()).facts
        >>> session = facts.session("s-core-07")
        >>> session.body_id, session.promotion, session.part
        ('himi-core', True, 'plenary')
    """

    __slots__ = ("agency_ids", "area_id", "body_id", "date", "part", "promotion", "subcommittee")

    def __init__(self, body_id: str, area_id: str, date: dt.date, agency_ids: frozenset[str],
                 promotion: bool, subcommittee: bool) -> None:
        self.body_id = body_id
        self.area_id = area_id
        self.date = date
        self.agency_ids = agency_ids
        self.promotion = promotion
        self.subcommittee = subcommittee
        self.part = "subcommittee" if subcommittee else "plenary"


class ItemInfo:
    """An agenda item as the engine knows it (read-only for indicators).

    Attributes:
        body_id: the body that raised it.
        area_id: the session area that raised it.
        tier: the body's tier.
        promotion: the body is a 推進会議.
        case_id: the case it is about, None for a theme.
        theme: the theme it is about, None for a case.
        escalated_from: the lower item it came from.
        outcome: its latest outcome, None while open.
        concluded: the date of that outcome.
        escalated_to: ``(body id, session area id)`` of the higher body an escalation sends it
            to (第3章 3.(2)④), None unless escalated.
        session_id: the session that raised it.
        raised: the date it was raised.
        progress_reports: progress reports made on it while it continued.
        taken_up_as: the higher body's item that took it up after an escalation.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> facts = Ledger(himi(), himi_fy2017()).facts
        >>> item = facts.item("item-a1")
        >>> item.body_id, item.tier, item.escalated_to
        ('himi-district', 3, ('himi-block', 'himi-b1'))
    """

    __slots__ = ("area_id", "body_id", "case_id", "concluded", "escalated_from", "escalated_to",
                 "outcome", "progress_reports", "promotion", "raised", "session_id", "taken_up_as",
                 "theme", "tier")

    def __init__(self, event: AgendaItemRaised, session: SessionInfo, tier: int) -> None:
        self.body_id = session.body_id
        self.area_id = session.area_id
        self.tier = tier
        self.promotion = session.promotion
        self.case_id = event.case_id
        self.theme = event.theme
        self.escalated_from = event.escalated_from
        self.outcome: ItemOutcome | None = None
        self.concluded: dt.date | None = None
        self.escalated_to: tuple[str, str] | None = None
        self.session_id = event.session_id
        self.raised = event.date
        self.progress_reports = 0
        self.taken_up_as: str | None = None

    @property
    def state(self) -> str:
        """``"open"``, ``"continued"``, ``"settled"`` or ``"escalated"``, from its outcome.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.item("item-a1").state, facts.item("theme-1").state
            ('escalated', 'settled')
        """
        outcome = self.outcome
        if outcome is None:
            return "open"
        if outcome is ItemOutcome.CONTINUED:
            return "continued"
        return "escalated" if outcome is ItemOutcome.ESCALATED else "settled"


class MeasureInfo:
    """A system or information-sharing measure (4A1/4O1, 4A4/4O3).

    Attributes:
        domain: what it improves.
        area_id: the area it was started in.
        completed: whether it was completed.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> facts = Ledger(himi(), himi_fy2017()).facts
        >>> measure = facts.measures["m-sheet"]
        >>> measure.domain.value, measure.completed
        ('information_sharing', True)
    """

    __slots__ = ("area_id", "completed", "domain")

    def __init__(self, event: MeasureStarted) -> None:
        self.domain = event.domain
        self.area_id = event.area_id
        self.completed = False


class ConsentInfo:
    """A consent about a case, with every version it has had (read-only for consumers).

    Attributes:
        consent_id: the consent.
        case_id: the case it is about.
        given: the date it was given.
        member_id: the member who consented, None for the case's person.
        represented: it was given by a representative on the member's behalf.
        versions: ``(from date, order, provision)`` for each version in date order, the
            provision None from a withdrawal on; *order* counts the consent events of the
            whole fold, so that the latest of two versions of the same day is known.
        withdrawn: the date it was withdrawn, None while in force.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.events import ConsentGiven, Provision
        >>> from hokatsu.facts import ConsentInfo
        >>> given = ConsentGiven(id="e1", date=dt.date(2017, 6, 1), case_id="case-a",
        ...                      consent_id="c1", provision=Provision())
        >>> ConsentInfo(given, 0)
        <ConsentInfo 'c1' of case 'case-a': 1 versions, in force>
    """

    __slots__ = ("case_id", "consent_id", "given", "member_id", "represented", "versions",
                 "withdrawn")

    def __init__(self, event: ConsentGiven, order: int) -> None:
        self.consent_id = event.consent_id
        self.case_id = event.case_id
        self.given = event.date
        self.member_id = event.member_id
        self.represented = event.representative is not None
        self.versions: list[tuple[dt.date, int, Provision | None]] = [
            (event.date, order, event.provision)]
        self.withdrawn: dt.date | None = None

    def __repr__(self) -> str:
        # no provisions: they say what the person allowed
        state = "in force" if self.withdrawn is None else f"withdrawn {self.withdrawn}"
        return (f"<ConsentInfo {self.consent_id!r} of case {self.case_id!r}: "
                f"{len(self.versions)} versions, {state}>")

    def at(self, date: dt.date) -> tuple[int, Provision] | None:
        """``(order, provision)`` of the version in force on *date*, None before the consent
        was given or once withdrawn.

        Args:
            date: the day.

        Returns:
            The version's order and provision, or None.

        Raises:
            InvalidValueError: *date* is not a date.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import ConsentGiven, Provision
            >>> from hokatsu.facts import ConsentInfo
            >>> given = ConsentGiven(id="e1", date=dt.date(2017, 6, 1), case_id="case-a",
            ...                      consent_id="c1", provision=Provision())
            >>> consent = ConsentInfo(given, 0)
            >>> consent.at(dt.date(2017, 5, 31)) is None, consent.at(dt.date(2017, 6, 1))[0]
            (True, 0)
        """
        if type(date) is not dt.date:
            raise InvalidValueError("ConsentInfo.at", "date", date, "a datetime.date")
        found = None
        for start, order, provision in self.versions:
            if start > date:
                break
            found = (order, provision)
        if found is None or found[1] is None:
            return None
        return found  # type: ignore[return-value]


class Context:
    """The engine's running knowledge of cases, referrals, sessions, items and measures.

    Args:
        directory: the municipality.

    Attributes:
        directory: the municipality.
        cases: the cases so far, by id (:class:`CaseInfo`).
        referrals: the referrals so far, by id (:class:`ReferralInfo`).
        sessions: the meeting sessions held so far, by id (:class:`SessionInfo`).
        items: the agenda items raised so far, by id (:class:`ItemInfo`).
        measures: the measures started so far, by id (:class:`MeasureInfo`).
        resources: the ids of the resources created so far.
        joined: the date each agency joined the comprehensive system: the directory's
            ``joined`` dates, then the agencies that joined since (第4章 2.(3)-3).
        hard_agencies: the agencies that ever worked on a hard case (2O2).
        fresh_hard_agencies: agencies that the current event brought into a hard case for the
            first time ever (2O2), empty otherwise.
        fresh_connection: the case the current event connected to support after a 推進会議
            discussion for the first time (2O1), None otherwise.
        consents: every consent given so far, by id (:class:`ConsentInfo`).
        case_consents: the consents about each case, by case id, in the order given.
        overrides: the emergency overrides of each case
            (:class:`~hokatsu.events.sharing.ConsentOverridden`), by case id, in date order.

    Raises:
        InvalidValueError: *directory* is not a Municipality.

    Examples:
        >>> from hokatsu.facts import Context
        >>> from hokatsu.reference import himi
        >>> Context(himi())
        <Context 氷見市: 0 cases, 0 referrals, 0 sessions, 0 items>
    """

    def __init__(self, directory: Municipality) -> None:
        if not isinstance(directory, Municipality):
            raise InvalidValueError("Context", "directory", type(directory).__name__,
                                    "a Municipality")
        self.directory = directory
        # each agency's fields as a bit mask, so that a case's fields are a cheap union
        self._masks: dict[str, int] = {a.id: sum(1 << _ALL_FIELDS.index(f) for f in a.fields)
                                       for a in directory.agencies}
        self._tier: dict[str, int] = {b.id: b.tier for b in directory.bodies}
        self._promotion = _promotion_bodies(directory)
        self._subcommittee = frozenset(b.id for b in directory.bodies if b.part_of is not None)
        self._fresh()

    def _take(self, events: Iterable[Event], until: dt.date | None = None) -> None:
        """Bring the fold up to date with *events* (in ledger order, already validated), up to
        the last one dated on or before *until*: each through its tracker (:data:`TRACKERS`)."""
        tracks = TRACKERS
        for event in events:
            if until is not None and event.date > until:
                break
            track = tracks.get(type(event))
            if track is not None:
                track(self, event)

    def _scratch(self, *, share_measures: bool = True) -> Context:
        """An empty fold reading this one's directory look-ups and sharing its sessions,
        resources and joins (and, unless told not to, its measures), for the ledger to fold one
        history again (a late event's, a correction's): the trackers of those histories never
        write what is shared."""
        scratch = type(self).__new__(type(self))
        scratch.directory = self.directory
        scratch._masks, scratch._tier = self._masks, self._tier
        scratch._promotion, scratch._subcommittee = self._promotion, self._subcommittee
        scratch._fresh()
        scratch.sessions, scratch.resources, scratch.joined = (
            self.sessions, self.resources, self.joined)
        if share_measures:
            scratch.measures = self.measures
        scratch._escalation = self._escalation
        scratch._consent_order = self._consent_order
        return scratch

    def _keep_objects(self, old: Context,
                      made: Context | None = None) -> list[tuple[Any, tuple[Any, ...]]]:
        """Hold this fold's facts in *old*'s objects where both know the same case, referral,
        session, item, measure or consent: each such object of *old* takes this fold's state
        and takes its place here, so that whatever holds it (the indicator engine's cells of
        earlier months) finds the same object. *made*: the fold that made the objects this one
        holds that are not *old*'s (by default, this one: every object is looked at). Returns
        what :func:`_put_back` needs to give *old*'s objects their state again."""
        saved: list[tuple[Any, tuple[Any, ...]]] = []
        for name in _OBJECT_INDEXES:
            mine, theirs = getattr(self, name), getattr(old, name)
            for key, obj in list(getattr(made or self, name).items()):
                kept = theirs.get(key)
                if kept is None or kept is obj:
                    continue
                slots = type(obj).__slots__
                saved.append((kept, tuple(getattr(kept, slot, _UNSET) for slot in slots)))
                for slot in slots:
                    value = getattr(obj, slot, _UNSET)
                    if value is not _UNSET:
                        setattr(kept, slot, value)
                mine[key] = kept
        for consents in (made or self).case_consents.values():
            consents[:] = [self.consents[c.consent_id] for c in consents]
        return saved

    def __repr__(self) -> str:
        # counts, not contents: cases hold households (personal data)
        name = "" if self.directory is None else f" {self.directory.name}"
        return (f"<Context{name}: {len(self.cases):,} cases, {len(self.referrals):,} referrals, "
                f"{len(self.sessions):,} sessions, {len(self.items):,} items>")

    @classmethod
    def without_directory(cls) -> Context:
        """A fold of events with no directory to read (replay of a plain list of events).

        The facts that need the directory — the fields of agencies (and so ``fields``,
        ``multi_field``), bodies' tiers, which bodies are the 推進会議 — read as unknown (no
        fields, tier 0, not the 推進会議); every other fact is as with a directory.

        Returns:
            An empty fold, without a directory.

        Examples:
            >>> from hokatsu.facts import Context
            >>> Context.without_directory().directory is None
            True
        """
        self = cls.__new__(cls)
        self.directory = None  # type: ignore[assignment]
        self._masks = collections.defaultdict(int)
        self._tier = collections.defaultdict(int)
        self._promotion = frozenset()
        self._subcommittee = frozenset()
        self._fresh()
        return self

    def _fresh(self) -> None:
        """Start with nothing known."""
        self.cases: dict[str, CaseInfo] = {}
        self.referrals: dict[str, ReferralInfo] = {}
        self.sessions: dict[str, SessionInfo] = {}
        self.items: dict[str, ItemInfo] = {}
        self.measures: dict[str, MeasureInfo] = {}
        self.resources: set[str] = set()
        self.joined: dict[str, dt.date] = {} if self.directory is None else {
            a.id: a.joined for a in self.directory.agencies if a.joined is not None}
        self.hard_agencies: set[str] = set()
        self.fresh_hard_agencies: tuple[str, ...] = ()
        self.fresh_connection: str | None = None
        self._escalation: dict[tuple[str, str], tuple[str, str] | None] = {}
        self.consents: dict[str, ConsentInfo] = {}
        self.case_consents: dict[str, list[ConsentInfo]] = {}
        self.overrides: dict[str, list[ConsentOverridden]] = {}
        self._consent_order = 0

    def _take_copy(self, other: Context) -> None:
        """Know what *other* knows: its indexes copied, the objects in them shared. The
        containers stay this fold's own (code generated for it holds them)."""
        for name in _OBJECT_INDEXES:
            index = getattr(self, name)
            index.clear()
            index.update(getattr(other, name))
        self.case_consents.clear()
        self.case_consents.update((case, list(c)) for case, c in other.case_consents.items())
        self.overrides.clear()
        self.overrides.update((case, list(o)) for case, o in other.overrides.items())
        for name in ("resources", "joined", "hard_agencies"):
            container = getattr(self, name)
            container.clear()
            container.update(getattr(other, name))
        self._consent_order = other._consent_order
        self.fresh_hard_agencies, self.fresh_connection = (), None

    # -- look-ups for indicator functions --------------------------------------------------

    def case(self, case_id: str) -> CaseInfo:
        """The case *case_id* as known so far.

        Args:
            case_id: the case's id.

        Returns:
            What the fold knows of the case.

        Raises:
            UnknownReferenceError: no event opened such a case.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.case("case-b").area_id
            'himi-d08'
        """
        return _get(self.cases, case_id, "cases")

    def referral(self, referral_id: str) -> ReferralInfo:
        """The referral *referral_id* as known so far.

        Args:
            referral_id: the referral's id.

        Returns:
            What the fold knows of the referral.

        Raises:
            UnknownReferenceError: no event requested such a referral.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.referral("ref-b1").to_agency_id
            'himi-school'
        """
        return _get(self.referrals, referral_id, "referrals")

    def session(self, session_id: str) -> SessionInfo:
        """The session *session_id*.

        Args:
            session_id: the session's id.

        Returns:
            What the fold knows of the session.

        Raises:
            UnknownReferenceError: no event held such a session.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.session("s-core-07").date.isoformat()
            '2017-07-18'
        """
        return _get(self.sessions, session_id, "sessions")

    def item(self, item_id: str) -> ItemInfo:
        """The agenda item *item_id* as known so far.

        Args:
            item_id: the agenda item's id.

        Returns:
            What the fold knows of the item.

        Raises:
            UnknownReferenceError: no event raised such an item.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.item("theme-1").theme is not None
            True
        """
        return _get(self.items, item_id, "items")

    def measure_domain(self, measure_id: str) -> MeasureDomain:
        """The domain (system or information sharing) of measure *measure_id*.

        Args:
            measure_id: the measure's id.

        Returns:
            The measure's domain.

        Raises:
            UnknownReferenceError: no event started such a measure.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.measure_domain("m-sheet").value
            'information_sharing'
        """
        return _get(self.measures, measure_id, "measures").domain

    def escalation_target(self, body_id: str, area_id: str) -> tuple[str, str] | None:
        """Where an item of *body_id*'s session in *area_id* goes when escalated: ``(body id,
        session area id)`` of the body it escalates to, None at the top of the chain (or
        without a directory). See
        :meth:`~hokatsu.domain.municipality.Municipality.escalation_target`.

        Args:
            body_id: the body whose session raised the item.
            area_id: the session's area.

        Returns:
            The body and session area escalated to, or None.

        Raises:
            InvalidValueError: *body_id* or *area_id* is of the wrong kind.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.escalation_target("himi-district", "himi-d03")
            ('himi-block', 'himi-b1')
            >>> facts.escalation_target("himi-core", "himi") is None
            False
        """
        key = (body_id, area_id)
        try:
            return self._escalation[key]
        except KeyError:
            pass
        except TypeError:
            raise InvalidValueError("Context.escalation_target", "body_id/area_id",
                                    "values of the wrong kind", "a body id and an area id "
                                    "(strings)") from None
        target = None if self.directory is None else self.directory.escalation_target(*key)
        self._escalation[key] = target
        return target

    def lookup(self, kind: str, event: Event, key: str) -> Any:
        """The object of *kind* (``"case"``, ``"referral"``, ``"item"``, ``"session"``) that
        *event*'s attribute *key* refers to, as known so far; None when that attribute is None.

        The case of a case event, or of the referral a referral event changes, is its case
        (*key* ``"case_id"``). This is what the reference accessors
        (:class:`~hokatsu.indicators.accessors.Case` …) read.

        Args:
            kind: the kind of object.
            event: the event referring to it.
            key: the event's attribute holding the reference.

        Returns:
            The object (a :class:`CaseInfo`, :class:`ReferralInfo`, :class:`ItemInfo` or
            :class:`SessionInfo`), or None.

        Raises:
            UnknownReferenceError: an unknown kind, or an object the events never created.
            InvalidValueError: *event* is not an event, or *key* is not an attribute of it naming
                an object of *kind*.

        Examples:
            >>> from hokatsu.events import AgendaItemRaised
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> raised = next(e for e in ledger.events if isinstance(e, AgendaItemRaised))
            >>> ledger.facts.lookup("item", raised, "item_id").session_id == raised.session_id
            True
        """
        fact = FACTS.get(kind) if type(kind) is str else None
        if fact is None:
            raise UnknownReferenceError("Context.lookup", "kind", kind, FACTS)
        if not isinstance(event, Event):
            raise InvalidValueError("Context.lookup", "event", type(event).__name__, "an event")
        if type(key) is not str or not fact.refers(type(event), key):
            raise InvalidValueError("Context.lookup", "key", key,
                                    f"an attribute of {type(event).__name__} naming a {kind}")
        if fact.via_tracker(type(event), key):
            if isinstance(event, ReferralTransition):
                return self.case(self.referral(event.referral_id).case_id)
            return self.case(event.case_id)  # type: ignore[attr-defined]
        ident = getattr(event, key, None)
        return None if ident is None else _get(getattr(self, fact.index), ident, fact.index)

    def is_promotion_body(self, body_id: str) -> bool:
        """Whether *body_id* is (part of) the 相談支援包括化推進会議.

        Args:
            body_id: a body id.

        Returns:
            Whether it is; False for an unknown body or without a directory.

        Raises:
            InvalidValueError: *body_id* is not a string.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> facts = Ledger(himi(), himi_fy2017()).facts
            >>> facts.is_promotion_body("himi-core"), facts.is_promotion_body("himi-district")
            (True, False)
        """
        if type(body_id) is not str:
            raise InvalidValueError("Context.is_promotion_body", "body_id",
                                    type(body_id).__name__, "a body id (a string)")
        return body_id in self._promotion

    # -- trackers ---------------------------------------------------------------------------

    def _involve_one(self, case: CaseInfo, agency: str, via: bool = False) -> None:
        """_involve for a single agency, the common case, without building collections."""
        if agency not in case.involved:
            case.involved.add(agency)
            if via:
                case._add_brought(agency)
            mask = self._masks[agency]
            if mask:
                case._fields |= mask
                case._with_fields += 1
            case.multi_field = several_fields(case._with_fields, case._fields.bit_count())
        if case.hard_type is not None and agency not in self.hard_agencies:
            self.hard_agencies.add(agency)
            self.fresh_hard_agencies = (agency,)

    def _involve(self, case: CaseInfo, agencies: Collection[str], via: bool) -> None:
        """Note *agencies* taking part in *case*; *via*: a coordinator arranged it."""
        involved = case.involved
        changed = False
        for a in agencies:
            if a not in involved:
                involved.add(a)
                if via:
                    case._add_brought(a)
                mask = self._masks[a]
                if mask:
                    case._fields |= mask
                    case._with_fields += 1
                changed = True
        if changed:
            case.multi_field = several_fields(case._with_fields, case._fields.bit_count())
        if case.hard_type is not None:
            self._note_hard(agencies)

    def _note_hard(self, agencies: Collection[str]) -> None:
        """*agencies* work on a hard case: those that never did before are fresh (2O2)."""
        hard = self.hard_agencies
        if not hard.issuperset(agencies):  # soon the usual case: all of them did
            fresh = [a for a in agencies if a not in hard]
            hard.update(fresh)
            self.fresh_hard_agencies = tuple(dict.fromkeys(fresh))

    def _recount_hard(self) -> None:
        """Count the agencies that ever worked on a hard case again, from the cases: a case
        once hard stays hard and its agencies only grow, so they are every agency involved in
        a hard case (2O2). For a fold whose cases were taken back (a correction, a rewind)."""
        hard = self.hard_agencies
        hard.clear()
        hard.update(a for case in self.cases.values() if case.hard_type is not None
                    for a in case.involved)

    def _opened(self, e: CaseOpened) -> CaseInfo:
        self.fresh_hard_agencies = ()
        case = self.cases[e.case_id] = CaseInfo(e)
        agency = e.agency_id  # _involve_one for a case with no agency yet: one field at most
        case.involved.add(agency)
        mask = self._masks[agency]
        if mask:
            case._fields = mask
            case._with_fields = 1
        if case.hard_type is not None and agency not in self.hard_agencies:
            self.hard_agencies.add(agency)
            self.fresh_hard_agencies = (agency,)
        return case

    def _issue(self, e: IssueIdentified) -> CaseInfo:
        self.fresh_hard_agencies = ()
        case = self.cases[e.case_id]
        case.issues += (e.issue,)
        was_hard = case.hard_type is not None
        case._add_issues((e.issue,))
        if not was_hard and case.hard_type is not None:
            self._note_hard(sorted(case.involved))  # all its agencies now work on a hard case
        return case

    def _assessed(self, e: AssessmentRecorded) -> CaseInfo:
        case = self.cases[e.case_id]
        if case.intake is None and e.stage is _INTAKE:
            case.intake = e.date
        if e.coordinator_id is not None:
            case._add_coordinator(e.coordinator_id)
        self.fresh_hard_agencies = ()
        agency = e.agency_id
        # an agency already involved, and already counted if the case is hard, changes
        # nothing: the common case, without a call
        if agency not in case.involved or (
            case.hard_type is not None and agency not in self.hard_agencies
        ):
            self._involve_one(case, agency)
        return case

    def _plan(self, e: PlanMade) -> CaseInfo:
        self.fresh_hard_agencies = ()
        case = self.cases[e.case_id]
        case.plans += 1
        case._plan_roles = roles = e.roles
        case.whole_household = covers_household(roles, case._issue_members)
        via = e.coordinator_id is not None
        if via:
            case._add_coordinator(e.coordinator_id)  # type: ignore[arg-type]
        self._involve(case, [role.agency_id for role in roles], via)
        return case

    def _conference(self, e: CaseConferenceHeld) -> CaseInfo:
        self.fresh_hard_agencies = ()
        case = self.cases[e.case_id]
        via = e.coordinator_id is not None
        if via:
            case._add_coordinator(e.coordinator_id)  # type: ignore[arg-type]
        self._involve(case, sorted(e.agency_ids), via)
        return case

    def _follow_up(self, e: FollowUpDone) -> CaseInfo:
        self.fresh_hard_agencies = ()
        case = self.cases[e.case_id]
        if e.coordinator_id is not None:
            case._add_coordinator(e.coordinator_id)
        self._involve_one(case, e.agency_id)
        return case

    def _closed(self, e: CaseClosed) -> CaseInfo:
        case = self.cases[e.case_id]
        case.is_open = False
        case.closed = e.date
        case.outcome = e.outcome
        return case

    def _reopened(self, e: CaseReopened) -> CaseInfo:
        case = self.cases[e.case_id]
        case.is_open = True
        case.closed = case.outcome = None
        case.reopened += 1
        return case

    def _requested(self, e: ReferralRequested) -> CaseInfo:
        rid = e.referral_id
        self.referrals[rid] = ReferralInfo(e)
        case = self.cases[e.case_id]
        if case.first_referral is None:
            case.first_referral = e.date
            case.first_referral_id = rid
        if e.coordinator_id is not None:
            case._add_coordinator(e.coordinator_id)
        return case

    def _accepted(self, e: ReferralAccepted) -> CaseInfo:
        self.fresh_hard_agencies = ()
        self.fresh_connection = None
        ref = self.referrals[e.referral_id]
        ref.accepted = e.date
        ref.status = _ACCEPTED
        ref._changes.append(e)
        case = self.cases[ref.case_id]
        if case.discussed and not case.connected:
            case.connected = True
            self.fresh_connection = case.case_id
        agency = ref.to_agency_id
        if agency not in case.involved or (  # as in _assessed
            case.hard_type is not None and agency not in self.hard_agencies
        ):
            self._involve_one(case, agency, ref.coordinator_id is not None)
        return case

    def _transition(self, e: ReferralTransition) -> CaseInfo:
        ref = self.referrals[e.referral_id]
        ref.status = e.status
        ref._changes.append(e)
        return self.cases[ref.case_id]

    def _session(self, e: MeetingHeld) -> None:
        self.sessions[e.session_id] = SessionInfo(
            e.body_id, e.area_id, e.date, e.agency_ids, e.body_id in self._promotion,
            e.body_id in self._subcommittee,
        )

    def _raised(self, e: AgendaItemRaised) -> None:
        session = self.sessions[e.session_id]
        self.items[e.item_id] = ItemInfo(e, session, self._tier[session.body_id])
        if e.escalated_from is not None:
            self.items[e.escalated_from].taken_up_as = e.item_id
        if e.case_id is not None and session.promotion:
            case = self.cases[e.case_id]
            if not case.discussed:
                case.discussed = True

    def _concluded(self, e: AgendaItemConcluded) -> None:
        item = self.items[e.item_id]
        item.outcome = e.outcome
        item.concluded = e.date
        if e.outcome is ItemOutcome.ESCALATED:
            item.escalated_to = self.escalation_target(item.body_id, item.area_id)

    def _progress(self, e: ProgressReported) -> None:
        self.items[e.item_id].progress_reports += 1

    def _measure(self, e: MeasureStarted) -> None:
        self.measures[e.measure_id] = MeasureInfo(e)

    def _measure_completed(self, e: MeasureCompleted) -> None:
        self.measures[e.measure_id].completed = True

    def _resource(self, e: ResourceCreated) -> None:
        self.resources.add(e.resource_id)

    def _joined(self, e: ActorJoined) -> None:
        self.joined[e.agency_id] = e.date

    def _consent_given(self, e: ConsentGiven) -> None:
        self._consent_order += 1
        consent = self.consents[e.consent_id] = ConsentInfo(e, self._consent_order)
        self.case_consents.setdefault(e.case_id, []).append(consent)

    def _consent_changed(self, e: ConsentChanged) -> None:
        self._consent_order += 1
        self.consents[e.consent_id].versions.append((e.date, self._consent_order, e.provision))

    def _consent_withdrawn(self, e: ConsentWithdrawn) -> None:
        self._consent_order += 1
        consent = self.consents[e.consent_id]
        consent.versions.append((e.date, self._consent_order, None))
        consent.withdrawn = e.date

    def _overridden(self, e: ConsentOverridden) -> None:
        self.overrides.setdefault(e.case_id, []).append(e)


#: The indexes of the fold whose objects consumers may hold (see Context._keep_objects).
_OBJECT_INDEXES = ("cases", "referrals", "sessions", "items", "measures", "consents")
_UNSET = object()


def _put_back(saved: list[tuple[Any, tuple[Any, ...]]]) -> None:
    """Give the objects :meth:`Context._keep_objects` changed their state again."""
    for obj, values in saved:
        for slot, value in zip(type(obj).__slots__, values, strict=True):
            if value is _UNSET:
                if hasattr(obj, slot):
                    delattr(obj, slot)
            else:
                setattr(obj, slot, value)


#: The attributes of CaseInfo an indicator may read (``CaseAttr``).
CASE_ATTRIBUTES = frozenset({
    "case_id", "area_id", "opened", "intake", "is_open", "involved", "fields", "multi_field",
    "whole_household", "hard_type", "discussed", "connected", "first_referral",
    "first_referral_id", "plans", "opening", "issues", "closed", "outcome", "reopened",
    "coordinators", "brought",
})


#: The attributes of Context an indicator may read (``CtxAttr``).
CONTEXT_ATTRIBUTES = frozenset({
    "cases", "referrals", "sessions", "items", "measures", "resources", "joined",
    "hard_agencies", "fresh_hard_agencies", "fresh_connection", "consents", "case_consents",
    "overrides",
})


#: The events of a case, directly or through its referral. Their trackers return the case's
#: CaseInfo, and the engine visits the case for the per-case measures on each of them.
CASE_EVENTS: tuple[type[Event], ...] = (
    CaseOpened, IssueIdentified, AssessmentRecorded, PlanMade, CaseConferenceHeld, FollowUpDone,
    CaseClosed, CaseReopened, ReferralRequested, ReferralTransition,
)

#: The context's "fresh" attributes and the event classes whose trackers set them; on any other
#: event they still hold what an earlier event left.
FRESH: dict[str, tuple[type[Event], ...]] = {
    "fresh_hard_agencies": (CaseOpened, IssueIdentified, AssessmentRecorded, PlanMade,
                            CaseConferenceHeld, FollowUpDone, ReferralAccepted),
    "fresh_connection": (ReferralAccepted,),
}


@attrs.frozen
class FactKind:
    """A kind of object the context knows, as the reference accessors reach it.

    Args:
        name: ``"case"``, ``"referral"``, ``"item"`` or ``"session"``.
        cls: the class of the objects.
        attributes: the attributes an indicator may read.
        index: the :class:`Context` attribute holding the objects by id.

    Examples:
        >>> from hokatsu.facts import FACTS
        >>> FACTS["referral"].index, "history" in FACTS["referral"].attributes
        ('referrals', True)
    """

    name: str
    cls: type
    attributes: frozenset[str]
    index: str

    def via_tracker(self, event_cls: type[Event], key: str) -> bool:
        """Whether events of *event_cls* reach the object through their tracker: the case
        of a case event (or of a referral event's referral).

        Args:
            event_cls: an event class.
            key: the attribute holding the reference.

        Returns:
            True for the case of a case or referral event read through ``case_id``.

        Examples:
            >>> from hokatsu.facts import FACTS
            >>> from hokatsu.events import PlanMade, TrainingHeld
            >>> case = FACTS["case"]
            >>> case.via_tracker(PlanMade, "case_id")
            True
            >>> case.via_tracker(TrainingHeld, "case_id")
            False
        """
        return self.name == "case" and key == "case_id" and isinstance(event_cls, type) \
            and issubclass(event_cls, CASE_EVENTS)

    def refers(self, event_cls: type[Event], key: str) -> bool:
        """Whether events of *event_cls* refer to such an object through their field *key*, as
        the field declares (:func:`hokatsu.events.base.ref`), or through their tracker.

        Args:
            event_cls: an event class.
            key: one of its fields.

        Returns:
            Whether *key* holds a reference to an object of this kind.

        Raises:
            InvalidValueError: *event_cls* is not an event class, or *key* not a string.

        Examples:
            >>> from hokatsu.facts import FACTS
            >>> from hokatsu.events import AgendaItemRaised
            >>> FACTS["item"].refers(AgendaItemRaised, "escalated_from")
            True
            >>> FACTS["item"].refers(AgendaItemRaised, "theme")
            False
        """
        _event_class("FactKind.refers", event_cls, key)
        if self.via_tracker(event_cls, key):
            return True
        field = attrs.fields_dict(event_cls).get(key)
        declared = None if field is None else field.metadata.get(REF)
        return declared is not None and declared.kind == self.name

    def optional(self, event_cls: type[Event], key: str) -> bool:
        """Whether the reference may be None (an optional id such as ``case_id`` of an
        agenda item).

        Args:
            event_cls: an event class.
            key: one of its fields.

        Returns:
            Whether the field defaults to None.

        Raises:
            InvalidValueError: *event_cls* is not an event class, or *key* not a string.

        Examples:
            >>> from hokatsu.facts import FACTS
            >>> from hokatsu.events import AgendaItemRaised
            >>> FACTS["item"].optional(AgendaItemRaised, "escalated_from")
            True
            >>> FACTS["session"].optional(AgendaItemRaised, "session_id")
            False
        """
        _event_class("FactKind.optional", event_cls, key)
        if self.via_tracker(event_cls, key):
            return False
        field = attrs.fields_dict(event_cls).get(key)
        return field is not None and field.default is None


def _event_class(obj: str, value: object, key: object) -> None:
    if not (isinstance(value, type) and issubclass(value, Event)):
        raise InvalidValueError(obj, "event_cls", getattr(value, "__name__", type(value).__name__),
                                "an event class")
    if type(key) is not str:
        raise InvalidValueError(obj, "key", type(key).__name__, "an attribute name")


#: The kinds of objects reference accessors reach, by name.
FACTS: dict[str, FactKind] = {
    "case": FactKind(name="case", cls=CaseInfo, attributes=CASE_ATTRIBUTES, index="cases"),
    "referral": FactKind(name="referral", cls=ReferralInfo, index="referrals", attributes=(
        frozenset(ReferralInfo.__slots__) - {"_changes"} | {"history"})),
    "item": FactKind(name="item", cls=ItemInfo, index="items",
                     attributes=frozenset(ItemInfo.__slots__)),
    "session": FactKind(name="session", cls=SessionInfo, index="sessions",
                        attributes=frozenset(SessionInfo.__slots__)),
}


def _promotion_bodies(directory: Municipality) -> frozenset[str]:
    """Bodies that are the 推進会議 or part of one (a 部会 of a promotion 全体会)."""
    bodies = {b.id: b for b in directory.bodies}
    out = set()
    for body in directory.bodies:
        node: Any = body
        while node is not None:
            if node.promotion:
                out.add(body.id)
                break
            node = bodies.get(node.part_of) if node.part_of is not None else None
    return frozenset(out)


def _get(index: dict[str, _T], key: str, field: str) -> _T:
    try:
        return index[key]
    except (KeyError, TypeError):
        raise UnknownReferenceError("Context", field, key, index) from None


#: The trackers, by event class, saying how each event updates the context.
TRACKERS: dict[type[Event], Any] = {
    CaseOpened: Context._opened,
    IssueIdentified: Context._issue,
    AssessmentRecorded: Context._assessed,
    PlanMade: Context._plan,
    CaseConferenceHeld: Context._conference,
    FollowUpDone: Context._follow_up,
    CaseClosed: Context._closed,
    CaseReopened: Context._reopened,
    ReferralRequested: Context._requested,
    ReferralAccepted: Context._accepted,
    ReferralRejected: Context._transition,
    ReferralCancelled: Context._transition,
    ReferralStarted: Context._transition,
    ReferralPutOnHold: Context._transition,
    ReferralResumed: Context._transition,
    ReferralCompleted: Context._transition,
    ReferralFailed: Context._transition,
    MeetingHeld: Context._session,
    AgendaItemRaised: Context._raised,
    AgendaItemConcluded: Context._concluded,
    ProgressReported: Context._progress,
    MeasureStarted: Context._measure,
    MeasureCompleted: Context._measure_completed,
    ResourceCreated: Context._resource,
    ActorJoined: Context._joined,
    ConsentGiven: Context._consent_given,
    ConsentChanged: Context._consent_changed,
    ConsentWithdrawn: Context._consent_withdrawn,
    ConsentOverridden: Context._overridden,
}
