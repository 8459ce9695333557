"""The coordinator (相談支援包括化推進員): roles, placement and staffing.

Chapter 2 of the report names five roles, numbered ➊–➎ (第2章 2.(2)②), and six placement
patterns from the coordinator's affiliation and activity range (第2章 4.). Roles are keyed by
name and numbered as chapter 2; checklist item 8 and survey question 2-② swap ➍ and ➎, which
the checklist (``hokatsu.indicators.checklist``) maps by meaning.

Examples:
    >>> c = Coordinator(id="csw1", affiliation=Affiliation.SOCIAL_WELFARE_COUNCIL,
    ...                 activity_range=ActivityRange.AREA, area_ids=frozenset({"koiwa"}), fte=1.0)
    >>> c.pattern, c.pattern.label
    (<PlacementPattern.COUNCIL_AREA: 'council_area'>, '④社会福祉協議会・一定のエリア')
    >>> Role.RUN_MEETING.symbol, Role.RUN_MEETING.number
    ('➌', 3)
    >>> SubRole.ASSESSMENT.code, SubRole.ASSESSMENT.role
    ('2-1', <Role.INDIVIDUAL_SUPPORT: 'individual_support'>)
"""

from __future__ import annotations

import attrs

from hokatsu import _validators as v
from hokatsu._enums import Labelled
from hokatsu.errors import InvalidValueError

__all__ = [
    "ActivityRange",
    "Affiliation",
    "Coordinator",
    "PlacementPattern",
    "Role",
    "SubRole",
    "placement_pattern",
]

_SYMBOLS = "➊➋➌➍➎"


class Role(Labelled):
    """The five roles of the coordinator, numbered as in 第2章 2.(2)②.

    Examples:
        >>> [r.symbol for r in Role]
        ['➊', '➋', '➌', '➍', '➎']
        >>> Role.MANAGE_SYSTEM.label
        '相談支援体制の構築・マネジメント'
    """

    GRASP_ISSUES = ("grasp_issues", "相談支援に関する課題の把握")
    INDIVIDUAL_SUPPORT = ("individual_support", "個別相談に関する支援")
    RUN_MEETING = ("run_meeting", "相談支援包括化推進会議の運営")
    DEVELOP_RESOURCES = ("develop_resources", "相談支援機能強化に資する資源等の開発推進")
    MANAGE_SYSTEM = ("manage_system", "相談支援体制の構築・マネジメント")

    @property
    def number(self) -> int:
        """Chapter 2's number, 1 to 5.

        Examples:
            >>> Role.GRASP_ISSUES.number, Role.MANAGE_SYSTEM.number
            (1, 5)
        """
        return list(Role).index(self) + 1

    @property
    def symbol(self) -> str:
        """Chapter 2's mark, ➊ to ➎.

        Examples:
            >>> Role.DEVELOP_RESOURCES.symbol
            '➍'
        """
        return _SYMBOLS[self.number - 1]


class SubRole(Labelled):
    """The sub-roles chapter 2 distinguishes within roles ➊, ➋ and ➎ (第2章 2.(2)②).

    Examples:
        >>> [s.code for s in SubRole]
        ['1-1', '1-2', '1-3', '2-1', '2-2', '5-1', '5-2']
    """

    COMMUNITY_OUTREACH = ("community_outreach", "地域への働きかけ")
    COMMUNITY_ISSUES = ("community_issues", "地域課題の把握")
    AGENCY_ISSUES = ("agency_issues", "相談支援機関の課題の把握")
    ASSESSMENT = ("assessment", "困難事例等のアセスメント等")
    CONNECTION = ("connection", "困難事例等のつなぎ等")
    SYSTEM_IMPROVEMENT = ("system_improvement", "体制の改善")
    STAFF_TRAINING = ("staff_training", "職員の研修")

    @property
    def role(self) -> Role:
        """The role this sub-role belongs to.

        Examples:
            >>> SubRole.STAFF_TRAINING.role
            <Role.MANAGE_SYSTEM: 'manage_system'>
        """
        return _SUB_ROLE[self][0]

    @property
    def code(self) -> str:
        """Chapter 2's code, e.g. ``"2-1"`` for ➋-1.

        Examples:
            >>> SubRole.AGENCY_ISSUES.code
            '1-3'
        """
        role, n = _SUB_ROLE[self]
        return f"{role.number}-{n}"


_SUB_ROLE: dict[SubRole, tuple[Role, int]] = {
    SubRole.COMMUNITY_OUTREACH: (Role.GRASP_ISSUES, 1),
    SubRole.COMMUNITY_ISSUES: (Role.GRASP_ISSUES, 2),
    SubRole.AGENCY_ISSUES: (Role.GRASP_ISSUES, 3),
    SubRole.ASSESSMENT: (Role.INDIVIDUAL_SUPPORT, 1),
    SubRole.CONNECTION: (Role.INDIVIDUAL_SUPPORT, 2),
    SubRole.SYSTEM_IMPROVEMENT: (Role.MANAGE_SYSTEM, 1),
    SubRole.STAFF_TRAINING: (Role.MANAGE_SYSTEM, 2),
}


class Affiliation(Labelled):
    """Who employs the coordinator (所属, 第2章 4.).

    Examples:
        >>> Affiliation.SOCIAL_WELFARE_COUNCIL.label
        '社会福祉協議会'
    """

    MUNICIPALITY = ("municipality", "自治体")
    SOCIAL_WELFARE_COUNCIL = ("social_welfare_council", "社会福祉協議会")
    OTHER = ("other", "その他の主体")


class ActivityRange(Labelled):
    """Where the coordinator works (活動範囲, 第2章 4.).

    Examples:
        >>> ActivityRange.AREA.label
        '一定のエリア'
    """

    CITY_WIDE = ("city_wide", "市区町村全域")
    AREA = ("area", "一定のエリア")


class PlacementPattern(Labelled):
    """The six placement patterns ①–⑥ of 第2章 4., with the report's example municipality.

    Examples:
        >>> PlacementPattern.COUNCIL_AREA.label, PlacementPattern.COUNCIL_AREA.example
        ('④社会福祉協議会・一定のエリア', '江戸川区')
    """

    MUNICIPALITY_CITY_WIDE = ("municipality_city_wide", "①自治体・市区町村全域")
    MUNICIPALITY_AREA = ("municipality_area", "②自治体・一定のエリア")
    COUNCIL_CITY_WIDE = ("council_city_wide", "③社会福祉協議会・市区町村全域")
    COUNCIL_AREA = ("council_area", "④社会福祉協議会・一定のエリア")
    OTHER_CITY_WIDE = ("other_city_wide", "⑤その他の主体・市区町村全域")
    OTHER_AREA = ("other_area", "⑥その他の主体・一定のエリア")

    @property
    def number(self) -> int:
        """The pattern's number, 1 to 6.

        Examples:
            >>> PlacementPattern.OTHER_AREA.number
            6
        """
        return list(PlacementPattern).index(self) + 1

    @property
    def example(self) -> str:
        """The municipality the report gives as this pattern's example (第2章 4.).

        Examples:
            >>> PlacementPattern.MUNICIPALITY_CITY_WIDE.example
            '伊賀市'
        """
        return ("伊賀市", "茅野市", "佐賀市", "江戸川区", "大牟田市", "鴨川市")[self.number - 1]


_AFFILIATION = v.enum_of(Affiliation)
_ACTIVITY_RANGE = v.enum_of(ActivityRange)


def placement_pattern(affiliation: Affiliation, activity_range: ActivityRange) -> PlacementPattern:
    """The placement pattern ①–⑥ for an affiliation and an activity range (第2章 4.).

    Args:
        affiliation: who employs the coordinator.
        activity_range: city-wide or area-based.

    Returns:
        The pattern: affiliation picks the row, activity range the column of 第2章 4.'s table.

    Raises:
        InvalidValueError: *affiliation* is not an Affiliation or *activity_range* not an
            ActivityRange (their string values are not accepted either).

    Examples:
        >>> placement_pattern(Affiliation.OTHER, ActivityRange.CITY_WIDE).example
        '大牟田市'
    """
    v.argument("placement_pattern", "affiliation", affiliation, _AFFILIATION)
    v.argument("placement_pattern", "activity_range", activity_range, _ACTIVITY_RANGE)
    row = list(Affiliation).index(affiliation)
    col = list(ActivityRange).index(activity_range)
    return list(PlacementPattern)[row * 2 + col]


@attrs.frozen(kw_only=True)
class Coordinator:
    """A comprehensive-support coordinator (相談支援包括化推進員).

    Args:
        id: unique within the municipality.
        affiliation: who employs the coordinator.
        activity_range: city-wide or a set of areas.
        area_ids: the areas worked in; required for an area-based coordinator and empty for
            a city-wide one.
        fte: full-time equivalent, greater than 0 and at most 1 (a municipality's total may be
            fractional: 妙高市 0.5, 大牟田市 1.3, 第2章 1.).
        agency_id: the agency the coordinator is placed in, if any.
        roles: the roles the coordinator carries; by default all five.
        title: a display title (``"CSW"``), optional.

    Raises:
        InvalidValueError: a field of the wrong type or value, *fte* outside (0, 1], or areas
            missing for an area-based coordinator or given for a city-wide one.

    Examples:
        >>> c = Coordinator(id="c1", affiliation=Affiliation.MUNICIPALITY,
        ...                 activity_range=ActivityRange.CITY_WIDE, fte=0.5)
        >>> c.pattern.label, c.fte
        ('①自治体・市区町村全域', 0.5)
        >>> Coordinator(id="c2", affiliation=Affiliation.MUNICIPALITY,
        ...             activity_range=ActivityRange.AREA)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    id: str = attrs.field(validator=v.ID)
    affiliation: Affiliation = attrs.field(validator=v.enum_of(Affiliation))
    activity_range: ActivityRange = attrs.field(validator=v.enum_of(ActivityRange))
    area_ids: frozenset[str] = attrs.field(default=frozenset(), validator=v.frozenset_of(v.ID))
    fte: float = attrs.field(default=1.0, validator=v.number(0, 1, exclusive_min=True))
    agency_id: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    roles: frozenset[Role] = attrs.field(
        default=frozenset(Role), validator=v.frozenset_of(v.enum_of(Role))
    )
    title: str | None = attrs.field(default=None, validator=v.optional(v.TEXT))

    def __attrs_post_init__(self) -> None:
        if self.activity_range is ActivityRange.AREA and not self.area_ids:
            raise InvalidValueError(
                f"Coordinator {self.id!r}", "area_ids", self.area_ids,
                "at least one area for an area-based coordinator",
            )
        if self.activity_range is ActivityRange.CITY_WIDE and self.area_ids:
            raise InvalidValueError(
                f"Coordinator {self.id!r}", "area_ids", self.area_ids,
                "no areas for a city-wide coordinator",
            )

    @property
    def pattern(self) -> PlacementPattern:
        """The placement pattern ①–⑥ derived from affiliation and activity range.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().coordinators[0].pattern
            <PlacementPattern.COUNCIL_CITY_WIDE: 'council_city_wide'>
        """
        return placement_pattern(self.affiliation, self.activity_range)
