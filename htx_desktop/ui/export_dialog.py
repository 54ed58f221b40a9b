"""Xuất gói dữ liệu: the unit's signed bundle for one period, written to a folder she chooses.

The default period is the latest one already over (`dashboard_page.default_period`): in
July she reports the first half-year, from January the whole of last year. That is the report
that is due; one still running is listed too, marked "(đang diễn ra)", for an early report.

Before anything is written the dialog shows what will travel: how many records of each type
the unit owns (a bundle always carries the full current state, so this does not depend on the
period). The folder defaults to Documents (else home) and is remembered in the settings file.
The passphrase is asked in `PassphraseDialog` when she presses "Xuất" (the USB token's PIN in
`PinDialog` when she signs on a token), goes to the worker thread with the job and nowhere
else; a wrong one reopens the dialog with the reason.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.errors import ExchangeError, PassphraseError
from htx_desktop.exchange.token import WrongPin
from htx_desktop.formatting import fmt_int
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.export_choices import (
    EXPORT_FOLDER_KEY,
    LAST_EXPORT_KEY,
    ProgressRelay,
    RecordCount,
    owned_record_counts,
    period_label,
    progress_callback,
    remembered_export_folder,
    table_label,
)
from htx_desktop.ui.help_viewer import TOPIC_EXPORT, bind_help
from htx_desktop.ui.last_folder import remember_folder
from htx_desktop.ui.pages.dashboard_page import default_period, report_periods
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.pin_dialog import signs_on_token
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.screen_fit import fit_window, grow_to
from htx_desktop.ui.window_state import make_settings

log = logging.getLogger(__name__)

OK_STYLE = "color: #1b5e20; font-weight: bold;"


class ExportDialog(QDialog):
    """Choose period and folder, type the passphrase, watch it being written, open the folder."""

    exported = Signal(object)  # Path of the bundle written

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_EXPORT)
        self.ctx = ctx
        self.today = today or date.today()
        self.result_path: Path | None = None
        self.counts: list[RecordCount] | None = None
        self._busy = False
        # Parented here, so it is deleted on the GUI thread with the dialog, never by the
        # worker that drops its last Python reference.
        self.relay = ProgressRelay(self)
        self.relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Xuất gói dữ liệu"))
        self.setMinimumWidth(620)
        self._build()
        fit_window(self, "export", self.sizeHint())
        self._load_counts()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Xuất gói dữ liệu — {0}").format(self.ctx.scope.unit_name))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "Gói dữ liệu là một tệp .zip gồm toàn bộ hồ sơ của đơn vị, bảng tính Excel và "
                "báo cáo PDF của kỳ, tất cả được ký bằng khóa ký của bạn. Gửi tệp này cho cấp "
                "trên qua USB hoặc thư điện tử."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)

        form = QFormLayout()
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("exportPeriod")
        for period in report_periods(self.today):
            self.period_combo.addItem(period_label(period, self.today), period.code)
        self.period_combo.setCurrentIndex(
            max(0, self.period_combo.findData(default_period(self.today).code))
        )
        form.addRow(self.tr("&Kỳ báo cáo:"), self.period_combo)

        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(remembered_export_folder()))
        self.folder_edit.setObjectName("exportFolder")
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setToolTip(self.folder_edit.text())
        folder_row.addWidget(self.folder_edit, 1)
        self.folder_button = QPushButton(self.tr("Chọn thư mục…"))
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_button)
        folder_label = QLabel(self.tr("Lưu vào &thư mục:"))
        folder_label.setBuddy(self.folder_button)
        form.addRow(folder_label, folder_row)
        self.personal_box = QCheckBox(
            self.tr("Bỏ thông tin cá nhân khỏi bảng tính và báo cáo PDF (nơi nhận không cần)")
        )
        self.personal_box.setToolTip(
            self.tr("Tệp dữ liệu để cấp trên gộp vẫn giữ đủ; chỉ phần để đọc bỏ thông tin cá nhân.")
        )
        form.addRow("", self.personal_box)
        layout.addLayout(form)

        self.counts_box = QGroupBox(self.tr("Dữ liệu sẽ gửi đi"))
        self.counts_form = QFormLayout(self.counts_box)
        self.counts_placeholder = QLabel(self.tr("Đang đếm hồ sơ…"))
        self.counts_placeholder.setStyleSheet(HINT_STYLE)
        self.counts_form.addRow(self.counts_placeholder)
        layout.addWidget(self.counts_box)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 6)
        self.progress.setValue(0)
        self.progress.setFormat("%p %")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.step_label = QLabel()
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        self.step_label.setObjectName("exportStep")
        self.step_label.setStyleSheet(HINT_STYLE)
        self.step_label.hide()
        layout.addWidget(self.step_label)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote files and errors
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.open_folder_button = QPushButton(self.tr("Mở thư mục"))
        self.open_folder_button.setObjectName("openFolder")
        self.open_folder_button.setAutoDefault(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.hide()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("&Xuất gói dữ liệu"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.start_export())
        buttons.addWidget(self.export_button)
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addStretch(1)
        layout.addLayout(buttons)

    # --- preview -----------------------------------------------------------------------------

    def _load_counts(self) -> None:
        db, unit_code = self.ctx.db, self.ctx.scope.unit_code

        def work() -> list[RecordCount]:
            with db.session() as session:
                return owned_record_counts(session, unit_code)

        def failed(_exc: BaseException, tb: str) -> None:
            log.error("Counting the records to export failed:\n%s", tb)
            if alive(self):
                self.counts_placeholder.setText(self.tr("Không đếm được hồ sơ."))

        self.ctx.runner.run(work, self._show_counts, failed)

    def _show_counts(self, counts: list[RecordCount]) -> None:
        if not alive(self):
            return
        self.counts = counts
        self.counts_form.removeRow(0)
        deleted = 0
        for count in counts:
            deleted += count.deleted
            value = QLabel(fmt_int(count.live))
            value.setObjectName(f"count_{count.table}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.counts_form.addRow(table_label(count.table, self.ctx.lang) + ":", value)
        if deleted:
            note = QLabel(
                self.tr(
                    "Kèm {0} hồ sơ đã xóa, để cấp trên cũng xóa theo trong dữ liệu của mình."
                ).format(deleted)
            )
            note.setWordWrap(True)
            note.setStyleSheet(HINT_STYLE)
            self.counts_form.addRow(note)
        self._fit()

    def _fit(self) -> None:
        """Grow to show what was added (counts, progress, the result) rather than squeeze the
        rows; the explicit minimum width stops Qt from doing this by itself."""
        QTimer.singleShot(0, self._grow)

    def _grow(self) -> None:
        if not alive(self):
            return
        layout = self.layout()
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            grow_to(self, QSize(width, needed))

    # --- folder ------------------------------------------------------------------------------

    def folder(self) -> Path:
        return Path(self.folder_edit.text())

    def choose_folder(self) -> None:
        chosen = prompts_for(self.ctx).folder(
            self, self.tr("Chọn thư mục lưu gói dữ liệu"), self.folder()
        )
        if chosen is None:
            return
        self.folder_edit.setText(str(chosen))
        self.folder_edit.setToolTip(str(chosen))
        remember_folder(chosen, EXPORT_FOLDER_KEY)

    def open_folder(self) -> None:
        if self.result_path is not None:
            prompts_for(self.ctx).open_folder(self.result_path.parent)

    # --- export ------------------------------------------------------------------------------

    def period(self) -> str:
        return str(self.period_combo.currentData())

    @property
    def busy(self) -> bool:
        return self._busy

    def start_export(self, error: str = "") -> None:
        """Ask the passphrase (showing why the last one failed), then export on a worker."""
        if self._busy:
            return
        period = self.period()
        token = signs_on_token(self.ctx.db)
        prompts, shown = prompts_for(self.ctx), self.period_combo.currentText()
        if token:
            passphrase = prompts.pin(self, self.tr("Mã PIN của USB token"), self.tr(
                "Cắm USB token ký số và nhập mã PIN để ký gói dữ liệu {0}.").format(shown),
                error=error)
        else:
            passphrase = prompts.passphrase(self, self.tr("Mật khẩu khóa ký"), self.tr(
                "Nhập mật khẩu khóa ký để ký gói dữ liệu {0}.").format(shown), error=error)
        if not passphrase:
            return
        folder = self.folder()
        self._set_busy(True)
        self.result_path = None
        self.open_folder_button.hide()
        self._set_message("")
        self.progress.setValue(0)
        self.progress.show()
        self.step_label.setText(
            self.tr("Đang mở USB token…") if token else self.tr("Đang mở khóa ký…")
        )
        self.step_label.show()
        self._fit()

        emit = progress_callback(self.relay)
        db = self.ctx.db

        personal = not self.personal_box.isChecked()

        def work() -> Path:
            from htx_desktop.exchange.bundle import export_bundle

            with db.session() as session:
                return export_bundle(
                    session, period, passphrase, folder, progress=emit, include_personal=personal
                )

        self.ctx.runner.run(work, self._done, self._failed)

    @Slot(str, int, int)
    def _on_progress(self, label: str, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.step_label.setText(label)

    def _done(self, path: Path) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.result_path = path
        self.progress.setValue(self.progress.maximum())
        self.step_label.hide()
        self._set_message(self.tr("Đã xuất: {0}").format(path), OK_STYLE)
        self.open_folder_button.show()
        self.open_folder_button.setFocus()
        settings = make_settings()
        settings.setValue(LAST_EXPORT_KEY, str(path))
        remember_folder(path.parent, EXPORT_FOLDER_KEY)
        self.exported.emit(path)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.progress.hide()
        self.step_label.hide()
        if isinstance(exc, PassphraseError | WrongPin):
            self._set_message(str(exc), ERROR_STYLE)
            # Straight back to the passphrase or PIN, with the reason shown there too.
            QTimer.singleShot(0, lambda: alive(self) and self.start_export(error=str(exc)))
            return
        if isinstance(exc, ExchangeError | ValueError):
            self._set_message(str(exc), ERROR_STYLE)
            return
        if isinstance(exc, OSError):
            self._set_message(
                self.tr("Không ghi được gói dữ liệu vào thư mục {0}: {1}.").format(
                    self.folder(), exc.strerror or exc
                ),
                ERROR_STYLE,
            )
            return
        log.error("Exporting a bundle failed:\n%s", tb)
        self._set_message(
            self.tr("Xuất gói dữ liệu không thành công; chi tiết đã ghi vào nhật ký lỗi."),
            ERROR_STYLE,
        )

    def _set_message(self, text: str, style: str = "") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))
        self._fit()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.export_button, self.close_button, self.period_combo):
            widget.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)

    # --- closing -----------------------------------------------------------------------------

    def reject(self) -> None:
        """Not while writing: the bundle appears whole or not at all, but she should see which."""
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
