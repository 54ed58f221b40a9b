"""Plain-text labels and the colours of hints, warnings and errors, shared by every screen.

Anything a certificate, a bundle or a workbook says is shown through `plain_label`: Qt would
otherwise read text that looks like HTML as rich text and draw it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #8a5300;"
HINT_STYLE = "color: #555555;"


def fingerprint_label(name: str, parent: QWidget | None = None) -> QLabel:
    """A certificate's fingerprint as the application computed it: plain, selectable, bold and
    a little larger and wider-spaced, for reading aloud over the telephone."""
    label = plain_label("", parent)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    label.setFont(font)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text: for anything a certificate or bundle says."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label
