"""The catalogue: every operation-stage indicator of the report, and hokatsu's extras.

The report's indicators (第4章 2.(3), the 評価指標案 of the 運用段階) are listed per viewpoint
(3)-1 … (3)-5 as activity (活動指標) and outcome (成果指標) indicators; hokatsu gives each an id
— viewpoint number, ``A`` or ``O``, position (``1A1`` … ``5O4``) — and a definition over ledger
events. The extras (ids in snake case) answer questions the report raises elsewhere or that
came after it: the share of hard cases by type, the tier where cases are settled, escalation
delays, referral acceptance and completion, rates per 100,000 residents per month as the
hardship-support KPIs are set, and flags for a year with no multi-agency case or no targets
(社会福祉法 第106条の4–第106条の6 and the hardship-support KPIs, after the report).

:data:`MULTILAYERED` is a second catalogue: the figures the government now asks of a
municipality running the 重層的支援体制整備事業 (社会福祉法 第106条の4, from FY2021; DOMAIN.md
§9) — consultations received, people given participation support and the businesses
cooperating in it, and for community building the bases, participants and agencies taking
part.

Meetings counted in (3)-5, and the "推進会議等" of 1O1, 1O2 and 2O1, are sessions of bodies
marked ``promotion=True`` in the directory, and of their 部会 (bodies ``part_of`` them).

Examples:
    >>> [i.id for i in CATALOGUE if i.viewpoint is Viewpoint.GRASP_ISSUES]
    ['1A1', '1A2', '1A3', '1A4', '1A5', '1A6', '1A7', '1O1', '1O2']
    >>> BY_ID["3O5"].name, BY_ID["3O5"].unit
    ('新たに創出された財源の金額', '円')
"""

from __future__ import annotations

import typing as t

from hokatsu.calendar import FiscalYear, PeriodKind
from hokatsu.domain.fields import ConsultationContent
from hokatsu.domain.households import HardCaseType
from hokatsu.events import (
    ActivitySessionHeld,
    ActorJoined,
    AgencyInterviewed,
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentExchangeHeld,
    AssessmentRecorded,
    CaseConferenceHeld,
    CaseOpened,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConsultationReceived,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DevelopmentPurpose,
    EvaluationCollected,
    EvaluationTopic,
    FundingSecured,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    MeetingHeld,
    NextYearPlanAdopted,
    OutreachDone,
    ParticipationSupportStarted,
    PlanMade,
    ProgressReported,
    ProjectComponent,
    ReferralAccepted,
    ReferralCancelled,
    ReferralCompleted,
    ReferralFailed,
    ReferralRejected,
    ReferralRequested,
    ResourceCreated,
    ResourceKind,
    Route,
    SharingConsultationHeld,
    SurveyConducted,
    TargetSet,
    TrainingHeld,
)
from hokatsu.facts import FRESH, CaseInfo, Context
from hokatsu.indicators.accessors import (
    All,
    Always,
    Any,
    Attr,
    Case,
    CaseAttr,
    Days,
    Equals,
    In,
    Is,
    IsNot,
    Item,
    Not,
    OfType,
    Referral,
    Session,
)
from hokatsu.indicators.model import (
    CaseLabels,
    Cases,
    Composite,
    Count,
    CtxAttr,
    Distinct,
    Flag,
    Indicator,
    IndicatorKind,
    IsZero,
    Mean,
    PerCapita,
    Ratio,
    Scores,
    Sum,
    Tally,
    Viewpoint,
)

__all__ = ["BY_ID", "CATALOGUE", "EXTRAS", "MULTILAYERED", "REPORT"]

ACT, OUT, X = IndicatorKind.ACTIVITY, IndicatorKind.OUTCOME, IndicatorKind.CONTEXT
V1, V2, V3, V4, V5 = (Viewpoint.GRASP_ISSUES, Viewpoint.INDIVIDUAL_SUPPORT,
                      Viewpoint.DEVELOP_RESOURCES, Viewpoint.MANAGE_SYSTEM, Viewpoint.RUN_MEETING)

_RESPONSE = ItemOutcome.RESPONSE_PRESENTED

_SETTLING = frozenset(o for o in ItemOutcome if o.settles)

# The catalogue is written with the public algebra only (hokatsu.indicators.accessors), so that
# a user's indicators are exactly as fast as these: the engine writes accessors into its
# handlers, and calls the few functions left (for rare events, or labels no accessor makes).

_PROMOTION_SESSION = Session("promotion")
_PROMOTION_ITEM = Item("promotion")
# an item escalated from another 推進会議 item is the same issue
_NEW_COMMUNITY_ISSUE = All(IsNot("theme", None), _PROMOTION_SESSION,
                           Not(Item("promotion", key="escalated_from")))
_RESPONSE_TO_ISSUE = All(Is("outcome", _RESPONSE), IsNot(Item("theme"), None), _PROMOTION_ITEM)
_SETTLED_AT_PROMOTION = All(In("outcome", _SETTLING), _PROMOTION_ITEM)


def _purpose(purpose: DevelopmentPurpose) -> Is:
    return Is("purpose", purpose)


def _resource(kind: ResourceKind) -> Is:
    return Is("kind", kind)


def _measure_started(domain: MeasureDomain) -> Is:
    return Is("domain", domain)


def _measure_completed(domain: MeasureDomain) -> t.Any:
    return lambda e, ctx: ctx.measure_domain(e.measure_id) is domain


def _topic(topic: EvaluationTopic) -> Is:
    return Is("topic", topic)


_PARTICIPANTS = Attr("participants")


def _i(id_: str, name: str, viewpoint: Viewpoint, kind: IndicatorKind, unit: str,
       events: tuple[type, ...], measure: t.Any, description: str, **extra: t.Any) -> Indicator:
    return Indicator(id=id_, name=name, viewpoint=viewpoint, kind=kind, unit=unit,
                     events=events, measure=measure, description=description, **extra)


_REPORT_OUTCOMES = ("1O1", "1O2", "2O1", "2O2", "2O3", "3O1", "3O2", "3O3", "3O4", "3O5", "3O6",
                    "4O1", "4O2", "4O3", "4O4", "5O1", "5O2", "5O3")

#: The report's indicators, 1A1 to 5O4, in the report's order (第4章 2.(3)).
REPORT: tuple[Indicator, ...] = (
    # (3)-1 相談支援に関する課題の把握
    _i("1A1", "意見交換の実施回数", V1, ACT, "回", (CommunityExchangeHeld,), Count(),
       "Exchanges of views held with community actors."),
    _i("1A2", "地域の会合への出席回数", V1, ACT, "回", (CommunityGatheringAttended,), Count(),
       "Community gatherings attended."),
    _i("1A3", "アンケート調査実施回数", V1, ACT, "回", (SurveyConducted,), Count(),
       "Questionnaire surveys of community issues held."),
    _i("1A4", "アンケート調査項目数", V1, ACT, "項目", (SurveyConducted,),
       Sum(Attr("items")), "Questionnaire items asked, over the surveys held."),
    _i("1A5", "アンケート調査回答人数", V1, ACT, "人", (SurveyConducted,),
       Sum(Attr("respondents")), "Respondents, over the surveys held."),
    _i("1A6", "ヒアリング実施機関数", V1, ACT, "機関", (AgencyInterviewed,),
       Distinct(Attr("agency_id")), "Distinct agencies interviewed."),
    _i("1A7", "地域の主体と連携したアウトリーチ実施回数", V1, ACT, "回", (OutreachDone,), Count(),
       "Outreach done together with community actors.",
       where=Attr("actor_ids")),
    _i("1O1", "相談支援包括化推進会議等で議題に取り上げた課題数", V1, OUT, "件",
       (AgendaItemRaised,), Count(),
       "Community issues taken up as agenda items at 推進会議 sessions, each issue once (an "
       "item escalated from another 推進会議 item is the same issue).",
       where=_NEW_COMMUNITY_ISSUE),
    _i("1O2", "相談支援包括化推進会議等で対応策が提示された課題数", V1, OUT, "件",
       (AgendaItemConcluded,), Count(),
       "Community issues for which a 推進会議 session presented a response.",
       where=_RESPONSE_TO_ISSUE),
    # (3)-2 個別相談に関する支援
    _i("2A1", "相談支援包括化推進員の視点からインテーク・アセスメントを行った事例数", V2, ACT,
       "件", (AssessmentRecorded,), Distinct(Attr("case_id")),
       "Distinct cases given intake or assessment with a coordinator.",
       where=IsNot("coordinator_id", None)),
    _i("2A2", "複数分野の関係機関が連携・対応した事例数", V2, ACT, "件", (),
       Cases(CaseAttr("multi_field")),
       "Distinct cases handled in the period that, at the end of a month in which they were "
       "handled, had at least two agencies covering at least two fields involved."),
    _i("2A3", "複数分野の関係機関が連携・対応した事例のケース会議開催数", V2, ACT, "回",
       (CaseConferenceHeld,), Count(), "Case conferences of multi-field cases (2A2).",
       where=Case("multi_field")),
    _i("2A4", "世帯全体の支援を検討・実施した事例数", V2, ACT, "件", (),
       Cases(CaseAttr("whole_household")),
       "Distinct cases handled in the period whose latest plan, at the end of a month in which "
       "they were handled, addressed the household as a whole: a household-wide role, or roles "
       "for at least two members covering every member with an issue of their own."),
    _i("2A5", "世帯全体の支援を検討・実施した事例のケース会議開催数", V2, ACT, "回",
       (CaseConferenceHeld,), Count(), "Case conferences of whole-household cases (2A4).",
       where=Case("whole_household")),
    _i("2O1", "相談支援包括化推進会議等を通じて新たに支援につながった事例数", V2, OUT, "件",
       (ReferralAccepted,), Distinct(CtxAttr("fresh_connection")),
       "Cases whose referral was accepted after a 推進会議 session discussed them, counted "
       "once, when first connected."),
    _i("2O2", "困難事例等への対応において新たに連携した機関数", V2, OUT, "機関",
       FRESH["fresh_hard_agencies"],
       Distinct(CtxAttr("fresh_hard_agencies"), many=True),
       "Agencies cooperating in a hard case (types ①–④) for the first time."),
    _i("2O3", "困難事例等への対応を円滑化するツール等の開発数", V2, OUT, "件",
       (ResourceCreated,), Count(), "Tools created to smooth hard-case handling.",
       where=_resource(ResourceKind.TOOL)),
    # (3)-3 相談支援機能強化に資する資源等の開発推進
    _i("3A1", "地域資源創出に向けた地域主体との協議件数", V3, ACT, "件",
       (DevelopmentConsultationHeld,), Count(),
       "Consultations with community actors toward new resources.",
       where=_purpose(DevelopmentPurpose.RESOURCES)),
    _i("3A2", "地域資源創出に向けた会議等開催件数", V3, ACT, "件", (DevelopmentMeetingHeld,),
       Count(), "Meetings toward new resources.", where=_purpose(DevelopmentPurpose.RESOURCES)),
    _i("3A3", "地域資源創出に向けた会議等参加者数", V3, ACT, "人", (DevelopmentMeetingHeld,),
       Sum(_PARTICIPANTS), "Participants in meetings toward new resources.",
       where=_purpose(DevelopmentPurpose.RESOURCES)),
    _i("3A4", "地域資源の創出に参加した機関数", V3, ACT, "機関",
       (DevelopmentMeetingHeld, ResourceCreated),
       Distinct(lambda e, ctx: e.partner_ids if isinstance(e, ResourceCreated)
                else e.agency_ids, many=True),
       "Distinct agencies in meetings toward new resources or partners of new resources.",
       where=lambda e, ctx: isinstance(e, ResourceCreated)
       or e.purpose is DevelopmentPurpose.RESOURCES),
    _i("3A5", "財源の創出に向けた地域主体との協議件数", V3, ACT, "件",
       (DevelopmentConsultationHeld,), Count(),
       "Consultations with community actors toward funding.",
       where=_purpose(DevelopmentPurpose.FUNDING)),
    _i("3A6", "財源の創出に向けた会議等開催件数", V3, ACT, "件", (DevelopmentMeetingHeld,),
       Count(), "Meetings toward funding.", where=_purpose(DevelopmentPurpose.FUNDING)),
    _i("3A7", "財源の創出に向けた会議等参加者数", V3, ACT, "人", (DevelopmentMeetingHeld,),
       Sum(_PARTICIPANTS), "Participants in meetings toward funding.",
       where=_purpose(DevelopmentPurpose.FUNDING)),
    _i("3O1", "新たに包括的相談支援体制に参画した主体数", V3, OUT, "主体", (ActorJoined,),
       Count(), "Agencies and community actors newly joining the comprehensive system."),
    _i("3O2", "新たに整備された相談支援に係る拠点数", V3, OUT, "箇所", (ResourceCreated,),
       Count(), "New consultation bases.", where=_resource(ResourceKind.BASE)),
    _i("3O3", "新たに開始した地域向けサービス数", V3, OUT, "件", (ResourceCreated,), Count(),
       "New community services started.", where=_resource(ResourceKind.COMMUNITY_SERVICE)),
    _i("3O4", "新たに創出された財源の種類数", V3, OUT, "種類", (FundingSecured,),
       Distinct(Attr("kind")), "Distinct kinds of new funding."),
    _i("3O5", "新たに創出された財源の金額", V3, OUT, "円", (FundingSecured,),
       Sum(Attr("amount_yen")), "Amount of new funding."),
    _i("3O6", "新たに予算化された財源の金額", V3, OUT, "円", (FundingSecured,),
       Sum(Attr("amount_yen")), "Amount of new funding newly budgeted.",
       where=Attr("newly_budgeted")),
    # (3)-4 相談支援体制の構築・マネジメント
    _i("4A1", "課題解決に向けた施策着手件数", V4, ACT, "件", (MeasureStarted,), Count(),
       "Measures started to solve system issues.",
       where=_measure_started(MeasureDomain.SYSTEM)),
    _i("4A2", "次年度以降の対応計画の策定有無", V4, ACT, "有無", (NextYearPlanAdopted,), Flag(),
       "Whether a plan for next year and after was adopted (1 yes, 0 no)."),
    _i("4A3", "情報共有の円滑化に向けた関係機関の協議件数", V4, ACT, "件",
       (SharingConsultationHeld,), Count(),
       "Consultations among agencies to smooth information sharing."),
    _i("4A4", "情報共有の円滑化に向けた施策着手件数", V4, ACT, "件", (MeasureStarted,), Count(),
       "Measures started to smooth information sharing.",
       where=_measure_started(MeasureDomain.INFORMATION_SHARING)),
    _i("4A5", "関係専門職を対象とした研修の実施回数", V4, ACT, "回", (TrainingHeld,), Count(),
       "Trainings for professionals."),
    _i("4A6", "関係専門職を対象とした研修の参加者数", V4, ACT, "人", (TrainingHeld,),
       Sum(_PARTICIPANTS), "Participants in trainings for professionals."),
    _i("4A7", "アセスメントの課題等に関する関係専門職との意見交換実施回数", V4, ACT, "回",
       (AssessmentExchangeHeld,), Count(), "Exchanges with professionals on assessment."),
    _i("4A8", "アセスメントの課題等に関する関係専門職との意見交換参加者数", V4, ACT, "人",
       (AssessmentExchangeHeld,), Sum(_PARTICIPANTS),
       "Participants in exchanges on assessment."),
    _i("4O1", "課題解決に向けた施策完了件数", V4, OUT, "件", (MeasureCompleted,), Count(),
       "System measures completed.", where=_measure_completed(MeasureDomain.SYSTEM)),
    _i("4O2", "相談支援体制の改善に関する関係機関からの評価", V4, OUT, "点",
       (EvaluationCollected,), Scores(Attr("counts")),
       "Agencies' questionnaire evaluation of the system's improvement (mean score).",
       where=_topic(EvaluationTopic.SYSTEM_IMPROVEMENT)),
    _i("4O3", "情報共有の円滑化に向けた施策完了件数", V4, OUT, "件", (MeasureCompleted,),
       Count(), "Information-sharing measures completed.",
       where=_measure_completed(MeasureDomain.INFORMATION_SHARING)),
    _i("4O4", "情報共有の仕組みの改善に関する関係機関からの評価", V4, OUT, "点",
       (EvaluationCollected,), Scores(Attr("counts")),
       "Agencies' questionnaire evaluation of information sharing (mean score).",
       where=_topic(EvaluationTopic.INFORMATION_SHARING)),
    # (3)-5 包括化推進会議の運営
    _i("5A1", "会議開催回数", V5, ACT, "回", (MeetingHeld,), Count(),
       "Sessions of 推進会議 bodies; groups: plenary and subcommittee sessions.",
       where=_PROMOTION_SESSION, group=Session("part"), groups=("plenary", "subcommittee")),
    _i("5A2", "会議参加機関数", V5, ACT, "機関", (MeetingHeld,),
       Distinct(Attr("agency_ids"), many=True),
       "Distinct agencies attending 推進会議 sessions.", where=_PROMOTION_SESSION),
    _i("5A3", "会議参加者数", V5, ACT, "人", (MeetingHeld,), Sum(_PARTICIPANTS),
       "Participants in 推進会議 sessions (head count).", where=_PROMOTION_SESSION),
    _i("5A4", "会議設定議題数", V5, ACT, "件", (AgendaItemRaised,), Count(),
       "Agenda items set at 推進会議 sessions.", where=_PROMOTION_SESSION),
    _i("5O1", "包括化推進会議を通じた連携強化の成果に関する参加者からの評価", V5, OUT, "点",
       (EvaluationCollected,), Scores(Attr("counts")),
       "Participants' questionnaire evaluation of the meeting's effect on cooperation "
       "(questionnaires about a body outside the 推進会議 do not count).",
       where=lambda e, ctx: e.topic is EvaluationTopic.MEETING_EFFECT
       and (e.body_id is None or ctx.is_promotion_body(e.body_id))),
    _i("5O2", "会議における合意や結論が明確になった議題", V5, OUT, "件",
       (AgendaItemConcluded,), Count(),
       "Agenda items of 推進会議 sessions that reached an agreement or a response.",
       where=_SETTLED_AT_PROMOTION),
    _i("5O3", "会議での継続テーマにおける進捗報告数", V5, OUT, "件", (ProgressReported,),
       Count(), "Progress reports on continuing themes at 推進会議 sessions.",
       where=_PROMOTION_ITEM),
    Indicator(id="5O4", name="包括的な相談支援体制の整備が前進したか", viewpoint=V5, kind=OUT,
              measure=Composite(_REPORT_OUTCOMES),
              description="Judged with the other outcomes: which of them moved since the "
                          "previous period, not a score."),
)


def _multi_field_label(case: CaseInfo) -> str | None:
    return "multi_field" if case.multi_field else None


def _settling_tier(e: AgendaItemConcluded, ctx: Context) -> str:
    return f"tier {ctx.item(e.item_id).tier}"


def _first_referral_wait(e: ReferralRequested, ctx: Context) -> float | None:
    case = ctx.case(e.case_id)
    if case.first_referral_id != e.referral_id:
        return None
    return (e.date - (case.intake or case.opened)).days


#: hokatsu's indicators beyond the report.
EXTRAS: tuple[Indicator, ...] = (
    _i("consultations", "相談受付件数", Viewpoint.BEYOND, X, "件", (ConsultationReceived,),
       Count(), "Consultations received, by main content (江戸川区's categories).",
       group=Attr("content"), groups=tuple(c.value for c in ConsultationContent)),
    _i("cases_opened", "新規受付事例数", Viewpoint.BEYOND, X, "件", (CaseOpened,), Count(),
       "Cases opened, by route.", group=Attr("route"),
       groups=tuple(r.value for r in Route)),
    _i("plans_made", "プラン作成件数", Viewpoint.BEYOND, X, "件", (PlanMade,), Count(),
       "Cases given their first support plan.", where=Equals(Case("plans"), 1)),
    _i("hard_case_types", "困難事例等の類型別割合", Viewpoint.BEYOND, X, "割合", (),
       CaseLabels(CaseAttr("hard_type")),
       "Cases handled in the period (total) and, per type ①–④, the share of them whose "
       "issues made them that type at the end of the last month they were handled in.",
       groups=tuple(t.value for t in HardCaseType)),
    _i("multi_field_share", "複数分野で対応した事例の割合", Viewpoint.BEYOND, X, "割合", (),
       CaseLabels(_multi_field_label),
       "Cases handled in the period and the share handled by agencies of several fields.",
       groups=("multi_field",)),
    _i("settled_tier", "事例が解決に至った会議の層", Viewpoint.BEYOND, X, "件",
       (AgendaItemConcluded,), Count(),
       "Case items settled (agreement or response), by the tier of the body that settled "
       "them.",
       where=All(In("outcome", _SETTLING), IsNot(Item("case_id"), None)),
       group=_settling_tier),
    _i("escalation_days", "上位の会議への提示から協議までの日数", Viewpoint.BEYOND, X, "日",
       (AgendaItemRaised,), Mean(Days(Item("concluded", key="escalated_from"), Attr("date"))),
       "Mean days from an escalation to the higher body taking the item up."),
    _i("referral_acceptance", "つなぎの受諾率", Viewpoint.BEYOND, X, "割合",
       (ReferralAccepted, ReferralRejected),
       Ratio(OfType((ReferralAccepted,)), Always()),
       "Referrals accepted among those accepted or rejected in the period."),
    _i("referral_completion", "つなぎの完了率", Viewpoint.BEYOND, X, "割合",
       (ReferralCompleted, ReferralFailed, ReferralCancelled),
       Ratio(OfType((ReferralCompleted,)),
             Any(Not(OfType((ReferralCancelled,))), IsNot(Referral("accepted"), None))),
       "Accepted referrals completed among those that ended (completed, failed, or "
       "cancelled after acceptance) in the period."),
    _i("days_to_accept", "つなぎの受諾までの日数", Viewpoint.BEYOND, X, "日",
       (ReferralAccepted,),
       Mean(Days(Referral("requested"), Attr("date"))),
       "Mean days from a referral's request to its acceptance."),
    _i("days_to_first_referral", "インテークから最初のつなぎまでの日数", Viewpoint.BEYOND, X,
       "日", (ReferralRequested,), Mean(_first_referral_wait),
       "Mean days from a case's intake (or opening) to its first referral."),
    _i("consultations_per_100k", "人口10万人当たり月間相談受付件数", Viewpoint.BEYOND, X,
       "件/10万人/月", (), PerCapita("consultations"),
       "Consultations received per 100,000 residents per month."),
    _i("cases_per_100k", "人口10万人当たり月間新規受付事例数", Viewpoint.BEYOND, X,
       "件/10万人/月", (), PerCapita("cases_opened"),
       "Cases opened per 100,000 residents per month."),
    _i("plans_per_100k", "人口10万人当たり月間プラン作成件数", Viewpoint.BEYOND, X,
       "件/10万人/月", (), PerCapita("plans_made"),
       "First support plans per 100,000 residents per month."),
    _i("no_multi_agency_cases", "多機関協働事例がなかった年度", Viewpoint.BEYOND, X, "有無", (),
       IsZero("2A2"), "1 when no case was handled by agencies of several fields (2A2 = 0).",
       grains=frozenset({PeriodKind.FISCAL_YEAR})),
    _i("no_targets", "目標が設定されていない年度", Viewpoint.BEYOND, X, "有無", (TargetSet,),
       Flag(absent=True), "1 when no quantitative target was set for the fiscal year.",
       when=lambda e: FiscalYear(e.fiscal_year).start,
       grains=frozenset({PeriodKind.FISCAL_YEAR})),
)

#: Every indicator hokatsu computes by default, the report's and then the extras.
CATALOGUE: tuple[Indicator, ...] = REPORT + EXTRAS

_COMMUNITY_BUILDING = Is("component", ProjectComponent.COMMUNITY_BUILDING)


def _person(e: ParticipationSupportStarted, ctx: Context) -> tuple[str, str | None]:
    return e.case_id, e.member_id


#: The figures the government asks of the 重層的支援体制整備事業 (社会福祉法 第106条の4第2項,
#: DOMAIN.md §9), in order 相談受付件数 (the extras' ``consultations``, one definition for
#: both), then those of 参加支援 (2号) and 地域づくり (3号).
MULTILAYERED: tuple[Indicator, ...] = (
    EXTRAS[0],
    _i("participation_people", "参加支援 支援対象者数", Viewpoint.BEYOND, X, "人",
       (ParticipationSupportStarted,), Distinct(_person),
       "Distinct people (a case's person, or a named member) who started participation "
       "support (参加支援事業, 2号) in the period."),
    _i("participation_partners", "参加支援 協力事業者数", Viewpoint.BEYOND, X, "事業者",
       (ParticipationSupportStarted,), Distinct(Attr("partner_id")),
       "Distinct businesses and organisations cooperating in participation support that "
       "took someone in during the period."),
    _i("community_bases", "地域づくり 拠点数", Viewpoint.BEYOND, X, "か所",
       (ActivitySessionHeld,), Distinct(Attr("base_id")),
       "Distinct bases (拠点) where community-building sessions (地域づくり事業, 3号) were "
       "held in the period.", where=_COMMUNITY_BUILDING),
    _i("community_participants", "地域づくり 参加者数", Viewpoint.BEYOND, X, "人",
       (ActivitySessionHeld,), Tally(Attr("counts")),
       "Attendance of community-building sessions (every session's attendees; a person "
       "coming twice counts twice), in all and by category.", where=_COMMUNITY_BUILDING),
    _i("community_agencies", "地域づくり 参加機関数", Viewpoint.BEYOND, X, "機関",
       (ActivitySessionHeld,), Distinct(Attr("partner_ids"), many=True),
       "Distinct agencies taking part in running community-building sessions in the period.",
       where=_COMMUNITY_BUILDING),
)

#: Both catalogues by id.
BY_ID: dict[str, Indicator] = {i.id: i for i in (*CATALOGUE, *MULTILAYERED)}
