""""Sao chép từ kỳ trước": a figures dialog filled from the organisation's last half-year with
figures, for the officer to correct.

Most figures change little from one half-year to the next, and retyping ten numbers invites
mistakes. The copied numbers are edits on the form like typed ones: validated, kept in the
draft, and nothing is saved until she saves. If the form already holds figures (the half-year
was entered, or she has typed some), she is asked before they are replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from htx_desktop.registry.half_years import half_year_label, is_half_year
from htx_desktop.registry.organisations import FIGURE_FIELDS, FiguresRow, figures_before
from htx_desktop.registry.validation import is_blank
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.record_form import HELP_COLOR

if TYPE_CHECKING:
    from htx_desktop.ui.record_dialog import RecordDialog

# Which organisation form a figures record's link points to.
_PARENTS = (("cooperative_id", "cooperative"), ("group_id", "cooperative_group"))


class CopyFromPrevious(QWidget):
    """The button and its hint, shown above the form of a figures dialog."""

    def __init__(self, dialog: RecordDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.setObjectName("copyFromPrevious")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self.tr("Sao chép từ kỳ trước"), self)
        self.button.setObjectName("copyPreviousButton")
        self.button.setAutoDefault(False)
        self.button.setToolTip(
            self.tr("Điền các số liệu của kỳ gần nhất trước kỳ này để sửa lại; chưa lưu gì.")
        )
        self.hint = QLabel(self)
        self.hint.setObjectName("copyPreviousHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {HELP_COLOR};")
        layout.addWidget(self.button)
        layout.addWidget(self.hint, 1)
        self.button.clicked.connect(lambda: self.copy())
        dialog.form.edited.connect(lambda key: self._refresh() if key == "period" else None)
        dialog.form.loaded.connect(self._refresh)
        self._refresh()

    def _parent(self) -> tuple[str, str] | None:
        for link, form_key in _PARENTS:
            if self.dialog.links.get(link):
                return form_key, str(self.dialog.links[link])
        return None

    def _period(self) -> str | None:
        period = self.dialog.form.values().get("period")
        return str(period) if is_half_year(period) else None

    def source(self) -> FiguresRow | None:
        """The figures that would be copied: the latest half-year before the chosen one."""
        parent, period = self._parent(), self._period()
        if parent is None or period is None:
            return None
        with self.dialog.ctx.db.session() as session:
            return figures_before(session, parent[0], parent[1], period)

    def _refresh(self) -> None:
        source = self.source()
        self.button.setEnabled(source is not None)
        lang = self.dialog.ctx.lang
        if source is not None:
            self.hint.setText(
                self.tr("Kỳ gần nhất có số liệu: {period}.").format(
                    period=half_year_label(source.period, lang)
                )
            )
        elif self._period() is None:
            self.hint.setText(self.tr("Chọn kỳ để có thể sao chép số liệu kỳ trước."))
        else:
            self.hint.setText(self.tr("Chưa có kỳ nào trước kỳ này có số liệu."))

    def copy(self) -> bool:
        """Fill the figures from the previous half-year; False when nothing was copied (no
        earlier figures, or she chose to keep what the form holds)."""
        source = self.source()
        if source is None:
            self._refresh()
            return False
        form = self.dialog.form
        lang = self.dialog.ctx.lang
        shown = form.values()
        if any(not is_blank(shown.get(key)) for key in FIGURE_FIELDS):
            question = self.tr(
                "Kỳ này đã có số liệu trên biểu mẫu. Thay tất cả bằng số liệu {source}?\n\n"
                "Chưa có gì được lưu cho đến khi bạn nhấn Lưu."
            ).format(source=half_year_label(source.period, lang))
            if not interaction_for(self.dialog.ctx).confirm(
                self.dialog, self.tr("Sao chép từ kỳ trước"), question
            ):
                return False
        form.apply_edits({key: source.values.get(key) for key in FIGURE_FIELDS})
        self.dialog.status_label.setText(
            self.tr("Đã chép số liệu {source}: hãy sửa những số đã thay đổi rồi nhấn Lưu.").format(
                source=half_year_label(source.period, lang)
            )
        )
        return True
