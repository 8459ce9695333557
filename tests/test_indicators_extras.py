"""hokatsu's extras beyond the report (catalogue.EXTRAS): consultations, shares of hard-case
types, the tier where cases settle, escalation delays, referral rates and delays, rates per
100,000 residents per month, and the yearly flags (DOMAIN.md §9)."""

from __future__ import annotations

import pytest

from hokatsu.calendar import FiscalYear, Month, PeriodKind, Quarter
from hokatsu.domain import (
    Agency,
    AgencyKind,
    Area,
    AreaTree,
    ConsultationContent,
    Field,
    HardCaseType,
    Municipality,
    Sector,
)
from hokatsu.events import (
    AssessmentStage,
    CaseConferenceHeld,
    ConferenceKind,
    ConsultationReceived,
    FollowUpDone,
    IssueIdentified,
    ItemOutcome,
    PlanMade,
    PlanRole,
    ReferralCancelled,
    ReferralCompleted,
    ReferralFailed,
    ReferralRejected,
    Route,
    TargetSet,
    TrainingHeld,
)
from tests.indicator_ledgers import FY16, FY17, Book, D, issue

HIMI_POPULATION = 47_992


class TestConsultationsAndCases:
    """Consultations received, cases opened and first plans."""

    def test_consultations_by_content(self) -> None:
        """consultations counts every consultation, with a group per main content."""
        b = Book()
        for content, n in ((ConsultationContent.LIVING, 3), (ConsultationContent.CARE, 1),
                           (ConsultationContent.OTHER, 2)):
            for _ in range(n):
                b.add(ConsultationReceived, area_id="himi-d01", agency_id="himi-support",
                      content=content)
        table = b.table(periods=[FY16])
        assert table.value("consultations", FY16, "himi") == 6
        # every content is reported, in the enum's order, zero where nothing came in
        assert table.groups("consultations") == tuple(c.value for c in ConsultationContent)
        assert table.value("consultations", FY16, "himi", "health") == 0
        assert table.value("consultations", FY16, "himi", "living") == 3
        assert table.value("consultations", FY16, "himi", "care") == 1

    def test_cases_opened_by_route(self) -> None:
        """cases_opened counts cases opened, by route."""
        b = Book()
        b.case("c1", route=Route.OUTREACH)
        b.case("c2", route=Route.OUTREACH)
        b.case("c3", route=Route.WELFARE_COMMISSIONER)
        table = b.table(periods=[FY16])
        assert table.value("cases_opened", FY16, "himi") == 3
        assert table.value("cases_opened", FY16, "himi", "outreach") == 2
        assert table.value("cases_opened", FY16, "himi", "welfare_commissioner") == 1

    def test_plans_made_counts_first_plans(self) -> None:
        """plans_made counts a case's first plan, not its revisions, in the year made."""
        b = Book()
        b.case("c1")
        b.case("c2")
        role = (PlanRole(agency_id="himi-support"),)
        b.add(PlanMade, case_id="c1", roles=role)
        b.add(PlanMade, case_id="c1", roles=role)
        b.add(PlanMade, on=D(2017, 4, 1), case_id="c2", roles=role)
        b.add(PlanMade, case_id="c1", roles=role)
        assert (b.value("plans_made"), b.value("plans_made", FY17)) == (1, 1)


class TestCaseShares:
    """Shares of the cases handled: hard-case types and multi-field handling."""

    def _cases(self) -> Book:
        b = Book(day=D(2016, 5, 1))
        b.case("c-member", members=2, issues=(issue("i1", "m1"), issue("i2", "m2")))
        b.case("c-issue", issues=(issue("i1", "m1"), issue("i2", None, Field.HOUSING)))
        b.case("c-gap", issues=(issue("i1", "m1", fits=False),))
        b.case("c-plain", issues=(issue("i1", "m1"),))
        b.case("c-later", members=2, issues=(issue("i1", "m1"), issue("i2", "m2")))
        b.add(IssueIdentified, on=D(2016, 9, 1), case_id="c-later",
              issue=issue("i3", "m2", fits=False, on=D(2016, 9, 1)))
        b.add(FollowUpDone, on=D(2017, 5, 1), case_id="c-later", agency_id="himi-support")
        return b

    def test_hard_case_types(self) -> None:
        """hard_case_types counts the cases handled and gives each type's share of them, by
        the type at each case's last event in the period."""
        table = self._cases().table(periods=[FY16, FY17])
        assert table.value("hard_case_types", FY16, "himi") == 5
        expected = {HardCaseType.MULTI_MEMBER: 1, HardCaseType.MULTI_ISSUE: 1,
                    HardCaseType.NO_FITTING_SERVICE: 1, HardCaseType.COMPOUND: 1}
        assert table.groups("hard_case_types") == tuple(t.value for t in HardCaseType)
        for kind, n in expected.items():
            row = table.row("hard_case_types", FY16, "himi", kind.value)
            assert (row.value, row.numerator, row.denominator) == (n / 5, n, 5)
        assert table.value("hard_case_types", FY17, "himi") == 1
        assert table.value("hard_case_types", FY17, "himi", "compound") == 1.0

    def test_multi_field_share(self) -> None:
        """multi_field_share gives the share of cases handled by agencies of several
        fields."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        b.case("c2", agency="himi-child")
        b.case("c3", agency="himi-support")
        b.case("c4", agency="himi-cgsc")
        row = b.table(periods=[FY16]).row("multi_field_share", FY16, "himi", "multi_field")
        assert (row.value, row.numerator, row.denominator) == (0.25, 1, 4)


class TestMeetingsExtras:
    """The tier where case items settle and the delay of escalations."""

    def test_settled_tier(self) -> None:
        """settled_tier counts case items settled by agreement or response, by the tier of
        the body that settled them; theme items, continued and escalated ones do not count."""
        b = Book()
        for c in ("c1", "c2", "c3", "c4"):
            b.case(c)
        b.session("d", "himi-district", "himi-d01")
        b.raise_item("k1", "d", case="c1")
        b.conclude("k1", "d", ItemOutcome.AGREED)
        b.raise_item("k3", "d", case="c3")
        b.conclude("k3", "d", ItemOutcome.ESCALATED)
        b.raise_item("k4", "d", case="c4")
        b.conclude("k4", "d", ItemOutcome.CONTINUED)
        b.session("c", "himi-core")
        b.raise_item("k2", "c", case="c2")
        b.conclude("k2", "c", ItemOutcome.RESPONSE_PRESENTED)
        b.raise_item("t", "c", theme="買い物支援")
        b.conclude("t", "c", ItemOutcome.AGREED)
        b.session("blk", "himi-block", "himi-b1")
        b.raise_item("k3b", "blk", case="c3", escalated_from="k3")
        b.conclude("k3b", "blk", ItemOutcome.AGREED)
        table = b.table(periods=[FY16])
        assert table.value("settled_tier", FY16, "himi") == 3
        assert table.groups("settled_tier") == ("tier 1", "tier 2", "tier 3")
        assert [table.value("settled_tier", FY16, "himi", f"tier {t}") for t in (1, 2, 3)] == [
            1, 1, 1]

    def test_escalation_days(self) -> None:
        """escalation_days is the mean of the days from an escalation to the higher body
        taking the item up; items not escalated do not count."""
        b = Book()
        b.session("d1", "himi-district", "himi-d01", on=D(2016, 6, 1))
        b.raise_item("a", "d1", theme="買い物支援")
        b.conclude("a", "d1", ItemOutcome.ESCALATED)
        b.session("d2", "himi-district", "himi-d02", on=D(2016, 6, 11))
        b.raise_item("b", "d2", theme="移動手段の確保")
        b.conclude("b", "d2", ItemOutcome.ESCALATED)
        b.session("blk", "himi-block", "himi-b1", on=D(2016, 6, 21))
        b.raise_item("a2", "blk", theme="買い物支援", escalated_from="a")
        b.raise_item("b2", "blk", theme="移動手段の確保", escalated_from="b")
        b.raise_item("c", "blk", theme="居場所づくり")
        row = b.table(periods=[FY16]).row("escalation_days", FY16, "himi")
        assert (row.value, row.numerator, row.denominator) == (15, 30, 2)

    def test_escalation_days_not_measured(self) -> None:
        """Without escalations, escalation_days is not measured (None)."""
        b = Book()
        b.session("s", "himi-core")
        b.raise_item("a", "s", theme="買い物支援")
        assert b.value("escalation_days") is None


class TestReferralExtras:
    """Referral acceptance and completion rates and delays."""

    def _referrals(self) -> Book:
        b = Book(day=D(2016, 6, 1))
        b.case("c1", agency="himi-support")
        for r, to in (("r1", "himi-cgsc"), ("r2", "himi-child"), ("r3", "himi-health"),
                      ("r4", "himi-school"), ("r5", "himi-welfare")):
            b.refer(r, "c1", to)
        b.accept("r1", "himi-cgsc", on=D(2016, 6, 11))
        b.accept("r2", "himi-child", on=D(2016, 6, 21))
        b.add(ReferralRejected, referral_id="r3", actor_id="himi-health", reason="対象外")
        b.add(ReferralCancelled, referral_id="r4", actor_id="himi-support", reason="本人辞退")
        b.accept("r5", "himi-welfare", on=D(2016, 7, 11))
        b.add(ReferralCompleted, on=D(2016, 8, 1), referral_id="r1", actor_id="himi-cgsc")
        b.add(ReferralFailed, referral_id="r2", actor_id="himi-child", reason="連絡不通")
        b.add(ReferralCancelled, referral_id="r5", actor_id="himi-welfare", reason="転居")
        return b

    def test_referral_acceptance(self) -> None:
        """referral_acceptance is accepted / (accepted + rejected); cancellations do not
        count."""
        row = self._referrals().table(periods=[FY16]).row("referral_acceptance", FY16, "himi")
        assert (row.numerator, row.denominator) == (3, 4)
        assert row.value == 0.75

    def test_referral_completion(self) -> None:
        """referral_completion is completed / (completed + failed + cancelled after
        acceptance); a request cancelled before acceptance does not count."""
        row = self._referrals().table(periods=[FY16]).row("referral_completion", FY16, "himi")
        assert (row.numerator, row.denominator) == (1, 3)
        assert row.value == pytest.approx(1 / 3)

    def test_days_to_accept(self) -> None:
        """days_to_accept is the mean of the days from request to acceptance."""
        row = self._referrals().table(periods=[FY16]).row("days_to_accept", FY16, "himi")
        assert (row.numerator, row.denominator) == (10 + 20 + 40, 3)

    def test_days_to_first_referral(self) -> None:
        """days_to_first_referral runs from the case's intake (its opening without one) to
        its first referral; later referrals do not count."""
        b = Book(day=D(2016, 5, 1))
        b.case("c1")
        b.case("c2")
        b.assess("c1", stage=AssessmentStage.INTAKE, on=D(2016, 5, 11))
        b.refer("r1", "c1", "himi-cgsc", on=D(2016, 5, 21))
        b.refer("r2", "c2", "himi-cgsc", on=D(2016, 5, 31))
        b.refer("r3", "c1", "himi-child", on=D(2016, 9, 1))
        row = b.table(periods=[FY16]).row("days_to_first_referral", FY16, "himi")
        assert (row.value, row.numerator, row.denominator) == (20, 40, 2)

    def test_rates_not_measured_without_referrals(self) -> None:
        """Without referrals the rates and delays are None, not 0."""
        b = Book()
        b.case("c1")
        table = b.table(periods=[FY16])
        for name in ("referral_acceptance", "referral_completion", "days_to_accept",
                     "days_to_first_referral"):
            assert table.value(name, FY16, "himi") is None, name


def _populated_city() -> Municipality:
    """A city of 200,000 whose first district has 50,000 residents, the second unknown."""
    return Municipality(
        id="p", name="人口市",
        areas=AreaTree(levels=("city", "district"), areas=(
            Area(id="p", name="人口市", level="city", population=200_000),
            Area(id="p-1", name="一", level="district", parent_id="p", population=50_000),
            Area(id="p-2", name="二", level="district", parent_id="p"),
        )),
        agencies=(Agency(id="p-desk", name="窓口", sector=Sector.GOVERNMENT,
                         kind=AgencyKind.COMMUNITY_DESK, fields=frozenset({Field.OTHER})),),
    )


class TestRates:
    """Rates per 100,000 residents per month (DOMAIN.md §9)."""

    def _consultations(self, city: Municipality | None = None, area: str = "himi-d01") -> Book:
        b = Book(city, day=D(2016, 4, 1))
        agency = "himi-support" if city is None else "p-desk"
        for day in (D(2016, 4, 1), D(2016, 4, 20), D(2016, 5, 1), D(2016, 8, 1),
                    D(2017, 3, 31), D(2017, 4, 1)):
            b.add(ConsultationReceived, on=day, area_id=area, agency_id=agency,
                  content=ConsultationContent.LIVING)
        return b

    def test_fiscal_year_rate(self) -> None:
        """The rate is count / (population / 100,000 × 12) for a fiscal year."""
        row = self._consultations().table(periods=[FY16]).row("consultations_per_100k", FY16,
                                                               "himi")
        assert row.value == pytest.approx(5 / (HIMI_POPULATION / 100_000 * 12))
        assert row.numerator == 5
        assert row.denominator == pytest.approx(HIMI_POPULATION / 100_000 * 12)

    def test_quarter_and_month_rates(self) -> None:
        """A quarter divides by 3 months, a month by 1."""
        b = self._consultations()
        q1 = b.table(grain=PeriodKind.QUARTER, periods=[Quarter(2016, 1)])
        assert q1.value("consultations_per_100k", Quarter(2016, 1), "himi") == pytest.approx(
            3 / (HIMI_POPULATION / 100_000 * 3))
        april = b.table(grain=PeriodKind.MONTH, periods=[Month(2016, 4)])
        assert april.value("consultations_per_100k", Month(2016, 4), "himi") == pytest.approx(
            2 / (HIMI_POPULATION / 100_000))

    def test_unknown_population_is_not_measured(self) -> None:
        """Where the area's population is unknown (氷見市's districts) the rate is None."""
        table = self._consultations().table(periods=[FY16], level="district")
        assert table.value("consultations", FY16, "himi-d01") == 5
        assert table.value("consultations_per_100k", FY16, "himi-d01") is None

    def test_area_populations(self) -> None:
        """A district with a known population has its own rate; the root falls back to its
        area's population when the directory gives none."""
        b = self._consultations(_populated_city(), area="p-1")
        table = b.table(periods=[FY16], area_ids=["p", "p-1", "p-2"])
        assert table.value("consultations_per_100k", FY16, "p-1") == pytest.approx(5 / 6)
        assert table.value("consultations_per_100k", FY16, "p") == pytest.approx(5 / 24)
        assert table.value("consultations_per_100k", FY16, "p-2") is None

    def test_zero_count_is_a_zero_rate(self) -> None:
        """A known population with no events gives a rate of 0, not None."""
        b = Book(day=D(2016, 4, 1))
        b.add(TrainingHeld, area_id="himi", participants=1)
        assert b.value("cases_per_100k") == 0
        assert b.value("plans_per_100k") == 0


class TestYearlyFlags:
    """no_multi_agency_cases and no_targets."""

    def test_no_multi_agency_cases(self) -> None:
        """no_multi_agency_cases is 1 in a year with no multi-field case (2A2 = 0)."""
        b = Book()
        b.case("c1", agency="himi-child")
        b.add(CaseConferenceHeld, case_id="c1", kind=ConferenceKind.CASE_CONFERENCE,
              agency_ids=frozenset({"himi-child", "himi-cgsc"}))
        b.case("c2", agency="himi-support", on=D(2017, 4, 10))
        table = b.table(periods=[FY16, FY17])
        assert table.value("no_multi_agency_cases", FY16, "himi") == 0
        assert table.value("no_multi_agency_cases", FY17, "himi") == 1

    def test_no_targets_keyed_by_the_year_targeted(self) -> None:
        """no_targets looks at targets for the fiscal year, whenever they were set."""
        b = Book(day=D(2016, 5, 1))
        b.add(TargetSet, area_id="himi", fiscal_year=2017, indicator_id="2A2", value=10)
        table = b.table(periods=[FY16, FY17, FiscalYear(2018)])
        assert table.value("no_targets", FY16, "himi") == 1
        assert table.value("no_targets", FY17, "himi") == 0
        assert table.value("no_targets", FiscalYear(2018), "himi") == 1

    def test_no_targets_for_a_later_year(self) -> None:
        """A target for a later year counts for that year, which the default periods (the
        record's own span) do not stretch to."""
        b = Book(day=D(2016, 5, 1))
        b.add(TargetSet, area_id="himi", fiscal_year=2018, indicator_id="2A2", value=10)
        assert b.table().periods == (FY16,)
        years = (FY16, FY17, FiscalYear(2018))
        table = b.table(periods=years)
        assert [table.value("no_targets", p, "himi") for p in years] == [1, 1, 0]

    def test_no_targets_per_area(self) -> None:
        """A target set for one district leaves the others without targets."""
        b = Book(day=D(2016, 5, 1))
        b.add(TargetSet, area_id="himi-d01", fiscal_year=2016, indicator_id="2A2", value=1)
        table = b.table(periods=[FY16], area_ids=["himi", "himi-b1", "himi-d01", "himi-d02"])
        assert [table.value("no_targets", FY16, a)
                for a in ("himi", "himi-b1", "himi-d01", "himi-d02")] == [0, 0, 0, 1]

    @pytest.mark.parametrize("grain", [PeriodKind.QUARTER, PeriodKind.MONTH])
    def test_flags_only_for_fiscal_years(self, grain: PeriodKind) -> None:
        """The yearly flags give no rows for quarters or months."""
        b = Book(day=D(2016, 5, 1))
        b.add(TargetSet, area_id="himi", fiscal_year=2016, indicator_id="2A2", value=1)
        b.case("c1")
        table = b.table(grain=grain)
        assert table.rows
        assert "no_targets" not in table.indicators
        assert "no_multi_agency_cases" not in table.indicators
        assert "2A2" in table.indicators
