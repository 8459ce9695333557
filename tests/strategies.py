"""Hypothesis strategies producing valid hokatsu objects, one per domain type.

Every strategy builds objects that the library accepts; the composite ones (households, area
trees, municipalities) keep full referential integrity. Sizes are kept small so that the
thorough CI profile stays fast. :data:`STRATEGIES` maps every domain type to its strategy, so
that a test can iterate over "every domain type".
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import settings
from hypothesis import strategies as st

from hokatsu import (
    ActivityRange,
    Affiliation,
    Agency,
    AgencyKind,
    Area,
    AreaTree,
    BodyStructure,
    CareLevel,
    Certificate,
    CompoundTag,
    Coordinator,
    Eligibility,
    Employment,
    Field,
    FiscalYear,
    Foundation,
    Frequency,
    FrequencyUnit,
    Household,
    IntakeCategory,
    Issue,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    Member,
    MemberRole,
    Membership,
    Month,
    Municipality,
    Quarter,
    Relation,
    Role,
    Sector,
    Service,
    Typology,
    WelfareStyle,
)
from hokatsu.calendar import MAX_YEAR, MIN_YEAR

__all__ = [
    "STRATEGIES",
    "agencies",
    "area_trees",
    "areas",
    "attrs_classes",
    "coordinators",
    "dates",
    "eligibilities",
    "fiscal_years",
    "frequencies",
    "households",
    "ids",
    "issues",
    "meeting_bodies",
    "meeting_formats",
    "members",
    "memberships",
    "months",
    "municipalities",
    "periods",
    "quarters",
    "scaled",
    "services",
    "strategy_for",
    "texts",
    "typologies",
]

T = TypeVar("T")

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)

# Strategies are built once here and reused: building them inside draws is what makes
# composite strategies slow.

# -- scalars ---------------------------------------------------------------------------------

#: Ids: short printable strings without surrounding spaces, Japanese included.
ids = st.text(alphabet="abcxyz0189-_.氷見地区ブロック", min_size=1, max_size=6)

#: Display text: any non-blank string (the library keeps whatever the user writes).
texts = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")

dates = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)

_booleans = st.booleans()
_opt_ids = st.none() | ids
_opt_texts = st.none() | texts
_opt_dates = st.none() | dates
_opt_counts = st.none() | st.integers(0, 10_000)
_opt_population = st.none() | st.integers(0, 10_000_000)


@functools.cache
def one_of_enum(cls: Any) -> st.SearchStrategy[Any]:
    """A member of the enum *cls*."""
    return st.sampled_from(cls)


@functools.cache
def maybe_enum(cls: Any) -> st.SearchStrategy[Any]:
    """None or a member of the enum *cls*."""
    return st.none() | st.sampled_from(cls)


@functools.cache
def enum_sets(cls: Any) -> st.SearchStrategy[frozenset[Any]]:
    """A frozenset of members of the enum *cls*."""
    return st.frozensets(st.sampled_from(cls), max_size=4)


@functools.cache
def unique_ids(min_size: int = 0, max_size: int = 4) -> st.SearchStrategy[list[str]]:
    """A list of distinct ids."""
    return st.lists(ids, min_size=min_size, max_size=max_size, unique=True)


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of *items* (which must not be empty)."""
    return items[draw(st.integers(0, len(items) - 1))]


def maybe_pick(draw: st.DrawFn, items: Sequence[T]) -> T | None:
    """None, or one of *items* when there are any."""
    return pick(draw, items) if items and draw(_booleans) else None


def subset(draw: st.DrawFn, items: Sequence[T], max_size: int = 3) -> list[T]:
    """Some of *items*, in order, at most *max_size* of them."""
    chosen = [item for item in items if draw(_booleans)]
    return chosen[:max_size]


# -- periods ---------------------------------------------------------------------------------

years = st.integers(MIN_YEAR, MAX_YEAR)
fiscal_years = st.builds(FiscalYear, years)
quarters = st.builds(Quarter, years, st.integers(1, 4))
#: Any month of a valid fiscal year, including January–March of the year after the last one.
months = st.tuples(fiscal_years, st.integers(0, 11)).map(lambda t: t[0].months()[t[1]])
periods = st.one_of(fiscal_years, quarters, months)

# -- households ------------------------------------------------------------------------------


@st.composite
def members(draw: st.DrawFn, member_id: str | None = None) -> Member:
    """A member; a suspected disability only without certificates."""
    certificates = draw(enum_sets(Certificate))
    return Member(
        id=member_id if member_id is not None else draw(ids),
        relation=draw(one_of_enum(Relation)),
        born=draw(dates),
        certificates=certificates,
        disability_suspected=False if certificates else draw(_booleans),
        care_level=draw(maybe_enum(CareLevel)),
        employment=draw(one_of_enum(Employment)),
        carer=draw(_booleans),
        public_assistance=draw(_booleans),
    )


def _issue(draw: st.DrawFn, issue_id: str, member_id: str | None) -> Issue:
    return Issue(
        id=issue_id,
        member_id=member_id,
        field=draw(one_of_enum(Field)),
        identified=draw(dates),
        categories=draw(enum_sets(IntakeCategory)),
        tags=draw(enum_sets(CompoundTag)),
        fits_existing_services=draw(_booleans),
    )


@st.composite
def issues(draw: st.DrawFn) -> Issue:
    """A stand-alone issue, of some member or of the whole household."""
    return _issue(draw, draw(ids), draw(_opt_ids))


@st.composite
def households(draw: st.DrawFn, max_members: int = 4, max_issues: int = 5) -> Household:
    """A household with unique member and issue ids, every issue of a member or of all."""
    member_ids = draw(unique_ids(1, max_members))
    issue_ids = draw(unique_ids(0, max_issues))
    return Household(
        id=draw(ids),
        person_id=pick(draw, member_ids),
        members=tuple(draw(members(m)) for m in member_ids),
        issues=tuple(_issue(draw, i, maybe_pick(draw, member_ids)) for i in issue_ids),
        area_id=draw(_opt_ids),
    )


typologies = st.builds(
    Typology, multi_member=_booleans, multi_issue=_booleans, no_fitting_service=_booleans,
)

# -- areas -----------------------------------------------------------------------------------


def _validity(
    draw: st.DrawFn, low: dt.date | None, high: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """Validity dates within (low, high), where None is unbounded on that side."""
    if low is None:
        start = draw(st.dates(MIN_DATE, high or MAX_DATE)) if draw(_booleans) else None
    else:
        start = draw(st.dates(low, high or MAX_DATE))
    floor = start or low or MIN_DATE
    if high is not None:
        end: dt.date | None = draw(st.dates(floor, high))
    else:
        end = draw(st.dates(floor, MAX_DATE)) if draw(_booleans) else None
    return start, end


@st.composite
def area_trees(draw: st.DrawFn, max_levels: int = 4, max_areas: int = 10) -> AreaTree:
    """A valid tree of random depth: named levels, children deeper than their parent
    (levels may be skipped), optional validity dates nested within the parent's, in any order.
    """
    levels = tuple(draw(unique_ids(1, max_levels)))
    area_ids = draw(unique_ids(1, max_areas))
    dated = draw(_booleans)
    placed: list[Area] = []
    depth: dict[str, int] = {}
    for area_id in area_ids:
        parents = [a for a in placed if depth[a.id] < len(levels) - 1]
        if placed and not parents:
            break
        parent = pick(draw, parents) if placed else None
        if parent is None:
            level_index = 0
            window: tuple[dt.date | None, dt.date | None] = (None, None)
        else:
            level_index = draw(st.integers(depth[parent.id] + 1, len(levels) - 1))
            window = (parent.valid_from, parent.valid_to)
        valid_from, valid_to = _validity(draw, *window) if dated else (None, None)
        area = Area(
            id=area_id, name=draw(texts), level=levels[level_index],
            parent_id=None if parent is None else parent.id,
            valid_from=valid_from, valid_to=valid_to, synthetic=draw(_booleans),
            population=draw(_opt_population),
        )
        placed.append(area)
        depth[area_id] = level_index
    return AreaTree(levels=levels, areas=tuple(draw(st.permutations(placed))))


#: A single area, taken from a valid tree.
areas = area_trees().flatmap(lambda tree: st.sampled_from(tree.areas))

# -- agencies and services -------------------------------------------------------------------

_ages = st.integers(0, 150)


@st.composite
def eligibilities(draw: st.DrawFn) -> Eligibility:
    """An eligibility with ordered age bounds."""
    min_age = draw(_ages) if draw(_booleans) else None
    max_age = draw(st.integers(min_age or 0, 150)) if draw(_booleans) else None
    return Eligibility(
        min_age=min_age, max_age=max_age, fields=draw(enum_sets(Field)),
        tags=draw(enum_sets(CompoundTag)), needs_certificate=draw(_booleans),
        needs_care_level=draw(_booleans),
    )


def _service(draw: st.DrawFn, service_id: str) -> Service:
    return Service(id=service_id, name=draw(texts), eligibility=draw(eligibilities()),
                   capacity=draw(_opt_counts))


@st.composite
def services(draw: st.DrawFn) -> Service:
    """A service."""
    return _service(draw, draw(ids))


@st.composite
def agencies(
    draw: st.DrawFn,
    agency_id: str | None = None,
    area_ids: Sequence[str] | None = None,
    service_ids: Sequence[str] | None = None,
) -> Agency:
    """An agency serving some of *area_ids* (any ids by default) and offering services with
    *service_ids*."""
    if service_ids is None:
        service_ids = draw(unique_ids(0, 2))
    served = subset(draw, area_ids) if area_ids is not None else draw(unique_ids(0, 3))
    return Agency(
        id=agency_id if agency_id is not None else draw(ids),
        name=draw(texts),
        sector=draw(one_of_enum(Sector)),
        kind=draw(one_of_enum(AgencyKind)),
        fields=draw(enum_sets(Field)),
        area_ids=frozenset(served),
        capacity=draw(_opt_counts),
        joined=draw(_opt_dates),
        services=tuple(_service(draw, s) for s in service_ids),
    )


# -- coordinators ----------------------------------------------------------------------------

ftes = st.floats(0, 1, exclude_min=True, allow_nan=False) | st.just(1)


@st.composite
def coordinators(
    draw: st.DrawFn,
    coordinator_id: str | None = None,
    area_ids: Sequence[str] | None = None,
    agency_ids: Sequence[str] | None = None,
) -> Coordinator:
    """A coordinator: area-based with at least one area, or city-wide with none; areas and
    agency among *area_ids* and *agency_ids* when given."""
    activity_range = draw(one_of_enum(ActivityRange))
    worked: frozenset[str] = frozenset()
    if activity_range is ActivityRange.AREA:
        worked = frozenset(
            subset(draw, area_ids) or [pick(draw, area_ids)] if area_ids
            else draw(unique_ids(1, 3))
        )
    return Coordinator(
        id=coordinator_id if coordinator_id is not None else draw(ids),
        affiliation=draw(one_of_enum(Affiliation)),
        activity_range=activity_range,
        area_ids=worked,
        fte=draw(ftes),
        agency_id=maybe_pick(draw, agency_ids) if agency_ids is not None else draw(_opt_ids),
        roles=draw(enum_sets(Role)),
        title=draw(_opt_texts),
    )


# -- meetings --------------------------------------------------------------------------------

frequencies = st.just(Frequency.ad_hoc()) | st.builds(
    Frequency, times=st.integers(1, 1000),
    per=st.sampled_from([u for u in FrequencyUnit if u is not FrequencyUnit.AD_HOC]),
)
_opt_frequencies = st.none() | frequencies
_durations = st.none() | st.integers(1, 24 * 60)


def _format(draw: st.DrawFn, secretariat_id: str | None) -> MeetingFormat:
    return MeetingFormat(
        joint_with=draw(_opt_texts),
        structure=draw(one_of_enum(BodyStructure)),
        participants=draw(_opt_texts),
        methods=draw(enum_sets(MeetingMethod)),
        duration_minutes=draw(_durations),
        secretariat_id=secretariat_id,
    )


@st.composite
def meeting_formats(draw: st.DrawFn) -> MeetingFormat:
    """A meeting format, its secretariat any id or none."""
    return _format(draw, draw(_opt_ids))


def _membership(draw: st.DrawFn, agency_id: str) -> Membership:
    return Membership(agency_id=agency_id, role=draw(one_of_enum(MemberRole)))


@st.composite
def memberships(draw: st.DrawFn) -> Membership:
    """A seat of some agency."""
    return _membership(draw, draw(ids))


@st.composite
def meeting_bodies(draw: st.DrawFn) -> MeetingBody:
    """A stand-alone meeting body (references are not resolved; it never refers to itself)."""
    body_id = draw(ids)
    others = [i for i in draw(unique_ids(0, 2)) if i != body_id]
    return MeetingBody(
        id=body_id, name=draw(texts), tier=draw(st.integers(1, 9)), area_id=draw(ids),
        convenes_per=draw(_opt_ids), purposes=draw(enum_sets(MeetingPurpose)),
        format=draw(meeting_formats()),
        members=tuple(_membership(draw, a) for a in draw(unique_ids(0, 3))),
        frequency=draw(_opt_frequencies), escalates_to=maybe_pick(draw, others),
        part_of=maybe_pick(draw, others), promotion=draw(_booleans),
    )


# -- municipalities --------------------------------------------------------------------------


def _scope_depth(tree: AreaTree, area_id: str, convenes_per: str | None) -> int:
    """How deep a body's sessions go: its ``convenes_per`` level, or its area's level."""
    return tree.levels.index(convenes_per) if convenes_per is not None else tree.depth(area_id)


def _session_areas(tree: AreaTree, area_id: str, convenes_per: str | None) -> list[str]:
    """The areas a body holds sessions in."""
    if convenes_per is None:
        return [area_id]
    return [a.id for a in tree.at_level(convenes_per) if tree.contains(area_id, a.id)]


def _bodies(draw: st.DrawFn, tree: AreaTree, agency_ids: Sequence[str]) -> list[MeetingBody]:
    """Bodies whose escalation and ``part_of`` point only to bodies made earlier (so they never
    loop), each escalation going to the same or a smaller tier number, to a body whose area
    contains the source's and whose sessions are no finer than the source's."""
    made: list[MeetingBody] = []
    tree_ids = sorted(tree.ids)
    for body_id in draw(unique_ids(0, 5)):
        target = maybe_pick(draw, made)
        if target is None:
            tier = draw(st.integers(1, 9))
            area_id = pick(draw, tree_ids)
            floor = tree.depth(area_id)
            allow_none = True
        else:
            tier = draw(st.integers(target.tier, 9))
            area_id = pick(draw, [a for a in tree_ids if tree.contains(target.area_id, a)])
            target_depth = _scope_depth(tree, target.area_id, target.convenes_per)
            floor = max(tree.depth(area_id), target_depth)
            allow_none = tree.depth(area_id) >= target_depth
        per_levels = tree.levels[floor:]
        convenes_per = None if allow_none and draw(_booleans) else pick(draw, per_levels)
        if target is not None and target.convenes_per is not None and any(
            tree.ancestor_at(a, target.convenes_per) is None
            for a in _session_areas(tree, area_id, convenes_per)
        ):
            target = None  # a branch skipping the target's level could not escalate there
        made.append(MeetingBody(
            id=body_id, name=draw(texts), tier=tier, area_id=area_id, convenes_per=convenes_per,
            purposes=draw(enum_sets(MeetingPurpose)),
            format=_format(draw, maybe_pick(draw, agency_ids)),
            members=tuple(_membership(draw, a) for a in subset(draw, agency_ids)),
            frequency=draw(_opt_frequencies),
            escalates_to=None if target is None else target.id,
            part_of=maybe_pick(draw, [b.id for b in made]),
            promotion=draw(_booleans),
        ))
    return draw(st.permutations(made))


@st.composite
def municipalities(draw: st.DrawFn) -> Municipality:
    """A municipality with full referential integrity: agencies and coordinators serve areas of
    the tree, bodies' members and secretariats are known agencies, escalation is acyclic and
    goes upwards to bodies covering the source's areas, ``convenes_per`` fits the tree."""
    tree = draw(area_trees(max_areas=8))
    tree_ids = sorted(tree.ids)
    agency_ids = draw(unique_ids(0, 4))
    service_ids = draw(unique_ids(0, 4))
    agency_list = []
    for i, agency_id in enumerate(agency_ids):
        own = service_ids[i::len(agency_ids)]  # spread the services over the agencies
        agency_list.append(draw(agencies(agency_id, tree_ids, own)))
    coordinator_list = [
        draw(coordinators(c, tree_ids, agency_ids)) for c in draw(unique_ids(0, 3))
    ]
    foundations = draw(enum_sets(Foundation))
    welfare = Foundation.COMMUNITY_WELFARE in foundations
    return Municipality(
        id=draw(ids), name=draw(texts), prefecture=draw(_opt_texts), areas=tree,
        agencies=tuple(agency_list), coordinators=tuple(coordinator_list),
        bodies=tuple(_bodies(draw, tree, agency_ids)), foundations=foundations,
        welfare_style=draw(maybe_enum(WelfareStyle)) if welfare else None,
        population=draw(_opt_population),
        households=draw(st.none() | st.integers(0, 5_000_000)),
        aging_rate=draw(st.none() | st.floats(0, 1)),
    )


# -- every domain type -----------------------------------------------------------------------

#: Every domain type with a strategy producing valid instances of it.
STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    FiscalYear: fiscal_years,
    Quarter: quarters,
    Month: months,
    Member: members(),
    Issue: issues(),
    Household: households(),
    Typology: typologies,
    Area: areas,
    AreaTree: area_trees(),
    Eligibility: eligibilities(),
    Service: services(),
    Agency: agencies(),
    Coordinator: coordinators(),
    Frequency: frequencies,
    MeetingFormat: meeting_formats(),
    Membership: memberships(),
    MeetingBody: meeting_bodies(),
    Municipality: municipalities(),
}


def strategy_for(cls: type[T]) -> st.SearchStrategy[T]:
    """The strategy of valid instances of *cls*; KeyError for a type without one."""
    return STRATEGIES[cls]


def scaled(fraction: float) -> settings:
    """Settings running *fraction* of the loaded profile's examples (at least 10).

    For test families that are costly per example or run once per class, so that the thorough
    CI profile stays within its time budget as the API grows.
    """
    return settings(max_examples=max(10, int(settings().max_examples * fraction)))


def attrs_classes(namespace: dict[str, Any], names: list[str]) -> list[type[Any]]:
    """The attrs classes among *names* in *namespace* (e.g. a package's ``__all__``)."""
    found = [namespace[n] for n in names]
    return [c for c in found if isinstance(c, type) and attrs.has(c)]
