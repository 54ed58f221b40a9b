"""Undoing an import: the records a bundle changed go back to what they were before it.

An officer who imported the wrong bundle (last year's, another district's, one sent twice by
mistake) must be able to take it back without restoring a whole backup and losing her own work
since. Everything needed is in the audit trail: each "import" entry notes, besides the revision
the bundle brought, the values the record held before (``{"prior": ...}``, or
``{"prior": null}`` for a record the bundle added; see `storage.audit.record_import`).

Undo never guesses. If anything touched one of those records after the import (her own edit,
another bundle), putting the old values back would throw that change away, so it refuses and
names the records. So does an import made before the audit trail kept prior values, an import
that changed nothing, and one already undone. Otherwise, in one transaction: records the bundle
added are removed, records it updated get their former values back, an "undo" entry per record
goes into the audit trail and the ledger entries of that bundle are marked "undone" — which
takes the bundle out of who-has-reported (`reporting` counts only accepted imports) and lets
the same bundle be imported again (`merge` treats only accepted ones as already seen).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import column, func, literal, select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.exchange.merge import _with_search_key
from htx_desktop.exchange.records_json import (
    MODELS_BY_TABLE,
    NAME_COLUMNS,
    columns_of,
    decode_value,
    encode_value,
)
from htx_desktop.storage.audit import IMPORT, UNDO, record_undo
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.bulk import ids_json, rows_by_id, update_rows
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import SYNCED_MODELS, AuditEntry, ImportLedger

UNDONE = "undone"
ACCEPTED = ("imported", "no_change")
#: How a message names each kind of record (the forms' titles, without importing the forms).
TABLE_NAMES = {
    "cooperative": "HTX",
    "cooperative_group": "Tổ hợp tác",
    "manager": "Người quản lý",
    "period_figures": "Số liệu kỳ",
    "union_cadre": "Cán bộ Hội",
    "training_session": "Lớp tập huấn",
    "training_attendance": "Lượt học viên tập huấn",
}
#: At most this many records are named in a refusal (the rest are counted).
NAMED = 12


class UndoRefused(ExchangeError):
    """The import cannot be undone; the message (Vietnamese) says why and, where records stand
    in the way, which."""


@dataclass(frozen=True)
class RecordUndo:
    """One record an undo changes: removed (the import added it) or given back its values."""

    table: str
    record_id: str
    label: str
    removed: bool
    current: dict[str, Any]  # as stored now, encoded as bundles carry it
    prior: dict[str, Any] | None  # what goes back; None when removed


@dataclass
class UndoPlan:
    """What undoing one ledger entry would do, for the confirmation and the command line."""

    entry_id: int
    file_name: str
    unit_code: str
    period: str
    received_at: datetime
    bundle_sha256: str
    records: list[RecordUndo] = field(default_factory=list)

    @property
    def removed(self) -> list[RecordUndo]:
        return [r for r in self.records if r.removed]

    @property
    def restored(self) -> list[RecordUndo]:
        return [r for r in self.records if not r.removed]

    def summary_vi(self) -> str:
        return (
            f"Hoàn tác lần nhập gói “{self.file_name}” (đơn vị {self.unit_code}, kỳ "
            f"{self.period}): xóa {len(self.removed)} bản ghi do gói thêm vào, trả lại giá trị "
            f"cũ cho {len(self.restored)} bản ghi do gói cập nhật."
        )

    def lines_vi(self, limit: int = 30) -> list[str]:
        """One line per record, removed ones first (what the confirmation lists)."""
        lines = [f"Xóa: {r.label}" for r in self.removed]
        lines += [f"Trả về như trước: {r.label}" for r in self.restored]
        if len(lines) > limit:
            lines = [*lines[:limit], f"… và {len(lines) - limit} bản ghi khác"]
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry_id,
            "file": self.file_name,
            "unit_code": self.unit_code,
            "period": self.period,
            "sha256": self.bundle_sha256,
            "removed": [{"table": r.table, "id": r.record_id} for r in self.removed],
            "restored": [{"table": r.table, "id": r.record_id} for r in self.restored],
            "summary": self.summary_vi(),
        }


def record_name(table: str, values: dict[str, Any] | None, record_id: str) -> str:
    """“HTX “Rau sạch Tịnh Khê” (mã 4301234567)”: the kind, the name and a code she can look
    up (the registration code where there is one, else the start of the record's id)."""
    values = values or {}
    kind = TABLE_NAMES.get(table, table)
    name = values.get(NAME_COLUMNS.get(table, ""))
    code = values.get("registration_code") or record_id[:8]
    if isinstance(name, str) and name:
        return f"{kind} “{name[:80]}” (mã {code})"
    return f"{kind} (mã {code})"


def _entry(session: Session, entry_id: int) -> ImportLedger:
    entry = session.get(ImportLedger, entry_id)
    if entry is None:
        raise UndoRefused(f"Không có lần nhập số {entry_id} trong sổ nhập.")
    if entry.result == UNDONE:
        raise UndoRefused(
            f"Lần nhập gói “{entry.file_name}” đã được hoàn tác rồi; không hoàn tác lần nữa."
        )
    if entry.result == "no_change":
        raise UndoRefused(
            f"Lần nhập gói “{entry.file_name}” không thay đổi dữ liệu nào: không có gì để hoàn "
            "tác."
        )
    if entry.result != "imported":
        raise UndoRefused(
            f"Gói “{entry.file_name}” đã bị từ chối khi nhập, không có gì để hoàn tác."
        )
    return entry


def _import_entries(session: Session, entry: ImportLedger) -> list[AuditEntry]:
    """The audit trail's import entries of this ledger entry: those of its bundle since that
    bundle was last undone (a bundle imported, undone and imported again has both sets)."""
    sha = entry.bundle_sha256
    last_undo = session.scalar(
        select(AuditEntry.id)
        .where(AuditEntry.action == UNDO, AuditEntry.bundle_sha256 == sha)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    query = select(AuditEntry).where(AuditEntry.action == IMPORT, AuditEntry.bundle_sha256 == sha)
    if last_undo is not None:
        query = query.where(AuditEntry.id > last_undo)
    return list(session.scalars(query.order_by(AuditEntry.id)))


def _prior_of(entry: AuditEntry) -> tuple[bool, dict[str, Any] | None]:
    """(known, prior values) from an import entry's old value."""
    if entry.old_value is None:
        return False, None
    try:
        data = json.loads(entry.old_value)
    except ValueError:
        return False, None
    if not isinstance(data, dict) or "prior" not in data:
        return False, None
    prior = data["prior"]
    return (True, prior) if prior is None or isinstance(prior, dict) else (False, None)


def _later_changes(session: Session, after: int, record_ids: Iterable[str]) -> set[str]:
    """Records changed after audit entry `after` by anything still in force: an edit here, or
    an import that was not itself undone since."""
    open_imports: dict[str, int] = {}
    touched: set[str] = set()
    rows = session.execute(
        select(AuditEntry.record_id, AuditEntry.action)
        .where(
            AuditEntry.id > after,
            AuditEntry.record_id.in_(_ids_select(record_ids)),
        )
        .order_by(AuditEntry.id)
    )
    for record_id, action in rows:
        if action == IMPORT:
            open_imports[record_id] = open_imports.get(record_id, 0) + 1
        elif action == UNDO:
            if open_imports.get(record_id):
                open_imports[record_id] -= 1
        else:
            touched.add(record_id)
    return touched | {r for r, n in open_imports.items() if n}


def _ids_select(ids: Iterable[str]) -> Any:
    """``SELECT value FROM json_each(?)`` over `ids`: one parameter whatever their number."""
    return select(column("value")).select_from(func.json_each(literal(ids_json(list(ids)))))


def _stored(session: Session, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    model = MODELS_BY_TABLE[table]
    names = [c.name for c in columns_of(model)]
    rows = rows_by_id(session, model.__table__, names, ids)  # type: ignore[attr-defined]
    return {rid: {k: encode_value(v) for k, v in row.items()} for rid, row in rows.items()}


def _refuse_records(intro: str, labels: list[str]) -> UndoRefused:
    named = labels[:NAMED]
    text = intro + "\n" + "\n".join(f"• {label}" for label in named)
    if len(labels) > NAMED:
        text += f"\n… và {len(labels) - NAMED} bản ghi khác."
    return UndoRefused(text)


def _plan(entry: ImportLedger) -> UndoPlan:
    return UndoPlan(
        entry_id=entry.id,
        file_name=entry.file_name,
        unit_code=entry.unit_code or "",
        period=entry.period or "",
        received_at=entry.received_at,
        bundle_sha256=entry.bundle_sha256,
    )


def plan_undo(session: Session, entry_id: int) -> UndoPlan:
    """What undoing ledger entry `entry_id` would change; `UndoRefused` when it cannot be
    undone safely. Reads only."""
    entry = _entry(session, entry_id)
    imports = _import_entries(session, entry)
    counts = entry.counts or {}
    wrote = sum(int(counts.get(k, 0) or 0) for k in ("new", "updated", "deleted"))
    if not imports and not wrote:  # only same-revision conflicts, each kept as it was here
        return _plan(entry)
    if not imports:
        raise UndoRefused(
            f"Sổ ghi thay đổi không có chi tiết của lần nhập gói “{entry.file_name}” (gói được "
            "nhập trước khi ứng dụng ghi lại giá trị cũ của hồ sơ), nên không thể hoàn tác an "
            "toàn. Nếu cần trở lại như trước, hãy khôi phục một bản sao lưu có trước lần nhập."
        )
    priors: dict[str, tuple[str, dict[str, Any] | None]] = {}
    for audit in imports:
        known, prior = _prior_of(audit)
        if not known:
            raise UndoRefused(
                f"Sổ ghi thay đổi không giữ giá trị cũ của các hồ sơ trong lần nhập gói "
                f"“{entry.file_name}” (gói được nhập bằng phiên bản cũ của ứng dụng), nên không "
                "thể hoàn tác an toàn. Nếu cần trở lại như trước, hãy khôi phục một bản sao lưu "
                "có trước lần nhập."
            )
        priors.setdefault(audit.record_id, (audit.table_name, prior))
    current: dict[str, dict[str, Any]] = {}
    for table in {t for t, _ in priors.values()}:
        ids = [rid for rid, (t, _) in priors.items() if t == table]
        current |= _stored(session, table, ids)
    labels = {
        rid: record_name(table, current.get(rid) or prior, rid)
        for rid, (table, prior) in priors.items()
    }
    later = _later_changes(session, imports[-1].id, priors)
    missing = [rid for rid in priors if rid not in current]
    if later or missing:
        raise _refuse_records(
            "Không hoàn tác được: sau lần nhập này, các hồ sơ sau đã được sửa ở máy này hoặc "
            "được một gói khác cập nhật. Hoàn tác sẽ xóa mất những thay đổi đó, nên ứng dụng "
            "không tự đoán; hãy kiểm tra các hồ sơ này:",
            sorted({labels[r] for r in (*later, *missing)}),
        )
    plan = _plan(entry)
    for rid, (table, prior) in priors.items():
        plan.records.append(
            RecordUndo(table, rid, labels[rid], prior is None, current[rid], prior)
        )
    _check_dependants(session, plan)
    order = {m.__tablename__: i for i, m in enumerate(SYNCED_MODELS)}  # type: ignore[attr-defined]
    plan.records.sort(key=lambda r: (order[r.table], r.label))
    return plan


def _check_dependants(session: Session, plan: UndoPlan) -> None:
    """A record the import added can go only if nothing else still points at it (a manager
    entered here under an imported cooperative, say)."""
    removed = {r.record_id for r in plan.removed}
    if not removed:
        return
    blockers: list[str] = []
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        for link in table.columns:
            if not any(fk.column.table.name in MODELS_BY_TABLE for fk in link.foreign_keys):
                continue
            name_col = NAME_COLUMNS.get(table.name)
            cols = [table.c.id] + ([table.c[name_col]] if name_col else [])
            rows = session.execute(
                select(*cols).where(
                    link.in_(_ids_select(sorted(removed))),
                    table.c.id.not_in(_ids_select(sorted(removed))),
                )
            ).all()
            for row in rows:
                values = {name_col: row[1]} if name_col else {}
                blockers.append(record_name(table.name, values, row[0]))
    if blockers:
        raise _refuse_records(
            "Không hoàn tác được: các hồ sơ sau (nhập ở máy này hoặc từ gói khác) gắn với hồ sơ "
            "do lần nhập này thêm vào; xóa hồ sơ đó sẽ làm chúng mất chỗ dựa:",
            sorted(set(blockers)),
        )


def _decoded(table: str, values: dict[str, Any], label: str) -> dict[str, Any]:
    try:
        return {
            c.name: decode_value(c, values.get(c.name), table, 0)
            for c in columns_of(MODELS_BY_TABLE[table])
        }
    except BundleRejected:
        raise UndoRefused(
            f"Giá trị cũ của {label} trong sổ ghi thay đổi không đọc được; không hoàn tác."
        ) from None


def undo_import(session: Session, entry_id: int) -> UndoPlan:
    """Undo ledger entry `entry_id` inside the caller's transaction (the caller commits; on
    any error it rolls back and nothing has changed)."""
    plan = plan_undo(session, entry_id)
    conn = session.connection()
    for model in reversed(SYNCED_MODELS):  # children before their parents
        table = model.__table__  # type: ignore[attr-defined]
        gone = [r.record_id for r in plan.removed if r.table == table.name]
        if gone:
            conn.execute(table.delete().where(table.c.id.in_(_ids_select(gone))))
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        rows = [
            _with_search_key(table.name, _decoded(table.name, r.prior, r.label))
            for r in plan.restored
            if r.table == table.name and r.prior is not None
        ]
        update_rows(session, table, rows)
    record_undo(
        session,
        plan.bundle_sha256,
        [(r.table, r.record_id, r.current, r.prior) for r in plan.records],
    )
    now = utcnow()
    officer = session.info.get("htx_audit_officer", "")
    for entry in session.scalars(
        select(ImportLedger).where(
            ImportLedger.bundle_sha256 == plan.bundle_sha256,
            ImportLedger.result.in_(ACCEPTED),
        )
    ):
        entry.result = UNDONE
        entry.counts = dict(entry.counts or {}) | {
            "undone_at": now.isoformat(timespec="seconds"),
            "undone_by": officer,
        }
        entry.message = ((entry.message or "") + ". Đã hoàn tác lần nhập này")[:2000]
    session.flush()
    return plan


def undo_in(db: Database, entry_id: int) -> UndoPlan:
    """`undo_import` in a transaction of its own: all of it is stored, or none."""
    with db.session() as session:
        return undo_import(session, entry_id)


def preview_in(db: Database, entry_id: int) -> UndoPlan:
    with db.session() as session:
        return plan_undo(session, entry_id)
