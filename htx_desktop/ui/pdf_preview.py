"""The in-app preview of a built PDF, and printing it.

Officers check a report on screen before printing it, so the preview shows exactly the file that
will be printed or saved (the PDF `reports.build_document` wrote), not a second rendering of
the same content: what she sees is what the receiver gets. `QPdfView` lays the pages out one
under the other, fitted to the width by default, with "Trang n/N" and a zoom choice.

Printing goes through the system print dialog (the officer's own printer, copies, page range);
the pages are rasterised by `QPdfDocument.render` into the printer's painter. The dialog sits
behind a replaceable hook, `PrintSetup`, found like `confirm.interaction_for`: a test (or a
scripted run) puts `PrintToFile` on the context as `ctx.printing`, and the same code path then
"prints" to a PDF file without any modal dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRect, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

# Zoom choices: (key, factor); the two "fit" entries have no factor.
FIT_WIDTH = "fit_width"
FIT_PAGE = "fit_page"
ZOOM_STEPS: tuple[float, ...] = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
# Pages are rasterised for the printer at its resolution, but never finer than this: an A4
# page at 1200 dpi (a PDF printer's "high resolution") would be a 550 MB image, and 300 dpi
# is already sharper than office laser printers reproduce small text.
MAX_PRINT_DPI = 300
POINTS_PER_INCH = 72.0


class PrintError(RuntimeError):
    """The printer could not be used (message in Vietnamese, shown to the officer)."""


# --- printing --------------------------------------------------------------------------------


def page_indexes(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages to print: all, or the range chosen in the print dialog."""
    if page_count <= 0:
        return []
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(page_count, printer.toPage() or page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


def _page_layout(size_pt: QSizeF) -> QPageLayout:
    """The PDF page's paper (matched to A4 etc. when close, so a printer picks the right tray)
    with no margins: the document carries its own Decree-30 margins."""
    width, height = size_pt.width(), size_pt.height()
    landscape = width > height
    portrait_size = QSizeF(min(width, height), max(width, height))
    page_size = QPageSize(
        portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))


def render_page(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page as an opaque image at `dpi` (QtPdf renders onto transparency; paper is white
    and an opaque image is also smaller in a PDF printer's output)."""
    size_pt = document.pagePointSize(page)
    pixels = QSize(
        max(1, round(size_pt.width() / POINTS_PER_INCH * dpi)),
        max(1, round(size_pt.height() / POINTS_PER_INCH * dpi)),
    )
    rendered = document.render(page, pixels)
    image = QImage(pixels, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the document's pages (the printer's page range) onto `printer`; returns how many.

    Runs on the GUI thread (QPdfDocument and the printer belong to it); a few seconds for a
    long province report is acceptable behind a wait cursor."""
    indexes = page_indexes(printer, document.pageCount())
    if not indexes:
        raise PrintError("Tài liệu không có trang nào để in.")
    printer.setFullPage(True)  # origin at the paper's corner: the PDF has its own margins
    dpi = max(72, min(printer.resolution(), MAX_PRINT_DPI))
    painter = QPainter()
    try:
        for position, page in enumerate(indexes):
            layout = _page_layout(document.pagePointSize(page))
            if position == 0:
                printer.setPageLayout(layout)
                if not painter.begin(printer):
                    raise PrintError(
                        "Không mở được máy in. Hãy kiểm tra máy in đã bật, đã nối với máy tính "
                        "và còn giấy, rồi in lại."
                    )
            else:
                printer.setPageLayout(layout)
                if not printer.newPage():
                    raise PrintError("Máy in không nhận thêm trang; việc in đã dừng giữa chừng.")
            paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            target = QRect(0, 0, paper.width(), paper.height())
            painter.drawImage(target, render_page(document, page, dpi))
    finally:
        if painter.isActive():
            painter.end()
    return len(indexes)


class PrintSetup:
    """The real system print dialog (printer, copies, page range)."""

    def ask(self, printer: QPrinter, parent: QWidget | None, title: str, page_count: int) -> bool:
        """Let the officer choose; False when she cancels."""
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        dialog.setMinMax(1, max(1, page_count))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class PrintToFile(PrintSetup):
    """Answers the print dialog by printing to a PDF file: for tests and scripted runs. With
    `accept=False` it cancels, as an officer closing the dialog does."""

    def __init__(self, path: Path | str, accept: bool = True) -> None:
        self.path = Path(path)
        self.accept = accept
        self.asked: list[int] = []  # page counts offered, one per dialog

    def ask(self, printer: QPrinter, parent: QWidget | None, title: str, page_count: int) -> bool:
        self.asked.append(page_count)
        if not self.accept:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        return True


# Used when the context carries no `printing` of its own.
DEFAULT_PRINT_SETUP = PrintSetup()


def print_setup_for(ctx: Any) -> PrintSetup:
    """The context's `printing` attribute when it has one, else the system print dialog."""
    found = getattr(ctx, "printing", None)
    return found if found is not None else DEFAULT_PRINT_SETUP


# --- the preview -----------------------------------------------------------------------------


class PdfPreview(QWidget):
    """A PDF shown page under page, with page navigation and zoom; an explanatory text when
    nothing is loaded. `load` replaces the document; the caller owns the file."""

    # Emitted after a document loaded, with its page count.
    document_loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.document = QPdfDocument(self)
        self.path: Path | None = None

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        # QPdfView paints around the pages with the palette's Dark role: a grey desk, so the
        # white paper and its edges stand out as on a printed proof.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor("#8a8f96"))
        self.view.setPalette(palette)

        self.placeholder = QLabel(self)
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

        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._update_page_label())
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
        """Show the PDF at `path`; False (and the placeholder) when Qt cannot read it."""
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() < 1:
            log.warning("QtPdf could not load %s: %s", path, error)
            self.document.close()
            self.path = None
            self.clear(self.tr("Không hiển thị được tệp PDF vừa lập."))
            return False
        self.path = Path(path)
        self.stack.setCurrentWidget(self.view)
        self._apply_zoom()
        self.go_to_page(0)
        self._update_page_label()
        self.document_loaded.emit(self.document.pageCount())
        return True

    def clear(self, message: str) -> None:
        """Drop the document (releasing its file) and show `message` instead."""
        if self.path is not None:
            self.document.close()
            self.path = None
        self.placeholder.setText(message)
        self.stack.setCurrentWidget(self.placeholder)
        self._update_page_label()

    def has_document(self) -> bool:
        return self.path is not None and self.document.pageCount() > 0

    def page_count(self) -> int:
        return self.document.pageCount() if self.has_document() else 0

    def page_text(self, page: int) -> str:
        return self.document.getAllText(page).text()

    def text(self) -> str:
        """Every page's text (tests, and a check that the right document is shown)."""
        return "\n".join(self.page_text(page) for page in range(self.page_count()))

    # --- navigation and zoom -----------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        count = self.page_count()
        if count == 0:
            return
        self.view.pageNavigator().jump(max(0, min(count - 1, page)), QPointF())
        self._update_page_label()

    def _update_page_label(self) -> None:
        count = self.page_count()
        if count == 0:
            self.page_label.setText("")
        else:
            self.page_label.setText(
                self.tr("Trang {page}/{count}").format(page=self.current_page() + 1, count=count)
            )
        current = self.current_page()
        self.previous_button.setEnabled(count > 0 and current > 0)
        self.next_button.setEnabled(count > 0 and current < count - 1)

    def _apply_zoom(self) -> None:
        choice = self.zoom_combo.currentData()
        if choice == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif choice == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(choice))

    def zoom_choice(self) -> str:
        """The zoom as kept in the page state: "fit_width", "fit_page" or a factor."""
        return str(self.zoom_combo.currentData())

    def set_zoom_choice(self, choice: str) -> None:
        for index in range(self.zoom_combo.count()):
            if str(self.zoom_combo.itemData(index)) == choice:
                self.zoom_combo.setCurrentIndex(index)
                return
