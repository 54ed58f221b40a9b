"""The blank Excel template officers fill by hand (or paste an old list into) and import.

It has exactly the sheets and columns of the workbook a bundle carries (`exchange.workbook`),
so one importer reads both, and a workbook exported from one database can be corrected in Excel
and imported into another. On top of that it helps the person typing: a drop-down of the
allowed labels on every choice column, a short hint on every column (Excel shows it when the
cell is selected), and a first sheet "Hướng dẫn" that says how to fill it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from htx_desktop.collation import unit_key
from htx_desktop.exchange.workbook import (
    ATTENDANCE_HEADERS,
    ATTENDANCE_SHEET,
    DELETED_HEADER,
    ID_HEADER,
    REVISION_HEADER,
    SHEETS,
    UNIT_HEADER,
    headers,
    sheet_fields,
)
from htx_desktop.registry.forms import FieldSpec, get_form

INSTRUCTIONS_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
#: Rows the drop-downs and hints cover (Excel stores a range, not one rule per cell).
TEMPLATE_ROWS = 2000
YES_NO = ("Có", "Không")

_META_HINTS: dict[str, str] = {
    ID_HEADER: "Để trống khi thêm mới. Đã có mã (bảng xuất từ HTX Desktop) thì giữ nguyên "
    "để cập nhật đúng bản ghi đó.",
    UNIT_HEADER: "Để trống: ứng dụng tự ghi đơn vị của chị.",
    REVISION_HEADER: "Để trống; ứng dụng tự đánh số.",
    DELETED_HEADER: "Để trống. Dòng ghi “Có” được bỏ qua khi nhập.",
    "Mã HTX": "Mã số HTX (10 chữ số) hoặc tên HTX đúng như ở bảng “Hợp tác xã”.",
    "Mã THT": "Tên tổ hợp tác đúng như ở bảng “Tổ hợp tác”.",
}

_INSTRUCTIONS: tuple[str, ...] = (
    "HƯỚNG DẪN ĐIỀN MẪU EXCEL — HTX DESKTOP",
    "",
    "1. Mỗi bảng (trang tính) là một loại hồ sơ: Hợp tác xã, Tổ hợp tác, Người quản lý, "
    "Số liệu theo kỳ, Cán bộ Hội, Lớp tập huấn. Mỗi dòng là một bản ghi; không đổi tên bảng "
    "và không xóa dòng tiêu đề.",
    "2. Bấm vào một ô để xem gợi ý cách điền. Cột có mũi tên thì chọn trong danh sách.",
    "3. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2026. Số gõ thẳng vào ô (ô đã định dạng "
    "số), ví dụ 1500 hoặc 12,5. Nếu dán số dạng chữ: 1.500.000 hay 1,500,000 đều được; "
    "“1.500” ở cột có phần lẻ dễ nhầm (1500 hay 1,5) nên hãy ghi 1.500,0 hoặc 1,50.",
    "4. Cột Có/Không: chọn “Có”, hoặc để trống nghĩa là “Không”.",
    "5. Cột “Nội dung” của lớp tập huấn có thể ghi nhiều nội dung, cách nhau bằng dấu chấm "
    "phẩy (;).",
    "6. Người quản lý và số liệu theo kỳ phải gắn với một HTX (cột “Mã HTX”: mã số hoặc tên "
    "HTX) hoặc một tổ hợp tác (cột “Mã THT”: tên tổ hợp tác) — chỉ điền một trong hai cột.",
    "7. Cột “Mã bản ghi (UUID)”, “Đơn vị sở hữu”, “Phiên bản”, “Đã xóa” để trống khi thêm "
    "mới. Bảng xuất từ HTX Desktop đã có mã: giữ nguyên để nhập lại thì cập nhật chứ không "
    "nhân đôi. HTX đã có trong máy được nhận ra theo mã số HTX.",
    "8. Thông tin cá nhân (họ tên, năm sinh, số điện thoại, dân tộc) chỉ ghi khi người đó đã "
    "đồng ý, và đánh dấu “Có” ở cột đồng ý.",
    "9. Nhập vào ứng dụng: trang Xuất/Nhập dữ liệu → “Nhập từ Excel”. Ứng dụng kiểm tra "
    "thử trước và liệt kê mọi lỗi theo bảng, dòng, cột; chưa ghi gì cho tới khi chị bấm "
    "“Nhập”. Dòng có lỗi được bỏ qua, sửa xong có thể nhập lại tệp.",
    "10. Danh sách cũ gõ bằng phông .VnTime (TCVN3) hoặc VNI-Times cũng nhập được, kể cả khi "
    "các ô trộn lẫn nhiều bảng mã: ứng dụng nhận ra từng ô và chuyển sang Unicode.",
    "11. Danh sách cũ không cần đúng tiêu đề của mẫu: cột “Tên HTX”, “Hợp tác xã”, “Mã số HTX”, "
    "“Họ và tên”, “Chức vụ”, “Năm sinh”… được nhận theo nghĩa (bản kiểm tra thử ghi rõ cột nào "
    "được đọc thành trường nào). Dòng “Tổng cộng”, “Cộng” và phần chữ ký, ngày tháng cuối bảng "
    "được bỏ qua. Người quản lý có thể ghi tên HTX thay cho mã số.",
)


def _hint(spec: FieldSpec) -> str:
    """What to type, in the officer's words (Excel limits a prompt to 255 characters)."""
    parts: list[str] = []
    if spec.required:
        parts.append("Bắt buộc.")
    kind = spec.type
    if kind == "date":
        parts.append("Ngày/tháng/năm, ví dụ 05/01/2026.")
    elif kind in ("integer", "decimal"):
        bounds = []
        if isinstance(spec.min, int | float):
            bounds.append(f"từ {spec.min:g}")
        if isinstance(spec.max, int | float):
            bounds.append(f"đến {spec.max:g}")
        what = "Số nguyên" if kind == "integer" else "Số, phần lẻ sau dấu phẩy"
        parts.append(f"{what} {' '.join(bounds)}.".replace(" .", "."))
    elif kind == "boolean":
        parts.append("Chọn Có, hoặc để trống nghĩa là Không.")
    elif kind == "choice" and spec.choices_from == "communes":
        parts.append("Tên xã/phường (hoặc mã đơn vị).")
    elif kind == "choice":
        parts.append("Chọn trong danh sách.")
    elif kind == "multi_choice":
        parts.append("Một hoặc nhiều nội dung, cách nhau bằng dấu ;")
    if spec.pattern_message_vi:
        parts.append(spec.pattern_message_vi)
    elif spec.help_vi:
        parts.append(spec.help_vi)
    return " ".join(parts)[:255]


class _Lists:
    """Values of the drop-downs, one column each on a hidden sheet (an inline list is
    limited to 255 characters and breaks on labels containing commas)."""

    def __init__(self, wb: Any) -> None:
        self.ws = wb.create_sheet(LISTS_SHEET)
        self.ws.sheet_state = "hidden"
        self.columns: dict[tuple[str, ...], str] = {}

    def formula(self, values: Sequence[str]) -> str:
        from openpyxl.utils import get_column_letter

        key = tuple(values)
        if key not in self.columns:
            col = len(self.columns) + 1
            for row, value in enumerate(values, start=1):
                self.ws.cell(row=row, column=col, value=value)
            letter = get_column_letter(col)
            self.columns[key] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"
        return self.columns[key]


def write_template(out: Path | IO[bytes], communes: Sequence[str] = ()) -> None:
    """Write the template; `communes` (names) fills the commune drop-down when known, in
    Vietnamese alphabetical order of the names without their division word."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    communes = sorted(communes, key=unit_key)
    wb = Workbook()
    guide = wb.active
    guide.title = INSTRUCTIONS_SHEET
    guide.column_dimensions["A"].width = 110
    for row, line in enumerate(_INSTRUCTIONS, start=1):
        cell = guide.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=13)

    lists = _Lists(wb)
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    meta_fill = PatternFill("solid", fgColor="EDEDED")
    for form_key, title, links in SHEETS:
        ws = wb.create_sheet(title, index=len(wb.sheetnames) - 1)
        titles = headers(form_key, links)
        fields = {f.label_vi: f for f in sheet_fields(form_key)}
        for col, header in enumerate(titles, start=1):
            cell = ws.cell(row=1, column=col, value=header)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            spec = fields.get(header)
            if spec is None:
                cell.fill = meta_fill
            elif spec.required:
                cell.fill = required_fill
            ws.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(header) + 4))
            _add_validation(ws, col, header, spec, lists, communes, DataValidation)
            fmt = number_format(spec) if spec is not None else None
            if fmt is not None:  # the column's style: what the officer types takes it
                ws.column_dimensions[get_column_letter(col)].number_format = fmt
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 45
    ws = wb.create_sheet(ATTENDANCE_SHEET, index=len(wb.sheetnames) - 1)
    for col, header in enumerate(ATTENDANCE_HEADERS, start=1):
        ws.cell(row=1, column=col, value=header).font = bold
        ws.column_dimensions[get_column_letter(col)].width = 38
    ws.freeze_panes = "A2"
    wb.active = 0
    wb.save(out)


def _add_validation(
    ws: Any,
    col: int,
    header: str,
    spec: FieldSpec | None,
    lists: _Lists,
    communes: Sequence[str],
    data_validation: Any,
) -> None:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    target = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
    if spec is None:
        hint = _META_HINTS.get(header)
        if hint:
            dv = data_validation(allow_blank=True)
            _prompt(dv, header, hint)
            ws.add_data_validation(dv)
            dv.add(target)
        return
    values: Sequence[str] = ()
    if spec.type == "choice" and spec.choices:
        values = [c.vi for c in spec.choices]
    elif spec.type == "choice" and spec.choices_from == "communes":
        values = list(communes)
    elif spec.type == "boolean":
        values = YES_NO
    if values:
        dv = data_validation(type="list", formula1=lists.formula(values), allow_blank=True)
        dv.showErrorMessage = True
        dv.errorTitle = "Giá trị không có trong danh sách"
        dv.error = "Hãy chọn một giá trị trong danh sách thả xuống."
    elif spec.type in _TYPED:
        dv = _typed_validation(spec, data_validation)
    else:
        dv = data_validation(allow_blank=True)
    _prompt(dv, spec.label_vi, _hint(spec))
    ws.add_data_validation(dv)
    dv.add(target)


#: Date and number columns: formatted and validated so that Excel in any display language
#: stores a real date or number (never text, never "1E+06"), which the importer reads as is.
DATE_FORMAT = "DD/MM/YYYY"
_TYPED = ("date", "integer", "decimal")
_FIRST_DAY, _LAST_DAY = 1, 73415  # Excel serials of 01/01/1900 and 31/12/2100


def number_format(spec: FieldSpec) -> str | None:
    """The cell format of a date or number column (dd/mm/yyyy; thousands grouped)."""
    if spec.type == "date":
        return DATE_FORMAT
    if spec.type == "integer":
        return "0" if "year" in spec.key else "#,##0"
    if spec.type == "decimal":
        places = spec.decimals if spec.decimals is not None else 2
        return "#,##0." + "0" * places if places else "#,##0"
    return None


def _typed_validation(spec: FieldSpec, data_validation: Any) -> Any:
    """Excel refuses text typed in a date or number cell, with a message in Vietnamese."""
    if spec.type == "date":
        dv = data_validation(type="date", operator="between", formula1=str(_FIRST_DAY),
                             formula2=str(_LAST_DAY), allow_blank=True)
        dv.errorTitle = "Ngày không hợp lệ"
        dv.error = "Hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."
    else:
        low = spec.min if isinstance(spec.min, int | float) else -999_999_999_999
        high = spec.max if isinstance(spec.max, int | float) else 999_999_999_999
        dv = data_validation(type="whole" if spec.type == "integer" else "decimal",
                             operator="between", formula1=str(low), formula2=str(high),
                             allow_blank=True)
        dv.errorTitle = "Cần một số"
        bounds = [f"từ {spec.min:g}" if isinstance(spec.min, int | float) else "",
                  f"đến {spec.max:g}" if isinstance(spec.max, int | float) else ""]
        limits = " ".join(b for b in bounds if b)
        dv.error = ("Hãy gõ một số (không gõ chữ, không gõ đơn vị), ví dụ 1500 hoặc 12,5"
                    + (f"; {limits}." if limits else "."))
    dv.showErrorMessage = True
    return dv


def _prompt(dv: Any, title: str, text: str) -> None:
    dv.showInputMessage = True
    dv.promptTitle = title[:32]  # Excel's limit for the title
    dv.prompt = text[:255]


def template_form_keys() -> list[str]:
    """The record types the template holds, in sheet order (for help and tests)."""
    return [get_form(key).key for key, _, _ in SHEETS]
