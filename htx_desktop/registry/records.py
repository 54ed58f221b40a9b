"""Create, edit, delete, list and search records: the one path the GUI, CLI and Excel import
share, so every write is validated the same way and bumps revisions the same way."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from htx_desktop.registry.forms import FormSpec, get_form
from htx_desktop.registry.validation import (
    ValidationContext,
    ValidationFailed,
    ValidationResult,
    validate,
)
from htx_desktop.storage import models
from htx_desktop.storage.base import SyncedRecord, new_uuid, utcnow
from htx_desktop.text import fold

#: Links the application fills (never typed in a form) that a record may carry.
LINK_FIELDS: dict[str, tuple[str, ...]] = {
    "manager": ("cooperative_id", "group_id"),
    "period_figures": ("cooperative_id", "group_id"),
}

#: Children tombstoned together with their parent, so no orphan survives a deletion.
_CHILDREN: dict[str, tuple[tuple[type[SyncedRecord], str], ...]] = {
    "cooperative": ((models.Manager, "cooperative_id"), (models.PeriodFigures, "cooperative_id")),
    "cooperative_group": ((models.Manager, "group_id"), (models.PeriodFigures, "group_id")),
    "training_session": ((models.TrainingAttendance, "session_id"),),
    "manager": ((models.TrainingAttendance, "manager_id"),),
    "union_cadre": ((models.TrainingAttendance, "cadre_id"),),
}


class RecordNotFound(LookupError):
    def __init__(self, form_key: str, record_id: str) -> None:
        super().__init__(
            f"Không tìm thấy bản ghi ({get_form(form_key).title_vi}) có mã {record_id}; "
            "có thể nó đã bị xóa."
        )


def model_for(form_key: str) -> type[SyncedRecord]:
    model = getattr(models, get_form(form_key).model)
    assert issubclass(model, SyncedRecord)
    return model


def _column_defaults(model: type[SyncedRecord], values: dict[str, Any]) -> dict[str, Any]:
    """A blank optional number stays blank where the column allows NULL, else takes the
    column's default (a blank count of workers is zero)."""
    table = model.__table__  # type: ignore[attr-defined]
    out = dict(values)
    for key, value in values.items():
        column = table.columns.get(key)
        if value is None and column is not None and not column.nullable:
            default = column.default
            out[key] = default.arg if default is not None and not callable(default.arg) else value
    return out


def _checked(
    form: FormSpec, values: Mapping[str, Any], ctx: ValidationContext | None
) -> ValidationResult:
    result = validate(form, values, ctx)
    if not result.ok:
        raise ValidationFailed(result.errors)
    return result


def _writable(form_key: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    form = get_form(form_key)
    keys = {f.key for f in form.fields} | set(LINK_FIELDS.get(form_key, ()))
    return {k: v for k, v in cleaned.items() if k in keys}


def create_record(
    session: Session,
    form_key: str,
    values: Mapping[str, Any],
    unit_code: str,
    ctx: ValidationContext | None = None,
    record_id: str | None = None,
) -> SyncedRecord:
    """Validate and insert; the UUID is made here, where the record is first entered."""
    form = get_form(form_key)
    model = model_for(form_key)
    data = _column_defaults(model, _writable(form_key, _checked(form, values, ctx).cleaned))
    record = model(id=record_id or new_uuid(), unit_code=unit_code, **data)
    session.add(record)
    session.flush()
    return record


def get_record(
    session: Session, form_key: str, record_id: str, include_deleted: bool = False
) -> SyncedRecord:
    record = session.get(model_for(form_key), record_id)
    if record is None or (record.deleted and not include_deleted):
        raise RecordNotFound(form_key, record_id)
    return record


def record_values(record: SyncedRecord, form_key: str) -> dict[str, Any]:
    """The record's current values keyed like the form (what an edit form starts from)."""
    keys = [f.key for f in get_form(form_key).fields] + list(LINK_FIELDS.get(form_key, ()))
    return {k: getattr(record, k) for k in keys}


def update_record(
    session: Session,
    form_key: str,
    record_id: str,
    values: Mapping[str, Any],
    ctx: ValidationContext | None = None,
) -> SyncedRecord:
    """Validate the merged values and write only what changed (the flush hook raises the
    revision only when something did)."""
    record = get_record(session, form_key, record_id)
    merged = record_values(record, form_key) | dict(values)
    data = _column_defaults(
        model_for(form_key), _writable(form_key, _checked(get_form(form_key), merged, ctx).cleaned)
    )
    for key, value in data.items():
        if getattr(record, key) != value:
            setattr(record, key, value)
    session.flush()
    return record


def delete_record(session: Session, form_key: str, record_id: str) -> int:
    """Tombstone the record and its dependants; returns how many records were tombstoned."""
    record = get_record(session, form_key, record_id)
    return _tombstone(session, form_key, record)


def _tombstone(session: Session, form_key: str, record: SyncedRecord) -> int:
    now = utcnow()
    record.deleted = True
    record.deleted_at = now
    count = 1
    for child_model, link in _CHILDREN.get(form_key, ()):
        children = session.scalars(
            select(child_model).where(
                getattr(child_model, link) == record.id, child_model.deleted.is_(False)
            )
        ).all()
        for child in children:
            count += _tombstone(session, child_model.__tablename__, child)
    session.flush()
    return count


def scope_clause(form_key: str, unit_codes: Collection[str]) -> ColumnElement[bool]:
    """Records a unit sees: HTX/THT by their commune, everything else by the owning unit."""
    model = model_for(form_key)
    codes = list(unit_codes)
    if form_key in ("cooperative", "cooperative_group"):
        return model.commune_code.in_(codes)  # type: ignore[attr-defined]
    return model.unit_code.in_(codes)


def search_clause(form_key: str, query: str) -> ColumnElement[bool] | None:
    """Every word of the query, accents and case ignored, somewhere in the search key."""
    model = model_for(form_key)
    words = fold(query).split()
    if not words or not hasattr(model, "search_key"):
        return None
    key = model.search_key  # type: ignore[attr-defined]
    return and_(*(key.contains(w, autoescape=True) for w in words))


def list_query(
    form_key: str,
    unit_codes: Collection[str] | None = None,
    query: str | None = None,
    include_deleted: bool = False,
    filters: Mapping[str, Any] | None = None,
) -> Select[Any]:
    model = model_for(form_key)
    stmt = select(model)
    if not include_deleted:
        stmt = stmt.where(model.deleted.is_(False))
    if unit_codes is not None:
        stmt = stmt.where(scope_clause(form_key, unit_codes))
    if query:
        clause = search_clause(form_key, query)
        if clause is not None:
            stmt = stmt.where(clause)
    for key, value in (filters or {}).items():
        column = getattr(model, key)
        stmt = stmt.where(
            or_(*(column == v for v in value))
            if isinstance(value, list | tuple | set)
            else column == value
        )
    order = (
        getattr(model, "name", None)
        or getattr(model, "full_name", None)
        or getattr(model, "title", None)
    )
    return stmt.order_by(order if order is not None else model.created_at)


def list_records(
    session: Session,
    form_key: str,
    unit_codes: Collection[str] | None = None,
    query: str | None = None,
    include_deleted: bool = False,
    filters: Mapping[str, Any] | None = None,
) -> list[SyncedRecord]:
    return list(session.scalars(list_query(form_key, unit_codes, query, include_deleted, filters)))
