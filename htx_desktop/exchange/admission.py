"""Every record of a bundle held to the receiver's scope and to the entry forms.

Runs after the signer is found in the receiver's trust store and the scope is derived from the
receiver's tables (`storage.scope`), and before anything is written. One record that fails
refuses the whole bundle, with the record and the reason named: a bundle is its signer's
statement, and a statement that is partly forged is not trusted in its other parts either.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from htx_desktop.exchange.decoded import DecodedRecords, Records, TableRows, column_of
from htx_desktop.exchange.errors import BundleRejected, Fault
from htx_desktop.exchange.records_json import MODELS_BY_TABLE, columns_of, record_label
from htx_desktop.registry.forms import FormSpec, default_forms
from htx_desktop.registry.validation import ValidationContext, first_invalid
from htx_desktop.storage.bulk import ids_present_in, rows_by_id
from htx_desktop.storage.scope import UnitScope
from htx_desktop.text import visible

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
    follows in the same transaction need not read them again.

    Read by column (`decoded.column_of`); a refusal names the first record in the bundle's
    order that breaks the rule, whose record is made only then."""
    owners: dict[str, dict[str, str]] = {}
    # The scope's answers by owner, asked once per owner rather than once per record.
    owned: dict[str, bool] = {}
    places_of: dict[str, frozenset[str]] = {}
    for table in records:
        ids, units = column_of(records, table, "id"), column_of(records, table, "unit_code")
        for owner in dict.fromkeys(units).keys() - owned.keys():
            owned[owner] = scope.owns(owner)
            if owned[owner]:
                places_of[owner] = scope.communes_of(owner)
        places = column_of(records, table, PLACE_COLUMN)
        if not all(map(owned.__getitem__, units)) or any(
            place is not None and place not in places_of[owner]
            for owner, place in set(zip(units, places, strict=True))
        ):
            _refuse_first_misplaced(records, table, scope, owned, places_of)
        owners[table] = dict(zip(ids, units, strict=True))
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
    for table in records:
        mine = owners[table]
        clashes = {rid for rid, owner in stored[table].items() if mine.get(rid, owner) != owner}
        if clashes:
            index = next(
                i for i, rid in enumerate(column_of(records, table, "id")) if rid in clashes
            )
            row = records[table][index]
            raise _refuse(
                table, row, scope,
                "mã bản ghi này đã có trong cơ sở dữ liệu, thuộc đơn vị "
                f"{stored[table][row['id']]}",
            )
    _check_parents(scope, records, owners, stored)
    return held


def _refuse_first_misplaced(
    records: Records, table: str, scope: UnitScope,
    owned: dict[str, bool], places_of: dict[str, frozenset[str]],
) -> None:
    """The refusal for the first record of `table` owned outside the scope or placed outside
    its owner's communes."""
    for row in records[table]:
        owner = row["unit_code"]
        if not owned[owner]:
            raise _refuse(table, row, scope, f"thuộc đơn vị {visible(owner[:32])}")
        place = row.get(PLACE_COLUMN)
        if place is not None and place not in places_of[owner]:
            raise _refuse(
                table, row, scope,
                f"ghi địa bàn xã/phường {visible(str(place)[:32])}, không thuộc đơn vị "
                f"{visible(owner[:32])}",
            )
    raise AssertionError("a misplaced record was seen, then not found")


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
                pointed = set(column_of(records, table, column))
                pointed.difference_update(owners.get(parent, {}), (None, ""))
                wanted.setdefault(parent, set()).update(pointed)
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

    def why_same_owner(unit: str, parent: str, rid: str) -> str | None:
        parent_owner = owner_of(parent, rid)
        if parent_owner is None or parent_owner == unit:
            return None
        return (
            f"bản ghi thuộc đơn vị {visible(unit[:32])} nhưng trỏ tới {parent} "
            f"{visible(str(rid)[:40])} của đơn vị {parent_owner}"
        )

    def why_in_scope(_unit: str, parent: str, rid: str) -> str | None:
        parent_owner = owner_of(parent, rid)
        if parent_owner is None or scope.owns(parent_owner):
            return None
        return f"trỏ tới {parent} {visible(str(rid)[:40])} của đơn vị {parent_owner}"

    for links, why in ((SAME_OWNER_LINKS, why_same_owner), (IN_SCOPE_LINKS, why_in_scope)):
        for table, pairs in links.items():
            units = column_of(records, table, "unit_code")
            # The first broken link in the records' order (a record's links in their order).
            broken = [
                (index, order, reason)
                for order, (column, parent) in enumerate(pairs)
                for index, reason in _first_reason(
                    column_of(records, table, column), units, partial(why, parent=parent)
                )
            ]
            if broken:
                index, _order, reason = min(broken)
                raise _refuse(table, records[table][index], scope, reason)


def _first_reason(
    ids: list[Any], units: list[str], why: Callable[..., str | None]
) -> list[tuple[int, str]]:
    """[(index, reason)] of the first record whose link `why` finds broken, or []. Asked once
    per distinct (parent, owner) pair: a half-year's figures of one cooperative repeat it."""
    pairs = list(zip(ids, units, strict=True))
    broken = {pair for pair in set(pairs) if pair[0] and why(pair[1], rid=pair[0]) is not None}
    if not broken:
        return []
    index = next(i for i, pair in enumerate(pairs) if pair in broken)
    return [(index, str(why(units[index], rid=ids[index])))]


def check_forms(scope: UnitScope, records: Records, today: date | None = None) -> None:
    """Each record the entry forms describe passes the same validation as the form (required
    fields, ranges, women not above the total, known choices, periods, dates not in the
    future): a record the form would refuse refuses the bundle. Decoded records
    (`DecodedRecords`) are held to the form by column, a table of one owner at once."""
    forms = default_forms()
    for table in records:
        form = forms.get(table)
        units = column_of(records, table, "unit_code")
        if form is None or not units:
            continue
        owners = dict.fromkeys(units)
        if len(owners) == 1 and isinstance(records, DecodedRecords):
            groups = {units[0]: (TableRows(records, table), records.columns[table])}
        else:
            by_owner: dict[str, list[dict[str, Any]]] = {owner: [] for owner in owners}
            for row in records[table]:
                by_owner[row["unit_code"]].append(row)
            groups = {owner: (rows, None) for owner, rows in by_owner.items()}
        for owner, (owned, known) in groups.items():
            ctx = ValidationContext(communes=scope.communes_of(owner), today=today)
            found = first_invalid(form, owned, ctx, known, canonical=True)
            if found is not None:
                raise _invalid(form, table, dict(found[0]), found[1])


def _invalid(
    form: FormSpec, table: str, row: dict[str, Any], errors: dict[str, str]
) -> BundleRejected:
    key, message = next(iter(errors.items()))
    label = field_label(form, key)
    return BundleRejected(
        "invalid_record",
        f"Gói bị từ chối toàn bộ: bản ghi ({record_label(table, row)}) không hợp lệ theo biểu "
        f"mẫu “{form.title_vi}”, trường “{label}”: {message} Không có dữ liệu nào được ghi; "
        "hãy xin người gửi sửa bản ghi rồi xuất lại.",
        Fault(table, None, row, key, message),
    )


def field_label(form: FormSpec | None, key: str) -> str:
    """What the entry form calls a field (its column's name where no form shows it)."""
    if form is None or key not in {f.key for f in form.fields}:
        return key
    return form.field(key).label_vi
