"""Cài đặt: everything the setup wizard asked, changeable later.

Officer name and title (printed in report signatures and carried in bundles) and the interface
language are saved to the profile on the task runner's write thread. A new language is
applied at once: the main window rebuilds its pages in it (the UI says so). The unit is shown
read-only with "Đổi đơn vị…", which warns first and then re-runs the unit part of the setup
wizard: changing unit changes which records the officer sees and in whose name she reports,
so it must never happen by a slip. "Ký số bằng USB token" (`token_widget`) chooses the
certificate on the officer's token that her bundles are signed with, and shows what signs now.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from htx_desktop.registry.profile import ProfileError, create_profile, get_profile
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.text import clean_text
from htx_desktop.ui.anchors_widget import AnchorsWidget
from htx_desktop.ui.backup_widget import BackupWidget
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.pages.placeholder_page import MUTED_COLOR, make_heading
from htx_desktop.ui.province_plan_widget import ProvincePlanWidget
from htx_desktop.ui.setup_wizard import LANGUAGES, SetupWizard
from htx_desktop.ui.token_widget import TokenWidget
from htx_desktop.ui.trust_widget import TrustWidget
from htx_desktop.ui.unit_picker import level_name

log = logging.getLogger(__name__)

#: What changed, as `SettingsPage.profile_changed` reports it.
CHANGED_OFFICER = "officer"
CHANGED_LANGUAGE = "language"
CHANGED_UNIT = "unit"


@dataclass(frozen=True)
class ProfileEdit:
    officer_name: str
    officer_title: str
    language: str


def save_profile_edit(ctx: AppContext, edit: ProfileEdit) -> ProfileEdit:
    """Write name, title and language (worker thread). Validation is the registry's own, so
    the wizard, the command line and this page accept exactly the same values."""
    with ctx.db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise ProfileError("Cơ sở dữ liệu chưa có hồ sơ cán bộ.")
        create_profile(
            session, profile.unit_code, edit.officer_name, edit.officer_title, replace=True
        )
        profile.language = edit.language
        return ProfileEdit(profile.officer_name, profile.officer_title, profile.language)


class SettingsPage(QWidget):
    """The settings page; `profile_changed(kind)` tells the window what to reload."""

    status_changed = Signal(str)
    profile_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_wizard: SetupWizard | None = None
        self._saved = ProfileEdit(ctx.scope.officer_name, ctx.scope.officer_title, ctx.lang)
        self._saving = False

        # The settings scroll, so the window still fits a small laptop screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(make_heading(self.tr("Cài đặt")))

        officer_box = QGroupBox(self.tr("Cán bộ sử dụng máy"))
        form = QFormLayout(officer_box)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("settingsOfficerName")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("settingsOfficerTitle")
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("settingsLanguage")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        form.addRow(self.tr("&Họ và tên:"), self.name_edit)
        form.addRow(self.tr("&Chức vụ:"), self.title_edit)
        form.addRow(self.tr("&Ngôn ngữ giao diện:"), self.language_combo)
        language_note = QLabel(
            self.tr(
                "Ngôn ngữ mới được áp dụng ngay khi bấm “Lưu thay đổi”: cửa sổ được dựng lại, "
                "bộ lọc và trang đang xem vẫn giữ nguyên."
            )
        )
        language_note.setWordWrap(True)
        language_note.setStyleSheet(f"color: {MUTED_COLOR};")
        form.addRow("", language_note)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Lưu thay đổi"))
        self.save_button.setObjectName("settingsSave")
        self.save_button.setEnabled(False)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may carry an error's text
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        form.addRow("", buttons)
        layout.addWidget(officer_box)

        unit_box = QGroupBox(self.tr("Đơn vị"))
        unit_layout = QVBoxLayout(unit_box)
        self.unit_label = QLabel()
        self.unit_label.setObjectName("settingsUnit")
        self.unit_label.setTextFormat(Qt.TextFormat.RichText)
        self.unit_label.setWordWrap(True)
        self.unit_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        unit_layout.addWidget(self.unit_label)
        unit_note = QLabel(
            self.tr(
                "Đơn vị quyết định những hồ sơ bạn thấy và tên đơn vị trên báo cáo, gói dữ liệu. "
                "Chỉ đổi khi máy này được chuyển sang dùng cho đơn vị khác."
            )
        )
        unit_note.setWordWrap(True)
        unit_note.setStyleSheet(f"color: {MUTED_COLOR};")
        unit_layout.addWidget(unit_note)
        unit_row = QHBoxLayout()
        self.change_unit_button = QPushButton(self.tr("Đổi đơn vị…"))
        self.change_unit_button.setObjectName("changeUnit")
        unit_row.addWidget(self.change_unit_button)
        unit_row.addStretch(1)
        unit_layout.addLayout(unit_row)
        layout.addWidget(unit_box)

        token_box = QGroupBox(self.tr("Ký số bằng USB token"))
        token_box.setObjectName("settingsTokenBox")
        self.token_widget = TokenWidget(ctx.db, ctx.runner, ctx, parent=token_box)
        QVBoxLayout(token_box).addWidget(self.token_widget)
        layout.addWidget(token_box)
        plan_box = QGroupBox(self.tr("Kế hoạch của tỉnh"))
        self.plan_widget = ProvincePlanWidget(ctx, plan_box)
        QVBoxLayout(plan_box).addWidget(self.plan_widget)
        layout.addWidget(plan_box)

        file_box = QGroupBox(self.tr("Tệp dữ liệu"))
        file_layout = QVBoxLayout(file_box)
        path_label = QLabel(str(ctx.db.path))
        path_label.setTextFormat(Qt.TextFormat.PlainText)  # a folder may be named anything
        path_label.setObjectName("settingsDbPath")
        path_label.setWordWrap(True)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_layout.addWidget(path_label)
        layout.addWidget(file_box)
        backup_box = QGroupBox(self.tr("Sao lưu và khôi phục"))
        self.backup_widget = BackupWidget(ctx, backup_box)
        QVBoxLayout(backup_box).addWidget(self.backup_widget)
        layout.addWidget(backup_box)
        help_row = QHBoxLayout()
        self.help_button = QPushButton(self.tr("Hướng dẫn sử dụng (F1)"))
        self.help_button.clicked.connect(lambda: self._window_call("show_help"))
        self.about_button = QPushButton(self.tr("Giới thiệu"))
        self.about_button.clicked.connect(lambda: self._window_call("show_about"))
        help_row.addWidget(self.help_button)
        help_row.addWidget(self.about_button)
        help_row.addStretch(1)
        layout.addLayout(help_row)
        self.trust_widget: TrustWidget | None = None
        if ctx.scope.level != "commune":
            trust_box = QGroupBox(self.tr("Người ký được tin cậy"))
            self.trust_widget = TrustWidget(ctx, trust_box)
            QVBoxLayout(trust_box).addWidget(self.trust_widget)
            layout.addWidget(trust_box, 1)
            anchors_box = QGroupBox(self.tr("Tổ chức chứng thực (chữ ký số bằng USB token)"))
            self.anchors_widget = AnchorsWidget(ctx, anchors_box)
            QVBoxLayout(anchors_box).addWidget(self.anchors_widget)
            layout.addWidget(anchors_box, 1)
        else:
            layout.addStretch(1)

        self._show_saved()
        self.name_edit.textChanged.connect(self._edited)
        self.title_edit.textChanged.connect(self._edited)
        self.language_combo.currentIndexChanged.connect(self._edited)
        self.name_edit.returnPressed.connect(self.save)
        self.title_edit.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.change_unit_button.clicked.connect(self.change_unit)

    # --- page interface --------------------------------------------------------------------


    def _window_call(self, name: str) -> None:
        """Help and About belong to the main window (F1 works everywhere)."""
        window = self.window()
        action = getattr(window, name, None)
        if callable(action):
            action()
    def refresh(self) -> None:
        self.unit_label.setText(self._unit_html())
        self.token_widget.reload_active()
        self.status_changed.emit(self.tr("Cài đặt"))

    def state(self) -> dict[str, Any]:
        return {}

    def restore_state(self, state: dict[str, Any]) -> None:
        del state  # the fields always show what is stored

    # --- officer and language --------------------------------------------------------------

    def current_edit(self) -> ProfileEdit:
        return ProfileEdit(
            clean_text(self.name_edit.text()) or "",
            clean_text(self.title_edit.text()) or "",
            str(self.language_combo.currentData()),
        )

    def _show_saved(self) -> None:
        self.name_edit.setText(self._saved.officer_name)
        self.title_edit.setText(self._saved.officer_title)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(self._saved.language))
        )
        self.unit_label.setText(self._unit_html())

    def _edited(self) -> None:
        edit = self.current_edit()
        self.save_button.setEnabled(not self._saving and edit != self._saved)
        if not edit.officer_name or not edit.officer_title:
            self._set_message(self.tr("Họ tên và chức vụ không được để trống."), error=True)
        else:
            self._set_message("")

    def _set_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c;" if error else f"color: {MUTED_COLOR};")

    def save(self) -> None:
        """Save the edit on the write thread; the window hears `profile_changed` when done."""
        edit = self.current_edit()
        if self._saving or edit == self._saved:
            return
        if not edit.officer_name or not edit.officer_title:
            self._set_message(self.tr("Họ tên và chức vụ không được để trống."), error=True)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        ctx = self.ctx
        self.ctx.runner.run(
            lambda: save_profile_edit(ctx, edit),
            self._saved_ok,
            self._save_failed,
            write=True,
        )

    def _saved_ok(self, stored: ProfileEdit) -> None:
        self._saving = False
        previous = self._saved
        self._saved = stored
        self._show_saved()
        self.save_button.setEnabled(False)
        self._set_message(self.tr("Đã lưu."))
        self.status_changed.emit(self.tr("Đã lưu thông tin cán bộ."))
        if stored.language != previous.language:
            self.profile_changed.emit(CHANGED_LANGUAGE)
        else:
            self.profile_changed.emit(CHANGED_OFFICER)

    def _save_failed(self, exc: BaseException, tb: str) -> None:
        self._saving = False
        self._edited()
        if isinstance(exc, ProfileError):
            self._set_message(str(exc), error=True)
            return
        log.error("Saving the profile failed:\n%s", tb)
        self._set_message(
            self.tr("Không lưu được; chi tiết đã ghi vào nhật ký lỗi. Hãy thử lại."), error=True
        )

    # --- unit ------------------------------------------------------------------------------

    def _unit_html(self) -> str:
        scope = self.ctx.scope
        province = ""
        if scope.level != "province" and scope.province_code:
            with self.ctx.db.session() as session:
                unit = session.get(AdministrativeUnit, scope.province_code)
                province = unit.name if unit is not None else ""
        level = level_name(scope.level)
        parts = [
            f"<b>{html.escape(scope.unit_name)}</b>",
            html.escape(self.tr("mã {0}").format(scope.unit_code)),
            html.escape(level),
        ]
        if province:
            parts.append(html.escape(province))
        text = " · ".join(parts)
        if scope.level != "commune":
            text += "<br>" + html.escape(
                self.tr("Gồm {0} xã/phường.").format(len(scope.commune_codes))
            )
        return text

    def change_unit(self) -> None:
        """Warn, then open the unit pages of the setup wizard (non-blocking)."""
        if self.unit_wizard is not None:
            self.unit_wizard.raise_()
            return
        agreed = interaction_for(self.ctx).confirm(
            self,
            self.tr("Đổi đơn vị"),
            self.tr(
                "Đổi đơn vị sẽ thay đổi những hồ sơ bạn thấy và tên đơn vị trên báo cáo, gói dữ "
                "liệu gửi đi từ nay. Hồ sơ đã nhập vẫn còn nguyên trong tệp dữ liệu, nhưng chỉ "
                "hiện những hồ sơ thuộc đơn vị mới.\n\nTiếp tục đổi đơn vị?"
            ),
        )
        if not agreed:
            return
        self.ctx.runner.wait()  # no write of the old unit may land after the change
        wizard = SetupWizard(self.ctx.db, self, unit_only=True)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.finished.connect(self._unit_wizard_done)
        self.unit_wizard = wizard
        wizard.open()

    def _unit_wizard_done(self, result: int) -> None:
        wizard = self.unit_wizard
        self.unit_wizard = None
        if wizard is None:
            return
        wizard.deleteLater()
        if result == QWizard.DialogCode.Accepted and wizard.unit_code is not None:
            self.status_changed.emit(self.tr("Đã đổi đơn vị."))
            self.profile_changed.emit(CHANGED_UNIT)
