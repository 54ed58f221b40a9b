"""The in-app preview of a built PDF; printing it lives in `pdf_printing`.

Officers check a report on screen before printing it, so the preview shows exactly the file that
will be printed or saved (the PDF `reports.build_document` wrote), not a second rendering of
the same content: what she sees is what the receiver gets. PDFium (pypdfium2) reads the file
and renders the pages in sight; `PdfPagesView` lays them out one under the other, fitted to
the width by default, with "Trang n/N" and a zoom choice.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.ui.pdf_document import PdfFile, PdfOpenError, render_page
from htx_desktop.ui.pdf_pages_view import FIT_PAGE, FIT_WIDTH, ZOOM_STEPS, PdfPagesView
from htx_desktop.ui.pdf_printing import (
    MAX_PRINT_DPI,
    PrintError,
    PrintSetup,
    PrintToFile,
    page_indexes,
    print_document,
    print_setup_for,
)

# The preview's public names, wherever they are defined.
__all__ = [
    "FIT_PAGE",
    "FIT_WIDTH",
    "MAX_PRINT_DPI",
    "ZOOM_STEPS",
    "PdfFile",
    "PdfOpenError",
    "PdfPreview",
    "PrintError",
    "PrintSetup",
    "PrintToFile",
    "page_indexes",
    "print_document",
    "print_setup_for",
    "render_page",
]

log = logging.getLogger(__name__)


class _DocumentCloser:
    """Closes the shown document when the widget is destroyed or the application quits (a
    plain object: the slot must outlive the Python side of the widget), so PDFium's memory is
    freed then rather than by PDFium's own clean-up at exit."""

    def __init__(self) -> None:
        self.document: PdfFile | None = None

    def close(self) -> None:
        if self.document is not None:
            self.document.close()
            self.document = None


class PdfPreview(QWidget):
    """A PDF shown page under page, with page navigation and zoom; an explanatory text when
    nothing is loaded. `load` replaces the document; the caller owns the file."""

    # Emitted after a document loaded, with its page count.
    document_loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.document: PdfFile | None = None
        self.path: Path | None = None
        self._closer = _DocumentCloser()
        self.destroyed.connect(self._closer.close)
        application = QCoreApplication.instance()
        if application is not None:  # the window's pages live until the application ends
            application.aboutToQuit.connect(self._closer.close)

        self.view = PdfPagesView(self)
        self.view.setObjectName("pdfView")

        self.placeholder = QLabel(self)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setObjectName("previewPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(
            "QLabel { color: #555555; background: #f4f4f4; border: 1px dashed #b0b0b0;"
            " border-radius: 4px; padding: 24px; }"
        )
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.previous_button = self._tool_button("previousPage", "‹", self.tr("Trang trước"))
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button = self._tool_button("nextPage", "›", self.tr("Trang sau"))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_label = QLabel(self)
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_label.setObjectName("pageLabel")
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_combo = QComboBox(self)
        self.zoom_combo.setObjectName("zoomCombo")
        self.zoom_combo.setToolTip(self.tr("Cỡ hiển thị trang"))
        self.zoom_combo.addItem(self.tr("Vừa chiều rộng"), FIT_WIDTH)
        self.zoom_combo.addItem(self.tr("Cả trang"), FIT_PAGE)
        for factor in ZOOM_STEPS:
            self.zoom_combo.addItem(f"{round(factor * 100)} %", factor)
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self._apply_zoom())
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Cỡ xem:"), self))
        bar.addWidget(self.zoom_combo)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.view.current_page_changed.connect(lambda _p: self._update_page_label())
        self.clear(self.tr("Chưa có bản xem trước."))

    def _tool_button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        font = button.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        button.setFont(font)
        return button

    # --- document ----------------------------------------------------------------------------

    def load(self, path: Path) -> bool:
        """Show the PDF at `path`; False (and the placeholder) when PDFium cannot read it."""
        self._close_document()
        try:
            self.document = PdfFile.open(path)
        except PdfOpenError as exc:
            log.warning("PDFium could not load %s: %s", path, exc)
            self.clear(self.tr("Không hiển thị được tệp PDF vừa lập."))
            return False
        self._closer.document = self.document
        self.path = Path(path)
        self.stack.setCurrentWidget(self.view)
        self.view.set_document(self.document)
        self._update_page_label()
        self.document_loaded.emit(self.document.page_count())
        return True

    def _close_document(self) -> None:
        self.view.set_document(None)
        self._closer.close()
        self.document = None
        self.path = None

    def clear(self, message: str) -> None:
        """Drop the document (releasing PDFium's copy of it) and show `message` instead."""
        self._close_document()
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)
        self._update_page_label()

    def has_document(self) -> bool:
        return self.document is not None and self.document.is_open()

    def page_count(self) -> int:
        return self.document.page_count() if self.document is not None else 0

    def page_text(self, page: int) -> str:
        return self.document.text(page) if self.document is not None else ""

    def text(self) -> str:
        """Every page's text (tests, and a check that the right document is shown)."""
        return "\n".join(self.page_text(page) for page in range(self.page_count()))

    # --- navigation and zoom -----------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.current_page()

    def go_to_page(self, page: int) -> None:
        self.view.go_to_page(page)
        self._update_page_label()

    def _update_page_label(self) -> None:
        count = self.page_count()
        current = self.current_page()
        if count == 0:
            self.page_label.setText("")
        else:
            self.page_label.setText(
                self.tr("Trang {page}/{count}").format(page=current + 1, count=count)
            )
        self.previous_button.setEnabled(count > 0 and current > 0)
        self.next_button.setEnabled(count > 0 and current < count - 1)

    def _apply_zoom(self) -> None:
        choice = self.zoom_combo.currentData()
        self.view.set_zoom(choice if choice in (FIT_WIDTH, FIT_PAGE) else float(choice))

    def zoom_choice(self) -> str:
        """The zoom as kept in the page state: "fit_width", "fit_page" or a factor."""
        return str(self.zoom_combo.currentData())

    def set_zoom_choice(self, choice: str) -> None:
        for index in range(self.zoom_combo.count()):
            if str(self.zoom_combo.itemData(index)) == choice:
                self.zoom_combo.setCurrentIndex(index)
                return
