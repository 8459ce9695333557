"""A sample year of events for 氷見市 (FY2017), written by hand to show every part at work.

The events are invented (the report gives no case records) but follow its description of
氷見市's system (第3章 3.(2)): cases come in by the report's routes; the two CSW coordinators
assess and connect them; a hard case climbs the layered meetings 地域会議 → ブロック会議 →
コア会議 → 構築会議 until a response is found; and the coordinators' work with the community,
resources, funding and the system leaves the traces every operation-stage indicator reads.

Examples:
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> ledger = Ledger(himi(), himi_fy2017())
    >>> len(ledger) > 100, ledger.events[0].date.isoformat()
    (True, '2017-04-03')
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hokatsu.domain.fields import CompoundTag, ConsultationContent, Field, IntakeCategory
from hokatsu.domain.households import (
    CareLevel,
    Employment,
    Household,
    Issue,
    Member,
    Relation,
)
from hokatsu.events import (
    ActorJoined,
    AgencyInterviewed,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentExchangeHeld,
    AssessmentRecorded,
    AssessmentStage,
    CaseClosed,
    CaseConferenceHeld,
    CaseOpened,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConferenceKind,
    ConsultationReceived,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DevelopmentPurpose,
    EvaluationCollected,
    EvaluationTopic,
    Event,
    FollowUpDone,
    FundingKind,
    FundingSecured,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    MeetingHeld,
    NextYearPlanAdopted,
    Outcome,
    OutreachDone,
    PlanMade,
    PlanRole,
    ProgressReported,
    ReferralAccepted,
    ReferralCompleted,
    ReferralPutOnHold,
    ReferralRejected,
    ReferralRequested,
    ReferralResumed,
    ReferralStarted,
    ResourceCreated,
    ResourceKind,
    Route,
    SharingConsultationHeld,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)

__all__ = ["himi_fy2017"]

CITY = "himi"


class _Story:
    """Collects events with ids numbered in order."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, cls: type[Event], date: dt.date, **fields: Any) -> None:
        self.events.append(cls(id=f"fy17-{len(self.events) + 1:03d}", date=date, **fields))

    def session(self, date: dt.date, session: str, body: str, area: str, agencies: set[str],
                participants: int, **items: tuple[Any, ...]) -> None:
        self(MeetingHeld, date, session_id=session, body_id=body, area_id=area,
             agency_ids=frozenset(agencies), participants=participants,
             coordinator_ids=frozenset({"himi-csw1"}))


def _d(month: int, day: int) -> dt.date:
    return dt.date(2017 if month >= 4 else 2018, month, day)


def _households() -> tuple[Household, Household, Household]:
    eighty_fifty = Household(
        id="h-a", person_id="a1", area_id="himi-d03",
        members=(
            Member(id="a1", relation=Relation.HEAD, born=dt.date(1935, 9, 2),
                   care_level=CareLevel.CARE_2, employment=Employment.RETIRED),
            Member(id="a2", relation=Relation.CHILD, born=dt.date(1966, 1, 20),
                   employment=Employment.UNEMPLOYED),
        ),
        issues=(
            Issue(id="care", member_id="a1", field=Field.ELDERLY, identified=_d(5, 8),
                  categories=frozenset({IntakeCategory.CARE})),
            Issue(id="withdrawal", member_id="a2", field=Field.ISOLATION, identified=_d(5, 8),
                  categories=frozenset({IntakeCategory.WITHDRAWAL_TRUANCY}),
                  tags=frozenset({CompoundTag.EIGHTY_FIFTY, CompoundTag.HIKIKOMORI}),
                  fits_existing_services=False),
        ),
    )
    double_care = Household(
        id="h-b", person_id="b1", area_id="himi-d08",
        members=(
            Member(id="b1", relation=Relation.HEAD, born=dt.date(1978, 4, 11),
                   employment=Employment.EMPLOYED, carer=True),
            Member(id="b2", relation=Relation.PARENT, born=dt.date(1941, 12, 3),
                   care_level=CareLevel.CARE_1),
            Member(id="b3", relation=Relation.CHILD, born=dt.date(2014, 6, 30),
                   employment=Employment.PRESCHOOL),
        ),
        issues=(
            Issue(id="care", member_id="b1", field=Field.ELDERLY, identified=_d(6, 5),
                  tags=frozenset({CompoundTag.DOUBLE_CARE})),
            Issue(id="childcare", member_id="b1", field=Field.CHILDREN, identified=_d(6, 5),
                  tags=frozenset({CompoundTag.DOUBLE_CARE})),
        ),
    )
    suspected = Household(
        id="h-c", person_id="c1", area_id="himi-d15",
        members=(
            Member(id="c1", relation=Relation.HEAD, born=dt.date(1989, 2, 14),
                   disability_suspected=True, employment=Employment.UNEMPLOYED),
        ),
        issues=(
            Issue(id="disability", member_id="c1", field=Field.DISABILITY, identified=_d(7, 3),
                  tags=frozenset({CompoundTag.SUSPECTED_DISABILITY}),
                  fits_existing_services=False),
        ),
    )
    return eighty_fifty, double_care, suspected


def _cases(s: _Story) -> None:
    a, b, c = _households()
    # case A: an 8050 household a 民生委員 had been watching, and its climb up the meetings
    s(CaseOpened, _d(5, 8), case_id="case-a", household=a, route=Route.WELFARE_COMMISSIONER,
      agency_id="himi-support", coordinator_id="himi-csw1",
      prior_agency_ids=frozenset({"himi-cgsc"}))
    s(ConsultationReceived, _d(5, 8), area_id="himi-d03", agency_id="himi-support",
      content=ConsultationContent.CARE, case_id="case-a")
    s(AssessmentRecorded, _d(5, 8), case_id="case-a", stage=AssessmentStage.INTAKE,
      agency_id="himi-support", coordinator_id="himi-csw1")
    s(AssessmentRecorded, _d(5, 15), case_id="case-a", stage=AssessmentStage.ASSESSMENT,
      agency_id="himi-support", coordinator_id="himi-csw1")
    s(PlanMade, _d(5, 22), case_id="case-a", coordinator_id="himi-csw1", roles=(
        PlanRole(agency_id="himi-cgsc", member_ids=frozenset({"a1"}),
                 fields=frozenset({Field.ELDERLY}), task="介護サービスの調整"),
        PlanRole(agency_id="himi-support", member_ids=frozenset({"a2"}),
                 fields=frozenset({Field.ISOLATION}), task="訪問と居場所づくり"),
    ), goals=("母の在宅生活の継続", "息子の社会参加"))
    s(ReferralRequested, _d(5, 23), referral_id="ref-a1", case_id="case-a",
      from_agency_id="himi-support", to_agency_id="himi-health", member_id="a2",
      issue_id="withdrawal", coordinator_id="himi-csw1")
    s(ReferralAccepted, _d(5, 30), referral_id="ref-a1", actor_id="himi-health")
    s(ReferralStarted, _d(6, 6), referral_id="ref-a1", actor_id="himi-health")
    s.session(_d(6, 12), "s-d03-06", "himi-district", "himi-d03",
              {"himi-minsei", "himi-chiku-swc", "himi-swc"}, 9)
    s(AgendaItemRaised, _d(6, 12), item_id="item-a1", session_id="s-d03-06", case_id="case-a")
    s(AgendaItemConcluded, _d(6, 12), item_id="item-a1", session_id="s-d03-06",
      outcome=ItemOutcome.ESCALATED)
    s.session(_d(6, 26), "s-b1-06", "himi-block", "himi-b1",
              {"himi-minsei", "himi-cgsc", "himi-support", "himi-swc"}, 14)
    s(AgendaItemRaised, _d(6, 26), item_id="item-a2", session_id="s-b1-06", case_id="case-a",
      escalated_from="item-a1")
    s(AgendaItemConcluded, _d(6, 26), item_id="item-a2", session_id="s-b1-06",
      outcome=ItemOutcome.ESCALATED)
    # case B: a double-care household; the first referral is declined
    s(CaseOpened, _d(6, 5), case_id="case-b", household=b, route=Route.FAMILY,
      agency_id="himi-cgsc", coordinator_id="himi-csw2")
    s(ConsultationReceived, _d(6, 5), area_id="himi-d08", agency_id="himi-cgsc",
      content=ConsultationContent.CHILD_REARING, case_id="case-b")
    s(AssessmentRecorded, _d(6, 9), case_id="case-b", stage=AssessmentStage.ASSESSMENT,
      agency_id="himi-cgsc", coordinator_id="himi-csw2")
    s(PlanMade, _d(6, 16), case_id="case-b", coordinator_id="himi-csw2", roles=(
        PlanRole(agency_id="himi-cgsc", member_ids=frozenset({"b2"}),
                 fields=frozenset({Field.ELDERLY})),
        PlanRole(agency_id="himi-child", member_ids=frozenset({"b3"}),
                 fields=frozenset({Field.CHILDREN})),
        PlanRole(agency_id="himi-swc", task="世帯全体の見守り"),
    ))
    s(ReferralRequested, _d(6, 19), referral_id="ref-b1", case_id="case-b",
      from_agency_id="himi-cgsc", to_agency_id="himi-school", member_id="b3",
      coordinator_id="himi-csw2")
    s(ReferralRejected, _d(6, 21), referral_id="ref-b1", actor_id="himi-school",
      reason="未就学児のため所管外")
    s(ReferralRequested, _d(6, 21), referral_id="ref-b2", case_id="case-b",
      from_agency_id="himi-cgsc", to_agency_id="himi-child", member_id="b3",
      coordinator_id="himi-csw2")
    s(ReferralAccepted, _d(6, 23), referral_id="ref-b2", actor_id="himi-child")
    s(CaseConferenceHeld, _d(7, 4), case_id="case-b", kind=ConferenceKind.CARE_TEAM,
      agency_ids=frozenset({"himi-cgsc", "himi-child", "himi-swc"}),
      coordinator_id="himi-csw2")
    s(ReferralStarted, _d(7, 5), referral_id="ref-b2", actor_id="himi-child")
    # case C: found by outreach, a suspected disability with no certificate
    s(OutreachDone, _d(7, 3), area_id="himi-d15", coordinator_id="himi-csw2",
      actor_ids=frozenset({"himi-minsei"}))
    s(CaseOpened, _d(7, 3), case_id="case-c", household=c, route=Route.OUTREACH,
      agency_id="himi-support", coordinator_id="himi-csw2")
    s(AssessmentRecorded, _d(7, 10), case_id="case-c", stage=AssessmentStage.INTAKE,
      agency_id="himi-support", coordinator_id="himi-csw2")
    s(IssueIdentified, _d(7, 24), case_id="case-c", issue=Issue(
        id="income", member_id="c1", field=Field.HARDSHIP, identified=_d(7, 24),
        categories=frozenset({IntakeCategory.INCOME, IntakeCategory.JOB_SEARCH})))
    s(PlanMade, _d(7, 31), case_id="case-c", coordinator_id="himi-csw2", roles=(
        PlanRole(agency_id="himi-support", fields=frozenset({Field.HARDSHIP})),
        PlanRole(agency_id="himi-welfare", fields=frozenset({Field.DISABILITY})),
    ))
    s(ReferralRequested, _d(8, 1), referral_id="ref-c1", case_id="case-c",
      from_agency_id="himi-support", to_agency_id="himi-welfare", member_id="c1",
      issue_id="disability", coordinator_id="himi-csw2")
    s(ReferralAccepted, _d(8, 10), referral_id="ref-c1", actor_id="himi-welfare")
    s(ReferralStarted, _d(8, 21), referral_id="ref-c1", actor_id="himi-welfare")
    s(ReferralPutOnHold, _d(9, 4), referral_id="ref-c1", actor_id="himi-welfare",
      reason="本人と連絡が取れない")
    s(ReferralResumed, _d(10, 2), referral_id="ref-c1", actor_id="himi-welfare")


def _meetings(s: _Story) -> None:
    core = {"himi-welfare", "himi-cgsc", "himi-child", "himi-citizen", "himi-health",
            "himi-school", "himi-swc"}
    wide = core | {"himi-jichi", "himi-minsei", "himi-chiku-swc", "himi-support"}
    s.session(_d(7, 18), "s-core-07", "himi-core", CITY, core, 12)
    s(AgendaItemRaised, _d(7, 18), item_id="item-a3", session_id="s-core-07", case_id="case-a",
      escalated_from="item-a2")
    s(AgendaItemConcluded, _d(7, 18), item_id="item-a3", session_id="s-core-07",
      outcome=ItemOutcome.ESCALATED)
    s(AgendaItemRaised, _d(7, 18), item_id="theme-1", session_id="s-core-07",
      theme="ひきこもりの人の居場所がない")
    s(AgendaItemConcluded, _d(7, 18), item_id="theme-1", session_id="s-core-07",
      outcome=ItemOutcome.CONTINUED)
    s.session(_d(8, 29), "s-build-08", "himi-construction", CITY, wide, 28)
    s(AgendaItemRaised, _d(8, 29), item_id="item-a4", session_id="s-build-08",
      case_id="case-a", escalated_from="item-a3")
    s(AgendaItemConcluded, _d(8, 29), item_id="item-a4", session_id="s-build-08",
      outcome=ItemOutcome.RESPONSE_PRESENTED)
    s(ReferralRequested, _d(9, 4), referral_id="ref-a2", case_id="case-a",
      from_agency_id="himi-support", to_agency_id="himi-swc", member_id="a2",
      issue_id="withdrawal", coordinator_id="himi-csw1")
    s(ReferralAccepted, _d(9, 11), referral_id="ref-a2", actor_id="himi-swc")
    s(AgendaItemRaised, _d(8, 29), item_id="theme-2", session_id="s-build-08",
      theme="地域の見守り体制の再編")
    s(AgendaItemConcluded, _d(8, 29), item_id="theme-2", session_id="s-build-08",
      outcome=ItemOutcome.AGREED)
    s.session(_d(10, 17), "s-core-10", "himi-core", CITY, core - {"himi-school"}, 10)
    s(ProgressReported, _d(10, 17), item_id="theme-1", session_id="s-core-10")
    s.session(_d(12, 19), "s-core-12", "himi-core", CITY, core, 11)
    s(ProgressReported, _d(12, 19), item_id="theme-1", session_id="s-core-12")
    s(AgendaItemConcluded, _d(12, 19), item_id="theme-1", session_id="s-core-12",
      outcome=ItemOutcome.RESPONSE_PRESENTED)
    s.session(_d(2, 27), "s-build-02", "himi-construction", CITY, wide, 31)
    s(AgendaItemRaised, _d(2, 27), item_id="theme-3", session_id="s-build-02",
      theme="次年度の重点課題")
    s(AgendaItemConcluded, _d(2, 27), item_id="theme-3", session_id="s-build-02",
      outcome=ItemOutcome.AGREED)


def _closures(s: _Story) -> None:
    s(ReferralCompleted, _d(11, 30), referral_id="ref-b2", actor_id="himi-child")
    s(FollowUpDone, _d(12, 14), case_id="case-b", agency_id="himi-swc",
      coordinator_id="himi-csw2")
    s(CaseClosed, _d(1, 31), case_id="case-b", outcome=Outcome.RESOLVED)
    s(ReferralCompleted, _d(2, 9), referral_id="ref-a1", actor_id="himi-health")
    s(FollowUpDone, _d(2, 20), case_id="case-a", agency_id="himi-support",
      coordinator_id="himi-csw1")
    s(CaseClosed, _d(3, 23), case_id="case-a", outcome=Outcome.CONNECTED)


def _activities(s: _Story) -> None:
    contents = list(ConsultationContent)
    districts = [f"himi-d{n:02d}" for n in range(1, 22)]
    for month in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3):
        district = districts[(month * 5) % 21]
        s(CommunityExchangeHeld, _d(month, 6), area_id=district, coordinator_id="himi-csw1",
          actor_ids=frozenset({"himi-minsei", "himi-jichi"}))
        s(CommunityGatheringAttended, _d(month, 13), area_id=district,
          coordinator_id="himi-csw2", actor_ids=frozenset({"himi-chiku-swc"}))
        for k in range(3):
            s(ConsultationReceived, _d(month, 20 + k), area_id=districts[(month + 7 * k) % 21],
              agency_id="himi-support", content=contents[(month + k) % len(contents)])
    s(TargetSet, _d(4, 3), area_id=CITY, fiscal_year=2017, indicator_id="2A2", value=24)
    s(MeasureStarted, _d(4, 3), area_id=CITY, measure_id="m-sheet",
      domain=MeasureDomain.INFORMATION_SHARING, title="共通アセスメントシートの導入")
    s(AgencyInterviewed, _d(4, 20), area_id=CITY, coordinator_id="himi-csw1",
      agency_id="himi-health")
    s(AgencyInterviewed, _d(4, 21), area_id=CITY, coordinator_id="himi-csw1",
      agency_id="himi-school")
    s(MeasureStarted, _d(5, 1), area_id=CITY, measure_id="m-desk",
      domain=MeasureDomain.SYSTEM, title="全地区への地域相談窓口の設置")
    s(SurveyConducted, _d(6, 1), area_id=CITY, coordinator_id="himi-csw2", items=30,
      respondents=412)
    s(SharingConsultationHeld, _d(6, 14), area_id=CITY,
      agency_ids=frozenset({"himi-welfare", "himi-cgsc", "himi-swc"}))
    s(TrainingHeld, _d(7, 12), area_id=CITY, participants=46, title="相談対応研修")
    s(DevelopmentConsultationHeld, _d(9, 5), area_id="himi-b3",
      purpose=DevelopmentPurpose.RESOURCES, actor_ids=frozenset({"himi-chiku-swc"}))
    s(DevelopmentMeetingHeld, _d(9, 19), area_id="himi-b3",
      purpose=DevelopmentPurpose.RESOURCES, participants=17,
      agency_ids=frozenset({"himi-swc", "himi-chiku-swc", "himi-minsei"}))
    s(AssessmentExchangeHeld, _d(9, 27), area_id=CITY, participants=22,
      agency_ids=frozenset({"himi-cgsc", "himi-support", "himi-branch1"}))
    s(MeasureCompleted, _d(10, 31), measure_id="m-sheet")
    s(DevelopmentConsultationHeld, _d(11, 7), area_id=CITY,
      purpose=DevelopmentPurpose.FUNDING, actor_ids=frozenset({"himi-jichi"}))
    s(DevelopmentMeetingHeld, _d(11, 21), area_id=CITY, purpose=DevelopmentPurpose.FUNDING,
      participants=12, agency_ids=frozenset({"himi-swc", "himi-welfare"}))
    s(ResourceCreated, _d(11, 28), area_id="himi-b3", resource_id="r-salon",
      kind=ResourceKind.COMMUNITY_SERVICE, name="上庄谷見守りサロン",
      partner_ids=frozenset({"himi-chiku-swc", "himi-minsei"}))
    s(ActorJoined, _d(11, 28), area_id="himi-b3", agency_id="himi-chiku-swc")
    s(FundingSecured, _d(12, 1), area_id=CITY, kind=FundingKind.COMMUNITY_CHEST,
      amount_yen=300_000)
    s(TrainingHeld, _d(1, 24), area_id=CITY, participants=38, title="アセスメント研修")
    s(FundingSecured, _d(2, 16), area_id=CITY, kind=FundingKind.MUNICIPAL_BUDGET,
      amount_yen=1_200_000, newly_budgeted=True)
    for topic, counts in ((EvaluationTopic.SYSTEM_IMPROVEMENT, (1, 3, 9, 5)),
                          (EvaluationTopic.MEETING_EFFECT, (0, 2, 14, 12))):
        s(EvaluationCollected, _d(3, 6), area_id=CITY, topic=topic, counts=counts)
    s(NextYearPlanAdopted, _d(3, 20), area_id=CITY, fiscal_year=2018)


@functools.cache
def himi_fy2017() -> tuple[Event, ...]:
    """The sample FY2017 events for :func:`~hokatsu.reference.himi.himi`, in date order.

    Three cases (an 8050 household that climbs to the 構築会議, a double-care household, a
    person with a suspected disability found by outreach), the 推進会議's sessions with their
    themes, and a year of the coordinators' and the system's activity.

    Returns:
        The events, the same tuple on every call; they fit :func:`~hokatsu.reference.himi.himi`'s
        directory and pass the ledger's checks.

    Examples:
        >>> events = himi_fy2017()
        >>> events[0].date.isoformat(), events[-1].date.isoformat()
        ('2017-04-03', '2018-03-23')
        >>> himi_fy2017() is events
        True
    """
    story = _Story()
    _cases(story)
    _meetings(story)
    _closures(story)
    _activities(story)
    events = sorted(story.events, key=lambda e: e.date)  # stable: same-day order is kept
    return tuple(events)
