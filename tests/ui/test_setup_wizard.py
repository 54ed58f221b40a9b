"""The setup wizard, driven as an officer drives it: keyboard first, Vietnamese typed through
the input method, the result read back from the database."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from vn_typing import type_text

from htx_desktop.exchange.keys import active_credential
from htx_desktop.registry.profile import get_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import AdministrativeUnit, DistrictMember, OfficerProfile
from htx_desktop.storage.units import create_district, district_code_for
from htx_desktop.ui.setup_wizard import (
    PAGE_COMMUNE,
    PAGE_DISTRICT,
    PAGE_KEY,
    PAGE_LANGUAGE,
    PAGE_LEVEL,
    PAGE_OFFICER,
    PAGE_PROVINCE,
    SetupWizard,
)
from htx_desktop.ui.unit_picker import CODE_ROLE

NAME = "Nguyễn Thị Hoa"
TITLE = "Chủ tịch Hội LHPN xã"
PASSPHRASE = "Hoa sen nở rộ 2026"


def open_wizard(qtbot: QtBot, db: Database, **kwargs: object) -> SetupWizard:
    wizard = SetupWizard(db, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def enter(qtbot: QtBot) -> None:
    """Enter where the cursor is, as the officer presses it."""
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def listed(picker_view: object) -> list[str]:
    model = picker_view.model()  # type: ignore[attr-defined]
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def next_button(wizard: SetupWizard) -> QPushButton:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert isinstance(button, QPushButton)
    return button


def key_later(wizard: SetupWizard, qtbot: QtBot) -> None:
    """She leaves the signing key for later (the exchange page offers it again)."""
    assert wizard.currentId() == PAGE_KEY
    assert wizard.key_page.later_box is not None
    wizard.key_page.later_box.setFocus()
    qtbot.keyClick(wizard.key_page.later_box, Qt.Key.Key_Space)  # tick "later" by keyboard
    assert wizard.key_page.later_box.isChecked()
    enter(qtbot)


def profile_of(db: Database) -> OfficerProfile:
    with db.session() as session:
        profile = get_profile(session)
        assert profile is not None
        session.expunge(profile)
        return profile


def test_commune_officer_sets_up_with_the_keyboard(qtbot: QtBot, empty_db: Database) -> None:
    wizard = open_wizard(qtbot, empty_db)
    assert wizard.currentId() == PAGE_LEVEL
    assert focused() is wizard.level_page.radios["commune"]  # xã/phường is the default

    enter(qtbot)
    assert wizard.currentId() == PAGE_PROVINCE
    assert focused() is wizard.province_page.picker.filter_edit
    assert not next_button(wizard).isEnabled()  # nothing chosen: Enter by habit does nothing
    qtbot.keyClicks(focused(), "quang ngai")
    assert listed(wizard.province_page.picker.view) == ["Quảng Ngãi (51)"]
    enter(qtbot)

    assert wizard.currentId() == PAGE_COMMUNE
    picker = wizard.commune_page.picker
    assert focused() is picker.filter_edit
    assert picker.model.rowCount() == 96  # the province's communes, nothing else
    qtbot.keyClicks(focused(), "tinh khe")  # no accents, lower case
    assert listed(picker.view) == ["Xã Tịnh Khê (21211)"]
    assert picker.current_code() == "21211"
    enter(qtbot)

    assert wizard.currentId() == PAGE_OFFICER
    assert focused() is wizard.officer_page.name_edit
    assert not next_button(wizard).isEnabled()  # name and title are required
    decomposed = unicodedata.normalize("NFD", NAME)
    type_text(wizard.officer_page.name_edit, f"  {decomposed}  ")
    assert not next_button(wizard).isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is wizard.officer_page.title_edit
    type_text(focused(), TITLE)
    assert next_button(wizard).isEnabled()
    enter(qtbot)

    # Her signing key: a passphrase typed twice (Vietnamese letters allowed).
    assert wizard.currentId() == PAGE_KEY
    assert not next_button(wizard).isEnabled()
    type_text(wizard.key_page.fields.passphrase_edit, PASSPHRASE)
    type_text(wizard.key_page.fields.confirm_edit, PASSPHRASE)
    assert next_button(wizard).isEnabled()
    enter(qtbot)

    assert wizard.currentId() == PAGE_LANGUAGE
    summary = wizard.language_page.summary.text()
    assert "Xã Tịnh Khê, Quảng Ngãi" in summary and NAME in summary
    enter(qtbot)  # Finish

    assert wizard.result() == QWizard.DialogCode.Accepted
    profile = profile_of(empty_db)
    assert profile.unit_code == "21211"
    assert profile.level == "commune"
    assert profile.officer_name == NAME  # NFC, trimmed
    assert unicodedata.is_normalized("NFC", profile.officer_name)
    assert profile.officer_title == TITLE
    assert profile.language == "vi"
    assert wizard.unit_code == "21211"
    with empty_db.session() as session:
        credential = active_credential(session)
        assert credential.fingerprint == wizard.key_fingerprint
        assert credential.unit_code == "21211"
    assert wizard.key_page.passphrase() == ""  # not left lying in the widget


def test_district_officer_names_her_group_and_ticks_its_communes(
    qtbot: QtBot, empty_db: Database
) -> None:
    wizard = open_wizard(qtbot, empty_db)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # radio buttons: arrows move the choice
    assert wizard.level_page.level() == "district"
    enter(qtbot)
    qtbot.keyClicks(focused(), "quang ngai")
    enter(qtbot)

    assert wizard.currentId() == PAGE_DISTRICT
    page = wizard.district_page
    assert focused() is page.name_edit
    type_text(page.name_edit, "Huyện Sơn Tịnh cũ")
    assert not next_button(wizard).isEnabled()  # no commune ticked yet
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.picker.filter_edit
    qtbot.keyClicks(focused(), "tinh khe")
    qtbot.keyClick(focused(), Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "an phu")
    assert page.picker.current_code() == "21034"
    qtbot.keyClick(focused(), Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    # The ticks survive a change of filter.
    page.picker.filter_edit.clear()
    assert page.picker.checked_codes() == ["21034", "21211"]  # list order: An Phú, Tịnh Khê
    assert next_button(wizard).isEnabled()
    enter(qtbot)

    assert wizard.currentId() == PAGE_OFFICER
    type_text(wizard.officer_page.name_edit, NAME)
    type_text(wizard.officer_page.title_edit, "Chủ tịch Hội LHPN huyện")
    enter(qtbot)
    key_later(wizard, qtbot)
    combo = wizard.language_page.combo
    assert focused() is combo
    combo.setCurrentIndex(combo.findData("en"))
    enter(qtbot)

    assert wizard.result() == QWizard.DialogCode.Accepted
    code = district_code_for("Huyện Sơn Tịnh cũ", "51")
    profile = profile_of(empty_db)
    assert (profile.unit_code, profile.level, profile.language) == (code, "district", "en")
    with empty_db.session() as session:
        district = session.get(AdministrativeUnit, code)
        assert district is not None and district.name == "Huyện Sơn Tịnh cũ"
        members = session.scalars(
            select(DistrictMember.commune_code).where(DistrictMember.district_code == code)
        ).all()
        assert sorted(members) == ["21034", "21211"]


def test_province_officer_goes_from_province_to_officer(qtbot: QtBot, empty_db: Database) -> None:
    wizard = open_wizard(qtbot, empty_db)
    wizard.level_page.radios["province"].click()
    next_button(wizard).click()
    qtbot.keyClicks(focused(), "quang ngai")
    enter(qtbot)
    assert wizard.currentId() == PAGE_OFFICER
    type_text(wizard.officer_page.name_edit, NAME)
    type_text(wizard.officer_page.title_edit, "Chủ tịch Hội LHPN tỉnh")
    enter(qtbot)
    key_later(wizard, qtbot)
    enter(qtbot)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert (profile_of(empty_db).unit_code, profile_of(empty_db).level) == ("51", "province")


def test_whitespace_is_not_a_name(qtbot: QtBot, empty_db: Database) -> None:
    wizard = open_wizard(qtbot, empty_db)
    wizard.setStartId(PAGE_LEVEL)
    enter(qtbot)
    qtbot.keyClicks(focused(), "quang ngai")
    enter(qtbot)
    qtbot.keyClicks(focused(), "tinh khe")
    enter(qtbot)
    qtbot.keyClicks(wizard.officer_page.name_edit, "   ")
    qtbot.keyClicks(wizard.officer_page.title_edit, "Chu tich")
    assert not next_button(wizard).isEnabled()


def test_cancel_writes_nothing(qtbot: QtBot, empty_db: Database) -> None:
    wizard = open_wizard(qtbot, empty_db)
    enter(qtbot)
    qtbot.keyClicks(focused(), "quang ngai")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected
    with empty_db.session() as session:
        assert get_profile(session) is None
        count = session.scalar(
            select(func.count())
            .select_from(AdministrativeUnit)
            .where(AdministrativeUnit.level == "district")
        )
        assert count == 0


def test_a_group_name_taken_by_other_communes_is_refused_on_the_page(
    qtbot: QtBot, empty_db: Database
) -> None:
    with empty_db.session() as session:
        create_district(session, "Cụm Bắc", ["21211"])
    wizard = open_wizard(qtbot, empty_db)
    wizard.level_page.set_level("district")
    enter(qtbot)
    qtbot.keyClicks(focused(), "quang ngai")
    enter(qtbot)
    type_text(wizard.district_page.name_edit, "Cụm Bắc")
    picker = wizard.district_page.picker
    picker.set_checked(["21034"])
    enter(qtbot)
    type_text(wizard.officer_page.name_edit, NAME)
    type_text(wizard.officer_page.title_edit, TITLE)
    enter(qtbot)
    key_later(wizard, qtbot)
    enter(qtbot)  # Finish: refused, the wizard stays open with the reason on the page
    assert wizard.isVisible()
    assert wizard.currentId() == PAGE_LANGUAGE
    error = wizard.language_page.error_label
    assert error.isVisible() and "Cụm Bắc" in error.text() and "tên khác" in error.text()
    with empty_db.session() as session:
        assert get_profile(session) is None  # one transaction: nothing half written


def test_filter_matches_every_word_in_any_order_without_accents(
    qtbot: QtBot, empty_db: Database
) -> None:
    wizard = open_wizard(qtbot, empty_db)
    enter(qtbot)
    picker = wizard.province_page.picker
    qtbot.keyClicks(picker.filter_edit, "NGAI quang")
    assert listed(picker.view) == ["Quảng Ngãi (51)"]
    picker.filter_edit.clear()
    assert picker.current_code() == "51"  # the choice stays when the filter is cleared
    qtbot.keyClicks(picker.filter_edit, "khong co tinh nay")
    assert listed(picker.view) == [] and picker.current_code() is None
    assert "0/34" in picker.count_label.text()


@pytest.fixture
def commune_profile(empty_db: Database) -> Database:
    from htx_desktop.registry.profile import create_profile

    with empty_db.session() as session:
        profile = create_profile(session, "21211", NAME, TITLE)
        profile.language = "en"
    return empty_db


def test_unit_only_wizard_changes_the_unit_and_keeps_the_officer(
    qtbot: QtBot, commune_profile: Database
) -> None:
    wizard = open_wizard(qtbot, commune_profile, unit_only=True)
    assert wizard.level_page.level() == "commune"
    enter(qtbot)
    assert wizard.province_page.picker.current_code() == "51"  # starts from the current unit
    enter(qtbot)
    picker = wizard.commune_page.picker
    assert picker.current_code() == "21211"
    qtbot.keyClicks(picker.filter_edit, "an phu")
    enter(qtbot)  # the commune page is the last one here: Finish
    assert wizard.result() == QWizard.DialogCode.Accepted
    profile = profile_of(commune_profile)
    assert profile.unit_code == "21034"
    assert (profile.officer_name, profile.officer_title, profile.language) == (NAME, TITLE, "en")


def test_picker_rows_carry_their_codes(qtbot: QtBot, empty_db: Database) -> None:
    wizard = open_wizard(qtbot, empty_db)
    enter(qtbot)
    model = wizard.province_page.picker.model
    codes = [model.index(r, 0).data(CODE_ROLE) for r in range(model.rowCount())]
    assert len(codes) == 34 and len(set(codes)) == 34
    names: Callable[[int], str] = lambda r: model.index(r, 0).data()  # noqa: E731
    # Sorted by name without accents: An Giang first.
    assert names(0) == "An Giang (91)"
