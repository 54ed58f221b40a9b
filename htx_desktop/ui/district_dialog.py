"""Tạo cụm/huyện: a province officer defines a district group before trusting its certificate.

A district's certificate can only be trusted for a district this database has: what its
bundles may write is decided by the communes the province officer places in it here, never
by the list the district sends. When the certificate names a district not created yet, the
trust flow (`ui.trust_dialog.trust_flow`) offers this dialog first: the name (prefilled from
the certificate, which is only a suggestion) and the communes, ticked by her.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from htx_desktop.text import clean_text
from htx_desktop.ui.plain import plain_label
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.unit_picker import UnitChoice, UnitPicker


class DistrictDialog(QDialog):
    def __init__(
        self,
        code: str,
        suggested_name: str,
        communes: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("districtDialog")
        self.setWindowTitle(self.tr("Tạo cụm/huyện"))
        self.setMinimumSize(520, 480)
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Chứng thư ghi cụm/huyện mã {0}, máy này chưa có. Gói của cụm/huyện chỉ được "
                "ghi dữ liệu của các xã bạn đánh dấu dưới đây: hãy đánh dấu đúng các xã thuộc "
                "cụm (hỏi cán bộ cụm/huyện nếu cần)."
            ).format(code),
            self,
        )
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("newDistrictName")
        self.name_edit.setText(suggested_name)
        form.addRow(self.tr("Tên cụm/huyện:"), self.name_edit)
        layout.addLayout(form)
        self.picker = UnitPicker(checkable=True, placeholder=self.tr("Tìm xã/phường"))
        self.picker.setObjectName("newDistrictCommunes")
        self.picker.set_units([UnitChoice(c, name, c) for c, name in communes])
        layout.addWidget(self.picker, 1)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Tạo cụm/huyện"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_window(self, "district", self.sizeHint())
        self.name_edit.textChanged.connect(self._update)
        self.picker.checked_changed.connect(self._update)
        self._update()

    def result_value(self) -> tuple[str, list[str]] | None:
        name = clean_text(self.name_edit.text())
        codes = self.picker.checked_codes()
        return (name, codes) if name and codes else None

    def accept(self) -> None:
        if self.result_value() is not None:
            super().accept()

    def _update(self, *_args: object) -> None:
        self.ok_button.setEnabled(self.result_value() is not None)
