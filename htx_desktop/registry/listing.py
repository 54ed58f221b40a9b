"""Rows for the record lists, read in one query per list.

The interface keeps 100,000 rows responsive by holding these plain tuples and filtering and
sorting them in Python; this module builds them without Qt so it can be tested and measured
on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.collation import vn_key
from htx_desktop.formatting import fmt_date, fmt_decimal, fmt_int
from htx_desktop.registry.forms import FieldSpec, get_form
from htx_desktop.registry.records import model_for, scope_clause
from htx_desktop.storage.models import AdministrativeUnit


@dataclass(frozen=True, slots=True)
class ListRow:
    id: str
    values: tuple[Any, ...]
    display: tuple[str, ...]
    search_key: str


@dataclass(frozen=True)
class ListColumn:
    key: str
    label_vi: str
    label_en: str
    field: FieldSpec | None

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi


def list_columns(form_key: str) -> list[ListColumn]:
    form = get_form(form_key)
    return [
        ListColumn(key, form.field(key).label_vi, form.field(key).label_en, form.field(key))
        for key in form.list_columns
    ]


def display_value(
    spec: FieldSpec | None, value: Any, lang: str = "vi", units: dict[str, str] | None = None
) -> str:
    """How one stored value reads in a list, a report or a workbook cell."""
    if value is None:
        return ""
    if spec is not None and spec.choices_from == "communes":
        return (units or {}).get(value, value)
    if spec is not None and spec.type == "choice":
        return spec.choice_label(value, lang)
    if spec is not None and spec.type == "multi_choice":
        return ", ".join(spec.choice_label(v, lang) for v in value or [])
    if isinstance(value, bool):
        return ("Yes" if lang == "en" else "Có") if value else ""
    if isinstance(value, int):
        return fmt_int(value) if not (spec and spec.key.endswith("year")) else str(value)
    if isinstance(value, Decimal):
        return fmt_decimal(value, spec.decimals or 2 if spec else 2)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


def unit_names(session: Session, codes: Collection[str] | None = None) -> dict[str, str]:
    stmt = select(AdministrativeUnit.code, AdministrativeUnit.name)
    if codes is not None:
        stmt = stmt.where(AdministrativeUnit.code.in_(list(codes)))
    return {code: name for code, name in session.execute(stmt).all()}


#: Sort keys of texts (Vietnamese alphabetical order, `collation.vn_key`), filled off the GUI
#: thread by `load_rows` so that sorting 100,000 names on the GUI thread is a dictionary lookup
#: per row (computing them there took ~1 s).
#: Bounded: cleared when it grows past the limit, it only ever costs a recomputation.
_FOLDED: dict[str, str] = {}
FOLDED_LIMIT = 1_000_000


def folded(text: str) -> str:
    key = _FOLDED.get(text)
    if key is None:
        if len(_FOLDED) >= FOLDED_LIMIT:
            _FOLDED.clear()
        key = _FOLDED[text] = vn_key(text)
    return key


def sort_key(value: Any) -> tuple[int, Any]:
    """Blank values last; mixed types never compared with each other."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, str):
        return (1, folded(value))
    if isinstance(value, list):
        return (1, ",".join(value))
    return (0, value)


@dataclass(frozen=True, slots=True)
class RowOrder:
    """The rows' indexes sorted by one column, computed where the rows were read.

    Sorting 100,000 rows costs ~0.3 s; done on the loader's thread and handed over with the
    rows, the GUI thread only has to take it (first paint of a big list stays short)."""

    column: int
    descending: bool
    indexes: list[int]


def sorts_by_label(column: ListColumn) -> bool:
    """Choices sort by the label she reads ("Đang hoạt động"), not the stored key."""
    spec = column.field
    return spec is not None and bool(spec.choices or spec.choices_from is not None)


def column_sort_keys(
    rows: Sequence[ListRow], columns: Sequence[ListColumn], col: int
) -> list[tuple[int, Any]]:
    """One `sort_key` per row for column `col`, in row order."""
    if sorts_by_label(columns[col]):
        return [sort_key(r.display[col]) for r in rows]
    return [sort_key(r.values[col]) for r in rows]


def sort_order(
    rows: Sequence[ListRow], columns: Sequence[ListColumn], col: int, descending: bool = False
) -> RowOrder:
    """The rows' indexes in the list's order for that column (stable: equal keys keep the
    rows' own order, so the worker and the model agree on ties)."""
    keys = column_sort_keys(rows, columns, col)
    indexes = sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)
    return RowOrder(col, descending, indexes)


def load_rows(
    session: Session,
    form_key: str,
    unit_codes: Collection[str] | None,
    lang: str = "vi",
    extra_filter: Callable[[Any], Any] | None = None,
) -> list[ListRow]:
    """Non-deleted records of the form in scope, as list rows (one query)."""
    model = model_for(form_key)
    columns = list_columns(form_key)
    stmt = select(
        model.id,
        model.search_key,  # type: ignore[attr-defined]
        *(getattr(model, c.key) for c in columns),
    ).where(model.deleted.is_(False))
    if unit_codes is not None:
        stmt = stmt.where(scope_clause(form_key, unit_codes))
    if extra_filter is not None:
        stmt = extra_filter(stmt)
    result = session.execute(stmt).all()
    needs_units = any(c.field and c.field.choices_from == "communes" for c in columns)
    units = unit_names(session) if needs_units else None
    rows = []
    for rec in result:
        values = tuple(rec[2:])
        display = tuple(
            display_value(c.field, v, lang, units) for c, v in zip(columns, values, strict=True)
        )
        rows.append(ListRow(rec[0], values, display, rec[1] or ""))
    for i, column in enumerate(columns):  # warm the sort keys while still off the GUI thread
        by_label = sorts_by_label(column)
        for row in rows:
            value = row.display[i] if by_label else row.values[i]
            if isinstance(value, str) and value:
                folded(value)
    return rows
