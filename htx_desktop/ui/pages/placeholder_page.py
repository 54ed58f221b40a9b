"""A page that says plainly what will be here and that it is not in this version yet.

Used for Xuất/Nhập dữ liệu and Báo cáo, and (during development) for a record page whose
module is not installed. Officers must not mistake an empty page for lost data, nor think a
function exists that does not: the text says what the page will do, that it comes in a later
version, and what to use meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

#: Colours shared by the pages this module's helpers dress.
MUTED_COLOR = "#555555"


def make_heading(text: str, object_name: str = "pageHeading") -> QLabel:
    """The page's title: larger and bold, the same on every page."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # headings name units, typed by officers
    label.setObjectName(object_name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class PlaceholderPage(QWidget):
    """Heading, a "later version" notice, what the page will hold, and what to do meanwhile.

    Has the page interface the main window expects (`status_changed`, `refresh`, `state`,
    `restore_state`) so it can stand where a real page will stand.
    """

    status_changed = Signal(str)

    def __init__(
        self,
        title: str,
        will_hold: list[str],
        meanwhile: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(make_heading(title))

        notice = QLabel(self.tr("Chức năng này sẽ có trong phiên bản sau."))
        notice.setObjectName("placeholderNotice")
        notice.setStyleSheet(
            "QLabel { background: #fff4e5; border: 1px solid #f0a30a; border-radius: 4px;"
            " padding: 8px; color: #5f3b00; font-weight: bold; }"
        )
        layout.addWidget(notice)

        items = "".join(f"<li>{text}</li>" for text in will_hold)
        intro = self.tr("Trang này sẽ dùng để:")
        body = QLabel(f"<p>{intro}</p><ul>{items}</ul>")
        body.setObjectName("placeholderBody")
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(body)

        if meanwhile:
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            layout.addWidget(line)
            note = QLabel(meanwhile)
            note.setObjectName("placeholderMeanwhile")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.RichText)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            note.setStyleSheet(f"color: {MUTED_COLOR};")
            layout.addWidget(note)
        layout.addStretch(1)

    def text(self) -> str:
        """Everything the page says, for tests and accessibility checks."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))

    def refresh(self) -> None:
        self.status_changed.emit(self.tr("{0}: sẽ có trong phiên bản sau").format(self.title))

    def state(self) -> dict[str, Any]:
        return {}

    def restore_state(self, state: dict[str, Any]) -> None:
        del state  # nothing to remember yet
