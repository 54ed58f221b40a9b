"""Importing a verified bundle: merge by UUID and revision, one transaction per bundle.

The result must not depend on the order bundles arrive in. For each record the winner is the
version with the higher revision; two different versions with the same revision (a conflict a
person should look at) are decided by comparing their content digests, so every receiver picks
the same one whatever the order. A dry run goes through exactly this code and rolls back.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from htx_desktop.exchange.admission import Held, stored_rows
from htx_desktop.exchange.bundle_format import VerifiedBundle
from htx_desktop.exchange.decoded import Records, column_of
from htx_desktop.exchange.records_json import MODELS_BY_TABLE, encode_value
from htx_desktop.storage.audit import record_import
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.bulk import (
    ids_json,
    ids_present,
    insert_rows,
    listed_ids,
    update_rows,
)
from htx_desktop.storage.engine import SEARCH_FIELDS, search_key_of
from htx_desktop.storage.models import (
    SYNCED_MODELS,
    Cooperative,
    ImportLedger,
)

STATUSES = ("new", "updated", "deleted", "unchanged", "conflicting", "rejected")
#: Links checked before a child is written, so a missing parent rejects the child alone.
PARENT_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "manager": (("cooperative_id", "cooperative"), ("group_id", "cooperative_group")),
    "period_figures": (("cooperative_id", "cooperative"), ("group_id", "cooperative_group")),
    "training_attendance": (
        ("session_id", "training_session"),
        ("manager_id", "manager"),
        ("cadre_id", "union_cadre"),
    ),
}


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    unit_code: str
    period: str
    signer_name: str
    dry_run: bool
    already_seen: bool = False
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    older: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)

    def total(self, status: str) -> int:
        return sum(c[status] for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return any(self.total(s) for s in ("new", "updated", "deleted", "conflicting"))

    def summary_vi(self) -> str:
        parts = [
            f"mới {self.total('new')}",
            f"cập nhật {self.total('updated')}",
            f"xóa {self.total('deleted')}",
            f"không đổi {self.total('unchanged')}",
            f"xung đột {self.total('conflicting')}",
            f"bị từ chối {self.total('rejected')}",
        ]
        text = ", ".join(parts)
        if self.already_seen and not self.changed:
            text += ". Gói này đã được nhập trước đó: không có gì thay đổi"
        elif self.older and not self.changed:
            text += ". Gói này cũ hơn dữ liệu đã có: không có gì thay đổi"
        if self.duplicates:
            text += f". Có {len(self.duplicates)} HTX nghi trùng mã số, cần kiểm tra"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "sha256": self.sha256,
            "unit_code": self.unit_code,
            "period": self.period,
            "signer": self.signer_name,
            "dry_run": self.dry_run,
            "already_seen": self.already_seen,
            "counts": {t: dict(c) for t, c in self.counts.items()},
            "totals": {s: self.total(s) for s in STATUSES},
            "older": self.older,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
            "probable_duplicates": self.duplicates,
            "summary": self.summary_vi(),
        }


def digest(row: dict[str, Any]) -> str:
    """Content digest of one record version (encoded the way bundles carry it)."""
    canonical = json.dumps(
        {k: encode_value(v) for k, v in row.items()}, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _with_search_key(
    table: str, row: dict[str, Any], known: dict[str, str] | None = None
) -> dict[str, Any]:
    if table in SEARCH_FIELDS:
        key = known.get(row["id"]) if known is not None else None
        return row | {"search_key": search_key_of(table, row) or "" if key is None else key}
    return row


def search_keys(records: Records) -> dict[str, str]:
    """The search key of every record that has one, by id (what `_with_search_key` would
    compute), for a process that decodes bundles ahead of the one that merges them; read
    from the records' columns."""
    keys: dict[str, str] = {}
    for table, fields in SEARCH_FIELDS.items():
        if table not in records:
            continue
        values = zip(*(column_of(records, table, f) for f in fields), strict=True)
        keys.update(
            zip(column_of(records, table, "id"),
                (search_key_of(table, dict(zip(fields, row, strict=True))) or ""
                 for row in values), strict=True)
        )
    return keys


def apply_bundle(
    session: Session, bundle: VerifiedBundle, dry_run: bool = False, held: Held | None = None
) -> ImportResult:
    """Merge one verified bundle inside the caller's transaction (the caller commits or, for a
    dry run, rolls back). `held`: what the scope check of the same transaction read under the
    bundle's ids (`admission.check_scope`), when nothing was written since."""
    result = ImportResult(
        file_name=bundle.path.name,
        sha256=bundle.sha256,
        unit_code=bundle.unit_code,
        period=bundle.period,
        # The certificate the receiver trusted (same fingerprint) names the signer; the
        # manifest's own "signer.name" is only a claim.
        signer_name=bundle.signer.common_name[:200],
        dry_run=dry_run,
    )
    result.already_seen = (
        session.connection().scalar(  # Core: the ORM layer costs more than this query
            select(func.count())
            .select_from(ImportLedger)
            .where(
                ImportLedger.bundle_sha256 == bundle.sha256,
                ImportLedger.result.in_(("imported", "no_change")),
            )
        )
        or 0
    ) > 0
    touched_coops: set[str] = set()
    applied: list[tuple[str, dict[str, Any]]] = []
    # What each updated record held before: kept in the audit trail so the import can be
    # undone (`exchange.undo`); a record the bundle adds has no prior values.
    priors: dict[str, dict[str, Any]] = {}
    # By table, ids this merge knows are stored: held before it or inserted by it (parents
    # come before children, so a child's parent in the same bundle needs no lookup).
    stored: dict[str, set[str]] = {}
    for model in SYNCED_MODELS:
        table = model.__tablename__  # type: ignore[attr-defined]
        rows = bundle.records.get(table, [])
        if not rows:
            continue
        counts = result.counts[table]
        if held is not None and table in held:
            existing = held[table]
        else:
            existing = stored_rows(session, table, [r["id"] for r in rows])
        parents_ok = _parents_present(session, table, rows, stored)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row in rows:
            rid = row["id"]
            old = existing.get(rid)
            missing = parents_ok(row)
            if missing:
                counts["rejected"] += 1
                result.rejected.append(
                    {"table": table, "id": rid, "reason": f"thiếu bản ghi cha {missing}"}
                )
                continue
            if old is None:
                inserts.append(_with_search_key(table, row, bundle.search_keys))
                counts["deleted" if row["deleted"] else "new"] += 1
                applied.append((table, row))
                continue
            if old["unit_code"] != row["unit_code"]:
                counts["rejected"] += 1
                result.rejected.append(
                    {"table": table, "id": rid, "reason": "đơn vị sở hữu khác với dữ liệu đã có"}
                )
                continue
            new_digest, old_digest = digest(row), digest(old)
            if new_digest == old_digest:
                counts["unchanged"] += 1
                continue
            if row["revision"] < old["revision"]:
                counts["unchanged"] += 1
                result.older += 1
                continue
            if row["revision"] == old["revision"]:
                counts["conflicting"] += 1
                result.conflicts.append(
                    {
                        "table": table,
                        "id": rid,
                        "revision": row["revision"],
                        "kept": "incoming" if new_digest > old_digest else "existing",
                    }
                )
                if new_digest < old_digest:
                    continue
            elif row["deleted"] and not old["deleted"]:
                counts["deleted"] += 1
            else:
                counts["updated"] += 1
            updates.append(_with_search_key(table, row, bundle.search_keys))
            applied.append((table, row))
            priors[rid] = {k: encode_value(v) for k, v in old.items()}
        insert_rows(session, model.__table__, inserts)  # type: ignore[attr-defined]
        stored[table] = existing.keys() | {r["id"] for r in inserts}
        update_rows(session, model.__table__, updates)  # type: ignore[attr-defined]
        if table == "cooperative":
            touched_coops.update(r["id"] for r in inserts + updates)
    result.duplicates = _probable_duplicates(session, touched_coops)
    # The audit trail's import entries also say which commune bundle each record came from
    # (through a district's bundle): one row per record rather than one in each of two
    # tables, whose random-key indexes were a fifth of a national merge's page writes.
    record_import(session, bundle.sha256, applied, bundle.origins, priors)
    if not dry_run:
        # A Core insert: the ORM's unit of work for this one row cost a national merge as
        # much as writing a bundle's training sessions.
        session.connection().execute(
            insert(ImportLedger.__table__),  # type: ignore[arg-type]
            {
                "bundle_sha256": bundle.sha256,
                "file_name": bundle.path.name[:300],
                "unit_code": bundle.unit_code,
                "period": bundle.period,
                "signer_fingerprint": bundle.signer.fingerprint,
                "signer_name": result.signer_name,
                "created_at_source": str(bundle.manifest.get("created_at", ""))[:40],
                "received_at": utcnow(),
                "result": "imported" if result.changed else "no_change",
                "signed": True,
                "counts": {s: result.total(s) for s in STATUSES}
                | {"merged_units": _merged_units(bundle)},
                "message": result.summary_vi()[:2000],
            },
        )
    session.flush()
    return result


def _merged_units(bundle: VerifiedBundle) -> list[str]:
    """Communes whose bundles of the same period a district's bundle says it merged: kept as
    its claim (`reporting` counts only those the receiver places in that district)."""
    merged = bundle.manifest.get("merged_bundles", [])
    return sorted(
        {
            str(m["unit_code"])
            for m in merged
            if isinstance(m.get("unit_code"), str) and m.get("period") == bundle.period
        }
    )


def _parents_present(
    session: Session, table: str, rows: list[dict[str, Any]], stored: dict[str, set[str]]
) -> Any:
    """A test naming the first parent of a row that is not stored; only parents the merge
    does not already know to be stored (`stored`, by table) are looked up."""
    links = PARENT_LINKS.get(table, ())
    present: dict[str, set[str]] = {}
    for column, parent in links:
        wanted = {r[column] for r in rows if r.get(column)}
        known = wanted & stored.get(parent, set())
        present[column] = known | ids_present(
            session, MODELS_BY_TABLE[parent].__table__, wanted - known  # type: ignore[attr-defined]
        )

    def missing(row: dict[str, Any]) -> str | None:
        for column, parent in links:
            value = row.get(column)
            if value and value not in present[column]:
                return f"{parent} {value}"
        return None

    return missing


def _probable_duplicates(session: Session, coop_ids: set[str]) -> list[dict[str, Any]]:
    """The same registration code under two live UUIDs: for a person to resolve."""
    if not coop_ids:
        return []
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for code, rid, name in session.connection().execute(
        _DUPLICATES, {"ids": ids_json(coop_ids)}
    ):
        groups[code].append({"id": rid, "name": name})
    return [
        {"registration_code": code, "records": recs}
        for code, recs in groups.items()
        if len(recs) > 1
    ]


def _duplicates_statement() -> Select[Any]:
    live = Cooperative.deleted.is_(False)
    codes = select(Cooperative.registration_code).where(
        Cooperative.id.in_(listed_ids()),
        Cooperative.registration_code.is_not(None),
        Cooperative.registration_code != "",
        live,
    )
    return (
        select(Cooperative.registration_code, Cooperative.id, Cooperative.name)
        .where(Cooperative.registration_code.in_(codes.scalar_subquery()), live)
        .order_by(Cooperative.registration_code, Cooperative.id)
    )


_DUPLICATES = _duplicates_statement()
