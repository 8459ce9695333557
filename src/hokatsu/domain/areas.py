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
        """Whether the area exists on *date*."""
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )


@attrs.frozen(kw_only=True)
class AreaTree:
    """The areas of one municipality, a single tree under one root.

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
    """

    levels: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID, unique=True, nonempty=True))
    areas: tuple[Area, ...] = attrs.field(
        validator=v.tuple_of(v.instance_of(Area), nonempty=True)
    )
    _by_id: dict[str, Area] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _lineage: dict[str, tuple[str, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _children: dict[str, tuple[str, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        ids = v.unique_ids("AreaTree", "areas", (a.id for a in self.areas))
        by_id = {a.id: a for a in self.areas}
        depth = {name: i for i, name in enumerate(self.levels)}
        for a in self.areas:
            if a.parent_id is not None and a.parent_id not in ids:
                raise UnknownReferenceError(f"Area {a.id!r}", "parent_id", a.parent_id, ids)
            if a.level not in depth:
                raise UnknownReferenceError(f"Area {a.id!r}", "level", a.level, self.levels)
        lineage = _lineages(by_id)
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
        for a in self.areas:
            if a.parent_id is None:
                continue
            parent = by_id[a.parent_id]
            children[parent.id].append(a.id)
            if depth[a.level] <= depth[parent.level]:
                deeper = self.levels[depth[parent.level] + 1:]
                raise InvalidValueError(
                    f"Area {a.id!r}", "level", a.level,
                    f"a level below its parent's {parent.level!r}: one of {deeper}",
                )
            if not _within(a, parent):
                raise InvalidValueError(
                    f"Area {a.id!r}", "valid_from/valid_to", (a.valid_from, a.valid_to),
                    f"dates within its parent's ({parent.valid_from}, {parent.valid_to})",
                )
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_lineage", lineage)
        object.__setattr__(self, "_children", {k: tuple(c) for k, c in children.items()})

    def __contains__(self, area_id: object) -> bool:
        return area_id in self._by_id

    def __iter__(self) -> Iterator[Area]:
        return iter(self.areas)

    def __len__(self) -> int:
        return len(self.areas)

    @property
    def ids(self) -> frozenset[str]:
        """Every area id."""
        return frozenset(self._by_id)

    @property
    def root(self) -> Area:
        """The root area (the whole municipality)."""
        return next(a for a in self.areas if a.parent_id is None)

    def get(self, area_id: str) -> Area:
        """Return the area *area_id*.

        Raises:
            UnknownReferenceError: there is no such area.
        """
        try:
            return self._by_id[area_id]
        except (KeyError, TypeError):
            raise UnknownReferenceError("AreaTree", "areas", area_id, self._by_id) from None

    def lineage(self, area_id: str) -> tuple[str, ...]:
        """The area's id followed by its ancestors' ids up to the root."""
        try:
            return self._lineage[area_id]
        except (KeyError, TypeError):
            raise UnknownReferenceError("AreaTree", "areas", area_id, self._by_id) from None

    def children(self, area_id: str) -> tuple[Area, ...]:
        """The areas directly below *area_id*."""
        self.get(area_id)
        return tuple(self._by_id[c] for c in self._children[area_id])

    def descendants(self, area_id: str) -> tuple[Area, ...]:
        """Every area below *area_id*, depth first."""
        out: list[Area] = []
        stack = list(reversed(self.children(area_id)))
        while stack:
            area = stack.pop()
            out.append(area)
            stack.extend(reversed([self._by_id[c] for c in self._children[area.id]]))
        return tuple(out)

    def contains(self, ancestor_id: str, area_id: str) -> bool:
        """Whether *area_id* is *ancestor_id* or lies below it."""
        self.get(ancestor_id)
        return ancestor_id in self.lineage(area_id)

    def ancestor_at(self, area_id: str, level: str) -> str | None:
        """The id of the area at *level* that contains *area_id* (itself if at that level).

        Returns None when *area_id* sits above *level*, or when its branch skips that level.

        Raises:
            UnknownReferenceError: unknown area or level.
        """
        if level not in self.levels:
            raise UnknownReferenceError("AreaTree", "levels", level, self.levels)
        for a in self.lineage(area_id):
            if self._by_id[a].level == level:
                return a
        return None

    def at_level(self, level: str) -> tuple[Area, ...]:
        """Every area at *level*, in the order given."""
        if level not in self.levels:
            raise UnknownReferenceError("AreaTree", "levels", level, self.levels)
        return tuple(a for a in self.areas if a.level == level)

    def depth(self, area_id: str) -> int:
        """The index of the area's level in ``levels`` (0 for the root)."""
        return self.levels.index(self.get(area_id).level)

    def leaves(self) -> tuple[Area, ...]:
        """The areas with no children."""
        return tuple(a for a in self.areas if not self._children[a.id])


def _lineages(by_id: dict[str, Area]) -> dict[str, tuple[str, ...]]:
    """Each id with its ancestors, raising CycleError if the parents loop."""
    lineage: dict[str, tuple[str, ...]] = {}
    for start in by_id:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in lineage:
            if node in on_path:
                raise CycleError("AreaTree", "parent_id", path[path.index(node):])
            path.append(node)
            on_path.add(node)
            node = by_id[node].parent_id
        tail = lineage[node] if node is not None else ()
        for i in range(len(path) - 1, -1, -1):
            tail = (path[i], *tail)
            lineage[path[i]] = tail
    return lineage


def _within(child: Area, parent: Area) -> bool:
    starts_ok = parent.valid_from is None or (
        child.valid_from is not None and child.valid_from >= parent.valid_from
    )
    ends_ok = parent.valid_to is None or (
        child.valid_to is not None and child.valid_to <= parent.valid_to
    )
    return starts_ok and ends_ok
