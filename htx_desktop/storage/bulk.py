"""Bulk writes and id lookups for the paths that move whole bundles (import, demo, generator).

A national merge writes over a million rows. Handing SQLAlchemy a list of dicts costs about
60 µs per row (parameter processing per row and per key); the same rows as tuples through
``exec_driver_sql`` cost a few µs. The values are converted by exactly the bind processors
SQLAlchemy itself would apply for this dialect (dates, booleans, money, JSON), so what lands in
the file is byte for byte what the ORM would have written, and it is written inside the
session's own transaction.

Lookups of many ids pass them as one JSON array (``json_each``) rather than chunks of ``IN``
parameters: one statement per table, compiled once, whatever the number of ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from functools import cache
from operator import itemgetter, methodcaller
from typing import Any

import orjson
from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ScalarSelect,
    Select,
    Table,
    bindparam,
    column,
    func,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

Processor = Callable[[Any], Any] | None


@cache
def _processors(table: Table, names: tuple[str, ...], dialect: Dialect) -> tuple[Processor, ...]:
    return tuple(_processor(table.c[name].type, dialect) for name in names)


_SAMPLE_TIMES = (datetime(2025, 3, 1, 8, 30), datetime(1999, 12, 31, 23, 59, 59, 999_999))


def _iso_time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(" ", "microseconds")


#: `_iso_time` of a column without None, with the loop in C.
_ISO_TIMES = methodcaller("isoformat", " ", "microseconds")


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Processor:
    """SQLAlchemy's bind processor for the type, with two exceptions that cost a fifth of a
    merge's insert time and store the very same values:
    - times: SQLAlchemy formats them through a dict of parts; `isoformat` gives the same text,
      which is checked here on sample values rather than assumed, so another storage format
      (dialect, SQLAlchemy version) keeps SQLAlchemy's own processor;
    - booleans: the processor turns True/False into 1/0, which is what the sqlite3 module
      binds for them anyway (Python's bool is an int)."""
    processor = type_.dialect_impl(dialect).bind_processor(dialect)
    if processor is None or dialect.name != "sqlite":
        return processor
    if isinstance(type_, DateTime):
        if all(processor(t) == _iso_time(t) for t in _SAMPLE_TIMES) and processor(None) is None:
            return _iso_time
    if isinstance(type_, Boolean) and (processor(True), processor(False)) == (1, 0):
        return None
    return processor


def _tuples(
    session: Session, table: Table, names: tuple[str, ...], rows: Sequence[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """The rows as parameter tuples, converted column by column (the loops stay in C where
    no conversion is needed)."""
    procs = _processors(table, names, session.get_bind().dialect)
    if len(names) == 1:
        only, proc = names[0], procs[0]
        return [(row[only] if proc is None else proc(row[only]),) for row in rows]
    tuples = list(map(itemgetter(*names), rows))
    if not any(procs):
        return tuples
    columns: list[Any] = list(zip(*tuples, strict=True))
    for i, proc in enumerate(procs):
        if proc is _iso_time and None not in columns[i]:
            columns[i] = list(map(_ISO_TIMES, columns[i]))
        elif proc is not None:
            columns[i] = list(map(proc, columns[i]))
    return list(zip(*columns, strict=True))


def insert_rows(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], replace: bool = False
) -> int:
    """INSERT (or INSERT OR REPLACE) `rows`, which all carry the same keys: exactly the columns
    written. No Python-side column defaults are applied; database defaults are."""
    if not rows:
        return 0
    names = tuple(rows[0])
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    sql = (
        f"{verb} INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    session.connection().exec_driver_sql(sql, _tuples(session, table, names, rows))
    return len(rows)


def storage_value(session: Session, table: Table, name: str, value: Any) -> Any:
    """`value` as `insert_rows` would bind it into column `name` (for a value shared by every
    row of a bulk write: converted once)."""
    proc = _processors(table, (name,), session.get_bind().dialect)[0]
    return value if proc is None else proc(value)


def insert_tuples(
    session: Session, table: Table, names: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> int:
    """INSERT rows given as tuples already in storage form (`storage_value`), in the order of
    `names`: for the largest bulk writes, where a dict per row was half the cost."""
    if not rows:
        return 0
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    session.connection().exec_driver_sql(sql, list(rows))
    return len(rows)


def update_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """UPDATE each row's record, found by its ``id``, with every other key of the row."""
    if not rows:
        return 0
    names = tuple(n for n in rows[0] if n != "id")
    sql = f"UPDATE {table.name} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?"
    session.connection().exec_driver_sql(sql, _tuples(session, table, (*names, "id"), rows))
    return len(rows)


def ids_json(ids: Collection[str]) -> str:
    """The ids as one JSON array (orjson: a fifth of the standard encoder's time for a
    bundle's few hundred ids; the standard one for text orjson cannot encode)."""
    try:
        return orjson.dumps(list(ids)).decode("utf-8")
    except TypeError:  # a lone surrogate (orjson.JSONEncodeError) or not text at all
        return json.dumps(list(ids))


#: Which of a JSON array's ids a table holds: each id looked up in the table's primary key
#: (SQLite's plan: scan json_each, probe the id index), rather than the ids first gathered
#: into a temporary sorted list to search the table by (2.5 times as long for a bundle).
_PROBE = "SELECT {number}value FROM json_each(?) WHERE value IN (SELECT id FROM {table})"


def ids_present(session: Session, table: Table, ids: Collection[str]) -> set[str]:
    """Which of `ids` are stored in `table` (tombstones included)."""
    if not ids:
        return set()
    sql = _PROBE.format(number="", table=table.name)
    return {row[0] for row in session.connection().exec_driver_sql(sql, (ids_json(ids),))}


def ids_present_in(
    session: Session, ids_by_table: Mapping[Table, Collection[str]]
) -> dict[str, set[str]]:
    """`ids_present` for several tables in one statement, by table name (a table asked with
    no ids finds none): one round through SQLite instead of one per table."""
    asked = [(table, ids) for table, ids in ids_by_table.items() if ids]
    found: dict[str, set[str]] = {table.name: set() for table in ids_by_table}
    if not asked:
        return found
    sql = " UNION ALL ".join(
        _PROBE.format(number=f"{number}, ", table=table.name)
        for number, (table, _ids) in enumerate(asked)
    )
    rows = session.connection().exec_driver_sql(sql, tuple(ids_json(ids) for _t, ids in asked))
    for number, rid in rows:
        found[asked[number][0].name].add(rid)
    return found


def listed_ids() -> ScalarSelect[Any]:
    """``SELECT value FROM json_each(:ids)``: the ids a statement receives as one JSON array
    (`ids_json`) under the parameter name ``ids``."""
    return select(column("value")).select_from(func.json_each(bindparam("ids"))).scalar_subquery()


@cache
def _rows_by_id_statement(table: Table, names: tuple[str, ...]) -> Select[Any]:
    return select(*(table.c[n] for n in names)).where(table.c.id.in_(listed_ids()))


def rows_by_id(
    session: Session, table: Table, names: Sequence[str], ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    """The stored values (as Python types, like the ORM reads them) of the records among
    `ids`, keyed by id."""
    if not ids:
        return {}
    stmt = _rows_by_id_statement(table, tuple(names))
    return {
        row["id"]: dict(row)
        for row in session.connection().execute(stmt, {"ids": ids_json(ids)}).mappings()
    }
