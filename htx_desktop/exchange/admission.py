"""Every record of a bundle held to the receiver's scope and to the entry forms.

Runs after the signer is found in the receiver's trust store and the scope is derived from the
receiver's tables (`storage.scope`), and before anything is written. One record that fails
refuses the whole bundle, with the record and the reason named: a bundle is its signer's
statement, and a statement that is partly forged is not trusted in its other parts either.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.records_json import MODELS_BY_TABLE, Columns, columns_of, record_label
from htx_desktop.registry.forms import FormSpec, default_forms
from htx_desktop.registry.validation import ValidationContext, first_invalid
from htx_desktop.storage.bulk import ids_present_in, rows_by_id
from htx_desktop.storage.scope import UnitScope
from htx_desktop.text import visible

Records = Mapping[str, list[dict[str, Any]]]
#: Links whose parent must belong to the same unit as the child (a manager or a half-year's
#: figures of HTX X are X's unit's records; a session's attendance is the session's unit's).
SAME_OWNER_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "manager": (("cooperative_id", "cooperative"), ("group_id", "cooperative_group")),
    "period_figures": (("cooperative_id", "cooperative"), ("group_id", "cooperative_group")),
    "training_attendance": (("session_id", "training_session"),),
}
#: Links whose parent may belong to another unit, but inside the signer's scope (a district's
#: class attended by a member commune's manager).
IN_SCOPE_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "training_attendance": (("manager_id", "manager"), ("cadre_id", "union_cadre")),
}
PLACE_COLUMN = "commune_code"


def _refuse(table: str, row: dict[str, Any], scope: UnitScope, why: str) -> BundleRejected:
    return BundleRejected(
        "out_of_scope",
        f"Gói bị từ chối toàn bộ: bản ghi ({record_label(table, row)}) nằm ngoài phạm vi mà "
        f"chứng thư của đơn vị {scope.unit_code} được phép ghi — {why}. Không có dữ liệu nào "
        "được ghi; hãy liên hệ người gửi.",
    )


def check_scope(session: Session, scope: UnitScope, records: Records) -> Held:
    """Owner, place and the owner of every parent of every record, and the owner of every
    record the receiver already holds under the same id. Returns what the receiver holds
    under the bundle's ids and its parents' (every column, by table and id): the merge that
    follows in the same transaction need not read them again."""
    owners: dict[str, dict[str, str]] = {}
    # The scope's answers by owner, asked once per owner rather than once per record.
    owned: dict[str, bool] = {}
    places_of: dict[str, frozenset[str]] = {}
    for table, rows in records.items():
        ids = owners[table] = {}
        for row in rows:
            owner = row["unit_code"]
            if owner not in owned:
                owned[owner] = scope.owns(owner)
            if not owned[owner]:
                raise _refuse(table, row, scope, f"thuộc đơn vị {visible(owner[:32])}")
            place = row.get(PLACE_COLUMN)
            if place is not None:
                if owner not in places_of:
                    places_of[owner] = scope.communes_of(owner)
                if place not in places_of[owner]:
                    raise _refuse(
                        table, row, scope,
                        f"ghi địa bàn xã/phường {visible(str(place)[:32])}, không thuộc đơn vị "
                        f"{visible(owner[:32])}",
                    )
            ids[row["id"]] = owner
    # The bundle's own ids and the parents it points to elsewhere: which are stored, in one
    # query, then the rows of those (none at all when a commune reports for the first time).
    wanted = _outside_parents(records, owners)
    asked = {
        table: owners.get(table, {}).keys() | ids
        for table, ids in ({t: set() for t in owners} | wanted).items()
    }
    found = ids_present_in(
        session,
        {MODELS_BY_TABLE[t].__table__: ids for t, ids in asked.items()},  # type: ignore[attr-defined]
    )
    held = {table: stored_rows(session, table, list(found[table])) for table in asked}
    stored = {
        table: {rid: row["unit_code"] for rid, row in rows.items()} for table, rows in held.items()
    }
    for table, rows in records.items():
        for row in rows:
            owner = stored[table].get(row["id"])
            if owner is not None and owner != row["unit_code"]:
                raise _refuse(
                    table, row, scope,
                    f"mã bản ghi này đã có trong cơ sở dữ liệu, thuộc đơn vị {owner}",
                )
    _check_parents(scope, records, owners, stored)
    return held


#: By table, stored records by id (every column a bundle carries).
Held = dict[str, dict[str, dict[str, Any]]]


def stored_rows(session: Session, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored values of the records among `ids` of one table, as a bundle carries them."""
    model = MODELS_BY_TABLE[table]
    names = [c.name for c in columns_of(model)]
    return rows_by_id(session, model.__table__, names, ids)  # type: ignore[attr-defined]


def _outside_parents(records: Records, owners: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    """By parent table, the ids the bundle's records point to that the bundle does not hold."""
    wanted: dict[str, set[str]] = {}
    for links in (SAME_OWNER_LINKS, IN_SCOPE_LINKS):
        for table, pairs in links.items():
            for column, parent in pairs:
                in_bundle = owners.get(parent, {})
                wanted.setdefault(parent, set()).update(
                    r[column]
                    for r in records.get(table, [])
                    if r.get(column) and r[column] not in in_bundle
                )
    return wanted


def _check_parents(
    scope: UnitScope,
    records: Records,
    owners: dict[str, dict[str, str]],
    held: dict[str, dict[str, str]],
) -> None:
    """`held`: the stored owners of (at least) every parent id outside the bundle."""

    def owner_of(parent: str, rid: str) -> str | None:
        return owners.get(parent, {}).get(rid) or held.get(parent, {}).get(rid)

    for table, pairs in SAME_OWNER_LINKS.items():
        for row in records.get(table, []):
            for column, parent in pairs:
                rid = row.get(column)
                parent_owner = owner_of(parent, rid) if rid else None
                if parent_owner is not None and parent_owner != row["unit_code"]:
                    raise _refuse(
                        table, row, scope,
                        f"bản ghi thuộc đơn vị {visible(row['unit_code'][:32])} nhưng trỏ tới "
                        f"{parent} {visible(str(rid)[:40])} của đơn vị {parent_owner}",
                    )
    for table, pairs in IN_SCOPE_LINKS.items():
        for row in records.get(table, []):
            for column, parent in pairs:
                rid = row.get(column)
                parent_owner = owner_of(parent, rid) if rid else None
                if parent_owner is not None and not scope.owns(parent_owner):
                    raise _refuse(
                        table, row, scope,
                        f"trỏ tới {parent} {visible(str(rid)[:40])} của đơn vị {parent_owner}",
                    )


def check_forms(
    scope: UnitScope,
    records: Records,
    today: date | None = None,
    columns: Columns | None = None,
) -> None:
    """Each record the entry forms describe passes the same validation as the form (required
    fields, ranges, women not above the total, known choices, periods, dates not in the
    future): a record the form would refuse refuses the bundle. `columns`: the decoder's
    values by table and column (`decode_records`), used for a table of one owner."""
    forms = default_forms()
    for table, rows in records.items():
        form = forms.get(table)
        if form is None or not rows:
            continue
        by_owner: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_owner.setdefault(row["unit_code"], []).append(row)
        for owner, owned in by_owner.items():
            ctx = ValidationContext(communes=scope.communes_of(owner), today=today)
            known = (columns or {}).get(table) if len(by_owner) == 1 else None
            found = first_invalid(form, owned, ctx, known, canonical=True)
            if found is not None:
                raise _invalid(form, table, dict(found[0]), found[1])


def _invalid(
    form: FormSpec, table: str, row: dict[str, Any], errors: dict[str, str]
) -> BundleRejected:
    key, message = next(iter(errors.items()))
    label = form.field(key).label_vi if key in {f.key for f in form.fields} else key
    return BundleRejected(
        "invalid_record",
        f"Gói bị từ chối toàn bộ: bản ghi ({record_label(table, row)}) không hợp lệ theo biểu "
        f"mẫu “{form.title_vi}”, trường “{label}”: {message} Không có dữ liệu nào được ghi; "
        "hãy xin người gửi sửa bản ghi rồi xuất lại.",
    )
