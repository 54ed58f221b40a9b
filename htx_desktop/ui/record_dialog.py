"""The dialog in which an officer adds or edits one record of any type.

It wraps a `RecordForm` with Save / "Lưu và thêm mới" / Cancel, saves through the record
services on the task runner's single write thread, and keeps a draft on disk a second after
each change so that a crash or power cut never costs her what she typed.

The keys are the same in every record dialog: Enter saves (a save attempt on an incomplete
form shows every message at once, next to its field), except in a multi-line note where it
starts a new line; Esc cancels (asking first when something is unsaved); Ctrl+S saves too.
After a save a short confirmation says what was saved ("Đã lưu HTX Tân Phú.") in the window's
status bar, and in the dialog when it stays open.

Questions go through replaceable hooks (`confirm_discard`, `show_error`), the git-cola
"interaction" idea: the defaults show message boxes, tests put a function in their place and
answer without a modal dialog blocking the run.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from htx_desktop.registry.drafts import Draft, DraftStore
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.half_years import half_year_label
from htx_desktop.registry.records import (
    RecordNotFound,
    create_record,
    get_record,
    record_values,
    update_record,
)
from htx_desktop.registry.validation import ValidationFailed
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.help_viewer import TOPIC_RECORD, bind_help
from htx_desktop.ui.pick_lists import load_commune_names, load_picks, parent_name_of
from htx_desktop.ui.record_form import HELP_COLOR, RecordForm
from htx_desktop.ui.screen_fit import fit_window

log = logging.getLogger(__name__)

#: How long after the last change the draft is written.
AUTOSAVE_MS = 1000
#: Wide enough for a full HTX name and the status line beside the buttons.
MIN_WIDTH = 720


class DiscardChoice(StrEnum):
    """Her answer when closing a form with unsaved changes."""

    SAVE = "save"
    DISCARD = "discard"
    BACK = "back"


class RecordDialog(QDialog):
    """Add (``record_id=None``) or edit one record of `form_key`.

    `links` are the parent ids the record hangs under (``{"cooperative_id": ...}``);
    `communes` maps commune codes to names for the commune list (read from the database when
    not given); `draft` is a draft left over from an earlier session, shown as unsaved
    changes. Raises `RecordNotFound` when the record to edit no longer exists.
    """

    saved = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        form_key: str,
        record_id: str | None = None,
        links: Mapping[str, Any] | None = None,
        communes: Mapping[str, str] | None = None,
        draft: Draft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_RECORD)
        if draft is not None and draft.form_key != form_key:
            raise ValueError(f"Draft of {draft.form_key!r} offered to a {form_key!r} form")
        self.ctx = ctx
        self.form_key = form_key
        self.spec = get_form(form_key)
        self.record_id = record_id if record_id is not None or draft is None else draft.record_id
        self.drafts = DraftStore(ctx.db.path)
        #: Hooks: replace them to answer without a modal dialog (tests, scripted runs).
        self.confirm_discard: Callable[[], DiscardChoice] = self._ask_discard
        self.show_error: Callable[[str], None] = self._show_error_box
        self._saving = False
        self._close_after_save = False

        stored: dict[str, Any] = {}
        link_values: dict[str, Any] = dict(draft.links) if draft is not None else {}
        if self.record_id is not None:
            with ctx.db.session() as session:
                stored = record_values(get_record(session, form_key, self.record_id), form_key)
            link_values |= {k: v for k, v in stored.items() if k not in self._field_keys()}
        link_values |= dict(links or {})
        self.links = {k: v for k, v in link_values.items() if v is not None}
        if communes is None:
            communes = load_commune_names(ctx, extra=(str(stored.get("commune_code") or ""),))

        vctx = ctx.validation()
        picks = load_picks(ctx, self.spec, self.record_id, self.links, stored, vctx.today)
        self.form = RecordForm(self.spec, vctx, communes, self.links, ctx.lang, self, picks)
        if stored:
            self.form.set_values(stored, baseline=True)

        layout = QVBoxLayout(self)
        parent_name = parent_name_of(ctx, self.links)
        self.parent_name = parent_name
        if parent_name:
            header = QLabel(self.tr("Thuộc: {name}").format(name=parent_name), self)
            header.setTextFormat(Qt.TextFormat.PlainText)  # a name may come from a bundle
            header.setObjectName("parent_header")
            header.setWordWrap(True)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            layout.addWidget(header)
        self.copy_row = None
        if form_key == "period_figures" and parent_name:
            from htx_desktop.ui.figures_copy import CopyFromPrevious

            self.copy_row = CopyFromPrevious(self)
            layout.addWidget(self.copy_row)
        layout.addWidget(self.form, 1)

        bottom = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(f"color: {HELP_COLOR};")
        bottom.addWidget(self.status_label, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self._button(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(self.tr("Lưu bản ghi và đóng (Ctrl+S)"))
        self.save_new_button = self._button(
            self.tr("Lưu và thêm mới"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_new_button.setToolTip(self.tr("Lưu rồi để trống biểu mẫu cho bản ghi tiếp theo"))
        self.save_new_button.setVisible(self.record_id is None)
        self.cancel_button = self._button(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setToolTip(self.tr("Đóng không lưu (Esc)"))
        self.history_button = self._button(
            self.tr("Lịch sử thay đổi"), QDialogButtonBox.ButtonRole.HelpRole
        )
        self.history_button.setVisible(self.record_id is not None)
        self.history_button.clicked.connect(self.show_history)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.save_button.clicked.connect(lambda: self.save())
        self.save_new_button.clicked.connect(lambda: self.save(and_new=True))
        self.cancel_button.clicked.connect(self.reject)
        QWidget.setTabOrder(
            self.form.editor(self.form.field_order()[-1]).focus_target(), self.save_button
        )

        self.save_button.setDefault(True)  # shown as the default; Enter is handled below
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(lambda: self.save())

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_draft)
        self.form.edited.connect(lambda _key: self.autosave.start())
        self.form.edited.connect(lambda _key: self._update_buttons())

        self._restored_at: datetime | None = None
        if draft is not None:
            self.form.set_values(draft.values, baseline=False)
            self.form.mark_dirty()
            self._restored_at = draft.saved_at
        self._update_title()
        self._update_buttons()
        self._size_to_content()
        self.form.focus_field(self.form.field_order()[0])

    # --- layout helpers ------------------------------------------------------------------

    def _field_keys(self) -> set[str]:
        return {f.key for f in self.spec.fields}

    def show_history(self) -> None:
        """Who changed what and when, for this record (the audit trail)."""
        from htx_desktop.ui.history_dialog import HistoryDialog

        if self.record_id is None:
            return
        dialog = HistoryDialog(self.ctx.db, self.form_key, self.record_id, self)
        dialog.open()
        self.history_dialog = dialog

    def _button(self, text: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = self.buttons.addButton(text, role)
        # Enter moves through a data-entry form; it must not save or close it by surprise.
        button.setAutoDefault(False)
        button.setDefault(False)
        return button

    def _update_title(self) -> None:
        title = self.spec.title(self.ctx.lang)
        if self.record_id is None:
            self.setWindowTitle(self.tr("{title} — thêm mới").format(title=title))
        else:
            self.setWindowTitle(self.tr("{title} — sửa thông tin").format(title=title))

    def _size_to_content(self) -> None:
        content = self.form.content.sizeHint()
        width = max(content.width() + 60, MIN_WIDTH)
        fit_window(self, f"record_{self.form_key}", (width, content.height() + 120))

    def _update_buttons(self) -> None:
        """Save stays enabled on an incomplete form: pressing it shows what is missing, all
        at once, where a greyed-out button would only leave her guessing."""
        valid = self.form.is_valid()
        for button in (self.save_button, self.save_new_button):
            button.setEnabled(not self._saving)
        self.cancel_button.setEnabled(not self._saving)
        if self._saving:
            self.status_label.setText(self.tr("Đang lưu…"))
        elif not valid:
            count = len(self.form.errors())
            self.status_label.setText(
                self.tr("Còn {count} mục cần nhập hoặc sửa (nhấn Lưu để xem tất cả).").format(
                    count=count
                )
            )
        elif self._restored_at is not None:
            when = self._restored_at.astimezone().strftime("%H:%M %d/%m/%Y")
            self.status_label.setText(
                self.tr("Đã khôi phục bản nháp lưu lúc {when}; chưa được lưu.").format(when=when)
            )
        else:
            self.status_label.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves wherever it reaches the dialog: editors that use Enter themselves (a
        multi-line note, an open list or calendar) keep it; on a focused button it presses
        that button (Hủy cancels). Esc goes on to `reject`."""
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if isinstance(focus, QPushButton) and focus.isEnabled() and self.isAncestorOf(focus):
                focus.click()
            else:
                self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    def saved_notice(self, values: Mapping[str, Any]) -> str:
        """ "Đã lưu HTX Tân Phú.": what was saved, named as the officer knows it."""
        if self.form_key == "period_figures":
            period = str(values.get("period") or "")
            what = self.tr("số liệu {period}").format(
                period=half_year_label(period, self.ctx.lang)
            )
        else:
            key = self.spec.list_columns[0] if self.spec.list_columns else "name"
            what = str(values.get(key) or "").strip() or self.spec.title(self.ctx.lang)
        if self.parent_name:
            return self.tr("Đã lưu {what} ({parent}).").format(what=what, parent=self.parent_name)
        return self.tr("Đã lưu {what}.").format(what=what)

    # --- saving --------------------------------------------------------------------------

    def save(self, and_new: bool = False, close: bool = True) -> bool:
        """Save the record; False when nothing was started (invalid, or already saving).

        An invalid record is not sent: every message is shown and the first field that
        needs fixing gets the cursor. The write runs on the runner's write thread; `saved`
        fires when it is done.
        """
        if self._saving:
            return False
        if not self.form.is_valid():
            self.form.reveal_errors()
            self._close_after_save = False
            self._update_buttons()
            return False
        values = self.form.validation_input()
        sent = self.form.values()
        ctx, form_key, record_id = self.ctx, self.form_key, self.record_id
        vctx = self.form.vctx
        unit_code = ctx.scope.unit_code

        def work() -> str:
            with ctx.db.session() as session:
                if record_id is None:
                    record = create_record(session, form_key, values, unit_code, vctx)
                else:
                    record = update_record(session, form_key, record_id, values, vctx)
                return record.id

        self._saving = True
        self._close_after_save = self._close_after_save or (close and not and_new)
        self._update_buttons()
        self.ctx.runner.run(
            work,
            lambda new_id: self._on_saved(str(new_id), sent, and_new),
            self._on_save_failed,
            write=True,
        )
        return True

    def _on_saved(self, new_id: str, sent: dict[str, Any], and_new: bool) -> None:
        self._saving = False
        self.autosave.stop()
        self._discard_draft()
        self.form.mark_clean(sent)
        self._restored_at = None
        notice = self.saved_notice(sent)
        self.saved.emit(new_id)
        self.ctx.events.changed.emit(self.form_key)
        self.ctx.events.notice.emit(notice)
        if and_new:
            self._close_after_save = False
            self.record_id = None
            keep = [f.key for f in self.spec.fields if f.choices_from]
            self.form.reset(keep=keep)
            self._update_title()
            self._update_buttons()
            self.status_label.setText(notice)
            self.form.focus_field(self.form.field_order()[0])
            return
        self.record_id = new_id
        self._update_buttons()
        if not self.status_label.text():
            self.status_label.setText(notice)
        if self.form.dirty:  # she typed on while it was being written
            self._close_after_save = False
            self.autosave.start()
            return
        if self._close_after_save:
            self._close_after_save = False
            self.accept()

    def _on_save_failed(self, exc: BaseException, tb: str) -> None:
        self._saving = False
        self._close_after_save = False
        self._update_buttons()
        if isinstance(exc, ValidationFailed):
            self.form.show_errors(exc.errors)
            self._update_buttons()
            return
        log.error("Saving a %s record failed:\n%s", self.form_key, tb)
        self.write_draft()
        self.show_error(self.explain(exc))

    def explain(self, exc: BaseException) -> str:
        """A failure in words an officer can act on (the traceback goes to the log)."""
        title = self.spec.title(self.ctx.lang)
        if isinstance(exc, RecordNotFound):
            return str(exc)
        cause = getattr(exc, "orig", None)
        text = str(cause or exc).lower()
        if isinstance(exc, OperationalError) and "locked" in text:
            reason = self.tr(
                "Tệp dữ liệu đang bận (có thể một chương trình khác đang mở nó). "
                "Hãy đợi vài giây rồi lưu lại."
            )
        elif isinstance(exc, OSError) or (
            isinstance(cause, sqlite3.OperationalError)
            and any(word in text for word in ("disk", "readonly", "read-only", "full"))
        ):
            reason = self.tr(
                "Không ghi được vào ổ đĩa (ổ đĩa có thể đã đầy hoặc không có quyền ghi)."
            )
        elif isinstance(exc, SQLAlchemyError):
            reason = self.tr("Cơ sở dữ liệu báo lỗi khi ghi.")
        else:
            reason = self.tr("Đã xảy ra lỗi không lường trước.")
        return self.tr(
            "Không lưu được {title}. {reason} Những gì bạn đã nhập vẫn còn trên biểu mẫu và "
            "được giữ trong bản nháp. Nếu lỗi lặp lại, hãy báo cho cán bộ kỹ thuật "
            "(mã lỗi: {code})."
        ).format(title=title[:1].lower() + title[1:], reason=reason, code=type(exc).__name__)

    # --- drafts --------------------------------------------------------------------------

    def write_draft(self) -> None:
        """Keep the current values on disk (or drop the draft once nothing is unsaved)."""
        try:
            if self.form.dirty:
                self.drafts.save(self.form_key, self.record_id, self.links, self.form.values())
            else:
                self._discard_draft()
        except (OSError, ValueError) as exc:
            log.warning("Could not write the draft of %s: %s", self.form_key, exc)
            self.status_label.setText(self.tr("Không ghi được bản nháp: {error}").format(error=exc))

    def _discard_draft(self) -> None:
        try:
            self.drafts.discard(self.form_key, self.record_id)
        except (OSError, ValueError) as exc:
            log.warning("Could not delete the draft of %s: %s", self.form_key, exc)

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Hủy and the window's close button all land here: ask before losing edits."""
        if self._saving:
            return
        if not self.form.dirty:
            self.autosave.stop()
            self._discard_draft()
            super().reject()
            return
        choice = self.confirm_discard()
        if choice == DiscardChoice.SAVE:
            self._close_after_save = True
            self.save()
        elif choice == DiscardChoice.DISCARD:
            self.autosave.stop()
            self._discard_draft()
            super().reject()

    def done(self, result: int) -> None:
        self.autosave.stop()
        super().done(result)

    def _ask_discard(self) -> DiscardChoice:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(self.tr("Những thay đổi trên biểu mẫu chưa được lưu."))
        box.setInformativeText(
            self.tr(
                "Chọn “Lưu” để lưu lại, “Bỏ thay đổi” để đóng mà không lưu, "
                "hoặc “Quay lại” để tiếp tục nhập."
            )
        )
        save = box.addButton(self.tr("Lưu"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Quay lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return DiscardChoice.SAVE
        if clicked is discard:
            return DiscardChoice.DISCARD
        return DiscardChoice.BACK

    def _show_error_box(self, message: str) -> None:
        interaction_for(self.ctx).error(self, self.tr("Không lưu được"), message)
