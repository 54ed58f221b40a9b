"""A province officer installs the certification authority's certificates on the Settings
page, imports a revocation list carried in on a USB stick, and sees how old it is; a CA name
written as HTML shows literally, and an old list is flagged."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from ca_builder import crl, issue, make_ca, now_utc
from cryptography.hazmat.primitives import serialization
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.engine import Database
from htx_desktop.ui.anchors_widget import COL_CRL, COL_SUBJECT, AnchorsWidget
from htx_desktop.ui.confirm import ScriptedInteraction
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.passphrase_dialog import ScriptedPrompts


@pytest.fixture
def province_db(empty_db: Database) -> Iterator[Database]:
    with empty_db.session() as session:
        create_profile(session, "51", "Trần Thị Mai", "Chủ tịch Hội LHPN tỉnh")
    yield empty_db


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_she_installs_the_ca_and_sees_the_age_of_its_revocation_list(
    qtbot: QtBot, province_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    root, mid = make_ca(now_utc(), root_cn="<b>CA</b> <i>giả</i> Vân tay: AB CD")
    now = now_utc()
    root_pem = _write(tmp_path / "goc.pem", root.cert.public_bytes(serialization.Encoding.PEM))
    mid_pem = _write(tmp_path / "trung-gian.pem", mid.cert.public_bytes(serialization.Encoding.PEM))
    old_list = _write(tmp_path / "ca.crl", crl(mid, [], now - timedelta(days=20),
                                               next_update=timedelta(days=7))
                      .public_bytes(serialization.Encoding.DER))
    ctx = make_ctx(province_db)
    hooks = ScriptedPrompts(file=[root_pem, mid_pem, old_list])
    ctx.prompts = hooks  # type: ignore[attr-defined]
    ctx.interaction = ScriptedInteraction(())  # type: ignore[attr-defined]
    widget = AnchorsWidget(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 360)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    assert widget.model.rowCount() == 0

    for _ in range(3):
        button = widget.crl_button if widget.model.rowCount() == 2 else widget.add_button
        with qtbot.waitSignal(widget.loaded, timeout=10_000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert widget.model.rowCount() == 2
    subjects = [widget.model.index(r, COL_SUBJECT).data() for r in range(2)]
    # The name is shown as text (RFC 4514 escapes '<' and '>' with a backslash), tags and all.
    assert any("<b" in s and "<i" in s and "giả" in s and "Vân tay: AB CD" in s for s in subjects)
    [mid_row] = [r for r in range(2) if "trung gian" in widget.model.index(r, COL_SUBJECT).data()]
    crl_text = widget.model.index(mid_row, COL_CRL).data()
    assert "20 ngày trước" in crl_text and "quá hạn cập nhật" in crl_text
    assert widget.model.index(mid_row, COL_CRL).data(
        Qt.ItemDataRole.ForegroundRole).color().name() == "#b71c1c"
    [root_row] = [r for r in range(2) if r != mid_row]
    assert "Chưa có" in widget.model.index(root_row, COL_CRL).data()


def test_a_file_that_is_not_a_ca_certificate_is_refused_in_plain_words(
    qtbot: QtBot, province_db: Database, make_ctx: Callable[..., AppContext], tmp_path: Path
) -> None:
    junk = _write(tmp_path / "khong-phai.pem", b"-----BEGIN CERTIFICATE-----\nxx\n")
    ctx = make_ctx(province_db)
    ctx.prompts = ScriptedPrompts(file=[junk])  # type: ignore[attr-defined]
    interaction = ScriptedInteraction(())
    ctx.interaction = interaction  # type: ignore[attr-defined]
    widget = AnchorsWidget(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(interaction.asked), timeout=10_000)
    [asked] = interaction.asked
    assert asked.kind == "error" and "chứng thư" in asked.text
    assert widget.model.rowCount() == 0


def test_a_token_certificate_is_offered_with_its_issuer_and_serial_as_plain_text(
    qtbot: QtBot, province_db: Database
) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from htx_desktop.exchange.trust_store import offer_trust
    from htx_desktop.ui.trust_dialog import TrustDialog

    _root, mid = make_ca(now_utc())
    key = ec.generate_private_key(ec.SECP256R1())
    now = now_utc()
    officer = issue(mid, key.public_key(), "<b>Lan</b>", "21211",
                    not_before=now - timedelta(days=1), not_after=now + timedelta(days=300))
    with province_db.session() as session:
        offer = offer_trust(session, officer.public_bytes(serialization.Encoding.PEM))
    dialog = TrustDialog(offer)
    qtbot.addWidget(dialog)
    assert dialog.name_label.text() == "<b>Lan</b>"
    assert dialog.name_label.textFormat() == Qt.TextFormat.PlainText
    assert "CA trung gian thử nghiệm" in dialog.issuer_label.text()
    assert dialog.issuer_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.serial_label.text() == f"{officer.serial_number:X}"
