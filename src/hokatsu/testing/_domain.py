"""Hypothesis strategies for the periods and the directory: one per domain type.

Every strategy builds objects that hokatsu accepts; the composite ones (households, area
trees, municipalities) keep full referential integrity. Sizes are small, so that a test with
many examples stays fast.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from hokatsu import _validators as v
from hokatsu.calendar import MAX_YEAR, MIN_YEAR, FiscalYear, Month, Period, Quarter
from hokatsu.domain import (
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
    Foundation,
    Frequency,
    FrequencyUnit,
    Household,
    IntakeCategory,
    Issue,
    LegalBasis,
    MeetingBody,
    MeetingFormat,
    MeetingMethod,
    MeetingPurpose,
    Member,
    MemberRole,
    Membership,
    Municipality,
    Relation,
    Role,
    Sector,
    Service,
    Typology,
    WelfareStyle,
)
from hokatsu.errors import InvalidValueError

__all__ = [
    "STRATEGIES",
    "agencies",
    "area_trees",
    "areas",
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
    "services",
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
ids: st.SearchStrategy[str] = st.text(alphabet="abcxyz0189-_.氷見地区ブロック", min_size=1,
                                      max_size=6)

#: Display text: any non-blank string (hokatsu keeps whatever the user writes).
texts: st.SearchStrategy[str] = st.text(min_size=1, max_size=12).filter(
    lambda s: s.strip() != "")

#: Dates from 1900 to 2100.
dates: st.SearchStrategy[dt.date] = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)

_booleans = st.booleans()
_opt_ids = st.none() | ids
_opt_texts = st.none() | texts
_opt_dates = st.none() | dates
_opt_counts = st.none() | st.integers(0, 10_000)
_opt_population = st.none() | st.integers(0, 10_000_000)


@functools.cache
def _one_of_enum(cls: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(cls)


@functools.cache
def _maybe_enum(cls: Any) -> st.SearchStrategy[Any]:
    return st.none() | st.sampled_from(cls)


@functools.cache
def _enum_sets(cls: Any) -> st.SearchStrategy[frozenset[Any]]:
    return st.frozensets(st.sampled_from(cls), max_size=4)


@functools.cache
def _unique_ids(min_size: int = 0, max_size: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=min_size, max_size=max_size, unique=True)


def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of *items* (which must not be empty)."""
    return items[draw(st.integers(0, len(items) - 1))]


def _maybe_pick(draw: st.DrawFn, items: Sequence[T]) -> T | None:
    """None, or one of *items* when there are any."""
    if not items:
        return None
    keep: bool = draw(_booleans)
    return _pick(draw, items) if keep else None


def _subset(draw: st.DrawFn, items: Sequence[T], max_size: int = 3) -> list[T]:
    """Some of *items*, in order, at most *max_size* of them."""
    chosen = [item for item in items if draw(_booleans)]
    return chosen[:max_size]


def _optional_id(func: str, name: str, value: Any) -> None:
    v.argument(func, name, value, v.optional(v.ID))


def _id_list(func: str, name: str, value: Any) -> tuple[str, ...] | None:
    """*value* (None or a sequence of ids) as a tuple, or an InvalidValueError."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidValueError(func, name, value, "None or a sequence of ids")
    ids_ = tuple(value)
    v.argument(func, name, ids_, v.tuple_of(v.ID))
    return ids_


def _size(func: str, name: str, value: Any, minimum: int) -> None:
    v.argument(func, name, value, v.integer(minimum, 100))


# -- periods ---------------------------------------------------------------------------------

_years = st.integers(MIN_YEAR, MAX_YEAR)
#: Any fiscal year (年度) hokatsu's calendar supports.
fiscal_years: st.SearchStrategy[FiscalYear] = st.builds(FiscalYear, _years)
#: Any quarter of a supported fiscal year.
quarters: st.SearchStrategy[Quarter] = st.builds(Quarter, _years, st.integers(1, 4))
#: Any month of a supported fiscal year (January–March of the year after the last one too).
months: st.SearchStrategy[Month] = st.tuples(fiscal_years, st.integers(0, 11)).map(
    lambda t: t[0].months()[t[1]])
#: A fiscal year, a quarter or a month.
periods: st.SearchStrategy[Period] = st.one_of(fiscal_years, quarters, months)

# -- households ------------------------------------------------------------------------------


def _member(draw: st.DrawFn, member_id: str) -> Member:
    certificates = draw(_enum_sets(Certificate))
    return Member(
        id=member_id,
        relation=draw(_one_of_enum(Relation)),
        born=draw(dates),
        certificates=certificates,
        disability_suspected=False if certificates else draw(_booleans),
        care_level=draw(_maybe_enum(CareLevel)),
        employment=draw(_one_of_enum(Employment)),
        carer=draw(_booleans),
        public_assistance=draw(_booleans),
    )


@st.composite
def _members(draw: st.DrawFn, member_id: str | None) -> Member:
    return _member(draw, member_id if member_id is not None else draw(ids))


def members(member_id: str | None = None) -> st.SearchStrategy[Member]:
    """Members of a household: a suspected disability only without certificates.

    Args:
        member_id: the id every member gets; any id when None.

    Returns:
        A strategy of :class:`~hokatsu.domain.households.Member`.

    Raises:
        InvalidValueError: *member_id* is not an id.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import members
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(members(member_id="m1"))
        ... def check(member):
        ...     assert member.id == "m1"
        >>> check()
        >>> members(member_id="")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    _optional_id("members", "member_id", member_id)
    return _members(member_id)


def _issue(draw: st.DrawFn, issue_id: str, member_id: str | None) -> Issue:
    return Issue(
        id=issue_id,
        member_id=member_id,
        field=draw(_one_of_enum(Field)),
        identified=draw(dates),
        categories=draw(_enum_sets(IntakeCategory)),
        tags=draw(_enum_sets(CompoundTag)),
        fits_existing_services=draw(_booleans),
    )


@st.composite
def _issues(draw: st.DrawFn) -> Issue:
    return _issue(draw, draw(ids), draw(_opt_ids))


def issues() -> st.SearchStrategy[Issue]:
    """Stand-alone issues, of some member or of the whole household.

    Returns:
        A strategy of :class:`~hokatsu.domain.households.Issue`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import issues
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(issues())
        ... def check(issue):
        ...     assert issue.id
        >>> check()
    """
    return _issues()


@st.composite
def _households(draw: st.DrawFn, max_members: int, max_issues: int) -> Household:
    member_ids = draw(_unique_ids(1, max_members))
    issue_ids = draw(_unique_ids(0, max_issues))
    return Household(
        id=draw(ids),
        person_id=_pick(draw, member_ids),
        members=tuple(_member(draw, m) for m in member_ids),
        issues=tuple(_issue(draw, i, _maybe_pick(draw, member_ids)) for i in issue_ids),
        area_id=draw(_opt_ids),
    )


def households(max_members: int = 4, max_issues: int = 5) -> st.SearchStrategy[Household]:
    """Households with unique member and issue ids, each issue of a member or of all.

    Args:
        max_members: at most this many members (at least one).
        max_issues: at most this many issues.

    Returns:
        A strategy of :class:`~hokatsu.domain.households.Household`.

    Raises:
        InvalidValueError: a size that is not a whole number from 1 (0 for issues) to 100.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import households
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(households(max_members=2, max_issues=1))
        ... def check(household):
        ...     assert 1 <= len(household.members) <= 2 and len(household.issues) <= 1
        ...     assert household.person_id in {m.id for m in household.members}
        >>> check()
        >>> households(max_members=0)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    _size("households", "max_members", max_members, 1)
    _size("households", "max_issues", max_issues, 0)
    return _households(max_members, max_issues)


#: The three basic conditions of a hard case, in every combination.
typologies: st.SearchStrategy[Typology] = st.builds(
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
def _area_trees(draw: st.DrawFn, max_levels: int, max_areas: int) -> AreaTree:
    levels = tuple(draw(_unique_ids(1, max_levels)))
    area_ids = draw(_unique_ids(1, max_areas))
    dated = draw(_booleans)
    placed: list[Area] = []
    depth: dict[str, int] = {}
    for area_id in area_ids:
        parents = [a for a in placed if depth[a.id] < len(levels) - 1]
        if placed and not parents:
            break
        parent = _pick(draw, parents) if placed else None
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


def area_trees(max_levels: int = 4, max_areas: int = 10) -> st.SearchStrategy[AreaTree]:
    """Valid area trees of random depth: named levels, children deeper than their parent
    (levels may be skipped), optional validity dates nested within the parent's, areas in any
    order.

    Args:
        max_levels: at most this many levels.
        max_areas: at most this many areas.

    Returns:
        A strategy of :class:`~hokatsu.domain.areas.AreaTree`.

    Raises:
        InvalidValueError: a size that is not a whole number from 1 to 100.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import area_trees
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(area_trees(max_levels=2, max_areas=3))
        ... def check(tree):
        ...     assert len(tree.levels) <= 2 and len(tree.areas) <= 3
        >>> check()
        >>> area_trees(max_areas=101)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    _size("area_trees", "max_levels", max_levels, 1)
    _size("area_trees", "max_areas", max_areas, 1)
    return _area_trees(max_levels, max_areas)


#: Single areas, each taken from a valid tree.
areas: st.SearchStrategy[Area] = area_trees().flatmap(lambda tree: st.sampled_from(tree.areas))

# -- agencies and services -------------------------------------------------------------------

_ages = st.integers(0, 150)


@st.composite
def _eligibilities(draw: st.DrawFn) -> Eligibility:
    min_age = draw(_ages) if draw(_booleans) else None
    max_age = draw(st.integers(min_age or 0, 150)) if draw(_booleans) else None
    return Eligibility(
        min_age=min_age, max_age=max_age, fields=draw(_enum_sets(Field)),
        tags=draw(_enum_sets(CompoundTag)), needs_certificate=draw(_booleans),
        needs_care_level=draw(_booleans),
    )


def eligibilities() -> st.SearchStrategy[Eligibility]:
    """Eligibilities of services, with ordered age bounds.

    Returns:
        A strategy of :class:`~hokatsu.domain.agencies.Eligibility`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import eligibilities
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(eligibilities())
        ... def check(eligibility):
        ...     low, high = eligibility.min_age, eligibility.max_age
        ...     assert low is None or high is None or low <= high
        >>> check()
    """
    return _eligibilities()


def _service(draw: st.DrawFn, service_id: str) -> Service:
    return Service(id=service_id, name=draw(texts), eligibility=draw(_eligibilities()),
                   capacity=draw(_opt_counts))


@st.composite
def _services(draw: st.DrawFn) -> Service:
    return _service(draw, draw(ids))


def services() -> st.SearchStrategy[Service]:
    """Services of agencies.

    Returns:
        A strategy of :class:`~hokatsu.domain.agencies.Service`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import services
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(services())
        ... def check(service):
        ...     assert service.name.strip()
        >>> check()
    """
    return _services()


@st.composite
def _agencies(
    draw: st.DrawFn, agency_id: str | None, area_ids: Sequence[str] | None,
    service_ids: Sequence[str] | None,
) -> Agency:
    if service_ids is None:
        service_ids = draw(_unique_ids(0, 2))
    served = _subset(draw, area_ids) if area_ids is not None else draw(_unique_ids(0, 3))
    return Agency(
        id=agency_id if agency_id is not None else draw(ids),
        name=draw(texts),
        sector=draw(_one_of_enum(Sector)),
        kind=draw(_one_of_enum(AgencyKind)),
        fields=draw(_enum_sets(Field)),
        area_ids=frozenset(served),
        capacity=draw(_opt_counts),
        joined=draw(_opt_dates),
        services=tuple(_service(draw, s) for s in service_ids),
    )


def agencies(
    agency_id: str | None = None,
    area_ids: Sequence[str] | None = None,
    service_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Agency]:
    """Agencies, serving some of *area_ids* and offering services with *service_ids*.

    Args:
        agency_id: the id every agency gets; any id when None.
        area_ids: the areas to choose from; any ids when None.
        service_ids: the ids of the services every agency offers (distinct); up to two
            services with any ids when None.

    Returns:
        A strategy of :class:`~hokatsu.domain.agencies.Agency`.

    Raises:
        InvalidValueError: an argument that is not an id or a sequence of ids, or repeated
            service ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import agencies
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(agencies(area_ids=["a1", "a2"], service_ids=["s1"]))
        ... def check(agency):
        ...     assert agency.area_ids <= {"a1", "a2"}
        ...     assert [s.id for s in agency.services] == ["s1"]
        >>> check()
        >>> agencies(service_ids=["s1", "s1"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    _optional_id("agencies", "agency_id", agency_id)
    area_ids = _id_list("agencies", "area_ids", area_ids)
    service_ids = _id_list("agencies", "service_ids", service_ids)
    if service_ids is not None:
        v.argument("agencies", "service_ids", service_ids, v.tuple_of(v.ID, unique=True))
    return _agencies(agency_id, area_ids, service_ids)


# -- coordinators ----------------------------------------------------------------------------

_ftes = st.floats(0, 1, exclude_min=True, allow_nan=False) | st.just(1)


@st.composite
def _coordinators(
    draw: st.DrawFn, coordinator_id: str | None, area_ids: Sequence[str] | None,
    agency_ids: Sequence[str] | None,
) -> Coordinator:
    activity_range = draw(_one_of_enum(ActivityRange))
    worked: frozenset[str] = frozenset()
    if activity_range is ActivityRange.AREA:
        worked = frozenset(
            _subset(draw, area_ids) or [_pick(draw, area_ids)] if area_ids
            else draw(_unique_ids(1, 3))
        )
    return Coordinator(
        id=coordinator_id if coordinator_id is not None else draw(ids),
        affiliation=draw(_one_of_enum(Affiliation)),
        activity_range=activity_range,
        area_ids=worked,
        fte=draw(_ftes),
        agency_id=_maybe_pick(draw, agency_ids) if agency_ids is not None else draw(_opt_ids),
        roles=draw(_enum_sets(Role)),
        title=draw(_opt_texts),
    )


def coordinators(
    coordinator_id: str | None = None,
    area_ids: Sequence[str] | None = None,
    agency_ids: Sequence[str] | None = None,
) -> st.SearchStrategy[Coordinator]:
    """Coordinators: area-based with at least one area, or city-wide with none.

    Args:
        coordinator_id: the id every coordinator gets; any id when None.
        area_ids: the areas an area-based coordinator works in are among these; any ids when
            None.
        agency_ids: the agency a coordinator belongs to, if any, is among these; any id when
            None.

    Returns:
        A strategy of :class:`~hokatsu.domain.coordinators.Coordinator`.

    Raises:
        InvalidValueError: an argument that is not an id or a sequence of ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import coordinators
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(coordinators(area_ids=["a1"], agency_ids=["x"]))
        ... def check(coordinator):
        ...     assert coordinator.area_ids <= {"a1"}
        ...     assert coordinator.agency_id in (None, "x")
        >>> check()
        >>> coordinators(area_ids="a1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    _optional_id("coordinators", "coordinator_id", coordinator_id)
    area_ids = _id_list("coordinators", "area_ids", area_ids)
    agency_ids = _id_list("coordinators", "agency_ids", agency_ids)
    return _coordinators(coordinator_id, area_ids, agency_ids)


# -- meetings --------------------------------------------------------------------------------

#: How often a meeting body meets: ad hoc, or some times per unit.
frequencies: st.SearchStrategy[Frequency] = st.just(Frequency.ad_hoc()) | st.builds(
    Frequency, times=st.integers(1, 1000),
    per=st.sampled_from([u for u in FrequencyUnit if u is not FrequencyUnit.AD_HOC]),
)
_opt_frequencies = st.none() | frequencies
_durations = st.none() | st.integers(1, 24 * 60)


def _format(draw: st.DrawFn, secretariat_id: str | None) -> MeetingFormat:
    return MeetingFormat(
        joint_with=draw(_opt_texts),
        structure=draw(_one_of_enum(BodyStructure)),
        participants=draw(_opt_texts),
        methods=draw(_enum_sets(MeetingMethod)),
        duration_minutes=draw(_durations),
        secretariat_id=secretariat_id,
    )


@st.composite
def _meeting_formats(draw: st.DrawFn) -> MeetingFormat:
    return _format(draw, draw(_opt_ids))


def meeting_formats() -> st.SearchStrategy[MeetingFormat]:
    """Formats of meeting bodies, the secretariat any id or none.

    Returns:
        A strategy of :class:`~hokatsu.domain.meetings.MeetingFormat`.

    Examples:
        >>> from hypothesis.strategies import SearchStrategy
        >>> from hokatsu.testing import meeting_formats
        >>> isinstance(meeting_formats(), SearchStrategy)
        True
    """
    return _meeting_formats()


def _membership(draw: st.DrawFn, agency_id: str) -> Membership:
    return Membership(agency_id=agency_id, role=draw(_one_of_enum(MemberRole)))


@st.composite
def _memberships(draw: st.DrawFn) -> Membership:
    return _membership(draw, draw(ids))


def memberships() -> st.SearchStrategy[Membership]:
    """Seats of some agency on a meeting body.

    Returns:
        A strategy of :class:`~hokatsu.domain.meetings.Membership`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import memberships
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(memberships())
        ... def check(membership):
        ...     assert membership.agency_id
        >>> check()
    """
    return _memberships()


@st.composite
def _meeting_bodies(draw: st.DrawFn) -> MeetingBody:
    body_id = draw(ids)
    others = [i for i in draw(_unique_ids(0, 2)) if i != body_id]
    return MeetingBody(
        id=body_id, name=draw(texts), tier=draw(st.integers(1, 9)), area_id=draw(ids),
        convenes_per=draw(_opt_ids), purposes=draw(_enum_sets(MeetingPurpose)),
        format=draw(_meeting_formats()),
        members=tuple(_membership(draw, a) for a in draw(_unique_ids(0, 3))),
        frequency=draw(_opt_frequencies), escalates_to=_maybe_pick(draw, others),
        part_of=_maybe_pick(draw, others), promotion=draw(_booleans),
        basis=draw(st.sampled_from(LegalBasis)), basis_assumed=draw(_booleans),
    )


def meeting_bodies() -> st.SearchStrategy[MeetingBody]:
    """Stand-alone meeting bodies: their references are ids that are not resolved (a body
    never refers to itself). :func:`municipalities` makes bodies whose references hold.

    Returns:
        A strategy of :class:`~hokatsu.domain.meetings.MeetingBody`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import meeting_bodies
        >>> @settings(max_examples=10, database=None, derandomize=True)
        ... @given(meeting_bodies())
        ... def check(body):
        ...     assert body.id not in (body.escalates_to, body.part_of)
        ...     assert 1 <= body.tier <= 9
        >>> check()
    """
    return _meeting_bodies()


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
    contains the source's and whose sessions are no finer than the source's (第3章 3.(2)④)."""
    made: list[MeetingBody] = []
    tree_ids = sorted(tree.ids)
    for body_id in draw(_unique_ids(0, 5)):
        target = _maybe_pick(draw, made)
        if target is None:
            tier = draw(st.integers(1, 9))
            area_id = _pick(draw, tree_ids)
            floor = tree.depth(area_id)
            allow_none = True
        else:
            tier = draw(st.integers(target.tier, 9))
            area_id = _pick(draw, [a for a in tree_ids if tree.contains(target.area_id, a)])
            target_depth = _scope_depth(tree, target.area_id, target.convenes_per)
            floor = max(tree.depth(area_id), target_depth)
            allow_none = tree.depth(area_id) >= target_depth
        per_levels = tree.levels[floor:]
        convenes_per = None if allow_none and draw(_booleans) else _pick(draw, per_levels)
        if target is not None and target.convenes_per is not None and any(
            tree.ancestor_at(a, target.convenes_per) is None
            for a in _session_areas(tree, area_id, convenes_per)
        ):
            target = None  # a branch skipping the target's level could not escalate there
        made.append(MeetingBody(
            id=body_id, name=draw(texts), tier=tier, area_id=area_id, convenes_per=convenes_per,
            purposes=draw(_enum_sets(MeetingPurpose)),
            format=_format(draw, _maybe_pick(draw, agency_ids)),
            members=tuple(_membership(draw, a) for a in _subset(draw, agency_ids)),
            frequency=draw(_opt_frequencies),
            escalates_to=None if target is None else target.id,
            part_of=_maybe_pick(draw, [b.id for b in made]),
            promotion=draw(_booleans),
            basis=draw(st.sampled_from(LegalBasis)), basis_assumed=draw(_booleans),
        ))
    return draw(st.permutations(made))


@st.composite
def _municipalities(draw: st.DrawFn) -> Municipality:
    tree = draw(_area_trees(4, 8))
    tree_ids = sorted(tree.ids)
    agency_ids = draw(_unique_ids(0, 4))
    service_ids = draw(_unique_ids(0, 4))
    agency_list = []
    for i, agency_id in enumerate(agency_ids):
        own = service_ids[i::len(agency_ids)]  # spread the services over the agencies
        agency_list.append(draw(_agencies(agency_id, tree_ids, own)))
    coordinator_list = [
        draw(_coordinators(c, tree_ids, agency_ids)) for c in draw(_unique_ids(0, 3))
    ]
    foundations = draw(_enum_sets(Foundation))
    welfare = Foundation.COMMUNITY_WELFARE in foundations
    return Municipality(
        id=draw(ids), name=draw(texts), prefecture=draw(_opt_texts), areas=tree,
        agencies=tuple(agency_list), coordinators=tuple(coordinator_list),
        bodies=tuple(_bodies(draw, tree, agency_ids)), foundations=foundations,
        welfare_style=draw(_maybe_enum(WelfareStyle)) if welfare else None,
        population=draw(_opt_population),
        households=draw(st.none() | st.integers(0, 5_000_000)),
        aging_rate=draw(st.none() | st.floats(0, 1)),
    )


def municipalities() -> st.SearchStrategy[Municipality]:
    """Municipalities with full referential integrity: agencies and coordinators serve areas
    of the tree, bodies' members and secretariats are known agencies, escalation is acyclic
    and goes upwards to bodies covering the source's areas, ``convenes_per`` fits the tree.

    Returns:
        A strategy of :class:`~hokatsu.domain.municipality.Municipality`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import municipalities
        >>> @settings(max_examples=5, database=None, derandomize=True)
        ... @given(municipalities())
        ... def check(city):
        ...     assert {b.escalates_to for b in city.bodies} <= {None, *city.body_ids}
        >>> check()
    """
    return _municipalities()


# -- every domain type -----------------------------------------------------------------------

#: Every domain type and period with a strategy of valid instances of it.
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

