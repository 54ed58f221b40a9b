"""The document face, registered with reportlab once per process.

Decree 30 asks for Times New Roman; Liberation Serif (shipped in `resources/fonts/`) has the same
metrics and covers every Vietnamese letter, so a page laid out here breaks lines where Word would.
reportlab embeds (subsets) TrueType faces it is given, whereas its base-14 fonts (Helvetica,
Times-Roman) are never embedded and have no Vietnamese glyphs: every string, the canvas's initial
font and every chart label must therefore use the names below.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from htx_desktop.paths import resources_dir

#: Names under which the faces are registered (prefixed so they never clash with a caller's).
REGULAR = "HTXSerif"
BOLD = "HTXSerif-Bold"
ITALIC = "HTXSerif-Italic"
BOLD_ITALIC = "HTXSerif-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


class FontMissing(RuntimeError):
    """A shipped font file is missing: the installation is broken (message in Vietnamese)."""


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@cache
def register_fonts() -> str:
    """Register the four faces and their family (so ``<b>``/``<i>`` in paragraphs pick the
    right file); returns the family name. Cached: reportlab's registry is process-wide."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    font_class = _tagged_font_class()
    for name, filename in _FILES.items():
        path = fonts_dir() / filename
        if not path.is_file():
            raise FontMissing(
                f"Thiếu tệp phông chữ “{path}”; hãy cài lại HTX Desktop để in được báo cáo."
            )
        pdfmetrics.registerFont(font_class(name, str(path)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    # Paragraph markup resolves <b>/<i> through these mappings.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


_TAG_LOCK = threading.Lock()


def subset_tag(face: str, glyphs: Sequence[int]) -> str:
    """Six capital letters naming one subset of one face, from a digest of both: equal only for
    the same glyphs of the same face, as the PDF specification means the tag."""
    digest = hashlib.sha256(f"{face}:{','.join(map(str, glyphs))}".encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


@cache
def _tagged_font_class() -> type:
    """TTFont whose subsets get tags of their own.

    reportlab names subset n of every face "AAAAAA+…", "AAAAAB+…" (from n alone), so the four
    faces of a document share the tag AAAAAA and two documents' different subsets of one face
    share a whole name, which PDF/A checkers and tools that merge PDFs take for one font.
    reportlab asks a module-level function for the tag while it writes a face; that function
    is swapped, under a lock, for the time one face is written."""
    from reportlab.pdfbase import ttfonts

    class TaggedTTFont(ttfonts.TTFont):  # type: ignore[misc]
        def addObjects(self, doc: Any) -> None:
            state = self.state.get(doc)
            if state is None:
                super().addObjects(doc)
                return
            tags = [subset_tag(self.fontName, glyphs) for glyphs in state.subsets]
            with _TAG_LOCK:
                original = ttfonts.SUBSETN
                ttfonts.SUBSETN = lambda n, *_: tags[n].encode("ascii")
                try:
                    super().addObjects(doc)
                finally:
                    ttfonts.SUBSETN = original

    return TaggedTTFont


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of one line of text in a registered face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    return float(stringWidth(text, font, size))
