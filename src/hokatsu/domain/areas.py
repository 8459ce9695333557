"""Areas (圏域) as a tree with named levels.

A municipality divides itself into nested areas: 氷見市 into 4 blocks, 21 districts (地区) and
226 neighbourhood associations (自治会); others use 日常生活圏域, 中学校区 or 連合町会
(第3章 2., 3.(2)). The tree may have any depth; its levels are named by the user, from
the root down. Every area has optional validity dates, so that a reorganisation is a new area,
not an edit.

Examples:
    >>> tree = AreaTree(
    ...     levels=("city", "block", "district"),
    ...     areas=(
    ...         Area(id="city", name="市", level="city"),
    ...         Area(id="b1", name="北ブロック", level="block", parent_id="city"),
    ...         Area(id="d1", name="一地区", level="district", parent_id="b1"),
    ...     ),
    ... )
    >>> tree.lineage("d1")
    ('d1', 'b1', 'city')
    >>> tree.ancestor_at("d1", "block")
    'b1'
    >>> [a.id for a in tree.at_level("district")]
    ['d1']
    >>> tree
    <AreaTree 'city': 3 areas, 3 levels>
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from hokatsu import _validators as v
from hokatsu.errors import CycleError, InvalidValueError, UnknownReferenceError

__all__ = ["Area", "AreaTree"]


@attrs.frozen(kw_only=True)
class Area:
    """One area of the tree.

    Args:
        id: unique within the tree.
        name: display name (``"灘浦"``).
        level: one of the tree's ``levels``.
        parent_id: the enclosing area, None for the root.
        valid_from: first day the area exists, None for "always has".
        valid_to: last day the area exists, None for "still does".
        synthetic: the area is made up for modelling, not taken from a source.
        population: residents, if known (for rates per 100,000 residents; the root's
            population is the municipality's).

    Raises:
        InvalidValueError: a field of the wrong type, or *valid_to* before *valid_from*.

    Examples:
        >>> import datetime as dt
        >>> a = Area(id="nadaura", name="灘浦", level="district", parent_id="b1",
        ...          valid_from=dt.date(2017, 4, 1))
        >>> a.valid_on(dt.date(2017, 3, 31)), a.valid_on(dt.date(2018, 1, 1))
        (False, True)
    """

    id: str = attrs.field(validator=v.ID)
    name: str = attrs.field(validator=v.TEXT)
    level: str = attrs.field(validator=v.ID)
    parent_id: str | None = attrs.field(default=None, validator=v.optional(v.ID))
    valid_from: dt.date | None = attrs.field(default=None, validator=v.optional(v.DATE))
    valid_to: dt.date | None = attrs.field(default=None, validator=v.optional(v.DATE))
    synthetic: bool = attrs.field(default=False, validator=v.BOOL)
    population: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))

    def __attrs_post_init__(self) -> None:
        if self.parent_id == self.id:
            raise CycleError("Area", "parent_id", (self.id,))
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_to < self.valid_from
        ):
            raise InvalidValueError(
                f"Area {self.id!r}", "valid_to", self.valid_to,
                f"a date on or after valid_from ({self.valid_from})",
            )

    def valid_on(self, date: dt.date) -> bool:
        """Whether the area exists on *date*.

        Args:
            date: the day asked about.

        Returns:
            True if *date* lies between ``valid_from`` and ``valid_to``, both inclusive.

        Raises:
            InvalidValueError: *date* is not a plain date.

        Examples:
            >>> import datetime as dt
            >>> Area(id="x", name="x", level="city").valid_on(dt.date(1900, 1, 1))
            True
        """
        if type(date) is not dt.date:
            v.argument("Area.valid_on", "date", date, v.DATE)
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )


@attrs.frozen(kw_only=True, repr=False)
class AreaTree:
    """The areas of one municipality, a single tree under one root.

    Its repr gives counts: ``<AreaTree 'city': 3 areas, 3 levels>``.

    Args:
        levels: level names from the root down (``("city", "block", "district")``).
        areas: every area; the root is at the first level, and each child sits at a deeper level
            than its parent (levels may be skipped).

    Raises:
        DuplicateIdError: two areas share an id.
        UnknownReferenceError: a ``parent_id`` or ``level`` is unknown.
        CycleError: parents loop back.
        InvalidValueError: not exactly one root, a child not deeper than its parent, or a child
            valid outside its parent's validity.

    Examples:
        >>> from hokatsu.reference import himi
        >>> himi().areas
        <AreaTree 'himi': 252 areas, 4 levels>
        >>> himi().areas.levels
        ('city', 'block', 'district', 'neighbourhood')
    """

    levels: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID, unique=True, nonempty=True))
    areas: tuple[Area, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(Area), nonempty=True)
    )
    _by_id: dict[str, Area] = attrs.field(init=False, eq=False, repr=False, hash=False)
    # the tree as parent links and depths: memory linear in the number of areas, however deep
    _parent: dict[str, str | None] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _tree_depth: dict[str, int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    # lineages of areas near the root (the usual trees have a handful of levels), kept so
    # that the common look-ups stay dict reads; deeper ones are walked on demand
    _lineage: dict[str, tuple[str, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _children: dict[str, tuple[str, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _level_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _by_level: dict[str, tuple[Area, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _root: Area = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        ids = v.unique_ids("AreaTree", "areas", (a.id for a in self.areas))
        by_id = {a.id: a for a in self.areas}
        depth = {name: i for i, name in enumerate(self.levels)}
        for a in self.areas:
            if a.parent_id is not None and a.parent_id not in ids:
                raise UnknownReferenceError(f"Area {a.id!r}", "parent_id", a.parent_id, ids)
            if a.level not in depth:
                raise UnknownReferenceError(f"Area {a.id!r}", "level", a.level, self.levels)
        parent = {a.id: a.parent_id for a in self.areas}
        tree_depth = _depths(parent)
        roots = [a.id for a in self.areas if a.parent_id is None]
        if len(roots) != 1:
            raise InvalidValueError(
                "AreaTree", "areas", tuple(roots), "exactly one root area (parent_id None)"
            )
        root = by_id[roots[0]]
        if depth[root.level] != 0:
            raise InvalidValueError(
                f"Area {root.id!r}", "level", root.level, f"the first level {self.levels[0]!r}"
            )
        children: dict[str, list[str]] = {a.id: [] for a in self.areas}
        by_level: dict[str, list[Area]] = {name: [] for name in self.levels}
        for a in self.areas:
            by_level[a.level].append(a)
            if a.parent_id is None:
                continue
            up = by_id[a.parent_id]
            children[up.id].append(a.id)
            if depth[a.level] <= depth[up.level]:
                deeper = self.levels[depth[up.level] + 1:]
                raise InvalidValueError(
                    f"Area {a.id!r}", "level", a.level,
                    f"a level below its parent's {up.level!r}: one of {deeper}",
                )
            if not _within(a, up):
                raise InvalidValueError(
                    f"Area {a.id!r}", "valid_from/valid_to", (a.valid_from, a.valid_to),
                    f"dates within its parent's ({up.valid_from}, {up.valid_to})",
                )
        lineage: dict[str, tuple[str, ...]] = {}
        for a in self.areas:  # parents come before children in no particular order: walk
            if tree_depth[a.id] < _KEPT_DEPTH:
                lineage[a.id] = _walk(parent, a.id)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_tree_depth", tree_depth)
        object.__setattr__(self, "_lineage", lineage)
        object.__setattr__(self, "_children", {k: tuple(c) for k, c in children.items()})
        object.__setattr__(self, "_level_index", depth)
        object.__setattr__(self, "_by_level", {k: tuple(a) for k, a in by_level.items()})
        object.__setattr__(self, "_root", root)

    def __repr__(self) -> str:
        n, levels = len(self.areas), len(self.levels)
        return (f"<AreaTree {self._root.id!r}: {n:,} area{'' if n == 1 else 's'}, "
                f"{levels} level{'' if levels == 1 else 's'}>")

    def __contains__(self, area_id: object) -> bool:
        try:
            return area_id in self._by_id
        except TypeError:  # an unhashable value is no area id
            return False

    def __iter__(self) -> Iterator[Area]:
        return iter(self.areas)

    def __len__(self) -> int:
        return len(self.areas)

    @property
    def ids(self) -> frozenset[str]:
        """Every area id.

        Examples:
            >>> from hokatsu.reference import himi
            >>> len(himi().areas.ids), "himi-b1" in himi().areas.ids
            (252, True)
        """
        return frozenset(self._by_id)

    @property
    def root(self) -> Area:
        """The root area (the whole municipality).

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().areas.root.name
            '氷見市'
        """
        return self._root

    def get(self, area_id: str) -> Area:
        """Return the area *area_id*.

        Args:
            area_id: the area's id.

        Returns:
            The :class:`Area`.

        Raises:
            UnknownReferenceError: there is no such area.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().areas.get("himi-b2").name
            '南條'
        """
        try:
            return self._by_id[area_id]
        except (KeyError, TypeError):
            raise UnknownReferenceError("AreaTree", "areas", area_id, self._by_id) from None

    def lineage(self, area_id: str) -> tuple[str, ...]:
        """The area's id followed by its ancestors' ids up to the root.

        Args:
            area_id: the area's id.

        Returns:
            Ids from *area_id* up to the root.

        Raises:
            UnknownReferenceError: there is no such area.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().areas.lineage("himi-d01")
            ('himi-d01', 'himi-b1', 'himi')
        """
        try:
            return self._lineage[area_id]
        except (KeyError, TypeError):
            return _walk(self._parent, self.get(area_id).id)

    def children(self, area_id: str) -> tuple[Area, ...]:
        """The areas directly below *area_id*.

        Args:
            area_id: the area's id.

        Returns:
            Its children in the order given; empty for a leaf.

        Examples:
            >>> from hokatsu.reference import himi
            >>> [a.name for a in himi().areas.children("himi")]
            ['氷見', '南條', '上庄谷', '灘浦']
        """
        self.get(area_id)
        return tuple(self._by_id[c] for c in self._children[area_id])

    def descendants(self, area_id: str) -> tuple[Area, ...]:
        """Every area below *area_id*, depth first.

        Args:
            area_id: the area's id.

        Returns:
            Every area below it, not the area itself.

        Examples:
            >>> from hokatsu.reference import himi
            >>> len(himi().areas.descendants("himi")), len(himi().areas.descendants("himi-b1"))
            (251, 72)
        """
        out: list[Area] = []
        stack = list(reversed(self.children(area_id)))
        while stack:
            area = stack.pop()
            out.append(area)
            stack.extend(reversed([self._by_id[c] for c in self._children[area.id]]))
        return tuple(out)

    def contains(self, ancestor_id: str, area_id: str) -> bool:
        """Whether *area_id* is *ancestor_id* or lies below it.

        Args:
            ancestor_id: the enclosing area.
            area_id: the area asked about.

        Returns:
            True if *area_id* is *ancestor_id* itself or one of its descendants.

        Examples:
            >>> from hokatsu.reference import himi
            >>> tree = himi().areas
            >>> tree.contains("himi-b1", "himi-d01"), tree.contains("himi-b2", "himi-d01")
            (True, False)
        """
        self.get(ancestor_id)
        self.get(area_id)
        lineage = self._lineage.get(area_id)
        if lineage is not None:
            return ancestor_id in lineage
        # climb only as far as the ancestor's depth
        node: str | None = area_id
        for _ in range(self._tree_depth[area_id] - self._tree_depth[ancestor_id]):
            node = self._parent[node]  # type: ignore[index]
        return node == ancestor_id

    def ancestor_at(self, area_id: str, level: str) -> str | None:
        """The id of the area at *level* that contains *area_id* (itself if at that level).

        Returns None when *area_id* sits above *level*, or when its branch skips that level.

        Args:
            area_id: the area's id.
            level: one of the tree's ``levels``.

        Returns:
            None when *area_id* lies above *level*.

        Raises:
            UnknownReferenceError: unknown area or level.

        Examples:
            >>> from hokatsu.reference import himi
            >>> tree = himi().areas
            >>> tree.ancestor_at("himi-d01", "block"), tree.ancestor_at("himi", "block")
            ('himi-b1', None)
        """
        if type(level) is not str or level not in self._level_index:
            self._level(level)  # raises, naming the levels
        by_id = self._by_id
        lineage = self._lineage.get(area_id) if type(area_id) is str else None
        for a in lineage if lineage is not None else self.lineage(area_id):
            if by_id[a].level == level:
                return a
        return None

    def at_level(self, level: str) -> tuple[Area, ...]:
        """Every area at *level*, in the order given.

        Args:
            level: one of the tree's ``levels``.

        Returns:
            The areas at that level.

        Examples:
            >>> from hokatsu.reference import himi
            >>> len(himi().areas.at_level("district")), len(himi().areas.at_level("neighbourhood"))
            (21, 226)
        """
        self._level(level)
        return self._by_level[level]

    def depth(self, area_id: str) -> int:
        """The index of the area's level in ``levels`` (0 for the root).

        Args:
            area_id: the area's id.

        Returns:
            0 for the root, 1 for its children, and so on.

        Examples:
            >>> from hokatsu.reference import himi
            >>> himi().areas.depth("himi"), himi().areas.depth("himi-d01")
            (0, 2)
        """
        return self._level_index[self.get(area_id).level]

    def leaves(self) -> tuple[Area, ...]:
        """The areas with no children.

        Returns:
            The leaves, in the order given (the neighbourhoods of 氷見市).

        Examples:
            >>> from hokatsu.reference import himi
            >>> len(himi().areas.leaves())
            226
        """
        return tuple(a for a in self.areas if not self._children[a.id])

    def _level(self, level: str) -> int:
        try:
            return self._level_index[level]
        except (KeyError, TypeError):
            raise UnknownReferenceError("AreaTree", "levels", level, self.levels) from None


#: areas fewer than this many steps below the root keep their lineage as a tuple
_KEPT_DEPTH = 16


def _walk(parent: dict[str, str | None], start: str) -> tuple[str, ...]:
    path: list[str] = []
    node: str | None = start
    while node is not None:
        path.append(node)
        node = parent[node]
    return tuple(path)


def _depths(parent: dict[str, str | None]) -> dict[str, int]:
    """Each id's number of steps from the root, raising CycleError if the parents loop.

    Each area is visited once: a walk up stops at the first area whose depth is known.
    """
    depth: dict[str, int] = {}
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in depth:
            if node in on_path:
                raise CycleError("AreaTree", "parent_id", path[path.index(node):])
            path.append(node)
            on_path.add(node)
            node = parent[node]
        below = -1 if node is None else depth[node]
        for i in range(len(path) - 1, -1, -1):
            below += 1
            depth[path[i]] = below
    return depth


def _within(child: Area, parent: Area) -> bool:
    starts_ok = parent.valid_from is None or (
        child.valid_from is not None and child.valid_from >= parent.valid_from
    )
    ends_ok = parent.valid_to is None or (
        child.valid_to is not None and child.valid_to <= parent.valid_to
    )
    return starts_ok and ends_ok
