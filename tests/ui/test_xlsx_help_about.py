"""The Excel import dialog (dry run, then confirm), the help viewer and the About box."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from htx_desktop import __version__
from htx_desktop.registry.records import model_for
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import ImportLedger
from htx_desktop.ui.about_dialog import AboutDialog
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_XLSX_IMPORT, HelpViewer, help_dir
from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

FIXTURE = Path(__file__).parents[1] / "fixtures" / "legacy-list.xlsx"


def _coop_count(db: Database) -> int:
    with db.session() as session:
        return len(session.scalars(select(model_for("cooperative").id)).all())


def test_dry_run_lists_problems_and_writes_nothing_until_confirmed(
    qtbot: QtBot, demo_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    ctx = make_ctx(demo_db)
    before = _coop_count(demo_db)
    dialog = XlsxImportDialog(ctx, path=FIXTURE)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
    readings = len(dialog.preview.columns_read)
    assert readings == 7  # every header of the old list, with what it was read as
    assert dialog.table.rowCount() == 5 + readings
    assert dialog.table.item(0, 2).text().startswith("C ")
    shown = [(dialog.table.item(5 + i, 2).text(), dialog.table.item(5 + i, 3).text())
             for i in range(readings)]
    assert ("B “Tên HTX”", "Đọc là: Tên hợp tác xã") in shown
    assert "TCVN3" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert _coop_count(demo_db) == before

    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert _coop_count(demo_db) == before + 2
    assert "Đã nhập" in dialog.summary.text()
    with demo_db.session() as session:
        entry = session.scalars(select(ImportLedger)).one()
        assert entry.signed is False and entry.file_name == FIXTURE.name


def test_help_viewer_shows_the_excel_import_help_with_its_picture(qtbot: QtBot) -> None:
    viewer = HelpViewer(lang="vi")
    qtbot.addWidget(viewer)
    viewer.show_topic(TOPIC_XLSX_IMPORT)
    assert viewer.current_page() == "xuat-nhap.html"
    text = viewer.browser.toPlainText()
    assert "Nhập từ tệp Excel" in text
    html = (help_dir() / "xuat-nhap.html").read_text(encoding="utf-8")
    assert 'src="img/nhap-excel.png"' in html
    assert (help_dir() / "img" / "nhap-excel.png").is_file()


def test_about_box_names_version_database_and_data_folder(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = AboutDialog(tmp_path / "htx.sqlite3", tmp_path / "data")
    qtbot.addWidget(dialog)
    assert dialog.version_label.text() == __version__
    assert dialog.db_label.text() == str(tmp_path / "htx.sqlite3")
    assert dialog.data_label.text() == str(tmp_path / "data")


def test_about_box_names_the_licences_and_where_to_get_help(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import tomllib

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from htx_desktop.paths import project_root, resources_dir

    dialog = AboutDialog(tmp_path / "dữ liệu thử" / "htx.sqlite3", tmp_path / "dữ liệu thử")
    qtbot.addWidget(dialog)
    dialog.show()
    pyproject = tomllib.loads((project_root() / "pyproject.toml").read_text(encoding="utf-8"))
    licence = pyproject["project"]["license"]["text"]
    assert f"giấy phép {licence}" in dialog.licence_label.text()
    assert (resources_dir() / "fonts" / "LICENSE-Liberation.txt").is_file()
    assert "SIL Open Font License" in dialog.licence_label.text()
    assert "Hội LHPN cấp huyện/cụm hoặc cấp tỉnh" in dialog.support_label.text()

    guide = dialog.findChild(QPushButton, "openGuide")
    qtbot.mouseClick(guide, Qt.MouseButton.LeftButton)
    viewer = dialog.findChild(HelpViewer)
    assert viewer is not None and viewer.isVisible()
    assert viewer.current_page() == "su-co.html"
    assert "Liên hệ hỗ trợ" in viewer.browser.toPlainText()
