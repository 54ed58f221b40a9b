"""The user guide: a page for every screen, F1 opens the page of what the officer looks at,
every picture a page shows is there, and no page sends her to a command line.

The guide lives in `resources/help/<lang>` (Vietnamese, and English for the English interface);
its screenshots are made by `tools/screenshots.py` from the demo data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from htx_desktop.paths import resources_dir
from htx_desktop.storage.engine import Database
from htx_desktop.ui import i18n
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import (
    DIALOG_TOPICS,
    HELP_FOR_PAGE,
    HELP_INDEX,
    HELP_TOPIC_PROPERTY,
    TOPIC_RECORD,
    HelpViewer,
    help_dir,
    split_topic,
)
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.page_registry import PAGE_COOPERATIVES, PAGE_KEYS
from htx_desktop.ui.window_state import WindowState

LANGUAGES = ("vi", "en")
HELP_ROOT = resources_dir() / "help"
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"'#:]+\.(?:html|png|css))(?:#([^"']*))?["']""")
#: Ways a page could send the officer to a terminal.
COMMAND_LINE = re.compile(
    r"htx-desktop(?:-cli)?(?:\.exe)?\s+-|htx-desktop-cli|dòng lệnh|command line|command prompt"
    r"|terminal|cmd\.exe|powershell|<kbd>\s*(?:python|pip|htx)",
    re.IGNORECASE,
)


def guide_pages(lang: str) -> list[Path]:
    return sorted((HELP_ROOT / lang).glob("*.html"))


def anchors(page: Path) -> set[str]:
    return set(re.findall(r"""name\s*=\s*["']([^"']+)["']""", page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_and_main_dialog_has_its_page(lang: str) -> None:
    folder = HELP_ROOT / lang
    assert (folder / HELP_INDEX).is_file()
    assert set(HELP_FOR_PAGE) == set(PAGE_KEYS), "a page of the window has no help page"
    for topic in [*HELP_FOR_PAGE.values(), *DIALOG_TOPICS]:
        page, anchor = split_topic(topic)
        assert (folder / page).is_file(), f"{lang}: {page} is missing"
        if anchor:
            assert anchor in anchors(folder / page), f"{lang}: {page} has no #{anchor}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_picture_and_link_of_the_guide_exists(lang: str) -> None:
    problems = []
    for page in guide_pages(lang):
        for target, anchor in REFERENCE.findall(page.read_text(encoding="utf-8")):
            path = (page.parent / target).resolve()
            if not path.is_file():
                problems.append(f"{page.name}: {target} does not exist")
            elif anchor and anchor not in anchors(path):
                problems.append(f"{page.name}: {target} has no #{anchor}")
    assert not problems, "\n".join(problems)
    shown = {
        target
        for page in guide_pages(lang)
        for target, _ in REFERENCE.findall(page.read_text(encoding="utf-8"))
        if target.endswith(".png")
    }
    assert len(shown) >= 10, "the guide shows the screens it explains"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_guide_is_reachable_from_its_contents(lang: str) -> None:
    index = (HELP_ROOT / lang / HELP_INDEX).read_text(encoding="utf-8")
    linked = {target for target, _ in REFERENCE.findall(index)}
    orphans = [p.name for p in guide_pages(lang) if p.name != HELP_INDEX and p.name not in linked]
    assert not orphans, f"{lang}: pages missing from the contents: {orphans}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_never_sends_her_to_a_command_line(lang: str) -> None:
    found = [
        f"{page.name}: …{match.group(0)}…"
        for page in guide_pages(lang)
        for match in COMMAND_LINE.finditer(page.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


# --- F1 through real widgets ------------------------------------------------------------------


@pytest.fixture
def window(
    qtbot: QtBot, demo_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> Iterator[MainWindow]:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "cài đặt.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        make_ctx(demo_db), window_state=WindowState(settings), offer_drafts=False
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    window.ctx.runner.wait()


def press_f1(qtbot: QtBot, target: QWidget) -> None:
    qtbot.keyClick(target, Qt.Key.Key_F1)


def test_f1_on_the_cooperatives_page_opens_the_page_about_cooperatives(
    qtbot: QtBot, window: MainWindow
) -> None:
    item = window.nav.item(PAGE_KEYS.index(PAGE_COOPERATIVES))
    where = window.nav.visualItemRect(item).center()
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.current_page() == PAGE_COOPERATIVES
    press_f1(qtbot, window.page(PAGE_COOPERATIVES).search_box)
    qtbot.waitUntil(lambda: window.help_viewer is not None and window.help_viewer.isVisible())
    viewer = window.help_viewer
    assert viewer is not None
    assert viewer.current_page() == "hop-tac-xa.html"
    text = viewer.browser.toPlainText()
    assert text.startswith("← Mục lục\nHợp tác xã")
    assert "Thêm người quản lý" in text

    # Back on the overview, F1 follows the page in view.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    press_f1(qtbot, window)
    qtbot.waitUntil(lambda: viewer.current_page() == "tong-quan.html")


def test_f1_in_the_record_dialog_opens_the_record_entry_help(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page(PAGE_COOPERATIVES)
    page = window.page(PAGE_COOPERATIVES)
    qtbot.waitUntil(lambda: page.view.model().rowCount() > 0)
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QWidget))
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.property(HELP_TOPIC_PROPERTY) == TOPIC_RECORD
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press_f1(qtbot, QApplication.focusWidget() or dialog)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in dialog.findChildren(HelpViewer)))
    viewers = [v for v in dialog.findChildren(HelpViewer) if v.isVisible()]
    assert [v.current_page() for v in viewers] == ["nhap-lieu.html"]
    assert "Lưu và thêm mới" in viewers[0].browser.toPlainText()
    assert window.help_viewer is None  # the dialog's own viewer, usable while it is modal
    dialog.reject()


def test_the_english_interface_opens_the_english_guide(
    qtbot: QtBot, qapp: QApplication
) -> None:
    i18n.install_translator(qapp, "en")
    try:
        viewer = HelpViewer()
        qtbot.addWidget(viewer)
        viewer.show_topic(HELP_FOR_PAGE[PAGE_COOPERATIVES])
        assert viewer.folder == help_dir("en")
        assert "Add manager" in viewer.browser.toPlainText()
        assert viewer.windowTitle() == "HTX Desktop user guide"
    finally:
        i18n.remove_translators(qapp)


def test_each_main_dialog_names_its_part_of_the_guide(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from htx_desktop.ui.about_dialog import AboutDialog
    from htx_desktop.ui.help_viewer import (
        TOPIC_ABOUT,
        TOPIC_EXPORT,
        TOPIC_IMPORT,
        TOPIC_SETUP,
        TOPIC_XLSX_IMPORT,
    )
    from htx_desktop.ui.setup_wizard import SetupWizard
    from htx_desktop.ui.xlsx_import_dialog import XlsxImportDialog

    window.show_page("exchange")
    exchange = window.pages["exchange"]
    dialogs = {
        TOPIC_EXPORT: exchange.open_export(),
        TOPIC_IMPORT: exchange.open_import(),
        TOPIC_SETUP: SetupWizard(window.ctx.db, window, unit_only=True),
        TOPIC_XLSX_IMPORT: XlsxImportDialog(
            window.ctx, window, Path(__file__).parents[1] / "fixtures" / "legacy-list.xlsx"
        ),
        TOPIC_ABOUT: AboutDialog(window.ctx.db.path, tmp_path, window),
    }
    for topic, dialog in dialogs.items():
        assert dialog.property(HELP_TOPIC_PROPERTY) == topic
    wizard = dialogs[TOPIC_IMPORT]
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    press_f1(qtbot, wizard)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in wizard.findChildren(HelpViewer)))
    viewer = wizard.findChildren(HelpViewer)[0]
    assert viewer.browser.source().fragment() == "nhap-goi"
    for dialog in dialogs.values():
        dialog.close()
    window.ctx.runner.wait()


def test_f1_in_the_records_behind_a_card_opens_the_overview_help(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtCore import QPoint

    from htx_desktop.ui.help_viewer import TOPIC_INDICATOR_RECORDS

    page = window.page("overview")
    qtbot.waitUntil(lambda: "htx_women_managed" in page.cards, timeout=10_000)
    card = page.cards["htx_women_managed"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: page.records_dialog is not None, timeout=5_000)
    dialog = page.records_dialog
    assert dialog.property(HELP_TOPIC_PROPERTY) == TOPIC_INDICATOR_RECORDS
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press_f1(qtbot, dialog.view)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in dialog.findChildren(HelpViewer)))
    viewer = dialog.findChildren(HelpViewer)[0]
    assert viewer.current_page() == "tong-quan.html"
    assert viewer.browser.source().fragment() == "chi-tiet"
    assert "Bấm vào thẻ để xem các hồ sơ được tính" in viewer.browser.toPlainText()
    dialog.reject()


def test_f1_on_the_reports_narrative_tab_opens_its_part_of_the_guide(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("reports")
    page = window.page("reports")
    press_f1(qtbot, page)
    qtbot.waitUntil(lambda: window.help_viewer is not None and window.help_viewer.isVisible())
    viewer = window.help_viewer
    assert viewer.browser.source().fragment() == ""  # the preview tab: the page's top

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tabs = page.tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert tabs.currentWidget() is page.narrative
    press_f1(qtbot, tabs.tabBar())
    qtbot.waitUntil(lambda: viewer.browser.source().fragment() == "danh-gia")
    assert viewer.current_page() == "bao-cao.html"
    assert "Nhiệm vụ trọng tâm kỳ tới" in viewer.browser.toPlainText()


def test_the_list_print_preview_names_the_lists_part_of_the_guide(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("cadres")
    page = window.page("cadres")
    qtbot.waitUntil(lambda: page.view.model().rowCount() > 0)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible())
    dialog = page.print_dialog
    assert dialog.property(HELP_TOPIC_PROPERTY) == "can-bo.html#xuat-in"
    dialog.reject()
