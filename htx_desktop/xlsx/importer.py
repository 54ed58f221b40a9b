"""Importing an Excel workbook (the template, a bundle's workbook, or an old hand-made list).

Two steps through one code path, as DHIS2 and CSPro do it: `preview_import` reads, converts
and validates every row with the registry's `validate()` and decides for each one whether it
creates, updates or leaves a record unchanged, writing nothing; `apply_import` then writes
exactly that plan in the caller's transaction. The officer sees every problem (sheet, row,
column, message) before anything is stored, and a row with a problem is left out rather than
stored half right.

Records already in the database are found, so importing the same list twice never duplicates:
by the UUID column when the workbook came from HTX Desktop, otherwise by a natural key (an
HTX's registration code; a group's name and commune; a manager's name in her organisation; a
period's figures by organisation and period; a cadre's name and birth year; a training's title
and start date). A workbook carries no signature, so its ledger entry says `signed=False` and
it never counts as a unit's report.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.workbook import SHEETS
from htx_desktop.exchange.zipsafe import sha256_file
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.records import LINK_FIELDS, create_record, model_for, record_values
from htx_desktop.registry.validation import ValidationContext, validate
from htx_desktop.storage.base import new_uuid, utcnow
from htx_desktop.storage.models import AdministrativeUnit, ImportLedger, TrainingAttendance
from htx_desktop.storage.units import commune_codes_under
from htx_desktop.text import fold
from htx_desktop.xlsx.cell_values import commune_lookup, prepare_value, whole_number_text
from htx_desktop.xlsx.link_names import name_key
from htx_desktop.xlsx.locale_values import number_cell
from htx_desktop.xlsx.preview import (  # re-exported: callers import them from here
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportPreview,
    PlannedRow,
    Problem,
    columns_read,
    not_record_notes,
)
from htx_desktop.xlsx.reading import (
    META_DELETED,
    META_ID,
    META_LINK_UUID,
    Formula,
    SheetData,
    XlsxImportError,
    read_workbook,
)
from htx_desktop.xlsx.row_checks import (
    ATTENDANCE,
    FORMULA_PROBLEM,
    NOT_UUID_PROBLEM,
    id_taken_by_other_type,
)

_LINK_FORMS = {"cooperative_id": "cooperative", "group_id": "cooperative_group"}


class _Index:
    """Existing and planned records, to match rows and resolve the links between sheets."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, Any], str] = {}  # (form, natural key) -> id
        self.planned_rows: dict[tuple[str, Any], int] = {}
        self.names: dict[tuple[str, str], set[str]] = {}  # (form, folded name) -> ids
        self.codes: dict[str, str] = {}  # cooperative registration code -> id
        self.ids: dict[str, str] = {}  # id -> form, for existing and planned records

    def add(self, form_key: str, rid: str, values: dict[str, Any]) -> None:
        self.ids[rid] = form_key
        key = natural_key(form_key, values)
        if key is not None:
            self.by_key[(form_key, key)] = rid
        if form_key in _LINK_FORMS.values() and values.get("name"):
            self.names.setdefault((form_key, name_key(values["name"])), set()).add(rid)
        if form_key == "cooperative" and values.get("registration_code"):
            self.codes[str(values["registration_code"])] = rid


def natural_key(form_key: str, v: dict[str, Any]) -> Any:
    """What identifies a record when the workbook has no UUID (None: nothing reliable)."""
    parent = v.get("cooperative_id") or v.get("group_id")
    if form_key == "cooperative":
        return v.get("registration_code") or None
    if form_key == "cooperative_group":
        return (fold(v.get("name")), v.get("commune_code")) if v.get("name") else None
    if form_key == "manager":
        return (parent, fold(v.get("full_name"))) if parent and v.get("full_name") else None
    if form_key == "period_figures":
        return (parent, v.get("period")) if parent and v.get("period") else None
    if form_key == "union_cadre":
        return (fold(v.get("full_name")), v.get("birth_year")) if v.get("full_name") else None
    if form_key == "training_session":
        return (fold(v.get("title")), v.get("start_date")) if v.get("title") else None
    return None


def _scope(session: Session, unit_code: str) -> tuple[AdministrativeUnit, list[str]]:
    unit = session.get(AdministrativeUnit, unit_code)
    if unit is None:
        raise XlsxImportError(f"Không có đơn vị mã “{unit_code}” trong cơ sở dữ liệu.")
    return unit, commune_codes_under(session, unit)


def _load_existing(session: Session, index: _Index, owned: set[str], communes: set[str]) -> None:
    for form_key, _, _ in SHEETS:
        model = model_for(form_key)
        stmt = select(model).where(model.deleted.is_(False))
        if form_key in ("cooperative", "cooperative_group"):
            stmt = stmt.where(model.commune_code.in_(list(communes)))  # type: ignore[attr-defined]
        else:
            stmt = stmt.where(model.unit_code.in_(list(owned)))
        for record in session.scalars(stmt):
            index.add(form_key, record.id, record_values(record, form_key))


def _column_name(sheet: SheetData, key: str) -> str | None:
    from openpyxl.utils import get_column_letter

    for col, k in sheet.columns.items():
        if k == key:
            return f"{get_column_letter(col + 1)} “{sheet.headers[col]}”"
    return None


def _resolve_link(
    index: _Index, link: str, raw: Any
) -> tuple[str | None, str | None]:
    """An HTX given by UUID, registration code or name; a group by UUID or name (names as
    `link_names.name_key` compares them, among the importing unit's records only)."""
    text = whole_number_text(raw)
    form_key = _LINK_FORMS[link]
    if index.ids.get(text) == form_key:
        return text, None
    if form_key == "cooperative" and text in index.codes:
        return index.codes[text], None
    ids = index.names.get((form_key, name_key(text)), set())
    if len(ids) == 1:
        return next(iter(ids)), None
    what = "HTX" if form_key == "cooperative" else "tổ hợp tác"
    if len(ids) > 1:
        return None, (f"Có {len(ids)} {what} cùng tên “{text}” trong đơn vị; hãy ghi mã số "
                      "(hoặc mã bản ghi) thay cho tên.")
    return None, (f"Không tìm thấy {what} “{text}” trong đơn vị (trong tệp hoặc trong máy); "
                  "hãy kiểm tra tên hoặc ghi mã số.")


def preview_import(session: Session, path: Path | str, unit_code: str) -> ImportPreview:
    """Read and check the whole workbook; nothing is written (this is the dry run)."""
    path = Path(path)
    unit, commune_codes = _scope(session, unit_code)
    owned = {unit.code, *commune_codes}
    data = read_workbook(path)
    preview = ImportPreview(path, unit.code, sha256_file(path), data.encoding,
                            communes=frozenset(commune_codes))
    for title in data.skipped:
        preview.problems.append(Problem(title, None, None, "Không nhận ra bảng này (tiêu đề "
                                        "cột không khớp mẫu); bỏ qua.", "warning"))
    index = _Index()
    _load_existing(session, index, owned, set(commune_codes))
    communes = commune_lookup(session, commune_codes)
    ctx = ValidationContext(communes=set(commune_codes))
    for sheet in data.sheets:
        preview.sheets[sheet.title] = sheet.form_key
        preview.columns_read.extend(columns_read(sheet))
        preview.problems.extend(not_record_notes(sheet))
        for col, text in sheet.unknown:
            from openpyxl.utils import get_column_letter

            preview.problems.append(Problem(sheet.title, sheet.header_row,
                                            f"{get_column_letter(col + 1)} “{text}”",
                                            "Cột không khớp trường nào; bỏ qua.", "warning"))
        if sheet.form_key == "training_attendance":
            _preview_attendance(session, preview, sheet, index)
            continue
        for number, values in sheet.rows:
            _preview_row(session, preview, sheet, number, values, index, communes, ctx, owned)
    return preview


def _preview_row(
    session: Session,
    preview: ImportPreview,
    sheet: SheetData,
    number: int,
    values: tuple[Any, ...],
    index: _Index,
    communes: dict[str, str],
    ctx: ValidationContext,
    owned: set[str],
) -> None:
    form_key = sheet.form_key
    form = get_form(form_key)
    specs = {f.key: f for f in form.fields}
    raw: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    problems: list[Problem] = []
    uuid_of = {  # a link's UUID column (a bundle's workbook) wins over its code or name
        key.removeprefix(META_LINK_UUID): values[col] if col < len(values) else None
        for col, key in sheet.columns.items() if key.startswith(META_LINK_UUID)
    }
    for col, key in sheet.columns.items():
        value = values[col] if col < len(values) else None
        if isinstance(value, Formula):
            problems.append(Problem(sheet.title, number, _column_name(sheet, key),
                                    FORMULA_PROBLEM))
            continue
        if key.startswith("@"):
            meta[key] = value
        elif key in specs:
            value, ambiguous = number_cell(specs[key].type, value, sheet.decimal_marks.get(col))
            if ambiguous:
                problems.append(Problem(sheet.title, number, _column_name(sheet, key), ambiguous))
            raw[key] = prepare_value(specs[key], value, communes)
        elif value not in (None, "") or uuid_of.get(key) not in (None, ""):  # a link column
            rid, error = _resolve_link(index, key, uuid_of.get(key) or value)
            if error:
                problems.append(Problem(sheet.title, number, _column_name(sheet, key), error))
            raw[key] = rid
    if any(p.message == FORMULA_PROBLEM for p in problems):
        preview.problems.extend(problems)  # nothing else of the row is worth checking
        return
    if str(meta.get(META_DELETED) or "").strip().casefold() in ("có", "co", "x", "1", "true"):
        preview.skipped_deleted += 1
        return
    if form_key in LINK_FIELDS:
        for link in LINK_FIELDS[form_key]:
            raw.setdefault(link, None)
    if "commune_code" in specs and not raw.get("commune_code") and len(preview.communes) == 1:
        raw["commune_code"] = next(iter(preview.communes))  # a commune's own list
    record_id = _uuid(meta.get(META_ID))
    if meta.get(META_ID) not in (None, "") and record_id is None:
        problems.append(Problem(sheet.title, number, _column_name(sheet, META_ID),
                                NOT_UUID_PROBLEM))
    taken = record_id and id_taken_by_other_type(session, index.ids, form_key, record_id)
    if (  # planned by an earlier row of this file, not stored: two new records, one id
        not taken and record_id and index.ids.get(record_id) == form_key
        and session.get(model_for(form_key), record_id) is None
    ):
        taken = ("Mã bản ghi (UUID) này đã có ở một dòng trước của tệp; mỗi bản ghi chỉ được "
                 "ghi ở một dòng. Hãy xóa dòng trùng rồi nhập lại.")
    if taken:
        problems.append(Problem(sheet.title, number, _column_name(sheet, META_ID), taken))
        preview.problems.extend(problems)
        return
    existing = _find_existing(session, form_key, record_id, raw, index, owned, problems,
                              sheet, number)
    base = dict(existing[1]) if existing else {}
    # A blank cell takes the form's default in a new record and keeps the stored value of a
    # required field (which cannot be emptied anyway) in an existing one.
    raw = {
        k: v for k, v in raw.items()
        if not (v is None and k in specs and (
            specs[k].default is not None if existing is None else specs[k].required))
    }
    merged = base | raw
    result = validate(form, merged, ctx)
    for key, message in result.errors.items():
        column = _column_name(sheet, key) or f"“{specs[key].label_vi if key in specs else key}”"
        problems.append(Problem(sheet.title, number, column, message))
    key = natural_key(form_key, result.cleaned)
    twin = preview_row_for(index, form_key, key)
    # A row that carries its own UUID is its own record: two managers of one HTX may share a
    # name. Only rows without one (legacy lists) are matched, and doubled, by their content.
    if existing is None and record_id is None and key is not None and twin is not None:
        problems.append(Problem(sheet.title, number, None,
                                f"Trùng với dòng {twin} của bảng này; dòng này bị bỏ qua."))
    preview.problems.extend(problems)
    if problems:
        return
    if existing is not None:
        rid = existing[0]
        cleaned_old = validate(form, base, ctx).cleaned
        same = all(cleaned_old.get(k) == result.cleaned.get(k) for k in raw)
        action = UNCHANGED if same else UPDATE
    else:
        rid = record_id or new_uuid()
        action = CREATE
    index.add(form_key, rid, result.cleaned)
    if key is not None:
        index.planned_rows[(form_key, key)] = number
    label = str(result.cleaned.get("name") or result.cleaned.get("full_name")
                or result.cleaned.get("title") or result.cleaned.get("period") or "")
    preview.rows.append(PlannedRow(form_key, sheet.title, number, action, rid, raw, label))


def preview_row_for(index: _Index, form_key: str, key: Any) -> int | None:
    return index.planned_rows.get((form_key, key)) if key is not None else None


def _uuid(value: Any) -> str | None:
    if value is None or not str(value).strip():
        return None
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError:
        return None


def _find_existing(
    session: Session,
    form_key: str,
    record_id: str | None,
    raw: dict[str, Any],
    index: _Index,
    owned: set[str],
    problems: list[Problem],
    sheet: SheetData,
    number: int,
) -> tuple[str, dict[str, Any]] | None:
    """The stored record this row describes, with its current values (None: a new one)."""
    model = model_for(form_key)
    if record_id is not None:
        record = session.get(model, record_id)
        if record is None:  # a new record that keeps its UUID, unless its natural key exists
            return _by_natural_key(session, model, form_key, raw, index)
        if record.deleted:
            problems.append(Problem(sheet.title, number, None,
                                    "Bản ghi này đã bị xóa trong máy; dòng bị bỏ qua."))
            return None
        in_scope = record.unit_code in owned or getattr(record, "commune_code", None) in owned
        if not in_scope:
            problems.append(Problem(sheet.title, number, None,
                                    "Bản ghi thuộc đơn vị khác; không cập nhật được từ tệp này."))
            return None
        return record.id, record_values(record, form_key)
    return _by_natural_key(session, model, form_key, raw, index)


def _by_natural_key(
    session: Session, model: Any, form_key: str, raw: dict[str, Any], index: _Index
) -> tuple[str, dict[str, Any]] | None:
    key = natural_key(form_key, _cleaned_for_key(form_key, raw))
    rid = index.by_key.get((form_key, key)) if key is not None else None
    if rid is None or (form_key, key) in index.planned_rows:
        return None
    record = session.get(model, rid)
    return (rid, record_values(record, form_key)) if record is not None else None


def _cleaned_for_key(form_key: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The natural-key fields parsed as validate() would (a year typed "1.980" is 1980)."""
    form = get_form(form_key)
    keys = {f.key for f in form.fields}
    partial = {k: v for k, v in raw.items() if k in keys}
    cleaned = validate(form, partial).cleaned
    return {k: cleaned.get(k) if k in keys else v for k, v in raw.items()}


def _preview_attendance(
    session: Session, preview: ImportPreview, sheet: SheetData, index: _Index
) -> None:
    """Named attendees (UUIDs only: this sheet comes from an HTX Desktop export)."""
    for number, values in sheet.rows:
        got = {k: (values[c] if c < len(values) else None) for c, k in sheet.columns.items()}
        if any(isinstance(v, Formula) for v in got.values()):
            preview.problems.append(Problem(sheet.title, number, None, FORMULA_PROBLEM))
            continue
        if str(got.get(META_DELETED) or "").strip().casefold() in ("có", "co"):
            preview.skipped_deleted += 1
            continue
        given = _uuid(got.get(META_ID))
        rid = given or new_uuid()
        session_id = _uuid(got.get("session_id"))
        person = {k: _uuid(got.get(k)) for k in ("manager_id", "cadre_id")}
        problem = None
        if got.get(META_ID) not in (None, "") and given is None:
            problem = NOT_UUID_PROBLEM
        elif given and (taken := id_taken_by_other_type(session, index.ids, ATTENDANCE, given)):
            problem = taken
        elif session_id is None or index.ids.get(session_id) != "training_session":
            problem = "Không tìm thấy lớp tập huấn có mã này."
        elif not any(person.values()):
            problem = "Thiếu mã người quản lý hoặc mã cán bộ."
        elif person["manager_id"] and index.ids.get(person["manager_id"]) != "manager":
            problem = "Không tìm thấy người quản lý có mã này."
        elif person["cadre_id"] and index.ids.get(person["cadre_id"]) != "union_cadre":
            problem = "Không tìm thấy cán bộ Hội có mã này."
        if problem:
            preview.problems.append(Problem(sheet.title, number, None, problem))
            continue
        existing = session.get(TrainingAttendance, rid)
        action = UNCHANGED if existing is not None and not existing.deleted else CREATE
        if existing is not None and existing.deleted:
            continue
        index.ids[rid] = ATTENDANCE
        values_out = {"session_id": session_id, **person}
        preview.rows.append(PlannedRow("training_attendance", sheet.title, number, action, rid,
                                       values_out))


def apply_import(session: Session, preview: ImportPreview) -> dict[str, int]:
    """Write the previewed plan in the caller's transaction and note it in the ledger.

    The same checks run again inside create/update (the registry's one write path), so a
    database changed between preview and apply cannot receive an invalid record."""
    from htx_desktop.registry.records import update_record

    ctx = ValidationContext(communes=set(preview.communes))
    for row in preview.rows:
        if row.action == CREATE and row.form_key == "training_attendance":
            session.add(TrainingAttendance(id=row.record_id, unit_code=preview.unit_code,
                                           **row.values))
            session.flush()
        elif row.action == CREATE:
            create_record(session, row.form_key, row.values, preview.unit_code, ctx,
                          record_id=row.record_id)
        elif row.action == UPDATE:
            update_record(session, row.form_key, row.record_id, row.values, ctx)
    counts = preview.counts()
    session.add(
        ImportLedger(
            bundle_sha256=preview.sha256,
            file_name=preview.path.name[:300],
            unit_code=preview.unit_code,
            period=None,
            received_at=utcnow(),
            result="imported" if preview.changes else "no_change",
            signed=False,
            counts={**counts, "source": "xlsx", "encoding": preview.encoding},
            message=preview.summary_vi()[:2000],
        )
    )
    session.flush()
    return counts
