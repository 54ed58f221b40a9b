"""Printing a built PDF: the system print dialog behind a replaceable hook, then the pages.

Printing goes through the system print dialog (the officer's own printer, copies, page range);
the pages are rasterised by PDFium (`PdfFile.render`) into the printer's painter. The dialog
sits behind a replaceable hook, `PrintSetup`, found like `confirm.interaction_for`: a test (or
a scripted run) puts `PrintToFile` on the context as `ctx.printing`, and the same code path
then "prints" to a PDF file without any modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRect, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from htx_desktop.ui.pdf_document import PdfFile, render_page

# Pages are rasterised for the printer at its resolution, but never finer than this: an A4
# page at 1200 dpi (a PDF printer's "high resolution") would be a 550 MB image, and 300 dpi
# is already sharper than office laser printers reproduce small text.
MAX_PRINT_DPI = 300


class PrintError(RuntimeError):
    """The printer could not be used (message in Vietnamese, shown to the officer)."""


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


def print_document(document: PdfFile, printer: QPrinter) -> int:
    """Paint the document's pages (the printer's page range) onto `printer`; returns how many.

    Runs on the GUI thread (PDFium is not thread-safe and the printer belongs to that thread);
    a few seconds for a long province report is acceptable behind a wait cursor. One page
    image exists at a time, so memory stays at one page whatever the length."""
    indexes = page_indexes(printer, document.page_count() if document.is_open() else 0)
    if not indexes:
        raise PrintError("Tài liệu không có trang nào để in.")
    printer.setFullPage(True)  # origin at the paper's corner: the PDF has its own margins
    dpi = max(72, min(printer.resolution(), MAX_PRINT_DPI))
    painter = QPainter()
    try:
        for position, page in enumerate(indexes):
            printer.setPageLayout(_page_layout(document.page_size(page)))
            if position == 0:
                if not painter.begin(printer):
                    raise PrintError(
                        "Không mở được máy in. Hãy kiểm tra máy in đã bật, đã nối với máy tính "
                        "và còn giấy, rồi in lại."
                    )
            elif not printer.newPage():
                raise PrintError("Máy in không nhận thêm trang; việc in đã dừng giữa chừng.")
            paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            target = QRect(0, 0, paper.width(), paper.height())
            painter.drawImage(target, render_page(document, page, dpi, printing=True))
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
