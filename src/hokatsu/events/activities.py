"""Events of the coordinator's and the system's activity, as the indicators need them.

Each event records one fact that an operation-stage indicator of 第4章 2.(3) counts, sums or
scores: exchanges with community actors, surveys, interviews, outreach, work toward new
resources and funding, resources created, funding secured, actors joining, measures started and
completed, trainings, assessment exchanges, evaluations collected by questionnaire, next year's
plan, targets, and consultations received at a base; and the sessions of participation and
community activities and the participation support that the 重層的支援体制整備事業 counts. Every
one but the last carries ``area_id``, the area where it happened (the root area for city-wide
activity), so that indicators roll up the tree; participation support happens in its case's
area.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.domain.fields import ConsultationContent
from hokatsu.errors import InvalidValueError
from hokatsu.events.base import Event, ref

__all__ = [
    "ActivityKind",
    "ActivitySessionHeld",
    "ActorJoined",
    "AgencyInterviewed",
    "AreaEvent",
    "AssessmentExchangeHeld",
    "AttendeeCategory",
    "CommunityExchangeHeld",
    "CommunityGatheringAttended",
    "ConsultationReceived",
    "DevelopmentConsultationHeld",
    "DevelopmentMeetingHeld",
    "DevelopmentPurpose",
    "EvaluationCollected",
    "EvaluationTopic",
    "FundingKind",
    "FundingSecured",
    "Headcount",
    "MeasureCompleted",
    "MeasureDomain",
    "MeasureStarted",
    "NextYearPlanAdopted",
    "OutreachDone",
    "ParticipationSupportStarted",
    "ProjectComponent",
    "ResourceCreated",
    "ResourceKind",
    "SharingConsultationHeld",
    "SurveyConducted",
    "TargetSet",
    "TrainingHeld",
]

_OPT_ID = v.optional(v.ID)
_IDS = v.frozenset_of(v.ID)
_COUNT = v.integer(0, 10_000_000)


@attrs.frozen(kw_only=True)
class AreaEvent(Event):
    """An activity that happened in one area (base class).

    Args:
        area_id: the area, the root for city-wide activity.
        coordinator_id: the coordinator who did or organised it, if any.

    Each concrete subclass adds its own fields and a ``TYPE`` tag.

    Examples:
        >>> import datetime as dt
        >>> event = OutreachDone(id="e1", date=dt.date(2017, 4, 1), area_id="himi-d01")
        >>> isinstance(event, AreaEvent), event.coordinator_id
        (True, None)
    """

    area_id: str = attrs.field(validator=v.ID, metadata=ref("area"))
    coordinator_id: str | None = attrs.field(
        default=None, validator=_OPT_ID, metadata=ref("coordinator"))


# (3)-1 grasping issues -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CommunityExchangeHeld(AreaEvent):
    """An exchange of views (意見交換) with community actors (1A1).

    Examples:
        >>> import datetime as dt
        >>> event = CommunityExchangeHeld(id='e1', date=dt.date(2017, 4, 20), area_id='himi-n153',
        ...     coordinator_id='himi-csw2', actor_ids=frozenset({'himi-jichi'}))
        >>> event.TYPE
        'community_exchange_held'
    """

    TYPE: ClassVar[str] = "community_exchange_held"
    actor_ids: frozenset[str] = attrs.field(
        validator=v.frozenset_of(v.ID, nonempty=True), metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class CommunityGatheringAttended(AreaEvent):
    """Attendance at a community gathering (地域の集まり) (1A2).

    Examples:
        >>> import datetime as dt
        >>> event = CommunityGatheringAttended(id='e1', date=dt.date(2017, 4, 9),
        ...     area_id='himi-n069',
        ...     coordinator_id='himi-csw2', actor_ids=frozenset({'himi-minsei'}))
        >>> event.TYPE
        'community_gathering_attended'
    """

    TYPE: ClassVar[str] = "community_gathering_attended"
    actor_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class SurveyConducted(AreaEvent):
    """A questionnaire survey of community issues (1A3), its items (1A4) and respondents
    (1A5).

    Examples:
        >>> import datetime as dt
        >>> event = SurveyConducted(id='e1', date=dt.date(2017, 11, 21), area_id='himi',
        ...     coordinator_id='himi-csw2', items=17, respondents=1320)
        >>> event.TYPE
        'survey_conducted'
    """

    TYPE: ClassVar[str] = "survey_conducted"
    items: int = attrs.field(validator=v.integer(1, 10_000))
    respondents: int = attrs.field(validator=_COUNT)


@attrs.frozen(kw_only=True)
class AgencyInterviewed(AreaEvent):
    """An agency interviewed (ヒアリング) about its issues (1A6 counts distinct agencies).

    Examples:
        >>> import datetime as dt
        >>> event = AgencyInterviewed(id='e1', date=dt.date(2017, 9, 2), area_id='himi',
        ...     coordinator_id='himi-csw2', agency_id='himi-swc')
        >>> event.TYPE
        'agency_interviewed'
    """

    TYPE: ClassVar[str] = "agency_interviewed"
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class OutreachDone(AreaEvent):
    """Outreach (アウトリーチ); 1A7 counts those done with community actors.

    Examples:
        >>> import datetime as dt
        >>> event = OutreachDone(id='e1', date=dt.date(2017, 4, 1), area_id='himi-n200',
        ...     coordinator_id='himi-csw2')
        >>> event.TYPE
        'outreach_done'
    """

    TYPE: ClassVar[str] = "outreach_done"
    actor_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))
    case_id: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("case"))


# (3)-3 developing resources ------------------------------------------------------------------


class DevelopmentPurpose(Labelled):
    """What development work aims at: new resources or new funding (第4章 2.(3)-3).

    Examples:
        >>> DevelopmentPurpose.FUNDING.label
        '財源の確保'
    """

    RESOURCES = ("resources", "社会資源の開発")
    FUNDING = ("funding", "財源の確保")


@attrs.frozen(kw_only=True)
class DevelopmentConsultationHeld(AreaEvent):
    """A consultation with community actors toward new resources (3A1) or funding (3A5).

    Examples:
        >>> import datetime as dt
        >>> event = DevelopmentConsultationHeld(id='e1', date=dt.date(2017, 11, 7),
        ...     area_id='himi', purpose=DevelopmentPurpose.FUNDING,
        ...     actor_ids=frozenset({'himi-jichi'}))
        >>> event.TYPE
        'development_consultation_held'
    """

    TYPE: ClassVar[str] = "development_consultation_held"
    purpose: DevelopmentPurpose = attrs.field(validator=v.enum_of(DevelopmentPurpose))
    actor_ids: frozenset[str] = attrs.field(
        validator=v.frozenset_of(v.ID, nonempty=True), metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class DevelopmentMeetingHeld(AreaEvent):
    """A meeting toward new resources (3A2, participants 3A3, agencies 3A4) or funding
    (3A6, participants 3A7).

    Examples:
        >>> import datetime as dt
        >>> event = DevelopmentMeetingHeld(id='e1', date=dt.date(2017, 11, 21), area_id='himi',
        ...     purpose=DevelopmentPurpose.FUNDING, agency_ids=frozenset({'himi-swc',
        ...     'himi-welfare'}),
        ...     participants=12)
        >>> event.TYPE
        'development_meeting_held'
    """

    TYPE: ClassVar[str] = "development_meeting_held"
    purpose: DevelopmentPurpose = attrs.field(validator=v.enum_of(DevelopmentPurpose))
    agency_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))
    participants: int = attrs.field(validator=v.integer(1, 100_000))


class ResourceKind(Labelled):
    """Kinds of new resources the indicators count.

    Examples:
        >>> [k.label for k in ResourceKind]
        ['相談の拠点', '地域のサービス・活動', '困難事例対応のツール']
    """

    BASE = ("base", "相談の拠点")  # 3O2
    COMMUNITY_SERVICE = ("community_service", "地域のサービス・活動")  # 3O3
    TOOL = ("tool", "困難事例対応のツール")  # 2O3


@attrs.frozen(kw_only=True)
class ResourceCreated(AreaEvent):
    """A new resource: a consultation base (3O2), a community service (3O3) or a tool for
    hard cases (2O3); its partners count toward 3A4.

    Examples:
        >>> import datetime as dt
        >>> event = ResourceCreated(id='e1', date=dt.date(2017, 11, 28), area_id='himi-b3',
        ...     resource_id='r-salon', kind=ResourceKind.COMMUNITY_SERVICE,
        ...     name='上庄谷見守りサロン',
        ...     partner_ids=frozenset({'himi-chiku-swc', 'himi-minsei'}))
        >>> event.TYPE
        'resource_created'
    """

    TYPE: ClassVar[str] = "resource_created"
    resource_id: str = attrs.field(validator=v.ID, metadata=ref("resource", new=True))
    kind: ResourceKind = attrs.field(validator=v.enum_of(ResourceKind))
    name: str = attrs.field(validator=v.TEXT)
    partner_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))


class FundingKind(Labelled):
    """Sources of independent funding (実施要綱 item 5, 第1章 2.(2)).

    Examples:
        >>> FundingKind.COMMUNITY_CHEST.label
        '共同募金'
    """

    CORPORATION_CONTRIBUTION = ("corporation_contribution", "社会福祉法人の地域貢献")
    COMMUNITY_CHEST = ("community_chest", "共同募金")
    CORPORATE_DONATION = ("corporate_donation", "企業からの寄付")
    INDIVIDUAL_DONATION = ("individual_donation", "個人からの寄付")
    MUNICIPAL_BUDGET = ("municipal_budget", "自治体の予算")
    SUBSIDY = ("subsidy", "補助金・助成金")
    OTHER = ("other", "その他")


@attrs.frozen(kw_only=True)
class FundingSecured(AreaEvent):
    """New funding: its kind (3O4), amount in yen (3O5) and whether newly budgeted (3O6).

    Examples:
        >>> import datetime as dt
        >>> event = FundingSecured(id='e1', date=dt.date(2017, 12, 1), area_id='himi',
        ...     kind=FundingKind.COMMUNITY_CHEST, amount_yen=300000)
        >>> event.TYPE
        'funding_secured'
    """

    TYPE: ClassVar[str] = "funding_secured"
    kind: FundingKind = attrs.field(validator=v.enum_of(FundingKind))
    amount_yen: int = attrs.field(validator=v.integer(0, 10**13))
    newly_budgeted: bool = attrs.field(default=False, validator=v.BOOL)


@attrs.frozen(kw_only=True)
class ActorJoined(AreaEvent):
    """An agency or community actor newly joins the comprehensive system (3O1).

    Examples:
        >>> import datetime as dt
        >>> event = ActorJoined(id='e1', date=dt.date(2017, 11, 28), area_id='himi-b3',
        ...     agency_id='himi-chiku-swc')
        >>> event.TYPE
        'actor_joined'
    """

    TYPE: ClassVar[str] = "actor_joined"
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))


# (3)-4 building and managing the system ------------------------------------------------------


class MeasureDomain(Labelled):
    """What a measure improves: the system (4A1/4O1) or information sharing (4A4/4O3).

    Examples:
        >>> MeasureDomain.INFORMATION_SHARING.label
        '情報共有の円滑化'
    """

    SYSTEM = ("system", "体制の課題解決")
    INFORMATION_SHARING = ("information_sharing", "情報共有の円滑化")


@attrs.frozen(kw_only=True)
class MeasureStarted(AreaEvent):
    """A measure to solve a system issue (4A1) or to smooth information sharing (4A4).

    Examples:
        >>> import datetime as dt
        >>> event = MeasureStarted(id='e1', date=dt.date(2017, 5, 1), area_id='himi',
        ...     measure_id='m-desk', domain=MeasureDomain.SYSTEM,
        ...     title='全地区への地域相談窓口の設置')
        >>> event.TYPE
        'measure_started'
    """

    TYPE: ClassVar[str] = "measure_started"
    measure_id: str = attrs.field(validator=v.ID, metadata=ref("measure", new=True))
    domain: MeasureDomain = attrs.field(validator=v.enum_of(MeasureDomain))
    title: str = attrs.field(validator=v.TEXT)


@attrs.frozen(kw_only=True)
class MeasureCompleted(Event):
    """A started measure is completed (4O1, 4O3); it counts in the measure's area.

    Examples:
        >>> import datetime as dt
        >>> event = MeasureCompleted(id='e1', date=dt.date(2017, 10, 31), measure_id='m-sheet')
        >>> event.TYPE
        'measure_completed'
    """

    TYPE: ClassVar[str] = "measure_completed"
    measure_id: str = attrs.field(validator=v.ID, metadata=ref("measure"))


@attrs.frozen(kw_only=True)
class NextYearPlanAdopted(AreaEvent):
    """A plan for next year and after is adopted (4A2, yes/no).

    Examples:
        >>> import datetime as dt
        >>> event = NextYearPlanAdopted(id='e1', date=dt.date(2018, 3, 20), area_id='himi',
        ...     fiscal_year=2018)
        >>> event.TYPE
        'next_year_plan_adopted'
    """

    TYPE: ClassVar[str] = "next_year_plan_adopted"
    fiscal_year: int = attrs.field(validator=v.integer(1868, 9998))


@attrs.frozen(kw_only=True)
class SharingConsultationHeld(AreaEvent):
    """A consultation among agencies to smooth information sharing (4A3).

    Examples:
        >>> import datetime as dt
        >>> event = SharingConsultationHeld(id='e1', date=dt.date(2017, 6, 14), area_id='himi',
        ...     agency_ids=frozenset({'himi-cgsc', 'himi-swc', 'himi-welfare'}))
        >>> event.TYPE
        'sharing_consultation_held'
    """

    TYPE: ClassVar[str] = "sharing_consultation_held"
    agency_ids: frozenset[str] = attrs.field(
        validator=v.frozenset_of(v.ID, nonempty=True), metadata=ref("agency"))


@attrs.frozen(kw_only=True)
class TrainingHeld(AreaEvent):
    """A training for professionals (4A5) and its participants (4A6).

    Examples:
        >>> import datetime as dt
        >>> event = TrainingHeld(id='e1', date=dt.date(2017, 7, 12), area_id='himi',
        ...     participants=46, title='相談対応研修')
        >>> event.TYPE
        'training_held'
    """

    TYPE: ClassVar[str] = "training_held"
    participants: int = attrs.field(validator=v.integer(1, 100_000))
    title: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))


@attrs.frozen(kw_only=True)
class AssessmentExchangeHeld(AreaEvent):
    """An exchange with professionals on assessment issues (4A7) and its participants (4A8).

    Examples:
        >>> import datetime as dt
        >>> event = AssessmentExchangeHeld(id='e1', date=dt.date(2017, 9, 27), area_id='himi',
        ...     agency_ids=frozenset({'himi-branch1', 'himi-cgsc', 'himi-support'}),
        ...     participants=22)
        >>> event.TYPE
        'assessment_exchange_held'
    """

    TYPE: ClassVar[str] = "assessment_exchange_held"
    agency_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))
    participants: int = attrs.field(validator=v.integer(1, 100_000))


class EvaluationTopic(Labelled):
    """What a questionnaire evaluation asks about (第4章 2.(3)-4, -5).

    Examples:
        >>> EvaluationTopic.MEETING_EFFECT.label
        '会議の連携への効果に対する評価'
    """

    SYSTEM_IMPROVEMENT = ("system_improvement", "体制の改善に対する評価")  # 4O2
    INFORMATION_SHARING = ("information_sharing", "情報共有の改善に対する評価")  # 4O4
    MEETING_EFFECT = ("meeting_effect", "会議の連携への効果に対する評価")  # 5O1


@attrs.frozen(kw_only=True)
class EvaluationCollected(AreaEvent):
    """Scores collected by questionnaire (4O2, 4O4, 5O1).

    Args:
        topic: what was evaluated.
        counts: respondents per score, lowest score first: ``counts[0]`` answered 1, …,
            ``counts[-1]`` answered ``len(counts)`` (the top of the scale, 2 to 10).
        body_id: the meeting body evaluated, for a 5O1 survey of one body.

    Examples:
        >>> import datetime as dt
        >>> event = EvaluationCollected(id='e1', date=dt.date(2018, 3, 6), area_id='himi',
        ...     topic=EvaluationTopic.MEETING_EFFECT, counts=(0, 2, 14, 12))
        >>> event.TYPE, event.respondents, round(event.mean, 2)
        ('evaluation_collected', 28, 3.36)
    """

    TYPE: ClassVar[str] = "evaluation_collected"
    topic: EvaluationTopic = attrs.field(validator=v.enum_of(EvaluationTopic))
    counts: tuple[int, ...] = attrs.field(validator=v.tuple_of(_COUNT, nonempty=True))
    body_id: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("body"))

    def __attrs_post_init__(self) -> None:
        if not 2 <= len(self.counts) <= 10 or sum(self.counts) == 0:
            raise InvalidValueError(
                f"EvaluationCollected {self.id!r}", "counts", self.counts,
                "2 to 10 counts (one per score) with at least one respondent",
            )

    @property
    def respondents(self) -> int:
        """Number of respondents.

        Examples:
            >>> import datetime as dt
            >>> event = EvaluationCollected(id="e1", date=dt.date(2018, 3, 1), area_id="himi",
            ...     topic=EvaluationTopic.SYSTEM_IMPROVEMENT, counts=(1, 2, 3))
            >>> event.respondents
            6
        """
        return sum(self.counts)

    @property
    def mean(self) -> float:
        """Mean score on the 1-to-``len(counts)`` scale.

        Examples:
            >>> import datetime as dt
            >>> EvaluationCollected(id="e1", date=dt.date(2018, 3, 1), area_id="himi",
            ...                     topic=EvaluationTopic.SYSTEM_IMPROVEMENT, counts=(1, 2, 3)).mean
            2.3333333333333335
        """
        return sum((i + 1) * c for i, c in enumerate(self.counts)) / self.respondents


@attrs.frozen(kw_only=True)
class TargetSet(AreaEvent):
    """A quantitative target for an indicator in a fiscal year.

    Since the report, 社会福祉法 第106条の5 asks for an implementation plan with targets.

    Args:
        fiscal_year: the fiscal year the target is for.
        indicator_id: the indicator (``"2A2"`` …).
        value: the target value.

    Examples:
        >>> import datetime as dt
        >>> event = TargetSet(id='e1', date=dt.date(2018, 3, 20), area_id='himi', fiscal_year=2018,
        ...     indicator_id='2A2', value=87.0)
        >>> event.TYPE
        'target_set'
    """

    TYPE: ClassVar[str] = "target_set"
    fiscal_year: int = attrs.field(validator=v.integer(1868, 9998))
    indicator_id: str = attrs.field(validator=v.ID)
    value: float = attrs.field(validator=v.number(0))


@attrs.frozen(kw_only=True)
class ConsultationReceived(AreaEvent):
    """A consultation received at a base or desk, by main content (江戸川区, 第3章 2.(2)).

    Args:
        agency_id: the base or desk that received it.
        content: its main content.
        case_id: the case it belongs to, if it became or was part of one.

    Examples:
        >>> import datetime as dt
        >>> event = ConsultationReceived(id='e1', date=dt.date(2018, 1, 6), area_id='himi-n047',
        ...     agency_id='himi-swc', content=ConsultationContent.LIVING)
        >>> event.TYPE
        'consultation_received'
    """

    TYPE: ClassVar[str] = "consultation_received"
    agency_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    content: ConsultationContent = attrs.field(validator=v.enum_of(ConsultationContent))
    case_id: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("case"))


# participation and community activities (重層的支援体制整備事業) -----------------------------


class ProjectComponent(Labelled):
    """A component of the 重層的支援体制整備事業 an activity belongs to (社会福祉法 第106条の4
    第2項; DOMAIN.md §9).

    Examples:
        >>> ProjectComponent.PARTICIPATION_SUPPORT.label
        '参加支援事業'
    """

    PARTICIPATION_SUPPORT = ("participation_support", "参加支援事業")  # 2号
    COMMUNITY_BUILDING = ("community_building", "地域づくり事業")  # 3号
    OUTREACH = ("outreach", "アウトリーチ等を通じた継続的支援事業")  # 4号


class ActivityKind(Labelled):
    """Kinds of participation or community activity held in sessions (江戸川区's なごみの家,
    第3章 2.(2)⑦).

    Examples:
        >>> ActivityKind.CHILDRENS_DINER.label
        'こども食堂'
    """

    GATHERING_SPACE = ("gathering_space", "居場所・集いの場")
    STUDY_SUPPORT = ("study_support", "学習支援")
    CHILDRENS_DINER = ("childrens_diner", "こども食堂")
    SALON = ("salon", "サロン")
    WORK_EXPERIENCE = ("work_experience", "就労体験")
    OTHER = ("other", "その他")


class AttendeeCategory(Labelled):
    """Categories in which an activity's attendance is counted: age bands, school levels, or
    children and adults (the breakdowns of なごみの家's tables, 第3章 2.(2)⑦).

    Examples:
        >>> AttendeeCategory("20_to_64").label
        '20〜64歳'
    """

    UNDER_20 = ("under_20", "19歳以下")
    FROM_20_TO_64 = ("20_to_64", "20〜64歳")
    OVER_64 = ("over_64", "65歳以上")
    ELEMENTARY = ("elementary", "小学生")
    JUNIOR_HIGH = ("junior_high", "中学生")
    HIGH_SCHOOL = ("high_school", "高校生")
    CHILDREN = ("children", "子ども")
    ADULTS = ("adults", "大人")
    UNSPECIFIED = ("unspecified", "区分なし")


@attrs.frozen(kw_only=True)
class Headcount:
    """How many attendees of one category came.

    Args:
        category: the category.
        count: how many (zero allowed).

    Raises:
        InvalidValueError: a category that is not an AttendeeCategory, or a negative count.

    Examples:
        >>> Headcount(category=AttendeeCategory.CHILDREN, count=14).count
        14
    """

    category: AttendeeCategory = attrs.field(validator=v.enum_of(AttendeeCategory))
    count: int = attrs.field(validator=_COUNT)


@attrs.frozen(kw_only=True)
class ActivitySessionHeld(AreaEvent):
    """A session of a participation or community activity, with its attendance by category.

    A gathering space's day, a study-support class, a children's diner, a salon: each session
    is one event, so that indicators count sessions, sum attendance and break it down by
    category (なごみの家's visitors by age band, study support by school level, the diner's
    children and adults, 第3章 2.(2)⑦), and so that the 重層的支援体制整備事業's community
    building figures (拠点数, 参加者数, 参加機関数; DOMAIN.md §9) come from the same records.

    Args:
        activity: what kind of activity.
        attendance: how many came, by category; one Headcount per category.
        base_id: the base (拠点) it was held at, an agency of the directory, if any.
        component: the 重層的支援体制整備事業 component it belongs to, if any.
        partner_ids: agencies taking part in running it (参加機関).

    Examples:
        >>> import datetime as dt
        >>> session = ActivitySessionHeld(
        ...     id="a1", date=dt.date(2016, 6, 4), area_id="edogawa-koiwa",
        ...     activity=ActivityKind.CHILDRENS_DINER, base_id="edogawa-nagomi-koiwa",
        ...     attendance=(Headcount(category=AttendeeCategory.CHILDREN, count=14),
        ...                 Headcount(category=AttendeeCategory.ADULTS, count=5)))
        >>> session.participants
        19
    """

    TYPE: ClassVar[str] = "activity_session_held"
    activity: ActivityKind = attrs.field(validator=v.enum_of(ActivityKind))
    attendance: tuple[Headcount, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(Headcount), nonempty=True))
    base_id: str | None = attrs.field(default=None, validator=_OPT_ID, metadata=ref("agency"))
    component: ProjectComponent | None = attrs.field(
        default=None, validator=v.optional(v.enum_of(ProjectComponent)))
    partner_ids: frozenset[str] = attrs.field(
        default=frozenset(), validator=_IDS, metadata=ref("agency"))

    def __attrs_post_init__(self) -> None:
        seen = [h.category for h in self.attendance]
        if len(set(seen)) != len(seen):
            raise InvalidValueError("ActivitySessionHeld", "attendance", "a repeated category",
                                    "at most one Headcount per category")

    @property
    def participants(self) -> int:
        """Everyone who came, all categories together.

        Examples:
            >>> import datetime as dt
            >>> ActivitySessionHeld(id="a1", date=dt.date(2016, 6, 4), area_id="koiwa",
            ...     activity=ActivityKind.STUDY_SUPPORT,
            ...     attendance=(Headcount(category=AttendeeCategory.ELEMENTARY, count=3),
            ...                 Headcount(category=AttendeeCategory.JUNIOR_HIGH, count=2))
            ... ).participants
            5
        """
        return sum(h.count for h in self.attendance)

    @property
    def counts(self) -> tuple[tuple[AttendeeCategory, int], ...]:
        """``(category, count)`` for each category, for a
        :class:`~hokatsu.indicators.measures.Tally` of attendance.

        Examples:
            >>> import datetime as dt
            >>> ActivitySessionHeld(id="a1", date=dt.date(2016, 6, 4), area_id="koiwa",
            ...     activity=ActivityKind.SALON,
            ...     attendance=(Headcount(category=AttendeeCategory.OVER_64, count=9),)).counts
            ((<AttendeeCategory.OVER_64: 'over_64'>, 9),)
        """
        return tuple((h.category, h.count) for h in self.attendance)


@attrs.frozen(kw_only=True)
class ParticipationSupportStarted(Event):
    """A person of a case starts participation support (参加支援, 社会福祉法 第106条の4第2項
    2号) with a cooperating business or organisation (協力事業者): work experience, a place
    to belong, volunteering.

    The government's figures for the component count the people supported (支援対象者数) and
    the cooperating businesses (協力事業者数; DOMAIN.md §9). The case must be open, and the
    member one of its household.

    Args:
        case_id: the case.
        partner_id: the cooperating business or organisation, an agency of the directory.
        member_id: the member supported; None for the case's person.
        activity: what kind of participation.

    Examples:
        >>> import datetime as dt
        >>> event = ParticipationSupportStarted(id='e1', date=dt.date(2018, 3, 11), case_id='c1',
        ...     partner_id='himi-minsei')
        >>> event.TYPE
        'participation_support_started'
    """

    TYPE: ClassVar[str] = "participation_support_started"
    case_id: str = attrs.field(validator=v.ID, metadata=ref("case"))
    partner_id: str = attrs.field(validator=v.ID, metadata=ref("agency"))
    member_id: str | None = attrs.field(default=None, validator=_OPT_ID)
    activity: ActivityKind = attrs.field(default=ActivityKind.OTHER,
                                         validator=v.enum_of(ActivityKind))
