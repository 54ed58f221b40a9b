"""An officer sets up her USB token in Settings and exports from the GUI, never touching the
command line: she points at the token's driver, finds the token, reads her certificate (a
name with markup in it is shown as typed, never rendered), chooses it, and the export then
asks for the token's PIN instead of a passphrase. Real widgets and a real SoftHSM token; the
PIN and file choices come from scripted hooks, so no modal dialog blocks a run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot
from softhsm_token import USER_PIN, Authority, SoftToken, add_officer, now_utc
from sqlalchemy import select

from htx_desktop.demo import fill_demo
from htx_desktop.exchange.keys import pretty_fingerprint
from htx_desktop.exchange.token import TokenRef, is_token_reference
from htx_desktop.exchange.verification import verify_bundle
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import OfficerCredential
from htx_desktop.ui.confirm import ScriptedInteraction
from htx_desktop.ui.context import AppContext, load_scope
from htx_desktop.ui.export_dialog import ExportDialog
from htx_desktop.ui.pages.settings_page import SettingsPage
from htx_desktop.ui.passphrase_dialog import ScriptedPrompts
from htx_desktop.ui.pin_dialog import PinDialog
from htx_desktop.ui.setup_wizard import PAGE_KEY, PAGE_LANGUAGE, PAGE_TOKEN, SetupWizard
from htx_desktop.ui.tasks import TaskRunner
from htx_desktop.ui.token_widget import TokenWidget, adopt_certificate

MARKUP_NAME = "<b>Lan</b> Nguyễn Thị"
PERIOD = "2025-H1"
SHOTS = Path("/tmp/htx-token-shots")


@pytest.fixture(scope="module")
def marked_token(token: SoftToken, ca: tuple[Authority, Authority]) -> SoftToken:
    """The session's token, plus a certificate whose name carries HTML (a CA copies what it
    is given into the subject; the screen must show it literally)."""
    if "markup" not in token.ids:
        now = now_utc()
        add_officer(token, "markup", ca[1], MARKUP_NAME, "21211",
                    not_before=now - timedelta(days=10), not_after=now + timedelta(days=365))
    return token


@pytest.fixture
def officer_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "xa" / "htx.sqlite3")
    with db.session() as session:
        create_profile(session, "21211", "Nguyễn Thị Lan", "Chủ tịch Hội LHPN xã")
        fill_demo(session, "21211", seed=1)
    yield db
    db.close()


@pytest.fixture
def ctx(officer_db: Database) -> Iterator[AppContext]:
    scope = load_scope(officer_db)
    assert scope is not None
    runner = TaskRunner()
    context = AppContext(officer_db, scope, runner)
    context.interaction = ScriptedInteraction(())  # type: ignore[attr-defined]
    yield context
    runner.wait()


def scripted(ctx: AppContext, **answers: object) -> ScriptedPrompts:
    hooks = ScriptedPrompts(**answers)  # type: ignore[arg-type]
    ctx.prompts = hooks  # type: ignore[attr-defined]
    return hooks


def credentials(db: Database) -> list[tuple[str, bool, str]]:
    with db.session() as session:
        return [(c.fingerprint, c.active, c.key_file)
                for c in session.scalars(select(OfficerCredential))]


def find(qtbot: QtBot, widget: TokenWidget) -> None:
    with qtbot.waitSignal(widget.settled, timeout=20_000):
        qtbot.mouseClick(widget.find_button, Qt.MouseButton.LeftButton)
        assert widget.busy and not widget.busy_bar.isHidden()
        assert not widget.find_button.isEnabled()
    assert not widget.busy and widget.busy_bar.isHidden()


def test_she_chooses_her_token_certificate_in_settings(
    qtbot: QtBot, ctx: AppContext, marked_token: SoftToken, officer_db: Database
) -> None:
    token = marked_token
    hooks = scripted(ctx, file=[Path(token.module)])
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 1400)
    page.show()
    widget = page.token_widget
    page.refresh()
    qtbot.waitUntil(lambda: "chưa có khóa ký" in widget.active_label.text(), timeout=10_000)

    # She points at the token's driver file, then asks for her token.
    qtbot.mouseClick(widget.browse_button, Qt.MouseButton.LeftButton)
    assert hooks.asked == [("open_file", "Chọn trình điều khiển USB token")]
    assert widget.module() == token.module
    find(qtbot, widget)
    tokens = [widget.token_combo.itemText(i) for i in range(widget.token_combo.count())]
    assert tokens == [f"{token.label} — số sê-ri {token.serial} — SoftHSM project"]

    # Her certificates, not the CA's that came on the token with them.
    listed = [widget.cert_list.item(i).text() for i in range(widget.cert_list.count())]
    assert any(text.startswith("Nguyễn Thị Lan — hiệu lực đến") for text in listed)
    assert not any("CA trung gian" in text for text in listed)
    row = next(i for i, text in enumerate(listed) if text.startswith(MARKUP_NAME))
    widget.cert_list.setCurrentRow(row)
    details = widget.details.text()
    cert = token.certs["markup"]
    assert widget.details.textFormat() == Qt.TextFormat.PlainText
    assert f"Họ tên: {MARKUP_NAME}\n" in details  # the markup is shown as typed
    assert f"Số sê-ri: {cert.serial_number:X}" in details
    assert "Cấp bởi: " in details and "CA trung gian thử nghiệm" in details
    from htx_desktop.exchange.keys import certificate_info

    fingerprint = certificate_info(cert).fingerprint
    assert details.endswith(f"Dấu vân tay: {pretty_fingerprint(fingerprint)}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # the details grew: let the layout settle before the picture
    page.grab().save(str(SHOTS / "settings-token.png"))

    # She chooses it: from now on bundles are signed on the token.
    with qtbot.waitSignal(widget.adopted, timeout=20_000) as adopted:
        qtbot.mouseClick(widget.adopt_button, Qt.MouseButton.LeftButton)
    assert adopted.args == [fingerprint]
    assert widget.message.text().startswith("Đã chọn. Từ nay gói dữ liệu được ký bằng chứng thư")
    [(stored, active, key_file)] = credentials(officer_db)
    assert (stored, active) == (fingerprint, True)
    assert TokenRef.from_uri(key_file).cert_id == token.ids["markup"]
    qtbot.waitUntil(lambda: "Đang ký bằng: USB token" in widget.active_label.text(),
                    timeout=10_000)
    assert widget.active_label.textFormat() == Qt.TextFormat.PlainText
    assert widget.active_label.text().startswith(
        f"Đang ký bằng: USB token “{token.label}”, chứng thư của {MARKUP_NAME}, hiệu lực đến"
    )
    qtbot.wait(100)
    page.grab().save(str(SHOTS / "settings-token-chosen.png"))


def test_an_expired_certificate_is_refused_with_a_reason(
    qtbot: QtBot, ctx: AppContext, marked_token: SoftToken, officer_db: Database
) -> None:
    widget = TokenWidget(ctx.db, ctx.runner, ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_module(marked_token.module)
    find(qtbot, widget)
    listed = [widget.cert_list.item(i).text() for i in range(widget.cert_list.count())]
    widget.cert_list.setCurrentRow(
        next(i for i, text in enumerate(listed) if text.startswith("Nguyễn Thị Lan (cũ)")))
    with qtbot.waitSignal(widget.settled, timeout=20_000):
        qtbot.mouseClick(widget.adopt_button, Qt.MouseButton.LeftButton)
    assert "đã hết hạn" in widget.message.text() and widget.message.isVisible()
    assert credentials(officer_db) == []


def test_a_driver_file_that_is_not_there_is_said_in_vietnamese(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    missing = tmp_path / "khong-co" / "eTPKCS11.dll"
    scripted(ctx, file=[missing])
    widget = TokenWidget(ctx.db, ctx.runner, ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.mouseClick(widget.browse_button, Qt.MouseButton.LeftButton)
    assert widget.module() == str(missing)
    find(qtbot, widget)
    assert widget.message.text().startswith(
        f"Không thấy tệp trình điều khiển thiết bị ký số {missing}. Hãy cài phần mềm"
    )
    assert widget.token_combo.count() == 0 and not widget.adopt_button.isEnabled()


def test_without_any_driver_she_is_told_to_choose_the_file(
    qtbot: QtBot, ctx: AppContext
) -> None:
    widget = TokenWidget(ctx.db, ctx.runner, ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.module_combo.clear()  # a computer where no token software is installed yet
    find_clicked = qtbot.waitSignal(widget.settled, timeout=5_000)
    with find_clicked:
        qtbot.mouseClick(widget.find_button, Qt.MouseButton.LeftButton)
    assert widget.message.text().startswith("Hãy chọn tệp trình điều khiển của USB token")


@pytest.fixture
def token_officer(ctx: AppContext, marked_token: SoftToken) -> AppContext:
    adopt_certificate(ctx.db, TokenRef(marked_token.module, marked_token.serial,
                                       marked_token.ids["lan"], marked_token.label))
    return ctx


def test_export_from_the_gui_asks_the_token_pin(
    qtbot: QtBot, token_officer: AppContext, marked_token: SoftToken, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    ctx = token_officer
    out = tmp_path / "usb"
    out.mkdir()
    # A wrong PIN first: asked again, saying the token counts the tries; then the right one.
    hooks = scripted(ctx, pins=["999999", USER_PIN], folders=[out])
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData(PERIOD))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _ in hooks.asked] == ["folder", "pin", "pin"]
    assert hooks.asked[1] == ("pin", "Mã PIN của USB token")
    assert hooks.asked[2][1].startswith("Mã PIN của USB token không đúng. Hãy nhập lại")
    assert "token sẽ bị khóa" in hooks.asked[2][1]
    path = exported.args[0]
    assert path == out / f"HTX_21211_{PERIOD}.htx.zip" and path.is_file()
    assert [p.name for p in out.iterdir()] == [path.name]
    checked = verify_bundle(path)
    assert checked.signer.common_name == "Nguyễn Thị Lan"
    [(fingerprint, _active, key_file)] = credentials(ctx.db)
    assert checked.signer.fingerprint == fingerprint and is_token_reference(key_file)
    # The PIN went into the export and nowhere else.
    assert USER_PIN not in caplog.text and "999999" not in caplog.text
    assert all(USER_PIN not in text for _kind, text in hooks.asked)
    assert USER_PIN not in key_file


def test_a_wrong_pin_then_cancel_writes_no_bundle(
    qtbot: QtBot, token_officer: AppContext, tmp_path: Path
) -> None:
    ctx = token_officer
    out = tmp_path / "usb"
    out.mkdir()
    hooks = scripted(ctx, pins=["111111", None], folders=[out])
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(hooks.asked) == 3, timeout=30_000)
    assert [kind for kind, _ in hooks.asked] == ["folder", "pin", "pin"]
    assert dialog.message.text() == hooks.asked[-1][1] and dialog.message.isVisible()
    assert not dialog.busy and dialog.export_button.isEnabled()
    assert list(out.iterdir()) == []
    assert dialog.result_path is None


def test_a_pulled_out_token_says_so_and_writes_nothing(
    qtbot: QtBot, token_officer: AppContext, marked_token: SoftToken, tmp_path: Path
) -> None:
    """A token that is not plugged in (its serial is not found) is not a wrong PIN: the
    message says to plug it in, and the PIN is not asked again."""
    ctx = token_officer
    with ctx.db.session() as session:
        cred = session.scalars(select(OfficerCredential)).one()
        ref = TokenRef.from_uri(cred.key_file)
        cred.key_file = TokenRef(ref.module, "0000000000000000", ref.cert_id, ref.token_label).uri()
    out = tmp_path / "usb"
    out.mkdir()
    hooks = scripted(ctx, pins=[USER_PIN, USER_PIN], folders=[out])
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.message.isVisible(), timeout=30_000)
    assert dialog.message.text().startswith("Không thấy USB token ký số đã chọn. Hãy cắm")
    assert [kind for kind, _ in hooks.asked] == ["folder", "pin"]
    assert list(out.iterdir()) == []


def test_the_pin_dialog_hides_the_pin_and_says_it_is_not_kept(qtbot: QtBot) -> None:
    dialog = PinDialog("Mã PIN của USB token", "Nhập mã PIN để ký.",
                       error="Mã PIN của USB token không đúng.")
    qtbot.addWidget(dialog)
    assert dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.error_label.text() == "Mã PIN của USB token không đúng."
    assert dialog.error_label.textFormat() == Qt.TextFormat.PlainText
    assert any("không được lưu lại" in label.text()
               for label in dialog.findChildren(type(dialog.text_label)))
    assert not dialog.ok_button.isEnabled()
    dialog.pin_edit.setText(USER_PIN)
    assert dialog.ok_button.isEnabled() and dialog.pin() == USER_PIN
    dialog.show_box.setChecked(True)
    assert dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Normal


def test_the_setup_wizard_offers_the_token_first(
    qtbot: QtBot, tmp_path: Path, marked_token: SoftToken
) -> None:
    db = open_database(tmp_path / "moi" / "htx.sqlite3")
    try:
        wizard = SetupWizard(db)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()  # a commune officer (the default level)
        qtbot.keyClicks(wizard.province_page.picker.filter_edit, "quang ngai")
        wizard.next()
        qtbot.keyClicks(wizard.commune_page.picker.filter_edit, "tinh khe")
        assert wizard.commune_page.picker.current_code() == "21211"
        wizard.next()
        wizard.officer_page.name_edit.setText("Nguyễn Thị Lan")
        wizard.officer_page.title_edit.setText("Chủ tịch Hội LHPN xã")
        wizard.next()

        # The signing step: she has a token, so no passphrase is needed.
        assert wizard.currentId() == PAGE_KEY
        key_page = wizard.key_page
        assert key_page.token_box.text() == "Dùng USB token ký số (khuyên dùng nếu chị có)"
        assert not key_page.isComplete()
        key_page.token_box.setChecked(True)
        assert key_page.isComplete() and not key_page.fields.isEnabled()
        wizard.next()
        assert wizard.currentId() == PAGE_TOKEN
        assert not wizard.token_page.isComplete()  # nothing chosen yet
        chooser = wizard.token_page.widget
        assert not chooser.adopt_button.isVisibleTo(wizard)  # the wizard adopts on Finish
        chooser.set_module(marked_token.module)
        find(qtbot, chooser)
        listed = [chooser.cert_list.item(i).text() for i in range(chooser.cert_list.count())]
        chooser.cert_list.setCurrentRow(
            next(i for i, text in enumerate(listed) if text.startswith("Nguyễn Thị Lan — ")))
        assert wizard.token_page.isComplete()
        wizard.next()
        assert wizard.currentId() == PAGE_LANGUAGE
        wizard.button(QWizard.WizardButton.FinishButton).click()
        assert wizard.result() == QWizard.DialogCode.Accepted
        assert wizard.key_error is None
        [(fingerprint, active, key_file)] = credentials(db)
        assert active and fingerprint == wizard.key_fingerprint
        assert TokenRef.from_uri(key_file).cert_id == marked_token.ids["lan"]
    finally:
        db.close()


def test_settings_say_when_the_key_file_signs(
    qtbot: QtBot, ctx: AppContext, officer_db: Database
) -> None:
    """An officer without a token signs with the key file; Settings says so."""
    from htx_desktop.exchange.keys import create_credential
    from htx_desktop.registry.profile import get_profile

    with officer_db.session() as session:
        profile = get_profile(session)
        assert profile is not None
        create_credential(session, profile, "mot cum tu de nho", officer_db.path)
    widget = TokenWidget(ctx.db, ctx.runner, ctx)
    qtbot.addWidget(widget)
    widget.reload_active()
    qtbot.waitUntil(lambda: widget.active_label.text() != "", timeout=10_000)
    assert widget.active_label.text().startswith(
        "Đang ký bằng: tệp khóa ký trên máy này (có mật khẩu), chứng thư của Nguyễn Thị Lan,"
    )
