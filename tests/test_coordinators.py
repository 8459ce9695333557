"""Tests for hokatsu.domain.coordinators: roles, placement patterns and staffing."""

from __future__ import annotations

import math

import pytest
from hypothesis import given

from hokatsu import (
    ActivityRange,
    Affiliation,
    Area,
    AreaTree,
    Coordinator,
    InvalidValueError,
    Municipality,
    PlacementPattern,
    Role,
    SubRole,
    placement_pattern,
)
from tests.strategies import coordinators


class TestRole:
    def test_chapter_2_numbering(self) -> None:
        """Roles are numbered ➊–➎ in chapter 2's order (not checklist item 8's)."""
        assert [(r.number, r.symbol) for r in Role] == [
            (1, "➊"), (2, "➋"), (3, "➌"), (4, "➍"), (5, "➎")]
        assert Role.GRASP_ISSUES.number == 1
        assert Role.INDIVIDUAL_SUPPORT.number == 2
        assert Role.RUN_MEETING.number == 3
        assert Role.DEVELOP_RESOURCES.symbol == "➍"
        assert Role.MANAGE_SYSTEM.symbol == "➎"

    def test_labels(self) -> None:
        """➍ is resource development and ➎ system building, as chapter 2 has them."""
        assert Role.DEVELOP_RESOURCES.label == "相談支援機能強化に資する資源等の開発推進"
        assert Role.MANAGE_SYSTEM.label == "相談支援体制の構築・マネジメント"


class TestSubRole:
    @pytest.mark.parametrize(
        ("sub", "role", "code"),
        [
            (SubRole.COMMUNITY_OUTREACH, Role.GRASP_ISSUES, "1-1"),
            (SubRole.COMMUNITY_ISSUES, Role.GRASP_ISSUES, "1-2"),
            (SubRole.AGENCY_ISSUES, Role.GRASP_ISSUES, "1-3"),
            (SubRole.ASSESSMENT, Role.INDIVIDUAL_SUPPORT, "2-1"),
            (SubRole.CONNECTION, Role.INDIVIDUAL_SUPPORT, "2-2"),
            (SubRole.SYSTEM_IMPROVEMENT, Role.MANAGE_SYSTEM, "5-1"),
            (SubRole.STAFF_TRAINING, Role.MANAGE_SYSTEM, "5-2"),
        ],
    )
    def test_codes(self, sub: SubRole, role: Role, code: str) -> None:
        """Each sub-role belongs to its role and carries chapter 2's code (➋-1 is 2-1)."""
        assert sub.role is role
        assert sub.code == code

    def test_only_roles_1_2_5_have_sub_roles(self) -> None:
        """Chapter 2 splits roles ➊, ➋ and ➎ only."""
        assert {s.role for s in SubRole} == {
            Role.GRASP_ISSUES, Role.INDIVIDUAL_SUPPORT, Role.MANAGE_SYSTEM}


class TestPlacementPattern:
    @pytest.mark.parametrize(
        ("affiliation", "activity_range", "number", "example"),
        [
            (Affiliation.MUNICIPALITY, ActivityRange.CITY_WIDE, 1, "伊賀市"),
            (Affiliation.MUNICIPALITY, ActivityRange.AREA, 2, "茅野市"),
            (Affiliation.SOCIAL_WELFARE_COUNCIL, ActivityRange.CITY_WIDE, 3, "佐賀市"),
            (Affiliation.SOCIAL_WELFARE_COUNCIL, ActivityRange.AREA, 4, "江戸川区"),
            (Affiliation.OTHER, ActivityRange.CITY_WIDE, 5, "大牟田市"),
            (Affiliation.OTHER, ActivityRange.AREA, 6, "鴨川市"),
        ],
    )
    def test_six_patterns(
        self, affiliation: Affiliation, activity_range: ActivityRange, number: int, example: str
    ) -> None:
        """Affiliation × activity range gives the six patterns of 第2章 4. and their examples."""
        pattern = placement_pattern(affiliation, activity_range)
        assert pattern.number == number
        assert pattern.example == example
        assert pattern.label[0] == "①②③④⑤⑥"[number - 1]
        assert affiliation.label in pattern.label
        assert activity_range.label in pattern.label

    def test_patterns_are_distinct(self) -> None:
        """The six combinations give six different patterns."""
        found = {placement_pattern(a, r) for a in Affiliation for r in ActivityRange}
        assert found == set(PlacementPattern)

    @given(coordinators())
    def test_coordinator_pattern(self, c: Coordinator) -> None:
        """A coordinator's pattern is derived from its affiliation and activity range."""
        assert c.pattern is placement_pattern(c.affiliation, c.activity_range)


def coordinator(**kw: object) -> Coordinator:
    base: dict[str, object] = {"id": "c", "affiliation": Affiliation.MUNICIPALITY,
                               "activity_range": ActivityRange.CITY_WIDE}
    return Coordinator(**{**base, **kw})  # type: ignore[arg-type]


class TestCoordinator:
    def test_defaults(self) -> None:
        """A coordinator is full time and carries all five roles by default."""
        c = coordinator()
        assert c.fte == 1.0
        assert c.roles == frozenset(Role)

    @pytest.mark.parametrize("fte", [1, 1.0, 0.5, 0.3, 1e-9])
    def test_fte_accepted(self, fte: float) -> None:
        """FTE is greater than 0 and at most 1."""
        assert coordinator(fte=fte).fte == fte

    @pytest.mark.parametrize("fte", [0, 0.0, -0.5, 1.0001, 2, math.nan, math.inf, True, "0.5"])
    def test_fte_rejected(self, fte: object) -> None:
        """FTE 0, negative, above 1, not finite, a bool or a string is rejected."""
        with pytest.raises(InvalidValueError) as info:
            coordinator(fte=fte)
        assert info.value.field == "fte"

    def test_area_based_needs_areas(self) -> None:
        """An area-based coordinator must name at least one area."""
        with pytest.raises(InvalidValueError) as info:
            coordinator(activity_range=ActivityRange.AREA)
        assert info.value.field == "area_ids"

    def test_city_wide_has_no_areas(self) -> None:
        """A city-wide coordinator names no areas."""
        with pytest.raises(InvalidValueError) as info:
            coordinator(area_ids=frozenset({"b1"}))
        assert info.value.field == "area_ids"

    def test_area_based(self) -> None:
        """江戸川区's coordinators are 社協 CSWs, one per なごみの家 area (pattern ④)."""
        c = coordinator(affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
                        activity_range=ActivityRange.AREA, area_ids=frozenset({"koiwa"}),
                        title="CSW")
        assert c.pattern is PlacementPattern.COUNCIL_AREA

    @pytest.mark.parametrize(
        ("field", "value"),
        [("roles", frozenset({"grasp_issues"})), ("roles", {Role.RUN_MEETING}),
         ("title", ""), ("agency_id", ""), ("affiliation", "other")],
    )
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Each field checks its type and names itself in the error."""
        with pytest.raises(InvalidValueError) as info:
            coordinator(**{field: value})
        assert info.value.field.startswith(field)


def city(*ftes: float) -> Municipality:
    tree = AreaTree(levels=("city",), areas=(Area(id="x", name="市", level="city"),))
    return Municipality(id="x", name="市", areas=tree, coordinators=tuple(
        coordinator(id=f"c{i}", affiliation=Affiliation.OTHER, fte=f)
        for i, f in enumerate(ftes)))


class TestStaffing:
    def test_fractional_total(self) -> None:
        """大牟田市's 1.3 FTE: one full-time and one 0.3 coordinator (第2章 1.)."""
        omuta = city(1.0, 0.3)
        assert omuta.coordinator_fte == 1.3
        assert omuta.placement_patterns == {PlacementPattern.OTHER_CITY_WIDE}

    def test_half_time(self) -> None:
        """妙高市's 0.5 FTE: a single half-time coordinator."""
        assert city(0.5).coordinator_fte == 0.5

    def test_rounding(self) -> None:
        """The total is rounded so that 0.1 + 0.2 reads as 0.3."""
        assert city(0.1, 0.2).coordinator_fte == 0.3


class TestPlacementPatternArguments:
    @pytest.mark.parametrize(("affiliation", "activity_range", "field"), [
        ("other", ActivityRange.CITY_WIDE, "affiliation"),
        (Affiliation.OTHER, "area", "activity_range"),
        (None, None, "affiliation"),
    ])
    def test_junk_is_refused(self, affiliation: object, activity_range: object,
                             field: str) -> None:
        """placement_pattern("other", "area") names the argument instead of a ValueError."""
        with pytest.raises(InvalidValueError) as info:
            placement_pattern(affiliation, activity_range)  # type: ignore[arg-type]
        assert (info.value.obj, info.value.field) == ("placement_pattern", field)
