"""First-start setup: which unit this computer reports for, who the officer is, which language.

Shown by `run_gui` when the database has no officer profile, and (unit pages only) from
Settings when the officer changes unit. The officer picks her level, then her province and
commune from the official list (typing without accents works), or names a group of communes
for a district; then her name and title and the interface language. Finishing writes the
district (if any) and the profile through the registry functions in one transaction, so an
interrupted setup leaves nothing half made. Everything asked here can be changed in Settings.

Keyboard: Enter advances (the default button is always Next or Finish), each page puts the
cursor where the officer types first.

The pages live in `setup_pages`, what finishing writes in `setup_apply`; their public names
are re-exported here, where callers have always imported them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QWidget, QWizard
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.registry.profile import ProfileError, get_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import AdministrativeUnit, OfficerProfile
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE, UnitError, communes_of_province
from htx_desktop.text import clean_text
from htx_desktop.ui.help_viewer import TOPIC_SETUP, bind_help
from htx_desktop.ui.passphrase_dialog import create_officer_key
from htx_desktop.ui.screen_fit import fit_window
from htx_desktop.ui.setup_apply import SetupChoice, apply_setup, apply_unit_change
from htx_desktop.ui.setup_pages import (
    LANGUAGES,
    PAGE_COMMUNE,
    PAGE_DISTRICT,
    PAGE_KEY,
    PAGE_LANGUAGE,
    PAGE_LEVEL,
    PAGE_OFFICER,
    PAGE_PROVINCE,
    PAGE_TOKEN,
    CommunePage,
    DistrictPage,
    LanguagePage,
    LevelPage,
    OfficerPage,
    ProvincePage,
    SetupPage,
    unit_choices,
)
from htx_desktop.ui.token_setup_page import KeyPage, TokenPage
from htx_desktop.ui.token_widget import adopt_certificate
from htx_desktop.ui.unit_picker import UnitChoice

__all__ = [
    "LANGUAGES",
    "PAGE_COMMUNE",
    "PAGE_DISTRICT",
    "PAGE_KEY",
    "PAGE_LANGUAGE",
    "PAGE_LEVEL",
    "PAGE_OFFICER",
    "PAGE_PROVINCE",
    "PAGE_TOKEN",
    "SetupChoice",
    "SetupWizard",
    "apply_setup",
    "apply_unit_change",
    "run_setup_wizard",
]


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
            return unit_choices(list(units))

    def commune_choices(self, province_code: str) -> list[UnitChoice]:
        if province_code not in self._communes_cache:
            with self.db.session() as session:
                units = communes_of_province(session, province_code)
                self._communes_cache[province_code] = unit_choices(units)
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
            if isinstance(page, SetupPage):
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
