"""Each of the report's indicators 1A1 … 5O4 computes what it says (第4章 2.(3), DOMAIN.md
§7.2), on small hand-built ledgers for 氷見市: events that should count next to events that
should not."""

from __future__ import annotations

import pytest

from hokatsu.calendar import Month
from hokatsu.domain import Field
from hokatsu.events import (
    ActorJoined,
    AgencyInterviewed,
    AssessmentExchangeHeld,
    AssessmentStage,
    CaseConferenceHeld,
    CommunityExchangeHeld,
    CommunityGatheringAttended,
    ConferenceKind,
    DevelopmentConsultationHeld,
    DevelopmentMeetingHeld,
    DevelopmentPurpose,
    EvaluationCollected,
    EvaluationTopic,
    FollowUpDone,
    FundingKind,
    FundingSecured,
    IssueIdentified,
    ItemOutcome,
    MeasureCompleted,
    MeasureDomain,
    MeasureStarted,
    NextYearPlanAdopted,
    OutreachDone,
    PlanMade,
    PlanRole,
    ProgressReported,
    ResourceCreated,
    ResourceKind,
    SharingConsultationHeld,
    SurveyConducted,
    TrainingHeld,
)
from hokatsu.indicators import Movement
from tests.indicator_ledgers import FY15, FY16, FY17, FY18, Book, D, issue, promotion_city

ACTORS = frozenset({"himi-jichi", "himi-minsei"})


def _two_member_issues() -> tuple:
    """Issues of two members: a hard case of type ① (MULTI_MEMBER)."""
    return (issue("i1", "m1"), issue("i2", "m2", Field.CHILDREN))


# -- (3)-1 grasping issues ---------------------------------------------------------------------


class TestGraspIssues:
    """(3)-1 課題の把握: 1A1 … 1A7, 1O1, 1O2."""

    def test_1a1_exchanges(self) -> None:
        """1A1 counts exchanges of views with community actors in the fiscal year only."""
        b = Book()
        b.add(CommunityExchangeHeld, on=D(2016, 3, 31), area_id="himi", actor_ids=ACTORS)
        b.add(CommunityExchangeHeld, on=D(2016, 4, 1), area_id="himi-d01", actor_ids=ACTORS)
        b.add(CommunityExchangeHeld, area_id="himi", actor_ids=frozenset({"himi-jichi"}))
        b.add(CommunityGatheringAttended, area_id="himi-d01", actor_ids=ACTORS)
        b.add(CommunityExchangeHeld, on=D(2017, 4, 1), area_id="himi", actor_ids=ACTORS)
        assert b.value("1A1") == 2
        assert b.value("1A1", FY15) == 1
        assert b.value("1A1", FY17) == 1
        assert b.value("1A1", area="himi-d01") == 1

    def test_1a2_gatherings(self) -> None:
        """1A2 counts gatherings attended, with or without named actors, not exchanges."""
        b = Book()
        b.add(CommunityGatheringAttended, area_id="himi-d02")
        b.add(CommunityGatheringAttended, area_id="himi-d03", actor_ids=ACTORS)
        b.add(CommunityExchangeHeld, area_id="himi-d03", actor_ids=ACTORS)
        assert b.value("1A2") == 2
        assert b.value("1A1") == 1

    def test_1a3_1a5_surveys(self) -> None:
        """1A3 counts surveys, 1A4 sums their items and 1A5 their respondents."""
        b = Book()
        b.add(SurveyConducted, area_id="himi", items=10, respondents=120)
        b.add(SurveyConducted, area_id="himi-b2", items=5, respondents=0)
        b.add(SurveyConducted, on=D(2017, 5, 1), area_id="himi", items=99, respondents=999)
        assert (b.value("1A3"), b.value("1A4"), b.value("1A5")) == (2, 15, 120)
        assert (b.value("1A3", area="himi-b2"), b.value("1A4", area="himi-b2")) == (1, 5)

    def test_1a6_distinct_agencies_interviewed(self) -> None:
        """1A6 counts distinct agencies interviewed, however often each was."""
        b = Book()
        b.add(AgencyInterviewed, area_id="himi-d01", agency_id="himi-cgsc")
        b.add(AgencyInterviewed, area_id="himi-d02", agency_id="himi-cgsc")
        b.add(AgencyInterviewed, area_id="himi-d02", agency_id="himi-child")
        assert b.value("1A6") == 2
        assert b.value("1A6", area="himi-d02") == 2
        assert b.value("1A6", area="himi-d01") == 1

    def test_1a7_outreach_with_community_actors_only(self) -> None:
        """1A7 counts outreach done with community actors, not outreach by agencies alone."""
        b = Book()
        b.add(OutreachDone, area_id="himi-d01", actor_ids=frozenset({"himi-minsei"}))
        b.add(OutreachDone, area_id="himi-d01")
        b.add(OutreachDone, area_id="himi-d05", actor_ids=ACTORS)
        assert b.value("1A7") == 2
        assert b.value("1A7", area="himi-d01") == 1

    def test_1o1_themes_at_promotion_sessions(self) -> None:
        """1O1 counts theme items at 推進会議 sessions, not at district sessions, nor case
        items."""
        b = Book()
        b.case("c1")
        b.session("s-core", "himi-core")
        b.raise_item("t1", "s-core", theme="買い物支援")
        b.raise_item("k1", "s-core", case="c1")
        b.session("s-con", "himi-construction", on=D(2016, 7, 1))
        b.raise_item("t2", "s-con", theme="移動手段の確保")
        b.session("s-dis", "himi-district", "himi-d01")
        b.raise_item("t3", "s-dis", theme="居場所づくり")
        b.session("s-reg", "himi-regular")
        b.raise_item("t4", "s-reg", theme="空き家の活用")
        assert b.value("1O1") == 2
        assert b.value("5A4") == 3

    def test_1o2_responses_to_themes_at_promotion_sessions(self) -> None:
        """1O2 counts theme items for which a 推進会議 session presented a response."""
        b = Book()
        b.case("c1")
        b.session("s1", "himi-core")
        b.raise_item("t1", "s1", theme="買い物支援")
        b.raise_item("t2", "s1", theme="居場所づくり")
        b.raise_item("k1", "s1", case="c1")
        b.conclude("t1", "s1", ItemOutcome.RESPONSE_PRESENTED)
        b.conclude("t2", "s1", ItemOutcome.AGREED)
        b.conclude("k1", "s1", ItemOutcome.RESPONSE_PRESENTED)
        b.session("s2", "himi-district", "himi-d03")
        b.raise_item("t3", "s2", theme="空き家の活用")
        b.conclude("t3", "s2", ItemOutcome.RESPONSE_PRESENTED)
        assert b.value("1O2") == 1

    def test_1o2_counts_in_the_year_of_the_response(self) -> None:
        """A theme raised in one year and answered the next counts in the later year."""
        b = Book()
        b.session("s1", "himi-core", on=D(2017, 3, 10))
        b.raise_item("t1", "s1", theme="買い物支援")
        b.conclude("t1", "s1", ItemOutcome.CONTINUED)
        b.session("s2", "himi-core", on=D(2017, 4, 10))
        b.conclude("t1", "s2", ItemOutcome.RESPONSE_PRESENTED)
        assert (b.value("1O1"), b.value("1O1", FY17)) == (1, 0)
        assert (b.value("1O2"), b.value("1O2", FY17)) == (0, 1)


# -- (3)-2 individual support ------------------------------------------------------------------


class TestIndividualSupport:
    """(3)-2 個別相談: 2A1 … 2A5, 2O1 … 2O3."""

    def test_2a1_distinct_cases_assessed_with_a_coordinator(self) -> None:
        """2A1 counts distinct cases assessed with a coordinator, not assessments."""
        b = Book()
        for c in ("c1", "c2", "c3"):
            b.case(c)
        b.assess("c1", coordinator="himi-csw1", stage=AssessmentStage.INTAKE)
        b.assess("c1", coordinator="himi-csw2")
        b.assess("c2")
        b.assess("c3", coordinator="himi-csw1", on=D(2017, 4, 3))
        assert b.value("2A1") == 1
        assert b.value("2A1", FY17) == 1

    def test_2a1_opening_with_a_coordinator_is_not_an_assessment(self) -> None:
        """A case opened with a coordinator but never assessed is not in 2A1."""
        b = Book()
        b.case("c1", coordinator="himi-csw1")
        assert b.value("2A1") == 0

    def test_2a2_two_agencies_of_different_fields(self) -> None:
        """2A2 counts a case handled by two agencies of different fields."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        assert b.value("2A2") == 1

    def test_2a2_single_all_field_agency_does_not_count(self) -> None:
        """A case handled by one agency covering every field is not multi-agency."""
        b = Book()
        b.case("c1", agency="himi-support")
        b.assess("c1", "himi-support", coordinator="himi-csw1")
        assert b.value("2A2") == 0

    def test_2a2_two_agencies_of_one_field_do_not_count(self) -> None:
        """Two agencies of the same single field are not agencies of several fields."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.assess("c1", "himi-school")
        assert b.value("2A2") == 0

    def test_2a2_referral_counts_only_once_accepted(self) -> None:
        """A referral brings its receiver into the case only when it accepts."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.refer("r1", "c1", "himi-cgsc", sender="himi-child")
        assert b.value("2A2") == 0
        b.accept("r1", "himi-cgsc")
        assert b.value("2A2") == 1

    def test_2a2_counts_each_case_once_and_in_later_years(self) -> None:
        """A multi-field case counts once a year, and again in a year it is handled."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        b.add(FollowUpDone, case_id="c1", agency_id="himi-cgsc")
        b.case("c2", agency="himi-child")
        b.add(FollowUpDone, on=D(2017, 6, 1), case_id="c1", agency_id="himi-child")
        assert (b.value("2A2"), b.value("2A2", FY17)) == (1, 1)

    def test_2a3_conferences_of_multi_field_cases(self) -> None:
        """2A3 counts case conferences of multi-field cases only."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        b.case("c2", agency="himi-support")
        b.add(CaseConferenceHeld, case_id="c1", kind=ConferenceKind.CASE_CONFERENCE,
              agency_ids=frozenset({"himi-child", "himi-cgsc"}))
        b.add(CaseConferenceHeld, case_id="c1", kind=ConferenceKind.CARE_TEAM,
              agency_ids=frozenset({"himi-child"}))
        b.add(CaseConferenceHeld, case_id="c2", kind=ConferenceKind.CASE_CONFERENCE,
              agency_ids=frozenset({"himi-support"}))
        assert b.value("2A3") == 2

    def test_2a3_conference_that_brings_a_second_field(self) -> None:
        """A conference that itself brings a second field counts as a multi-field one."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.add(CaseConferenceHeld, case_id="c1", kind=ConferenceKind.CASE_CONFERENCE,
              agency_ids=frozenset({"himi-child", "himi-health"}))
        assert (b.value("2A2"), b.value("2A3")) == (1, 1)

    def test_2a4_whole_household_plans(self) -> None:
        """2A4 counts cases whose plan covers every member with an issue, or the household
        as a whole; a plan leaving out a member with an issue does not count."""
        b = Book()
        b.case("c-both", members=2, issues=_two_member_issues())
        b.add(PlanMade, case_id="c-both", roles=(
            PlanRole(agency_id="himi-cgsc", member_ids=frozenset({"m1"})),
            PlanRole(agency_id="himi-child", member_ids=frozenset({"m2"}))))
        b.case("c-part", members=2, issues=_two_member_issues())
        b.add(PlanMade, case_id="c-part", roles=(
            PlanRole(agency_id="himi-cgsc", member_ids=frozenset({"m1"})),))
        b.case("c-house", members=2, issues=_two_member_issues())
        b.add(PlanMade, case_id="c-house", roles=(PlanRole(agency_id="himi-support"),))
        b.case("c-none", members=2, issues=_two_member_issues())
        assert b.value("2A4") == 2

    def test_2a4_latest_plan_rules(self) -> None:
        """A revised plan that narrows to one member ends whole-household support; a new issue
        of a member the plan leaves out does too."""
        b = Book()
        b.case("c1", members=2, issues=_two_member_issues(), on=D(2016, 5, 1))
        b.add(PlanMade, case_id="c1", roles=(
            PlanRole(agency_id="himi-support", member_ids=frozenset({"m1", "m2"})),))
        b.add(PlanMade, on=D(2017, 5, 1), case_id="c1", roles=(
            PlanRole(agency_id="himi-support", member_ids=frozenset({"m1"})),))
        b.case("c2", members=3, issues=_two_member_issues(), on=D(2017, 5, 2))
        b.add(PlanMade, case_id="c2", roles=(
            PlanRole(agency_id="himi-support", member_ids=frozenset({"m1", "m2"})),))
        b.add(IssueIdentified, on=D(2018, 5, 1), case_id="c2",
              issue=issue("i3", "m3", Field.DISABILITY, on=D(2018, 5, 1)))
        assert b.value("2A4", FY16) == 1
        # c1 was whole-household at the end of no month of FY2017 it was handled in; c2 was,
        # until the new issue
        assert b.value("2A4", FY17) == 1
        assert b.value("2A4", FY18) == 0

    def test_2a4_state_at_the_end_of_each_month(self) -> None:
        """A case counts in the state it is in at the end of a month it is handled in: a
        whole-household plan narrowed within the month does not count for that month; one
        narrowed the next month counts for the first month, and so for the year."""
        b = Book()
        b.case("c1", members=2, issues=_two_member_issues(), on=D(2016, 5, 2))
        b.add(PlanMade, case_id="c1", roles=(PlanRole(agency_id="himi-support"),))
        b.add(PlanMade, on=D(2016, 5, 20), case_id="c1", roles=(
            PlanRole(agency_id="himi-support", member_ids=frozenset({"m1"})),))
        b.case("c2", members=2, issues=_two_member_issues(), on=D(2016, 5, 21))
        b.add(PlanMade, case_id="c2", roles=(PlanRole(agency_id="himi-support"),))
        b.add(PlanMade, on=D(2016, 6, 3), case_id="c2", roles=(
            PlanRole(agency_id="himi-support", member_ids=frozenset({"m1"})),))
        assert b.value("2A4", Month(2016, 5)) == 1  # c2
        assert b.value("2A4", Month(2016, 6)) == 0
        assert b.value("2A4", FY16) == 1

    def test_2a5_conferences_of_whole_household_cases(self) -> None:
        """2A5 counts case conferences of cases under a whole-household plan."""
        b = Book()
        b.case("c1", members=2, issues=_two_member_issues())
        b.add(CaseConferenceHeld, case_id="c1", kind=ConferenceKind.CASE_CONFERENCE,
              agency_ids=frozenset({"himi-support"}))
        b.add(PlanMade, case_id="c1", roles=(PlanRole(agency_id="himi-support"),))
        b.add(CaseConferenceHeld, case_id="c1", kind=ConferenceKind.CASE_CONFERENCE,
              agency_ids=frozenset({"himi-support"}))
        assert b.value("2A5") == 1

    def test_2o1_connected_after_a_promotion_discussion(self) -> None:
        """2O1 counts a case once when a referral is accepted after a 推進会議 discussed it;
        a district discussion or an acceptance before the discussion does not count."""
        b = Book()
        for c in ("c1", "c2", "c3"):
            b.case(c)
        b.refer("r3", "c3", "himi-cgsc")
        b.accept("r3", "himi-cgsc")
        b.session("s-core", "himi-core", on=D(2016, 7, 1))
        b.raise_item("k1", "s-core", case="c1")
        b.raise_item("k3", "s-core", case="c3")
        b.session("s-dis", "himi-district", "himi-d01")
        b.raise_item("k2", "s-dis", case="c2")
        b.refer("r1", "c1", "himi-cgsc", on=D(2016, 8, 1))
        b.accept("r1", "himi-cgsc")
        b.refer("r1b", "c1", "himi-child")
        b.accept("r1b", "himi-child")
        b.refer("r2", "c2", "himi-cgsc")
        b.accept("r2", "himi-cgsc")
        b.refer("r1c", "c1", "himi-health", on=D(2017, 5, 1))
        b.accept("r1c", "himi-health")
        assert b.value("2O1") == 1
        assert b.value("2O1", FY17) == 0

    def test_2o1_request_before_discussion_accepted_after(self) -> None:
        """A referral requested before the discussion and accepted after it connects the
        case through the 推進会議."""
        b = Book()
        b.case("c1")
        b.refer("r1", "c1", "himi-cgsc")
        b.session("s1", "himi-construction", on=D(2016, 7, 1))
        b.raise_item("k1", "s1", case="c1")
        b.accept("r1", "himi-cgsc", on=D(2016, 7, 2))
        assert b.value("2O1") == 1

    def test_2o2_agencies_new_to_hard_cases(self) -> None:
        """2O2 counts agencies cooperating in a hard case for the first time only."""
        b = Book()
        b.case("c1", members=2, issues=_two_member_issues(), agency="himi-support")
        b.assess("c1", "himi-cgsc")
        b.case("c2", members=2, issues=_two_member_issues(), agency="himi-cgsc")
        b.case("c3", agency="himi-child", issues=(issue("i1"),))
        b.case("c4", members=2, issues=_two_member_issues(), agency="himi-support",
               on=D(2017, 5, 1))
        b.assess("c4", "himi-health")
        assert b.value("2O2") == 2
        assert b.value("2O2", FY17) == 1

    def test_2o2_case_becoming_hard_brings_its_agencies(self) -> None:
        """When a case becomes hard, the agencies already on it newly cooperate in a hard
        case."""
        b = Book()
        b.case("c1", agency="himi-child", issues=(issue("i1"),))
        b.assess("c1", "himi-school")
        assert b.value("2O2") == 0
        b.add(IssueIdentified, case_id="c1", issue=issue("i2", "m1", Field.HARDSHIP))
        assert b.value("2O2") == 2

    def test_2o3_tools(self) -> None:
        """2O3 counts new tools for hard cases, not bases or services."""
        b = Book()
        b.add(ResourceCreated, area_id="himi", resource_id="r1", kind=ResourceKind.TOOL,
              name="共通アセスメントシート")
        b.add(ResourceCreated, area_id="himi", resource_id="r2", kind=ResourceKind.BASE,
              name="相談拠点")
        assert b.value("2O3") == 1


# -- (3)-3 resources ---------------------------------------------------------------------------


class TestDevelopResources:
    """(3)-3 資源等の開発: 3A1 … 3A7, 3O1 … 3O6."""

    def _work(self) -> Book:
        b = Book()
        for purpose in (DevelopmentPurpose.RESOURCES, DevelopmentPurpose.RESOURCES,
                        DevelopmentPurpose.FUNDING):
            b.add(DevelopmentConsultationHeld, area_id="himi-d04", purpose=purpose,
                  actor_ids=frozenset({"himi-chiku-swc"}))
        b.add(DevelopmentMeetingHeld, area_id="himi", purpose=DevelopmentPurpose.RESOURCES,
              agency_ids=frozenset({"himi-swc", "himi-cgsc"}), participants=12)
        b.add(DevelopmentMeetingHeld, area_id="himi", purpose=DevelopmentPurpose.RESOURCES,
              agency_ids=frozenset({"himi-swc"}), participants=8)
        b.add(DevelopmentMeetingHeld, area_id="himi", purpose=DevelopmentPurpose.FUNDING,
              agency_ids=frozenset({"himi-welfare", "himi-health"}), participants=30)
        b.add(ResourceCreated, area_id="himi-d04", resource_id="r1",
              kind=ResourceKind.COMMUNITY_SERVICE, name="買い物支援",
              partner_ids=frozenset({"himi-cgsc", "himi-minsei"}))
        return b

    def test_3a1_3a5_consultations_by_purpose(self) -> None:
        """3A1 counts consultations toward resources, 3A5 toward funding."""
        b = self._work()
        assert (b.value("3A1"), b.value("3A5")) == (2, 1)

    def test_3a2_3a3_3a6_3a7_meetings_by_purpose(self) -> None:
        """3A2/3A3 count resource meetings and their participants, 3A6/3A7 funding ones."""
        b = self._work()
        assert (b.value("3A2"), b.value("3A3")) == (2, 20)
        assert (b.value("3A6"), b.value("3A7")) == (1, 30)

    def test_3a4_distinct_agencies_in_resource_work(self) -> None:
        """3A4 counts distinct agencies of resource meetings and resource partners, not of
        funding meetings."""
        b = self._work()
        # himi-swc, himi-cgsc (twice) and himi-minsei; not himi-welfare or himi-health
        assert b.value("3A4") == 3
        assert b.value("3A4", area="himi-d04") == 2

    def test_3o1_actors_joining(self) -> None:
        """3O1 counts actors newly joining the comprehensive system."""
        b = Book()
        b.add(ActorJoined, area_id="himi", agency_id="himi-jichi")
        b.add(ActorJoined, area_id="himi-d01", agency_id="himi-school")
        b.add(ActorJoined, on=D(2017, 4, 1), area_id="himi", agency_id="himi-health")
        assert (b.value("3O1"), b.value("3O1", FY17)) == (2, 1)

    def test_3o2_3o3_resources_by_kind(self) -> None:
        """3O2 counts new bases, 3O3 new community services."""
        b = self._work()
        b.add(ResourceCreated, area_id="himi", resource_id="r2", kind=ResourceKind.BASE,
              name="ふくし相談サポートセンター分室")
        b.add(ResourceCreated, area_id="himi", resource_id="r3", kind=ResourceKind.TOOL,
              name="情報共有シート")
        assert (b.value("3O2"), b.value("3O3"), b.value("2O3")) == (1, 1, 1)

    def test_3o4_3o6_funding(self) -> None:
        """3O4 counts distinct funding kinds, 3O5 sums every amount, 3O6 only amounts newly
        budgeted."""
        b = Book()
        b.add(FundingSecured, area_id="himi", kind=FundingKind.COMMUNITY_CHEST,
              amount_yen=100_000)
        b.add(FundingSecured, area_id="himi", kind=FundingKind.COMMUNITY_CHEST, amount_yen=50_000)
        b.add(FundingSecured, area_id="himi", kind=FundingKind.MUNICIPAL_BUDGET,
              amount_yen=2_000_000, newly_budgeted=True)
        b.add(FundingSecured, on=D(2017, 4, 1), area_id="himi", kind=FundingKind.SUBSIDY,
              amount_yen=7, newly_budgeted=True)
        assert (b.value("3O4"), b.value("3O5"), b.value("3O6")) == (2, 2_150_000, 2_000_000)
        assert (b.value("3O4", FY17), b.value("3O5", FY17), b.value("3O6", FY17)) == (1, 7, 7)


# -- (3)-4 system ------------------------------------------------------------------------------


class TestManageSystem:
    """(3)-4 体制の構築・マネジメント: 4A1 … 4A8, 4O1 … 4O4."""

    def _measures(self) -> Book:
        b = Book()
        b.add(MeasureStarted, area_id="himi", measure_id="ms1", domain=MeasureDomain.SYSTEM,
              title="窓口の一本化")
        b.add(MeasureStarted, area_id="himi-b2", measure_id="ms2",
              domain=MeasureDomain.INFORMATION_SHARING, title="共有シート")
        b.add(MeasureStarted, area_id="himi", measure_id="ms3",
              domain=MeasureDomain.INFORMATION_SHARING, title="同意書の統一")
        b.add(MeasureCompleted, on=D(2016, 12, 1), measure_id="ms2")
        b.add(MeasureCompleted, on=D(2017, 4, 1), measure_id="ms1")
        b.add(MeasureCompleted, on=D(2017, 4, 2), measure_id="ms3")
        return b

    def test_4a1_4a4_measures_started_by_domain(self) -> None:
        """4A1 counts system measures started, 4A4 information-sharing ones."""
        b = self._measures()
        assert (b.value("4A1"), b.value("4A4")) == (1, 2)

    def test_4o1_4o3_completed_by_the_started_domain(self) -> None:
        """4O1 and 4O3 count completions by the domain of the measure started, in the year
        of completion and in the measure's area."""
        b = self._measures()
        assert (b.value("4O1"), b.value("4O3")) == (0, 1)
        assert (b.value("4O1", FY17), b.value("4O3", FY17)) == (1, 1)
        assert b.value("4O3", area="himi-b2") == 1
        assert b.value("4O3", FY17, area="himi-b2") == 0

    def test_4a2_yes_no(self) -> None:
        """4A2 is 1 in a year a plan for next year was adopted, 0 otherwise (not None)."""
        b = Book()
        b.add(TrainingHeld, on=D(2016, 4, 5), area_id="himi", participants=1)
        b.add(NextYearPlanAdopted, on=D(2017, 2, 1), area_id="himi", fiscal_year=2017)
        b.add(NextYearPlanAdopted, on=D(2017, 3, 1), area_id="himi", fiscal_year=2017)
        b.add(TrainingHeld, on=D(2017, 4, 5), area_id="himi", participants=1)
        assert (b.value("4A2"), b.value("4A2", FY17)) == (1, 0)

    def test_4a3_sharing_consultations(self) -> None:
        """4A3 counts consultations among agencies on information sharing."""
        b = Book()
        b.add(SharingConsultationHeld, area_id="himi",
              agency_ids=frozenset({"himi-swc", "himi-cgsc"}))
        b.add(SharingConsultationHeld, area_id="himi-d09", agency_ids=frozenset({"himi-swc"}))
        assert b.value("4A3") == 2

    def test_4a5_4a8_trainings_and_exchanges(self) -> None:
        """4A5/4A6 count trainings and participants, 4A7/4A8 assessment exchanges."""
        b = Book()
        b.add(TrainingHeld, area_id="himi", participants=24)
        b.add(TrainingHeld, area_id="himi-b3", participants=6)
        b.add(AssessmentExchangeHeld, area_id="himi", participants=11,
              agency_ids=frozenset({"himi-cgsc"}))
        assert (b.value("4A5"), b.value("4A6")) == (2, 30)
        assert (b.value("4A7"), b.value("4A8")) == (1, 11)

    @pytest.mark.parametrize(("indicator", "topic"), [
        ("4O2", EvaluationTopic.SYSTEM_IMPROVEMENT),
        ("4O4", EvaluationTopic.INFORMATION_SHARING),
        ("5O1", EvaluationTopic.MEETING_EFFECT),
    ])
    def test_questionnaire_scores(self, indicator: str, topic: EvaluationTopic) -> None:
        """4O2, 4O4 and 5O1 give the mean score, the distribution and the respondents of
        their topic's questionnaires, and None (not measured, never 0) without one."""
        others = [t for t in EvaluationTopic if t is not topic]
        b = Book()
        b.add(EvaluationCollected, area_id="himi", topic=topic, counts=(1, 2, 3, 4, 0))
        b.add(EvaluationCollected, area_id="himi-d01", topic=topic, counts=(0, 0, 1, 1, 0))
        b.add(EvaluationCollected, area_id="himi", topic=others[0], counts=(9, 0, 0, 0, 0))
        b.add(TrainingHeld, on=D(2017, 6, 1), area_id="himi", participants=3)
        b.add(EvaluationCollected, area_id="himi", topic=others[1], counts=(0, 5))
        table = b.table(periods=[FY16, FY17])
        row = table.row(indicator, FY16, "himi")
        assert row.respondents == 12
        assert row.distribution == (1, 2, 4, 5, 0)
        assert row.value == pytest.approx((1 + 4 + 12 + 20) / 12)
        assert (row.numerator, row.denominator) == (pytest.approx(37), 12)
        empty = table.row(indicator, FY17, "himi")
        assert empty.value is None
        assert empty.respondents == 0
        assert not empty.measured

    def test_scores_on_different_scales(self) -> None:
        """Scores on a shorter scale are placed on the longest one; the mixed distribution
        is not given."""
        b = Book()
        b.add(EvaluationCollected, area_id="himi", topic=EvaluationTopic.SYSTEM_IMPROVEMENT,
              counts=(0, 0, 0, 0, 2))
        b.add(EvaluationCollected, area_id="himi", topic=EvaluationTopic.SYSTEM_IMPROVEMENT,
              counts=(2, 0, 0))
        row = b.table(periods=[FY16]).row("4O2", FY16, "himi")
        assert row.value == pytest.approx(3.0)  # 5, 5, 1, 1 on the five-point scale
        assert row.respondents == 4
        assert row.distribution is None


# -- (3)-5 the promotion meeting ---------------------------------------------------------------


class TestRunMeeting:
    """(3)-5 推進会議の運営: 5A1 … 5A4, 5O1 … 5O4."""

    def _sessions(self) -> Book:
        b = Book()
        b.session("s1", "himi-core", agencies={"himi-welfare", "himi-cgsc"}, participants=12)
        b.session("s2", "himi-construction", agencies={"himi-cgsc", "himi-jichi"},
                  participants=20)
        b.session("s3", "himi-district", "himi-d01", agencies={"himi-minsei", "himi-swc"},
                  participants=9)
        b.session("s4", "himi-block", "himi-b1", agencies={"himi-child"}, participants=7)
        b.session("s5", "himi-regular", agencies={"himi-school"}, participants=4)
        b.session("s6", "himi-care", agencies={"himi-health"}, participants=3)
        b.session("s7", "himi-core", on=D(2017, 4, 20), participants=2)
        return b

    def test_5a1_sessions_of_promotion_bodies(self) -> None:
        """5A1 counts 推進会議 sessions only (コア会議, 構築会議), all plenary in 氷見市."""
        b = self._sessions()
        table = b.table(periods=[FY16, FY17])
        assert table.value("5A1", FY16, "himi") == 2
        assert table.value("5A1", FY16, "himi", "plenary") == 2
        assert table.groups("5A1") == ("plenary", "subcommittee")
        assert table.value("5A1", FY16, "himi", "subcommittee") == 0
        assert table.value("5A1", FY17, "himi") == 1

    def test_5a2_distinct_agencies(self) -> None:
        """5A2 counts distinct agencies attending 推進会議 sessions."""
        b = self._sessions()
        assert b.value("5A2") == 3
        assert b.value("5A2", FY17) == 0

    def test_5a3_participants(self) -> None:
        """5A3 sums the head counts of 推進会議 sessions."""
        b = self._sessions()
        assert (b.value("5A3"), b.value("5A3", FY17)) == (32, 2)

    def test_5a4_5o2_5o3_items(self) -> None:
        """5A4 counts items at 推進会議 sessions, 5O2 those settled by agreement or a
        response, 5O3 progress reports on their continuing themes."""
        b = Book()
        b.case("c1")
        b.session("s1", "himi-core")
        b.raise_item("a", "s1", theme="買い物支援")
        b.raise_item("b", "s1", theme="居場所づくり")
        b.raise_item("c", "s1", case="c1")
        b.raise_item("d", "s1", theme="空き家の活用")
        b.conclude("a", "s1", ItemOutcome.AGREED)
        b.conclude("b", "s1", ItemOutcome.CONTINUED)
        b.conclude("c", "s1", ItemOutcome.RESPONSE_PRESENTED)
        b.conclude("d", "s1", ItemOutcome.ESCALATED)
        b.session("s2", "himi-construction")
        b.raise_item("d2", "s2", theme="空き家の活用", escalated_from="d")
        b.conclude("d2", "s2", ItemOutcome.CONTINUED)
        b.session("s3", "himi-core", on=D(2016, 9, 1))
        b.add(ProgressReported, item_id="b", session_id="s3")
        b.session("s4", "himi-construction")
        b.add(ProgressReported, item_id="d2", session_id="s4")
        b.session("s5", "himi-district", "himi-d02")
        b.raise_item("x", "s5", theme="移動手段の確保")
        b.conclude("x", "s5", ItemOutcome.CONTINUED)
        b.session("s6", "himi-district", "himi-d02", on=D(2016, 10, 1))
        b.add(ProgressReported, item_id="x", session_id="s6")
        b.conclude("x", "s6", ItemOutcome.AGREED)
        assert b.value("5A4") == 5
        assert b.value("5O2") == 2
        assert b.value("5O3") == 2
        # 空き家の活用 went on from the コア会議 to the 構築会議: one issue, not two
        assert b.value("1O1") == 3

    def test_subcommittee_sessions(self) -> None:
        """5A1 splits sessions into plenary and sub-committee (a body part_of another)."""
        b = Book(promotion_city("m", subcommittees=True), day=D(2016, 5, 1))
        b.session("p1", "m-promotion", "m")
        b.session("p2", "m-promotion", "m")
        b.session("q1", "m-subcommittee", "m")
        b.session("x1", "m-other", "m")
        table = b.table(periods=[FY16])
        assert table.value("5A1", FY16, "m") == 3
        assert table.value("5A1", FY16, "m", "plenary") == 2
        assert table.value("5A1", FY16, "m", "subcommittee") == 1

    def test_5o4_movements(self) -> None:
        """5O4 lists how each other outcome moved against the previous year, None where
        either year was not measured."""
        b = Book(day=D(2016, 5, 1))
        b.add(ActorJoined, area_id="himi", agency_id="himi-jichi")
        b.add(EvaluationCollected, area_id="himi", topic=EvaluationTopic.MEETING_EFFECT,
              counts=(0, 1))
        b.add(ActorJoined, on=D(2017, 5, 1), area_id="himi", agency_id="himi-minsei")
        b.add(ActorJoined, area_id="himi", agency_id="himi-chiku-swc")
        b.add(FundingSecured, area_id="himi", kind=FundingKind.OTHER, amount_yen=10)
        table = b.table(periods=[FY16, FY17])
        first = table.row("5O4", FY16, "himi")
        assert first.value is None
        assert first.measured
        assert all(m.previous is None and m.direction is None for m in first.movements)
        moves = {m.indicator: m for m in table.row("5O4", FY17, "himi").movements}
        assert tuple(moves) == ("1O1", "1O2", "2O1", "2O2", "2O3", "3O1", "3O2", "3O3", "3O4",
                                "3O5", "3O6", "4O1", "4O2", "4O3", "4O4", "5O1", "5O2", "5O3")
        assert moves["3O1"] == Movement(indicator="3O1", previous=1, current=2, direction=1)
        assert moves["3O5"] == Movement(indicator="3O5", previous=0, current=10, direction=1)
        assert moves["1O1"] == Movement(indicator="1O1", previous=0, current=0, direction=0)
        assert moves["5O1"] == Movement(indicator="5O1", previous=2.0, current=None,
                                        direction=None)
        assert moves["4O2"].direction is None

    def test_5o4_moves_down(self) -> None:
        """An outcome that fell since the previous year moves -1."""
        b = Book(day=D(2016, 5, 1))
        b.add(ActorJoined, area_id="himi", agency_id="himi-jichi")
        b.add(TrainingHeld, on=D(2017, 5, 1), area_id="himi", participants=1)
        moves = {m.indicator: m for m in
                 b.table(periods=[FY16, FY17]).row("5O4", FY17, "himi").movements}
        assert moves["3O1"].direction == -1

    def test_5o4_previous_year_outside_the_selection(self) -> None:
        """5O4 for FY2017 alone still compares with FY2016."""
        b = Book(day=D(2016, 5, 1))
        b.add(ActorJoined, area_id="himi", agency_id="himi-jichi")
        b.add(ActorJoined, on=D(2017, 5, 1), area_id="himi", agency_id="himi-minsei")
        b.add(ActorJoined, area_id="himi", agency_id="himi-chiku-swc")
        moves = {m.indicator: m for m in
                 b.table(periods=[FY17]).row("5O4", FY17, "himi").movements}
        assert moves["3O1"].previous == 1
        assert moves["3O1"].direction == 1

