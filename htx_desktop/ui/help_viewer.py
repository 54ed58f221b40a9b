"""The in-app user guide: Vietnamese HTML pages shipped in `resources/help/vi`, shown in a
QTextBrowser (no browser engine: QtWebEngine would add hundreds of MB to the installer).

The pages are plain HTML 4 with images, which QTextBrowser renders; links between pages work
and external links open in the system browser. F1 anywhere in the main window opens it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.paths import resources_dir
from htx_desktop.ui.screen_fit import fit_window

HELP_SHORTCUT = QKeySequence.StandardKey.HelpContents  # F1 on Windows and Linux


def help_dir(lang: str = "vi") -> Path:
    """`resources/help/<lang>`; Vietnamese is the only guide so far and the fallback."""
    folder = resources_dir() / "help" / lang
    return folder if (folder / "index.html").is_file() else resources_dir() / "help" / "vi"


class HelpViewer(QDialog):
    """Non-modal window with the guide; `show_topic("import")` jumps to an anchor."""

    def __init__(self, parent: QWidget | None = None, lang: str = "vi") -> None:
        super().__init__(parent)
        self.setObjectName("helpViewer")
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng HTX Desktop"))
        fit_window(self, "help", (900, 700))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        folder = help_dir(lang)
        self.browser.setSearchPaths([str(folder)])
        self.index = QUrl.fromLocalFile(str(folder / "index.html"))

        back = QPushButton(self.tr("Quay lại"))
        back.setObjectName("helpBack")
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        home = QPushButton(self.tr("Mục lục"))
        home.setObjectName("helpHome")
        home.clicked.connect(self.browser.home)
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

    def show_topic(self, anchor: str = "") -> None:
        url = QUrl(self.index)
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        self.show()
        self.raise_()
        self.activateWindow()

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            self.browser.setSource(self.browser.source())  # stay on the page
            QDesktopServices.openUrl(url)
