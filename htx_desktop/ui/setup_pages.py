"""The setup wizard's pages: level, province, commune, district group, officer, language.

Each page puts the cursor where the officer types first and says what is wrong on its own error
line; the choices they offer (provinces, communes) come from the wizard, which caches them.
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE
from htx_desktop.text import clean_text
from htx_desktop.ui.unit_picker import UnitChoice, UnitPicker, unit_sort_key

#: Interface languages offered: (code, name in its own language).
LANGUAGES: tuple[tuple[str, str], ...] = (("vi", "Tiếng Việt"), ("en", "English"))

(PAGE_LEVEL, PAGE_PROVINCE, PAGE_COMMUNE, PAGE_DISTRICT, PAGE_OFFICER, PAGE_LANGUAGE, PAGE_KEY) = (
    range(7)
)
PAGE_TOKEN = 7  # after PAGE_KEY, when she signs with her USB token


def unit_choices(units: list[AdministrativeUnit]) -> list[UnitChoice]:
    return [
        UnitChoice(u.code, u.name, u.code)
        for u in sorted(units, key=lambda u: unit_sort_key(u.name))
    ]


# --- pages -----------------------------------------------------------------------------------


class SetupPage(QWizardPage):
    """A page with an error line under its content, cleared whenever the page is entered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setObjectName("setupError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.hide()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error_label)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def wizard_(self) -> SetupHost:
        """The `SetupWizard` holding the page (named by what the pages use of it, so that this
        module does not import the wizard's, which imports this one)."""
        return cast("SetupHost", self.wizard())

    def initializePage(self) -> None:
        self.show_error("")


class LevelPage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelPage")
        self.setTitle(self.tr("Đơn vị của bạn ở cấp nào?"))
        self.setSubTitle(
            self.tr(
                "Chào mừng đến với HTX Desktop. Vài bước sau đây thiết lập đơn vị và người sử "
                "dụng máy này; mọi thông tin đều có thể đổi lại trong Cài đặt."
            )
        )
        self.buttons = QButtonGroup(self)
        options = (
            (COMMUNE, self.tr("Xã / phường"), self.tr("Hội LHPN xã, phường, đặc khu")),
            (
                DISTRICT,
                self.tr("Cụm xã / huyện"),
                self.tr("Một nhóm xã/phường do bạn đặt tên (ví dụ một huyện cũ)"),
            ),
            (PROVINCE, self.tr("Tỉnh / thành phố"), self.tr("Hội LHPN tỉnh, thành phố")),
        )
        self.radios: dict[str, QRadioButton] = {}
        for level, label, hint in options:
            radio = QRadioButton(label)
            radio.setObjectName(f"level_{level}")
            self.buttons.addButton(radio)
            self.radios[level] = radio
            note = QLabel(hint)
            note.setContentsMargins(24, 0, 0, 8)
            note.setStyleSheet("color: palette(placeholder-text);")
            self.layout_.addWidget(radio)
            self.layout_.addWidget(note)
        self.radios[COMMUNE].setChecked(True)
        self.layout_.addStretch(1)
        self.finish_layout()

    def level(self) -> str:
        return next(level for level, radio in self.radios.items() if radio.isChecked())

    def set_level(self, level: str) -> None:
        self.radios[level].setChecked(True)

    def initializePage(self) -> None:
        super().initializePage()
        self.radios[self.level()].setFocus(Qt.FocusReason.OtherFocusReason)

    def nextId(self) -> int:
        return PAGE_PROVINCE


class ProvincePage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("provincePage")
        self.setTitle(self.tr("Tỉnh / thành phố"))
        self.setSubTitle(
            self.tr("Gõ vài chữ của tên tỉnh (không cần dấu), rồi chọn trong danh sách.")
        )
        self.picker = UnitPicker(placeholder=self.tr("Tìm tỉnh, ví dụ: quang ngai"))
        self.picker.setObjectName("provincePicker")
        self.picker.current_changed.connect(lambda _code: self.completeChanged.emit())
        self.layout_.addWidget(self.picker, 1)
        self.finish_layout()

    def initializePage(self) -> None:
        super().initializePage()
        wizard = self.wizard_()
        if not self.picker.model.all_units():
            self.picker.set_units(wizard.province_choices(), current=wizard.initial_province)
        self.picker.focus_filter()

    def isComplete(self) -> bool:
        return self.picker.current_code() is not None

    def nextId(self) -> int:
        wizard = self.wizard_()
        level = wizard.level_page.level()
        if level == COMMUNE:
            return PAGE_COMMUNE
        if level == DISTRICT:
            return PAGE_DISTRICT
        return wizard.after_unit_id()


class CommunePage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("communePage")
        self.setTitle(self.tr("Xã / phường"))
        self.setSubTitle(
            self.tr("Gõ tên xã/phường không cần dấu, ví dụ “tinh khe”, rồi nhấn Enter.")
        )
        self.picker = UnitPicker(placeholder=self.tr("Tìm xã/phường"))
        self.picker.setObjectName("communePicker")
        self.picker.current_changed.connect(lambda _code: self.completeChanged.emit())
        self.layout_.addWidget(self.picker, 1)
        self.finish_layout()
        self._province: str | None = None

    def initializePage(self) -> None:
        super().initializePage()
        wizard = self.wizard_()
        province = wizard.province_page.picker.current_code()
        if province != self._province:
            self._province = province
            self.picker.filter_edit.clear()
            self.picker.set_units(
                wizard.commune_choices(province or ""), current=wizard.initial_unit
            )
        self.picker.focus_filter()

    def isComplete(self) -> bool:
        return self.picker.current_code() is not None

    def nextId(self) -> int:
        return self.wizard_().after_unit_id()


class DistrictPage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("districtPage")
        self.setTitle(self.tr("Cụm xã / huyện"))
        self.setSubTitle(
            self.tr(
                "Đặt tên cho cụm (ví dụ “Huyện Sơn Tịnh cũ”) và đánh dấu các xã/phường thuộc "
                "cụm. Space đánh dấu xã đang chọn trong danh sách, Ctrl+Space khi đang gõ tìm."
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("districtName")
        self.name_edit.setPlaceholderText(self.tr("Tên cụm/huyện"))
        form.addRow(self.tr("Tên cụm/huyện:"), self.name_edit)
        self.layout_.addLayout(form)
        self.picker = UnitPicker(checkable=True, placeholder=self.tr("Tìm xã/phường"))
        self.picker.setObjectName("districtCommunes")
        self.layout_.addWidget(self.picker, 1)
        self.finish_layout()
        self.name_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.picker.checked_changed.connect(self.completeChanged)
        self._province: str | None = None

    def initializePage(self) -> None:
        super().initializePage()
        wizard = self.wizard_()
        province = wizard.province_page.picker.current_code()
        if province != self._province:
            self._province = province
            self.picker.filter_edit.clear()
            self.picker.set_units(wizard.commune_choices(province or ""))
            self.picker.set_checked(wizard.initial_district_communes)
            if wizard.initial_district_name and not self.name_edit.text():
                self.name_edit.setText(wizard.initial_district_name)
        (self.picker.filter_edit if self.name_edit.text() else self.name_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def isComplete(self) -> bool:
        return bool(clean_text(self.name_edit.text())) and bool(self.picker.checked_codes())

    def nextId(self) -> int:
        return self.wizard_().after_unit_id()


class OfficerPage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officerPage")
        self.setTitle(self.tr("Cán bộ sử dụng máy"))
        self.setSubTitle(
            self.tr("Họ tên và chức vụ được in ở phần ký tên của báo cáo và gói dữ liệu.")
        )
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("officerName")
        self.name_edit.setPlaceholderText(self.tr("Ví dụ: Nguyễn Thị Hoa"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("officerTitle")
        self.title_edit.setPlaceholderText(self.tr("Ví dụ: Chủ tịch Hội LHPN xã"))
        form.addRow(self.tr("Họ và tên:"), self.name_edit)
        form.addRow(self.tr("Chức vụ:"), self.title_edit)
        self.layout_.addLayout(form)
        self.layout_.addStretch(1)
        self.finish_layout()
        self.name_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.title_edit.textChanged.connect(lambda _text: self.completeChanged.emit())

    def initializePage(self) -> None:
        super().initializePage()
        first_empty = self.title_edit if self.name_edit.text() else self.name_edit
        first_empty.setFocus(Qt.FocusReason.OtherFocusReason)

    def isComplete(self) -> bool:
        return bool(clean_text(self.name_edit.text())) and bool(clean_text(self.title_edit.text()))

    def nextId(self) -> int:
        return PAGE_KEY


class LanguagePage(SetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languagePage")
        self.setTitle(self.tr("Ngôn ngữ giao diện"))
        self.setSubTitle(self.tr("Có thể đổi lại trong Cài đặt."))
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("languageCombo")
        for code, name in LANGUAGES:
            self.combo.addItem(name, code)
        form.addRow(self.tr("Ngôn ngữ:"), self.combo)
        self.layout_.addLayout(form)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("setupSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setContentsMargins(0, 16, 0, 0)
        self.layout_.addWidget(self.summary)
        self.layout_.addStretch(1)
        self.finish_layout()

    def language(self) -> str:
        return str(self.combo.currentData())

    def initializePage(self) -> None:
        super().initializePage()
        self.summary.setText(self.wizard_().summary_html())
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def nextId(self) -> int:
        return -1


class SetupHost(Protocol):
    """What the pages ask of the wizard they are on (`setup_wizard.SetupWizard`)."""

    level_page: LevelPage
    province_page: ProvincePage
    initial_province: str | None
    initial_unit: str | None
    initial_district_name: str | None
    initial_district_communes: list[str]

    def province_choices(self) -> list[UnitChoice]: ...

    def commune_choices(self, province_code: str) -> list[UnitChoice]: ...

    def after_unit_id(self) -> int: ...

    def summary_html(self) -> str: ...
