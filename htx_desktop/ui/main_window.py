"""The main window: navigation on the left, one page per task on the right.

Pages: Tổng quan (dashboard), the four record lists (Hợp tác xã, Tổ hợp tác, Cán bộ Hội,
Tập huấn), Xuất/Nhập dữ liệu and Báo cáo (placeholders that say plainly they come in a later
version, until their page modules are installed) and Cài đặt. Ctrl+1…Ctrl+8 switch pages.
Every page has the same small interface (`refresh()`, `status_changed`, `state()`,
`restore_state()`), so the window treats them alike: it refreshes a page the first time it is
shown, puts the current page's status text in the status bar, and remembers its size (per
screen size, `screen_fit`), the last page and each page's state between starts
(`window_state`).

Above the pages, a band reminds her when her last backup outside the computer (USB stick,
another folder) is over 30 days old (`backup_reminder`); its button opens that backup.

At start, drafts left by a crash or power cut are offered back (through the interaction hook,
so tests answer without a dialog). Closing waits for the task runner, so no write is cut off.

Pages are built the first time they are shown (or asked for through `pages[key]`), not when
the window is built: importing and building all eight (reports, exchange, signing…) took about
0.4 s of the start-up, for pages she may not open that day. Page modules are imported by name
then: one not installed yet shows a placeholder saying so instead of stopping the application.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.registry.drafts import Draft, DraftStore
from htx_desktop.ui.about_dialog import AboutDialog
from htx_desktop.ui.backup_reminder import BackupReminder
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext, load_scope
from htx_desktop.ui.help_viewer import (
    HELP_FOR_PAGE,
    HELP_SHORTCUT,
    HelpViewer,
    open_help,
    topic_in_view,
)
from htx_desktop.ui.page_registry import (
    PAGE_CADRES,
    PAGE_COOPERATIVES,
    PAGE_EXCHANGE,
    PAGE_GROUPS,
    PAGE_KEYS,
    PAGE_OVERVIEW,
    PAGE_REPORTS,
    PAGE_SETTINGS,
    PAGE_TRAININGS,
    LazyPages,
    load_page_class,
)
from htx_desktop.ui.pages.placeholder_page import PlaceholderPage
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.window_state import WindowState

log = logging.getLogger(__name__)

#: How long a confirmation such as "Đã lưu HTX Tân Phú." stays in the status bar.
NOTICE_MS = 6000

APP_TITLE = "HTX Desktop"
#: On a screen with room for it; smaller screens get the window maximised (`screen_fit`).
PREFERRED_SIZE = (1180, 760)


class MainWindow(QMainWindow):
    """One window for one open database and officer profile (`ctx`)."""

    #: Each draft dialog opened at start (tests drive it).
    draft_dialog_opened = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        window_state: WindowState | None = None,
        offer_drafts: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window_state = window_state if window_state is not None else WindowState()
        self.setObjectName("mainWindow")
        self.pages = LazyPages(self._add_page)
        self._status: dict[str, str] = {}
        self._refreshed: set[str] = set()
        self._draft_queue: list[Draft] = []
        self.draft_dialog: QWidget | None = None
        self._closing = False

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(0, 0))
        # Roomier entries than Qt's default: officers click these all day, often on touchpads.
        self.nav.setStyleSheet("QListWidget::item { padding: 7px 8px; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 8)
        # Above everything: the reminder to carry a backup away (hidden when not due).
        self.backup_reminder = BackupReminder(ctx, central)
        self.backup_reminder.backup_requested.connect(self.open_backup_to_folder)
        outer.addWidget(self.backup_reminder)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setObjectName("pageStatus")
        self.status_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.status_label, 1)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setRange(0, 0)  # indeterminate: "working", not a fake percentage
        self.busy_bar.setFixedSize(90, 12)
        self.busy_bar.setTextVisible(False)
        self.officer_label = QLabel()
        self.officer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.officer_label.setObjectName("officerLabel")
        self.officer_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.officer_label)
        self._set_busy(ctx.runner.pending > 0)
        ctx.runner.busy_changed.connect(self._set_busy)
        # "Đã lưu HTX Tân Phú.": shown for a few seconds over the page's own status line.
        ctx.events.notice.connect(self.show_notice)

        self._build_pages()
        self.nav.currentRowChanged.connect(self._page_selected)
        for number, _key in enumerate(PAGE_KEYS, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.show_page(PAGE_KEYS[n - 1]))
        self.help_viewer: HelpViewer | None = None
        QShortcut(QKeySequence(HELP_SHORTCUT), self).activated.connect(self.help_for_page)

        self.screen_fit = fit_window(
            self, "main", PREFERRED_SIZE, state=self.window_state, maximise_when_small=True
        )
        last = self.window_state.last_page()
        self.show_page(last if last in PAGE_KEYS else PAGE_OVERVIEW)
        if offer_drafts:
            QTimer.singleShot(0, self.offer_drafts)

    # --- labels ----------------------------------------------------------------------------

    def page_titles(self) -> dict[str, str]:
        return {
            PAGE_OVERVIEW: self.tr("Tổng quan"),
            PAGE_COOPERATIVES: self.tr("Hợp tác xã"),
            PAGE_GROUPS: self.tr("Tổ hợp tác"),
            PAGE_CADRES: self.tr("Cán bộ Hội"),
            PAGE_TRAININGS: self.tr("Tập huấn"),
            PAGE_EXCHANGE: self.tr("Xuất/Nhập dữ liệu"),
            PAGE_REPORTS: self.tr("Báo cáo"),
            PAGE_SETTINGS: self.tr("Cài đặt"),
        }

    def _update_titles(self) -> None:
        scope = self.ctx.scope
        self.setWindowTitle(f"{APP_TITLE} — {scope.unit_name}")
        self.officer_label.setText(f"{scope.officer_name} · {scope.unit_name}")

    # --- pages -----------------------------------------------------------------------------

    def _build_pages(self) -> None:
        """The navigation entries; the pages themselves come on first use (`_add_page`)."""
        titles = self.page_titles()
        self.nav.blockSignals(True)
        self.nav.clear()
        for number, key in enumerate(PAGE_KEYS, start=1):
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{titles[key]} (Ctrl+{number})")
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        # As wide as the longest label (in the current language), no wider: the pages need it.
        self.nav.setFixedWidth(max(150, self.nav.sizeHintForColumn(0) + 28))
        self._update_titles()

    def _add_page(self, key: str) -> QWidget:
        """Build one page, put it in the stack and give it its remembered state."""
        page = self._make_page(key, self.page_titles()[key])
        if not page.objectName():
            page.setObjectName(f"page_{key}")
        self.stack.addWidget(page)
        page.status_changed.connect(lambda text, k=key: self._page_status(k, text))
        page.restore_state(self.window_state.page_state(key))
        return page

    def _make_page(self, key: str, title: str) -> Any:
        ctx = self.ctx
        if key == PAGE_OVERVIEW:
            from htx_desktop.ui.pages.dashboard_page import DashboardPage

            return DashboardPage(ctx)
        if key == PAGE_SETTINGS:
            from htx_desktop.ui.pages.settings_page import SettingsPage

            page = SettingsPage(ctx)
            page.profile_changed.connect(self._profile_changed)
            return page
        page_class = load_page_class(key)
        if page_class is None:
            return self.placeholder_page(key, title)
        return page_class(ctx)

    def placeholder_page(self, key: str, title: str) -> PlaceholderPage:
        """What stands in a page's place while its module is not installed."""
        if key == PAGE_EXCHANGE:
            return self._exchange_placeholder(title)
        if key == PAGE_REPORTS:
            return self._reports_placeholder(title)
        return PlaceholderPage(
            title,
            [self.tr("Danh sách, tìm kiếm, thêm và sửa hồ sơ “{0}”.").format(title)],
            self.tr("Bản cài đặt này chưa có trang này."),
        )

    def _exchange_placeholder(self, title: str) -> PlaceholderPage:
        path = str(self.ctx.db.path)
        return PlaceholderPage(
            title,
            [
                self.tr(
                    "Xuất gói dữ liệu có chữ ký số của đơn vị để gửi lên cấp trên mỗi 6 tháng "
                    "và hằng năm."
                ),
                self.tr(
                    "Nhập và kiểm tra gói dữ liệu các xã/phường gửi lên: ai ký, kỳ nào, bao "
                    "nhiêu hồ sơ mới, hồ sơ nào trùng; xem đơn vị nào chưa gửi báo cáo."
                ),
                self.tr("Xuất danh sách ra bảng tính Excel và nhập hồ sơ từ bảng tính."),
            ],
            self.tr(
                "Trong lúc chờ: mọi hồ sơ bạn nhập được lưu trong tệp dữ liệu <b>{0}</b>. Hãy "
                "đóng ứng dụng rồi chép tệp này sang USB hoặc ổ đĩa khác để sao lưu thường xuyên."
            ).format(path),
        )

    def _reports_placeholder(self, title: str) -> PlaceholderPage:
        return PlaceholderPage(
            title,
            [
                self.tr(
                    "In báo cáo 6 tháng, hằng năm, sơ kết và tổng kết theo thể thức Nghị định "
                    "30/2020/NĐ-CP (khổ A4, phông Times New Roman), kèm biểu số liệu các chỉ "
                    "tiêu của Kế hoạch."
                ),
                self.tr("Xem trước bản in và lưu thành tệp PDF có chữ ký số."),
                self.tr(
                    "Bỏ bớt thông tin cá nhân (số điện thoại, dân tộc) khi nơi nhận không cần."
                ),
            ],
            self.tr(
                "Trong lúc chờ: số liệu tiến độ so với chỉ tiêu của từng kỳ báo cáo xem ở trang "
                "“Tổng quan” (Ctrl+1)."
            ),
        )

    def show_help(self, topic: str = "") -> None:
        """The user guide at `topic` ("page.html#anchor", see `help_viewer`) or its contents."""
        self.help_viewer = open_help(self, topic)

    def help_for_page(self) -> None:
        """F1: the guide's page about the page in view (or about its tab in view)."""
        key = self.current_page()
        self.show_help(topic_in_view(self.page(key), HELP_FOR_PAGE[key]))

    def show_about(self) -> None:
        dialog = AboutDialog(self.ctx.db.path, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(PAGE_KEYS.index(key))

    def open_backup_to_folder(self) -> None:
        """The reminder's button: the settings page, its backup box, and the folder choice."""
        self.show_page(PAGE_SETTINGS)
        page = self.pages[PAGE_SETTINGS]

        def open_it() -> None:  # once the page is laid out, so it can scroll to the box
            scroll = page.findChild(QScrollArea)
            if scroll is not None:
                scroll.ensureWidgetVisible(page.backup_widget)
            page.backup_widget.backup_to_folder()

        QTimer.singleShot(0, open_it)

    def current_page(self) -> str:
        return PAGE_KEYS[max(0, self.nav.currentRow())]

    def page(self, key: str) -> Any:
        return self.pages[key]

    def _page_selected(self, row: int) -> None:
        if row < 0:
            return
        key = PAGE_KEYS[row]
        page = self.pages[key]
        if key not in self._refreshed:
            # Before the page is shown, so a page that also refreshes on show sees it is fresh.
            self._refreshed.add(key)
            page.refresh()
        self.stack.setCurrentWidget(page)
        self.status_label.setText(self._status.get(key, ""))

    def show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, NOTICE_MS)

    def _page_status(self, key: str, text: str) -> None:
        self._status[key] = text
        if key == self.current_page():
            self.status_label.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setText(QCoreApplication.translate("MainWindow", "Đang xử lý…"))
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    # --- profile changes -------------------------------------------------------------------

    def _profile_changed(self, kind: str) -> None:
        """Settings saved: reload the scope; a new language or unit rebuilds the pages (after
        the settings page's own slot has returned, since it is among those rebuilt)."""
        from htx_desktop.ui.pages.settings_page import CHANGED_LANGUAGE, CHANGED_UNIT

        scope = load_scope(self.ctx.db)
        if scope is not None:
            self.ctx.scope = scope
        if kind == CHANGED_LANGUAGE:
            self.ctx.lang = self._stored_language()
            install_language(self.ctx.lang)
        if kind in (CHANGED_LANGUAGE, CHANGED_UNIT):
            QTimer.singleShot(0, self.rebuild)
        else:
            self._update_titles()

    def _stored_language(self) -> str:
        from htx_desktop.registry.profile import get_profile

        with self.ctx.db.session() as session:
            profile = get_profile(session)
            return (profile.language if profile is not None else None) or "vi"

    def rebuild(self) -> None:
        """Make every page again (new language or unit), keeping the current page and each
        page's state."""
        current = self.current_page()
        self.save_state()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._status.clear()
        self._refreshed.clear()
        self._build_pages()
        self.show_page(current)
        self._page_selected(PAGE_KEYS.index(current))

    # --- drafts ----------------------------------------------------------------------------

    def offer_drafts(self) -> None:
        """Offer back what was typed but not saved last time; "no" discards it for good."""
        store = DraftStore(self.ctx.db.path)
        drafts = store.pending()
        if not drafts:
            return
        count = len(drafts)
        agreed = interaction_for(self.ctx).confirm(
            self,
            self.tr("Bản nhập dở"),
            self.tr("Có {0} bản nhập dở chưa lưu từ lần trước. Mở lại?").format(count),
        )
        if not agreed:
            for draft in drafts:
                store.discard(draft.form_key, draft.record_id)
            self._page_status(self.current_page(), self.tr("Đã bỏ {0} bản nhập dở.").format(count))
            return
        self._draft_queue = list(drafts)
        self._open_next_draft()

    def _open_next_draft(self) -> None:
        """One draft dialog at a time: the next opens when the officer closes this one."""
        self.draft_dialog = None
        while self._draft_queue and not self._closing:
            draft = self._draft_queue.pop(0)
            dialog = self._draft_dialog(draft)
            if dialog is None:
                continue
            dialog.finished.connect(lambda _result: self._open_next_draft())
            self.draft_dialog = dialog
            dialog.open()
            self.draft_dialog_opened.emit(dialog)
            return

    def _draft_dialog(self, draft: Draft) -> Any:
        try:
            from htx_desktop.ui.record_dialog import RecordDialog
        except ImportError:
            log.warning("The record dialog is not installed; draft %s kept", draft.path)
            return None
        from htx_desktop.registry.records import RecordNotFound

        try:
            return RecordDialog(
                self.ctx,
                draft.form_key,
                draft.record_id,
                links=draft.links,
                draft=draft,
                parent=self,
            )
        except RecordNotFound:
            DraftStore(self.ctx.db.path).discard(draft.form_key, draft.record_id)
            interaction_for(self.ctx).info(
                self,
                self.tr("Bản nhập dở"),
                self.tr(
                    "Hồ sơ của một bản nhập dở đã bị xóa nên không mở lại được; bản nhập dở "
                    "đó đã được bỏ."
                ),
            )
            return None

    # --- state and closing -----------------------------------------------------------------

    def save_state(self) -> None:
        self.screen_fit.remember()
        self.window_state.set_last_page(self.current_page())
        for key, page in self.pages.items():
            try:
                state = page.state()
            except Exception:  # a page's bug must not cost the others their state
                log.exception("Page %s could not report its state", key)
                continue
            self.window_state.set_page_state(key, state)
        self.window_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.save_state()
        if not self.ctx.runner.wait():
            log.warning("Background work still running after waiting at close")
        super().closeEvent(event)


def install_language(lang: str) -> None:
    """Install the interface language when the translator module exists (it may not yet)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    try:
        from htx_desktop.ui.i18n import install_translator
    except ImportError:
        log.warning("No translator module; the interface stays in Vietnamese")
        return
    install_translator(app, lang)
