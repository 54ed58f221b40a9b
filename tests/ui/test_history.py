"""The officer opens a record and reads who changed what, and when."""

from __future__ import annotations

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record, update_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.ui.record_dialog import RecordDialog

CTX = ValidationContext(communes={"21211"})


def test_the_history_of_a_cooperative_lists_each_change(qtbot, empty_db, make_ctx, qtmodeltester):
    with empty_db.session() as s:
        create_profile(s, "21211", "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    with empty_db.session() as s:
        coop = create_record(
            s,
            "cooperative",
            {"name": "HTX Tịnh Khê", "commune_code": "21211", "sector": "nong_nghiep"},
            "21211",
            CTX,
        )
    with empty_db.session() as s:
        update_record(s, "cooperative", coop.id, {"status": "tam_ngung"}, CTX)
    dialog = RecordDialog(make_ctx(empty_db), "cooperative", record_id=coop.id)
    qtbot.addWidget(dialog)
    assert dialog.history_button.isVisible() or not dialog.isVisible()
    dialog.history_button.click()
    history = dialog.history_dialog
    qtbot.addWidget(history)
    qtmodeltester.check(history.model)
    rows = history.model.rows
    assert rows[0][2] == "Tạo mới"
    change = next(r for r in rows if r[2] == "Sửa")
    assert change[3:] == ("Tình trạng", "Đang hoạt động", "Tạm ngừng hoạt động")


def test_a_new_record_has_no_history_button(qtbot, empty_db, make_ctx):
    with empty_db.session() as s:
        create_profile(s, "21211", "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    dialog = RecordDialog(make_ctx(empty_db), "cooperative")
    qtbot.addWidget(dialog)
    assert dialog.history_button.isHidden()
