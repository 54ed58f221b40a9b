"""The first walking version of the interface: main window, cooperative model, GUI start."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from htx_desktop import app as gui_app
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative
from htx_desktop.text import fold
from htx_desktop.ui.cooperative_model import (
    OBJECT_ROLE,
    SORT_ROLE,
    Column,
    CooperativeModel,
    CooperativeRow,
)
from htx_desktop.ui.fonts import UI_FONT_FAMILY
from htx_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import SampleData

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def column_texts(window: MainWindow, column: Column) -> list[str]:
    proxy = window.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


# --- main window -----------------------------------------------------------------------------


def test_lists_exactly_the_units_cooperatives(qtbot: QtBot, sample: SampleData) -> None:
    window = open_window(qtbot, sample.db)

    assert window.windowTitle() == f"HTX Desktop — {sample.unit_name}"
    assert window.current_page() == "cooperatives"
    names = column_texts(window, Column.NAME)
    assert sorted(names) == sorted(sample.visible)
    assert sample.deleted_name not in names
    assert sample.other_commune_name not in names
    assert window.count_label.text() == "4 hợp tác xã"
    ids = {window.proxy.index(r, 0).data(OBJECT_ROLE) for r in range(window.proxy.rowCount())}
    assert ids == set(sample.visible.values())


def test_columns_show_labels_not_stored_keys(qtbot: QtBot, sample: SampleData) -> None:
    window = open_window(qtbot, sample.db)
    rows = {
        window.proxy.index(r, Column.NAME).data(): [window.proxy.index(r, c).data() for c in Column]
        for r in range(window.proxy.rowCount())
    }
    assert rows["Hợp tác xã Bánh tráng Tịnh Khê"] == [
        "Hợp tác xã Bánh tráng Tịnh Khê",
        "4300654321",
        sample.unit_name,
        "Thương mại",
        "Giải thể",
        "2009",
    ]
    assert rows["Hợp tác xã Ánh Dương"][1:] == [
        "",
        sample.unit_name,
        "Nông nghiệp",
        "Đang hoạt động",
        "",
    ]
    headers = [window.proxy.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        "Tên HTX",
        "Mã số HTX",
        "Xã/phường",
        "Lĩnh vực",
        "Trạng thái",
        "Năm thành lập",
    ]


def test_sorting_by_name_through_the_proxy(qtbot: QtBot, sample: SampleData) -> None:
    window = open_window(qtbot, sample.db)
    assert window.table_view is not None
    accent_free = sorted(sample.visible, key=fold)
    # “Đồng” belongs next to “Dong”, before “Dừa”; a plain code-point sort puts Đ after Z.
    assert accent_free.index("Hợp tác xã Đồng Tâm") < accent_free.index("Hợp tác xã Dừa Xanh")
    assert column_texts(window, Column.NAME) == accent_free

    header = window.table_view.horizontalHeader()
    x = header.sectionViewportPosition(Column.NAME) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == Column.NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert column_texts(window, Column.NAME) == accent_free[::-1]


def test_sorting_by_year_is_numeric_with_blanks_last(qtbot: QtBot, sample: SampleData) -> None:
    window = open_window(qtbot, sample.db)
    window.proxy.sort(Column.YEAR, Qt.SortOrder.AscendingOrder)
    assert column_texts(window, Column.YEAR) == ["1998", "2009", "2015", ""]
    window.proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    assert column_texts(window, Column.STATUS) == [
        "Đang hoạt động",
        "Đang hoạt động",
        "Tạm ngừng",
        "Giải thể",
    ]


def test_tombstoned_cooperative_disappears_on_reload(qtbot: QtBot, sample: SampleData) -> None:
    window = open_window(qtbot, sample.db)
    gone = "Hợp tác xã Dừa Xanh"
    with sample.db.session() as session:
        session.execute(
            update(Cooperative).where(Cooperative.id == sample.visible[gone]).values(deleted=True)
        )
    window.reload()
    names = column_texts(window, Column.NAME)
    assert gone not in names
    assert len(names) == 3
    assert window.count_label.text() == "3 hợp tác xã"


def test_district_officer_sees_every_commune_of_her_district(
    qtbot: QtBot, sample: SampleData
) -> None:
    from sqlalchemy import select

    from htx_desktop.storage.models import OfficerProfile
    from htx_desktop.storage.units import create_district

    with sample.db.session() as session:
        district = create_district(
            session, "Huyện Sơn Tịnh cũ", [sample.unit_code, sample.other_commune]
        )
        profile = session.scalars(select(OfficerProfile)).one()
        profile.unit_code = district.code
        profile.level = "district"
    window = open_window(qtbot, sample.db)
    assert window.windowTitle() == "HTX Desktop — Huyện Sơn Tịnh cũ"
    names = column_texts(window, Column.NAME)
    assert sorted(names) == sorted([*sample.visible, sample.other_commune_name])
    assert window.count_label.text() == "5 hợp tác xã"


def test_without_profile_the_page_says_how_to_set_up(
    qtbot: QtBot, empty_db: Database, coop_factory: Callable[..., str]
) -> None:
    coop_factory(empty_db, "Hợp tác xã Không Đơn Vị", "21211")
    window = open_window(qtbot, empty_db)

    message = window.findChild(QLabel, "noProfileMessage")
    assert message is not None and message.isVisible()
    text = message.text()
    assert "Chưa thiết lập đơn vị" in text
    assert "htx-desktop init" in text and "--demo" in text
    assert str(empty_db.path) in text
    assert window.table_view is None
    assert "chưa thiết lập đơn vị" in window.windowTitle()
    assert window.count_label.text() == "Chưa thiết lập đơn vị"


def test_other_pages_say_they_are_coming(qtbot: QtBot, sample: SampleData) -> None:
    window = open_window(qtbot, sample.db)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Tổng quan", "Hợp tác xã", "Tổ hợp tác", "Cán bộ Hội", "Tập huấn"]

    item = window.nav.item(2)
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "groups"
    placeholder = window.findChild(QLabel, "placeholder_groups")
    assert placeholder is not None and placeholder.isVisible()
    assert "Tổ hợp tác" in placeholder.text() and "đang được xây dựng" in placeholder.text()


# --- model -----------------------------------------------------------------------------------


def sample_rows() -> list[CooperativeRow]:
    return [
        CooperativeRow(
            "id-1", "Hợp tác xã Đồng Tâm", None, "Xã Tịnh Khê", "thuy_san", "hoat_dong", 2001
        ),
        CooperativeRow(
            "id-2", "Hợp tác xã Ánh Dương", "4300000001", None, "khac", "tam_ngung", None
        ),
        CooperativeRow("id-3", "HTX Mới", None, "Xã An Phú", "khoa_moi", "trang_thai_moi", 2024),
    ]


def test_model_passes_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CooperativeModel(sample_rows())
    qtmodeltester.check(model)
    model.set_rows(sample_rows()[:1])
    model.set_rows([])
    qtmodeltester.check(model)


def test_model_roles() -> None:
    model = CooperativeModel(sample_rows())
    assert model.rowCount() == 3 and model.columnCount() == len(Column)
    first = model.index(0, Column.YEAR)
    assert first.data() == "2001"
    assert first.data(SORT_ROLE) == 2001
    assert model.index(1, Column.YEAR).data(SORT_ROLE) is None
    assert model.index(1, Column.NAME).data(OBJECT_ROLE) == "id-2"
    assert model.index(0, Column.SECTOR).data() == "Thủy sản"
    # A key from a newer form file is shown as stored rather than hidden.
    assert model.index(2, Column.SECTOR).data() == "khoa_moi"
    assert model.index(2, Column.STATUS).data() == "trang_thai_moi"
    assert model.index(0, Column.NAME).flags() & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)


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


@pytest.fixture
def restore_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`run_gui` installs process-wide hooks and a log handler; put them back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logger = logging.getLogger("htx_desktop")
    handlers = list(logger.handlers)
    yield
    for handler in logger.handlers[:]:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()


def make_error() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise ValueError("giá trị hỏng trong hàm thử")
    except ValueError as exc:
        return type(exc), exc, exc.__traceback__


def test_crash_reporter_logs_and_shows_a_readable_message(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, sample: SampleData
) -> None:
    window = open_window(qtbot, sample.db)
    log_file = tmp_path / "logs" / "htx-desktop.log"
    reporter = gui_app.ErrorReporter(log_file, parent=qapp)
    exc_type, exc, tb = make_error()

    reporter.excepthook(exc_type, exc, tb)  # type: ignore[arg-type]
    reporter.excepthook(exc_type, exc, tb)  # type: ignore[arg-type]

    logged = log_file.read_text(encoding="utf-8")
    assert logged.count("Traceback (most recent call last)") == 2
    assert "giá trị hỏng trong hàm thử" in logged
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    box = reporter.dialog
    assert box is not None
    shown = f"{box.text()}\n{box.informativeText()}"
    assert str(log_file) in shown
    assert "Đã xảy ra lỗi" in shown
    assert "Traceback" not in shown and "ValueError" not in shown
    dialogs = [
        w for w in qapp.topLevelWidgets() if w.objectName() == "crashDialog" and w.isVisible()
    ]
    assert len(dialogs) == 1  # the second error did not stack another dialog
    assert window.isVisible()  # the application keeps running

    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    reporter.deleteLater()


def test_worker_thread_errors_reach_the_dialog_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, restore_hooks: None
) -> None:
    log_file = tmp_path / "crash.log"
    reporter = gui_app.install_excepthook(qapp, log_file)
    assert sys.excepthook == reporter.excepthook

    def fail() -> None:
        raise RuntimeError("lỗi trong luồng nền")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    assert reporter.dialog.thread() is qapp.thread()
    assert "lỗi trong luồng nền" in log_file.read_text(encoding="utf-8")
    reporter.dialog.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    reporter.deleteLater()


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
        seen["count"] = widget.count_label.text()
        widget.close()

    path = sample.db.path
    sample.db.close()
    rc = run_gui_with(qapp, look_and_close, "mainWindow", path)
    assert rc == 0
    assert seen == {"title": f"HTX Desktop — {sample.unit_name}", "count": "4 hợp tác xã"}
    assert qapp.font().family() == UI_FONT_FAMILY


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
    demo = pytest.importorskip("htx_desktop.demo")
    if not hasattr(demo, "create_demo_database"):
        pytest.skip("htx_desktop.demo has no create_demo_database yet")
    counts: list[int] = []

    def count_and_close(widget: QWidget) -> None:
        assert isinstance(widget, MainWindow)
        counts.append(widget.proxy.rowCount())
        widget.close()

    for _ in range(2):  # the second start reuses the demo file made the first time
        assert run_gui_with(qapp, count_and_close, "mainWindow", None, True) == 0
    assert len(counts) == 2 and counts[0] > 0 and counts[0] == counts[1]
    assert gui_app.demo_db_path().exists()
