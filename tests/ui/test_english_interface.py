"""The English interface is complete: walking every page of the main window and its main
dialogs in English, no text the application wrote itself is left in Vietnamese.

The officer's data stays as she typed it (names of cooperatives, people, units, notes), so every
text value stored in the demo database is taken out of what a widget shows before looking for
Vietnamese letters; what is left was written by the program and must be English. Table cells are
data and are not read; their column headers are. A failure names the widget and the text: wrap
the string in `tr()`, run `python -m htx_desktop.i18n_build update` and translate it, or give a
form field its `en` label in `forms/*.toml`.
"""

from __future__ import annotations

import html
import re
import sqlite3
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from htx_desktop.paths import resources_dir
from htx_desktop.registry.records import model_for
from htx_desktop.storage.engine import Database
from htx_desktop.ui import i18n
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.page_registry import PAGE_KEYS
from htx_desktop.ui.window_state import WindowState

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
#: Vietnamese that belongs in the English interface: the name of the language in the language
#: chooser (shown in its own language, as every application does), the official numbers of
#: Vietnamese legal documents, and place names in examples.
PROPER = ("Tiếng Việt", "NĐ-CP", "QĐ-TTg", "Nghĩa Hành", "Tịnh Khê", "Sơn Tịnh")
RECORD_FORMS = (
    "cooperative",
    "cooperative_group",
    "union_cadre",
    "training_session",
    "manager",
    "period_figures",
)
FIXTURE_WORKBOOK = Path(__file__).parents[1] / "fixtures" / "legacy-list.xlsx"


def stored_texts(db: Database) -> list[str]:
    """Every text value in the database (the officer's data and the official units), longest
    first so that a long name is taken out before a shorter one inside it."""
    found: set[str] = set()
    with sqlite3.connect(db.path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str) and VIETNAMESE.search(value):
                        found.update(part.strip() for part in value.split("\n") if part.strip())
    for plan in (resources_dir() / "plans").glob("*.toml"):  # official documents' own words
        found.update(_strings(tomllib.loads(plan.read_text(encoding="utf-8"))))
    found.update(PROPER)
    return sorted(found, key=len, reverse=True)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the program puts on `root` and its children."""
    yield "window title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName() or '(unnamed)'}"
        if widget.toolTip():
            yield f"{where} tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield where, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"{where} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} item {i}", widget.itemText(i)
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where} tab {i}", widget.tabText(i)
        if isinstance(widget, QListWidget) and widget.objectName() == "navigation":
            for i in range(widget.count()):
                yield f"{where} item {i}", widget.item(i).text()
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            header = (
                widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            )
            for column in range(header.count()):
                text = widget.model().headerData(column, Qt.Orientation.Horizontal)
                yield f"{where} column {column}", str(text or "")
        for action in widget.actions():
            yield f"{where} action", action.text()
            yield f"{where} action tooltip", action.toolTip()
    if isinstance(root, QWizard):
        for button in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            yield "wizard button", root.buttonText(button)
        for page_id in root.pageIds():
            page = root.page(page_id)
            yield f"wizard page {page_id} title", page.title()
            yield f"wizard page {page_id} subtitle", page.subTitle()


def vietnamese_left(root: QWidget, data: list[str]) -> list[str]:
    problems = []
    for where, raw in widget_texts(root):
        text = html.unescape(re.sub(r"<[^>]+>", " ", raw or ""))
        if not VIETNAMESE.search(text):
            continue
        for value in data:
            if value in text:
                text = text.replace(value, " ")
        if VIETNAMESE.search(text):
            problems.append(f"{where}: {raw!r}")
    return problems


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translator(qapp, "en")
    yield
    i18n.remove_translators(qapp)


def open_window(
    qtbot: QtBot, db: Database, make_ctx: Callable[..., AppContext], folder: Path
) -> MainWindow:
    settings = QSettings(str(folder / "cài đặt.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        make_ctx(db, lang="en"), window_state=WindowState(settings), offer_drafts=False
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    window.ctx.runner.wait()
    qtbot.wait(50)
    window.ctx.runner.wait()


def first_id(db: Database, form_key: str) -> str:
    model = model_for(form_key)
    with db.session() as session:
        found = session.scalars(select(model.id).where(model.deleted.is_(False)).limit(1)).first()
    assert found is not None, f"the demo data has no {form_key}"
    return str(found)


@pytest.mark.parametrize("level", ["commune", "province"])
def test_every_page_of_the_main_window_reads_in_english(
    qtbot: QtBot,
    english: None,
    request: pytest.FixtureRequest,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
    level: str,
) -> None:
    db: Database = request.getfixturevalue("demo_db" if level == "commune" else "province_demo_db")
    data = stored_texts(db)
    window = open_window(qtbot, db, make_ctx, tmp_path)
    problems: list[str] = []
    for key in PAGE_KEYS:
        window.show_page(key)
        settle(qtbot, window)
        problems += [f"[{key}] {p}" for p in vietnamese_left(window, data)]
    assert not problems, f"{len(problems)} Vietnamese texts in English mode:\n" + "\n".join(
        sorted(set(problems))
    )


def test_the_main_dialogs_read_in_english(
    qtbot: QtBot,
    english: None,
    demo_db: Database,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    from htx_desktop.reports.requests import load_saved_header
    from htx_desktop.ui.about_dialog import AboutDialog
    from htx_desktop.ui.help_viewer import HelpViewer
    from htx_desktop.ui.pages.attendee_picker import AttendeePicker
    from htx_desktop.ui.record_dialog import RecordDialog
    from htx_desktop.ui.report_header_dialog import ReportHeaderDialog
    from htx_desktop.ui.setup_wizard import SetupWizard
    from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

    data = stored_texts(demo_db)
    window = open_window(qtbot, demo_db, make_ctx, tmp_path)
    ctx = window.ctx
    dialogs: list[tuple[str, Callable[[], QWidget]]] = []
    for form_key in RECORD_FORMS:
        record_id = first_id(demo_db, form_key)
        dialogs.append((
            f"record {form_key}",
            lambda f=form_key, r=record_id: RecordDialog(ctx, f, r, parent=window),
        ))
    dialogs.append(("new cooperative", lambda: RecordDialog(ctx, "cooperative", parent=window)))

    def history() -> QWidget:
        record = RecordDialog(ctx, "cooperative", first_id(demo_db, "cooperative"), parent=window)
        qtbot.addWidget(record)
        record.show_history()
        return record.history_dialog

    def export() -> QWidget:
        window.show_page("exchange")
        dialog = window.pages["exchange"].open_export()
        qtbot.waitUntil(lambda: dialog.counts is not None, timeout=20_000)
        return dialog

    def import_wizard() -> QWidget:
        window.show_page("exchange")
        return window.pages["exchange"].open_import()

    def xlsx() -> QWidget:
        dialog = XlsxImportDialog(ctx, window, FIXTURE_WORKBOOK)
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
        return dialog

    dialogs += [
        ("history", history),
        ("attendee picker", lambda: AttendeePicker(
            ctx, first_id(demo_db, "training_session"), "Training", parent=window)),
        ("export", export),
        ("import wizard", import_wizard),
        ("excel import", xlsx),
        ("about", lambda: AboutDialog(demo_db.path, tmp_path, window)),
        ("help", lambda: HelpViewer(window)),
        ("report header", lambda: ReportHeaderDialog(ctx, load_saved_header(demo_db), window)),
        ("unit change", lambda: SetupWizard(demo_db, window, unit_only=True)),
        ("setup", lambda: SetupWizard(demo_db, window)),
    ]
    problems: list[str] = []
    for name, make in dialogs:
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot, window)
        problems += [f"[{name}] {p}" for p in vietnamese_left(dialog, data)]
        dialog.close()
    assert not problems, f"{len(problems)} Vietnamese texts in English mode:\n" + "\n".join(
        sorted(set(problems))
    )
