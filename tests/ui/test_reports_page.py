"""The reports page driven as an officer drives it: choose, preview, edit the header, save and
print, on a commune's demo database. Documents are really built (reportlab on the task runner)
and really shown (PDFium); the save dialog and the print dialog are replaced through their hooks
(`ctx.prompts`, `ctx.printing`), so no modal dialog ever blocks the run."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from vn_typing import type_text

from htx_desktop.registry.profile import create_profile
from htx_desktop.reports.build import ATTENDANCE, CONSOLIDATED, PERIODIC, PROFILE
from htx_desktop.reports.header import load_header
from htx_desktop.reports.requests import (
    ReportRequest,
    ascii_slug,
    place_slug,
    suggested_file_name,
)
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, TrainingSession
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.reports_page import ReportsPage
from htx_desktop.ui.passphrase_dialog import ScriptedPrompts
from htx_desktop.ui.pdf_preview import PdfFile, PdfPreview, PrintToFile, print_document
from htx_desktop.ui.report_header_dialog import ReportHeaderDialog

UNIT = "21211"  # Xã Tịnh Khê
TODAY = date(2026, 1, 15)
BUILD_TIMEOUT = 60_000
NATIONAL_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_template(template_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Xã Tịnh Khê's demo data under a commune chair's profile, made once per module."""
    from htx_desktop.demo import fill_demo

    path = tmp_path_factory.mktemp("reports") / "demo.sqlite3"
    shutil.copyfile(template_db_path, path)
    db = open_database(path)
    with db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(session, UNIT, seed=1)
    db.close()
    return path


@pytest.fixture
def report_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "htx.sqlite3"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def open_page(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], report_db: Database
) -> Iterator[Callable[[], ReportsPage]]:
    """`open_page()`: the page shown on its own context, its choices loaded."""

    def make() -> ReportsPage:
        ctx = make_ctx(report_db)
        page = ReportsPage(ctx, today=TODAY)
        qtbot.addWidget(page)
        page.resize(1200, 820)
        with qtbot.waitSignal(page.choices_loaded, timeout=10_000):
            page.show()
        return page

    yield make
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.close()


def choose_period(page: ReportsPage, code: str) -> None:
    index = page.period_combo.findData(code)
    assert index >= 0, code
    page.period_combo.setCurrentIndex(index)


def preview(qtbot: QtBot, page: ReportsPage) -> int:
    """Click "Xem trước" and wait for the document; returns its page count."""
    with qtbot.waitSignal(page.preview_ready, timeout=BUILD_TIMEOUT) as blocker:
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
        assert page.busy_bar.isVisible()  # the build runs off the GUI thread
        assert not page.preview_button.isEnabled()
    assert not page.busy_bar.isVisible()
    return int(blocker.args[0])


def pdf_text(path: Path) -> str:
    """The file's text as poppler reads it (a second reader besides PDFium), if installed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def poppler_page_count(path: Path) -> int | None:
    """The page count poppler's `pdfinfo` reads (a second reader), None when not installed."""
    if shutil.which("pdfinfo") is None:
        return None
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = [line.split()[-1] for line in result.stdout.splitlines() if line.startswith("Pages:")]
    return int(pages[0])


def tones(image: QImage) -> tuple[float, float]:
    """The shares of white (paper) and dark (print) pixels in `image`."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    row = gray.width()
    data = bytes(gray.constBits())
    pixels = b"".join(
        data[y * gray.bytesPerLine() : y * gray.bytesPerLine() + row] for y in range(gray.height())
    )
    white = sum(pixels.count(bytes([v])) for v in range(245, 256))
    ink = sum(pixels.count(bytes([v])) for v in range(0, 110))
    return white / len(pixels), ink / len(pixels)


def difference(first: QImage, second: QImage) -> float:
    """How far two page images differ (0: identical, 1: black against white), in grey levels
    of thumbnails: one print of a page and another differ in their anti-aliasing only."""
    a, b = (
        image.scaled(
            first.width() // 4,
            first.height() // 4,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ).convertToFormat(QImage.Format.Format_Grayscale8)
        for image in (first, second)
    )
    data_a, data_b = bytes(a.constBits()), bytes(b.constBits())
    total = 0
    for y in range(a.height()):
        start = y * a.bytesPerLine()
        row_a = data_a[start : start + a.width()]
        row_b = data_b[start : start + a.width()]
        total += sum(abs(p - q) for p, q in zip(row_a, row_b, strict=True))
    return total / (255 * a.width() * a.height())


def asked(page: ReportsPage) -> list[tuple[str, str, str]]:
    return [(a.kind, a.title, a.text) for a in page.ctx.interaction.asked]  # type: ignore[attr-defined]


def header_dialog(qtbot: QtBot, page: ReportsPage) -> ReportHeaderDialog:
    qtbot.mouseClick(page.header_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.header_dialog is not None and page.header_dialog.isVisible())
    assert page.header_dialog is not None
    return page.header_dialog


# --- preview -----------------------------------------------------------------------------------


def test_preview_of_the_periodic_report(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], tmp_path: Path
) -> None:
    page = open_page()
    assert page.current_kind() == PERIODIC
    assert page.unit_label.text() == "Xã Tịnh Khê (cấp xã/phường)"
    assert page.current_period() == "2025"  # the latest period already over on TODAY
    periods = [page.period_combo.itemData(i) for i in range(page.period_combo.count())]
    assert periods[:4] == ["2026", "2026-H1", "2025", "2025-H1"]  # begun by TODAY, newest first
    assert "2023-H1" in periods and "2023" in periods and "2022" not in periods
    choose_period(page, "2025-H1")

    pages = preview(qtbot, page)
    assert pages >= 1
    assert page.preview.page_count() == pages
    assert page.preview.has_document()
    assert NATIONAL_MOTTO in page.preview.page_text(0)
    assert "6 tháng đầu năm 2025" in page.preview.text()
    assert page.preview.path is not None and page.preview.path.is_file()
    assert NATIONAL_MOTTO in pdf_text(page.preview.path)
    assert page.preview.page_label.text() == f"Trang 1/{pages}"
    assert asked(page) == []

    # The first report page is really drawn: white paper with dark print on it, once the
    # pages in sight are rendered. Looked at by a person too: the whole page as a picture.
    qtbot.waitUntil(page.preview.view.settled, timeout=10_000)
    paper = page.preview.view.page_rect(0).intersected(page.preview.view.viewport().rect())
    white, ink = tones(page.preview.view.viewport().grab(paper).toImage())
    shot_dir = Path(os.environ.get("HTX_SCREENSHOT_DIR", str(tmp_path)))
    shot_dir.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(shot_dir / "reports_page.png"))
    # Paper with print: the shaded head of the indicator table may be in sight too.
    assert white > 0.7 and 0.002 < ink < 0.2, (white, ink)

    # Another choice marks the preview as outdated; the file shown stays until rebuilt.
    page.personal_check.setChecked(True)
    assert "Xem trước" in page.message.text()
    page.personal_check.setChecked(False)
    assert page.message.text() == ""


def test_pages_can_be_walked_and_zoomed(qtbot: QtBot, open_page: Callable[[], ReportsPage]) -> None:
    page = open_page()
    choose_period(page, "2025-H1")
    pages = preview(qtbot, page)
    assert not page.preview.previous_button.isEnabled()
    if pages > 1:
        qtbot.mouseClick(page.preview.next_button, Qt.MouseButton.LeftButton)
        assert page.preview.current_page() == 1
        assert page.preview.page_label.text() == f"Trang 2/{pages}"
        assert page.preview.previous_button.isEnabled()
    page.preview.set_zoom_choice("1.0")
    assert page.state()["zoom"] == "1.0"
    page.preview.set_zoom_choice("fit_width")
    assert page.state()["zoom"] == "fit_width"


def test_consolidated_report_is_not_offered_at_commune_level(
    open_page: Callable[[], ReportsPage],
) -> None:
    page = open_page()
    assert not page.kind_enabled(CONSOLIDATED)
    assert page.kind_enabled(PERIODIC) and page.kind_enabled(PROFILE)
    assert page.kind_enabled(ATTENDANCE)
    assert not page.set_kind(CONSOLIDATED)
    assert page.current_kind() == PERIODIC
    labels = [page.kind_combo.itemText(i) for i in range(page.kind_combo.count())]
    assert labels == [
        "Báo cáo định kỳ (6 tháng/năm)",
        "Báo cáo tổng hợp (cấp huyện/cụm, cấp tỉnh)",
        "Phiếu thông tin HTX/THT",
        "Danh sách ký tên lớp tập huấn",
    ]
    page.restore_state({"kind": CONSOLIDATED})
    assert page.current_kind() == PERIODIC


# --- header ------------------------------------------------------------------------------------


def test_header_edited_for_this_report_shows_in_the_preview(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], report_db: Database
) -> None:
    page = open_page()
    choose_period(page, "2025-H1")
    dialog = header_dialog(qtbot, page)
    # Prefilled from the unit's defaults.
    assert dialog.edits["issuing_body"].text() == "HỘI LHPN XÃ TỊNH KHÊ"
    assert dialog.edits["signer_name"].text() == "Nguyễn Thị Hoa"
    assert dialog.edits["symbol"].text() == "BC-HPN"
    assert dialog.edits["number"].text() == ""
    assert "Ban Thường vụ" in dialog.recipients_edit.toPlainText()

    qtbot.keyClicks(dialog.edits["number"], "17")
    type_text(dialog.edits["signer_name"], "Trần Thị Thu Hằng", replace=True)
    type_text(dialog.recipients_edit, "\nUBND xã Tịnh Khê (b/c)")
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.header_override is not None
    assert page.header_override.number == "17"
    assert "17/BC-HPN" in page.header_note.text()

    preview(qtbot, page)
    text = page.preview.text()
    assert "Số: 17/BC-HPN" in text
    assert "Trần Thị Thu Hằng" in text
    # For this report only: nothing was saved, and another kind of document starts again
    # from the saved header (a number never carries over to a different document).
    with report_db.session() as session:
        assert load_header(session).signer_name == "Nguyễn Thị Hoa"
    page.set_kind(PROFILE)
    assert page.header_override is None
    assert page.header_note.text() == "Đầu văn bản: theo mặc định đã lưu."
    assert asked(page) == []


def test_header_saved_as_default_keeps_all_but_the_number(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], report_db: Database
) -> None:
    page = open_page()
    choose_period(page, "2025-H1")
    preview(qtbot, page)
    dialog = header_dialog(qtbot, page)
    qtbot.keyClicks(dialog.edits["number"], "09")
    type_text(dialog.edits["place"], "Sơn Tịnh", replace=True)
    type_text(dialog.recipients_edit, "Như trên\nHội LHPN tỉnh (b/c)", replace=True)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Đã lưu" in dialog.message.text()
    with report_db.session() as session:
        stored = load_header(session)
    assert stored.place == "Sơn Tịnh"
    assert stored.recipients == ("Như trên", "Hội LHPN tỉnh (b/c)")
    assert stored.number == ""  # a number belongs to one document
    # The saved default changes the document: the preview is marked outdated.
    assert "Xem trước" in page.message.text()

    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.mouseClick(
            dialog.findChild(type(dialog.ok_button), "headerCancel"), Qt.MouseButton.LeftButton
        )
    assert page.header_override is None
    preview(qtbot, page)
    text = page.preview.text()
    assert "Sơn Tịnh, ngày" in text
    assert "Hội LHPN tỉnh (b/c)" in text


# --- saving and printing -----------------------------------------------------------------------


def test_save_pdf_builds_and_writes_the_file_under_an_ascii_name(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], tmp_path: Path
) -> None:
    page = open_page()
    choose_period(page, "2025-H1")
    target = tmp_path / "Báo cáo 6 tháng"  # no extension: .pdf is added
    prompts = ScriptedPrompts(save_paths=[target])
    page.ctx.prompts = prompts  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.saved, timeout=BUILD_TIMEOUT) as blocker:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # no preview first
    written = Path(blocker.args[0])
    assert written == tmp_path / "Báo cáo 6 tháng.pdf"
    assert written.read_bytes()[:5] == b"%PDF-"
    assert written.read_bytes() == page.preview.path.read_bytes()  # type: ignore[union-attr]
    kind, suggested = prompts.asked[0]
    assert kind == "save_file"
    assert Path(suggested).name == "Bao-cao-2025-H1-Tinh-Khe.pdf"
    assert page.preview.page_count() >= 1  # saving showed what was saved
    assert "Đã lưu" in page.message.text()
    assert page.state()["save_dir"] == str(tmp_path)

    # Cancelled: nothing is written, nothing is asked.
    page.ctx.prompts = ScriptedPrompts(save_paths=[None])  # type: ignore[attr-defined]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["Báo cáo 6 tháng.pdf"]
    assert asked(page) == []


def test_print_to_a_pdf_file_gives_the_same_pages(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], tmp_path: Path
) -> None:
    page = open_page()
    choose_period(page, "2025-H1")
    pages = preview(qtbot, page)
    out = tmp_path / "printed.pdf"
    printing = PrintToFile(out)
    page.ctx.printing = printing  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.printed, timeout=BUILD_TIMEOUT) as blocker:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [pages]
    assert printing.asked == [pages]
    assert out.stat().st_size > 10_000
    with PdfFile.open(out) as printed:
        assert printed.page_count() == pages
        size = printed.page_size(0)
        assert abs(size.width() - 595) < 3 and abs(size.height() - 842) < 3  # A4
        # Each page went to paper as a picture of the previewed page: not blank, and far more
        # like the page it copies than like the next one (print is a little bolder than the
        # screen's anti-aliased text, so never identical).
        shown = page.preview.document
        assert shown is not None
        first = printed.render(0, 0.5)
        assert tones(first)[1] > 0.002
        same = difference(first, shown.render(0, 0.5))
        other = difference(first, shown.render(1, 0.5))
        assert same < other / 2, (same, other)
    assert poppler_page_count(out) in (None, pages)
    assert "Đã gửi" in page.message.text()

    page.ctx.printing = PrintToFile(tmp_path / "cancelled.pdf", accept=False)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "cancelled.pdf").exists()


def test_print_honours_the_page_range_and_a_broken_file_is_refused(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], tmp_path: Path
) -> None:
    page = open_page()
    choose_period(page, "2025-H1")
    pages = preview(qtbot, page)
    assert pages >= 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert page.preview.document is not None
    assert print_document(page.preview.document, printer) == 2
    with PdfFile.open(tmp_path / "range.pdf") as printed:
        assert printed.page_count() == 2
    assert poppler_page_count(tmp_path / "range.pdf") in (None, 2)

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    preview_widget = PdfPreview()
    qtbot.addWidget(preview_widget)
    assert not preview_widget.load(broken)
    assert preview_widget.page_count() == 0
    assert not preview_widget.has_document()


# --- the other documents -----------------------------------------------------------------------


def test_profile_sheet_of_a_chosen_htx(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], report_db: Database
) -> None:
    page = open_page()
    assert page.set_kind(PROFILE)
    chooser = page.organisation_chooser
    assert chooser.isVisible() and not page.session_chooser.isVisible()
    labels = chooser.labels()
    assert labels[:3] == sorted(labels[:3], key=str.casefold)  # HTX first, by name
    assert any(label.startswith("Tổ hợp tác") for label in labels)

    qtbot.keyClicks(chooser.search, "nuoc mam")  # without accents
    assert chooser.labels() == ["HTX Nước mắm Tịnh Khê"]
    assert chooser.current_label() == "HTX Nước mắm Tịnh Khê"
    type_text(chooser.search, "chăn nuôi", replace=True)  # with accents
    assert chooser.labels() == ["HTX Chăn nuôi Tịnh Khê"]
    with report_db.session() as session:
        expected_id = session.scalars(
            select(Cooperative.id).where(Cooperative.name == "HTX Chăn nuôi Tịnh Khê")
        ).one()
    assert page.current_request().record_id == expected_id

    preview(qtbot, page)
    text = page.preview.text()
    assert "HTX Chăn nuôi Tịnh Khê" in text
    assert "PHIẾU THÔNG TIN" in text
    name = suggested_file_name(page.shown_request, "Xã Tịnh Khê", chooser.current_label())  # type: ignore[arg-type]
    assert name == "Phieu-thong-tin-HTX-Chan-nuoi-Tinh-Khe.pdf"


def test_sign_in_sheet_of_a_chosen_training_session(
    qtbot: QtBot, open_page: Callable[[], ReportsPage]
) -> None:
    page = open_page()
    assert page.set_kind(ATTENDANCE)
    assert not page.period_combo.isEnabled() and not page.personal_check.isEnabled()
    chooser = page.session_chooser
    assert chooser.labels()[0].startswith("14/04/2025")  # newest first
    qtbot.keyClicks(chooser.search, "vietgap")
    assert len(chooser.labels()) == 1
    preview(qtbot, page)
    assert "VietGAP" in page.preview.text()
    assert page.current_request().period is None


def test_a_document_that_cannot_be_made_says_why_in_vietnamese(
    qtbot: QtBot, open_page: Callable[[], ReportsPage], report_db: Database
) -> None:
    page = open_page()
    page.set_kind(PROFILE)
    qtbot.keyClicks(page.organisation_chooser.search, "khong co ai ten the nay")
    assert page.organisation_chooser.labels() == []
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert asked(page)[-1][:2] == ("error", "Chưa chọn đủ")
    assert "Hãy chọn HTX" in asked(page)[-1][2]

    # The HTX chosen is deleted meanwhile (in another window, say): the document's own message.
    type_text(page.organisation_chooser.search, "nước mắm", replace=True)
    chosen = page.organisation_chooser.current_id()
    with report_db.session() as session:
        coop = session.get(Cooperative, chosen)
        assert coop is not None
        coop.deleted = True
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked(page)) == 2, timeout=BUILD_TIMEOUT)
    kind, title, text = asked(page)[-1]
    assert (kind, title) == ("error", "Không lập được tài liệu")
    assert "Traceback" not in text and "không tìm thấy" in text.casefold()
    assert page.preview_button.isEnabled() and not page.busy_bar.isVisible()
    assert page.preview.page_count() == 0


def test_province_officer_previews_the_consolidated_report(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], province_demo_db: Database
) -> None:
    page = ReportsPage(make_ctx(province_demo_db), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 820)
    with qtbot.waitSignal(page.choices_loaded, timeout=10_000):
        page.show()
    assert page.unit_label.text() == "Quảng Ngãi (cấp tỉnh)"
    assert page.set_kind(CONSOLIDATED)
    choose_period(page, "2025-H1")
    assert preview(qtbot, page) > 1
    assert NATIONAL_MOTTO in page.preview.page_text(0)
    assert asked(page) == []
    # Many communes: each HTX/THT says where it is.
    labels = page.organisation_chooser.labels()
    assert labels and all(" — " in label for label in labels)
    request = page.shown_request
    assert request is not None
    assert (
        suggested_file_name(request, page.ctx.scope.unit_name, "")
        == "Bao-cao-tong-hop-2025-H1-Quang-Ngai.pdf"
    )


def test_training_sessions_of_other_units_are_not_offered(
    open_page: Callable[[], ReportsPage], report_db: Database
) -> None:
    page = open_page()
    with report_db.session() as session:
        titles = set(
            session.scalars(select(TrainingSession.title).where(TrainingSession.deleted.is_(False)))
        )
    offered = {label.split(" · ", 1)[1] for label in page.session_chooser.labels()}
    assert offered == titles


def test_state_round_trip(qtbot: QtBot, open_page: Callable[[], ReportsPage]) -> None:
    page = open_page()
    page.set_kind(PROFILE)
    choose_period(page, "2024")
    page.personal_check.setChecked(True)
    state = page.state()
    other = open_page()
    other.restore_state(state)
    assert other.current_kind() == PROFILE
    assert other.current_period() == "2024"
    assert other.personal_check.isChecked()
    other.restore_state({"kind": "nonsense", "period": 5, "split": "x", "zoom": 3})
    assert other.current_kind() == PROFILE


# --- file names (pure) -------------------------------------------------------------------------


def test_file_names_are_ascii() -> None:
    assert ascii_slug("Hợp tác xã Đồng Tâm!") == "Hop-tac-xa-Dong-Tam"
    assert place_slug("Xã Tịnh Khê") == "Tinh-Khe"
    assert place_slug("Phường Trương Quang Trọng") == "Truong-Quang-Trong"
    assert place_slug("Huyện Sơn Tịnh cũ") == "Son-Tinh"
    assert place_slug("Tỉnh Quảng Ngãi") == "Quang-Ngai"
    assert place_slug("Thành phố Hà Nội") == "Ha-Noi"
    periodic = ReportRequest(PERIODIC, "2025-H1", None, True, None)
    assert suggested_file_name(periodic, "Xã Tịnh Khê", "") == "Bao-cao-2025-H1-Tinh-Khe.pdf"
    consolidated = ReportRequest(CONSOLIDATED, "2025", None, True, None)
    assert (
        suggested_file_name(consolidated, "Tỉnh Quảng Ngãi", "")
        == "Bao-cao-tong-hop-2025-Quang-Ngai.pdf"
    )
    attendance = ReportRequest(ATTENDANCE, None, "x", True, None)
    assert (
        suggested_file_name(attendance, "Xã Tịnh Khê", "14/04/2025 · Dạy nghề may")
        == "Danh-sach-hoc-vien-Day-nghe-may.pdf"
    )
