"""The commune chair finishes her half-year report in the application: she picks the period,
writes the assessment and the proposals beside the preview, goes to another page and comes
back (her text is still there, and it survives closing the window), previews the report with
her text among the figures, and saves it as PDF and as a Word file into a folder whose name
has spaces and Vietnamese letters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document as read_docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget
from pytestqt.qtbot import QtBot
from vn_typing import type_text

from htx_desktop.registry.profile import create_profile
from htx_desktop.reports.narrative import load_narrative
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.reports_page import ReportsPage
from htx_desktop.ui.passphrase_dialog import ScriptedPrompts

UNIT = "21211"  # Xã Tịnh Khê
BUILD_TIMEOUT = 60_000
ASSESSMENT = "Hội đã phối hợp hỗ trợ thành lập 2 HTX do phụ nữ quản lý."
PROPOSAL = "Đề nghị Hội LHPN tỉnh mở lớp tập huấn thương mại điện tử."


@pytest.fixture
def report_db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    from htx_desktop.demo import fill_demo

    path = tmp_path / "htx.sqlite3"
    shutil.copyfile(template_db_path, path)
    db = open_database(path)
    with db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        fill_demo(session, UNIT, seed=1)
    yield db
    db.close()


@pytest.fixture
def window(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], report_db: Database
) -> tuple[QStackedWidget, ReportsPage]:
    """The reports page among the window's pages (a stack, as the main window holds them)."""
    from datetime import date

    ctx = make_ctx(report_db)
    stack = QStackedWidget()
    page = ReportsPage(ctx, today=date(2026, 1, 15))
    stack.addWidget(page)
    stack.addWidget(QLabel("Trang chủ"))
    qtbot.addWidget(stack)
    stack.resize(1200, 820)
    with qtbot.waitSignal(page.choices_loaded, timeout=10_000):
        stack.show()
    return stack, page


def click_tab(qtbot: QtBot, page: ReportsPage, index: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentIndex() == index


def test_officer_writes_the_assessment_and_saves_pdf_and_word(
    qtbot: QtBot, window: tuple[QStackedWidget, ReportsPage], report_db: Database,
    tmp_path: Path,
) -> None:
    stack, page = window
    page.period_combo.setCurrentIndex(page.period_combo.findData("2025-H1"))
    click_tab(qtbot, page, 1)
    assessment = page.narrative.edits["assessment"]
    assert assessment.isEnabled()
    qtbot.mouseClick(assessment.viewport(), Qt.MouseButton.LeftButton)
    type_text(assessment, ASSESSMENT)
    type_text(page.narrative.edits["proposals"], PROPOSAL)

    # To another page and back: what she typed was kept when the page went out of view.
    stack.setCurrentIndex(1)
    with report_db.session() as s:
        stored = load_narrative(s, UNIT, "2025-H1")
    assert stored["assessment"] == ASSESSMENT and stored["proposals"] == PROPOSAL
    stack.setCurrentIndex(0)
    assert assessment.toPlainText() == ASSESSMENT

    # Another period has its own (empty) sections; hers come back with her period.
    page.period_combo.setCurrentIndex(page.period_combo.findData("2025"))
    assert assessment.toPlainText() == ""
    page.period_combo.setCurrentIndex(page.period_combo.findData("2025-H1"))
    assert assessment.toPlainText() == ASSESSMENT

    # The preview shows her text under its heading, after the figures.
    click_tab(qtbot, page, 0)
    with qtbot.waitSignal(page.preview_ready, timeout=BUILD_TIMEOUT):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    shown = " ".join(page.preview.text().split())
    assert "ĐÁNH GIÁ CHUNG" in shown and ASSESSMENT in shown
    assert "ĐỀ XUẤT, KIẾN NGHỊ" in shown and PROPOSAL in shown
    assert shown.index("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU") < shown.index(ASSESSMENT)

    # One more sentence marks the preview outdated, and the saved PDF carries it.
    click_tab(qtbot, page, 1)
    qtbot.keyClick(assessment, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(assessment, " Thêm một câu.")
    assert "Xem trước" in page.message.text()
    folder = tmp_path / "Báo cáo Hội LHPN xã Tịnh Khê"
    folder.mkdir()
    page.ctx.prompts = ScriptedPrompts(  # type: ignore[attr-defined]
        save_paths=[folder / "Báo cáo 6 tháng", folder / "Báo cáo 6 tháng (bản Word)"]
    )
    with qtbot.waitSignal(page.saved, timeout=BUILD_TIMEOUT) as pdf_saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    pdf = Path(pdf_saved.args[0])
    assert pdf == folder / "Báo cáo 6 tháng.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Thêm một câu." in " ".join(text.split())

    with qtbot.waitSignal(page.saved, timeout=BUILD_TIMEOUT) as docx_saved:
        qtbot.mouseClick(page.save_docx_button, Qt.MouseButton.LeftButton)
        assert page.busy_bar.isVisible()  # built off the GUI thread
    word_file = Path(docx_saved.args[0])
    assert word_file == folder / "Báo cáo 6 tháng (bản Word).docx"
    asked = page.ctx.prompts.asked  # type: ignore[attr-defined]
    assert Path(asked[-1][1]).name == "Bao-cao-2025-H1-Tinh-Khe.docx"
    paragraphs = [p.text for p in read_docx(str(word_file)).paragraphs]
    assert "IV. ĐÁNH GIÁ CHUNG" in paragraphs
    assert f"{ASSESSMENT} Thêm một câu." in paragraphs
    assert PROPOSAL in paragraphs
    assert "Đã lưu" in page.message.text()

    # Closed and opened again (another day): the sections are read back from the database.
    stack.close()
    again = ReportsPage(page.ctx)
    qtbot.addWidget(again)
    again.period_combo.setCurrentIndex(again.period_combo.findData("2025-H1"))
    assert again.narrative.edits["assessment"].toPlainText() == f"{ASSESSMENT} Thêm một câu."


def test_sections_are_offered_only_for_reports_that_have_them(
    qtbot: QtBot, window: tuple[QStackedWidget, ReportsPage], tmp_path: Path
) -> None:
    stack, page = window
    assert page.set_kind("attendance")
    assert not page.narrative.edits["assessment"].isEnabled()
    assert "chỉ có trong báo cáo định kỳ" in page.narrative.intro.text()
    assert page.set_kind("periodic")
    assert page.narrative.edits["assessment"].isEnabled()
    click_tab(qtbot, page, 1)
    type_text(page.narrative.edits["difficulties"], "Nguồn vốn hỗ trợ còn hạn chế.")
    stack.resize(1024, 600)
    shot = Path(os.environ.get("HTX_SCREENSHOT_DIR", str(tmp_path))) / "report_narrative.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(shot))
