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
from hokatsu.domain.fields import Field
from hokatsu.domain.households import HardCaseType, Household, Issue, Typology, typology
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError, LedgerError
from hokatsu.events import (
    AgendaItemRaised,
    AssessmentRecorded,
    CaseConferenceHeld,
    CaseOpened,
    Event,
    FollowUpDone,
    ItemOutcome,
    Outcome,
    PlanMade,
    ReferralRequested,
    ReferralStatus,
    Route,
)
from hokatsu.facts import TRACKERS, Context, covers_household, several_fields
from hokatsu.ledger import READABLE_VIEW, Ledger

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


def _statuses(history: Any) -> str:
    try:
        return "<" + " → ".join(entry[1].value for entry in history) + ">"
    except Exception:  # an unvalidated state: say nothing rather than fail
        return "<redacted>"


@attrs.frozen(kw_only=True)
class ReferralState:
    """A referral (つなぎ) and its history.

    Its repr shows the statuses of the history, not the reasons (free text).

    Args:
        referral_id: the referral.
        case_id: its case.
        from_agency_id: the agency that asked.
        to_agency_id: the agency asked.
        service_id: the service asked for, if named.
        member_id: the member it is for, None for the household.
        issue_id: the issue it addresses, if named.
        coordinator_id: the coordinator who arranged it, if any.
        history: ``(date, status, reason)`` for every status, the request first.

    Raises:
        InvalidValueError: a field of the wrong kind, or an empty history.

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> state.referrals["ref-b1"]  # doctest: +NORMALIZE_WHITESPACE
        ReferralState(referral_id='ref-b1', case_id='case-b', from_agency_id='himi-cgsc',
            to_agency_id='himi-school', service_id=None, member_id='b3', issue_id=None,
            coordinator_id='himi-csw2', history=<requested → rejected>)
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
        """The current status.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.referrals["ref-c1"].status
            <ReferralStatus.IN_PROGRESS: 'in_progress'>
        """
        return self.history[-1][1]

    @property
    def requested(self) -> dt.date:
        """The date of the request.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.referrals["ref-a1"].requested
            datetime.date(2017, 5, 23)
        """
        return self.history[0][0]

    def reached(self, status: ReferralStatus) -> dt.date | None:
        """The first date the referral reached *status*, None if it never did.

        Args:
            status: a status of the referral's life.

        Returns:
            The date of the first entry of the history with that status.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> from hokatsu.events import ReferralStatus
            >>> referral = state.referrals["ref-c1"]
            >>> referral.reached(ReferralStatus.ON_HOLD) is not None
            True
            >>> referral.reached(ReferralStatus.COMPLETED) is None
            True
        """
        return next((d for d, s, _ in self.history if s is status), None)

    @property
    def days_to_accept(self) -> int | None:
        """Days from request to acceptance, None if never accepted.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.referrals["ref-a1"].days_to_accept, state.referrals["ref-b1"].days_to_accept
            (7, None)
        """
        accepted = self.reached(ReferralStatus.ACCEPTED)
        return None if accepted is None else (accepted - self.requested).days

    @property
    def is_open(self) -> bool:
        """Whether the loop is still open (the status is not final).

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.referrals["ref-c1"].is_open, state.referrals["ref-a1"].is_open
            (True, False)
        """
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

    Raises:
        InvalidValueError: a field of the wrong kind (states are made by :func:`replay`).

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> case = state.cases["case-a"]
        >>> case  # doctest: +NORMALIZE_WHITESPACE
        <CaseState 'case-a': area 'himi-d03', closed, 2 members, 2 issues, 2 referrals, 1 plan,
         4 agenda items>
        >>> sorted(case.prior_agency_ids), case.referral_ids
        (['himi-cgsc'], ('ref-a1', 'ref-a2'))
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
        """Whether the case is open.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.cases["case-a"].is_open, state.cases["case-c"].is_open
            (False, True)
        """
        return self.closed is None

    @property
    def newly_involved(self) -> frozenset[str]:
        """Involved agencies that had not supported the household before.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> sorted(state.cases["case-a"].newly_involved)
            ['himi-health', 'himi-support', 'himi-swc']
        """
        return self.involved_agency_ids - self.prior_agency_ids

    @property
    def coordinator_assessed(self) -> bool:
        """Whether a coordinator did an intake or assessment (indicator 2A1).

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.cases["case-b"].coordinator_assessed
            True
        """
        return any(a.coordinator_id is not None for a in self.assessments)

    @property
    def current_household(self) -> Household:
        """The household with every issue identified so far.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> case = state.cases["case-a"]
            >>> now = case.current_household
            >>> now.issues == case.issues, now.id == case.household.id
            (True, True)
        """
        return attrs.evolve(self.household, issues=self.issues)

    @property
    def typology(self) -> Typology:
        """The conditions ①–③ given every issue identified so far (第1章 2.(2)).

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.cases["case-b"].typology
            Typology(multi_member=False, multi_issue=True, no_fitting_service=False)
        """
        return typology(self.current_household)

    @property
    def hard_case_type(self) -> HardCaseType | None:
        """The hard-case type ①–④ given every issue identified so far.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.cases["case-b"].hard_case_type, state.cases["case-a"].hard_case_type
            (<HardCaseType.MULTI_ISSUE: 'multi_issue'>, <HardCaseType.COMPOUND: 'compound'>)
        """
        return self.typology.type

    @property
    def whole_household_covered(self) -> bool:
        """Whether the latest plan addresses the household as a whole (indicator 2A4).

        That is a role for the household as such (no members named), or roles for at least
        two members that between them cover every member with an issue of their own. A plan
        for one member is support for that member, not for the household. False without a
        plan.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.cases["case-a"].whole_household_covered
            True
        """
        if not self.plans:
            return False
        return covers_household(
            self.plans[-1].roles, {i.member_id for i in self.issues if i.member_id is not None})

    def fields(self, directory: Municipality) -> frozenset[Field]:
        """The fields covered by the involved agencies.

        Args:
            directory: the directory the agencies are in.

        Returns:
            The union of the involved agencies' fields.

        Raises:
            InvalidValueError: *directory* is not a Municipality.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> sorted(f.value for f in state.cases["case-c"].fields(himi()))
            ['children', 'disability', 'elderly', 'hardship']
        """
        v.argument("CaseState.fields", "directory", directory, _MUNICIPALITY)
        return frozenset().union(
            *(directory.agency(a).fields for a in self.involved_agency_ids)
        )

    def multi_field(self, directory: Municipality) -> bool:
        """Whether the case was handled jointly by agencies of several fields (2A2): at least
        two involved agencies that cover fields, at least two fields between them.

        Args:
            directory: the directory the agencies are in.

        Returns:
            True when both conditions hold.

        Raises:
            InvalidValueError: *directory* is not a Municipality.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> state.cases["case-c"].multi_field(himi())
            True
            >>> state.cases["case-c"].multi_field("himi")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            hokatsu.errors.InvalidValueError: ...
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

    Raises:
        InvalidValueError: a field of the wrong kind (states are made by :func:`replay`).

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> item = state.items["item-a1"]
        >>> item.body_id, item.outcome.value, item.taken_up_as
        ('himi-district', 'escalated', 'item-a2')
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

    Raises:
        InvalidValueError: a field of the wrong kind (a replay is made by :func:`replay`).

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> state
        <Replay: 3 cases, 5 referrals, 7 agenda items, as of 2018-03-23>
        >>> sorted(state.cases)
        ['case-a', 'case-b', 'case-c']
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

    Raises:
        InvalidValueError: a field of the wrong kind.

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> from hokatsu.cases import escalation_paths
        >>> path = escalation_paths(state, himi())[0]
        >>> [(step.body_id, step.wait_days) for step in path.steps[:2]]
        [('himi-district', None), ('himi-block', 14)]
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

    Raises:
        InvalidValueError: a field of the wrong kind, or no steps.

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> from hokatsu.cases import escalation_paths
        >>> path = escalation_paths(state, himi())[0]
        >>> path.case_id, len(path.steps)
        ('case-a', 4)
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
        """The step where the item was settled (agreement or response), None if not yet.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> from hokatsu.cases import escalation_paths
            >>> path = escalation_paths(state, himi())[0]
            >>> path.settled.body_id, path.settled.outcome.value
            ('himi-construction', 'response_presented')
        """
        last = self.steps[-1]
        return last if last.outcome is not None and last.outcome.settles else None

    @property
    def settled_tier(self) -> int | None:
        """The tier where the item was settled, None if not yet.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> from hokatsu.cases import escalation_paths
            >>> path = escalation_paths(state, himi())[0]
            >>> path.settled_tier == himi().body("himi-construction").tier
            True
        """
        settled = self.settled
        return None if settled is None else settled.tier

    @property
    def waiting(self) -> bool:
        """Whether the item was escalated and not yet taken up.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.cases import escalation_paths, replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> early = replay(ledger, until=dt.date(2017, 6, 20))
            >>> escalation_paths(early, himi())[0].waiting
            True
            >>> escalation_paths(replay(ledger), himi())[0].waiting
            False
        """
        return self.steps[-1].outcome is ItemOutcome.ESCALATED

    @property
    def delays(self) -> tuple[int, ...]:
        """Days waited at each escalation step.

        Examples:
            >>> from hokatsu.cases import replay
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> state = replay(Ledger(himi(), himi_fy2017()))
            >>> from hokatsu.cases import escalation_paths
            >>> path = escalation_paths(state, himi())[0]
            >>> path.delays
            (14, 22, 42)
        """
        return tuple(s.wait_days for s in self.steps if s.wait_days is not None)


# -- the fold ------------------------------------------------------------------------------

# Replay builds its states from validated events; validating them again would double the cost
# of a replay and could find nothing wrong.
_new_case_state = v.positional(CaseState)
_new_referral_state = v.positional(ReferralState)
_new_item_state = v.positional(ItemState)
_new_replay = v.positional(Replay)


class _History:
    """What replay keeps of a case beyond the facts (:mod:`hokatsu.facts`): its own events."""

    __slots__ = ("assessments", "conferences", "follow_ups", "items", "plans", "referrals")

    def __init__(self) -> None:
        self.assessments: list[AssessmentRecorded] = []
        self.plans: list[PlanMade] = []
        self.conferences: list[CaseConferenceHeld] = []
        self.follow_ups: list[FollowUpDone] = []
        self.referrals: list[str] = []
        self.items: list[str] = []


def _opened(h: dict[str, _History], e: Any) -> None:
    h[e.case_id] = _History()


def _item(h: dict[str, _History], e: Any) -> None:
    if e.case_id is not None:
        h[e.case_id].items.append(e.item_id)


#: How each event adds to the case histories (the facts come from the trackers).
_RECORDS: dict[type[Event], Callable[[dict[str, _History], Any], None]] = {
    CaseOpened: _opened,
    AssessmentRecorded: lambda h, e: h[e.case_id].assessments.append(e),
    PlanMade: lambda h, e: h[e.case_id].plans.append(e),
    CaseConferenceHeld: lambda h, e: h[e.case_id].conferences.append(e),
    FollowUpDone: lambda h, e: h[e.case_id].follow_ups.append(e),
    ReferralRequested: lambda h, e: h[e.case_id].referrals.append(e.referral_id),
    AgendaItemRaised: _item,
}


def replay(events: Iterable[Event], *, until: dt.date | None = None) -> Replay:
    """Fold *events* into the states of cases, referrals and agenda items.

    The facts (agencies involved, those a coordinator brought in, hard-case type, referral
    histories, escalations …) are those of :mod:`hokatsu.facts`, the fold the indicator engine
    reads too: for a whole ledger, the ledger's own fold (:attr:`~hokatsu.ledger.Ledger.facts`),
    read as it stands. A view of a ledger brings its directory; a plain iterable of events is
    folded without one (nothing replay returns needs it).

    Args:
        events: a ledger, a view of one, or events in ledger order from the beginning.
        until: stop after the last event dated on or before this day.

    Returns:
        The :class:`Replay` of every case, referral and agenda item the events describe.

    Raises:
        InvalidValueError: *events* is not an iterable of events, *until* is neither None
            nor a plain date (a datetime is refused: events have days, not times), or a
            view does not start at the beginning of the record, or keeps only some kinds of
            event.
        LedgerError: an event refers to a case, referral or item that no earlier event
            created (events that do not start at the beginning).

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> ledger = Ledger(himi(), himi_fy2017())
        >>> replay(ledger, until=dt.date(2017, 6, 30))
        <Replay: 2 cases, 3 referrals, 2 agenda items, as of 2017-06-26>
        >>> replay(list(ledger)[-3:])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.LedgerError: ...
    """
    v.argument("replay", "until", until, _OPT_DATE)
    if getattr(events, "from_start", True) is False:  # a LedgerView that cannot be replayed
        raise InvalidValueError("replay", "events", "a view not from the start",
                                f"a ledger, or {READABLE_VIEW}{_why(events)}")
    try:
        iterator = iter(events)
    except TypeError:
        raise InvalidValueError("replay", "events", events, _EVENTS) from None
    histories: dict[str, _History] = {}
    if isinstance(events, Ledger) and (until is None or events.last_date is None
                                       or until >= events.last_date):
        # the whole ledger: its own fold holds the facts, only the histories are read
        last = _fold(events.facts, histories, iterator, None, {})
        return _freeze(events.facts, histories, None if last is None else last.date)
    directory = getattr(events, "directory", None)
    ctx = Context(directory) if isinstance(directory, Municipality) else \
        Context.without_directory()
    last = _fold(ctx, histories, iterator, until, TRACKERS)
    return _freeze(ctx, histories, None if last is None else last.date)


_EVENTS = "a ledger, a view of one, or an iterable of events"


def _why(view: object) -> str:
    """Why a view cannot be read, as a clause for an error message."""
    reason = getattr(view, "unreadable", None)
    return f"; this one is not: {reason}" if reason else ""


def _fold(ctx: Context, histories: dict[str, _History], events: Iterator[Any],
          until: dt.date | None, tracks: Mapping[type[Event], Any]) -> Event | None:
    """Read *events* into *histories* and, through *tracks* (the trackers, or none for a fold
    already up to date), into *ctx*."""
    records = _RECORDS
    last: Event | None = None
    event: Any = None
    try:
        for event in events:
            cls = type(event)
            track = tracks.get(cls)
            record = records.get(cls)
            # a type with no step is checked to be an event; the look-ups come first so that
            # the check costs nothing for the events a replay folds
            if track is None and record is None and not isinstance(event, Event):
                raise InvalidValueError("replay", "events", event,
                                        "an Event as every item of events")
            if until is not None and event.date > until:
                break
            if track is not None:
                track(ctx, event)
            if record is not None:
                record(histories, event)
            last = event
    except KeyError as error:
        raise LedgerError(
            f"replay: event {event.id!r} ({event.TYPE}) refers to {error.args[0]!r}, which the "
            "events read before it never created; replay a ledger, or a selection that starts "
            "at its beginning"
        ) from None
    return last


def _freeze(ctx: Context, histories: dict[str, _History], as_of: dt.date | None) -> Replay:
    cases = {}
    for cid, c in ctx.cases.items():
        e, h = c.opening, histories[cid]
        prior = e.prior_agency_ids
        cases[cid] = _new_case_state(  # CaseState's fields, in order
            cid, e.household.area_id or "", e.household, tuple(c.issues), e.route, e.agency_id,
            e.date, c.closed, c.outcome, c.reopened, prior, frozenset(c.involved),
            frozenset(c.brought - prior), frozenset(c.coordinators), tuple(h.assessments),
            tuple(h.plans), tuple(h.conferences), tuple(h.follow_ups), tuple(h.referrals),
            tuple(h.items),
        )
    referrals = {
        rid: _new_referral_state(  # ReferralState's fields, in order
            rid, r.case_id, r.request.from_agency_id, r.to_agency_id, r.request.service_id,
            r.request.member_id, r.request.issue_id, r.coordinator_id, tuple(r.history),
        )
        for rid, r in ctx.referrals.items()
    }
    items = {
        iid: _new_item_state(  # ItemState's fields, in order
            iid, i.body_id, i.area_id, i.session_id, i.raised, i.case_id, i.theme,
            i.escalated_from, i.outcome, i.concluded, i.progress_reports, i.taken_up_as,
        )
        for iid, i in ctx.items.items()
    }
    return _new_replay(cases, referrals, items, as_of)


_REPLAY = v.instance_of(Replay)


def escalation_paths(state: Replay, directory: Municipality) -> tuple[EscalationPath, ...]:
    """The path of every item up the layered meetings, from the body that first raised it.

    Items that were never escalated make one-step paths. Paths come in the order their first
    item was raised.

    Args:
        state: a replay (:func:`replay`).
        directory: the directory the items' bodies are in (for their tiers).

    Returns:
        One :class:`EscalationPath` per item not taken up from a lower body.

    Raises:
        InvalidValueError: *state* is not a Replay or *directory* not a Municipality.
        UnknownReferenceError: an item's body is not in *directory*.

    Examples:
        >>> from hokatsu.cases import replay
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> state = replay(Ledger(himi(), himi_fy2017()))
        >>> from hokatsu.cases import escalation_paths
        >>> [(p.case_id, len(p.steps), p.settled_tier) for p in escalation_paths(state, himi())][:2]
        [('case-a', 4, 1), (None, 1, 1)]
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
