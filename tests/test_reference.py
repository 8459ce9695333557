"""Tests for hokatsu.reference: the report's data and the preset directories.

Expected figures are copied from DOMAIN.md (§3, §5, §7.3, §8), itself checked against the
report, so that a slip in either transcription shows up here.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable

import pytest

import hokatsu.reference
from hokatsu.calendar import FiscalYear, Month
from hokatsu.convert import make_converter
from hokatsu.domain.agencies import AgencyKind, Sector
from hokatsu.domain.coordinators import PlacementPattern, Role
from hokatsu.domain.fields import ConsultationContent
from hokatsu.domain.foundations import Foundation, WelfareStyle
from hokatsu.domain.meetings import BodyStructure, FrequencyUnit
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import UnknownReferenceError
from hokatsu.events.meetings import MeetingHeld
from hokatsu.indicators import BY_ID, compute
from hokatsu.ledger import Ledger
from hokatsu.reference import edogawa, himi, iga, kotoura, kushiro, morioka, tochigi
from hokatsu.reference.municipalities import BASE_DATA, MODEL_MUNICIPALITIES, model_municipality
from hokatsu.reference.notes import SOURCE_NOTES, SourceNote, source_note
from hokatsu.reference.survey import (
    COORDINATOR_RANGE,
    EVALUATION_ITEM_IMPORTANCE,
    JOINT_WITH_COMMUNITY_CARE_MEETING,
    MEETING_HELD_JOINTLY,
    PLACE_IN_PLANS,
    PROMOTION_MEETINGS_FY2016,
    RESPONDENTS,
    ROLE_RANKING,
    SUBCOMMITTEES,
    EvaluationItem,
    SessionCounts,
)

# The package re-exports each preset under its module's name, so reach the modules this way.
edogawa_data = importlib.import_module("hokatsu.reference.edogawa")
kushiro_data = importlib.import_module("hokatsu.reference.kushiro")
morioka_data = importlib.import_module("hokatsu.reference.morioka")

PRESETS: dict[str, Callable[[], Municipality]] = {
    "himi": himi, "edogawa": edogawa, "tochigi": tochigi, "kotoura": kotoura,
    "kushiro": kushiro, "iga": iga, "morioka": morioka,
}
FY2016 = FiscalYear(2016)


def held(body_id: str, area_id: str, date: dt.date, n: int) -> MeetingHeld:
    """A session of *body_id* in *area_id* on *date*."""
    return MeetingHeld(id=f"e{n}", date=date, session_id=f"s{n}", body_id=body_id,
                       area_id=area_id, participants=5)


# -- survey (参考資料3) -------------------------------------------------------------------------

# DOMAIN.md §5, FY2016 推進会議 sessions per anonymised municipality: whole body / sub-committees.
DOMAIN_SESSIONS = {
    1: (1, 0), 2: (1, 0), 3: (2, 4), 4: (1, 0), 5: (9, 0), 6: (2, 6), 7: (1, 0), 8: (1, 0),
    9: (18, 0), 10: (6, 0), 11: (1, 0), 12: (79, 0), 13: (4, 0), 14: (3, 0), 15: (2, 0),
    16: (0, 0), 17: (188, 0), 18: (2, 0), 19: (20, 0), 20: (0, 0), 21: (2, 6), 22: (1, 5),
    23: (1, 0), 24: (1, 3), 25: (2, 4), 26: (6, 0),
}

# DOMAIN.md §3: rows = importance 1..5, columns = roles ➊..➎ in chapter 2's numbering.
DOMAIN_RANKING = (
    (7, 9, 2, 3, 5),
    (10, 2, 2, 4, 8),
    (5, 3, 3, 8, 6),
    (2, 9, 6, 4, 4),
    (1, 3, 12, 6, 3),
)

# DOMAIN.md §7.3: important / rather important / rather not / not, in the report's item order.
DOMAIN_IMPORTANCE = (
    (19, 4, 1, 2), (14, 9, 2, 1), (9, 12, 3, 2), (12, 10, 2, 2), (17, 8, 1, 0), (8, 17, 1, 0),
    (11, 10, 3, 2), (7, 13, 3, 3), (10, 13, 2, 1), (4, 17, 4, 1), (9, 12, 3, 2),
)


class TestPromotionMeetings:
    def test_table(self) -> None:
        """Every municipality's FY2016 session counts are DOMAIN.md §5's."""
        assert dict(PROMOTION_MEETINGS_FY2016) == DOMAIN_SESSIONS

    def test_all_respondents(self) -> None:
        """The table has one row for each of the 26 respondents, numbered 1 to 26."""
        assert RESPONDENTS == 26
        assert list(PROMOTION_MEETINGS_FY2016) == list(range(1, 27))

    def test_named_fields(self) -> None:
        """Rows name their two counts and add them up."""
        row = PROMOTION_MEETINGS_FY2016[3]
        assert row == SessionCounts(whole=2, subcommittees=4)
        assert (row.whole, row.subcommittees, row.total) == (2, 4, 6)
        assert PROMOTION_MEETINGS_FY2016[12] == (79, 0)
        assert PROMOTION_MEETINGS_FY2016[17] == (188, 0)

    def test_subcommittee_sessions_match_subcommittee_answers(self) -> None:
        """Exactly the 6 municipalities that have sub-committees report sub-committee sessions."""
        with_sub = [n for n, row in PROMOTION_MEETINGS_FY2016.items() if row.subcommittees]
        assert with_sub == [3, 6, 21, 22, 24, 25]
        assert len(with_sub) == SUBCOMMITTEES.count("yes")

    def test_two_never_met(self) -> None:
        """Municipalities 16 and 20 held no session in FY2016."""
        assert [n for n, row in PROMOTION_MEETINGS_FY2016.items() if row.total == 0] == [16, 20]

    def test_read_only(self) -> None:
        """The table cannot be changed in place."""
        with pytest.raises(TypeError):
            PROMOTION_MEETINGS_FY2016[1] = SessionCounts(0, 0)  # type: ignore[index]


class TestSingleChoices:
    def test_place_in_plans(self) -> None:
        """1-①: ア 8, イ 11, ウ 6, エ 1 of 26; the chart's rounded shares 31/42/23/4%."""
        assert [(o.code, o.count) for o in PLACE_IN_PLANS.options] == [
            ("ア", 8), ("イ", 11), ("ウ", 6), ("エ", 1)]
        assert PLACE_IN_PLANS.total == RESPONDENTS
        assert [round(100 * PLACE_IN_PLANS.share(c)) for c in "アイウエ"] == [31, 42, 23, 4]

    def test_coordinator_range(self) -> None:
        """2-①: 21 city-wide (81%), 5 area-based (19%), none other."""
        assert [COORDINATOR_RANGE.count(c) for c in "アイウ"] == [21, 5, 0]
        assert COORDINATOR_RANGE.total == RESPONDENTS
        assert round(100 * COORDINATOR_RANGE.share("ア")) == 81

    def test_held_jointly(self) -> None:
        """2-④: held with another meeting in 17 (65%), alone in 9; 6 of the 17 with 地域ケア会議."""
        assert (MEETING_HELD_JOINTLY.count("joint"), MEETING_HELD_JOINTLY.count("alone")) == (17, 9)
        assert round(100 * MEETING_HELD_JOINTLY.share("joint")) == 65
        assert JOINT_WITH_COMMUNITY_CARE_MEETING == 6
        assert MEETING_HELD_JOINTLY.count("joint") >= JOINT_WITH_COMMUNITY_CARE_MEETING

    def test_subcommittees(self) -> None:
        """2-④: 6 of 26 (23%) have sub-committees."""
        assert (SUBCOMMITTEES.count("yes"), SUBCOMMITTEES.count("no")) == (6, 20)
        assert round(100 * SUBCOMMITTEES.share("yes")) == 23

    def test_unknown_option(self) -> None:
        """Asking for an option the question lacks raises a hokatsu error naming it."""
        with pytest.raises(UnknownReferenceError, match="オ"):
            PLACE_IN_PLANS.count("オ")


class TestRoleRanking:
    def test_table(self) -> None:
        """The counts are DOMAIN.md §3's, columns in chapter 2's order of roles."""
        assert tuple(tuple(ROLE_RANKING[i][r] for r in Role) for i in range(1, 6)) == (
            DOMAIN_RANKING)

    def test_keyed_by_role_name(self) -> None:
        """The resource-development role (➍ in chapter 2, ➎ in the question) has 3/4/8/4/6."""
        assert [ROLE_RANKING[i][Role.DEVELOP_RESOURCES] for i in range(1, 6)] == [3, 4, 8, 4, 6]
        assert [ROLE_RANKING[i][Role.MANAGE_SYSTEM] for i in range(1, 6)] == [5, 8, 6, 4, 3]

    def test_sums_allow_blanks(self) -> None:
        """No importance and no role was given by more than 26; some answers were blank."""
        rows = [sum(ROLE_RANKING[i].values()) for i in range(1, 6)]
        cols = [sum(ROLE_RANKING[i][r] for i in range(1, 6)) for r in Role]
        assert rows == [26, 26, 25, 25, 25]
        assert cols == [25, 26, 25, 25, 26]

    def test_agrees_with_the_text(self) -> None:
        """➋ is most often first, ➊ most often in the top two, ➌ most often last (第2章 2.(3)①)."""
        def top_two(role: Role) -> int:
            return ROLE_RANKING[1][role] + ROLE_RANKING[2][role]

        assert max(Role, key=lambda r: ROLE_RANKING[1][r]) is Role.INDIVIDUAL_SUPPORT
        assert max(Role, key=top_two) is Role.GRASP_ISSUES
        assert max(Role, key=lambda r: ROLE_RANKING[5][r]) is Role.RUN_MEETING


class TestEvaluationItems:
    def test_table(self) -> None:
        """The counts are DOMAIN.md §7.3's, in the report's order of items."""
        assert len(EvaluationItem) == 11
        assert tuple(EVALUATION_ITEM_IMPORTANCE[i] for i in EvaluationItem) == DOMAIN_IMPORTANCE

    def test_rows_sum_to_26(self) -> None:
        """Every item was rated by all 26 municipalities."""
        assert all(row.total == RESPONDENTS for row in EVALUATION_ITEM_IMPORTANCE.values())
        assert all(sum(row) == 26 for row in EVALUATION_ITEM_IMPORTANCE.values())

    def test_named_fields(self) -> None:
        """Exchanges with community actors: 19 important, 4 rather, 1 rather not, 2 not."""
        row = EVALUATION_ITEM_IMPORTANCE[EvaluationItem.EXCHANGE_WITH_COMMUNITY]
        assert (row.important, row.rather_important, row.rather_not_important,
                row.not_important) == (19, 4, 1, 2)

    def test_zeros(self) -> None:
        """Only intake/assessment and handling cases through the 推進会議 have no "not" answers."""
        assert {i for i, row in EVALUATION_ITEM_IMPORTANCE.items() if row.not_important == 0} == {
            EvaluationItem.INTAKE_ASSESSMENT, EvaluationItem.CASES_THROUGH_MEETING}

    def test_labels_are_the_report_terms(self) -> None:
        """Items carry the chart's Japanese labels."""
        assert EvaluationItem.SYSTEM_EXPANSION.label == "体制の拡大"
        assert EvaluationItem.MEETING_OPERATION.label == "包括化推進会議の開催状況"


# -- the 26 municipalities and base data (第2章 1., 第3章) --------------------------------------

# DOMAIN.md §8: number, name, prefecture, coordinators (the list's figure).
DOMAIN_LIST = (
    (1, "釧路市", "北海道", 1), (2, "盛岡市", "岩手県", 17), (3, "矢巾町", "岩手県", 2),
    (4, "湯沢市", "秋田県", 2), (5, "大潟村", "秋田県", 3), (6, "山形市", "山形県", 2),
    (7, "東海村", "茨城県", 2), (8, "栃木市", "栃木県", 3), (9, "市貝町", "栃木県", 3),
    (10, "鴨川市", "千葉県", 1), (11, "江戸川区", "東京都", 3), (12, "世田谷区", "東京都", 27),
    (13, "妙高市", "新潟県", 0.5), (14, "氷見市", "富山県", 2), (15, "美浜町", "福井県", 1),
    (16, "茅野市", "長野県", 4), (17, "名張市", "三重県", 3), (18, "伊賀市", "三重県", 5),
    (19, "豊中市", "大阪府", 3), (20, "有田川町", "和歌山県", 1), (21, "琴浦町", "鳥取県", 2),
    (22, "呉市", "広島県", 1), (23, "大牟田市", "福岡県", 1.3), (24, "佐賀市", "佐賀県", 3),
    (25, "長崎市", "長崎県", 6), (26, "鹿児島県", "鹿児島県", 1),
)


class TestModelMunicipalities:
    def test_list(self) -> None:
        """Numbers, names, prefectures and coordinator counts are DOMAIN.md §8's."""
        assert tuple((m.number, m.name, m.prefecture, m.coordinators)
                     for m in MODEL_MUNICIPALITIES) == DOMAIN_LIST

    def test_fractional_counts(self) -> None:
        """妙高市 has 0.5 coordinators and 大牟田市 1.3, as floats."""
        assert model_municipality("妙高市").coordinators == 0.5
        assert model_municipality("大牟田市").coordinators == pytest.approx(1.3)
        assert all(isinstance(m.coordinators, float) for m in MODEL_MUNICIPALITIES)

    def test_morioka_keeps_both_counts(self) -> None:
        """盛岡市: 17 in the list, 20 in the appendix, with a note."""
        m = model_municipality(2)
        assert (m.coordinators, m.coordinators_hearing) == (17.0, 20.0)
        assert m.note is not None

    def test_other_discrepancies(self) -> None:
        """Only 盛岡市, 琴浦町 and 大牟田市 have a hearing count that differs from the list."""
        assert {m.name for m in MODEL_MUNICIPALITIES if m.coordinators_hearing is not None} == {
            "盛岡市", "琴浦町", "大牟田市"}
        assert model_municipality("琴浦町").coordinators_hearing == 1.0

    def test_aridagawa_misprint(self) -> None:
        """有田川町 is recorded by its right name and the misprint 有田川市 is noted."""
        m = model_municipality(20)
        assert (m.name, m.operator, m.direct) == ("有田川町", "有田川町", True)
        assert m.note is not None
        assert "有田川市" in m.note
        assert all("有田川市" not in (x.name, x.operator) for x in MODEL_MUNICIPALITIES)

    def test_operators(self) -> None:
        """Seven run the project directly, eleven through the 社協, 豊中市 jointly."""
        assert [m.name for m in MODEL_MUNICIPALITIES if m.direct] == [
            "矢巾町", "栃木市", "妙高市", "茅野市", "名張市", "伊賀市", "有田川町"]
        swc = {Sector.SOCIAL_WELFARE_COUNCIL}
        assert len([m for m in MODEL_MUNICIPALITIES if m.sectors == swc]) == 11
        assert model_municipality("釧路市").sectors == {Sector.GENERAL_INCORPORATED}
        assert model_municipality("大牟田市").sectors == {Sector.MEDICAL_CORPORATION}
        assert model_municipality("鴨川市").sectors == {Sector.NPO}
        assert len(model_municipality("豊中市").sectors) == 3

    @pytest.mark.parametrize("key", [0, 27, "東京都", True, 2.0])
    def test_unknown(self, key: object) -> None:
        """An unknown number or name, or a key of another type, raises a hokatsu error."""
        with pytest.raises(UnknownReferenceError):
            model_municipality(key)  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_presets_agree(self, name: str) -> None:
        """Each preset has the list's name, prefecture and number of coordinators."""
        city = PRESETS[name]()
        m = model_municipality(city.name)
        assert city.prefecture == m.prefecture
        assert city.coordinator_fte == m.coordinators


class TestBaseData:
    @pytest.mark.parametrize(("name", "expected"), [
        ("伊賀市", ("三重県", 90_581, 33_651, 0.317, 3, 0, 1, 5)),
        ("江戸川区", ("東京都", 681_298, 309_072, 0.206, 18, 8, 3, 3)),
        ("氷見市", ("富山県", 47_992, 16_096, 0.36, 1, 3, 1, 2)),
    ])
    def test_figures(self, name: str, expected: tuple[object, ...]) -> None:
        """Population, households, aging rate, centres, branches, desks, coordinators (§8)."""
        d = BASE_DATA[name]
        assert (d.prefecture, d.population, d.households, d.aging_rate, d.centres, d.branches,
                d.hardship_desks, d.coordinators) == expected

    def test_operators(self) -> None:
        """伊賀市 and 氷見市 run centres directly; 江戸川区 contracts all three kinds."""
        gov = {Sector.GOVERNMENT}
        assert BASE_DATA["伊賀市"].centres_run_by == gov
        assert BASE_DATA["氷見市"].centres_run_by == gov
        e = BASE_DATA["江戸川区"]
        assert Sector.GOVERNMENT not in e.centres_run_by | e.branches_run_by | e.desks_run_by
        assert e.desks_run_by == {Sector.COMPANY}

    @pytest.mark.parametrize("preset", [himi, edogawa])
    def test_presets_agree(self, preset: Callable[[], Municipality]) -> None:
        """The 氷見市 and 江戸川区 presets carry the same census figures."""
        city = preset()
        d = BASE_DATA[city.name]
        assert (city.population, city.households, city.aging_rate) == (
            d.population, d.households, d.aging_rate)


# -- presets ----------------------------------------------------------------------------------

# The bodies each preset marks as (part of) the 推進会議.
PROMOTION_BODIES = {
    "himi": {"himi-construction", "himi-core"},
    "edogawa": {"edogawa-support-meeting"},
    "tochigi": {"tochigi-promotion"},
    "kotoura": {"kotoura-promotion"},
    "kushiro": {"kushiro-plenary", "kushiro-mihara-committee", "kushiro-onbetsu-committee",
                "kushiro-employment-committee"},
    "iga": {"iga-policy-meeting"},
    "morioka": {"morioka-promotion"},
}


class TestPresets:
    @pytest.mark.parametrize("name", list(PRESETS))
    def test_builds_once(self, name: str) -> None:
        """Each preset builds a Municipality and returns the same object on every call."""
        city = PRESETS[name]()
        assert isinstance(city, Municipality)
        assert PRESETS[name]() is city

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_exported(self, name: str) -> None:
        """Each preset is exported by hokatsu.reference."""
        assert name in hokatsu.reference.__all__

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_round_trip(self, name: str) -> None:
        """Each preset survives the converter unchanged."""
        conv = make_converter()
        city = PRESETS[name]()
        assert conv.structure(conv.unstructure(city), Municipality) == city

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_ids_prefixed(self, name: str) -> None:
        """Every id in a preset starts with the municipality's id, so presets never clash."""
        city = PRESETS[name]()
        ids = (*city.areas.ids, *city.agency_ids, *city.coordinator_ids, *city.body_ids)
        assert all(i == city.id or i.startswith(f"{city.id}-") for i in ids)

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_promotion_bodies(self, name: str) -> None:
        """Exactly the documented bodies are marked as the promotion meeting."""
        city = PRESETS[name]()
        assert {b.id for b in city.bodies if b.promotion} == PROMOTION_BODIES[name]


class TestEdogawa:
    def test_base_data(self) -> None:
        """東京都, 681,298 residents, 309,072 households, aging rate 20.6%."""
        ward = edogawa()
        assert (ward.id, ward.name, ward.prefecture) == ("edogawa", "江戸川区", "東京都")
        assert (ward.population, ward.households) == (681_298, 309_072)
        assert ward.aging_rate == pytest.approx(0.206)

    def test_foundation(self) -> None:
        """Community welfare around a new base (第2章 3.(2)②)."""
        assert edogawa().foundations == {Foundation.COMMUNITY_WELFARE}
        assert edogawa().welfare_style is WelfareStyle.BASE

    def test_areas(self) -> None:
        """The ward and the three なごみの家 territories, with the agreed ids, none synthetic."""
        tree = edogawa().areas
        assert tree.root.id == "edogawa"
        assert [(a.id, a.name) for a in tree.at_level("district")] == [
            ("edogawa-koiwa", "小岩"), ("edogawa-matsue-kita", "松江北"),
            ("edogawa-nagashima-kuwagawa", "長島桑川")]
        assert not any(a.synthetic for a in tree)

    def test_bases(self) -> None:
        """Each なごみの家 is a consultation base of the 社協 serving its own territory."""
        ward = edogawa()
        for area, base, _ in edogawa_data.BASES:
            agency = ward.agency(base)
            assert agency.kind is AgencyKind.CONSULTATION_BASE
            assert agency.sector is Sector.SOCIAL_WELFARE_COUNCIL
            assert agency.area_ids == {area}
        assert {a.id for a in ward.agencies_serving("edogawa-koiwa")
                if a.kind is AgencyKind.CONSULTATION_BASE} == {"edogawa-nagomi-koiwa"}

    def test_coordinators(self) -> None:
        """Three CSW of the 社協, one per base and its territory: pattern ④."""
        ward = edogawa()
        assert ward.placement_patterns == {PlacementPattern.COUNCIL_AREA}
        assert sorted((c.agency_id, *c.area_ids) for c in ward.coordinators) == sorted(
            (base, area) for area, base, _ in edogawa_data.BASES)
        assert all(c.title == "CSW" for c in ward.coordinators)

    def test_support_meeting(self) -> None:
        """One second-tier body meets in each of the three districts and escalates nowhere."""
        ward = edogawa()
        (body,) = ward.bodies
        assert (body.tier, body.convenes_per, body.promotion) == (2, "district", True)
        assert body.escalates_to is None
        assert body.part_of is None
        assert ward.session_areas(body.id) == (
            "edogawa-koiwa", "edogawa-matsue-kita", "edogawa-nagashima-kuwagawa")
        assert ward.escalation_target(body.id, "edogawa-koiwa") is None

    def test_sessions_counted_per_district(self) -> None:
        """A session in each district counts once there and three times for the ward (5A1)."""
        ward = edogawa()
        events = [held("edogawa-support-meeting", area, dt.date(2016, 6, 1 + i), i)
                  for i, area in enumerate(ward.session_areas("edogawa-support-meeting"))]
        table = compute(Ledger(ward, events), indicators=[BY_ID["5A1"]], level="district")
        assert [table.value("5A1", FY2016, a) for a in ward.session_areas(
            "edogawa-support-meeting")] == [1, 1, 1]
        whole = compute(Ledger(ward, events), indicators=[BY_ID["5A1"]])
        assert whole.value("5A1", FY2016, "edogawa", "plenary") == 3

    def test_consultation_totals(self) -> None:
        """Consultations: 188 + 311 + 70 = 569, by content 259/61/148/30/71."""
        c = edogawa_data.NAGOMI_CONSULTATIONS
        assert [sum(c[a].values()) for a in c] == [188, 311, 70]
        assert [sum(c[a][k] for a in c) for k in ConsultationContent] == [259, 61, 148, 30, 71]
        assert sum(sum(row.values()) for row in c.values()) == 569
        assert c["edogawa-matsue-kita"][ConsultationContent.HEALTH] == 103

    def test_figures_keyed_by_territory(self) -> None:
        """Every なごみの家 table is keyed by the preset's three territories."""
        districts = [a.id for a in edogawa().areas.at_level("district")]
        for table in (edogawa_data.NAGOMI_CONSULTATIONS, edogawa_data.NAGOMI_VISITORS,
                      edogawa_data.NAGOMI_STUDY_SUPPORT, edogawa_data.NAGOMI_CHILDRENS_DINER):
            assert list(table) == districts

    def test_period(self) -> None:
        """The figures cover May 2016 to January 2017, inside FY2016."""
        first, last = edogawa_data.NAGOMI_PERIOD
        assert (first, last) == (Month(2016, 5), Month(2017, 1))
        assert first.fiscal_year == last.fiscal_year == FY2016

    def test_visitors(self) -> None:
        """Visitors: 2,030 + 4,077 + 4,424 = 10,531, by age 3,730/2,751/4,050."""
        v = edogawa_data.NAGOMI_VISITORS
        assert [row.total for row in v.values()] == [2_030, 4_077, 4_424]
        assert [sum(col) for col in zip(*v.values(), strict=True)] == [3_730, 2_751, 4_050]
        assert sum(row.total for row in v.values()) == 10_531

    def test_study_support(self) -> None:
        """Study support: 30 sessions each, 74 + 88 + 82 = 244 pupils, 205/30/9 by level."""
        s = edogawa_data.NAGOMI_STUDY_SUPPORT
        assert [row.sessions for row in s.values()] == [30, 30, 30]
        assert [row.participants for row in s.values()] == [74, 88, 82]
        assert [sum(getattr(row, f) for row in s.values())
                for f in ("elementary", "junior_high", "high_school")] == [205, 30, 9]

    def test_childrens_diner(self) -> None:
        """Children's diner: 8 sessions each, 143 + 118 + 78 = 339, 269 children, 70 adults."""
        d = edogawa_data.NAGOMI_CHILDRENS_DINER
        assert sum(row.sessions for row in d.values()) == 24
        assert [row.participants for row in d.values()] == [143, 118, 78]
        assert (sum(r.children for r in d.values()), sum(r.adults for r in d.values())) == (
            269, 70)

    def test_other_constants(self) -> None:
        """About 3,800 home visits; the coordinators meet weekly."""
        assert edogawa_data.HOME_VISITS == 3_800
        assert edogawa_data.COORDINATORS_MEET.per is FrequencyUnit.WEEK


class TestTochigi:
    def test_escalation(self) -> None:
        """Case meeting → practitioners' 推進会議 → heads' centre meeting."""
        assert [b.id for b in tochigi().escalation_chain("tochigi-case-meeting")] == [
            "tochigi-case-meeting", "tochigi-promotion", "tochigi-centre-meeting"]

    def test_bodies(self) -> None:
        """The 推進会議 meets twice a month with the 地域ケア会議; the case meeting is ad hoc."""
        city = tochigi()
        promotion = city.body("tochigi-promotion")
        assert promotion.frequency is not None
        assert (promotion.frequency.times, promotion.frequency.per) == (2, FrequencyUnit.MONTH)
        assert promotion.format.joint_with == "地域ケア会議"
        case = city.body("tochigi-case-meeting")
        assert case.frequency is not None
        assert case.frequency.per is FrequencyUnit.AD_HOC
        assert city.body("tochigi-centre-meeting").format.secretariat_id == (
            "tochigi-community-care")

    def test_coordinators(self) -> None:
        """Three city staff, two in the central centre and one in 子育て支援課: pattern ①."""
        city = tochigi()
        assert city.placement_patterns == {PlacementPattern.MUNICIPALITY_CITY_WIDE}
        assert sorted(c.agency_id or "" for c in city.coordinators) == [
            "tochigi-central-cgsc", "tochigi-central-cgsc", "tochigi-childcare-section"]

    def test_foundation(self) -> None:
        """栃木市 builds on community care (第2章 3.(2)①) and gives no population."""
        assert tochigi().foundations == {Foundation.COMMUNITY_CARE}
        assert tochigi().population is None


class TestKotoura:
    def test_escalation(self) -> None:
        """The 担当者会議 passes cases to the 推進会議, the top of the chain."""
        assert [b.id for b in kotoura().escalation_chain("kotoura-case-meeting")] == [
            "kotoura-case-meeting", "kotoura-promotion"]

    def test_case_meeting_is_per_case(self) -> None:
        """The 担当者会議 meets when a case needs it."""
        frequency = kotoura().body("kotoura-case-meeting").frequency
        assert frequency is not None
        assert frequency.per is FrequencyUnit.AD_HOC

    def test_facts(self) -> None:
        """About 18,000 residents, two 社協 coordinators (pattern ③), no foundation set."""
        town = kotoura()
        assert (town.name, town.prefecture, town.population) == ("琴浦町", "鳥取県", 18_000)
        assert town.placement_patterns == {PlacementPattern.COUNCIL_CITY_WIDE}
        assert town.coordinator_fte == 2.0
        assert town.foundations == frozenset()


class TestKushiro:
    def test_committees_part_of_plenary(self) -> None:
        """美原, 音別 and 就労支援 are 部会 of the 全体会, which is part of nothing."""
        city = kushiro()
        plenary = city.body("kushiro-plenary")
        assert plenary.part_of is None
        assert plenary.format.structure is BodyStructure.PLENARY
        committees = [b for b in city.bodies if b.part_of == "kushiro-plenary"]
        assert sorted(b.name for b in committees) == ["就労支援部会", "美原部会", "音別部会"]
        assert all(b.format.structure is BodyStructure.SUBCOMMITTEE for b in committees)

    def test_all_promotion(self) -> None:
        """All four bodies are the 推進会議's and none escalates."""
        assert all(b.promotion and b.escalates_to is None for b in kushiro().bodies)

    def test_committee_areas(self) -> None:
        """The two local 部会 cover 美原 and 音別; employment support covers the city."""
        city = kushiro()
        assert [city.body(f"kushiro-{n}-committee").area_id for n in (
            "mihara", "onbetsu", "employment")] == ["kushiro-mihara", "kushiro-onbetsu", "kushiro"]

    def test_members(self) -> None:
        """美原 4, 音別 4, 就労支援 17, 全体会 22 members."""
        assert dict(kushiro_data.MEMBER_COUNTS) == {
            "kushiro-mihara-committee": 4, "kushiro-onbetsu-committee": 4,
            "kushiro-employment-committee": 17, "kushiro-plenary": 22}

    def test_operator_and_coordinator(self) -> None:
        """One coordinator of the 一般社団法人 operator, city-wide: pattern ⑤."""
        city = kushiro()
        (coordinator,) = city.coordinators
        assert coordinator.pattern is PlacementPattern.OTHER_CITY_WIDE
        assert coordinator.agency_id is not None
        assert city.agency(coordinator.agency_id).sector is Sector.GENERAL_INCORPORATED
        assert city.foundations == {Foundation.HARDSHIP_SUPPORT}

    def test_sessions_fy2016(self) -> None:
        """音別, 就労支援 and the 全体会 met twice; the report gives no count for 美原."""
        sessions = kushiro_data.SESSIONS_FY2016
        assert set(sessions) == kushiro().body_ids
        assert sessions["kushiro-mihara-committee"] is None
        assert [sessions[b] for b in ("kushiro-onbetsu-committee",
                                      "kushiro-employment-committee", "kushiro-plenary")] == [
            2, 2, 2]

    def test_sessions_as_indicator(self) -> None:
        """A ledger of the known FY2016 sessions gives 5A1 = 2 plenary and 4 sub-committee."""
        city = kushiro()
        events: list[MeetingHeld] = []
        for body_id, n in kushiro_data.SESSIONS_FY2016.items():
            for i in range(n or 0):
                events.append(held(body_id, city.body(body_id).area_id,
                                   dt.date(2016, 6 + 6 * i, 1), len(events)))
        events.sort(key=lambda e: e.date)
        table = compute(Ledger(city, events), indicators=[BY_ID["5A1"]])
        assert table.value("5A1", FY2016, "kushiro") == 6
        assert table.value("5A1", FY2016, "kushiro", "plenary") == 2
        assert table.value("5A1", FY2016, "kushiro", "subcommittee") == 4

    def test_diner(self) -> None:
        """美原's community diner opens monthly in 美原 with about 150 visitors."""
        diner = kushiro_data.MIHARA_DINER
        assert (diner.frequency.times, diner.frequency.per) == (1, FrequencyUnit.MONTH)
        assert diner.visitors == 150
        assert diner.area_id in kushiro().areas


class TestMorioka:
    def test_coordinators_follow_the_list(self) -> None:
        """Two 社協 coordinators and 15 agency staff make the list's 17, not the hearing's 20."""
        city = morioka()
        m = model_municipality("盛岡市")
        council = [c for c in city.coordinators if c.agency_id == "morioka-swc"]
        assert (len(council), len(city.coordinators)) == (2, 17)
        assert city.coordinator_fte == m.coordinators != m.coordinators_hearing

    def test_one_coordinator_per_placing_body(self) -> None:
        """Each of the 14 bodies 参考資料2 names holds one coordinator; one is unplaced."""
        city = morioka()
        placed = [c.agency_id for c in city.coordinators if c.agency_id != "morioka-swc"]
        assert len(morioka_data.PLACING_AGENCIES) == 14
        assert sorted(filter(None, placed)) == sorted(
            f"morioka-{suffix}" for suffix, *_ in morioka_data.PLACING_AGENCIES)
        assert placed.count(None) == 1

    def test_one_promotion_body_met_four_times(self) -> None:
        """The 全体会 is the only body, convened by the 社協 and the city, four sessions."""
        city = morioka()
        (body,) = city.bodies
        assert body.promotion
        assert body.escalates_to is None
        assert {m.agency_id for m in body.members if m.role.value == "convener"} == {
            "morioka-swc", "morioka-community-welfare"}
        assert morioka_data.SESSIONS_FY2016 == 4

    def test_foundation(self) -> None:
        """盛岡市 builds on community welfare around people (第2章 3.(2)②)."""
        city = morioka()
        assert city.foundations == {Foundation.COMMUNITY_WELFARE}
        assert city.welfare_style is WelfareStyle.PEOPLE
        assert "盛岡市" in Foundation.COMMUNITY_WELFARE.examples

    def test_placement_patterns(self) -> None:
        """The 社協 staff give pattern ③ and the agency staff pattern ⑤."""
        assert set(morioka().placement_patterns) == {
            PlacementPattern.COUNCIL_CITY_WIDE, PlacementPattern.OTHER_CITY_WIDE}


# -- consistency across the datasets -----------------------------------------------------------

DATASETS = (*PRESETS, "MODEL_MUNICIPALITIES", "BASE_DATA", "survey")


class TestSourceNotes:
    def test_every_dataset_has_a_note(self) -> None:
        """Every preset and table has exactly one note, and nothing else has one."""
        assert set(SOURCE_NOTES) == set(DATASETS)
        assert all(isinstance(n, SourceNote) and n.sections for n in SOURCE_NOTES.values())

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_synthetic_areas_counted(self, name: str) -> None:
        """The note counts exactly the areas the preset marks synthetic, never the root."""
        city = PRESETS[name]()
        marked = [a for a in city.areas if a.synthetic]
        assert len(marked) == source_note(name).synthetic_areas
        assert not city.areas.root.synthetic

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_synthetic_areas_described(self, name: str) -> None:
        """A preset with synthetic areas says in words what is made up."""
        note = source_note(name)
        assert not note.synthetic_areas or note.synthetic

    def test_list_discrepancies_noted(self) -> None:
        """Every municipality with a second count or a note appears in the list's note."""
        text = " ".join(source_note("MODEL_MUNICIPALITIES").inconsistencies)
        flagged = {m.name for m in MODEL_MUNICIPALITIES
                   if m.coordinators_hearing is not None or m.note is not None}
        assert {"盛岡市", "琴浦町", "大牟田市", "有田川町", "釧路市"} <= flagged
        assert all(name in text for name in flagged - {"鹿児島県", "長崎市"})

    def test_role_swap_noted(self) -> None:
        """The survey's note carries the ➍/➎ swap and the blank answers."""
        text = " ".join(source_note("survey").inconsistencies)
        assert "➍" in text
        assert "25" in text

    @pytest.mark.parametrize("key", ["nowhere", 3, None])
    def test_unknown(self, key: object) -> None:
        """An unknown dataset, or a key that is not a string, raises a hokatsu error."""
        with pytest.raises(UnknownReferenceError):
            source_note(key)  # type: ignore[arg-type]


class TestConsistency:
    def test_survey_respondents_are_the_list(self) -> None:
        """The survey's 26 respondents are the 26 municipalities of the list."""
        assert RESPONDENTS == len(MODEL_MUNICIPALITIES) == len(PROMOTION_MEETINGS_FY2016)
        assert [m.number for m in MODEL_MUNICIPALITIES] == list(range(1, 27))
        assert len({m.name for m in MODEL_MUNICIPALITIES}) == 26

    @pytest.mark.parametrize("choice", [PLACE_IN_PLANS, COORDINATOR_RANGE, MEETING_HELD_JOINTLY,
                                        SUBCOMMITTEES])
    def test_single_choices_sum_to_26(self, choice: object) -> None:
        """Every single-choice question's options add up to all 26 respondents."""
        assert choice.total == RESPONDENTS  # type: ignore[attr-defined]

    def test_joint_with_care_meeting_within_joint(self) -> None:
        """The municipalities joint with a 地域ケア会議 are among those holding it jointly."""
        assert 0 < JOINT_WITH_COMMUNITY_CARE_MEETING <= MEETING_HELD_JOINTLY.count("joint")

    def test_ranking_never_exceeds_26(self) -> None:
        """No row or column of the role ranking counts more than 26 answers."""
        for row in ROLE_RANKING.values():
            assert sum(row.values()) <= RESPONDENTS
        for role in Role:
            assert 25 <= sum(ROLE_RANKING[i][role] for i in ROLE_RANKING) <= RESPONDENTS

    @pytest.mark.parametrize("name", list(BASE_DATA))
    def test_base_data_matches_the_list(self, name: str) -> None:
        """Each case city's base data has the list's prefecture and number of coordinators."""
        d, m = BASE_DATA[name], model_municipality(name)
        assert (d.prefecture, float(d.coordinators)) == (m.prefecture, m.coordinators)

    def test_iga_preset_matches_base_data(self) -> None:
        """The 伊賀市 preset has the base data's households, centres and coordinators."""
        city, d = iga(), BASE_DATA["伊賀市"]
        centres = [a for a in city.agencies
                   if a.kind is AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER]
        assert (city.households, len(centres), len(city.coordinators)) == (
            d.households, d.centres, d.coordinators)

    @pytest.mark.parametrize("name", list(PRESETS))
    def test_direct_operators_have_city_coordinators(self, name: str) -> None:
        """Where the list says the municipality runs the project itself, a coordinator is its."""
        city = PRESETS[name]()
        m = model_municipality(city.name)
        affiliations = {c.affiliation.value for c in city.coordinators}
        assert ("municipality" in affiliations) == m.direct
