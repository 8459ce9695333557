"""Plain tables: a header of column names and rows of JSON-ready values.

What :func:`~hokatsu.sharing.export.research_export` hands out: every value is None, a bool,
an int, a float, a str, or a tuple of these (a list once written as JSON), so that a table can
be written as CSV or JSON, or read into any data-frame library, without hokatsu.

Examples:
    >>> from hokatsu.sharing.tables import Table
    >>> table = Table(columns=("area", "size"), rows=(("himi-d01", 2), ("himi-d02", 3)))
    >>> table
    <Table: 2 columns, 2 rows>
    >>> table.column("size"), table.records()[0]
    ((2, 3), {'area': 'himi-d01', 'size': 2})
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.errors import InvalidValueError, UnknownReferenceError

__all__ = ["Table"]

_NAMES = v.tuple_of(v.ID, unique=True)


def _rows(instance: Table, attribute: attrs.Attribute[Any], value: Any) -> None:
    # checked once per table, not per value: rows are built by hokatsu or given whole
    if type(value) is not tuple:
        raise InvalidValueError("Table", "rows", type(value).__name__, "a tuple of tuples")
    width = len(instance.columns)
    for i, row in enumerate(value):
        if type(row) is not tuple or len(row) != width:
            raise InvalidValueError("Table", f"rows[{i}]", type(row).__name__,
                                    f"a tuple of {width} values, one per column")


@attrs.frozen(kw_only=True, repr=False)
class Table:
    """A table of rows, one value per column.

    Args:
        columns: the column names.
        rows: the rows, each a tuple of one value per column.

    Raises:
        InvalidValueError: columns repeat or are not names, or a row is not a tuple of one
            value per column.

    Examples:
        >>> from hokatsu.sharing.tables import Table
        >>> table = Table(columns=("area", "size"), rows=(("himi-d01", 2),))
        >>> len(table), list(table)
        (1, [('himi-d01', 2)])
        >>> Table(columns=("area",), rows=(("himi-d01", 2),))
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """

    columns: tuple[str, ...] = attrs.field(validator=_NAMES)
    rows: tuple[tuple[Any, ...], ...] = attrs.field(validator=_rows)

    @classmethod
    def _trusted(cls, columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]) -> Table:
        """A table hokatsu built itself, already right: not checked row by row again."""
        table = object.__new__(cls)
        object.__setattr__(table, "columns", columns)
        object.__setattr__(table, "rows", rows)
        return table

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        # counts, not contents
        return f"<Table: {len(self.columns)} columns, {len(self.rows):,} rows>"

    def column(self, name: str) -> tuple[Any, ...]:
        """The values of column *name*, one per row.

        Args:
            name: a column name.

        Returns:
            The column's values, in the order of the rows.

        Raises:
            UnknownReferenceError: there is no such column.

        Examples:
            >>> from hokatsu.sharing.tables import Table
            >>> table = Table(columns=("area", "size"), rows=(("himi-d01", 2), ("himi-d02", 3)))
            >>> table.column("area")
            ('himi-d01', 'himi-d02')
            >>> table.column("age")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            hokatsu.errors.UnknownReferenceError: ...
        """
        i = self._index(name)
        return tuple(row[i] for row in self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts from column name to value (JSON-ready).

        Returns:
            One dict per row, its keys in the order of the columns.

        Examples:
            >>> from hokatsu.sharing.tables import Table
            >>> Table(columns=("area", "size"), rows=(("himi-d01", 2),)).records()
            [{'area': 'himi-d01', 'size': 2}]
        """
        columns = self.columns
        return [dict(zip(columns, row, strict=True)) for row in self.rows]

    def to_dict(self) -> dict[str, Any]:
        """The table as a JSON-ready dict: ``{"columns": [...], "rows": [[...], ...]}``.

        Returns:
            A new dict of lists, which ``json.dumps`` writes as it is.

        Examples:
            >>> from hokatsu.sharing.tables import Table
            >>> Table(columns=("area", "size"), rows=(("himi-d01", 2),)).to_dict()
            {'columns': ['area', 'size'], 'rows': [['himi-d01', 2]]}
        """
        return {"columns": list(self.columns), "rows": [list(row) for row in self.rows]}

    def _index(self, name: str) -> int:
        try:
            return self.columns.index(name)
        except ValueError:
            raise UnknownReferenceError("Table", "columns", name, self.columns) from None
