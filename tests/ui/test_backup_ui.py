"""Sao lưu và khôi phục in Settings: a copy on demand, and going back to one after confirming."""

from __future__ import annotations

from sqlalchemy import func, select

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.backup import list_backups
from htx_desktop.storage.models import Cooperative
from htx_desktop.ui.backup_widget import BackupWidget

CTX = ValidationContext(communes={"21211"})


def count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Cooperative)) or 0


def add(db, name: str) -> None:
    with db.session() as s:
        create_record(
            s,
            "cooperative",
            {"name": name, "commune_code": "21211", "sector": "khac"},
            "21211",
            CTX,
        )


def test_back_up_then_restore_after_confirming(qtbot, empty_db, make_ctx):
    with empty_db.session() as s:
        create_profile(s, "21211", "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    add(empty_db, "HTX Trước khi sao lưu")
    ctx = make_ctx(empty_db, answers=(False, True))
    widget = BackupWidget(ctx)
    qtbot.addWidget(widget)
    widget.backup_now()
    qtbot.waitUntil(lambda: widget.list.count() == 1, timeout=10_000)
    add(empty_db, "HTX Nhập sau khi sao lưu")
    assert count(empty_db) == 2

    widget.restore_selected()  # she answers "no": nothing changes
    assert count(empty_db) == 2
    widget.restore_selected()  # "yes"
    assert count(empty_db) == 1
    reasons = [b.reason for b in list_backups(empty_db.path)]
    assert "truoc-khoi-phuc" in reasons  # the replaced file was kept first
    assert ctx.interaction.asked  # the question was really asked
