"""The pages of a PDF one under the other on a grey desk, scrolled and zoomed.

A province report has forty pages or more; rendering them all at every resize would freeze the
window, so only the pages in sight are rendered, one per turn of the event loop (a scroll or a
resize repaints at once, with the last image of each page stretched, and the sharp image
follows once the resizing stops), and the latest few page images are kept within a memory
budget. PDFium is not thread-safe, so rendering stays on the GUI thread; one A4 page on screen
takes a few tens of milliseconds.
"""

from __future__ import annotations

import bisect
import logging
from collections import OrderedDict

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from htx_desktop.ui.pdf_document import POINTS_PER_INCH, PdfFile

log = logging.getLogger(__name__)

# Zoom choices: the two "fit" modes, or a factor of the paper's real size.
FIT_WIDTH = "fit_width"
FIT_PAGE = "fit_page"
ZOOM_STEPS: tuple[float, ...] = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)

SPACING = 12  # pixels around and between pages
DESK_COLOR = QColor("#8a8f96")  # grey, so the white paper and its edges stand out
EDGE_COLOR = QColor("#5f646b")
# Page images kept, least recently used dropped first; pages in sight are always kept.
CACHE_BYTES = 96 * 1024 * 1024
MIN_SCALE = 0.05
RESHARPEN_DELAY_MS = 150


class PdfPagesView(QAbstractScrollArea):
    """Shows a `PdfFile` it does not own (the preview opens and closes it)."""

    # The page the officer is looking at changed (0-based).
    current_page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PdfFile | None = None
        self._zoom: str | float = FIT_WIDTH
        self._scale = 1.0  # screen pixels (device-independent) per point
        self._tops: list[int] = []  # each page's top in the scrolled content
        self._sizes: list[QSize] = []  # each page's size in pixels at `_scale`
        self._content = QSize(0, 0)
        self._current = 0
        self._jumping = False
        # page -> (pixels per point it was rendered at, image)
        self._cache: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._failed: set[int] = set()
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render_next)

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always there, so fitting to the width never makes it come and go in a loop.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setSingleStep(40)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # --- document and zoom -------------------------------------------------------------------

    def set_document(self, document: PdfFile | None) -> None:
        """Show `document` from its first page (None: an empty desk)."""
        self._document = document
        self._cache.clear()
        self._failed.clear()
        self._current = 0
        self._relayout(keep_position=False)
        self._jump_to(0)

    def page_count(self) -> int:
        return self._document.page_count() if self._document is not None else 0

    def zoom(self) -> str | float:
        return self._zoom

    def set_zoom(self, zoom: str | float) -> None:
        """FIT_WIDTH, FIT_PAGE or a factor of the paper's real size (1.0: as printed)."""
        self._zoom = zoom
        self._relayout(keep_position=True)

    def scale(self) -> float:
        """Screen pixels per point at the current zoom and width."""
        return self._scale

    # --- navigation --------------------------------------------------------------------------

    def current_page(self) -> int:
        return self._current

    def go_to_page(self, page: int) -> None:
        count = self.page_count()
        if count == 0:
            return
        self._jump_to(max(0, min(count - 1, page)))

    def _jump_to(self, page: int) -> None:
        changed = page != self._current
        self._current = page
        self._jumping = True
        try:
            top = self._tops[page] - SPACING if page < len(self._tops) else 0
            self.verticalScrollBar().setValue(top)
        finally:
            self._jumping = False
        self.viewport().update()
        if changed:
            self.current_page_changed.emit(page)

    def _scrolled(self, _value: int) -> None:
        self.viewport().update()
        if self._jumping or not self._tops:
            return
        page = self._most_visible_page()
        if page != self._current:
            self._current = page
            self.current_page_changed.emit(page)

    def _most_visible_page(self) -> int:
        """The page taking the most of the view (the first of equals)."""
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        best, best_height = self._current, -1
        for page in self._visible_pages():
            shown = min(bottom, self._tops[page] + self._sizes[page].height()) - max(
                top, self._tops[page]
            )
            if shown > best_height:
                best, best_height = page, shown
        return best

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows and Page Up/Down scroll (QAbstractScrollArea); Home/End go to the first and
        last page."""
        if event.key() == Qt.Key.Key_Home:
            self.go_to_page(0)
        elif event.key() == Qt.Key.Key_End:
            self.go_to_page(self.page_count() - 1)
        else:
            super().keyPressEvent(event)

    # --- layout ------------------------------------------------------------------------------

    def _fit_scale(self) -> float:
        if self._document is None or self.page_count() == 0:
            return 1.0
        widest = max(self._document.page_size(p).width() for p in range(self.page_count()))
        tallest = max(self._document.page_size(p).height() for p in range(self.page_count()))
        width = max(1, self.viewport().width() - 2 * SPACING) / widest
        if self._zoom == FIT_WIDTH:
            return width
        if self._zoom == FIT_PAGE:
            return min(width, max(1, self.viewport().height() - 2 * SPACING) / tallest)
        return float(self._zoom) * self.logicalDpiY() / POINTS_PER_INCH

    def _relayout(self, keep_position: bool) -> None:
        """Page sizes and places for the zoom and the view's size; the page at the top of the
        view stays there (same part of it) when the zoom or the window changes."""
        anchor: tuple[int, float] | None = None
        view = self.viewport().size()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        centre = 0.5  # across the pages: zooming in keeps the same column of text in sight
        if keep_position and self._tops:
            top = vertical.value()
            page = max(0, bisect.bisect_right(self._tops, top) - 1)
            anchor = (page, (top - self._tops[page]) / max(1, self._sizes[page].height()))
            if self._content.width() > view.width():
                centre = (horizontal.value() + view.width() / 2) / self._content.width()

        self._scale = max(MIN_SCALE, self._fit_scale())
        self._tops, self._sizes = [], []
        y, widest = SPACING, 0
        document = self._document
        for size_pt in (document.page_size(p) for p in range(self.page_count()) if document):
            size = QSize(
                max(1, round(size_pt.width() * self._scale)),
                max(1, round(size_pt.height() * self._scale)),
            )
            self._tops.append(y)
            self._sizes.append(size)
            y += size.height() + SPACING
            widest = max(widest, size.width())
        self._content = QSize(widest + 2 * SPACING, y) if self._tops else QSize(0, 0)

        # The page being read stays the current one: the scroll bars move only to follow it
        # (a range that shrinks moves the bar on its own, before the anchor puts it back).
        self._jumping = True
        try:
            vertical.setRange(0, max(0, self._content.height() - view.height()))
            vertical.setPageStep(max(1, view.height()))
            horizontal.setRange(0, max(0, self._content.width() - view.width()))
            horizontal.setPageStep(max(1, view.width()))
            horizontal.setValue(round(centre * self._content.width() - view.width() / 2))
            if anchor is not None:
                page, fraction = anchor
                vertical.setValue(self._tops[page] + round(fraction * self._sizes[page].height()))
        finally:
            self._jumping = False
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout(keep_position=True)

    def page_rect(self, page: int) -> QRect:
        """Where the page is drawn in the viewport (may be outside it)."""
        width = max(self._content.width(), self.viewport().width())
        size = self._sizes[page]
        x = (width - size.width()) // 2 - self.horizontalScrollBar().value()
        return QRect(
            x, self._tops[page] - self.verticalScrollBar().value(), size.width(), size.height()
        )

    def _visible_pages(self) -> range:
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        if self._tops[first] + self._sizes[first].height() < top:
            first += 1  # the view starts in the gap below that page
        last = max(first, bisect.bisect_left(self._tops, bottom) - 1)
        return range(first, min(last + 1, len(self._tops)))

    # --- painting and rendering --------------------------------------------------------------

    def _wanted_scale(self) -> float:
        """Image pixels per point: sharp on high-density screens too."""
        return self._scale * self.viewport().devicePixelRatioF()

    def _needs_render(self, page: int) -> bool:
        cached = self._cache.get(page)
        return page not in self._failed and (
            cached is None or abs(cached[0] - self._wanted_scale()) > 1e-6
        )

    def rendered_pages(self) -> list[int]:
        """The pages whose image is kept, sharp at the current zoom or not."""
        return sorted(self._cache)

    def settled(self) -> bool:
        """Every page in sight is drawn sharp (nothing left to render)."""
        return not any(self._needs_render(page) for page in self._visible_pages())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            painter.fillRect(event.rect(), DESK_COLOR)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            for page in self._visible_pages():
                rect = self.page_rect(page)
                painter.fillRect(rect.adjusted(-1, -1, 1, 1), EDGE_COLOR)
                cached = self._cache.get(page)
                if cached is None:
                    painter.fillRect(rect, Qt.GlobalColor.white)
                else:
                    painter.drawImage(rect, cached[1])  # stretched until re-rendered
        finally:
            painter.end()
        if not self.settled():
            # A page not drawn yet is rendered at once; a page only blurred by a new size waits
            # until the officer stops resizing the window (each paint restarts the wait).
            blank = any(
                page not in self._cache and page not in self._failed
                for page in self._visible_pages()
            )
            self._render_timer.start(0 if blank else RESHARPEN_DELAY_MS)

    def _render_next(self) -> None:
        """Render one page in sight that is missing or blurred, then come back for the next."""
        if self._document is None or not self._document.is_open():
            return
        wanted = [page for page in self._visible_pages() if self._needs_render(page)]
        if not wanted:
            return
        page, scale = wanted[0], self._wanted_scale()
        try:
            image = self._document.render(page, scale)
        except pdfium.PdfiumError:
            log.exception("PDFium could not render page %d of %s", page, self._document.path)
            self._failed.add(page)
        else:
            image.setDevicePixelRatio(self.viewport().devicePixelRatioF())
            self._cache[page] = (scale, image)
            self._cache.move_to_end(page)
            self._trim_cache()
        self.viewport().update()  # its paint starts the timer again for any page left

    def _trim_cache(self) -> None:
        keep = set(self._visible_pages())
        total = sum(image.sizeInBytes() for _scale, image in self._cache.values())
        for page in list(self._cache):
            if total <= CACHE_BYTES:
                break
            if page not in keep:
                total -= self._cache.pop(page)[1].sizeInBytes()
