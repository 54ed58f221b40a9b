"""Nhập gói dữ liệu: choose the bundles, see what importing them would do, then import.

1. Chọn tệp: one or more .zip bundles (the button, or dropped on the list).
2. Kiểm tra: a dry run through exactly the code of the real import (`service.import_files`
   with `dry_run=True`, rolled back), one row per bundle: unit, period, signer, and how many
   records would be new, updated, unchanged, deleted, conflicting or rejected, with the
   reasons. A bundle from a signer not trusted yet shows the signer's fingerprint and
   "Tin cậy người ký này...": the trust dialog (`ui.trust_dialog`) shows the fingerprint this
   application computed; she phones the sender, they read it to each other, she chooses the
   sender's unit among her own, and only then confirms; the check then runs again.
3. Nhập: she confirms, the real import runs on the write thread (one transaction per bundle;
   rejected bundles are skipped and noted in the rejection journal), and the summary stays on
   screen. Every page then hears `ctx.events.changed("*")`.

The dry run also goes through the write thread: it writes inside a transaction before rolling
back, so it must not race a real write.

The bundle table and the details panel the last two steps show are in `exchange_models`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from htx_desktop.exchange.service import Outcome
from htx_desktop.formatting import fmt_int
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.exchange_models import (
    COUNT_STATUSES,
    UNKNOWN_SIGNER,
    UNTRUSTED_TEXT,
    OutcomeDetails,
    OutcomeModel,
    outcome_table,
)
from htx_desktop.ui.export_choices import progress_callback
from htx_desktop.ui.help_viewer import TOPIC_IMPORT, bind_help
from htx_desktop.ui.import_files_page import IMPORT_FOLDER_KEY, FilesPage, zip_paths
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE
from htx_desktop.ui.record_table_view import alive
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.trust_flow import trust_flow

log = logging.getLogger(__name__)
__all__ = ["IMPORT_FOLDER_KEY", "FilesPage", "ImportWizard", "zip_paths"]

class ImportProgress(QObject):
    """The worker's progress, carried to the GUI thread through a queued connection."""

    progress = Signal(int, int, str)  # bundles done, bundles in all, file being read


# --- page 2: dry run -----------------------------------------------------------------------------


class CheckPage(QWizardPage):
    """The dry run: verdict and counts per bundle, details of the selected one, trusting."""

    checked = Signal()  # a dry run finished (tests wait on it)
    signer_trusted = Signal(str)  # fingerprint, once stored

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checkPage")
        self.setTitle(self.tr("Kiểm tra trước khi nhập"))
        self.setSubTitle(
            self.tr(
                "Mỗi gói được kiểm tra chữ ký và thử gộp vào dữ liệu của máy này, chưa ghi gì. "
                "Chọn một dòng để xem chi tiết."
            )
        )
        self.busy = False
        self.outcomes: list[Outcome] = []
        self.relay = ImportProgress(self)
        self.relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._generation = 0

        layout = QVBoxLayout(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("checkProgress")
        layout.addWidget(self.progress)
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.model = OutcomeModel(dry_run=True, parent=self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.view = outcome_table(self.model, "checkTable", splitter)
        splitter.addWidget(self.view)
        self.details = OutcomeDetails(ctx, splitter)
        splitter.addWidget(self.details)
        splitter.setSizes([180, 220])
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.details.trust_requested.connect(self.trust)

    def wizard_(self) -> ImportWizard:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard

    def initializePage(self) -> None:
        self.run_check()

    def isComplete(self) -> bool:
        return not self.busy and any(o.ok for o in self.outcomes)

    def run_check(self) -> None:
        """Dry run on the write thread (it writes, then rolls back)."""
        from htx_desktop.exchange.service import import_files

        self._generation += 1
        generation = self._generation
        paths = self.wizard_().files_page.paths()
        self.busy = True
        self.completeChanged.emit()
        self.model.set_rows([])
        self.details.show_outcome(None)
        self.progress.setRange(0, max(1, len(paths)))
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setStyleSheet(HINT_STYLE)
        self.summary.setText(self.tr("Đang kiểm tra {0} gói…").format(len(paths)))
        db, emit = self.ctx.db, progress_callback(self.relay)

        def work() -> list[Outcome]:
            return import_files(db, paths, dry_run=True, progress=emit)

        self.ctx.runner.run(
            work,
            lambda outcomes: self._checked(generation, outcomes),
            lambda exc, tb: self._failed(generation, exc, tb),
            write=True,
        )

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if name:
            self.summary.setText(
                self.tr("Đang kiểm tra {0} ({1}/{2})…").format(name, done + 1, total)
            )

    def _checked(self, generation: int, outcomes: list[Outcome]) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.busy = False
        self.outcomes = outcomes
        self.progress.hide()
        self.model.set_rows(outcomes)
        ok = sum(1 for o in outcomes if o.ok)
        untrusted = sum(1 for o in outcomes if o.code == UNKNOWN_SIGNER)
        rejected = len(outcomes) - ok - untrusted
        text = self.tr("{0} gói hợp lệ, {1} gói chưa tin cậy người ký, {2} gói bị từ chối.").format(
            ok, untrusted, rejected
        )
        if untrusted:
            text += " " + self.tr(
                "Chọn gói chưa tin cậy để xem dấu vân tay của người ký và so với người gửi."
            )
        self.summary.setText(text)
        if rejected:
            self.summary.setStyleSheet(ERROR_STYLE)
        elif untrusted:
            self.summary.setStyleSheet(f"color: {UNTRUSTED_TEXT.name()};")
        else:
            self.summary.setStyleSheet("")
        # Open on the first bundle that needs her, else the first one.
        first = next((i for i, o in enumerate(outcomes) if not o.ok), 0)
        if outcomes:
            self.view.selectRow(first)
        self.completeChanged.emit()
        self.checked.emit()

    def _failed(self, generation: int, exc: BaseException, tb: str) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.busy = False
        self.progress.hide()
        log.error("Checking bundles failed:\n%s", tb)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(
            self.tr("Không kiểm tra được các gói; chi tiết đã ghi vào nhật ký lỗi.")
        )
        self.completeChanged.emit()
        self.checked.emit()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_outcome(self.model.row_at(current.row()) if current.isValid() else None)

    # --- trusting a signer -------------------------------------------------------------------

    def trust(self, outcome: Outcome) -> None:
        """The trust dialog for the bundle's signer (fingerprint, her unit, key rotation);
        once she has trusted it, check again."""
        bundle = outcome.bundle
        if bundle is None or self.busy:
            return
        fingerprint = bundle.signer.fingerprint

        def trusted(_plan: object) -> None:
            if alive(self):
                self.signer_trusted.emit(fingerprint)
                self.run_check()

        trust_flow(self, self.ctx, bundle.signer.pem.encode("ascii"), trusted)


# --- page 3: the import --------------------------------------------------------------------------


class RunPage(QWizardPage):
    """Confirm, import for real on the write thread, then the summary."""

    imported = Signal(object)  # list[Outcome]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("runPage")
        self.setTitle(self.tr("Nhập dữ liệu"))
        self.setSubTitle(
            self.tr("Các gói hợp lệ được gộp vào dữ liệu của máy này, mỗi gói một lần ghi.")
        )
        self.busy = False
        self.done = False
        self.outcomes: list[Outcome] = []
        self.relay = ImportProgress(self)
        self.relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("runIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Bắt đầu nhập"), self)
        self.start_button.setObjectName("startImport")
        self.start_button.clicked.connect(self.start)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.model = OutcomeModel(dry_run=False, parent=self)
        self.view = outcome_table(self.model, "importTable", self)
        self.view.hide()
        layout.addWidget(self.view, 1)

    def wizard_(self) -> ImportWizard:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard

    def initializePage(self) -> None:
        outcomes = self.wizard_().check_page.outcomes
        ok = [o for o in outcomes if o.ok]
        skipped = len(outcomes) - len(ok)
        text = self.tr("Sẽ nhập {0} gói dữ liệu hợp lệ vào máy này.").format(len(ok))
        if skipped:
            text += " " + self.tr(
                "{0} gói không hợp lệ hoặc chưa tin cậy người ký sẽ không được nhập (được ghi "
                "vào nhật ký nhập)."
            ).format(skipped)
        text += " " + self.tr("Mỗi gói được nhập trọn vẹn hoặc không nhập gì. Bấm “Bắt đầu nhập”.")
        self.intro.setText(text)
        self.start_button.setFocus()

    def isComplete(self) -> bool:
        return self.done

    def start(self) -> None:
        from htx_desktop.exchange.service import import_files

        if self.busy or self.done:
            return
        wizard = self.wizard_()
        paths = wizard.files_page.paths()
        self.busy = True
        wizard.set_busy(True)
        self.start_button.setEnabled(False)
        self.progress.setRange(0, max(1, len(paths)))
        self.progress.setValue(0)
        self.progress.show()
        db, emit = self.ctx.db, progress_callback(self.relay)

        def work() -> list[Outcome]:
            from htx_desktop.storage.backup import backup_before_import

            backup_before_import(db.path)  # a copy to go back to, whatever the bundles hold
            return import_files(db, paths, dry_run=False, progress=emit)

        self.ctx.runner.run(work, self._imported, self._failed, write=True)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if name:
            self.summary.setText(self.tr("Đang nhập {0} ({1}/{2})…").format(name, done + 1, total))

    def _imported(self, outcomes: list[Outcome]) -> None:
        # Whatever happens to the window, the data did change.
        self.ctx.events.changed.emit("*")
        if not alive(self):
            return
        self.busy = False
        self.done = True
        self.outcomes = outcomes
        self.wizard_().set_busy(False)
        self.progress.hide()
        self.start_button.hide()
        self.intro.hide()
        self.model.set_rows(outcomes)
        self.view.show()
        self.summary.setText(self.summary_text(outcomes))
        self.completeChanged.emit()
        self.imported.emit(outcomes)

    def summary_text(self, outcomes: list[Outcome]) -> str:
        accepted = [o for o in outcomes if o.ok and o.result is not None]
        totals = {
            status: sum(o.result.total(status) for o in accepted if o.result is not None)
            for status in COUNT_STATUSES
        }
        text = self.tr("Đã nhập {0} gói, {1} gói bị từ chối.").format(
            len(accepted), len(outcomes) - len(accepted)
        )
        text += " " + self.tr(
            "Hồ sơ: mới {0}, cập nhật {1}, không đổi {2}, xóa {3}, xung đột {4}, bị từ chối {5}."
        ).format(*(fmt_int(totals[s]) for s in COUNT_STATUSES))
        return text

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.ctx.events.changed.emit("*")  # bundles before the failing one were committed
        if not alive(self):
            return
        log.error("Importing bundles failed:\n%s", tb)
        self.busy = False
        self.done = True
        self.wizard_().set_busy(False)
        self.progress.hide()
        self.start_button.hide()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(
            self.tr(
                "Nhập không thành công; gói đang nhập dở không được ghi. Chi tiết đã ghi vào "
                "nhật ký lỗi."
            )
        )
        self.completeChanged.emit()


# --- the wizard ----------------------------------------------------------------------------------

PAGE_FILES, PAGE_CHECK, PAGE_RUN = range(3)


class ImportWizard(QWizard):
    """The three steps; `paths` (dropped on the exchange page) start the file list."""

    def __init__(
        self, ctx: AppContext, paths: Iterable[Path] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_IMPORT)
        self.ctx = ctx
        self.busy = False
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Nhập gói dữ liệu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Quay lại"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp theo >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Xong"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))
        self.files_page = FilesPage(ctx)
        self.check_page = CheckPage(ctx)
        self.run_page = RunPage(ctx)
        self.setPage(PAGE_FILES, self.files_page)
        self.setPage(PAGE_CHECK, self.check_page)
        self.setPage(PAGE_RUN, self.run_page)
        self.setStartId(PAGE_FILES)
        self.files_page.add_paths(paths)
        fit_window(self, "import_wizard", (1080, 640))

    def set_busy(self, busy: bool) -> None:
        """While importing, no way back and no cancel: the summary must be seen."""
        self.busy = busy
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, not busy)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
