"""First-start setup: which unit this computer reports for, who the officer is, which language.

Shown by `run_gui` when the database has no officer profile, and (unit pages only) from
Settings when the officer changes unit. The officer picks her level, then her province and
commune from the official list (typing without accents works), or names a group of communes
for a district; then her name and title and the interface language. Finishing writes the
district (if any) and the profile through the registry functions in one transaction, so an
interrupted setup leaves nothing half made. Everything asked here can be changed in Settings.

Keyboard: Enter advances (the default button is always Next or Finish), each page puts the
cursor where the officer types first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

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
    QWizard,
    QWizardPage,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.registry.profile import ProfileError, create_profile, get_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import AdministrativeUnit, DistrictMember, OfficerProfile
from htx_desktop.storage.units import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    UnitError,
    communes_of_province,
    create_district,
    district_code_for,
)
from htx_desktop.text import clean_text
from htx_desktop.ui.help_viewer import TOPIC_SETUP, bind_help
from htx_desktop.ui.passphrase_dialog import create_officer_key
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.token_setup_page import KeyPage, TokenPage
from htx_desktop.ui.token_widget import adopt_certificate
from htx_desktop.ui.unit_picker import UnitChoice, UnitPicker, unit_sort_key

#: Interface languages offered: (code, name in its own language).
LANGUAGES: tuple[tuple[str, str], ...] = (("vi", "Tiếng Việt"), ("en", "English"))

(PAGE_LEVEL, PAGE_PROVINCE, PAGE_COMMUNE, PAGE_DISTRICT, PAGE_OFFICER, PAGE_LANGUAGE, PAGE_KEY) = (
    range(7)
)
PAGE_TOKEN = 7  # after PAGE_KEY, when she signs with her USB token


def _choices(units: list[AdministrativeUnit]) -> list[UnitChoice]:
    return [
        UnitChoice(u.code, u.name, u.code)
        for u in sorted(units, key=lambda u: unit_sort_key(u.name))
    ]


@dataclass(frozen=True)
class SetupChoice:
    """What the officer chose; `unit_code` is None for a district group still to be made."""

    level: str
    province_code: str
    unit_code: str | None = None
    district_name: str | None = None
    district_communes: tuple[str, ...] = ()
    officer_name: str = ""
    officer_title: str = ""
    language: str = "vi"


def _district_for(session: Session, choice: SetupChoice, current_unit: str | None) -> str:
    """The district group's code: a new group, the same group chosen again (same name and
    communes), or the officer's own group with its communes changed. Another existing group of
    that name is refused rather than silently redefined under someone else's bundles."""
    assert choice.district_name is not None
    name = clean_text(choice.district_name) or ""
    code = district_code_for(name, choice.province_code)
    existing = session.get(AdministrativeUnit, code)
    if existing is None:
        return create_district(session, name, list(choice.district_communes)).code
    members = set(
        session.scalars(
            select(DistrictMember.commune_code).where(DistrictMember.district_code == code)
        )
    )
    wanted = set(choice.district_communes)
    if members == wanted:
        return code
    if code != current_unit:
        raise UnitError(
            f"Đã có cụm/huyện “{existing.name}” với danh sách xã/phường khác. "
            "Hãy đặt tên khác cho cụm/huyện của bạn."
        )
    for member in existing.members:
        if member.commune_code not in wanted:
            session.delete(member)
    for commune in sorted(wanted - members):
        session.add(DistrictMember(district_code=code, commune_code=commune))
    session.flush()
    return code


def apply_setup(db: Database, choice: SetupChoice, *, replace_profile: bool = False) -> str:
    """Create the district group (if any) and the profile in one transaction; returns the unit
    code. Raises ProfileError or UnitError (Vietnamese message) and writes nothing on error."""
    with db.session() as session:
        current = get_profile(session)
        current_unit = current.unit_code if current is not None else None
        code = choice.unit_code
        if choice.level == DISTRICT and code is None:
            code = _district_for(session, choice, current_unit)
        if code is None:
            raise ProfileError("Hãy chọn đơn vị của bạn.")
        profile = create_profile(
            session,
            code,
            choice.officer_name,
            choice.officer_title,
            level=choice.level,
            replace=replace_profile,
        )
        profile.language = choice.language
        return code


def apply_unit_change(db: Database, choice: SetupChoice) -> str:
    """Point the existing profile at another unit, keeping the officer, title and language."""
    with db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise ProfileError("Cơ sở dữ liệu chưa có hồ sơ cán bộ.")
        full = replace(
            choice,
            officer_name=profile.officer_name,
            officer_title=profile.officer_title,
            language=profile.language or "vi",
        )
    return apply_setup(db, full, replace_profile=True)


# --- pages -----------------------------------------------------------------------------------


class _Page(QWizardPage):
    """A page with an error line under its content, cleared whenever the page is entered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.error_label = QLabel()
        self.error_label.setObjectName("setupError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.hide()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error_label)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def wizard_(self) -> SetupWizard:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    def initializePage(self) -> None:
        self.show_error("")


class LevelPage(_Page):
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


class ProvincePage(_Page):
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


class CommunePage(_Page):
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


class DistrictPage(_Page):
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


class OfficerPage(_Page):
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


class LanguagePage(_Page):
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


# --- the wizard ------------------------------------------------------------------------------


class SetupWizard(QWizard):
    """The whole setup (`unit_only=False`) or only the unit pages (changing unit in Settings).

    After `exec()` returns Accepted, the database holds the new profile and `choice` says what
    was chosen; `unit_code` is the profile's unit.
    """

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, unit_only: bool = False
    ) -> None:
        super().__init__(parent)
        bind_help(self, TOPIC_SETUP)
        self.db = db
        self.unit_only = unit_only
        self.choice: SetupChoice | None = None
        self.unit_code: str | None = None
        self.setObjectName("setupWizard")
        self.setWindowTitle(
            self.tr("HTX Desktop — Đổi đơn vị") if unit_only else self.tr("HTX Desktop — Thiết lập")
        )
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Quay lại"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp theo >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))
        fit_window(self, "unit_wizard" if unit_only else "setup_wizard", (640, 520))

        self.initial_province: str | None = None
        self.initial_unit: str | None = None
        self.initial_district_name: str | None = None
        self.initial_district_communes: list[str] = []
        self._communes_cache: dict[str, list[UnitChoice]] = {}

        self.level_page = LevelPage()
        self.province_page = ProvincePage()
        self.commune_page = CommunePage()
        self.district_page = DistrictPage()
        self.officer_page = OfficerPage()
        self.language_page = LanguagePage()
        # Each officer gets her signing key at setup; "later" is allowed and the exchange page
        # then offers to make it.
        self.key_page = KeyPage(next_id=PAGE_LANGUAGE, token_id=PAGE_TOKEN)
        self.token_page = TokenPage(db, next_id=PAGE_LANGUAGE)
        self.key_fingerprint: str | None = None
        self.key_error: str | None = None
        self.setPage(PAGE_LEVEL, self.level_page)
        self.setPage(PAGE_PROVINCE, self.province_page)
        self.setPage(PAGE_COMMUNE, self.commune_page)
        self.setPage(PAGE_DISTRICT, self.district_page)
        if not unit_only:
            self.setPage(PAGE_OFFICER, self.officer_page)
            self.setPage(PAGE_KEY, self.key_page)
            self.setPage(PAGE_TOKEN, self.token_page)
            self.setPage(PAGE_LANGUAGE, self.language_page)
        self.setStartId(PAGE_LEVEL)
        self._load_current_profile()

    # --- data for the pages ----------------------------------------------------------------

    def _load_current_profile(self) -> None:
        """Start from the existing profile when changing unit, so going through the pages
        with Enter keeps what was there."""
        with self.db.session() as session:
            profile = get_profile(session)
            if profile is None:
                return
            self._prefill(session, profile)

    def _prefill(self, session: Session, profile: OfficerProfile) -> None:
        unit = profile.unit
        self.level_page.set_level(unit.level)
        self.initial_province = unit.province_code
        if unit.level == COMMUNE:
            self.initial_unit = unit.code
        elif unit.level == DISTRICT:
            self.initial_district_name = unit.name
            self.initial_district_communes = [m.commune_code for m in unit.members]
        self.officer_page.name_edit.setText(profile.officer_name)
        self.officer_page.title_edit.setText(profile.officer_title)
        index = self.language_page.combo.findData(profile.language or "vi")
        self.language_page.combo.setCurrentIndex(max(index, 0))

    def province_choices(self) -> list[UnitChoice]:
        with self.db.session() as session:
            units = session.scalars(
                select(AdministrativeUnit).where(AdministrativeUnit.level == PROVINCE)
            ).all()
            return _choices(list(units))

    def commune_choices(self, province_code: str) -> list[UnitChoice]:
        if province_code not in self._communes_cache:
            with self.db.session() as session:
                units = communes_of_province(session, province_code)
                self._communes_cache[province_code] = _choices(units)
        return self._communes_cache[province_code]

    def after_unit_id(self) -> int:
        return -1 if self.unit_only else PAGE_OFFICER

    # --- result ----------------------------------------------------------------------------

    def current_choice(self) -> SetupChoice:
        level = self.level_page.level()
        province = self.province_page.picker.current_code() or ""
        unit_code: str | None = None
        name: str | None = None
        communes: tuple[str, ...] = ()
        if level == COMMUNE:
            unit_code = self.commune_page.picker.current_code()
        elif level == DISTRICT:
            name = clean_text(self.district_page.name_edit.text())
            communes = tuple(self.district_page.picker.checked_codes())
        else:
            unit_code = province
        return SetupChoice(
            level=level,
            province_code=province,
            unit_code=unit_code,
            district_name=name,
            district_communes=communes,
            officer_name=clean_text(self.officer_page.name_edit.text()) or "",
            officer_title=clean_text(self.officer_page.title_edit.text()) or "",
            language=self.language_page.language(),
        )

    def unit_description(self) -> str:
        choice = self.current_choice()
        province = self.province_page.picker.current_unit()
        province_name = province.name if province else ""
        if choice.level == COMMUNE:
            commune = self.commune_page.picker.current_unit()
            return f"{commune.name if commune else ''}, {province_name}"
        if choice.level == DISTRICT:
            return self.tr("{0} ({1} xã/phường), {2}").format(
                choice.district_name or "", len(choice.district_communes), province_name
            )
        return province_name

    def summary_html(self) -> str:
        """What Finish will write, for a last look (the officer's name as she typed it)."""
        choice = self.current_choice()
        intro = self.tr("Sẽ thiết lập:")
        unit = self.tr("Đơn vị")
        officer = self.tr("Cán bộ")
        finish = self.tr("Nhấn “Hoàn tất” để bắt đầu sử dụng.")
        return (
            f"<p>{escape(intro)}</p><ul>"
            f"<li>{escape(unit)}: <b>{escape(self.unit_description())}</b></li>"
            f"<li>{escape(officer)}: <b>{escape(choice.officer_name)}</b>"
            f" — {escape(choice.officer_title)}</li></ul>"
            f"<p>{escape(finish)}</p>"
        )

    def validateCurrentPage(self) -> bool:
        """On the last page, write everything; an error stays on the page, nothing written."""
        if not super().validateCurrentPage():
            return False
        if self.nextId() != -1:
            return True
        page = self.currentPage()
        choice = self.current_choice()
        try:
            if self.unit_only:
                code = apply_unit_change(self.db, choice)
            else:
                code = apply_setup(self.db, choice)
        except (ProfileError, UnitError) as exc:
            if isinstance(page, _Page):
                page.show_error(str(exc))
            return False
        self.choice = choice
        self.unit_code = code
        if not self.unit_only and self.key_page.wants_key():
            # The profile is saved already: a key that cannot be made is reported afterwards
            # and made later from the exchange page, never a reason to lose the setup.
            try:
                self.key_fingerprint = create_officer_key(
                    self.db, self.key_page.passphrase()
                ).fingerprint
            except ExchangeError as exc:
                self.key_error = str(exc)
            except OSError:
                self.key_error = self.tr(
                    "Không tạo được khóa ký; hãy tạo lại ở trang Xuất/Nhập dữ liệu."
                )
            self.key_page.fields.clear()
        ref = self.token_page.chosen_ref()
        if not self.unit_only and self.key_page.uses_token() and ref is not None:
            try:
                self.key_fingerprint = adopt_certificate(self.db, ref)
            except ExchangeError as exc:
                self.key_error = str(exc)
        return True


def run_setup_wizard(db: Database, parent: QWidget | None = None) -> SetupChoice | None:
    """Show the full setup; the choice once the profile is written, None if cancelled."""
    wizard = SetupWizard(db, parent)
    if wizard.exec() != QWizard.DialogCode.Accepted:
        return None
    return wizard.choice
