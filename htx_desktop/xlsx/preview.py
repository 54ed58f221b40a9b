"""What a dry run found: the plan row by row, the problems where the officer finds them in
Excel, and how each sheet's headers were read (so an old list's columns can be checked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htx_desktop.xlsx.reading import SheetData

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"



@dataclass(frozen=True)
class Problem:
    """One thing wrong, where the officer can find it in Excel."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    level: str = "error"  # error: the row is left out; warning: imported anyway; note: said

    def text(self) -> str:
        where = [f"Bảng “{self.sheet}”"]
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message, "level": self.level}


@dataclass(frozen=True)
class ColumnReading:
    """How one header was understood: the dry run shows it so that an officer whose old list
    says "Hợp tác xã" sees it read as the HTX the person belongs to, before anything is stored."""

    sheet: str
    column: str  # the column's letter
    header: str  # as written in the workbook
    key: str  # field or link key, or a META_* key of reading.py
    label: str  # what the key means, in Vietnamese

    def text(self) -> str:
        return f"Bảng “{self.sheet}”, cột {self.column} “{self.header}” → {self.label}"

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "column": self.column, "header": self.header,
                "field": self.key, "label": self.label}


@dataclass
class PlannedRow:
    form_key: str
    sheet: str
    row: int
    action: str
    record_id: str
    values: dict[str, Any]
    label: str = ""


@dataclass
class ImportPreview:
    path: Path
    unit_code: str
    sha256: str
    encoding: str
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: dict[str, str] = field(default_factory=dict)  # sheet title -> form key
    skipped_deleted: int = 0
    columns_read: list[ColumnReading] = field(default_factory=list)
    communes: frozenset[str] = frozenset()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def rejected_rows(self) -> int:
        return len({(p.sheet, p.row) for p in self.errors if p.row is not None})

    def counts(self) -> dict[str, int]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts | {"rejected": self.rejected_rows, "deleted_skipped": self.skipped_deleted}

    @property
    def changes(self) -> int:
        counts = self.counts()
        return counts[CREATE] + counts[UPDATE]

    def summary_vi(self) -> str:
        c = self.counts()
        text = (f"thêm mới {c[CREATE]}, cập nhật {c[UPDATE]}, không đổi {c[UNCHANGED]} bản ghi; "
                f"{c['rejected']} dòng có lỗi bị bỏ qua")
        if self.encoding != "unicode":
            text += f" (đã chuyển chữ từ bảng mã {self.encoding.upper()} sang Unicode)"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "unit_code": self.unit_code,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "sheets": self.sheets,
            "counts": self.counts(),
            "summary": self.summary_vi(),
            "columns": [c.as_dict() for c in self.columns_read],
            "problems": [p.as_dict() for p in self.problems],
        }


#: What the reader's own keys mean (reading.META_*, link keys), for `ColumnReading.label`.
META_LABELS = {
    "@id": "mã bản ghi (UUID)",
    "@unit": "đơn vị sở hữu",
    "@revision": "lần sửa",
    "@deleted": "đã xóa",
    "cooperative_id": "HTX của dòng này (theo mã hoặc tên HTX)",
    "group_id": "tổ hợp tác của dòng này (theo mã hoặc tên)",
    "session_id": "mã lớp tập huấn",
    "manager_id": "mã người quản lý",
    "cadre_id": "mã cán bộ",
}


def key_label(key: str, field_labels: dict[str, str]) -> str:
    """A column key in words: the form's label of a field, or what a link/meta column holds."""
    if key.startswith("@uuid:"):
        return "mã bản ghi (UUID) của " + META_LABELS.get(key[6:], key[6:]).split(" (")[0]
    return field_labels.get(key) or META_LABELS.get(key, key)


def columns_read(sheet: SheetData) -> list[ColumnReading]:
    """Every header of a sheet that was read, with the field it was read as."""
    from openpyxl.utils import get_column_letter

    from htx_desktop.registry.forms import default_forms

    form = default_forms().get(sheet.form_key)
    labels = {f.key: f.label_vi for f in form.fields} if form is not None else {}
    return [
        ColumnReading(sheet.title, get_column_letter(col + 1), sheet.headers[col], key,
                      key_label(key, labels))
        for col, key in sorted(sheet.columns.items())
    ]


def not_record_notes(sheet: SheetData) -> list[Problem]:
    """Totals and the footer, said in the dry run as notes (never errors)."""
    notes = []
    for number, kind, text in sheet.not_records:
        if kind == "total":
            message = f"Dòng tổng (“{text}”), không phải bản ghi; bỏ qua."
        else:
            end = f" đến dòng {sheet.last_row}" if sheet.last_row > number else ""
            message = (f"Phần chân trang (“{text}”: chữ ký, ngày tháng) từ dòng {number}{end}, "
                       "không phải bản ghi; bỏ qua.")
        notes.append(Problem(sheet.title, number, None, message, "note"))
    return notes
