"""Who sees the screens for units below: decided by the officer's own unit in this database.

A commune officer's window has no import of bundles from below, no status of the units below
and no consolidated report; a district officer's window has all three. The navigation and its
Ctrl+1…Ctrl+8 order are the same for both (the export and Excel import serve communes too)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListView
from pytestqt.qtbot import QtBot

from htx_desktop.registry.profile import create_profile
from htx_desktop.reports.build import CONSOLIDATED
from htx_desktop.storage.engine import Database
from htx_desktop.storage.units import create_district
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.page_registry import PAGE_EXCHANGE, PAGE_KEYS, PAGE_REPORTS
from htx_desktop.ui.pages.exchange_page import TAB_IMPORT, TAB_STATUS
from htx_desktop.ui.record_chooser import ID_ROLE

COMMUNES = ["21211", "21034"]


def open_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx, offer_drafts=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def screens(qtbot: QtBot, window: MainWindow) -> dict[str, bool]:
    """What the officer can reach: the exchange tabs and the report kinds she can pick."""
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == PAGE_EXCHANGE
    exchange = window.page(PAGE_EXCHANGE)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == PAGE_REPORTS
    reports = window.page(PAGE_REPORTS)
    view = reports.kind_combo.view()
    assert isinstance(view, QListView)
    kinds = [reports.kind_model.item(r).data(ID_ROLE) for r in range(reports.kind_model.rowCount())]
    return {
        "status": exchange.tabs.isTabVisible(TAB_STATUS),
        "bundle_import": not exchange.import_button.isHidden(),
        "excel_import": not exchange.xlsx_import_button.isHidden(),
        "consolidated": not view.isRowHidden(kinds.index(CONSOLIDATED))
        and reports.kind_enabled(CONSOLIDATED),
    }


def test_a_commune_officer_sees_no_screens_for_units_below(
    qtbot: QtBot, empty_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    with empty_db.session() as session:
        create_profile(session, COMMUNES[0], "Nguyễn Thị Lan", "Chủ tịch Hội LHPN xã")
    window = open_window(qtbot, make_ctx(empty_db))
    assert window.nav.count() == len(PAGE_KEYS)
    assert window.page(PAGE_EXCHANGE).tabs.tabText(TAB_IMPORT) == "Nhập từ Excel"
    assert screens(qtbot, window) == {
        "status": False,
        "bundle_import": False,
        "excel_import": True,
        "consolidated": False,
    }


def test_a_district_officer_sees_them(
    qtbot: QtBot, empty_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    with empty_db.session() as session:
        district = create_district(session, "Huyện Sơn Tịnh cũ", COMMUNES)
        create_profile(session, district.code, "Trần Thị Mai", "Chủ tịch Hội LHPN huyện")
    window = open_window(qtbot, make_ctx(empty_db))
    assert window.nav.count() == len(PAGE_KEYS)
    assert screens(qtbot, window) == {
        "status": True,
        "bundle_import": True,
        "excel_import": True,
        "consolidated": True,
    }
