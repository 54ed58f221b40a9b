"""The fonts the application ships and registers with Qt.

The PySide6 wheels carry no fonts and an officer's PC may have none that covers every
Vietnamese letter (every glyph would be a box), so the interface uses the Liberation faces
from `resources/fonts/`, registered at start-up: the app then looks the same everywhere.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from htx_desktop.paths import resources_dir

log = logging.getLogger(__name__)

UI_FONT_FAMILY = "Liberation Sans"
DOCUMENT_FONT_FAMILY = "Liberation Serif"
#: Below this the diacritics stacked on Vietnamese vowels (ệ, ở, ữ…) get hard to read.
MIN_UI_POINT_SIZE = 10.0


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def font_files() -> list[Path]:
    """Every shipped font file, in a stable order."""
    return sorted(p for p in fonts_dir().glob("*.ttf") if p.is_file())


def register_fonts() -> list[str]:
    """Register every shipped font with Qt; returns the families now available from them.

    Needs a QGuiApplication. A file Qt cannot load is logged and skipped: the app still starts
    with whatever system font exists rather than refusing to run.
    """
    families: list[str] = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font file %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if not families:
        log.warning("No shipped font was registered from %s", fonts_dir())
    return families


def apply_ui_font(app: QApplication) -> QFont:
    """Make Liberation Sans the application font, keeping the platform's size (at least 10 pt)."""
    font = QFont(app.font())
    font.setFamilies([UI_FONT_FAMILY])
    size = font.pointSizeF()
    if size < MIN_UI_POINT_SIZE:
        font.setPointSizeF(MIN_UI_POINT_SIZE)
    app.setFont(font)
    return font
