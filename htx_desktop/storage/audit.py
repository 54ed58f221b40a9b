"""The audit trail: who changed which record, when, from what to what.

Officers share computers and hand databases over when they change posts; when a figure looks
wrong the first question is "who changed it, and what was it before?". Every ORM change to an
exchanged record is noted by the session's flush hook (`audit_flush`, called from
`storage.engine`), so no code path can forget; a bundle import, which writes with Core for
speed, notes one "import" entry per record it applied (`record_import`).

Values are stored JSON-encoded and as they were, personal fields included: the history belongs
to the officer's own database, is shown per record, and is never exported in a bundle (it is
not a `SyncedRecord`) nor written to a log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from htx_desktop.storage.base import SyncedRecord, utcnow
from htx_desktop.storage.bulk import insert_rows, insert_tuples, storage_value
from htx_desktop.storage.models import AuditEntry, OfficerProfile

_OFFICER_KEY = "htx_audit_officer"
CREATE = "create"
UPDATE = "update"
DELETE = "delete"
IMPORT = "import"
#: An import taken back (`exchange.undo`): the record returned to what it was before it.
UNDO = "undo"
#: Bookkeeping columns the application sets itself: noting them would drown the real changes.
SKIPPED_FIELDS = frozenset(
    {"id", "search_key", "revision", "created_at", "updated_at", "deleted_at"}
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode(value: Any) -> str | None:
    """JSON text of one value (dates as ISO strings, money as decimal strings); None stays
    None so that "empty" and "the text null" are told apart."""
    if value is None:
        return None
    return json.dumps(_plain(value), ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    plain = _plain(value)
    return str(value) if plain is value else plain


def decode(text: str | None) -> Any:
    """The value `encode` stored (dates and money come back as strings)."""
    return None if text is None else json.loads(text)


def _officer(session: Session) -> str:
    """The profile's officer name at the time of the change ("" before a profile exists).

    A profile created or edited in this flush wins (the very first records of a new database
    are attributed too); otherwise the name is read once per session, not once per record, so
    a loop of single-record saves (an Excel import) pays for one query."""
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, OfficerProfile):
            session.info[_OFFICER_KEY] = obj.officer_name or ""
            return session.info[_OFFICER_KEY]
    if _OFFICER_KEY not in session.info:
        with session.no_autoflush:
            name = session.scalar(select(OfficerProfile.officer_name).order_by(OfficerProfile.id))
        session.info[_OFFICER_KEY] = name or ""
    return str(session.info[_OFFICER_KEY])


def _entry(
    officer: str,
    now: datetime,
    obj: SyncedRecord,
    action: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> AuditEntry:
    return AuditEntry(
        at=now,
        officer=officer[:200],
        table_name=obj.__tablename__,  # type: ignore[attr-defined]
        record_id=str(obj.id),
        action=action,
        field=field,
        old_value=encode(old),
        new_value=encode(new),
    )


def _created_values(obj: SyncedRecord) -> dict[str, Any]:
    """What the officer entered in a new record (defaults are not applied before the flush,
    so unset columns are simply absent)."""
    values: dict[str, Any] = {}
    for column in obj.__table__.columns:  # type: ignore[attr-defined]
        if column.name in SKIPPED_FIELDS or column.name in ("unit_code", "deleted"):
            continue
        value = getattr(obj, column.key, None)
        if value is not None:
            values[column.name] = _plain(value)
    return values


def _changes(obj: SyncedRecord) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for every column whose value really changed."""
    state = inspect(obj)
    out = []
    for column in obj.__table__.columns:  # type: ignore[attr-defined]
        if column.name in SKIPPED_FIELDS:
            continue
        history = state.attrs[column.key].load_history()
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            out.append((column.name, old, new))
    return out


def audit_flush(session: Session) -> None:
    """Note the pending changes of exchanged records; called from the before_flush hook,
    before the hook raises revisions, so only what the officer changed is noted."""
    new = [o for o in session.new if isinstance(o, SyncedRecord)]
    dirty = [o for o in session.dirty if isinstance(o, SyncedRecord)]
    gone = [o for o in session.deleted if isinstance(o, SyncedRecord)]
    if not (new or dirty or gone):
        return
    officer = _officer(session)
    now = utcnow()
    entries: list[AuditEntry] = []
    for obj in new:
        entries.append(_entry(officer, now, obj, CREATE, new=_created_values(obj)))
    for obj in dirty:
        if not session.is_modified(obj):
            continue
        for field, old, new_value in _changes(obj):
            if field == "deleted" and new_value and not old:
                entries.append(_entry(officer, now, obj, DELETE))
            else:
                entries.append(_entry(officer, now, obj, UPDATE, field, old, new_value))
    for obj in gone:
        entries.append(_entry(officer, now, obj, DELETE))
    session.add_all(entries)


def officer_info(session: Session) -> dict[str, Any]:
    """Session info naming the officer as `_officer` reads her, for the sessions of one batch
    of imports (`Session(info=...)`): each would otherwise read the profile again."""
    return {_OFFICER_KEY: _officer(session)}


def record_import(
    session: Session,
    bundle_sha256: str,
    applied: Iterable[tuple[str, Mapping[str, Any]]],
    origins: Mapping[str, str] | None = None,
    priors: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """One "import" entry per record a bundle wrote (new, updated or tombstoned), written in
    bulk like the import itself; returns how many. The entry keeps the bundle's hash (the
    import ledger says which unit, period and signer it was), the revision it brought and,
    for a district's bundle, the commune bundle the record came from (`origins`).

    With `priors` (the stored values of the records the bundle updated, by id, encoded the
    way bundles carry them), the entry's old value is ``{"prior": values}``, or
    ``{"prior": null}`` for a record the bundle added: what undoing the import puts back.
    Entries written before that was kept have no old value, and cannot be undone."""
    officer = _officer(session)[:200]
    table_ = AuditEntry.__table__
    at = storage_value(session, table_, "at", utcnow())  # type: ignore[arg-type]
    origin = (origins or {}).get
    prior = priors.get if priors is not None else None
    rows = [
        (
            at, officer, table, str(row["id"]), IMPORT, None,
            None if prior is None else _prior(prior(row["id"])),
            _imported(row["revision"], bool(row["deleted"])),
            bundle_sha256, origin(row["id"]),
        )
        for table, row in applied
    ]
    return insert_tuples(session, table_, _IMPORT_COLUMNS, rows)  # type: ignore[arg-type]


#: The columns of an import entry, in the order `record_import` writes them.
_IMPORT_COLUMNS = (
    "at", "officer", "table_name", "record_id", "action", "field", "old_value", "new_value",
    "bundle_sha256", "origin_sha256",
)


_NO_PRIOR = json.dumps({"prior": None})


def _prior(values: Mapping[str, Any] | None) -> str:
    """An import entry's old value: the record before the bundle wrote it (None: new)."""
    if values is None:
        return _NO_PRIOR
    return json.dumps({"prior": values}, ensure_ascii=False, default=_json_default)


def record_undo(
    session: Session,
    bundle_sha256: str,
    records: Iterable[tuple[str, str, Mapping[str, Any] | None, Mapping[str, Any] | None]],
) -> int:
    """One "undo" entry per record an undone import had written: (table, id, the values it
    had, the values put back — None for a record removed because the import had added it)."""
    officer = _officer(session)[:200]
    now = utcnow()
    rows = [
        {
            "at": now,
            "officer": officer,
            "table_name": table,
            "record_id": record_id,
            "action": UNDO,
            "field": None,
            "old_value": encode(dict(old)) if old is not None else None,
            "new_value": encode(dict(new)) if new is not None else None,
            "bundle_sha256": bundle_sha256,
            "origin_sha256": None,
        }
        for table, record_id, old, new in records
    ]
    return insert_rows(session, AuditEntry.__table__, rows)


def record_origins(session: Session) -> dict[str, str]:
    """For every imported record, the commune bundle its latest import came from: what a
    district's or province's own bundle passes on, so the next level can trace it back.
    An undone import no longer counts: the record's origin is the import before it."""
    origin = func.coalesce(AuditEntry.origin_sha256, AuditEntry.bundle_sha256)
    if session.scalar(select(AuditEntry.id).where(AuditEntry.action == UNDO).limit(1)) is None:
        return dict(
            session.execute(  # type: ignore[arg-type]
                select(AuditEntry.record_id, origin)
                .where(AuditEntry.action == IMPORT)
                .order_by(AuditEntry.id)
            ).all()
        )
    stacks: dict[str, list[str]] = {}
    for record_id, action, source in session.execute(
        select(AuditEntry.record_id, AuditEntry.action, origin)
        .where(AuditEntry.action.in_((IMPORT, UNDO)))
        .order_by(AuditEntry.id)
    ):
        stack = stacks.setdefault(record_id, [])
        if action == IMPORT:
            stack.append(source)
        elif stack:
            stack.pop()
    return {record_id: stack[-1] for record_id, stack in stacks.items() if stack}


@lru_cache(maxsize=256)
def _imported(revision: int, deleted: bool) -> str | None:
    """What an import entry notes; a handful of distinct values across a whole merge."""
    return encode({"revision": revision, "deleted": deleted})


def audit_for(session: Session, record_id: str) -> list[AuditEntry]:
    """The history of one record, oldest first (what the GUI's history view lists)."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.record_id == record_id)
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )
