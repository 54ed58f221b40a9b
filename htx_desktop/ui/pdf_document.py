"""An open PDF for the preview and for printing, read by PDFium (pypdfium2).

QtPdf is published on the package registry only for PySide6 6.12, which aborts on CPython 3.11
(issue 14), so the pages are rasterised by PDFium and drawn by Qt as images. The file is read
into memory when it is opened: PDFium then holds no handle on it, so the report being shown can
be replaced or deleted at any time (Windows refuses to delete an open file) and a user name with
diacritics in the temporary folder's path cannot trip PDFium's own file opening. `close()`
releases PDFium's memory at once rather than whenever the garbage collector runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType

import pypdfium2 as pdfium
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72.0
WHITE = (255, 255, 255, 255)


class PdfOpenError(RuntimeError):
    """The file is missing, unreadable, not a PDF, or has no page."""


class PdfFile:
    """One PDF opened by PDFium: page sizes, page images and page text."""

    def __init__(self, document: pdfium.PdfDocument, path: Path) -> None:
        self._document: pdfium.PdfDocument | None = document
        self.path = path
        # Sizes are read once: the view lays every page out on each resize and zoom.
        self._sizes = [QSizeF(*document.get_page_size(index)) for index in range(len(document))]

    @classmethod
    def open(cls, path: Path | str) -> PdfFile:
        """The PDF at `path`, read into memory; PdfOpenError when it cannot be shown."""
        path = Path(path)
        try:
            document = pdfium.PdfDocument(path.read_bytes())
        except (OSError, pdfium.PdfiumError) as exc:
            raise PdfOpenError(f"{path}: {exc}") from exc
        if len(document) < 1:
            document.close()
            raise PdfOpenError(f"{path}: no page")
        return cls(document, path)

    def __enter__(self) -> PdfFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release PDFium's document; calling again is harmless."""
        if self._document is not None:
            self._document.close()
            self._document = None
            self._sizes = []

    def is_open(self) -> bool:
        return self._document is not None

    def _pdf(self) -> pdfium.PdfDocument:
        if self._document is None:
            raise PdfOpenError(f"{self.path}: already closed")
        return self._document

    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, page: int) -> QSizeF:
        """The page's size in points (1/72 inch), as the PDF declares it."""
        return QSizeF(self._sizes[page])

    def render(self, page: int, scale: float, printing: bool = False) -> QImage:
        """The page as an opaque image with `scale` pixels per point, on white paper.

        `printing` asks PDFium for its print rendering (no sub-pixel text smoothing meant for
        screens)."""
        options: dict[str, object] = {"prefer_bgrx": True, "fill_color": WHITE}
        if printing:
            options["optimize_mode"] = "print"
        handle = self._pdf()[page]
        try:
            bitmap = handle.render(scale=scale, **options)
            try:
                # BGRx bytes are Qt's RGB32 on every little-endian machine Windows and Linux
                # run on; copy() detaches the image from PDFium's buffer before it is freed.
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB32,
                ).copy()
            finally:
                bitmap.close()
        finally:
            handle.close()
        return image

    def text(self, page: int) -> str:
        """The page's text in reading order, lines separated by "\\n"."""
        handle = self._pdf()[page]
        try:
            text_page = handle.get_textpage()
            try:
                text = str(text_page.get_text_range())
            finally:
                text_page.close()
        finally:
            handle.close()
        return text.replace("\r\n", "\n").replace("\r", "\n")


def render_page(document: PdfFile, page: int, dpi: int, printing: bool = False) -> QImage:
    """One page as an opaque image at `dpi` dots per inch."""
    return document.render(page, dpi / POINTS_PER_INCH, printing=printing)
