"""Opening, adding and deleting a record from a list: a mixin of `RecordListPage`.

Records open in the dialog the page's `dialog_factory` makes (tests replace it); the delete
confirmation goes through `interaction_for(ctx)`; the delete itself runs on the write thread
and announces the change so that every list reloads. Texts use the context "RecordListPage".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog

from htx_desktop.registry.listing import ListRow
from htx_desktop.registry.records import RecordNotFound, delete_record
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.record_list_parts import DialogFactory
from htx_desktop.ui.record_table_view import alive

log = logging.getLogger("htx_desktop.ui.pages.record_list_page")


class RecordActionsMixin:
    """`show_dialog`, `open_record`, `new_record`, `delete_current`, `delete_record`."""

    ctx: AppContext
    form_key: str
    dialog_factory: DialogFactory
    _current_id: str | None
    _select_next: str | None

    # Provided by the page (`RecordListPage`).
    current_row: Callable[[], ListRow | None]
    noun: Callable[[], str]
    delete_question: Callable[[str], str]

    def show_dialog(
        self,
        form_key: str,
        record_id: str | None = None,
        links: dict[str, Any] | None = None,
    ) -> QDialog | None:
        """Open the entry dialog (window-modal, not blocking); None when the record is gone."""
        widget: Any = self
        try:
            dialog = self.dialog_factory(self.ctx, form_key, record_id, links, widget)
        except RecordNotFound as exc:
            interaction_for(self.ctx).error(
                widget,
                QCoreApplication.translate("RecordListPage", "Không mở được bản ghi"),
                str(exc),
            )
            self.ctx.events.changed.emit(form_key)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_record(self, record_id: str | None = None) -> QDialog | None:
        """Open the given record, or the selected one."""
        record_id = record_id or self._current_id
        if record_id is None:
            return None
        return self.show_dialog(self.form_key, record_id)

    def new_record(self) -> QDialog | None:
        dialog = self.show_dialog(self.form_key)
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(self._select_after_save)
        return dialog

    def _select_after_save(self, record_id: str) -> None:
        """The new record is selected once the reload that the save set off has arrived."""
        widget: Any = self
        if alive(widget):
            self._select_next = record_id

    def delete_current(self) -> None:
        """Ask, then tombstone the selected record and its dependants on the write thread."""
        widget: Any = self
        row = self.current_row()
        if row is None:
            return
        name = row.display[0] or row.id
        title = QCoreApplication.translate("RecordListPage", "Xóa {noun}").format(noun=self.noun())
        if not interaction_for(self.ctx).confirm(
            widget, title, self.delete_question(name), destructive=True
        ):
            return
        self.delete_record(self.form_key, row.id)

    def delete_record(self, form_key: str, record_id: str) -> None:
        widget: Any = self
        db, events = self.ctx.db, self.ctx.events

        def work() -> int:
            with db.session() as session:
                return delete_record(session, form_key, record_id)

        def failed(exc: BaseException, tb: str) -> None:
            log.error("Deleting %s %s failed:\n%s", form_key, record_id, tb)
            if alive(widget):
                interaction_for(self.ctx).error(
                    widget,
                    QCoreApplication.translate("RecordListPage", "Không xóa được"),
                    QCoreApplication.translate(
                        "RecordListPage", "Không xóa được bản ghi: {error}"
                    ).format(error=exc),
                )
            events.changed.emit(form_key)

        self.ctx.runner.run(work, lambda _n: events.changed.emit(form_key), failed, write=True)
