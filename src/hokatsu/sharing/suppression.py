"""Small-cell suppression of a two-way table of counts, as statistical offices publish them.

A count from 1 to ``threshold - 1`` could point at a household: it is hidden (*primary*
suppression); zero may be shown. The threshold is 10 by default, after the publication
guideline of Japan's National Database of health insurance claims (NDB), which hides figures
of fewer than 10 people and lets zero be shown, and the cell-size suppression policy of the US
Centers for Medicare & Medicaid Services (CMS), which hides cells of 1 to 10 and anything from
which they could be calculated back. A hidden cell must not come back through the totals either:
when it is the only hidden cell of its row, the row total gives it back. So further cells are
hidden (*complementary* suppression) until every hidden cell lies on a *cycle* of hidden
cells — a rectangle, or any closed path that turns at hidden cells along rows and columns,
totals included. The cells of such a cycle can each move by one, up or down, so that every row
and column still adds up (a cell and its total move together, two cells of a row oppositely):
since every hidden count is at least 1, either way gives another table with the same published
figures and another value in each hidden cell, so none can be recomputed exactly.

Complementary cells are chosen greedily: for a hidden cell on no cycle, the cheapest
rectangle through it of cells that are not zero (hiding a zero protects nothing, since a count
cannot go below it), its cost the sum of the counts newly hidden. The row, column and grand
totals take part like any other cell: a small total is hidden too, and a total can be the
complement. The result is safe by construction but not always minimal (finding the minimal
suppression is NP-hard in general).

Examples:
    >>> from hokatsu.sharing.suppression import suppress
    >>> table = suppress([[25, 3, 40], [30, 12, 18]], threshold=10)
    >>> table.cells
    ((None, None, 40), (None, None, 18))
    >>> table.row_totals, table.column_totals, table.total
    ((68, 60), (55, 15, 58), 128)
    >>> table
    <SuppressedTable: 2 × 3, 4 of 12 cells hidden, threshold 10>

    The 3 is hidden, and so is the 12 below it (else the column total gives the 3 back), then
    25 and 30 (else the row totals give both back): 24, 4, 31 and 11 fit every published
    figure as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.errors import InvalidValueError

__all__ = ["DEFAULT_THRESHOLD", "SuppressedTable", "suppress"]

#: Counts below this are not published (NDB guideline, CMS cell-size rule).
DEFAULT_THRESHOLD = 10

_MAX_CELLS = 10_000  # rows × columns: the greedy search is polynomial, not linear
_THRESHOLD = v.integer(1, 1_000_000)


@attrs.frozen(kw_only=True, repr=False)
class SuppressedTable:
    """A two-way table of counts as it may be published: hidden cells are None.

    It does not say which cells were hidden for being small and which to protect them: that
    would tell which hold 1 to ``threshold - 1``.

    Attributes:
        cells: the published counts, a row of columns per row; None where hidden.
        row_totals: each row's total, None where hidden.
        column_totals: each column's total, None where hidden.
        total: the grand total, None when hidden.
        threshold: counts from 1 to ``threshold - 1`` were hidden.
        row_labels: the rows' labels, if given.
        column_labels: the columns' labels, if given.

    Examples:
        >>> from hokatsu.sharing import suppress
        >>> table = suppress([[25, 14], [30, 12]], threshold=10, row_labels=("a", "b"))
        >>> table.cells, table.total, table.row_labels
        (((25, 14), (30, 12)), 81, ('a', 'b'))
    """

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None
    threshold: int
    row_labels: tuple[str, ...] | None = None
    column_labels: tuple[str, ...] | None = None

    @property
    def hidden(self) -> int:
        """How many figures are hidden, totals included.

        Examples:
            >>> from hokatsu.sharing import suppress
            >>> suppress([[25, 3, 40], [30, 12, 18]], threshold=10).hidden
            4
        """
        return (sum(c is None for row in self.cells for c in row)
                + sum(t is None for t in self.row_totals)
                + sum(t is None for t in self.column_totals) + (self.total is None))

    def __repr__(self) -> str:
        n_rows, n_cols = len(self.row_totals), len(self.column_totals)
        size = (n_rows + 1) * (n_cols + 1)
        return (f"<SuppressedTable: {n_rows} × {n_cols}, {self.hidden} of {size} cells hidden, "
                f"threshold {self.threshold}>")

    def to_dict(self) -> dict[str, Any]:
        """The table as a JSON-ready dict (hidden figures as null).

        Returns:
            A new dict of the threshold, labels, cells and totals, lists for tuples.

        Examples:
            >>> from hokatsu.sharing import suppress
            >>> data = suppress([[25, 3], [30, 12]], threshold=10).to_dict()
            >>> data["cells"], data["total"]
            ([[None, None], [None, None]], 70)
        """
        return {
            "threshold": self.threshold,
            "row_labels": None if self.row_labels is None else list(self.row_labels),
            "column_labels": None if self.column_labels is None else list(self.column_labels),
            "cells": [list(row) for row in self.cells],
            "row_totals": list(self.row_totals),
            "column_totals": list(self.column_totals),
            "total": self.total,
        }


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    row_labels: Iterable[str] | None = None,
    column_labels: Iterable[str] | None = None,
) -> SuppressedTable:
    """The table of *counts*, with its totals, as it may be published.

    Counts from 1 to ``threshold - 1`` are hidden, among the cells and the totals alike, then
    further cells until no hidden count can be recomputed from the published ones (see the
    module's description).

    Args:
        counts: the counts, one sequence of columns per row (at least one of each); ints of
            at least 0.
        threshold: the smallest count published apart from 0 (10 by default).
        row_labels: a label per row, kept with the result.
        column_labels: a label per column.

    Returns:
        The :class:`~hokatsu.sharing.SuppressedTable`.

    Raises:
        InvalidValueError: *counts* is not a non-empty rectangle of non-negative ints (of at
            most 10,000 cells), *threshold* is not an int of at least 1, or the labels do not
            match the rows or columns.

    Examples:
        >>> suppress([[0, 14], [12, 25]]).cells  # zero is published
        ((0, 14), (12, 25))
        >>> suppress([[1, 14], [12, 25]]).cells
        ((None, None), (None, None))
    """
    grid = _grid(counts)
    v.argument("suppress", "threshold", threshold, _THRESHOLD)
    n_rows, n_cols = len(grid), len(grid[0])
    rows_l = _labels("row_labels", row_labels, n_rows)
    cols_l = _labels("column_labels", column_labels, n_cols)
    # the augmented grid: row and column n hold the totals
    full = [[*row, sum(row)] for row in grid]
    full.append([sum(full[i][j] for i in range(n_rows)) for j in range(n_cols + 1)])
    hidden = {(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1)
              if 0 < full[i][j] < threshold}
    _complement(full, hidden)
    shown = [[None if (i, j) in hidden else full[i][j] for j in range(n_cols + 1)]
             for i in range(n_rows + 1)]
    return SuppressedTable(
        cells=tuple(tuple(row[:n_cols]) for row in shown[:n_rows]),
        row_totals=tuple(row[n_cols] for row in shown[:n_rows]),
        column_totals=tuple(shown[n_rows][:n_cols]), total=shown[n_rows][n_cols],
        threshold=threshold, row_labels=rows_l, column_labels=cols_l,
    )


def _grid(counts: object) -> list[list[int]]:
    expected = ("a non-empty sequence of rows, each a sequence of the same number (at least "
                f"one) of ints ≥ 0, at most {_MAX_CELLS:,} cells")
    if not isinstance(counts, Sequence) or isinstance(counts, str | bytes) or not counts:
        raise InvalidValueError("suppress", "counts", counts, expected)
    grid: list[list[int]] = []
    for i, row in enumerate(counts):
        if not isinstance(row, Sequence) or isinstance(row, str | bytes) or not row:
            raise InvalidValueError("suppress", f"counts[{i}]", row, expected)
        for j, c in enumerate(row):
            if type(c) is not int or c < 0:
                raise InvalidValueError("suppress", f"counts[{i}][{j}]", c, "an int ≥ 0")
        grid.append(list(row))
    if len({len(row) for row in grid}) != 1 or len(grid) * len(grid[0]) > _MAX_CELLS:
        raise InvalidValueError("suppress", "counts", f"{len(grid)} rows of "
                                f"{sorted({len(row) for row in grid})} columns", expected)
    return grid


def _labels(name: str, labels: Iterable[str] | None, n: int) -> tuple[str, ...] | None:
    if labels is None:
        return None
    if not isinstance(labels, Iterable) or isinstance(labels, str | bytes):
        raise InvalidValueError("suppress", name, labels, f"None or {n} labels (str)")
    out = tuple(labels)
    if len(out) != n or any(type(x) is not str for x in out):
        raise InvalidValueError("suppress", name, out, f"None or {n} labels (str)")
    return out


def _complement(full: list[list[int]], hidden: set[tuple[int, int]]) -> None:
    """Hide more cells of *full* until every hidden cell lies on a cycle of hidden cells."""
    n_rows, n_cols = len(full), len(full[0])
    while True:
        exposed = next((cell for cell in sorted(hidden) if not _on_cycle(cell, hidden)), None)
        if exposed is None:
            return
        r, c = exposed
        best: tuple[int, int, tuple[int, int]] | None = None
        for r2 in range(n_rows):
            if r2 == r:
                continue
            for c2 in range(n_cols):
                if c2 == c:
                    continue
                corners = ((r, c2), (r2, c), (r2, c2))
                if any(full[i][j] == 0 for i, j in corners):
                    continue  # a zero cannot give way: hiding it protects nothing
                new = [full[i][j] for i, j in corners if (i, j) not in hidden]
                key = (sum(new), len(new), (r2, c2))
                if best is None or key < best:
                    best = key
        # the totals' rectangle (r, total), (total, c), (total, total) always qualifies,
        # as a total is at least the cell, which is at least 1
        assert best is not None, "a hidden count lies on the totals' rectangle"
        r2, c2 = best[2]
        hidden.update({(r, c2), (r2, c), (r2, c2)})


def _on_cycle(cell: tuple[int, int], hidden: set[tuple[int, int]]) -> bool:
    """Whether *cell* lies on a cycle of *hidden* cells: rows and columns as the vertices of
    a bipartite graph, hidden cells as its edges; an edge lies on a cycle when its ends stay
    connected without it."""
    start, goal = ("r", cell[0]), ("c", cell[1])
    adjacent: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in hidden:
        if (i, j) != cell:
            adjacent.setdefault(("r", i), []).append(("c", j))
            adjacent.setdefault(("c", j), []).append(("r", i))
    seen, frontier = {start}, [start]
    while frontier:
        node = frontier.pop()
        for nxt in adjacent.get(node, ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return False
