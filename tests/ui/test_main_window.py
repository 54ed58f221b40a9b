"""The main window: navigation and shortcuts, status bar, remembered state, drafts offered back,
settings, closing; the GUI start (`run_gui`) with and without a profile. Crash reporting is in
test_crash_guard.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from vn_typing import field_text, type_text

from htx_desktop import app as gui_app
from htx_desktop.registry.drafts import DraftStore
from htx_desktop.registry.profile import get_profile
from htx_desktop.storage.engine import Database
from htx_desktop.ui import i18n
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.fonts import UI_FONT_FAMILY
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.page_registry import PAGE_KEYS
from htx_desktop.ui.pages.dashboard_page import DashboardPage
from htx_desktop.ui.pages.placeholder_page import PlaceholderPage
from htx_desktop.ui.pages.settings_page import SettingsPage

if TYPE_CHECKING:
    from tests.ui.conftest import SampleData

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)

MakeCtx = Callable[..., AppContext]


def open_window(qtbot: QtBot, ctx: AppContext, **kwargs: Any) -> MainWindow:
    window = MainWindow(ctx, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def ctrl(qtbot: QtBot, window: MainWindow, number: int) -> None:
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)


def asked(ctx: AppContext) -> list[Any]:
    return ctx.interaction.asked  # type: ignore[attr-defined]


@pytest.fixture
def no_translators(qapp: QApplication) -> Iterator[None]:
    """Tests that change the language leave the application without translators."""
    yield
    i18n.remove_translators(qapp)


# --- navigation ------------------------------------------------------------------------------


def test_navigation_and_ctrl_number_shortcuts(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    window = open_window(qtbot, make_ctx(demo_db))
    assert window.windowTitle() == "HTX Desktop — Xã Tịnh Khê"
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == [
        "Tổng quan",
        "Hợp tác xã",
        "Tổ hợp tác",
        "Cán bộ Hội",
        "Tập huấn",
        "Xuất/Nhập dữ liệu",
        "Báo cáo",
        "Cài đặt",
    ]
    assert window.current_page() == "overview"
    assert isinstance(window.stack.currentWidget(), DashboardPage)

    ctrl(qtbot, window, 2)
    assert window.current_page() == "cooperatives"
    page = window.stack.currentWidget()
    from htx_desktop.ui.pages.cooperative_page import CooperativePage

    assert isinstance(page, CooperativePage)  # the real page, not a placeholder
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)

    for number, key in enumerate(PAGE_KEYS, start=1):
        ctrl(qtbot, window, number)
        assert window.current_page() == key
        assert window.stack.currentWidget() is window.pages[key]
        assert window.nav.currentRow() == number - 1

    for key in ("groups", "cadres", "trainings"):
        assert not isinstance(window.pages[key], PlaceholderPage), f"{key} page not wired"
    assert isinstance(window.pages["settings"], SettingsPage)

    item = window.nav.item(3)
    qtbot.mouseClick(
        window.nav.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.nav.visualItemRect(item).center(),
    )
    assert window.current_page() == "cadres"


def test_pages_are_built_when_first_shown(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    """Building all eight pages at start (reports, exchange, signing…) cost ~0.4 s of it."""
    window = open_window(qtbot, make_ctx(demo_db))
    assert set(window.pages) == {"overview"}
    assert window.stack.count() == 1
    ctrl(qtbot, window, 4)
    assert set(window.pages) == {"overview", "cadres"}
    assert window.stack.currentWidget() is window.pages["cadres"]
    ctrl(qtbot, window, 1)
    ctrl(qtbot, window, 4)  # built once
    assert window.stack.count() == 2
    settings = window.page("settings")  # asked for by code: built, not shown
    assert isinstance(settings, SettingsPage) and window.current_page() == "cadres"
    with pytest.raises(KeyError):
        window.pages["nowhere"]


def test_a_page_not_opened_keeps_its_remembered_state(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    first = open_window(qtbot, make_ctx(demo_db))
    ctrl(qtbot, first, 2)
    coops = first.pages["cooperatives"]
    qtbot.waitUntil(lambda: coops.model.rowCount() > 0, timeout=10_000)
    qtbot.keyClicks(coops.search_box, "nuoc mam")
    ctrl(qtbot, first, 1)
    first.close()

    second = open_window(qtbot, make_ctx(demo_db))
    assert "cooperatives" not in second.pages
    second.close()  # saves the state of the pages it built, and only theirs
    assert "cooperatives" not in second.pages

    third = open_window(qtbot, make_ctx(demo_db))
    assert third.pages["cooperatives"].search_box.text() == "nuoc mam"


def test_later_pages_say_honestly_what_they_will_hold(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    from htx_desktop.ui.page_registry import load_page_class

    window = open_window(qtbot, make_ctx(demo_db))
    for key in ("exchange", "reports"):
        installed = load_page_class(key)
        if installed is None:  # not in this version yet: the placeholder stands there
            assert isinstance(window.pages[key], PlaceholderPage)
        else:  # the real page is wired as soon as its module exists
            assert isinstance(window.pages[key], installed)
    exchange = window.placeholder_page("exchange", "Xuất/Nhập dữ liệu")
    reports = window.placeholder_page("reports", "Báo cáo")
    qtbot.addWidget(exchange)
    qtbot.addWidget(reports)
    for page in (exchange, reports):
        assert "sẽ có trong phiên bản sau" in page.text()
    assert "chữ ký số" in exchange.text() and "Excel" in exchange.text()
    assert str(demo_db.path) in exchange.text()  # where her data is meanwhile
    assert "Nghị định" in reports.text() and "Tổng quan" in reports.text()
    if isinstance(window.pages["reports"], PlaceholderPage):
        ctrl(qtbot, window, 7)
        assert "phiên bản sau" in window.status_label.text()


# --- status bar ------------------------------------------------------------------------------


def test_status_bar_shows_the_current_pages_status(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    window = open_window(qtbot, make_ctx(demo_db))
    dashboard = window.pages["overview"]
    qtbot.waitUntil(lambda: dashboard.result is not None, timeout=10_000)
    assert window.status_label.text().startswith("Tổng quan 6 tháng đầu năm")

    coops = window.pages["cooperatives"]
    with qtbot.waitSignal(coops.status_changed, timeout=10_000) as status:
        ctrl(qtbot, window, 2)
    qtbot.waitUntil(lambda: "hợp tác xã" in window.status_label.text(), timeout=10_000)
    assert status.args is not None
    ctrl(qtbot, window, 1)  # each page keeps its own last status
    assert window.status_label.text().startswith("Tổng quan")


def test_busy_indicator_while_the_runner_works(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    ctx = make_ctx(demo_db)
    window = open_window(qtbot, ctx)
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=10_000)
    assert not window.busy_bar.isVisible()
    release = threading.Event()
    ctx.runner.run(lambda: release.wait(5))
    assert window.busy_bar.isVisible() and window.busy_label.isVisible()
    assert window.busy_label.text() == "Đang xử lý…"
    release.set()
    qtbot.waitUntil(lambda: not window.busy_bar.isVisible(), timeout=5000)


def test_closing_waits_for_database_writes(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    ctx = make_ctx(demo_db)
    window = open_window(qtbot, ctx)
    finished: list[bool] = []

    def slow_write() -> None:
        time.sleep(0.4)
        finished.append(True)

    ctx.runner.run(slow_write, write=True)
    window.close()
    assert finished == [True]


# --- remembered state ------------------------------------------------------------------------


def test_page_size_and_filters_are_remembered_between_starts(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    first = open_window(qtbot, make_ctx(demo_db))
    ctrl(qtbot, first, 2)
    coops = first.pages["cooperatives"]
    qtbot.waitUntil(lambda: coops.model.rowCount() > 0, timeout=10_000)
    qtbot.keyClicks(coops.search_box, "nuoc mam")
    dashboard = first.pages["overview"]
    dashboard.period_combo.setCurrentIndex(dashboard.period_combo.findData("2025"))
    ctrl(qtbot, first, 3)
    first.resize(first.width(), 610)
    qtbot.waitUntil(lambda: first.height() == 610)
    first.close()

    second = open_window(qtbot, make_ctx(demo_db))
    assert second.current_page() == "groups"
    # The offscreen test screen is 800 × 800 px, too small for the window's preferred size: it
    # opened maximised, resizing it made it a normal window again, and that size came back.
    assert not second.isMaximized()
    assert second.height() == 610
    assert second.pages["overview"].current_period() == "2025"
    assert second.pages["cooperatives"].search_box.text() == "nuoc mam"
    assert second.pages["cooperatives"].state() == coops.state()


# --- drafts ----------------------------------------------------------------------------------


def test_drafts_from_last_time_are_offered_back(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    from htx_desktop.ui.record_dialog import DiscardChoice, RecordDialog

    store = DraftStore(demo_db.path)
    store.save("cooperative", None, {}, {"name": "Hợp tác xã Nháp Một", "commune_code": "21211"})
    store.save("union_cadre", None, {}, {"full_name": "Lê Thị Nháp"})
    ctx = make_ctx(demo_db, answers=(True,))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.draft_dialog_opened, timeout=5000) as opened:
        window.show()
    assert [a.text for a in asked(ctx)] == ["Có 2 bản nhập dở chưa lưu từ lần trước. Mở lại?"]
    first = opened.args[0]
    assert isinstance(first, RecordDialog) and first.form_key == "cooperative"
    assert field_text(first.form.editor("name")) == "Hợp tác xã Nháp Một"
    assert first.form.dirty

    first.confirm_discard = lambda: DiscardChoice.BACK  # type: ignore[method-assign]
    with qtbot.waitSignal(window.draft_dialog_opened, timeout=5000) as opened:
        first.done(QDialog.DialogCode.Rejected)  # gone without a question: the next one opens
    second = opened.args[0]
    assert second.form_key == "union_cadre"
    assert field_text(second.form.editor("full_name")) == "Lê Thị Nháp"
    second.done(QDialog.DialogCode.Rejected)
    assert window.draft_dialog is None
    assert len(store.pending()) == 2  # kept until saved or discarded on purpose


def test_drafts_declined_are_discarded(qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx) -> None:
    store = DraftStore(demo_db.path)
    store.save("cooperative", None, {}, {"name": "Hợp tác xã Bỏ Đi"})
    ctx = make_ctx(demo_db, answers=(False,))
    window = open_window(qtbot, ctx)
    qtbot.waitUntil(lambda: store.pending() == [], timeout=5000)
    assert asked(ctx)[0].text == "Có 1 bản nhập dở chưa lưu từ lần trước. Mở lại?"
    assert window.draft_dialog is None
    assert "Đã bỏ 1 bản nhập dở" in window.status_label.text()


def test_no_question_without_drafts(qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx) -> None:
    ctx = make_ctx(demo_db)
    open_window(qtbot, ctx)
    qtbot.wait(50)
    assert asked(ctx) == []


# --- settings --------------------------------------------------------------------------------


def test_settings_change_the_officers_name(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    ctx = make_ctx(demo_db)
    window = open_window(qtbot, ctx)
    ctrl(qtbot, window, 8)
    page = window.pages["settings"]
    assert page.name_edit.text() == "Nguyễn Thị Hoa"
    assert "Xã Tịnh Khê" in page.unit_label.text() and "21211" in page.unit_label.text()
    assert not page.save_button.isEnabled()
    type_text(page.name_edit, "Trần Thị Mai", replace=True)
    assert page.save_button.isEnabled()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctx.scope.officer_name == "Trần Thị Mai", timeout=5000)
    with demo_db.session() as session:
        profile = get_profile(session)
        assert profile is not None and profile.officer_name == "Trần Thị Mai"
    assert window.officer_label.text().startswith("Trần Thị Mai")
    assert window.pages["settings"] is page  # a name change rebuilds nothing
    assert not page.save_button.isEnabled()

    type_text(page.title_edit, "   ", replace=True)
    assert not page.save_button.isEnabled() or "không được để trống" in page.message.text()


def test_settings_language_is_stored_and_the_window_rebuilt(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx, no_translators: None
) -> None:
    ctx = make_ctx(demo_db)
    window = open_window(qtbot, ctx)
    ctrl(qtbot, window, 8)
    page = window.pages["settings"]
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    page.save_button.click()
    qtbot.waitUntil(lambda: window.pages["settings"] is not page, timeout=5000)
    assert ctx.lang == "en"
    with demo_db.session() as session:
        profile = get_profile(session)
        assert profile is not None and profile.language == "en"
    assert window.current_page() == "settings"
    assert window.pages["settings"].language_combo.currentData() == "en"
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels[0] == "Overview"  # rebuilt in the new language


def test_changing_unit_warns_then_reruns_the_unit_pages(
    qtbot: QtBot, demo_db: Database, make_ctx: MakeCtx
) -> None:
    ctx = make_ctx(demo_db, answers=(False, True))
    window = open_window(qtbot, ctx)
    ctrl(qtbot, window, 8)
    page = window.pages["settings"]
    page.change_unit_button.click()
    assert page.unit_wizard is None  # declined: nothing happens
    assert "Đổi đơn vị" in asked(ctx)[0].title

    page.change_unit_button.click()
    wizard = page.unit_wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    wizard.next()  # level: xã/phường, as before
    wizard.next()  # province: Quảng Ngãi, as before
    qtbot.keyClicks(wizard.commune_page.picker.filter_edit, "an phu")
    with qtbot.waitSignal(wizard.finished, timeout=5000):
        wizard.accept()  # what the Finish button does on the last page
    qtbot.waitUntil(lambda: window.windowTitle() == "HTX Desktop — Xã An Phú", timeout=5000)
    assert ctx.scope.unit_code == "21034"
    assert ctx.scope.officer_name == "Nguyễn Thị Hoa"
    assert window.current_page() == "settings"
    assert "Xã An Phú" in window.pages["settings"].unit_label.text()


# --- fonts -----------------------------------------------------------------------------------


def test_shipped_fonts_cover_vietnamese(ui_fonts: list[str], qapp: QApplication) -> None:
    assert {"Liberation Sans", "Liberation Serif"} <= set(ui_fonts)
    assert qapp.font().family() == UI_FONT_FAMILY
    raw = QRawFont.fromFont(QFont(UI_FONT_FAMILY, 12))
    assert raw.isValid() and raw.familyName() == UI_FONT_FAMILY
    letters = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()
    missing = [ch for ch in letters if not raw.supportsCharacter(ord(ch))]
    assert missing == []


# --- GUI start and crash reporting ---------------------------------------------------------


def test_a_file_that_is_not_a_database_is_explained(tmp_path: Path) -> None:
    bad = tmp_path / "ghi-chu.sqlite3"
    bad.write_bytes(b"Day khong phai la co so du lieu. " * 200)
    log_file = tmp_path / "logs" / "htx-desktop.log"
    with pytest.raises(gui_app.StartupError) as caught:
        gui_app.open_app_database(bad, demo=False, log_file=log_file)
    message = caught.value.message
    assert str(bad) in message
    assert "không phải là dữ liệu HTX Desktop" in message
    assert "Traceback" not in message
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_a_folder_that_cannot_hold_the_file_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x")
    with pytest.raises(gui_app.StartupError) as caught:
        gui_app.open_app_database(blocker / "htx.sqlite3", False, tmp_path / "log.txt")
    assert "Không mở được tệp dữ liệu" in caught.value.message


def run_gui_with(
    qapp: QApplication, act: Callable[[QWidget], None], object_name: str, *args: object
) -> int:
    """Run `run_gui` and act on the top-level widget named `object_name` once it is shown.

    An unexpected start-up error box is closed at once and fails the test with its text,
    instead of leaving the event loop waiting for a window that never comes.
    """
    poll = QTimer()
    poll.setInterval(20)
    deadline = QTimer()
    deadline.setSingleShot(True)
    unexpected: list[str] = []

    def check() -> None:
        for widget in qapp.topLevelWidgets():
            if not widget.isVisible():
                continue
            if widget.objectName() == object_name:
                poll.stop()
                act(widget)
                return
            if isinstance(widget, QMessageBox) and widget.objectName() == "startupError":
                unexpected.append(widget.text())
                widget.reject()

    def give_up() -> None:
        poll.stop()
        unexpected.append(f"no visible widget named {object_name!r} in time")
        for widget in qapp.topLevelWidgets():
            if widget.isVisible():
                widget.close()

    poll.timeout.connect(check)
    deadline.timeout.connect(give_up)
    poll.start()
    deadline.start(15_000)
    try:
        rc = gui_app.run_gui(*args)  # type: ignore[arg-type]
    finally:
        poll.stop()
        deadline.stop()
    assert unexpected == []
    return rc


def test_run_gui_opens_the_main_window_on_the_given_file(
    qapp: QApplication, sample: SampleData, restore_hooks: None
) -> None:
    seen: dict[str, str] = {}

    def look_and_close(widget: QWidget) -> None:
        assert isinstance(widget, MainWindow)
        seen["title"] = widget.windowTitle()
        seen["lang"] = widget.ctx.lang
        widget.close()

    path = sample.db.path
    sample.db.close()
    rc = run_gui_with(qapp, look_and_close, "mainWindow", path)
    assert rc == 0
    assert seen == {"title": f"HTX Desktop — {sample.unit_name}", "lang": "vi"}
    assert qapp.font().family() == UI_FONT_FAMILY


def test_run_gui_without_a_profile_shows_the_wizard_and_cancel_exits_quietly(
    qapp: QApplication, empty_db: Database, restore_hooks: None
) -> None:
    path = empty_db.path
    empty_db.close()
    rc = run_gui_with(qapp, lambda wizard: wizard.reject(), "setupWizard", path)
    assert rc == 0


def test_run_gui_without_a_profile_sets_up_then_opens_the_window(
    qapp: QApplication, empty_db: Database, restore_hooks: None
) -> None:
    from htx_desktop.ui.setup_wizard import SetupWizard

    path = empty_db.path
    empty_db.close()
    titles: list[str] = []
    follow = QTimer()
    follow.setInterval(20)

    def close_main_window() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                follow.stop()
                titles.append(widget.windowTitle())
                widget.close()

    def set_up(widget: QWidget) -> None:
        assert isinstance(widget, SetupWizard)
        widget.next()
        widget.province_page.picker.select("51")
        widget.next()
        widget.commune_page.picker.select("21211")
        widget.next()
        type_text(widget.officer_page.name_edit, "Nguyễn Thị Hoa")
        type_text(widget.officer_page.title_edit, "Chủ tịch Hội LHPN xã")
        widget.next()
        assert widget.key_page.later_box is not None
        widget.key_page.later_box.setChecked(True)  # the signing key comes later
        widget.next()
        follow.timeout.connect(close_main_window)
        follow.start()
        widget.accept()

    assert run_gui_with(qapp, set_up, "setupWizard", path) == 0
    follow.stop()
    assert titles == ["HTX Desktop — Xã Tịnh Khê"]


def test_run_gui_reports_a_broken_file_and_returns_1(
    qapp: QApplication, tmp_path: Path, restore_hooks: None
) -> None:
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"\x00garbage" * 512)
    seen: list[str] = []

    def read_and_close(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append(widget.text())
        widget.accept()

    rc = run_gui_with(qapp, read_and_close, "startupError", bad)
    assert rc == 1
    assert len(seen) == 1 and str(bad) in seen[0] and "bị hỏng" in seen[0]


def test_run_gui_demo_opens_on_demo_data(qapp: QApplication, restore_hooks: None) -> None:
    titles: list[str] = []

    def look_and_close(widget: QWidget) -> None:
        assert isinstance(widget, MainWindow)
        titles.append(widget.windowTitle())
        widget.close()

    for _ in range(2):  # the second start reuses the demo file made the first time
        assert run_gui_with(qapp, look_and_close, "mainWindow", None, True) == 0
    assert titles == ["HTX Desktop — Xã Tịnh Khê"] * 2
    assert gui_app.demo_db_path().exists()
