"""The verbs: every kind of fact a ledger records.

Each event is a small frozen attrs class with an ``id``, a ``date`` and the ids it touches;
its ``TYPE`` tag names it in serialised form (``{"type": "referral_accepted", …}``).
:data:`EVENT_TYPES` maps every tag to its class.

Examples:
    >>> sorted(EVENT_TYPES)[:3]
    ['actor_joined', 'agency_interviewed', 'agenda_item_concluded']
    >>> EVENT_TYPES["case_opened"] is CaseOpened
    True
"""

from hokatsu.events.activities import (
    ActorJoined,
    AgencyInterviewed,
    AreaEvent,
    AssessmentExchangeHeld,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConsultationReceived,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DevelopmentPurpose,
    EvaluationCollected,
    EvaluationTopic,
    FundingKind,
    FundingSecured,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    NextYearPlanAdopted,
    OutreachDone,
    ResourceCreated,
    ResourceKind,
    SharingConsultationHeld,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)
from hokatsu.events.base import Event
from hokatsu.events.cases import (
    TRANSITIONS,
    AssessmentRecorded,
    AssessmentStage,
    CaseClosed,
    CaseConferenceHeld,
    CaseEvent,
    CaseOpened,
    CaseReopened,
    ConferenceKind,
    FollowUpDone,
    IssueIdentified,
    Outcome,
    PlanMade,
    PlanRole,
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
from hokatsu.events.meetings import (
    AgendaItemConcluded,
    AgendaItemRaised,
    ItemOutcome,
    MeetingHeld,
    ProgressReported,
)

__all__ = [
    "EVENT_TYPES",
    "TRANSITIONS",
    "ActorJoined",
    "AgencyInterviewed",
    "AgendaItemConcluded",
    "AgendaItemRaised",
    "AreaEvent",
    "AssessmentExchangeHeld",
    "AssessmentRecorded",
    "AssessmentStage",
    "CaseClosed",
    "CaseConferenceHeld",
    "CaseEvent",
    "CaseOpened",
    "CaseReopened",
    "CommunityExchangeHeld",
    "CommunityGatheringAttended",
    "ConferenceKind",
    "ConsultationReceived",
    "DevelopmentConsultationHeld",
    "DevelopmentMeetingHeld",
    "DevelopmentPurpose",
    "EvaluationCollected",
    "EvaluationTopic",
    "Event",
    "FollowUpDone",
    "FundingKind",
    "FundingSecured",
    "IssueIdentified",
    "ItemOutcome",
    "MeasureCompleted",
    "MeasureDomain",
    "MeasureStarted",
    "MeetingHeld",
    "NextYearPlanAdopted",
    "Outcome",
    "OutreachDone",
    "PlanMade",
    "PlanRole",
    "ProgressReported",
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
    "ResourceCreated",
    "ResourceKind",
    "Route",
    "SharingConsultationHeld",
    "SurveyConducted",
    "TargetSet",
    "TrainingHeld",
]

_CONCRETE: tuple[type[Event], ...] = (
    CaseOpened, IssueIdentified, AssessmentRecorded, PlanMade, CaseConferenceHeld,
    FollowUpDone, CaseClosed, CaseReopened,
    ReferralRequested, ReferralAccepted, ReferralRejected, ReferralCancelled, ReferralStarted,
    ReferralPutOnHold, ReferralResumed, ReferralCompleted, ReferralFailed,
    MeetingHeld, AgendaItemRaised, AgendaItemConcluded, ProgressReported,
    CommunityExchangeHeld, CommunityGatheringAttended, SurveyConducted, AgencyInterviewed,
    OutreachDone, DevelopmentConsultationHeld, DevelopmentMeetingHeld, ResourceCreated,
    FundingSecured, ActorJoined, MeasureStarted, MeasureCompleted, NextYearPlanAdopted,
    SharingConsultationHeld, TrainingHeld, AssessmentExchangeHeld, EvaluationCollected,
    TargetSet, ConsultationReceived,
)

#: Every concrete event class by its ``TYPE`` tag.
EVENT_TYPES: dict[str, type[Event]] = {cls.TYPE: cls for cls in _CONCRETE}
assert len(EVENT_TYPES) == len(_CONCRETE), "event type tags must be unique"
