"""The officer takes a record list out of the application exactly as she sees it.

She filters the cooperatives to those operating, sorts them by name, exports to Excel and the
workbook (read back with openpyxl) holds exactly the visible rows, in the visible order, with
Vietnamese headers, a frozen header row and an autofilter; the training list's dates are date
cells shown dd/mm/yyyy. She opens the print preview, sees pages, and closes it. The save
dialog starts in the folder she used last time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from htx_desktop.storage.engine import Database
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.cooperative_page import CooperativePage
from htx_desktop.ui.pages.record_list_page import RecordListPage
from htx_desktop.ui.pages.training_page import TrainingPage
from htx_desktop.ui.passphrase_dialog import ScriptedPrompts


def open_page(qtbot: QtBot, page: RecordListPage) -> RecordListPage:
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.resize(1100, 700)
        page.show()
    return page


def shown_rows(page: RecordListPage) -> list[list[str]]:
    model = page.model
    return [
        [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def export(qtbot: QtBot, page: RecordListPage, target: Path) -> None:
    page.ctx.prompts = ScriptedPrompts(save_paths=[target])  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.exported, timeout=10_000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)


def test_filtered_sorted_cooperatives_export_as_shown(
    qtbot: QtBot, sample, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    page = open_page(qtbot, CooperativePage(make_ctx(sample.db)))
    status = page.filter_combos["status"]
    status.setCurrentIndex(status.findData("hoat_dong"))
    name_column = page.model.column_index("name")
    header = page.view.horizontalHeader()
    # The list starts sorted by name A→Z; a click on the header turns it Z→A.
    at = QPoint(header.sectionViewportPosition(name_column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    visible = shown_rows(page)
    assert [row[name_column] for row in visible] == ["Hợp tác xã Dừa Xanh", "Hợp tác xã Ánh Dương"]

    folder = tmp_path / "Tài liệu của Lan"
    folder.mkdir()
    target = folder / "Danh sách HTX đang hoạt động.xlsx"
    export(qtbot, page, target)
    assert "Đã xuất 2 dòng" in page.count_label.text()

    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{chr(ord('A') + len(page.model.columns) - 1)}3"
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == [c.label_vi for c in page.model.columns]
    body = [["" if v is None else v for v in row] for row in cells[1:]]
    assert [row[name_column] for row in body] == [row[name_column] for row in visible]
    women = page.model.column_index("women_managed")
    for written, seen in zip(body, visible, strict=True):
        for column, (value, text) in enumerate(zip(written, seen, strict=True)):
            if column == women:
                assert value == ("Có" if text else "Không")
            else:
                assert value == text
    assert sheet.cell(row=2, column=page.model.column_index("registration_code") + 1).value == (
        "4300123456"
    )

    # The next export starts in the folder used this time.
    prompts = ScriptedPrompts(save_paths=[None])
    page.ctx.prompts = prompts  # type: ignore[attr-defined]
    assert page.export_excel() is None
    assert prompts.asked[-1][1].startswith(str(folder))


def test_training_dates_are_date_cells(
    qtbot: QtBot, demo_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    page = open_page(qtbot, TrainingPage(make_ctx(demo_db)))
    assert page.model.rowCount() > 0
    target = tmp_path / "lớp tập huấn.xlsx"
    export(qtbot, page, target)
    sheet = load_workbook(target).active
    assert sheet.max_row == page.model.rowCount() + 1
    start = page.model.column_index("start_date") + 1
    cell = sheet.cell(row=2, column=start)
    assert isinstance(cell.value, datetime)
    assert cell.number_format == "dd/mm/yyyy"
    assert cell.value.strftime("%d/%m/%Y") == page.model.index(0, start - 1).data()


def test_print_preview_shows_the_list_and_closes(
    qtbot: QtBot, sample, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_page(qtbot, CooperativePage(make_ctx(sample.db)))
    qtbot.keyClick(page.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible())
    dialog = page.print_dialog
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() >= 1, timeout=10_000)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
