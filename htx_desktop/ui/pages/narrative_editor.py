"""The officer's own sections of a report (assessment, difficulties, causes, next tasks,
proposals): one text box each, kept per unit and period as she types.

Nothing she typed may be lost: a pause in typing, leaving a box, hiding the page (another page
of the window, closing it) and changing the period each save what changed, synchronously (a
few rows, milliseconds) so that no later event can overtake the save. The store is
`reports.narrative`; a text it refuses (far longer than any report) stays in the box with the
reason under it, and is tried again at the next edit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.reports.narrative import (
    SECTIONS,
    NarrativeError,
    load_narrative,
    save_narrative,
)
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_NARRATIVE, mark_help
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE, plain_label

log = logging.getLogger(__name__)

#: Quiet time after the last keystroke before the text is saved.
SAVE_DELAY_MS = 700


class NarrativeEditor(QWidget):
    """One plain-text box per section of `reports.narrative.SECTIONS` (see module doc)."""

    #: The text differs from what was last built into a document (a preview is outdated).
    edited = Signal()
    #: What was typed is stored (how many sections changed).
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_code: str | None = None
        self.period: str | None = None
        #: Bumped at every edit, so a document request made from the text changes with it.
        self.version = 0
        self._stored: dict[str, str] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.edits: dict[str, QPlainTextEdit] = {}
        mark_help(self, TOPIC_NARRATIVE)  # F1 on this tab opens the guide's part about it

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.intro = plain_label()
        self.intro.setObjectName("narrativeIntro")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(HINT_STYLE)
        outer.addWidget(self.intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        titles = {
            "assessment": self.tr("Đánh giá chung (kết quả đạt được)"),
            "difficulties": self.tr("Khó khăn, vướng mắc"),
            "causes": self.tr("Nguyên nhân"),
            "next_tasks": self.tr("Nhiệm vụ trọng tâm kỳ tới"),
            "proposals": self.tr("Đề xuất, kiến nghị"),
        }
        hints = {
            "assessment": self.tr(
                "Kết quả nổi bật, ưu điểm trong việc thực hiện Kế hoạch kỳ này…"
            ),
            "difficulties": self.tr(
                "Những khó khăn, vướng mắc trong hỗ trợ HTX, tổ hợp tác kỳ này…"
            ),
            "causes": self.tr("Nguyên nhân khách quan và chủ quan của hạn chế…"),
            "next_tasks": self.tr("Các nhiệm vụ, giải pháp sẽ thực hiện trong kỳ tới…"),
            "proposals": self.tr(
                "Đề xuất, kiến nghị với cấp trên, chính quyền, các ngành liên quan…"
            ),
        }
        for section in SECTIONS:
            label = QLabel(titles.get(section.key, section.title_vi))
            label.setStyleSheet("font-weight: bold;")
            edit = QPlainTextEdit()
            edit.setObjectName(f"narrative_{section.key}")
            edit.setPlaceholderText(hints.get(section.key, section.hint_vi))
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(90)
            label.setBuddy(edit)
            edit.textChanged.connect(self._text_changed)
            edit.installEventFilter(self)
            layout.addWidget(label)
            layout.addWidget(edit, 1)
            self.edits[section.key] = edit
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.status = plain_label()
        self.status.setObjectName("narrativeStatus")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        self.set_enabled_for(None)

    # --- what is edited ----------------------------------------------------------------------

    def set_enabled_for(self, reason: str | None) -> None:
        """Editable, or not with the reason why (a document kind without these sections)."""
        for edit in self.edits.values():
            edit.setEnabled(reason is None and self.period is not None)
        if reason is None:
            self.intro.setText(
                self.tr(
                    "Phần đánh giá của báo cáo kỳ này, in sau các số liệu. Nội dung được lưu "
                    "tự động khi gõ; mục để trống không in."
                )
            )
        else:
            self.intro.setText(reason)

    def set_target(self, unit_code: str, period: str) -> None:
        """Show the sections of another unit or period, keeping what was typed for the last."""
        if (unit_code, period) == (self.unit_code, self.period):
            return
        self.flush()
        self.unit_code, self.period = unit_code, period
        with self.ctx.db.session() as session:
            texts = load_narrative(session, unit_code, period)
        self._loading = True
        try:
            for key, edit in self.edits.items():
                edit.setPlainText(texts.get(key, ""))
        finally:
            self._loading = False
        self._stored = dict(texts)
        self.version += 1
        self.status.setText("")
        for edit in self.edits.values():
            edit.setEnabled(True)

    def texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def has_unsaved(self) -> bool:
        return any(self._stored.get(k, "") != v for k, v in self.texts().items())

    # --- saving ------------------------------------------------------------------------------

    def _text_changed(self) -> None:
        if self._loading:
            return
        self.version += 1
        self._timer.start()
        self.edited.emit()

    def flush(self) -> bool:
        """Store what changed now; False when the store refused it (the reason is shown)."""
        self._timer.stop()
        if self.unit_code is None or self.period is None:
            return True
        changed = {k: v for k, v in self.texts().items() if self._stored.get(k, "") != v}
        if not changed:
            return True
        try:
            with self.ctx.db.session() as session:
                count = save_narrative(session, self.unit_code, self.period, changed)
        except NarrativeError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(str(exc))
            return False
        except Exception:
            log.exception("Saving the report's narrative failed")
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(
                self.tr(
                    "Chưa lưu được phần đánh giá (lỗi ghi cơ sở dữ liệu). Nội dung vẫn còn "
                    "trong ô; hãy thử lại sau ít phút và không đóng chương trình."
                )
            )
            return False
        self._stored.update(changed)
        self.status.setStyleSheet(HINT_STYLE)
        self.status.setText(self.tr("Đã lưu phần đánh giá."))
        self.saved.emit(count)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.edits.values():
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)
