"""The exchange screens driven as officers drive them: a commune officer exports her signed
bundle, a district officer checks, trusts and imports two communes' bundles and sees who is
missing, both manage keys and trusted signers. Real widgets and real databases; passphrases,
file choices and confirmations come from scripted hooks, so no modal dialog blocks a run.
"""

from __future__ import annotations

import logging
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from certificates import make_certificate
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from vn_typing import type_text

from htx_desktop.demo import fill_demo
from htx_desktop.exchange.bundle import export_bundle
from htx_desktop.exchange.keys import (
    certificate_info,
    create_credential,
    fingerprint_lines,
    load_certificate,
    pretty_fingerprint,
)
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import (
    Cooperative,
    DistrictMember,
    Manager,
    OfficerCredential,
    TrustedSigner,
)
from htx_desktop.storage.units import create_district, official_units
from htx_desktop.ui.confirm import ScriptedInteraction
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.exchange_models import COL_RESULT, FIRST_COUNT
from htx_desktop.ui.export_dialog import ExportDialog
from htx_desktop.ui.import_wizard import PAGE_CHECK, PAGE_RUN, ImportWizard
from htx_desktop.ui.pages.exchange_page import TAB_IMPORT, TAB_STATUS, ExchangePage
from htx_desktop.ui.passphrase_dialog import (
    PassphraseDialog,
    PassphrasePage,
    PassphraseWidget,
    ScriptedPrompts,
    create_officer_key,
)
from htx_desktop.ui.reporting_status import COL_STATE, MISSING_BACKGROUND
from htx_desktop.ui.trust_dialog import TrustChoice
from htx_desktop.ui.trust_widget import TrustWidget

PASSPHRASE = "mat-khau-thu"
PERIOD = "2025-H1"
SHOTS = Path("/tmp/htx-exchange-shots")


# --- officers and bundles ----------------------------------------------------------------------


def quang_ngai_communes(n: int) -> list[str]:
    codes = sorted(
        u.code for u in official_units() if u.level == "commune" and u.province_code == "51"
    )
    return codes[:n]


def make_officer(
    template: Path,
    path: Path,
    unit_code: str,
    name: str,
    *,
    district_of: list[str] | None = None,
    key: bool = True,
    demo_seed: int | None = 1,
) -> Database:
    """A database of one officer: her profile, optionally a key and demo data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as session:
        if district_of is not None:
            unit_code = create_district(session, unit_code, district_of).code
        profile = create_profile(session, unit_code, name, "Chủ tịch Hội LHPN")
        if key:
            create_credential(session, profile, PASSPHRASE, path)
        if demo_seed is not None:
            fill_demo(session, unit_code, seed=demo_seed)
    return db


@dataclass(frozen=True)
class CommuneBundles:
    codes: list[str]  # three communes; the first two sent a bundle
    paths: list[Path]
    pems: list[Path]
    fingerprints: list[str]
    cooperatives: int  # live and deleted, in both bundles together


@pytest.fixture(scope="module")
def commune_bundles(
    template_db_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> CommuneBundles:
    """Two of three communes exported their first half-year (built once for the module)."""
    root = tmp_path_factory.mktemp("communes")
    codes = quang_ngai_communes(3)
    paths, pems, fingerprints, cooperatives = [], [], [], 0
    for i, code in enumerate(codes[:2]):
        db = make_officer(
            template_db_path,
            root / f"xa{i}" / "htx.sqlite3",
            code,
            f"Cán bộ xã {i + 1}",
            demo_seed=i + 1,
        )
        try:
            with db.session() as session:
                paths.append(export_bundle(session, PERIOD, PASSPHRASE, root / "usb"))
                cred = session.scalars(select(OfficerCredential)).one()
                pem = root / f"xa{i}.pem"
                pem.write_text(cred.certificate_pem, encoding="ascii")
                pems.append(pem)
                fingerprints.append(cred.fingerprint)
                cooperatives += session.scalar(select(func.count()).select_from(Cooperative)) or 0
        finally:
            db.close()
    return CommuneBundles(codes, paths, pems, fingerprints, cooperatives)


@pytest.fixture
def commune_db(template_db_path: Path, tmp_path: Path) -> Database:
    db = make_officer(template_db_path, tmp_path / "xa" / "htx.sqlite3", "21211", "Nguyễn Thị Hoa")
    yield db
    db.close()


@pytest.fixture
def keyless_db(template_db_path: Path, tmp_path: Path) -> Database:
    db = make_officer(
        template_db_path,
        tmp_path / "moi" / "htx.sqlite3",
        "21211",
        "Nguyễn Thị Hoa",
        key=False,
        demo_seed=None,
    )
    yield db
    db.close()


@pytest.fixture
def district_db(
    template_db_path: Path, tmp_path: Path, commune_bundles: CommuneBundles
) -> Database:
    db = make_officer(
        template_db_path,
        tmp_path / "huyen" / "htx.sqlite3",
        "Huyện Thử Nghiệm",
        "Trần Thị Mai",
        district_of=commune_bundles.codes,
        key=False,
        demo_seed=None,
    )
    yield db
    db.close()


def scripted(ctx: AppContext, **prompts: object) -> ScriptedPrompts:
    hooks = ScriptedPrompts(**prompts)  # type: ignore[arg-type]
    ctx.prompts = hooks  # type: ignore[attr-defined]
    return hooks


def answer(ctx: AppContext, *answers: bool) -> ScriptedInteraction:
    interaction = ScriptedInteraction(answers)
    ctx.interaction = interaction  # type: ignore[attr-defined]
    return interaction


def shown_page(qtbot: QtBot, ctx: AppContext) -> ExchangePage:
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    with qtbot.waitSignal(page.key_loaded, timeout=10_000):
        page.refresh()
        page.show()
    return page


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# --- export --------------------------------------------------------------------------------------


def test_export_through_the_dialog(
    qtbot: QtBot,
    commune_db: Database,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    # The command line's variable is ignored here: she types the passphrase every time.
    monkeypatch.setenv("HTX_PASSPHRASE", "bien-moi-truong-khong-dung")
    ctx = make_ctx(commune_db)
    out = tmp_path / "usb"
    out.mkdir()
    hooks = scripted(ctx, passphrases=[PASSPHRASE], folders=[out])
    page = shown_page(qtbot, ctx)
    assert page.export_button.isEnabled()

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.period() == dialog.period_combo.currentData()
    qtbot.waitUntil(lambda: dialog.counts is not None, timeout=10_000)
    counts = {c.table: c.live for c in dialog.counts or []}
    assert counts["cooperative"] == count(commune_db, Cooperative)  # demo data, all alive
    assert dialog.findChild(object, "count_cooperative").text() == str(counts["cooperative"])

    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.folder() == out
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData(PERIOD))
    qtbot.wait(50)  # the dialog grows to its counts on the next turn of the event loop
    shot(dialog, "export-dialog")

    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.busy and not dialog.export_button.isEnabled()
    path = signal.args[0]
    assert path == out / f"HTX_21211_{PERIOD}.htx.zip" and path.is_file()
    assert steps and steps[-1] == dialog.progress.maximum() == 6  # driven by export_bundle
    assert dialog.message.text() == f"Đã xuất: {path}"
    qtbot.wait(50)
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())  # no squeeze
    shot(dialog, "export-dialog-done")

    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert hooks.opened == [out]
    assert page.last_export_label.text() == f"Gói xuất gần nhất: {path}"
    # The folder is remembered for the next export.
    again = ExportDialog(ctx)
    qtbot.addWidget(again)
    assert again.folder() == out
    # The passphrase went nowhere but into the export.
    assert [kind for kind, _ in hooks.asked] == ["folder", "passphrase"]
    assert PASSPHRASE not in caplog.text
    assert all(PASSPHRASE not in text for _kind, text in hooks.asked)
    dialog.reject()
    qtbot.waitUntil(lambda: page.export_dialog is None)


def test_a_wrong_passphrase_says_so_and_exports_nothing(
    qtbot: QtBot, commune_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    ctx = make_ctx(commune_db)
    out = tmp_path / "usb"
    out.mkdir()
    # Wrong, then she cancels the second prompt.
    hooks = scripted(ctx, passphrases=["khong-dung-dau", None], folders=[out])
    page = shown_page(qtbot, ctx)
    dialog = page.open_export()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(hooks.asked) == 3, timeout=10_000)  # folder + two passphrases
    wrong = "Mật khẩu khóa ký không đúng. Hãy nhập lại."
    assert hooks.asked[-1] == ("passphrase", wrong)  # asked again, with the reason shown
    assert dialog.message.text() == wrong and dialog.message.isVisible()
    assert not dialog.busy and dialog.export_button.isEnabled()
    assert list(out.iterdir()) == []
    assert dialog.result_path is None and not dialog.open_folder_button.isVisible()

    # She tries again with the right one.
    hooks.passphrases.append(PASSPHRASE)
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in out.iterdir()] == [f"HTX_21211_{dialog.period()}.htx.zip"]


def test_a_record_the_district_would_refuse_is_named_in_the_dialog(
    qtbot: QtBot, commune_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    """Her file was changed with a SQLite editor: more women than members in one half-year's
    figures. The dialog says which record and which field, before anything is signed."""
    import sqlite3

    commune_db.engine.dispose()
    con = sqlite3.connect(commune_db.path)
    with con:
        (figures,) = con.execute(
            "SELECT id FROM period_figures WHERE NOT deleted ORDER BY id LIMIT 1").fetchone()
        con.execute("UPDATE period_figures SET members_female = members_total + 1 "
                    "WHERE id = ?", (figures,))
    con.close()
    ctx = make_ctx(commune_db)
    out = tmp_path / "usb"
    out.mkdir()
    scripted(ctx, passphrases=[PASSPHRASE], folders=[out])
    page = shown_page(qtbot, ctx)
    dialog = page.open_export()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.message.isVisible(), timeout=30_000)
    shown = dialog.message.text()
    assert shown.startswith("Chưa xuất gói: bản ghi (“Số liệu theo kỳ”, mã " + figures)
    assert "“Thành viên nữ”" in shown and "sửa trường này rồi xuất lại" in shown
    assert list(out.iterdir()) == [] and dialog.result_path is None
    assert dialog.export_button.isEnabled()  # she can fix it and try again
    shot(dialog, "export-dialog-record-to-fix")


def test_without_a_key_she_creates_one_and_saves_her_certificate(
    qtbot: QtBot, keyless_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    ctx = make_ctx(keyless_db)
    target = tmp_path / "gui-cap-tren" / "chung-thu.pem"
    target.parent.mkdir()
    hooks = scripted(ctx, passphrases=["mot cum tu de nho"], save_paths=[target])
    page = shown_page(qtbot, ctx)
    assert page.key_box.no_key_box.isVisible() and not page.key_box.has_key_box.isVisible()
    assert page.findChild(object, "noKeyTitle").text() == "Máy này chưa có khóa ký"
    assert not page.export_button.isEnabled()
    assert page.status_text == "Máy này chưa có khóa ký"

    with qtbot.waitSignal(page.key_loaded, timeout=10_000):
        qtbot.mouseClick(page.key_box.create_key_button, Qt.MouseButton.LeftButton)
    with keyless_db.session() as session:
        cred = session.scalars(select(OfficerCredential)).one()
        fingerprint = cred.fingerprint
    assert page.key_box.has_key_box.isVisible()
    assert page.key_box.fingerprint_label.text().splitlines() == fingerprint_lines(fingerprint)
    assert "Nguyễn Thị Hoa" in page.key_box.key_label.text()
    assert page.export_button.isEnabled()

    qtbot.mouseClick(page.key_box.save_cert_button, Qt.MouseButton.LeftButton)
    assert hooks.asked[-1][0] == "save_file"
    data = target.read_bytes()
    assert b"PRIVATE" not in data
    assert certificate_info(load_certificate(data)).fingerprint == fingerprint
    assert page.key_box.key_message.text() == f"Đã lưu chứng thư vào {target}"
    shot(page, "exchange-page-commune")

    # A new key replaces the old one only after a warning she agrees to.
    answer(ctx, False)
    hooks.passphrases.append("mot cum tu khac nua")
    qtbot.mouseClick(page.key_box.new_key_button, Qt.MouseButton.LeftButton)
    assert count(keyless_db, OfficerCredential) == 1


def test_a_commune_sees_no_status_of_units_below_and_no_bundle_import(
    qtbot: QtBot, commune_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = shown_page(qtbot, make_ctx(commune_db))
    assert page.tabs.count() == 3  # no trusted-signer tab: nobody reports to a commune
    assert not page.tabs.isTabVisible(TAB_STATUS)
    assert page.tabs.tabText(TAB_IMPORT) == "Nhập từ Excel"
    page.tabs.setCurrentIndex(TAB_IMPORT)
    assert not page.import_button.isVisible() and page.xlsx_import_button.isVisible()
    assert not page.acceptDrops()
    # A state remembered on the status tab (an older version) opens elsewhere.
    page.restore_state({"tab": TAB_STATUS})
    assert page.tabs.currentIndex() != TAB_STATUS


# --- import --------------------------------------------------------------------------------------


def test_the_district_checks_trusts_imports_and_sees_who_is_missing(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    qtmodeltester: object,
) -> None:
    ctx = make_ctx(district_db)
    hooks = scripted(ctx, trusts=[True, True])
    answer(ctx)
    page = shown_page(qtbot, ctx)
    page.period_combo.setCurrentIndex(page.period_combo.findData(PERIOD))
    qtbot.waitUntil(lambda: page.status_model.rowCount() == 3, timeout=10_000)
    assert page.count_label.text().startswith("0/3 đơn vị đã nộp")

    # The two bundles dropped on the page open the wizard with them listed.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in commune_bundles.paths])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(drop)
    wizard = page.import_wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert wizard.files_page.paths() == commune_bundles.paths
    check = wizard.check_page

    # Dry run: both signers are unknown; the fingerprint is there to compare.
    with qtbot.waitSignal(check.checked, timeout=30_000):
        wizard.next()
    assert wizard.currentId() == PAGE_CHECK
    model = check.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.index(r, COL_RESULT).data() for r in range(2)] == ["Chưa tin cậy người ký"] * 2
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    details = check.details
    assert details.trust_button.isVisible()
    first = details.outcome
    assert first is not None and first.bundle is not None
    assert details.fingerprint.text().splitlines()[1:] == fingerprint_lines(
        first.bundle.signer.fingerprint
    )
    shot(wizard, "import-wizard-unknown-signer")

    # She trusts each after comparing fingerprints; the check runs again each time.
    for _ in range(2):
        untrusted = next(r for r, o in enumerate(check.outcomes) if not o.ok)
        check.view.selectRow(untrusted)
        with qtbot.waitSignal(check.checked, timeout=30_000):
            qtbot.mouseClick(details.trust_button, Qt.MouseButton.LeftButton)
    dialogs = hooks.trust_dialogs  # each signer in her own trust dialog, in her own unit
    assert sorted(d.offer.info.fingerprint for d in dialogs) == sorted(
        commune_bundles.fingerprints
    )
    for dialog in dialogs:
        shown = dialog.fingerprint_label.text().splitlines()
        assert shown == fingerprint_lines(dialog.offer.info.fingerprint)
        assert dialog.unit_code() == dialog.offer.info.unit_code
        assert dialog.unit_code() in commune_bundles.codes
    assert count(district_db, TrustedSigner) == 2
    assert all(o.ok for o in check.outcomes)
    assert [model.index(r, COL_RESULT).data() for r in range(2)] == ["Sẽ nhập"] * 2
    new_total = sum(int(model.index(r, FIRST_COUNT).data().replace(".", "")) for r in range(2))
    assert new_total > 0
    assert count(district_db, Cooperative) == 0  # the dry run wrote nothing
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    check.view.selectRow(0)
    assert "Hợp tác xã" in details.text.text()  # counts by record type
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    shot(wizard, "import-wizard-dry-run")

    # The real import.
    wizard.next()
    assert wizard.currentId() == PAGE_RUN
    run = wizard.run_page
    assert "Sẽ nhập 2 gói" in run.intro.text()
    assert not run.isComplete()
    with (
        qtbot.waitSignal(run.imported, timeout=60_000),
        qtbot.waitSignal(ctx.events.changed, timeout=60_000) as changed,
    ):
        qtbot.mouseClick(run.start_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["*"]
    assert run.summary.text().startswith("Đã nhập 2 gói, 0 gói bị từ chối.")
    assert [run.model.index(r, COL_RESULT).data() for r in range(2)] == ["Đã nhập"] * 2
    qtmodeltester.check(run.model)  # type: ignore[attr-defined]
    assert count(district_db, Cooperative) == commune_bundles.cooperatives
    assert count(district_db, Manager) > 0
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    shot(wizard, "import-wizard-done")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.import_wizard is None)

    # The status table: two communes reported, the third missing and marked.
    page.tabs.setCurrentIndex(TAB_STATUS)
    qtbot.waitUntil(lambda: page.status_model.reported == 2, timeout=10_000)
    status = page.status_model
    qtmodeltester.check(status)  # type: ignore[attr-defined]
    assert page.count_label.text() == "2/3 đơn vị đã nộp gói dữ liệu kỳ 6 tháng đầu năm 2025"
    assert page.status_text == page.count_label.text()
    by_code = {status.rows[r].unit_code: r for r in range(status.rowCount())}
    missing = status.index(by_code[commune_bundles.codes[2]], COL_STATE)
    assert missing.data() == "Chưa nộp"
    assert missing.data(Qt.ItemDataRole.BackgroundRole).color() == MISSING_BACKGROUND
    assert isinstance(missing.data(Qt.ItemDataRole.FontRole), QFont)
    assert missing.data(Qt.ItemDataRole.FontRole).bold()
    for code in commune_bundles.codes[:2]:
        reported = status.index(by_code[code], COL_STATE)
        assert reported.data() == "Đã nộp"
        assert reported.data(Qt.ItemDataRole.BackgroundRole) is None
    shot(page, "exchange-status-table")

    # The trusted signers tab lists both.
    assert page.trust_widget is not None
    page.tabs.setCurrentWidget(page.trust_widget)
    qtbot.waitUntil(lambda: page.trust_widget.model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(page.trust_widget.model)  # type: ignore[attr-defined]

    # Another period: nobody has reported yet.
    page.tabs.setCurrentIndex(TAB_STATUS)
    page.period_combo.setCurrentIndex(page.period_combo.findData("2025"))
    qtbot.waitUntil(lambda: page.status_model.reported == 0, timeout=10_000)
    assert page.count_label.text() == "0/3 đơn vị đã nộp gói dữ liệu kỳ Năm 2025"
    assert page.state() == {"tab": TAB_STATUS, "period": "2025"}

    # The same bundles again: the check says so and nothing changes.
    wizard = page.open_import(commune_bundles.paths)
    with qtbot.waitSignal(wizard.check_page.checked, timeout=30_000):
        wizard.next()
    model = wizard.check_page.model
    assert [model.index(r, COL_RESULT).data() for r in range(2)] == ["Đã nhập trước đó"] * 2
    assert [model.index(r, FIRST_COUNT).data() for r in range(2)] == ["0", "0"]
    wizard.reject()
    qtbot.waitUntil(lambda: page.import_wizard is None)


def test_the_page_takes_only_zip_files_dropped_on_it(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    page = shown_page(qtbot, make_ctx(district_db))
    text_file = tmp_path / "ghi-chu.txt"
    text_file.write_text("không phải gói")

    def drag(paths: list[Path]) -> bool:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        event = QDragEnterEvent(
            QPoint(20, 20),  # Qt's own signature: a drag-enter position is whole pixels
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        page.dragEnterEvent(event)
        return event.isAccepted()

    assert drag(commune_bundles.paths[:1])
    assert not drag([text_file])
    assert page.import_wizard is None


def test_the_dry_run_names_a_bundle_that_is_not_a_bundle(
    qtbot: QtBot, district_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    bogus = tmp_path / "HTX_gia.htx.zip"
    bogus.write_bytes(b"PK\x03\x04 not really a zip")
    ctx = make_ctx(district_db)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    hooks = scripted(ctx, files=[[bogus, tmp_path / "khong-phai.txt"]])
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(wizard.files_page.add_button, Qt.MouseButton.LeftButton)
    assert hooks.asked[-1][0] == "open_files"
    assert wizard.files_page.paths() == [bogus]  # only .zip files that exist
    with qtbot.waitSignal(wizard.check_page.checked, timeout=10_000):
        wizard.next()
    outcome = wizard.check_page.outcomes[0]
    assert not outcome.ok and outcome.code != "unknown_signer"
    model = wizard.check_page.model
    assert model.index(0, COL_RESULT).data() == "Bị từ chối"
    assert (
        model.index(0, COL_RESULT).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b71c1c"
    )
    assert outcome.message in wizard.check_page.details.text.text()
    assert not wizard.check_page.details.trust_button.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


# --- trusted signers -----------------------------------------------------------------------------


def test_trust_list_add_and_remove(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    qtmodeltester: object,
    tmp_path: Path,
) -> None:
    ctx = make_ctx(district_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 320)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    assert widget.model.rowCount() == 0 and widget.empty_label.isVisible()
    assert not widget.remove_button.isEnabled()

    # She cancels the first time (fingerprints did not match): nothing stored.
    pem = commune_bundles.pems[0]
    hooks = scripted(ctx, file=[pem, pem], trusts=[None, True])
    interaction = answer(ctx)
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(hooks.trust_dialogs) == 1, timeout=10_000)
    assert count(district_db, TrustedSigner) == 0
    dialog = hooks.trust_dialogs[0]
    fingerprint = pretty_fingerprint(commune_bundles.fingerprints[0])
    assert dialog.fingerprint_label.text().replace("\n", " ") == fingerprint
    assert dialog.name_label.text() == "Cán bộ xã 1"
    assert dialog.unit_code() == commune_bundles.codes[0]
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert [a[0] for a in hooks.asked] == ["open_file", "trust", "open_file", "trust"]
    assert widget.model.rowCount() == 1
    qtmodeltester.check(widget.model)  # type: ignore[attr-defined]
    row = [widget.proxy.index(0, c).data() for c in range(6)]
    assert row[1] == "Cán bộ xã 1" and row[2].replace("\n", " ") == fingerprint
    assert commune_bundles.codes[0] in row[0] and row[5] == "Đang tin cậy"
    shot(widget, "trust-widget")

    # Not a certificate: a clear message, nothing stored.
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    widget.add_from_file(junk)
    assert interaction.asked[-1].kind == "error"
    assert "không phải là chứng thư" in interaction.asked[-1].text

    # Revoking asks first, and keeps the certificate in the list, marked.
    widget.view.selectRow(0)
    assert widget.remove_button.isEnabled()
    answer(ctx, True)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        qtbot.mouseClick(widget.remove_button, Qt.MouseButton.LeftButton)
    assert widget.model.rowCount() == 1
    assert widget.proxy.index(0, 5).data().startswith("Đã thu hồi")
    widget.view.selectRow(0)
    assert not widget.remove_button.isEnabled()
    assert count(district_db, TrustedSigner) == 1
    with district_db.session() as session:
        assert session.scalars(select(TrustedSigner.revoked_at)).one() is not None


def test_a_certificate_whose_name_is_html_is_shown_as_text(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    """A sender who writes HTML into her certificate's names (a bold name, an image, a fake
    fingerprint line) sees it shown letter for letter; the real fingerprint is the one this
    application computed."""
    hostile_cn = "<b>X</b><img src='file:///etc/passwd'>"
    fake_line = "<br><b>Vân tay: AB CD EF 01 23 45 67 89</b>"  # cryptography allows 64 bytes
    pem_bytes = make_certificate(
        commune_bundles.codes[0], common_name=hostile_cn, organization=fake_line
    )
    pem = tmp_path / "html.pem"
    pem.write_bytes(pem_bytes)
    real = certificate_info(load_certificate(pem_bytes))
    ctx = make_ctx(district_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    hooks = scripted(ctx, file=[pem], trusts=[True])
    answer(ctx)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)

    dialog = hooks.trust_dialogs[0]
    labels = (
        dialog.name_label,
        dialog.organization_label,
        dialog.subject_label,
        dialog.fingerprint_label,
    )
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.name_label.text() == hostile_cn
    assert dialog.organization_label.text() == fake_line
    assert "Vân tay: AB CD EF 01" in dialog.subject_label.text()  # RFC 4514 text, escaped
    assert dialog.fingerprint_label.text().splitlines() == fingerprint_lines(real.fingerprint)
    dialog.show()
    shot(dialog, "trust-dialog-html-name")

    assert widget.model.rowCount() == 1
    assert widget.proxy.index(0, 1).data() == hostile_cn  # a table cell: plain text
    assert widget.proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    widget.view.selectRow(0)
    assert widget.details_label.textFormat() == Qt.TextFormat.PlainText
    assert "Vân tay: AB CD EF 01" in widget.details_label.text()


def test_a_weak_key_is_refused_before_any_dialog(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = tmp_path / "p192.pem"
    weak = ec.generate_private_key(ec.SECP192R1())
    pem.write_bytes(make_certificate(commune_bundles.codes[0], key=weak))
    ctx = make_ctx(district_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    hooks = scripted(ctx, trusts=[True])
    interaction = answer(ctx)
    widget.add_from_file(pem)
    assert hooks.trust_dialogs == []
    assert interaction.asked[-1].kind == "error"
    assert "secp192r1" in interaction.asked[-1].text and "P-256" in interaction.asked[-1].text
    assert count(district_db, TrustedSigner) == 0


def test_a_new_key_for_a_commune_asks_whether_the_old_one_retires(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    code = commune_bundles.codes[0]
    old, new = tmp_path / "cu.pem", tmp_path / "moi.pem"
    old.write_bytes(make_certificate(code, common_name="Khóa cũ"))
    new.write_bytes(make_certificate(code, common_name="Khóa mới"))
    ctx = make_ctx(district_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    hooks = scripted(ctx, trusts=[True, TrustChoice(code, retire_old=True)])
    answer(ctx)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.add_from_file(old)
    assert not hooks.trust_dialogs[0].retire_box.isVisibleTo(hooks.trust_dialogs[0])
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.add_from_file(new)
    second = hooks.trust_dialogs[1]
    assert second.retire_box.isVisibleTo(second) and "Khóa cũ" in second.retire_box.text()
    states = {
        widget.proxy.index(r, 1).data(): widget.proxy.index(r, 5).data()
        for r in range(widget.model.rowCount())
    }
    assert states["Khóa mới"] == "Đang tin cậy"
    assert states["Khóa cũ"].startswith("Đã thay khóa")


def test_a_district_is_warned_about_a_commune_outside_its_group(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    outside = quang_ngai_communes(4)[3]
    pem = tmp_path / "ngoai.pem"
    pem.write_bytes(make_certificate(outside))
    ctx = make_ctx(district_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    hooks = scripted(ctx, trusts=[None])
    answer(ctx)
    widget.add_from_file(pem)
    qtbot.waitUntil(lambda: len(hooks.trust_dialogs) == 1, timeout=10_000)
    dialog = hooks.trust_dialogs[0]
    assert dialog.unit_code() == outside
    assert "không thuộc cụm/huyện Huyện Thử Nghiệm" in dialog.warning_label.text()
    dialog.choose_unit(commune_bundles.codes[1])  # her own communes are offered too
    assert "không thuộc cụm" not in dialog.warning_label.text()


def test_a_certificate_naming_no_unit_of_hers_chooses_nothing_for_her(
    qtbot: QtBot,
    district_db: Database,
    commune_bundles: CommuneBundles,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    pem = tmp_path / "la.pem"
    pem.write_bytes(make_certificate("D51-cum-la"))
    ctx = make_ctx(district_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    hooks = scripted(ctx, trusts=[None])
    answer(ctx)
    widget.add_from_file(pem)
    qtbot.waitUntil(lambda: len(hooks.trust_dialogs) == 1, timeout=10_000)
    dialog = hooks.trust_dialogs[0]
    assert dialog.unit_code() is None and not dialog.trust_button.isEnabled()
    assert "chưa có cụm/huyện mã “D51-cum-la”" in dialog.note_label.text()
    assert dialog.warning_label.text() == "Hãy chọn đơn vị của người gửi."
    dialog.choose_unit(commune_bundles.codes[0])
    assert dialog.trust_button.isEnabled()
    assert "Chứng thư ghi đơn vị “D51-cum-la”" in dialog.warning_label.text()


def test_enter_in_the_real_trust_dialog_cancels(
    qtbot: QtBot, district_db: Database, commune_bundles: CommuneBundles
) -> None:
    """An Enter pressed by habit never trusts anything: "Hủy" is the default button."""
    from htx_desktop.exchange.trust_store import offer_trust
    from htx_desktop.ui.trust_dialog import TrustDialog

    with district_db.session() as session:
        offer = offer_trust(session, commune_bundles.pems[0].read_bytes())
    dialog = TrustDialog(offer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.trust_button.isEnabled() and dialog.unit_code() == commune_bundles.codes[0]
    assert dialog.property("htxHelpTopic") == "xuat-nhap.html#tin-cay"  # F1: trusting a signer
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == TrustDialog.DialogCode.Rejected


def test_the_province_creates_a_district_before_trusting_its_certificate(
    qtbot: QtBot,
    template_db_path: Path,
    make_ctx: Callable[..., AppContext],
    tmp_path: Path,
) -> None:
    """A district certificate names a district this province has not created: she is offered
    to create it, ticks its communes herself, and then trusts the certificate for it."""
    province_db = make_officer(
        template_db_path, tmp_path / "tinh" / "htx.sqlite3", "51", "Lê Thị Lan",
        key=False, demo_seed=None,
    )
    members = quang_ngai_communes(2)
    pem = tmp_path / "huyen.pem"
    pem.write_bytes(
        make_certificate("D51-huyen-moi", common_name="Trần Thị Mai",
                         organization="Hội LHPN Huyện Mới")
    )
    ctx = make_ctx(province_db)
    widget = TrustWidget(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    hooks = scripted(ctx, districts=[("Huyện Mới", members)], trusts=[True])
    interaction = answer(ctx, True)
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.add_from_file(pem)
    assert "D51-huyen-moi" in interaction.asked[0].text
    assert [kind for kind, _ in hooks.asked] == ["new_district", "trust"]
    assert hooks.trust_dialogs[0].unit_code() == "D51-huyen-moi"
    with province_db.session() as session:
        signer = session.scalars(select(TrustedSigner)).one()
        assert signer.unit_code == "D51-huyen-moi"
        assert sorted(
            session.scalars(
                select(DistrictMember.commune_code).where(
                    DistrictMember.district_code == "D51-huyen-moi"
                )
            )
        ) == sorted(members)
    province_db.close()


# --- passphrase fields and the setup page ------------------------------------------------------


def test_passphrase_fields_check_length_match_and_normalise(qtbot: QtBot) -> None:
    fields = PassphraseWidget(confirm=True)
    qtbot.addWidget(fields)
    fields.show()
    assert not fields.is_complete()
    decomposed = unicodedata.normalize("NFD", "mật khẩu hội phụ nữ")
    type_text(fields.passphrase_edit, decomposed)
    assert fields.passphrase() == unicodedata.normalize("NFC", "mật khẩu hội phụ nữ")
    assert fields.problem() == "Hai lần nhập chưa giống nhau."
    assert fields.confirm_edit is not None
    type_text(fields.confirm_edit, "mật khẩu hội phụ nữ")  # precomposed: the same passphrase
    assert fields.is_complete() and not fields.hint_label.isVisible()

    short = PassphraseWidget(confirm=True)
    qtbot.addWidget(short)
    qtbot.keyClicks(short.passphrase_edit, "ngan")
    assert "ít nhất 10 ký tự" in short.problem()
    common = PassphraseWidget(confirm=True)
    qtbot.addWidget(common)
    common.show()
    type_text(common.passphrase_edit, "Mật Khẩu 123")
    type_text(common.confirm_edit, "Mật Khẩu 123")
    assert "phổ biến" in common.problem() and not common.is_complete()
    assert "phổ biến" in common.hint_label.text()

    dialog = PassphraseDialog("Mật khẩu khóa ký", "Nhập mật khẩu.", error="Sai rồi.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error_label.isVisible() and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.fields.passphrase_edit, "bat-ky")
    assert dialog.ok_button.isEnabled()  # unlocking: any non-empty text may be tried
    qtbot.keyClick(dialog.fields.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase() == "bat-ky"


def test_the_setup_page_and_the_call_after_the_profile(qtbot: QtBot, keyless_db: Database) -> None:
    wizard = QWizard()
    page = PassphrasePage()
    wizard.addPage(page)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not page.isComplete()
    assert page.later_box is not None
    page.later_box.setChecked(True)
    assert page.isComplete() and not page.wants_key()
    page.later_box.setChecked(False)
    qtbot.keyClicks(page.fields.passphrase_edit, "mot cum tu de nho")
    assert page.fields.confirm_edit is not None
    qtbot.keyClicks(page.fields.confirm_edit, "mot cum tu de nho")
    assert page.isComplete() and page.wants_key()
    assert PassphrasePage(next_id=5).nextId() == 5

    info = create_officer_key(keyless_db, page.passphrase())
    with keyless_db.session() as session:
        cred = session.scalars(select(OfficerCredential)).one()
        assert cred.fingerprint == info.fingerprint and cred.active
    assert info.common_name == "Nguyễn Thị Hoa"
