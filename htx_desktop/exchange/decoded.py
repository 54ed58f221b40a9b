"""A bundle's decoded records, kept by column.

The decoder checks a bundle's values column by column, and every check that follows (the
forms, the workbook, the scope) reads columns too. Only a merge writes records and only a
refusal names one, so a table's records (a dict each) are made when first asked for: made at
once, they were a twentieth of a verification, and a national merge's helper process made
them only to send the columns on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

#: By table, the decoded values by column, in the records' order.
Columns = dict[str, dict[str, list[Any]]]
Rows = list[dict[str, Any]]


class DecodedRecords(Mapping[str, Rows]):
    """By table, a bundle's records, every table present; `columns` holds each table's values
    by column. Reading it as a mapping gives the records themselves, made on first access."""

    def __init__(self, columns: Columns, rows: dict[str, Rows] | None = None) -> None:
        self.columns = columns
        #: Tables already held as records (the reference decoder's), and those made since.
        self._rows: dict[str, Rows] = dict(rows or {})

    def __getitem__(self, table: str) -> Rows:
        rows = self._rows.get(table)
        if rows is None:
            by_name = self.columns[table]
            rows = self._rows[table] = [
                dict(zip(by_name, values, strict=True))
                for values in zip(*by_name.values(), strict=True)
            ]
        return rows

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)


Records = Mapping[str, Rows]


def column_of(records: Records, table: str, name: str) -> list[Any]:
    """One column's values of a table, in the records' order; a column the table lacks gives
    None for every record. Never makes the records of a `DecodedRecords`."""
    if isinstance(records, DecodedRecords):
        by_name = records.columns.get(table)
        if by_name is None:
            return []
        values = by_name.get(name)
        return values if values is not None else [None] * len(by_name["id"])
    return [row.get(name) for row in records.get(table, [])]


def count_of(records: Records, table: str) -> int:
    return len(column_of(records, table, "id"))


class TableRows(Sequence[dict[str, Any]]):
    """A table's records as a sequence whose length is known without making them (a check
    that reads columns asks only for that); indexing or iterating makes them."""

    def __init__(self, records: Records, table: str) -> None:
        self._records, self._table = records, table
        self._count = count_of(records, table)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Rows: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | Rows:
        return self._records[self._table][index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._records[self._table])
