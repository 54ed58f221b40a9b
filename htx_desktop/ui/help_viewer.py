"""The in-app user guide: HTML pages shipped in `resources/help/<lang>` (Vietnamese, and an
English translation), shown in a QTextBrowser (no browser engine: QtWebEngine would add
hundreds of MB to the installer).

The guide has one page per screen of the application. F1 opens the page of what the officer is
looking at: the main window maps each of its pages (`HELP_FOR_PAGE`), and every main dialog
calls `bind_help(self, TOPIC_…)` so that F1 inside it opens that dialog's part of the guide
(a modal dialog blocks the main window, so the window's own F1 could not answer there).

The pages are plain HTML 4 with images, which QTextBrowser renders; links between pages work
and external links open in the system browser. The guide never sends the officer to a command
line: every step it describes is done with the mouse in the application.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.paths import resources_dir
from htx_desktop.ui.page_registry import (
    PAGE_CADRES,
    PAGE_COOPERATIVES,
    PAGE_EXCHANGE,
    PAGE_GROUPS,
    PAGE_OVERVIEW,
    PAGE_REPORTS,
    PAGE_SETTINGS,
    PAGE_TRAININGS,
)
from htx_desktop.ui.screen_fit import fit_window

HELP_SHORTCUT = QKeySequence.StandardKey.HelpContents  # F1 on Windows and Linux
HELP_INDEX = "index.html"

#: The guide's page for each page of the main window (keys of `page_registry.PAGE_KEYS`).
HELP_FOR_PAGE: dict[str, str] = {
    PAGE_OVERVIEW: "tong-quan.html",
    PAGE_COOPERATIVES: "hop-tac-xa.html",
    PAGE_GROUPS: "to-hop-tac.html",
    PAGE_CADRES: "can-bo.html",
    PAGE_TRAININGS: "tap-huan.html",
    PAGE_EXCHANGE: "xuat-nhap.html",
    PAGE_REPORTS: "bao-cao.html",
    PAGE_SETTINGS: "cai-dat.html",
}

#: The guide's place for each main dialog ("page.html#anchor").
TOPIC_RECORD = "nhap-lieu.html"
TOPIC_SETUP = "thiet-lap.html"
TOPIC_EXPORT = "xuat-nhap.html#xuat-goi"
TOPIC_IMPORT = "xuat-nhap.html#nhap-goi"
TOPIC_TRUST = "xuat-nhap.html#tin-cay"
TOPIC_XLSX_IMPORT = "xuat-nhap.html#excel"
TOPIC_BACKUP = "sao-luu.html"
TOPIC_ABOUT = "su-co.html"
TOPIC_INDICATOR_RECORDS = "tong-quan.html#chi-tiet"
TOPIC_NARRATIVE = "bao-cao.html#danh-gia"
TOPIC_REPORT_HEADER = "bao-cao.html"
TOPIC_UNDO_IMPORT = "xuat-nhap.html#hoan-tac"
#: The print preview of a record list: the part of that list's page about export and printing
#: (keys are the lists' form keys).
TOPIC_LIST_OUTPUT: dict[str, str] = {
    "cooperative": "hop-tac-xa.html#xuat-in",
    "cooperative_group": "to-hop-tac.html#xuat-in",
    "union_cadre": "can-bo.html#xuat-in",
    "training_session": "tap-huan.html#xuat-in",
}
DIALOG_TOPICS: tuple[str, ...] = (
    TOPIC_RECORD,
    TOPIC_SETUP,
    TOPIC_EXPORT,
    TOPIC_IMPORT,
    TOPIC_TRUST,
    TOPIC_XLSX_IMPORT,
    TOPIC_BACKUP,
    TOPIC_ABOUT,
    TOPIC_INDICATOR_RECORDS,
    TOPIC_NARRATIVE,
    TOPIC_REPORT_HEADER,
    TOPIC_UNDO_IMPORT,
    *TOPIC_LIST_OUTPUT.values(),
)


def list_output_topic(form_key: str) -> str:
    """The guide's place for exporting and printing the list of `form_key` records."""
    return TOPIC_LIST_OUTPUT.get(form_key, TOPIC_LIST_OUTPUT["cooperative"])

#: Dynamic property naming the help topic of a window (tests and the screenshots read it).
HELP_TOPIC_PROPERTY = "htxHelpTopic"


def help_dir(lang: str = "vi") -> Path:
    """`resources/help/<lang>`; Vietnamese is the fallback for a language with no guide."""
    folder = resources_dir() / "help" / lang
    return folder if (folder / HELP_INDEX).is_file() else resources_dir() / "help" / "vi"


def current_language() -> str:
    """The interface language in force: "en" when the English catalogue is installed."""
    from htx_desktop.ui.i18n import active_language

    app = QApplication.instance()
    return active_language(app) if app is not None else "vi"


def split_topic(topic: str) -> tuple[str, str]:
    """"page.html#anchor" -> ("page.html", "anchor"); a bare anchor is one of the index."""
    page, _, anchor = topic.partition("#")
    if page and not page.endswith(".html"):
        return HELP_INDEX, page  # an old-style anchor of the index ("nhap")
    return page or HELP_INDEX, anchor


class HelpViewer(QDialog):
    """Non-modal window with the guide; `show_topic("xuat-nhap.html#excel")` opens a place."""

    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpViewer")
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng HTX Desktop"))
        fit_window(self, "help", (900, 700))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.folder = help_dir(lang or current_language())
        self.browser.setSearchPaths([str(self.folder)])
        self.index = QUrl.fromLocalFile(str(self.folder / HELP_INDEX))

        back = QPushButton(self.tr("Quay lại"))
        back.setObjectName("helpBack")
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        home = QPushButton(self.tr("Mục lục"))
        home.setObjectName("helpHome")
        home.clicked.connect(lambda: self.browser.setSource(self.index))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addWidget(home)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.browser.setSource(self.index)

    def topic_url(self, topic: str = "") -> QUrl:
        page, anchor = split_topic(topic)
        if not (self.folder / page).is_file():
            page, anchor = HELP_INDEX, ""  # a guide without that page still opens
        url = QUrl.fromLocalFile(str(self.folder / page))
        if anchor:
            url.setFragment(anchor)
        return url

    def show_topic(self, topic: str = "") -> None:
        self.browser.setSource(self.topic_url(topic))
        self.show()
        self.raise_()
        self.activateWindow()

    def current_page(self) -> str:
        """File name of the page shown ("hop-tac-xa.html")."""
        return Path(self.browser.source().toLocalFile()).name

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            self.browser.setSource(self.browser.source())  # stay on the page
            QDesktopServices.openUrl(url)


def open_help(window: QWidget, topic: str = "") -> HelpViewer:
    """Show the guide at `topic` in a viewer owned by `window` (made on first use).

    Owned by the window that asked, so it stays usable while that window is modal."""
    viewer = next(
        (v for v in window.findChildren(HelpViewer) if v.parent() is window), None
    )
    if viewer is None:
        viewer = HelpViewer(window)
    viewer.show_topic(topic)
    return viewer


def topic_in_view(page: QWidget, default: str) -> str:
    """F1 on a page: the topic of the tab in view when that tab names one (`mark_help`, e.g.
    the reports page's narrative tab), else `default`, the page's own."""
    for tabs in page.findChildren(QTabWidget):
        shown = tabs.currentWidget()
        topic = shown.property(HELP_TOPIC_PROPERTY) if shown is not None else None
        if isinstance(topic, str) and topic and shown.isVisible():
            return topic
    return default


def mark_help(widget: QWidget, topic: str) -> None:
    """Name the guide's place for a part of a page (a tab); the page's F1 then opens it."""
    widget.setProperty(HELP_TOPIC_PROPERTY, topic)


def bind_help(window: QWidget, topic: str) -> QShortcut:
    """F1 in `window` (a dialog or wizard) opens the guide at `topic`."""
    window.setProperty(HELP_TOPIC_PROPERTY, topic)
    shortcut = QShortcut(QKeySequence(HELP_SHORTCUT), window)
    shortcut.setObjectName("helpShortcut")
    shortcut.activated.connect(lambda: open_help(window, topic))
    return shortcut
