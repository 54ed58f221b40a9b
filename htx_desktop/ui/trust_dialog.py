"""Tin cậy người ký: the dialog where a receiving officer trusts a sender's certificate.

She sees whose certificate it is and the fingerprint this application computed (SHA-256 of
the certificate, 16 groups of four on two lines), reads it with the sender over the phone,
chooses which of her own units the sender belongs to, and, when that unit already has a
trusted certificate, whether the old one retires (the sender changed keys). Nothing sends her
to the command line.

Every text that comes from the certificate is shown as plain text: a name written as HTML
(`<b>…</b><img …>`, or a fake "Vân tay: …" line) appears literally, never drawn. The
warnings of `trust_store` (a commune outside her group, a unit other than the one the
certificate names) are shown for the unit chosen.

The whole sequence around it (check, offer, ask, store) is `ui.trust_flow`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.exchange.keys import fingerprint_lines
from htx_desktop.exchange.trust_store import TrustOffer, TrustPlan
from htx_desktop.ui.help_viewer import TOPIC_TRUST, bind_help
from htx_desktop.ui.plain import ERROR_STYLE, HINT_STYLE, WARNING_STYLE, plain_label
from htx_desktop.ui.screen_fit import fit_window

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class TrustChoice:
    """Her answer: the unit the certificate is tied to, and whether older ones retire."""

    unit_code: str
    retire_old: bool = False


def fingerprint_font(base: QFont) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(base.pointSizeF() * 1.15)
    font.setBold(True)
    return font


class TrustDialog(QDialog):
    """The certificate's name and subject, the fingerprint, the unit chooser, the warnings and
    the key-rotation question; "Hủy" is the default button."""

    def __init__(self, offer: TrustOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_TRUST)
        self.offer = offer
        self.setObjectName("trustDialog")
        self.setWindowTitle(self.tr("Tin cậy người ký"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_label = plain_label(offer.info.common_name or "—", self)
        self.name_label.setObjectName("trustName")
        form.addRow(self.tr("Chứng thư của:"), self.name_label)
        self.organization_label = plain_label(offer.info.organization or "—", self)
        self.organization_label.setObjectName("trustOrganization")
        form.addRow(self.tr("Tổ chức:"), self.organization_label)
        self.subject_label = plain_label(offer.info.subject, self)
        self.subject_label.setObjectName("trustSubject")
        self.subject_label.setStyleSheet(HINT_STYLE)
        form.addRow(self.tr("Tên đầy đủ trong chứng thư:"), self.subject_label)
        if offer.info.ca_issued:  # a token certificate: who issued it, and which one it is
            self.issuer_label = plain_label(offer.info.issuer, self)
            self.issuer_label.setObjectName("trustIssuer")
            form.addRow(self.tr("Tổ chức chứng thực cấp:"), self.issuer_label)
            self.serial_label = plain_label(offer.info.serial, self)
            self.serial_label.setObjectName("trustSerial")
            form.addRow(self.tr("Số sê-ri chứng thư:"), self.serial_label)
        layout.addLayout(form)

        caption = plain_label(
            self.tr("Dấu vân tay do máy này tính từ chứng thư (SHA-256):"), self
        )
        layout.addWidget(caption)
        self.fingerprint_label = plain_label(
            "\n".join(fingerprint_lines(offer.info.fingerprint)), self
        )
        self.fingerprint_label.setObjectName("trustFingerprint")
        self.fingerprint_label.setFont(fingerprint_font(self.font()))
        self.fingerprint_label.setWordWrap(False)
        layout.addWidget(self.fingerprint_label)
        steps = plain_label(
            self.tr(
                "Hãy gọi điện cho người gửi và nhờ đọc dấu vân tay trên máy của họ (trang "
                "“Xuất/Nhập dữ liệu”). Chỉ bấm “Tin cậy” khi hai dấu vân tay giống hệt nhau."
            ),
            self,
        )
        layout.addWidget(steps)

        unit_form = QFormLayout()
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("trustUnit")
        for choice in offer.choices:
            self.unit_combo.addItem(choice.label(), choice.code)
        # Without a unit of hers that the certificate names, nothing is chosen for her: a
        # "Tin cậy" pressed by habit must not tie the certificate to the first unit listed.
        self.unit_combo.setCurrentIndex(
            self.unit_combo.findData(offer.suggested) if offer.suggested is not None else -1
        )
        unit_form.addRow(self.tr("Người gửi thuộc đơn vị:"), self.unit_combo)
        layout.addLayout(unit_form)
        self.note_label = plain_label(offer.note, self)
        self.note_label.setObjectName("trustNote")
        self.note_label.setStyleSheet(WARNING_STYLE)
        self.note_label.setVisible(bool(offer.note))
        layout.addWidget(self.note_label)
        self.warning_label = plain_label("", self)
        self.warning_label.setObjectName("trustWarnings")
        layout.addWidget(self.warning_label)
        self.retire_box = QCheckBox(self)
        self.retire_box.setObjectName("retireOld")
        layout.addWidget(self.retire_box)

        self.buttons = QDialogButtonBox(self)
        self.trust_button = self.buttons.addButton(
            self.tr("Tin cậy"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.trust_button.setObjectName("trustAccept")
        cancel = self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        self.trust_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_window(self, "trust", self.sizeHint())
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self._unit_changed()
        cancel.setFocus()

    def unit_code(self) -> str | None:
        code = self.unit_combo.currentData()
        return str(code) if code is not None else None

    def plan(self) -> TrustPlan | None:
        code = self.unit_code()
        return self.offer.plans.get(code) if code is not None else None

    def choose_unit(self, code: str) -> None:
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(code))

    def choice(self) -> TrustChoice | None:
        plan = self.plan()
        if plan is None:
            return None
        retire = bool(plan.current) and self.retire_box.isChecked()
        return TrustChoice(plan.unit.code, retire)

    def accept(self) -> None:
        if self.plan() is not None:
            super().accept()

    def _unit_changed(self, *_args: Any) -> None:
        code = self.unit_code()
        plan = self.plan()
        if code is None:
            self.warning_label.setText(
                self.tr("Hãy chọn đơn vị của người gửi.")
                if self.offer.choices
                else self.tr("Máy này chưa có đơn vị nào báo cáo cho bạn để gắn chứng thư.")
            )
            self.warning_label.setStyleSheet(ERROR_STYLE)
        elif plan is None:
            self.warning_label.setText(self.offer.problems.get(code, ""))
            self.warning_label.setStyleSheet(ERROR_STYLE)
        else:
            self.warning_label.setText("\n".join(plan.warnings))
            self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setVisible(bool(self.warning_label.text()))
        current = plan.current if plan is not None else []
        self.retire_box.setVisible(bool(current))
        if current:
            names = ", ".join(c.common_name or c.fingerprint[:16] for c in current)
            self.retire_box.setText(
                self.tr(
                    "Thôi tin cậy chứng thư cũ của đơn vị này ({0}): chọn khi người gửi đã đổi "
                    "sang khóa mới; gói ký bằng khóa cũ sẽ bị từ chối từ nay."
                ).format(names)
            )
        self.trust_button.setEnabled(plan is not None)
