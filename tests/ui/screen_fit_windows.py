"""Every window and dialog of the application, opened on one small screen, lies inside it.

Not collected by a plain `pytest` run (the name does not start with `test_`):
`test_screen_fit.py` runs this module in a subprocess whose offscreen platform has one screen
of the size named by HTX_TEST_SCREEN (1024x600 for a netbook, 1366x768 for a laptop). The first
fixture fails when the screen is not that size, so a run on the wrong screen cannot pass.

Each test opens a window the way the officer does (the main window maximised on such a
screen, the dialogs over it) and checks that the window's frame, title bar included, lies
inside the screen's available area: nothing hidden behind the screen edge, no button out of
reach.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from htx_desktop.registry.records import model_for
from htx_desktop.storage.engine import Database
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.page_registry import PAGE_KEYS

FIXTURE_WORKBOOK = Path(__file__).resolve().parents[1] / "fixtures" / "legacy-list.xlsx"
RECORD_FORMS = (
    "cooperative",
    "cooperative_group",
    "union_cadre",
    "training_session",
    "manager",
    "period_figures",
)


def asked_screen() -> tuple[int, int]:
    value = os.environ.get("HTX_TEST_SCREEN", "")
    assert value, "run through tests/ui/test_screen_fit.py, which names the screen size"
    width, _, height = value.partition("x")
    return int(width), int(height)


@pytest.fixture(scope="session", autouse=True)
def small_screen(qapp: QApplication) -> QRect:
    """The screen really is the size asked for (else the whole run fails)."""
    width, height = asked_screen()
    screens = qapp.screens()
    assert len(screens) == 1, f"expected one screen, got {len(screens)}"
    size = screens[0].size()
    assert (size.width(), size.height()) == (width, height), (
        f"the screen is {size.width()}x{size.height()}, not the {width}x{height} asked for"
    )
    return screens[0].availableGeometry()


def text(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


def assert_fits(qtbot: QtBot, window: QWidget) -> None:
    """The window is shown and its frame lies inside its screen's available area."""
    qtbot.waitExposed(window)
    QApplication.processEvents()
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    name = window.objectName() or type(window).__name__
    assert area.contains(frame), f"{name}: frame {text(frame)} is not inside {text(area)}"
    hint = window.minimumSizeHint()
    assert hint.width() <= area.width() and hint.height() <= area.height(), (
        f"{name}: its content needs at least {hint.width()}x{hint.height()}"
    )


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, make_ctx: Callable[..., AppContext]) -> MainWindow:
    """The main window on the demo data, as it opens on this screen."""
    main = MainWindow(make_ctx(demo_db), offer_drafts=False)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[Callable[[QWidget], QWidget]]:
    """`opened(dialog)`: open it (window-modal, as the pages do) and close it after the test."""
    shown: list[QWidget] = []

    def show(dialog: QWidget) -> QWidget:
        shown.append(dialog)
        if isinstance(dialog, QDialog):
            dialog.open()
        else:
            dialog.show()
        return dialog

    yield show
    for dialog in shown:
        dialog.close()


def first_id(db: Database, form_key: str) -> str:
    model = model_for(form_key)
    with db.session() as session:
        found = session.scalars(select(model.id).where(model.deleted.is_(False)).limit(1)).first()
    assert found is not None, f"the demo data has no {form_key}"
    return str(found)


# --- the main window -------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGE_KEYS)
def test_main_window_fits_on_every_page(qtbot: QtBot, window: MainWindow, page: str) -> None:
    window.show_page(page)
    qtbot.wait(50)
    window.ctx.runner.wait()
    assert_fits(qtbot, window)
    status = window.statusBar()
    assert status.isVisible()
    assert window.rect().contains(status.geometry()), "the status bar is cut off"


def test_main_window_starts_maximised_on_a_small_screen(window: MainWindow) -> None:
    assert window.isMaximized()


def test_dashboard_cards_reflow_without_a_horizontal_scroll_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    dashboard = window.pages["overview"]
    qtbot.waitUntil(lambda: len(dashboard.cards) > 0, timeout=20_000)
    qtbot.wait(50)
    scroll = dashboard.findChild(QScrollArea, "dashboardCards")
    assert not scroll.horizontalScrollBar().isVisible()
    viewport = scroll.viewport().width()
    for card in dashboard.cards.values():
        right = card.mapTo(scroll.widget(), card.rect().topRight()).x()
        assert right < viewport, f"{card.objectName()} reaches past the visible width"


# --- dialogs over the main window ------------------------------------------------------------


@pytest.mark.parametrize("form_key", RECORD_FORMS)
def test_record_dialog_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any], form_key: str
) -> None:
    from htx_desktop.ui.record_dialog import RecordDialog

    record_id = first_id(window.ctx.db, form_key)
    dialog = opened(RecordDialog(window.ctx, form_key, record_id, parent=window))
    assert_fits(qtbot, dialog)


def test_history_dialog_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.record_dialog import RecordDialog

    record_id = first_id(window.ctx.db, "cooperative")
    dialog = opened(RecordDialog(window.ctx, "cooperative", record_id, parent=window))
    dialog.show_history()
    opened(dialog.history_dialog)
    assert_fits(qtbot, dialog.history_dialog)


def test_attendee_picker_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.pages.attendee_picker import AttendeePicker

    training = first_id(window.ctx.db, "training_session")
    picker = opened(AttendeePicker(window.ctx, training, "Tập huấn", parent=window))
    assert_fits(qtbot, picker)


def test_export_dialog_fits(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("exchange")
    dialog = window.pages["exchange"].open_export()
    qtbot.waitUntil(lambda: dialog.counts is not None, timeout=20_000)
    qtbot.wait(50)
    assert_fits(qtbot, dialog)
    dialog.close()


def test_indicator_records_dialog_fits(qtbot: QtBot, window: MainWindow) -> None:
    """The records behind a number, opened from the overview's card (a screenshot goes to
    HTX_SCREENSHOTS when set, named after the screen)."""
    import os
    from pathlib import Path

    from PySide6.QtCore import QPoint, Qt

    dashboard = window.pages["overview"]
    qtbot.waitUntil(lambda: "htx_women_managed" in dashboard.cards, timeout=20_000)
    card = dashboard.cards["htx_women_managed"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: dashboard.records_dialog is not None, timeout=5_000)
    dialog = dashboard.records_dialog
    qtbot.waitUntil(lambda: dialog.records is not None, timeout=20_000)
    assert_fits(qtbot, dialog)
    assert dialog.rows()
    folder = os.environ.get("HTX_SCREENSHOTS")
    if folder:
        width, height = asked_screen()
        Path(folder).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(folder) / f"drilldown-{width}x{height}.png"))
        window.grab().save(str(Path(folder) / f"overview-{width}x{height}.png"))
    dialog.close()


def test_list_print_preview_fits(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("cooperatives")
    page = window.pages["cooperatives"]
    dialog = page.print_preview()
    assert_fits(qtbot, dialog)
    dialog.close()


def test_import_wizard_fits(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("exchange")
    wizard = window.pages["exchange"].open_import()
    assert_fits(qtbot, wizard)
    assert_pages_fit(wizard)
    wizard.close()


def test_xlsx_import_dialog_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

    dialog = opened(XlsxImportDialog(window.ctx, window, FIXTURE_WORKBOOK))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
    assert_fits(qtbot, dialog)


def test_help_viewer_fits(qtbot: QtBot, window: MainWindow) -> None:
    window.show_help("nhap")
    assert window.help_viewer is not None
    assert_fits(qtbot, window.help_viewer)
    window.help_viewer.close()


def test_about_dialog_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.about_dialog import AboutDialog

    assert_fits(qtbot, opened(AboutDialog(window.ctx.db.path, parent=window)))


def test_passphrase_dialog_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(
        "Mật khẩu khóa ký",
        "Đặt mật khẩu cho khóa ký số của bạn.",
        confirm=True,
        error="Mật khẩu không đúng. Hãy gõ lại.",
        parent=window,
    )
    assert_fits(qtbot, opened(dialog))


def test_report_header_dialog_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.reports.requests import load_saved_header
    from htx_desktop.ui.report_header_dialog import ReportHeaderDialog

    header = load_saved_header(window.ctx.db)
    assert_fits(qtbot, opened(ReportHeaderDialog(window.ctx, header, window)))


def test_unit_change_wizard_fits(
    qtbot: QtBot, window: MainWindow, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.setup_wizard import SetupWizard

    wizard = opened(SetupWizard(window.ctx.db, window, unit_only=True))
    assert_fits(qtbot, wizard)
    assert_pages_fit(wizard)


# --- before the main window ------------------------------------------------------------------


def test_setup_wizard_fits(
    qtbot: QtBot, empty_db: Database, opened: Callable[[QWidget], Any]
) -> None:
    from htx_desktop.ui.setup_wizard import SetupWizard

    wizard = opened(SetupWizard(empty_db))
    qtbot.addWidget(wizard)
    assert_fits(qtbot, wizard)
    assert_pages_fit(wizard)


def assert_pages_fit(wizard: QWizard) -> None:
    """Every page of the wizard, not only the first, fits in the wizard as it opened."""
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        hint = page.minimumSizeHint()
        assert hint.height() <= wizard.height() and hint.width() <= wizard.width(), (
            f"page {type(page).__name__} needs {hint.width()}x{hint.height()}"
        )
