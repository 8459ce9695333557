"""Tests for hokatsu.domain.areas: areas and the area tree."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu import (
    Area,
    AreaTree,
    CycleError,
    DuplicateIdError,
    InvalidValueError,
    UnknownReferenceError,
)
from tests.strategies import area_trees

LEVELS = ("city", "block", "district", "neighbourhood")
DAY = dt.date(2016, 6, 1)


def area(area_id: str, level: str, parent: str | None = None, **kw: object) -> Area:
    return Area(id=area_id, name=area_id.upper(), level=level, parent_id=parent,
                **kw)  # type: ignore[arg-type]


def sample_tree() -> AreaTree:
    """city ─┬─ b1 ─┬─ d1 ── n1
             │      └─ d2
             └─ b2 ── n2 (skipping the district level)
    """
    return AreaTree(levels=LEVELS, areas=(
        area("city", "city"),
        area("b1", "block", "city"),
        area("d1", "district", "b1"),
        area("n1", "neighbourhood", "d1"),
        area("d2", "district", "b1"),
        area("b2", "block", "city"),
        area("n2", "neighbourhood", "b2"),
    ))


class TestArea:
    def test_self_parent_is_a_cycle(self) -> None:
        """An area cannot be its own parent."""
        with pytest.raises(CycleError) as info:
            area("a", "city", "a")
        assert info.value.cycle == ("a",)

    def test_rejects_end_before_start(self) -> None:
        """valid_to may not precede valid_from."""
        with pytest.raises(InvalidValueError) as info:
            area("a", "city", valid_from=dt.date(2017, 4, 1), valid_to=dt.date(2017, 3, 31))
        assert info.value.field == "valid_to"

    def test_one_day_area(self) -> None:
        """An area may be valid for a single day."""
        a = area("a", "city", valid_from=DAY, valid_to=DAY)
        assert a.valid_on(DAY)
        assert not a.valid_on(DAY + dt.timedelta(days=1))

    def test_valid_on(self) -> None:
        """Validity is inclusive at both ends, and open-ended when a date is None."""
        a = area("a", "city", valid_from=dt.date(2017, 4, 1))
        assert not a.valid_on(dt.date(2017, 3, 31))
        assert a.valid_on(dt.date(2017, 4, 1))
        assert a.valid_on(dt.date(2999, 1, 1))

    @pytest.mark.parametrize("day", ["2017-04-01", None, dt.datetime(2017, 4, 1)])
    def test_valid_on_rejects_a_non_date(self, day: object) -> None:
        """Asking about something that is not a plain date raises a hokatsu error."""
        a = area("a", "city", valid_from=dt.date(2017, 4, 1))
        with pytest.raises(InvalidValueError):
            a.valid_on(day)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("field", "value"),
        [("name", ""), ("name", "   "), ("level", ""), ("parent_id", 3), ("synthetic", None),
         ("valid_from", dt.datetime(2016, 1, 1))],
    )
    def test_rejects_bad_fields(self, field: str, value: object) -> None:
        """Each field checks its type."""
        kw: dict[str, object] = {"id": "a", "name": "A", "level": "city", field: value}
        with pytest.raises(InvalidValueError) as info:
            Area(**kw)  # type: ignore[arg-type]
        assert info.value.field == field



class TestAreaTreeValidation:
    def test_duplicate_ids(self) -> None:
        """Two areas with one id are rejected."""
        with pytest.raises(DuplicateIdError) as info:
            AreaTree(levels=LEVELS, areas=(area("city", "city"), area("city", "block", None)))
        assert info.value.ref == "city"

    def test_unknown_parent(self) -> None:
        """A parent must be an area of the tree."""
        with pytest.raises(UnknownReferenceError) as info:
            AreaTree(levels=LEVELS, areas=(area("city", "city"), area("b", "block", "nowhere")))
        assert (info.value.field, info.value.ref) == ("parent_id", "nowhere")

    def test_unknown_level(self) -> None:
        """A level must be one of the tree's levels."""
        with pytest.raises(UnknownReferenceError) as info:
            AreaTree(levels=LEVELS, areas=(area("city", "city"), area("b", "ward", "city")))
        assert (info.value.field, info.value.ref) == ("level", "ward")

    def test_two_cycle(self) -> None:
        """Two areas that are each other's parent form a cycle."""
        with pytest.raises(CycleError) as info:
            AreaTree(levels=LEVELS, areas=(
                area("city", "city"), area("a", "block", "b"), area("b", "district", "a"),
            ))
        assert set(info.value.cycle) == {"a", "b"}

    def test_three_cycle(self) -> None:
        """A loop through three areas is a cycle, named in order."""
        with pytest.raises(CycleError) as info:
            AreaTree(levels=LEVELS, areas=(
                area("city", "city"), area("a", "block", "c"), area("b", "district", "a"),
                area("c", "neighbourhood", "b"),
            ))
        cycle = info.value.cycle
        assert set(cycle) == {"a", "b", "c"}
        i = cycle.index("a")
        assert (cycle + cycle)[i:i + 3] == ("a", "c", "b")  # each followed by its parent

    def test_cycle_without_any_root(self) -> None:
        """A tree made only of a loop is rejected as a cycle."""
        with pytest.raises(CycleError):
            AreaTree(levels=LEVELS, areas=(area("a", "city", "b"), area("b", "block", "a")))

    def test_self_parent(self) -> None:
        """A self-parent is rejected even before the tree is built."""
        with pytest.raises(CycleError):
            AreaTree(levels=LEVELS, areas=(area("city", "city", "city"),))

    def test_two_roots(self) -> None:
        """A tree has exactly one root."""
        with pytest.raises(InvalidValueError) as info:
            AreaTree(levels=LEVELS, areas=(area("x", "city"), area("y", "city")))
        assert info.value.value == ("x", "y")

    def test_root_at_first_level(self) -> None:
        """The root sits at the first level."""
        with pytest.raises(InvalidValueError) as info:
            AreaTree(levels=LEVELS, areas=(area("x", "block"),))
        assert info.value.field == "level"

    @pytest.mark.parametrize("child_level", ["city", "block"])
    def test_child_deeper_than_parent(self, child_level: str) -> None:
        """A child sits at a deeper level than its parent, not the same or a higher one."""
        with pytest.raises(InvalidValueError) as info:
            AreaTree(levels=LEVELS, areas=(
                area("city", "city"), area("b", "block", "city"), area("c", child_level, "b"),
            ))
        assert "c" in info.value.obj

    @pytest.mark.parametrize(
        ("parent_dates", "child_dates"),
        [
            ((dt.date(2017, 4, 1), None), (None, None)),
            ((dt.date(2017, 4, 1), None), (dt.date(2017, 3, 31), None)),
            ((None, dt.date(2020, 3, 31)), (None, None)),
            ((None, dt.date(2020, 3, 31)), (None, dt.date(2020, 4, 1))),
            ((dt.date(2017, 4, 1), dt.date(2020, 3, 31)),
             (dt.date(2018, 4, 1), dt.date(2021, 3, 31))),
        ],
    )
    def test_child_validity_outside_parents(
        self,
        parent_dates: tuple[dt.date | None, dt.date | None],
        child_dates: tuple[dt.date | None, dt.date | None],
    ) -> None:
        """A child may not exist before or after its parent (an open end counts as outside
        a closed one)."""
        with pytest.raises(InvalidValueError) as info:
            AreaTree(levels=LEVELS, areas=(
                area("city", "city", valid_from=parent_dates[0], valid_to=parent_dates[1]),
                area("b", "block", "city", valid_from=child_dates[0], valid_to=child_dates[1]),
            ))
        assert info.value.field == "valid_from/valid_to"

    def test_child_validity_inside_parents(self) -> None:
        """A child valid within its parent's dates is accepted."""
        tree = AreaTree(levels=LEVELS, areas=(
            area("city", "city", valid_from=dt.date(2017, 4, 1)),
            area("b", "block", "city", valid_from=dt.date(2018, 4, 1),
                 valid_to=dt.date(2019, 3, 31)),
        ))
        assert len(tree) == 2

    @pytest.mark.parametrize(
        "levels", [(), ("city", "city"), ("city", ""), ["city"]],
    )
    def test_rejects_bad_levels(self, levels: object) -> None:
        """Levels are a non-empty tuple of distinct ids."""
        with pytest.raises(InvalidValueError):
            AreaTree(levels=levels, areas=(area("city", "city"),))  # type: ignore[arg-type]

    def test_rejects_no_areas(self) -> None:
        """A tree has at least its root."""
        with pytest.raises(InvalidValueError):
            AreaTree(levels=LEVELS, areas=())


class TestAreaTreeQueries:
    def test_root_and_ids(self) -> None:
        """The root is the one area without parent; ids and membership cover all areas."""
        tree = sample_tree()
        assert tree.root.id == "city"
        assert tree.ids == {"city", "b1", "b2", "d1", "d2", "n1", "n2"}
        assert "n2" in tree
        assert "zz" not in tree
        assert [a.id for a in tree][:2] == ["city", "b1"]

    def test_lineage(self) -> None:
        """The lineage runs from the area up to the root."""
        tree = sample_tree()
        assert tree.lineage("n1") == ("n1", "d1", "b1", "city")
        assert tree.lineage("n2") == ("n2", "b2", "city")
        assert tree.lineage("city") == ("city",)

    def test_ancestor_at(self) -> None:
        """The ancestor at a level is found, or None above the area or where it is skipped."""
        tree = sample_tree()
        assert tree.ancestor_at("n1", "block") == "b1"
        assert tree.ancestor_at("d1", "district") == "d1"
        assert tree.ancestor_at("b1", "district") is None
        assert tree.ancestor_at("n2", "district") is None
        with pytest.raises(UnknownReferenceError):
            tree.ancestor_at("n1", "ward")

    def test_children_and_descendants(self) -> None:
        """Children are direct; descendants go depth first in the given order."""
        tree = sample_tree()
        assert [a.id for a in tree.children("b1")] == ["d1", "d2"]
        assert [a.id for a in tree.descendants("city")] == ["b1", "d1", "n1", "d2", "b2", "n2"]
        assert tree.descendants("n1") == ()

    def test_contains(self) -> None:
        """An area contains itself and everything below it, nothing beside or above."""
        tree = sample_tree()
        assert tree.contains("b1", "n1")
        assert tree.contains("b1", "b1")
        assert not tree.contains("b1", "n2")
        assert not tree.contains("n1", "b1")

    def test_leaves_levels_depth(self) -> None:
        """Leaves, areas per level and depths reflect the tree."""
        tree = sample_tree()
        assert [a.id for a in tree.leaves()] == ["n1", "d2", "n2"]
        assert [a.id for a in tree.at_level("block")] == ["b1", "b2"]
        assert tree.depth("n2") == 3
        assert tree.depth("city") == 0
        with pytest.raises(UnknownReferenceError):
            tree.at_level("ward")

    @pytest.mark.parametrize("method", ["get", "lineage", "children", "descendants", "depth"])
    @pytest.mark.parametrize("bad", ["zz", None, 3, ["city"]])
    def test_unknown_ids(self, method: str, bad: object) -> None:
        """Looking up an unknown (or unhashable) id raises UnknownReferenceError."""
        with pytest.raises(UnknownReferenceError):
            getattr(sample_tree(), method)(bad)

    def test_contains_unknown(self) -> None:
        """contains() with an unknown id on either side raises UnknownReferenceError."""
        tree = sample_tree()
        with pytest.raises(UnknownReferenceError):
            tree.contains("zz", "city")
        with pytest.raises(UnknownReferenceError):
            tree.contains("city", "zz")

    def test_order_of_areas_does_not_matter(self) -> None:
        """Children may be listed before their parents."""
        tree = sample_tree()
        reordered = AreaTree(levels=LEVELS, areas=tree.areas[::-1])
        assert reordered.lineage("n1") == tree.lineage("n1")
        assert reordered.root == tree.root


class TestAreaTreeProperties:
    @given(area_trees())
    def test_lineages_end_at_the_root(self, tree: AreaTree) -> None:
        """Every lineage starts at the area and ends at the root, going strictly deeper
        down the line."""
        for a in tree:
            line = tree.lineage(a.id)
            assert line[0] == a.id
            assert line[-1] == tree.root.id
            depths = [tree.depth(i) for i in line]
            assert depths == sorted(depths, reverse=True)
            assert len(set(depths)) == len(depths)

    @given(area_trees())
    def test_descendants_of_root(self, tree: AreaTree) -> None:
        """The root's descendants are every other area, each once."""
        below = [a.id for a in tree.descendants(tree.root.id)]
        assert len(below) == len(set(below)) == len(tree) - 1
        assert set(below) == tree.ids - {tree.root.id}

    @given(area_trees(), st.data())
    def test_contains_agrees_with_descendants(self, tree: AreaTree, data: st.DataObject) -> None:
        """contains(a, b) holds exactly for b = a and b below a."""
        a = data.draw(st.sampled_from(sorted(tree.ids)))
        below = {d.id for d in tree.descendants(a)} | {a}
        assert {b for b in tree.ids if tree.contains(a, b)} == below

    @given(area_trees())
    def test_leaves_have_no_children(self, tree: AreaTree) -> None:
        """Leaves are exactly the areas no other area names as parent."""
        parents = {a.parent_id for a in tree}
        assert {a.id for a in tree.leaves()} == tree.ids - parents
        assert all(tree.children(a.id) == () for a in tree.leaves())

    @given(area_trees())
    def test_ancestor_at_is_on_the_lineage(self, tree: AreaTree) -> None:
        """ancestor_at returns an area of that level on the lineage, or None if none is."""
        for a in tree:
            for level in tree.levels:
                found = tree.ancestor_at(a.id, level)
                on_line = [i for i in tree.lineage(a.id) if tree.get(i).level == level]
                assert found == (on_line[0] if on_line else None)

    @given(area_trees())
    def test_levels_partition_the_areas(self, tree: AreaTree) -> None:
        """Every area is at exactly one level; the root level holds only the root."""
        counted = sum(len(tree.at_level(level)) for level in tree.levels)
        assert counted == len(tree)
        assert tree.at_level(tree.levels[0]) == (tree.root,)

    @given(area_trees())
    def test_children_valid_within_parents(self, tree: AreaTree) -> None:
        """Wherever a child is valid, its parent is too."""
        for a in tree:
            if a.parent_id is None:
                continue
            parent = tree.get(a.parent_id)
            for day in (a.valid_from, a.valid_to):
                if day is not None:
                    assert parent.valid_on(day)


def chain(depth: int, branch: bool = False) -> AreaTree:
    """A tree *depth* areas deep, one level per area; with *branch*, a side area per level."""
    levels = tuple(f"l{i}" for i in range(depth))
    areas = [Area(id=f"a{i}", name="地区", level=f"l{i}", parent_id=f"a{i - 1}" if i else None)
             for i in range(depth)]
    if branch:
        areas += [Area(id=f"s{i}", name="脇", level=f"l{i + 1}", parent_id=f"a{i}")
                  for i in range(depth - 1)]
    return AreaTree(levels=levels, areas=tuple(areas))


def naive_lineage(tree: AreaTree, area_id: str) -> tuple[str, ...]:
    """The lineage by walking parent ids, as the tree once stored it for every area."""
    line = [area_id]
    while (parent := tree.get(line[-1]).parent_id) is not None:
        line.append(parent)
    return tuple(line)


def peak_bytes(build: Callable[[], object]) -> int:
    """The peak memory traced while *build* runs."""
    tracemalloc.start()
    try:
        build()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class TestDeepTrees:
    def test_memory_is_linear_in_depth(self) -> None:
        """A tree 3,000 deep builds in a few MB, and twice as deep takes about twice that.

        Keeping every area's whole ancestor tuple took 37 MB at depth 3,000 and 4.15 GB at
        30,000 (issue 9).
        """
        inputs = {n: (tuple(f"l{i}" for i in range(n)), tuple(
            Area(id=f"a{i}", name="x", level=f"l{i}", parent_id=f"a{i - 1}" if i else None)
            for i in range(n))) for n in (1_500, 3_000)}
        peaks = {n: peak_bytes(lambda n=n: AreaTree(levels=inputs[n][0], areas=inputs[n][1]))
                 for n in inputs}
        assert peaks[3_000] < 6_000_000, peaks
        assert peaks[3_000] < 2.6 * peaks[1_500], peaks

    def test_deep_look_ups(self) -> None:
        """Look-ups on a deep tree give what walking the parents gives."""
        tree = chain(3_000)
        assert tree.lineage("a2999") == tuple(f"a{i}" for i in range(2_999, -1, -1))
        assert tree.contains("a0", "a2999")
        assert tree.contains("a1500", "a2999")
        assert not tree.contains("a2999", "a1500")
        assert tree.ancestor_at("a2999", "l1234") == "a1234"
        assert tree.ancestor_at("a12", "l1234") is None
        assert len(tree.descendants("a0")) == 2_999
        assert tree.depth("a2999") == 2_999
        assert tree.root.id == "a0"

    def test_deep_and_shallow_areas_agree_with_walking(self) -> None:
        """Lineage, contains and ancestor_at agree with a parent walk above and below the
        depth down to which lineages are kept."""
        tree = chain(40, branch=True)
        for a in tree:
            line = naive_lineage(tree, a.id)
            assert tree.lineage(a.id) == line
            for other in tree:
                assert tree.contains(other.id, a.id) == (other.id in line)
            for level in ("l0", "l5", "l17", "l30", "l39"):
                found = [i for i in line if tree.get(i).level == level]
                assert tree.ancestor_at(a.id, level) == (found[0] if found else None)

    @given(area_trees())
    def test_small_trees_agree_with_walking(self, tree: AreaTree) -> None:
        """On generated trees the look-ups equal the parent walk and plain filters."""
        for a in tree:
            assert tree.lineage(a.id) == naive_lineage(tree, a.id)
        for level in tree.levels:
            assert tree.at_level(level) == tuple(a for a in tree.areas if a.level == level)
        assert tree.root == next(a for a in tree.areas if a.parent_id is None)

    def test_unknown_look_ups_still_refused(self) -> None:
        """Unknown areas and levels, hashable or not, are refused as before."""
        tree = chain(30)
        for call in (lambda: tree.lineage("zz"), lambda: tree.lineage(["a1"]),
                     lambda: tree.ancestor_at("a29", "zz"), lambda: tree.ancestor_at("zz", "l1"),
                     lambda: tree.ancestor_at("a29", ["l1"]), lambda: tree.contains("a1", "zz"),
                     lambda: tree.at_level({})):
            with pytest.raises(UnknownReferenceError):
                call()  # type: ignore[no-untyped-call]
        assert ["a1"] not in tree


class TestAreaTreeRepr:
    def test_counts(self) -> None:
        """A tree's repr names its root and counts areas and levels."""
        assert repr(sample_tree()) == "<AreaTree 'city': 7 areas, 4 levels>"
        assert len(repr(chain(3_000))) < 60
