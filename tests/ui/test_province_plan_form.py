"""Cài đặt → Kế hoạch của tỉnh: a province officer outside Quảng Ngãi types her province's
plan into the form and the reports measure against it; a commune officer only reads which plan
her reports use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from vn_typing import type_text

from htx_desktop.indicators.plan_settings import plan_for_unit
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.units import get_unit
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.settings_page import SettingsPage

MakeCtx = Callable[..., AppContext]


def type_in_cell(qtbot: QtBot, table, row: int, column: int, text: str) -> None:
    """Open the cell's editor as a double click does, type, and commit with Enter."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    # The cell's own editor (an earlier cell's may still await its deleteLater).
    editor = table.indexWidget(table.model().index(row, column))
    assert isinstance(editor, QLineEdit)
    type_text(editor, text, replace=True)  # keyClicks aborts on Vietnamese letters
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: table.item(row, column).text() == text, timeout=5000)


def test_a_province_officer_enters_her_plan(qtbot: QtBot, empty_db: Database, make_ctx):
    with empty_db.session() as s:
        create_profile(s, "42", "Trần Thị Thanh", "Chủ tịch Hội LHPN tỉnh")
    ctx = make_ctx(empty_db)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    plan = page.plan_widget
    assert "Chưa có kế hoạch của tỉnh" in plan.current.text()
    assert plan.number_edit.isVisible() and not plan.clear_button.isEnabled()

    type_text(plan.number_edit, "45/KH-UBND")
    type_text(plan.issuer_edit, "Ủy ban nhân dân tỉnh Hà Tĩnh")
    type_text(plan.title_edit, "Kế hoạch thực hiện Đề án trên địa bàn tỉnh Hà Tĩnh")
    type_in_cell(qtbot, plan.table, 0, 1, "7")
    type_in_cell(qtbot, plan.table, 0, 2, "11")
    type_in_cell(qtbot, plan.table, 5, 1, "90")
    qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã lưu" in plan.message.text(), timeout=5000)
    assert "Kế hoạch số 45/KH-UBND" in plan.current.text()
    assert "Hà Tĩnh" in plan.current.text()
    with empty_db.session() as s:
        saved = plan_for_unit(s, get_unit(s, "42"))
    assert saved.number == "45/KH-UBND" and saved.issuer == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    first, sixth = saved.indicators[0], saved.indicators[5]
    assert (first.target_2025, first.target_2030) == (7, 11)
    assert (sixth.target_2025, sixth.target_2030) == (90, None)

    type_in_cell(qtbot, plan.table, 1, 1, "nhiều")
    qtbot.mouseClick(plan.save_button, Qt.MouseButton.LeftButton)
    assert "không phải là một số" in plan.message.text()

    qtbot.mouseClick(plan.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã xóa" in plan.message.text(), timeout=5000)
    assert "Chưa có kế hoạch của tỉnh" in plan.current.text()


def test_a_commune_officer_reads_which_plan_applies(qtbot: QtBot, empty_db: Database, make_ctx):
    with empty_db.session() as s:
        create_profile(s, "18115", "Lê Thị Hà", "Chủ tịch Hội LHPN phường")
    page = SettingsPage(make_ctx(empty_db))
    qtbot.addWidget(page)
    page.show()
    plan = page.plan_widget
    assert "01/QĐ-TTg" in plan.current.text()
    assert "nhập kế hoạch của tỉnh ở máy của mình" in plan.current.text()
    assert not plan.number_edit.isVisible() and not plan.save_button.isVisible()
