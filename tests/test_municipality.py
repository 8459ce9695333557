"""Tests for hokatsu.domain.municipality and the 氷見市 preset, plus other report cities."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given

from hokatsu import (
    ActivityRange,
    Affiliation,
    Agency,
    AgencyKind,
    Area,
    AreaTree,
    BodyStructure,
    Coordinator,
    CycleError,
    DuplicateIdError,
    Field,
    Foundation,
    Frequency,
    FrequencyUnit,
    InvalidValueError,
    MeetingBody,
    MeetingFormat,
    MeetingPurpose,
    MemberRole,
    Membership,
    Municipality,
    PlacementPattern,
    Sector,
    Service,
    UnknownReferenceError,
    WelfareStyle,
)
from hokatsu.reference import himi
from tests.strategies import municipalities, scaled

BLOCK_NAMES = ("氷見", "南條", "上庄谷", "灘浦")


def replace_body(city: Municipality, body_id: str, **changes: object) -> Municipality:
    """The city rebuilt with one body changed (so that every check runs again)."""
    bodies = tuple(attrs.evolve(b, **changes) if b.id == body_id else b for b in city.bodies)
    return attrs.evolve(city, bodies=bodies)


class TestHimiFacts:
    def test_base_data(self) -> None:
        """平成27年国勢調査: population 47,992, 16,096 households, aging rate 36.0%."""
        city = himi()
        assert (city.id, city.name, city.prefecture) == ("himi", "氷見市", "富山県")
        assert city.population == 47_992
        assert city.households == 16_096
        assert city.aging_rate == pytest.approx(0.36)

    def test_foundation(self) -> None:
        """氷見市 builds on the livelihood-hardship support system (第2章 3.)."""
        assert himi().foundations == {Foundation.HARDSHIP_SUPPORT}
        assert himi().welfare_style is None

    def test_blocks(self) -> None:
        """The four blocks are the 社協's four areas, named in the report, not synthetic."""
        blocks = himi().areas.at_level("block")
        assert tuple(b.name for b in blocks) == BLOCK_NAMES
        assert not any(b.synthetic for b in blocks)
        assert all(b.parent_id == "himi" for b in blocks)

    def test_districts_and_neighbourhoods(self) -> None:
        """21 districts and 226 自治会, all synthetic, each under a district or a block."""
        tree = himi().areas
        districts = tree.at_level("district")
        neighbourhoods = tree.at_level("neighbourhood")
        assert len(districts) == 21
        assert len(neighbourhoods) == 226
        assert all(a.synthetic for a in (*districts, *neighbourhoods))
        assert {tree.get(d.parent_id).level for d in districts if d.parent_id} == {"block"}
        assert all(tree.ancestor_at(n.id, "district") for n in neighbourhoods)
        assert len(tree) == 1 + 4 + 21 + 226
        assert tree.levels == ("city", "block", "district", "neighbourhood")

    def test_coordinators(self) -> None:
        """Two CSW coordinators of the 社協, city-wide, at the ふくし相談サポートセンター."""
        city = himi()
        assert len(city.coordinators) == 2
        assert city.coordinator_fte == 2.0
        assert city.placement_patterns == {PlacementPattern.COUNCIL_CITY_WIDE}
        for c in city.coordinators:
            assert c.title == "CSW"
            assert c.agency_id is not None
            assert city.agency(c.agency_id).name == "ふくし相談サポートセンター"

    def test_six_bodies(self) -> None:
        """Six meeting bodies from FY2017, with their tiers."""
        city = himi()
        tiers = {city.body(b).name: city.body(b).tier for b in city.body_ids}
        assert tiers == {
            "地域セーフティネット構築会議": 1,
            "地域セーフティネットコア会議": 1,
            "地域セーフティネット定例会議": 1,
            "セーフティネットケア会議": 1,
            "地域セーフティネットブロック会議": 2,
            "セーフティネット地域会議": 3,
        }

    def test_escalation_chain(self) -> None:
        """地域会議 → ブロック会議 → コア会議 → 構築会議, each step to the same or a higher
        tier."""
        chain = himi().escalation_chain("himi-district")
        assert [b.name for b in chain] == [
            "セーフティネット地域会議", "地域セーフティネットブロック会議",
            "地域セーフティネットコア会議", "地域セーフティネット構築会議"]
        assert [b.tier for b in chain] == [3, 2, 1, 1]

    @pytest.mark.parametrize("body_id", ["himi-regular", "himi-care", "himi-block"])
    def test_feeds_core(self, body_id: str) -> None:
        """定例会議, ケア会議 and ブロック会議 take their cases to コア会議."""
        assert himi().body(body_id).escalates_to == "himi-core"

    def test_top_of_chain(self) -> None:
        """構築会議 escalates nowhere."""
        assert himi().body("himi-construction").escalates_to is None
        assert himi().escalation_target("himi-construction", "himi") is None

    def test_care_meeting_is_ad_hoc_and_regular_monthly(self) -> None:
        """ケア会議 is convened by the 福祉介護課 when needed; 定例会議 meets monthly, 1 h."""
        city = himi()
        care = city.body("himi-care")
        assert care.frequency == Frequency.ad_hoc()
        assert any(m.role is MemberRole.CONVENER and m.agency_id == "himi-welfare"
                   for m in care.members)
        regular = city.body("himi-regular")
        assert regular.frequency is not None
        assert regular.frequency.sessions_per_year == 12
        assert regular.format.duration_minutes == 60

    def test_session_areas(self) -> None:
        """The block meeting sits in each of the 4 blocks, the district meeting in each of the
        21 districts, the core meeting once for the city."""
        city = himi()
        assert city.session_areas("himi-block") == tuple(
            a.id for a in city.areas.at_level("block"))
        assert len(city.session_areas("himi-district")) == 21
        assert city.session_areas("himi-core") == ("himi",)

    def test_escalation_target_district_to_block(self) -> None:
        """A case from a district's meeting goes to the meeting of the block containing it."""
        city = himi()
        tree = city.areas
        for district in tree.at_level("district"):
            body_id, area_id = city.escalation_target("himi-district", district.id) or ("", "")
            assert body_id == "himi-block"
            assert area_id == tree.ancestor_at(district.id, "block")
        assert city.escalation_target("himi-district", "himi-d01") == ("himi-block", "himi-b1")
        assert city.escalation_target("himi-block", "himi-b3") == ("himi-core", "himi")

    def test_escalation_target_unknown_session(self) -> None:
        """A body holds no session in an area outside its sessions, or an unknown one."""
        city = himi()
        with pytest.raises(UnknownReferenceError):
            city.escalation_target("himi-district", "himi-b1")
        with pytest.raises(UnknownReferenceError):
            city.escalation_target("himi-nope", "himi")

    def test_block_secretariat_is_the_council(self) -> None:
        """The 社協 runs the block meeting's secretariat (its CSW)."""
        block = himi().body("himi-block")
        assert block.format.secretariat_id == "himi-swc"

    def test_look_ups(self) -> None:
        """Agencies, coordinators and bodies are found by id; unknown ids raise."""
        city = himi()
        assert city.agency("himi-swc").kind is AgencyKind.SOCIAL_WELFARE_COUNCIL
        assert city.coordinator("himi-csw1").title == "CSW"
        assert "himi-core" in city.body_ids
        assert len(city.agency_ids) == len(city.agencies)
        assert city.coordinator_ids == {"himi-csw1", "himi-csw2"}
        for look_up in (city.agency, city.coordinator, city.body, city.service):
            with pytest.raises(UnknownReferenceError):
                look_up("nope")

    def test_agencies_serving(self) -> None:
        """A district is served by city-wide agencies and by its own block's branch only."""
        city = himi()
        serving = {a.id for a in city.agencies_serving("himi-d07")}  # in 南條 (himi-b2)
        assert "himi-branch1" in serving
        assert "himi-branch2" not in serving
        assert "himi-swc" in serving

    def test_cached(self) -> None:
        """The preset is built once."""
        assert himi() is himi()


class TestMunicipalityRejects:
    def test_escalation_cycle(self) -> None:
        """構築会議 escalating back to コア会議 closes a loop."""
        with pytest.raises(CycleError) as info:
            replace_body(himi(), "himi-construction", escalates_to="himi-core")
        assert set(info.value.cycle) == {"himi-core", "himi-construction"}

    def test_three_cycle(self) -> None:
        """定例会議 → コア会議 → 構築会議 → 定例会議 is a loop through three bodies."""
        with pytest.raises(CycleError) as info:
            replace_body(himi(), "himi-construction", escalates_to="himi-regular")
        assert set(info.value.cycle) == {"himi-regular", "himi-core", "himi-construction"}

    def test_part_of_cycle(self) -> None:
        """Sub-committees cannot be part of each other."""
        city = replace_body(himi(), "himi-core", part_of="himi-regular")
        with pytest.raises(CycleError):
            replace_body(city, "himi-regular", part_of="himi-core")

    def test_escalation_to_lower_tier(self) -> None:
        """定例会議 (第1層) cannot take its cases down to the block meeting (第2層)."""
        with pytest.raises(InvalidValueError) as info:
            replace_body(himi(), "himi-regular", escalates_to="himi-block")
        assert info.value.field == "escalates_to"

    def test_escalation_to_finer_sessions(self) -> None:
        """A city-wide tier-2 body cannot escalate to a tier-2 body meeting per block."""
        extra = MeetingBody(id="extra", name="全市会議", tier=2, area_id="himi",
                            escalates_to="himi-block")
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(himi(), bodies=(*himi().bodies, extra))
        assert info.value.field == "escalates_to"

    def test_escalation_to_an_area_not_containing(self) -> None:
        """A body of one block cannot escalate to a body of another block."""
        b1 = MeetingBody(id="b1-meeting", name="氷見ブロック会議", tier=2, area_id="himi-b1")
        b2 = MeetingBody(id="b2-meeting", name="南條ブロック会議", tier=2, area_id="himi-b2",
                         escalates_to="b1-meeting")
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(himi(), bodies=(*himi().bodies, b1, b2))
        assert "b2-meeting" in info.value.obj

    def test_escalation_to_unknown_body(self) -> None:
        """A body cannot escalate to a body that is not in the directory."""
        with pytest.raises(UnknownReferenceError) as info:
            replace_body(himi(), "himi-core", escalates_to="himi-prefecture")
        assert (info.value.field, info.value.ref) == ("escalates_to", "himi-prefecture")

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"area_id": "himi-x"}, "area_id"),
            ({"convenes_per": "ward"}, "convenes_per"),
            ({"members": (Membership(agency_id="himi-x"),)}, "members"),
            ({"format": MeetingFormat(secretariat_id="himi-x")}, "format.secretariat_id"),
            ({"part_of": "himi-x"}, "part_of"),
        ],
    )
    def test_body_references(self, changes: dict[str, object], field: str) -> None:
        """A body's area, level, members, secretariat and parent body must exist."""
        with pytest.raises(UnknownReferenceError) as info:
            replace_body(himi(), "himi-block", **changes)
        assert info.value.field == field

    def test_convenes_per_above_the_area(self) -> None:
        """A body of a block cannot meet per city (a level above its area)."""
        body = MeetingBody(id="x", name="会議", tier=2, area_id="himi-b1", convenes_per="city")
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(himi(), bodies=(body,))
        assert info.value.field == "convenes_per"

    def test_agency_area(self) -> None:
        """An agency serves areas of the tree only."""
        bad = attrs.evolve(himi().agencies[0], area_ids=frozenset({"himi", "toyama"}))
        with pytest.raises(UnknownReferenceError) as info:
            attrs.evolve(himi(), agencies=(bad, *himi().agencies[1:]))
        assert (info.value.field, info.value.ref) == ("area_ids", "toyama")

    def test_coordinator_references(self) -> None:
        """A coordinator's agency and areas must exist."""
        city = himi()
        lost = attrs.evolve(city.coordinators[0], agency_id="himi-x")
        with pytest.raises(UnknownReferenceError) as info:
            attrs.evolve(city, coordinators=(lost,))
        assert info.value.field == "agency_id"
        roaming = Coordinator(id="c", affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                              activity_range=ActivityRange.AREA, area_ids=frozenset({"himi-x"}))
        with pytest.raises(UnknownReferenceError) as info:
            attrs.evolve(city, coordinators=(roaming,))
        assert info.value.field == "area_ids"

    @pytest.mark.parametrize("collection", ["agencies", "coordinators", "bodies"])
    def test_duplicate_ids(self, collection: str) -> None:
        """Agencies, coordinators and bodies have ids unique in the municipality."""
        items = getattr(himi(), collection)
        with pytest.raises(DuplicateIdError) as info:
            attrs.evolve(himi(), **{collection: (*items, items[0])})
        assert info.value.field == collection

    def test_duplicate_service_ids_across_agencies(self) -> None:
        """Two agencies cannot offer services with one id."""
        city = himi()
        a = attrs.evolve(city.agencies[0], services=(Service(id="s", name="相談"),))
        b = attrs.evolve(city.agencies[1], services=(Service(id="s", name="相談"),))
        with pytest.raises(DuplicateIdError) as info:
            attrs.evolve(city, agencies=(a, b, *city.agencies[2:]))
        assert (info.value.field, info.value.ref) == ("services", "s")

    def test_welfare_style_needs_community_welfare(self) -> None:
        """A welfare style is only set for a community-welfare foundation."""
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(himi(), welfare_style=WelfareStyle.BASE)
        assert info.value.field == "welfare_style"
        mixed = attrs.evolve(himi(), welfare_style=WelfareStyle.PEOPLE, foundations=frozenset(
            {Foundation.HARDSHIP_SUPPORT, Foundation.COMMUNITY_WELFARE}))
        assert mixed.welfare_style is WelfareStyle.PEOPLE

    @pytest.mark.parametrize(
        ("field", "value"),
        [("population", -1), ("households", 1.5), ("aging_rate", 1.01), ("aging_rate", 36.0),
         ("areas", None), ("agencies", []), ("prefecture", "")],
    )
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Counts are non-negative integers, the aging rate a share from 0 to 1."""
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(himi(), **{field: value})
        assert info.value.field == field


# Each example is a whole directory; a quarter of the profile's examples is plenty here, the
# round-trip and fuzz tests draw many more.
MUNICIPAL = scaled(1 / 4)


class TestGeneratedMunicipalities:
    @MUNICIPAL
    @given(municipalities())
    def test_escalation_goes_up_and_ends(self, city: Municipality) -> None:
        """Every escalation chain ends, never revisits a body, never goes down a tier, and
        each body's area lies within the next one's."""
        for body in city.bodies:
            chain = city.escalation_chain(body.id)
            assert len({b.id for b in chain}) == len(chain)
            for low, high in itertools.pairwise(chain):
                assert high.tier <= low.tier
                assert city.areas.contains(high.area_id, low.area_id)

    @MUNICIPAL
    @given(municipalities())
    def test_escalation_targets_contain_the_session(self, city: Municipality) -> None:
        """A case escalated from a session goes to a session the next body holds, in an area
        containing the source session's area (so escalation can be followed step by step)."""
        tree = city.areas
        for body in city.bodies:
            for area_id in city.session_areas(body.id):
                target = city.escalation_target(body.id, area_id)
                if target is None:
                    assert body.escalates_to is None
                    continue
                target_id, target_area = target
                assert target_id == body.escalates_to
                assert tree.contains(target_area, area_id)
                assert target_area in city.session_areas(target_id)

    @MUNICIPAL
    @given(municipalities())
    def test_session_areas_lie_in_the_body_area(self, city: Municipality) -> None:
        """A body's sessions are held in its area or in areas of its level below it."""
        for body in city.bodies:
            for area_id in city.session_areas(body.id):
                assert city.areas.contains(body.area_id, area_id)
                if body.convenes_per is not None:
                    assert city.areas.get(area_id).level == body.convenes_per

    @MUNICIPAL
    @given(municipalities())
    def test_agencies_serving_every_area(self, city: Municipality) -> None:
        """An agency serves an area iff it serves the area or one of its ancestors."""
        for area in city.areas:
            lineage = set(city.areas.lineage(area.id))
            expected = [a.id for a in city.agencies if a.area_ids & lineage]
            assert [a.id for a in city.agencies_serving(area.id)] == expected

    @MUNICIPAL
    @given(municipalities())
    def test_derived_facts(self, city: Municipality) -> None:
        """FTE totals and placement patterns come from the coordinators."""
        total = sum(c.fte for c in city.coordinators)
        assert city.coordinator_fte == pytest.approx(total, abs=5e-7)  # rounded to 6 places
        assert city.placement_patterns == {c.pattern for c in city.coordinators}

    @MUNICIPAL
    @given(municipalities())
    def test_rebuilding_is_equal(self, city: Municipality) -> None:
        """Rebuilding from the same parts gives an equal municipality."""
        assert attrs.evolve(city) == city


SKIPPING_TREE = AreaTree(levels=("city", "block", "district"), areas=(
    Area(id="c", name="市", level="city"),
    Area(id="b1", name="北", level="block", parent_id="c"),
    Area(id="d1", name="北一", level="district", parent_id="b1"),
    Area(id="d2", name="南一", level="district", parent_id="c"),  # skips the block level
))


class TestSkippedLevels:
    """Escalation where a branch of the area tree skips the target body's level."""

    def test_escalation_needing_a_missing_level_is_rejected(self) -> None:
        """A district with no block above it cannot escalate to a per-block body, so the
        directory is refused rather than sending its cases to a session nobody holds."""
        with pytest.raises(InvalidValueError, match="has no 'block' above it") as info:
            Municipality(id="x", name="市", areas=SKIPPING_TREE, bodies=(
                MeetingBody(id="block", name="ブロック会議", tier=2, area_id="c",
                            convenes_per="block"),
                MeetingBody(id="district", name="地区会議", tier=3, area_id="c",
                            convenes_per="district", escalates_to="block"),
            ))
        assert info.value.field == "escalates_to"

    def test_escalation_to_a_city_body_is_fine(self) -> None:
        """The same tree may escalate district cases to a body for the whole city."""
        city = Municipality(id="x", name="市", areas=SKIPPING_TREE, bodies=(
            MeetingBody(id="city", name="全市会議", tier=1, area_id="c"),
            MeetingBody(id="district", name="地区会議", tier=3, area_id="c",
                        convenes_per="district", escalates_to="city"),
        ))
        assert city.escalation_target("district", "d2") == ("city", "c")
        assert city.escalation_target("district", "d1") == ("city", "c")


# -- other municipalities of the report: the model is not shaped after 氷見市 alone ----------


def _city_tree(city_id: str, name: str, *districts: tuple[str, str]) -> AreaTree:
    return AreaTree(levels=("city", "district"), areas=(
        Area(id=city_id, name=name, level="city"),
        *(Area(id=d, name=n, level="district", parent_id=city_id) for d, n in districts),
    ))


def tochigi() -> Municipality:
    """栃木市: the 福祉総合相談支援センター会議 of department and section heads, the 推進会議 of
    practitioners twice a month, and ad-hoc 担当者個別会議 per case; coordinators placed in
    the 地域包括支援センター and the 子育て支援課 (第3章, 栃木市)."""
    city = frozenset({"tochigi"})

    def section(agency_id: str, name: str, kind: AgencyKind, *fields: Field) -> Agency:
        return Agency(id=agency_id, name=name, sector=Sector.GOVERNMENT, kind=kind,
                      fields=frozenset(fields), area_ids=city)

    agencies = (
        section("t-care-promotion", "地域包括ケア推進課", AgencyKind.MUNICIPAL_SECTION,
                Field.ELDERLY),
        section("t-welfare-general", "福祉総務課", AgencyKind.MUNICIPAL_SECTION, Field.OTHER),
        section("t-elderly", "高齢福祉課", AgencyKind.MUNICIPAL_SECTION, Field.ELDERLY),
        section("t-child", "子育て支援課", AgencyKind.MUNICIPAL_SECTION, Field.CHILDREN),
        section("t-cgsc", "地域包括支援センター", AgencyKind.COMMUNITY_GENERAL_SUPPORT_CENTER,
                Field.ELDERLY),
        section("t-disability", "障がい児者相談支援センター",
                AgencyKind.DISABILITY_CONSULTATION, Field.DISABILITY),
        section("t-kurashi", "とちぎ市くらしサポートセンター", AgencyKind.SELF_RELIANCE_SUPPORT,
                Field.HARDSHIP),
        Agency(id="t-swc", name="栃木市社会福祉協議会", sector=Sector.SOCIAL_WELFARE_COUNCIL,
               kind=AgencyKind.SOCIAL_WELFARE_COUNCIL, area_ids=city),
        Agency(id="t-hellowork", name="栃木公共職業安定所", sector=Sector.PREFECTURE_OR_STATE,
               kind=AgencyKind.HELLO_WORK, fields=frozenset({Field.EMPLOYMENT}), area_ids=city),
    )
    practitioners = tuple(Membership(agency_id=a.id) for a in agencies[4:])
    heads = tuple(Membership(agency_id=a.id) for a in agencies[:4])
    secretariat = MeetingFormat(secretariat_id="t-care-promotion")
    bodies = (
        MeetingBody(id="t-centre", name="福祉総合相談支援センター会議", tier=1, area_id="tochigi",
                    purposes=frozenset({MeetingPurpose.NETWORKING}), format=secretariat,
                    members=heads, promotion=True),
        MeetingBody(id="t-promotion", name="相談支援包括化推進会議", tier=1, area_id="tochigi",
                    purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES,
                                        MeetingPurpose.COMMUNITY_ISSUES}),
                    format=secretariat, members=practitioners,
                    frequency=Frequency(times=2, per=FrequencyUnit.MONTH),
                    escalates_to="t-centre", promotion=True),
        MeetingBody(id="t-case", name="担当者個別会議", tier=1, area_id="tochigi",
                    purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}),
                    frequency=Frequency.ad_hoc(), escalates_to="t-promotion"),
    )
    coordinators = tuple(
        Coordinator(id=f"t-c{i}", affiliation=Affiliation.MUNICIPALITY,
                    activity_range=ActivityRange.CITY_WIDE, agency_id=agency)
        for i, agency in enumerate(("t-cgsc", "t-cgsc", "t-child"), start=1)
    )
    return Municipality(id="tochigi", name="栃木市", prefecture="栃木県",
                        areas=_city_tree("tochigi", "栃木市"), agencies=agencies,
                        coordinators=coordinators, bodies=bodies,
                        foundations=frozenset({Foundation.COMMUNITY_CARE}))


def kotoura() -> Municipality:
    """琴浦町: a 推進会議 for the network, programmes and monitoring, and a 担当者会議 per case,
    around the town's 福祉あんしん課 (第3章, 琴浦町)."""
    town = frozenset({"kotoura"})
    agencies = (
        Agency(id="k-anshin", name="福祉あんしん課", sector=Sector.GOVERNMENT,
               kind=AgencyKind.MUNICIPAL_SECTION, area_ids=town,
               fields=frozenset({Field.ELDERLY, Field.DISABILITY, Field.HARDSHIP})),
        Agency(id="k-swc", name="琴浦町社会福祉協議会", sector=Sector.SOCIAL_WELFARE_COUNCIL,
               kind=AgencyKind.SOCIAL_WELFARE_COUNCIL, area_ids=town),
    )
    members = tuple(Membership(agency_id=a.id) for a in agencies)
    return Municipality(
        id="kotoura", name="琴浦町", prefecture="鳥取県",
        areas=_city_tree("kotoura", "琴浦町", ("k-tohaku", "東伯"), ("k-akasaki", "赤碕")),
        agencies=agencies,
        coordinators=tuple(
            Coordinator(id=f"k-c{i}", affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                        activity_range=ActivityRange.CITY_WIDE, agency_id="k-swc")
            for i in (1, 2)),
        bodies=(
            MeetingBody(id="k-promotion", name="相談支援包括化推進会議", tier=1, area_id="kotoura",
                        purposes=frozenset({MeetingPurpose.NETWORKING,
                                            MeetingPurpose.RESOURCE_DEVELOPMENT}),
                        members=members, promotion=True),
            MeetingBody(id="k-case", name="担当者会議", tier=1, area_id="kotoura",
                        purposes=frozenset({MeetingPurpose.INDIVIDUAL_CASES}), members=members,
                        frequency=Frequency.ad_hoc(), escalates_to="k-promotion"),
        ),
    )


KUSHIRO_BODIES = (("k-mihara", "美原部会", 4, "kushiro-mihara"),
                  ("k-onbetsu", "音別部会", 4, "kushiro-onbetsu"),
                  ("k-work", "就労支援部会", 17, "kushiro"))


def kushiro() -> Municipality:
    """釧路市: three 部会 (美原 4 members, 音別 4, 就労支援 17) and a 全体会 of 22, each meeting
    twice in FY2016; the two area 部会 work in their own areas; run by a 一般社団法人
    (第3章, 釧路市)."""
    members = [f"kushiro-member-{i:02d}" for i in range(1, 31)]
    agencies = (
        *(Agency(id=m, name=f"構成員{i}", sector=Sector.VOLUNTARY, kind=AgencyKind.OTHER,
                 area_ids=frozenset({"kushiro"}))
          for i, m in enumerate(members, start=1)),
        Agency(id="kushiro-operator", name="釧路社会的企業創造協議会",
               sector=Sector.GENERAL_INCORPORATED, kind=AgencyKind.CONSULTATION_BASE,
               area_ids=frozenset({"kushiro"})),
    )
    twice = Frequency(times=2, per=FrequencyUnit.YEAR)
    plenary = MeetingBody(
        id="k-plenary", name="全体会", tier=1, area_id="kushiro",
        format=MeetingFormat(structure=BodyStructure.PLENARY, secretariat_id="kushiro-operator"),
        members=tuple(Membership(agency_id=m) for m in members[:22]), frequency=twice,
        promotion=True,
    )
    parts = tuple(
        MeetingBody(id=body_id, name=name, tier=1 if area == "kushiro" else 2, area_id=area,
                    format=MeetingFormat(structure=BodyStructure.SUBCOMMITTEE),
                    members=tuple(Membership(agency_id=m) for m in members[-n:]),
                    frequency=twice, part_of="k-plenary", escalates_to="k-plenary",
                    purposes=frozenset({MeetingPurpose.RESOURCE_DEVELOPMENT}), promotion=True)
        for body_id, name, n, area in KUSHIRO_BODIES
    )
    return Municipality(
        id="kushiro", name="釧路市", prefecture="北海道",
        areas=_city_tree("kushiro", "釧路市", ("kushiro-mihara", "美原"),
                         ("kushiro-onbetsu", "音別")),
        agencies=agencies,
        coordinators=(Coordinator(id="kushiro-c1", affiliation=Affiliation.OTHER,
                                  activity_range=ActivityRange.CITY_WIDE,
                                  agency_id="kushiro-operator"),),
        bodies=(plenary, *parts), foundations=frozenset({Foundation.HARDSHIP_SUPPORT}),
    )


class TestOtherMunicipalities:
    def test_tochigi(self) -> None:
        """栃木市: three bodies on one tier, cases rising from the 個別会議 to the センター会議,
        coordinators of pattern ①."""
        city = tochigi()
        assert [b.name for b in city.escalation_chain("t-case")] == [
            "担当者個別会議", "相談支援包括化推進会議", "福祉総合相談支援センター会議"]
        promotion = city.body("t-promotion")
        assert promotion.frequency is not None
        assert promotion.frequency.sessions_per_year == 24
        assert city.body("t-case").frequency == Frequency.ad_hoc()
        assert city.placement_patterns == {PlacementPattern.MUNICIPALITY_CITY_WIDE}
        assert city.coordinator_fte == 3
        assert city.foundations == {Foundation.COMMUNITY_CARE}

    def test_kotoura(self) -> None:
        """琴浦町: a 推進会議 and per-case 担当者会議 feeding it, in a town of two districts."""
        town = kotoura()
        assert town.escalation_target("k-case", "kotoura") == ("k-promotion", "kotoura")
        assert town.escalation_target("k-promotion", "kotoura") is None
        assert len(town.areas.leaves()) == 2
        assert town.placement_patterns == {PlacementPattern.COUNCIL_CITY_WIDE}

    def test_kushiro(self) -> None:
        """釧路市: three 部会 part of one 全体会, with the report's member counts."""
        city = kushiro()
        plenary = city.body("k-plenary")
        parts = [b for b in city.bodies if b.part_of == "k-plenary"]
        assert [b.name for b in parts] == ["美原部会", "音別部会", "就労支援部会"]
        assert [len(b.members) for b in parts] == [4, 4, 17]
        assert len(plenary.members) == 22
        assert all(b.format.structure is BodyStructure.SUBCOMMITTEE for b in parts)
        assert plenary.format.structure is BodyStructure.PLENARY
        total = sum((b.frequency.sessions_per_year or 0) if b.frequency else 0
                    for b in city.bodies)
        assert total == 8  # FY2016: each 部会 and the 全体会 met twice
        assert city.escalation_target("k-mihara", "kushiro-mihara") == ("k-plenary", "kushiro")
        assert city.placement_patterns == {PlacementPattern.OTHER_CITY_WIDE}

    def test_kushiro_sub_committee_cannot_contain_its_plenary(self) -> None:
        """Making the 全体会 part of one of its 部会 closes a part_of loop."""
        city = kushiro()
        with pytest.raises(CycleError):
            replace_body(city, "k-plenary", part_of="k-work")

    def test_agencies_in_system(self) -> None:
        """Only agencies that had joined by a date count as in the system."""
        city = kotoura()
        joined = attrs.evolve(city.agencies[0], joined=dt.date(2016, 4, 1))
        city = attrs.evolve(city, agencies=(joined, *city.agencies[1:]))
        assert [a.id for a in city.agencies_in_system(dt.date(2016, 4, 1))] == ["k-anshin"]
        assert city.agencies_in_system(dt.date(2016, 3, 31)) == ()


class TestLookUpArguments:
    def test_agencies_in_system_junk(self) -> None:
        """agencies_in_system names its date argument instead of a TypeError."""
        with pytest.raises(InvalidValueError) as info:
            himi().agencies_in_system("2017-04-01")  # type: ignore[arg-type]
        assert (info.value.obj, info.value.field) == ("Municipality.agencies_in_system", "on")

    @pytest.mark.parametrize("junk", [None, ["himi-d01"], {}, 3])
    def test_look_ups_of_junk(self, junk: object) -> None:
        """Look-ups by id given junk raise UnknownReferenceError naming the collection."""
        muni = himi()
        for look_up in (muni.agency, muni.body, muni.coordinator, muni.agencies_serving,
                        muni.session_areas, muni.escalation_chain):
            with pytest.raises(UnknownReferenceError):
                look_up(junk)  # type: ignore[arg-type]


class TestRepr:
    def test_counts_not_contents(self) -> None:
        """A municipality's repr counts its directory instead of printing it."""
        assert repr(himi()) == (
            "<Municipality 'himi' 氷見市: 252 areas, 14 agencies, 2 coordinators, "
            "6 meeting bodies>"
        )
