"""One entry point for every printed document, shared by the GUI and the command line.

`build_document` checks what was asked against the profile (a consolidated report needs a
district or province, a profile sheet needs a record), builds the document and writes it to a
temporary file that replaces `out_path` only once it is complete.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.registry.profile import LEVEL_LABELS, get_profile
from htx_desktop.reports.decree30 import Document, write_atomically
from htx_desktop.reports.errors import NO_PROFILE, ReportError
from htx_desktop.reports.header import ReportHeader, load_header
from htx_desktop.storage.units import COMMUNE

PERIODIC = "periodic"
CONSOLIDATED = "consolidated"
PROFILE = "profile"
ATTENDANCE = "attendance"
KINDS: tuple[str, ...] = (PERIODIC, CONSOLIDATED, PROFILE, ATTENDANCE)
PDF = "pdf"
DOCX = "docx"
#: The files a document is written as: the PDF to print and hand in, the Word file to edit.
FORMATS: tuple[str, ...] = (PDF, DOCX)

#: What each kind is called in messages.
KIND_LABELS: dict[str, str] = {
    PERIODIC: "báo cáo định kỳ",
    CONSOLIDATED: "báo cáo tổng hợp",
    PROFILE: "phiếu thông tin HTX/tổ hợp tác",
    ATTENDANCE: "danh sách ký tên học viên",
}


def _period(period: str | ReportPeriod | None, kind: str) -> ReportPeriod:
    if period is None or (isinstance(period, str) and not period.strip()):
        raise ReportError(
            f"Hãy cho biết kỳ báo cáo của {KIND_LABELS[kind]}: “2025-H1” (6 tháng đầu năm) "
            "hoặc “2025” (cả năm)."
        )
    try:
        return ReportPeriod.parse(period)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc


def _record_id(record_id: str | None, kind: str) -> str:
    if not record_id or not record_id.strip():
        what = "HTX hoặc tổ hợp tác" if kind == PROFILE else "lớp tập huấn"
        label = KIND_LABELS[kind]
        raise ReportError(f"{label[:1].upper()}{label[1:]} cần mã của {what} (--record MÃ).")
    return record_id.strip()


def make_document(
    session: Session,
    kind: str,
    period: str | ReportPeriod | None,
    record_id: str | None = None,
    header: ReportHeader | None = None,
    include_personal: bool = True,
    issued_on: date | None = None,
) -> Document:
    """The document's content, not yet laid out (the GUI may preview or render it)."""
    if kind not in KINDS:
        raise ReportError(
            f"Không có loại tài liệu “{kind}”; chọn một trong: {', '.join(KINDS)}."
        )
    profile = get_profile(session)
    if profile is None:
        raise ReportError(NO_PROFILE)
    header = header or load_header(session, profile)
    unit = profile.unit
    if kind == PERIODIC:
        from htx_desktop.reports.periodic import periodic_document

        return periodic_document(
            session, unit, header, _period(period, kind),
            include_personal=include_personal, issued_on=issued_on,
        )
    if kind == CONSOLIDATED:
        if unit.level == COMMUNE:
            raise ReportError(
                f"Báo cáo tổng hợp chỉ lập ở cấp huyện/cụm hoặc cấp tỉnh, còn đơn vị trong hồ "
                f"sơ là “{unit.name}” ({LEVEL_LABELS[unit.level]}). Ở cấp xã hãy in báo cáo "
                "định kỳ (--kind periodic)."
            )
        from htx_desktop.reports.consolidated import consolidated_document

        return consolidated_document(
            session, unit, header, _period(period, kind),
            include_personal=include_personal, issued_on=issued_on,
        )
    chosen = _record_id(record_id, kind)
    reported = _period(period, kind) if period else None
    if kind == PROFILE:
        from htx_desktop.reports.profile_sheet import profile_document

        return profile_document(
            session, chosen, header, period=reported, include_personal=include_personal,
            issued_on=issued_on,
        )
    from htx_desktop.reports.attendance import attendance_document

    return attendance_document(session, chosen, header)


def build_document(
    session: Session,
    kind: str,
    period: str | ReportPeriod | None,
    out_path: Path | str,
    record_id: str | None = None,
    header: ReportHeader | None = None,
    include_personal: bool = True,
    issued_on: date | None = None,
    signed: bool = False,
    file_format: str | None = None,
) -> Path:
    """Make one document (`KINDS`) and write it to `out_path`; returns the path.

    `period` ("2025-H1" or "2025") is needed by the periodic and consolidated reports and
    optional elsewhere; `record_id` names the HTX/THT of a profile sheet or the training session
    of a sign-in sheet; `header` overrides the saved one; `include_personal=False` leaves out
    birth years, phone numbers and ethnicity (and THT leaders' names in lists) for receivers
    who need no personal data; `issued_on` is the document's date (today by default);
    `signed=True` is for a copy that will be signed digitally: without a number it has no
    number line rather than a blank nobody can fill in. `file_format` ("pdf" or "docx") is
    taken from the file's extension when not given: the Word file is the same document
    (`docx_render`), for offices that edit and stamp the final copy."""
    chosen = file_format or (DOCX if Path(out_path).suffix.lower() == ".docx" else PDF)
    if chosen not in FORMATS:
        raise ReportError(f"Không lưu được dạng “{chosen}”; chọn một trong: {', '.join(FORMATS)}.")
    if period is not None and not isinstance(period, ReportPeriod) and str(period).strip():
        _period(period, kind if kind in KINDS else PERIODIC)  # a bad period fails before work
    if signed:
        profile = get_profile(session)
        if profile is None:
            raise ReportError(NO_PROFILE)
        header = replace(header or load_header(session, profile), blank_number=False)
    document = make_document(
        session, kind, period, record_id, header, include_personal, issued_on
    )
    out = Path(out_path)
    if not out.parent.is_dir():
        raise ReportError(f"Không có thư mục “{out.parent}” để lưu tệp; hãy chọn nơi lưu khác.")
    if chosen == DOCX:
        from htx_desktop.reports.docx_render import write_docx_atomically

        write_docx_atomically(document, out)
    else:
        write_atomically(document, out)
    return out
