"""Events of individual support (個別支援): cases and referrals (第3章).

A case opens by one of the report's routes (氷見市, 第3章 3.(2)③; 佐賀市 adds cases a 民生委員
had been holding), issues are identified over time, agencies do intake and assessment, a plan
divides roles, case conferences gather the agencies, follow-ups keep track, and the case closes
with an outcome and may reopen. Referrals (つなぎ) form a closed loop whose every status change
is an event, in the spirit of FHIR Task.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.fields import Field
from hokatsu.domain.households import Household, Issue
from hokatsu.events.base import Event, ref

__all__ = [
    "TRANSITIONS",
    "AssessmentRecorded",
    "AssessmentStage",
    "CaseClosed",
    "CaseConferenceHeld",
    "CaseEvent",
    "CaseOpened",
    "CaseReopened",
    "ConferenceKind",
    "FollowUpDone",
    "IssueIdentified",
    "Outcome",
    "PlanMade",
    "PlanRole",
    "ReferralAccepted",
    "ReferralCancelled",
    "ReferralCompleted",
    "ReferralFailed",
    "ReferralPutOnHold",
    "ReferralRejected",
    "ReferralRequested",
    "ReferralResumed",
    "ReferralStarted",
    "ReferralStatus",
    "ReferralTransition",
    "Route",
]


class Route(Labelled):
    """How a case came to the comprehensive system (第3章 3.(2)③; 佐賀市 for the last).

    Examples:
        >>> Route.OUTREACH.label
        'アウトリーチによる発見'
    """

    SELF = ("self", "本人からの相談")
    FAMILY = ("family", "家族からの相談")
    COMMUNITY = ("community", "地域からの相談")
    AGENCY = ("agency", "専門機関からの相談")
    OUTREACH = ("outreach", "アウトリーチによる発見")
    MUNICIPAL_SECTION = ("municipal_section", "庁内機関からの紹介")
    COMMUNITY_DESK = ("community_desk", "地域相談窓口への相談")
    WELFARE_COMMISSIONER = ("welfare_commissioner", "民生委員が抱えていた事例")


class AssessmentStage(Labelled):
    """Intake, assessment, or a later re-assessment (インテーク・アセスメント, 第2章 2.(2)②).

    Examples:
        >>> [s.label for s in AssessmentStage]
        ['インテーク', 'アセスメント', '再アセスメント']
    """

    INTAKE = ("intake", "インテーク")
    ASSESSMENT = ("assessment", "アセスメント")
    REASSESSMENT = ("reassessment", "再アセスメント")


class ConferenceKind(Labelled):
    """Kinds of case conference the report's municipalities hold (第3章; 名張市's エリア会議).

    Examples:
        >>> ConferenceKind.AREA_MEETING.label
        'エリア会議'
    """

    CASE_CONFERENCE = ("case_conference", "ケース会議")
    CARE_TEAM = ("care_team", "担当者会議")
    AREA_MEETING = ("area_meeting", "エリア会議")


class Outcome(Labelled):
    """How a case ended.

    Examples:
        >>> Outcome.CONNECTED.label
        '支援につながった'
    """

    CONNECTED = ("connected", "支援につながった")
    RESOLVED = ("resolved", "解決")
    INFORMATION_ONLY = ("information_only", "情報提供のみ")
    MOVED_AWAY = ("moved_away", "転出")
    DECLINED = ("declined", "本人の辞退")
    DIED = ("died", "死亡")
    OTHER = ("other", "その他")


_OPT_ID = v.optional(v.ID)
_IDS = v.frozenset_of(v.ID)


@attrs.frozen(kw_only=True)
class CaseEvent(Event):
    """An event about one case (base class for an application's own events).

    An application derives its own case events from it (a home visit, a phone call …): the
    ledger checks that the case was opened and places the event in the case's area, as it does
    for :class:`~hokatsu.events.activities.AreaEvent` subclasses in their ``area_id``. The
    built-in case events name their case the same way but do not derive from it.

    Args:
        case_id: the case.

    Examples:
        >>> import attrs, datetime as dt
        >>> from typing import ClassVar
        >>> from hokatsu.events.base import ref
        >>> @attrs.frozen(kw_only=True)
        ... class HomeVisit(CaseEvent):
        ...     TYPE: ClassVar[str] = "myapp_home_visit"
        ...     agency_id: str = attrs.field(metadata=ref("agency"))
        >>> HomeVisit(id="v1", date=dt.date(2017, 6, 1), case_id="c1", agency_id="himi-support")
        HomeVisit(id='v1', date=datetime.date(2017, 6, 1), case_id='c1', agency_id='himi-support')
    """

    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))


@attrs.frozen(kw_only=True)
class CaseOpened(Event):
    """A case enters the comprehensive system.

    Args:
        case_id: the new case's id.
        household: the household as known at opening, with the issues identified so far;
            its ``area_id`` (required here) places the case in the area tree.
        route: how the case came in.
        agency_id: the agency that received it.
        coordinator_id: the coordinator involved from the start, if any.
        prior_agency_ids: agencies that had supported the household before (名張市's record).

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.domain.households import Household, Issue, Member, Relation
        >>> household = Household(id="h1", person_id="m1", area_id="himi-d01", members=(
        ...     Member(id="m1", relation=Relation.HEAD, born=dt.date(1948, 8, 7)),), issues=(
        ...     Issue(id="i1", member_id="m1", field=Field.ISOLATION,
        ...           identified=dt.date(2017, 6, 20)),))
        >>> event = CaseOpened(id="e1", date=dt.date(2017, 6, 20), case_id="c1",
        ...                    household=household, route=Route.SELF, agency_id="himi-welfare")
        >>> event.TYPE
        'case_opened'
    """

    TYPE: ClassVar[str] = "case_opened"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case", new=True))
    household: Household = attrs.field(
        validator=v.instance_of(Household), metadata=v.PERSONAL, repr=True
    )
    route: Route = attrs.field(validator=v.enum_of(Route))
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))
    prior_agency_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class IssueIdentified(Event):
    """A new issue of the household comes to light during the case.

    Examples:
        >>> import datetime as dt
        >>> event = IssueIdentified(id='e1', date=dt.date(2017, 4, 6), case_id='c1',
        ...     issue=Issue(id='i2', member_id='m2', field=Field.OTHER, identified=dt.date(2017, 4,
        ...     6)))
        >>> event.TYPE
        'issue_identified'
    """

    TYPE: ClassVar[str] = "issue_identified"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    issue: Issue = attrs.field(validator=v.instance_of(Issue), metadata=v.PERSONAL, repr=True)


@attrs.frozen(kw_only=True)
class AssessmentRecorded(Event):
    """An intake or assessment was done, and by whom.

    Indicator 2A1 counts cases given intake or assessment from the coordinator's view, i.e.
    with ``coordinator_id`` set (第4章 2.(3)-2).

    Examples:
        >>> import datetime as dt
        >>> event = AssessmentRecorded(id='e1', date=dt.date(2017, 5, 6), case_id='c1',
        ...     stage=AssessmentStage.INTAKE, agency_id='himi-swc', coordinator_id='himi-csw1')
        >>> event.TYPE
        'assessment_recorded'
    """

    TYPE: ClassVar[str] = "assessment_recorded"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    stage: AssessmentStage = attrs.field(validator=v.enum_of(AssessmentStage))
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))


@attrs.frozen(kw_only=True)
class PlanRole:
    """One agency's part in a support plan.

    Args:
        agency_id: the agency.
        member_ids: the members it supports; empty for the household as a whole.
        fields: the fields of support it covers.
        task: what it will do, in a few words.

    Raises:
        InvalidValueError: a field of the wrong type.

    Examples:
        >>> role = PlanRole(agency_id="himi-cgsc", fields=frozenset({Field.ELDERLY}))
        >>> role.member_ids
        frozenset()
    """

    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    member_ids: frozenset[str] = attrs.field(default=frozenset(), validator=_IDS)
    fields: frozenset[Field] = attrs.field(
        default=frozenset(), validator=v.frozenset_of(v.enum_of(Field))
    )
    task: str | None = attrs.field(
        default=None, validator=v.optional(v.TEXT), metadata=v.PERSONAL, repr=v.redacted
    )


@attrs.frozen(kw_only=True)
class PlanMade(Event):
    """A support plan (支援計画/プラン) with each agency's role and the goals.

    A revised plan is a new ``PlanMade``; the latest one is in force.

    Examples:
        >>> import datetime as dt
        >>> event = PlanMade(id='e1', date=dt.date(2017, 9, 2), case_id='c1',
        ...     roles=(PlanRole(agency_id='himi-health'),), coordinator_id='himi-csw1')
        >>> event.TYPE
        'plan_made'
    """

    TYPE: ClassVar[str] = "plan_made"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    roles: tuple[PlanRole, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(PlanRole), nonempty=True)
    )
    goals: tuple[str, ...] = attrs.field(
        default=(), validator=v.tuple_of(v.TEXT), metadata=v.PERSONAL, repr=v.redacted
    )
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))

    def __attrs_post_init__(self) -> None:
        v.unique_ids(f"PlanMade {self.id!r}", "roles", (r.agency_id for r in self.roles))


@attrs.frozen(kw_only=True)
class CaseConferenceHeld(Event):
    """A case conference (ケース会議, 担当者会議, エリア会議) about one case.

    Examples:
        >>> import datetime as dt
        >>> event = CaseConferenceHeld(id='e1', date=dt.date(2017, 4, 12), case_id='c1',
        ...     kind=ConferenceKind.CARE_TEAM, agency_ids=frozenset({'himi-support', 'himi-swc'}),
        ...     coordinator_id='himi-csw1')
        >>> event.TYPE
        'case_conference_held'
    """

    TYPE: ClassVar[str] = "case_conference_held"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    kind: ConferenceKind = attrs.field(validator=v.enum_of(ConferenceKind))
    agency_ids: frozenset[str] = attrs.field(
        validator=v.frozenset_of(v.ID, nonempty=True), metadata=ref("agency"))
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))


@attrs.frozen(kw_only=True)
class FollowUpDone(Event):
    """A follow-up (フォローアップ) of the household after connection.

    Examples:
        >>> import datetime as dt
        >>> event = FollowUpDone(id='e1', date=dt.date(2017, 7, 2), case_id='c1',
        ...     agency_id='himi-swc', coordinator_id='himi-csw1')
        >>> event.TYPE
        'follow_up_done'
    """

    TYPE: ClassVar[str] = "follow_up_done"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))


@attrs.frozen(kw_only=True)
class CaseClosed(Event):
    """The case is closed with an outcome.

    Examples:
        >>> import datetime as dt
        >>> event = CaseClosed(id='e1', date=dt.date(2017, 9, 4), case_id='c1',
        ...     outcome=Outcome.OTHER)
        >>> event.TYPE
        'case_closed'
    """

    TYPE: ClassVar[str] = "case_closed"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    outcome: Outcome = attrs.field(validator=v.enum_of(Outcome))


@attrs.frozen(kw_only=True)
class CaseReopened(Event):
    """A closed case is opened again.

    Examples:
        >>> import datetime as dt
        >>> event = CaseReopened(id='e1', date=dt.date(2017, 12, 7), case_id='c1')
        >>> event.TYPE
        'case_reopened'
    """

    TYPE: ClassVar[str] = "case_reopened"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))


class ReferralStatus(Labelled):
    """Status of a referral (つなぎ), after FHIR Task's business status.

    Examples:
        >>> ReferralStatus.ON_HOLD.label, ReferralStatus.COMPLETED.is_final
        ('保留', True)
    """

    REQUESTED = ("requested", "依頼中")
    ACCEPTED = ("accepted", "受諾")
    REJECTED = ("rejected", "辞退")
    CANCELLED = ("cancelled", "取消")
    IN_PROGRESS = ("in_progress", "支援中")
    ON_HOLD = ("on_hold", "保留")
    COMPLETED = ("completed", "完了")
    FAILED = ("failed", "不成立")

    @property
    def is_final(self) -> bool:
        """Whether no transition leaves this status.

        Examples:
            >>> sorted(s.value for s in ReferralStatus if s.is_final)
            ['cancelled', 'completed', 'failed', 'rejected']
        """
        return not TRANSITIONS[self]


#: The referral state machine, as the statuses each status may move to.
TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.REQUESTED: frozenset({
        ReferralStatus.ACCEPTED, ReferralStatus.REJECTED, ReferralStatus.CANCELLED}),
    ReferralStatus.ACCEPTED: frozenset({
        ReferralStatus.IN_PROGRESS, ReferralStatus.ON_HOLD, ReferralStatus.COMPLETED,
        ReferralStatus.FAILED, ReferralStatus.CANCELLED}),
    ReferralStatus.IN_PROGRESS: frozenset({
        ReferralStatus.ON_HOLD, ReferralStatus.COMPLETED, ReferralStatus.FAILED,
        ReferralStatus.CANCELLED}),
    ReferralStatus.ON_HOLD: frozenset({
        ReferralStatus.IN_PROGRESS, ReferralStatus.FAILED, ReferralStatus.CANCELLED}),
    ReferralStatus.REJECTED: frozenset(),
    ReferralStatus.CANCELLED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.FAILED: frozenset(),
}


@attrs.frozen(kw_only=True)
class ReferralRequested(Event):
    """One agency asks another to take on (part of) a case: a referral (つなぎ).

    Args:
        referral_id: the new referral's id.
        case_id: the case.
        from_agency_id: the sending agency.
        to_agency_id: the receiving agency.
        service_id: the receiving agency's service asked for, if any.
        member_id: the member concerned, None for the household.
        issue_id: the issue it addresses, if any.
        coordinator_id: the coordinator who arranged it, if any.

    Examples:
        >>> import datetime as dt
        >>> event = ReferralRequested(id='e1', date=dt.date(2017, 6, 12), referral_id='r1',
        ...     case_id='c1', from_agency_id='himi-support', to_agency_id='himi-swc',
        ...     coordinator_id='himi-csw1')
        >>> event.TYPE
        'referral_requested'
    """

    TYPE: ClassVar[str] = "referral_requested"
    status: ClassVar[ReferralStatus] = ReferralStatus.REQUESTED
    referral_id: str = attrs.field(validator=v.ID, metadata=ref("referral", new=True))
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    from_agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    to_agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    service_id: str | None = attrs.field(default=None, validator=_OPT_ID)
    member_id: str | None = attrs.field(default=None, validator=_OPT_ID)
    issue_id: str | None = attrs.field(default=None, validator=_OPT_ID)
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))


@attrs.frozen(kw_only=True)
class ReferralTransition(Event):
    """A change of a referral's status by one of its two agencies (base class).

    Args:
        referral_id: the referral.
        actor_id: the agency making the change: the receiver accepts, rejects, starts,
            holds, resumes, completes or fails it; the sender cancels a request; either
            may cancel once accepted.
        reason: why; required when rejecting, cancelling, holding or failing.

    Each subclass fixes the status it moves to and the statuses it may leave.

    Examples:
        >>> ReferralAccepted.status, ReferralRejected.needs_reason
        (<ReferralStatus.ACCEPTED: 'accepted'>, True)
    """

    status: ClassVar[ReferralStatus]
    #: the statuses this transition may leave (by default, every status that may reach it)
    sources: ClassVar[frozenset[ReferralStatus]]
    needs_reason: ClassVar[bool] = False
    referral_id: str = attrs.field(validator=v.ID, metadata=ref("referral"))
    actor_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    reason: str | None = attrs.field(
        default=None, validator=v.optional(v.TEXT), metadata=v.PERSONAL, repr=v.redacted
    )

    def __attrs_post_init__(self) -> None:
        if self.needs_reason and self.reason is None:
            raise v.invalid(
                self, "reason", None,
                f"a reason: one is required when a referral becomes {self.status.value}",
            )


@attrs.frozen(kw_only=True)
class ReferralAccepted(ReferralTransition):
    """The receiving agency accepts the referral.

    Examples:
        >>> import datetime as dt
        >>> event = ReferralAccepted(id='e1', date=dt.date(2017, 4, 10), referral_id='r1',
        ...     actor_id='himi-swc')
        >>> event.TYPE
        'referral_accepted'
    """

    TYPE: ClassVar[str] = "referral_accepted"
    status: ClassVar[ReferralStatus] = ReferralStatus.ACCEPTED


@attrs.frozen(kw_only=True)
class ReferralRejected(ReferralTransition):
    """The receiving agency declines the referral (a reason is required).

    Examples:
        >>> import datetime as dt
        >>> event = ReferralRejected(id='e1', date=dt.date(2018, 2, 4), referral_id='r1',
        ...     actor_id='himi-swc', reason='対象外')
        >>> event.TYPE
        'referral_rejected'
    """

    TYPE: ClassVar[str] = "referral_rejected"
    status: ClassVar[ReferralStatus] = ReferralStatus.REJECTED
    needs_reason: ClassVar[bool] = True


@attrs.frozen(kw_only=True)
class ReferralCancelled(ReferralTransition):
    """The referral is withdrawn (a reason is required).

    Examples:
        >>> import datetime as dt
        >>> event = ReferralCancelled(id='e1', date=dt.date(2018, 1, 11), referral_id='r1',
        ...     actor_id='himi-swc', reason='本人の意向')
        >>> event.TYPE
        'referral_cancelled'
    """

    TYPE: ClassVar[str] = "referral_cancelled"
    status: ClassVar[ReferralStatus] = ReferralStatus.CANCELLED
    needs_reason: ClassVar[bool] = True


@attrs.frozen(kw_only=True)
class ReferralStarted(ReferralTransition):
    """The receiving agency starts supporting.

    Examples:
        >>> import datetime as dt
        >>> event = ReferralStarted(id='e1', date=dt.date(2017, 4, 10), referral_id='r1',
        ...     actor_id='himi-swc')
        >>> event.TYPE
        'referral_started'
    """

    TYPE: ClassVar[str] = "referral_started"
    status: ClassVar[ReferralStatus] = ReferralStatus.IN_PROGRESS
    sources: ClassVar[frozenset[ReferralStatus]] = frozenset({ReferralStatus.ACCEPTED})


@attrs.frozen(kw_only=True)
class ReferralPutOnHold(ReferralTransition):
    """Support under the referral pauses (a reason is required).

    Examples:
        >>> import datetime as dt
        >>> event = ReferralPutOnHold(id='e1', date=dt.date(2017, 9, 2), referral_id='r1',
        ...     actor_id='himi-swc', reason='入院')
        >>> event.TYPE
        'referral_put_on_hold'
    """

    TYPE: ClassVar[str] = "referral_put_on_hold"
    status: ClassVar[ReferralStatus] = ReferralStatus.ON_HOLD
    needs_reason: ClassVar[bool] = True


@attrs.frozen(kw_only=True)
class ReferralResumed(ReferralTransition):
    """Support under the referral resumes after a hold.

    Examples:
        >>> import datetime as dt
        >>> event = ReferralResumed(id='e1', date=dt.date(2017, 9, 6), referral_id='r1',
        ...     actor_id='himi-swc')
        >>> event.TYPE
        'referral_resumed'
    """

    TYPE: ClassVar[str] = "referral_resumed"
    status: ClassVar[ReferralStatus] = ReferralStatus.IN_PROGRESS
    sources: ClassVar[frozenset[ReferralStatus]] = frozenset({ReferralStatus.ON_HOLD})


@attrs.frozen(kw_only=True)
class ReferralCompleted(ReferralTransition):
    """The receiving agency reports the referral done: the loop is closed.

    Examples:
        >>> import datetime as dt
        >>> event = ReferralCompleted(id='e1', date=dt.date(2017, 6, 10), referral_id='r1',
        ...     actor_id='himi-swc')
        >>> event.TYPE
        'referral_completed'
    """

    TYPE: ClassVar[str] = "referral_completed"
    status: ClassVar[ReferralStatus] = ReferralStatus.COMPLETED


@attrs.frozen(kw_only=True)
class ReferralFailed(ReferralTransition):
    """The referral did not lead to support (a reason is required).

    Examples:
        >>> import datetime as dt
        >>> event = ReferralFailed(id='e1', date=dt.date(2017, 5, 5), referral_id='r1',
        ...     actor_id='himi-swc', reason='連絡が取れない')
        >>> event.TYPE
        'referral_failed'
    """

    TYPE: ClassVar[str] = "referral_failed"
    status: ClassVar[ReferralStatus] = ReferralStatus.FAILED
    needs_reason: ClassVar[bool] = True


def _sources(target: ReferralStatus) -> frozenset[ReferralStatus]:
    return frozenset(s for s, targets in TRANSITIONS.items() if target in targets)


for _cls in (ReferralAccepted, ReferralRejected, ReferralCancelled, ReferralPutOnHold,
             ReferralCompleted, ReferralFailed):
    _cls.sources = _sources(_cls.status)
