"""Small-cell suppression (issue 13): no published count below the threshold, and no hidden
count recomputable from the published ones."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.errors import InvalidValueError
from hokatsu.sharing import SuppressedTable, suppress

Cell = tuple[int, int]


@st.composite
def tables(draw: st.DrawFn, max_rows: int = 5, max_cols: int = 5,
           max_count: int = 40) -> list[list[int]]:
    """Tables of counts, often with small cells and zeros."""
    n_rows, n_cols = draw(st.integers(1, max_rows)), draw(st.integers(1, max_cols))
    count = st.one_of(st.just(0), st.integers(1, 12), st.integers(0, max_count))
    return [[draw(count) for _ in range(n_cols)] for _ in range(n_rows)]


def augmented(counts: list[list[int]]) -> list[list[int]]:
    """The counts with a total column and a total row."""
    full = [[*row, sum(row)] for row in counts]
    full.append([sum(col) for col in zip(*full, strict=True)])
    return full


def published(table: SuppressedTable) -> list[list[int | None]]:
    """The published table in the same augmented form."""
    full = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    full.append([*table.column_totals, table.total])
    return full


def alternative(shown: list[list[int | None]], truth: list[list[int]], cell: Cell
                ) -> list[list[int]] | None:
    """Another table consistent with every published figure, with another value in *cell*:
    found by walking a cycle of hidden cells through *cell* (independently of the library)
    and moving its cells by one so that every row and column still adds up; None if there
    is no such cycle."""
    n_rows, n_cols = len(shown), len(shown[0])
    hidden = {(i, j) for i in range(n_rows) for j in range(n_cols) if shown[i][j] is None}
    # a path from the cell's column back to its row through other hidden cells
    start, goal = ("c", cell[1]), ("r", cell[0])
    parent: dict[tuple[str, int], tuple[tuple[str, int], Cell] | None] = {start: None}
    frontier = [start]
    while frontier and goal not in parent:
        node = frontier.pop(0)
        for i, j in hidden:
            if (i, j) == cell:
                continue
            if node == ("c", j) and ("r", i) not in parent:
                parent[("r", i)] = (node, (i, j))
                frontier.append(("r", i))
            elif node == ("r", i) and ("c", j) not in parent:
                parent[("c", j)] = (node, (i, j))
                frontier.append(("c", j))
    if goal not in parent:
        return None
    path = [cell]
    node = goal
    while parent[node] is not None:
        node, step = parent[node]  # type: ignore[misc]
        path.append(step)
    # signs: in y-space (totals negated, the grand total not) every line sums to zero, and a
    # cycle alternates +1/-1 along its cells
    out = [row[:] for row in truth]
    for k, (i, j) in enumerate(path):
        sign = 1 if k % 2 == 0 else -1
        flip = (-1 if i == n_rows - 1 else 1) * (-1 if j == n_cols - 1 else 1)
        out[i][j] += sign * flip
    return out


def consistent(candidate: list[list[int]], shown: list[list[int | None]]) -> bool:
    """Whether *candidate* is a table of counts that adds up and shows what was published."""
    n_rows, n_cols = len(shown), len(shown[0])
    adds_up = augmented([row[:-1] for row in candidate[:-1]]) == candidate
    return adds_up and all(
        candidate[i][j] >= 0 and (shown[i][j] is None or shown[i][j] == candidate[i][j])
        for i in range(n_rows) for j in range(n_cols))


class TestPrimary:
    """Counts from 1 to threshold - 1 are never published."""

    @given(tables(), st.integers(1, 15))
    def test_no_small_count(self, counts: list[list[int]], threshold: int) -> None:
        """No published cell or total lies between 1 and threshold - 1."""
        table = suppress(counts, threshold=threshold)
        for row in published(table):
            for value in row:
                assert value is None or value == 0 or value >= threshold

    @given(tables(), st.integers(1, 15))
    def test_published_are_true(self, counts: list[list[int]], threshold: int) -> None:
        """Every published figure is the true count or total."""
        table = suppress(counts, threshold=threshold)
        for shown, true in zip(published(table), augmented(counts), strict=True):
            for s, t in zip(shown, true, strict=True):
                assert s is None or s == t

    @given(tables())
    def test_zero_is_published(self, counts: list[list[int]]) -> None:
        """A zero is never hidden: it protects nothing."""
        table = suppress(counts)
        for shown, true in zip(published(table), augmented(counts), strict=True):
            for s, t in zip(shown, true, strict=True):
                assert t != 0 or s == 0

    def test_threshold_one_hides_nothing(self) -> None:
        """With threshold 1 every count is published."""
        assert suppress([[1, 2], [3, 4]], threshold=1).hidden == 0

    def test_default_threshold_is_ten(self) -> None:
        """9 is hidden and 10 is published by default."""
        table = suppress([[9, 10, 30], [30, 30, 30]])
        assert table.cells[0][0] is None
        assert table.threshold == 10
        assert table.column_totals[0] == 39


class TestComplementary:
    """No hidden count can be recomputed from the published ones."""

    @given(tables(), st.integers(2, 15))
    def test_no_line_with_one_hidden_cell(self, counts: list[list[int]], threshold: int
                                          ) -> None:
        """No row or column, totals included, has exactly one hidden figure (the total
        would give it back)."""
        shown = published(suppress(counts, threshold=threshold))
        for line in (*shown, *zip(*shown, strict=True)):
            assert sum(x is None for x in line) != 1

    @given(tables(), st.integers(2, 15))
    def test_every_hidden_count_has_another_value(self, counts: list[list[int]],
                                                  threshold: int) -> None:
        """For every hidden figure there is another table of counts with the same published
        figures and another value in that cell."""
        truth = augmented(counts)
        shown = published(suppress(counts, threshold=threshold))
        for i, j in itertools.product(range(len(shown)), range(len(shown[0]))):
            if shown[i][j] is None:
                other = alternative(shown, truth, (i, j))
                assert other is not None, (i, j)
                assert consistent(other, shown)
                assert other[i][j] != truth[i][j]

    @given(tables(max_rows=3, max_cols=3, max_count=12), st.integers(2, 10))
    def test_exhaustively_on_small_tables(self, counts: list[list[int]], threshold: int
                                          ) -> None:
        """On tables of at most 3 × 3 counts, enumerating every table of counts within 2 of
        the truth in each hidden cell, and keeping those consistent with the published
        figures, finds at least two values for each hidden count."""
        shown = published(suppress(counts, threshold=threshold))
        n_rows, n_cols = len(counts), len(counts[0])
        hidden = [(i, j) for i in range(n_rows) for j in range(n_cols) if shown[i][j] is None]
        seen: dict[Cell, set[int]] = {cell: set() for cell in hidden}
        near = [range(max(0, counts[i][j] - 2), counts[i][j] + 3) for i, j in hidden]
        for values in itertools.product(*near):
            candidate = [row[:] for row in counts]
            for (i, j), x in zip(hidden, values, strict=True):
                candidate[i][j] = x
            if consistent(augmented(candidate), shown):
                for cell, x in zip(hidden, values, strict=True):
                    seen[cell].add(x)
        for cell in hidden:
            assert len(seen[cell]) >= 2, cell

    def test_example(self) -> None:
        """A 3 in a row of large counts takes three more cells with it, not a total."""
        table = suppress([[25, 3, 40], [30, 12, 18]])
        assert table.cells == ((None, None, 40), (None, None, 18))
        assert table.row_totals == (68, 60)
        assert table.total == 128


class TestInput:
    """Bad tables and settings are refused with hokatsu errors."""

    @pytest.mark.parametrize("counts", [[], [[]], [[1, 2], [3]], [[1, -1]], [[1.5]], "12",
                                        [["1"]], None, [[True]], [[0] * 101] * 100])
    def test_bad_counts(self, counts: Any) -> None:
        """Anything but a non-empty rectangle of ints ≥ 0 (of at most 10,000) is refused."""
        with pytest.raises(InvalidValueError, match="counts"):
            suppress(counts)

    @pytest.mark.parametrize("threshold", [0, -1, 1.5, "10", None])
    def test_bad_threshold(self, threshold: Any) -> None:
        """A threshold that is not an int ≥ 1 is refused."""
        with pytest.raises(InvalidValueError, match="threshold"):
            suppress([[1]], threshold=threshold)

    def test_labels(self) -> None:
        """Labels are kept, and refused when they do not match the table."""
        table = suppress([[10, 20]], row_labels=["2017"], column_labels=["self", "family"])
        assert table.to_dict()["column_labels"] == ["self", "family"]
        with pytest.raises(InvalidValueError, match="row_labels"):
            suppress([[10, 20]], row_labels=["a", "b"])

    def test_repr_gives_counts(self) -> None:
        """The repr says the size and how many figures are hidden."""
        assert repr(suppress([[3, 40], [40, 40]])) == (
            "<SuppressedTable: 2 × 2, 4 of 9 cells hidden, threshold 10>")
