"""The document face, registered with reportlab once per process.

Decree 30 asks for Times New Roman; Liberation Serif (shipped in `resources/fonts/`) has the same
metrics and covers every Vietnamese letter, so a page laid out here breaks lines where Word would.
reportlab embeds (subsets) TrueType faces it is given, whereas its base-14 fonts (Helvetica,
Times-Roman) are never embedded and have no Vietnamese glyphs: every string, the canvas's initial
font and every chart label must therefore use the names below.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        path = fonts_dir() / filename
        if not path.is_file():
            raise FontMissing(
                f"Thiếu tệp phông chữ “{path}”; hãy cài lại HTX Desktop để in được báo cáo."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    # Paragraph markup resolves <b>/<i> through these mappings.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of one line of text in a registered face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    return float(stringWidth(text, font, size))
