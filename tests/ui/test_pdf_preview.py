"""The preview on a long document, as a province officer reads her forty-page report: the
pages are drawn as she comes to them (not all forty up front), she walks them with the buttons
and the keyboard, changes the zoom, and the file she looked at is released when another one is
shown. The PDF is written here with reportlab in the document face, so the text to find is
known; the real reports are previewed in test_reports_page.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from htx_desktop.reports.fonts import register_fonts
from htx_desktop.ui.pdf_pages_view import SPACING
from htx_desktop.ui.pdf_preview import PdfFile, PdfOpenError, PdfPreview

PAGES = 40
A4_POINTS = (595.28, 841.89)


def write_report(path: Path, pages: int, title: str) -> Path:
    """A `pages`-page A4 PDF saying "<title> — Trang n" in large Vietnamese type."""
    from reportlab.pdfgen import canvas

    face = register_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4_POINTS)
    for number in range(1, pages + 1):
        pdf.setFont(face, 28)
        pdf.drawString(72, 720, f"{title} — Trang {number}")
        pdf.setFont(face, 14)
        pdf.drawString(72, 680, "Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def shown(qtbot: QtBot, tmp_path: Path) -> PdfPreview:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(700, 800)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.load(write_report(tmp_path / "bao-cao.pdf", PAGES, "Báo cáo tổng hợp"))
    qtbot.waitUntil(preview.view.settled, timeout=10_000)
    return preview


def test_only_the_pages_in_sight_are_drawn(qtbot: QtBot, shown: PdfPreview) -> None:
    view = shown.view
    assert shown.page_count() == PAGES
    assert shown.page_label.text() == f"Trang 1/{PAGES}"
    assert view.rendered_pages() == [0]  # fitted to the width, page 1 fills the view
    shown.go_to_page(25)
    assert shown.page_label.text() == f"Trang 26/{PAGES}"
    qtbot.waitUntil(view.settled, timeout=10_000)
    assert 25 in view.rendered_pages()
    assert len(view.rendered_pages()) <= 4  # pages 2 to 25 were never rendered
    assert "Báo cáo tổng hợp — Trang 26" in shown.page_text(25)
    assert "Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi" in shown.text()


def test_pages_walked_with_buttons_and_keyboard(qtbot: QtBot, shown: PdfPreview) -> None:
    view = shown.view
    assert not shown.previous_button.isEnabled() and shown.next_button.isEnabled()
    qtbot.mouseClick(shown.next_button, Qt.MouseButton.LeftButton)
    assert shown.current_page() == 1 and shown.page_label.text() == f"Trang 2/{PAGES}"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert shown.page_label.text() == f"Trang {PAGES}/{PAGES}"
    assert not shown.next_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert shown.page_label.text() == f"Trang 1/{PAGES}"
    # Page Down scrolls a screenful: after two, the second page is the one in sight.
    top = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.verticalScrollBar().value() > top
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert shown.current_page() >= 1
    assert shown.page_label.text() == f"Trang {shown.current_page() + 1}/{PAGES}"
    qtbot.keyClick(view, Qt.Key.Key_Down)  # arrows scroll a line
    assert shown.previous_button.isEnabled()


def test_zoom_choices_size_the_pages(qtbot: QtBot, shown: PdfPreview) -> None:
    view = shown.view
    viewport = view.viewport()
    assert shown.zoom_choice() == "fit_width"
    assert view.page_rect(0).width() == pytest.approx(viewport.width() - 2 * SPACING, abs=1)

    shown.set_zoom_choice("fit_page")
    assert view.page_rect(0).height() <= viewport.height() - 2 * SPACING + 1
    assert view.page_rect(0).height() >= viewport.height() - 2 * SPACING - 1

    shown.set_zoom_choice("2.0")  # twice the paper's size on this screen
    expected = A4_POINTS[0] / 72 * view.logicalDpiY() * 2
    assert view.page_rect(0).width() == pytest.approx(expected, abs=1)
    sideways = view.horizontalScrollBar()
    assert sideways.maximum() > 0  # wider than the view: scrolls sideways, from the middle
    assert abs(sideways.value() - sideways.maximum() / 2) <= 1
    qtbot.waitUntil(view.settled, timeout=10_000)  # re-rendered sharp at the new size
    assert shown.page_label.text() == f"Trang 1/{PAGES}"  # still on the same page

    # Reading page 30 at 200 %, back to the width: still page 30, and page 30 in sight.
    shown.go_to_page(29)
    shown.set_zoom_choice("fit_width")
    assert view.horizontalScrollBar().maximum() == 0
    assert shown.page_label.text() == f"Trang 30/{PAGES}"
    assert view.page_rect(29).intersects(viewport.rect())
    # A wider window: the page follows, and is drawn sharp again once the resizing stops.
    shown.resize(900, 800)
    assert view.page_rect(0).width() == pytest.approx(viewport.width() - 2 * SPACING, abs=1)
    assert viewport.width() > 800
    qtbot.waitUntil(view.settled, timeout=10_000)


def test_another_file_releases_the_one_shown(
    qtbot: QtBot, shown: PdfPreview, tmp_path: Path
) -> None:
    first = shown.document
    assert first is not None and first.is_open()
    other = write_report(tmp_path / "phieu.pdf", 2, "Phiếu thông tin")
    assert shown.load(other)
    assert not first.is_open()
    (tmp_path / "bao-cao.pdf").unlink()  # nothing holds the old file (Windows would refuse)
    assert shown.page_label.text() == "Trang 1/2"
    assert "Phiếu thông tin — Trang 2" in shown.page_text(1)
    # Not even the shown file is held: it is in memory.
    other.unlink()
    qtbot.waitUntil(shown.view.settled, timeout=10_000)
    assert shown.page_count() == 2

    current = shown.document
    shown.clear("Chưa có bản xem trước.")
    assert current is not None and not current.is_open()
    assert not shown.has_document() and shown.page_label.text() == ""
    assert shown.placeholder.isVisible()


def test_a_file_that_is_not_a_pdf_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7 cut short")
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert not preview.load(broken)
    assert not preview.load(tmp_path / "khong-co.pdf")
    assert preview.page_count() == 0 and preview.text() == ""
    with pytest.raises(PdfOpenError, match=r"khong-co\.pdf"):
        PdfFile.open(tmp_path / "khong-co.pdf")
