"""Less typing, fewer mistakes: the officer's stories with the record forms.

She copies last half-year's figures into a new one and corrects a number, picks a group's
leader from its managers, is stopped from counting more poor women than attendees, sees every
message at once without the form jumping, saves with Enter and cancels with Esc, and is told
what was saved. Real widgets, a real database, the task runner's write thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from vn_typing import field_text, type_text

from htx_desktop.registry.half_years import half_year_key, half_year_of
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import CooperativeGroup, PeriodFigures
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.main_window import MainWindow
from htx_desktop.ui.page_registry import PAGE_COOPERATIVES
from htx_desktop.ui.pages.cooperative_page import CooperativePage, OrganisationPage
from htx_desktop.ui.pages.group_page import GroupPage
from htx_desktop.ui.pick_editor import PickEditor
from htx_desktop.ui.record_dialog import DiscardChoice, RecordDialog

UNIT = "21211"  # Xã Tịnh Khê
REQUIRED = "Trường này bắt buộc phải nhập."


def add(db: Database, form_key: str, values: dict[str, Any]) -> str:
    with db.session() as session:
        return create_record(session, form_key, values, UNIT).id


@pytest.fixture
def db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    """Her commune: an HTX with last year's second-half figures, a group whose leader was
    typed by hand before its managers were entered."""
    folder = tmp_path / "Hội LHPN xã Tịnh Khê"
    folder.mkdir()
    path = folder / "dữ liệu htx.sqlite3"
    path.write_bytes(template_db_path.read_bytes())
    database = open_database(path)
    with database.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch")
    yield database
    database.close()


@pytest.fixture
def data(db: Database) -> dict[str, str]:
    coop = add(db, "cooperative", {"name": "HTX Tân Phú", "commune_code": UNIT,
                                   "sector": "nong_nghiep"})
    add(db, "period_figures", {
        "period": "2025-H2", "members_total": 1234, "members_female": 700,
        "workers_total": 40, "workers_female": 25, "workers_poor": 3, "revenue": "1.500,5",
        "cooperative_id": coop,
    })
    group = add(db, "cooperative_group", {"name": "Tổ hợp tác Rau sạch", "commune_code": UNIT,
                                          "sector": "nong_nghiep",
                                          "leader_name": "Nguyễn Thị Cũ"})
    add(db, "manager", {"full_name": "Ngô Thị Yến", "role": "to_pho", "sex": "nu",
                        "consent": True, "group_id": group})
    add(db, "manager", {"full_name": "Lê Thị Hạnh", "role": "to_truong", "sex": "nu",
                        "consent": True, "group_id": group})
    return {"coop": coop, "group": group}


def dialogs() -> list[RecordDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, RecordDialog) and w.isVisible()]


def the_dialog(qtbot: QtBot) -> RecordDialog:
    """The one entry dialog the page opened, once it has the keyboard (as on her screen)."""
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    dialog = dialogs()[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def open_page(qtbot: QtBot, ctx: AppContext, cls: type[OrganisationPage], record: str) -> Any:
    page = cls(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    page.select_id(record)
    qtbot.waitUntil(lambda: page.detail.detail is not None and page.detail.detail.id == record)
    return page


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key)


@pytest.fixture(autouse=True)
def close_dialogs() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, RecordDialog):
            widget.confirm_discard = lambda: DiscardChoice.DISCARD  # type: ignore[method-assign]
        if isinstance(widget, QDialog):
            widget.close()


# --- half-year figures -------------------------------------------------------------------------


def test_new_half_year_copied_from_the_previous_one_corrected_and_saved(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database, data: dict[str, str]
) -> None:
    ctx = make_ctx(db, answers=(False,))
    page = open_page(qtbot, ctx, CooperativePage, data["coop"])
    detail = page.detail
    detail.tabs.setCurrentIndex(2)
    current = half_year_of(date.today())
    periods = [r.period for r in detail.figures.grid_model.rows]
    assert periods[0] == "2025-H2" and periods[-1] == current  # not from 2023

    click(qtbot, detail.new_figures_button)
    dialog = the_dialog(qtbot)
    form = dialog.form
    period = form.editor("period")
    # The half-year is chosen from a list: no free text, nothing after the current one.
    assert isinstance(period, PickEditor) and not period.isEditable()
    offered = period.offered()
    assert offered[0] == current
    assert all(half_year_key(p) <= half_year_key(current) for p in offered)
    assert any(p.startswith("2025-H2") for p in offered)
    assert period.itemText(period.findData("2025-H2")).endswith("— đã có số liệu")
    assert form.values()["period"] == current  # the newest half-year without figures

    hint = dialog.copy_row.hint.text()
    assert hint == "Kỳ gần nhất có số liệu: 6 tháng cuối năm 2025."
    click(qtbot, dialog.copy_row.button)
    assert field_text(form.editor("members_total")) == "1.234"
    assert field_text(form.editor("workers_female")) == "25"
    assert field_text(form.editor("revenue")) == "1.500,5"
    assert form.dirty and "Đã chép số liệu 6 tháng cuối năm 2025" in dialog.status_label.text()
    with db.session() as session:  # nothing saved until she saves
        assert session.scalars(select(PeriodFigures).where(
            PeriodFigures.period == current)).all() == []

    # The form now holds figures: copying again asks first, and "no" keeps her correction.
    type_text(form.editor("workers_female"), "27", replace=True)
    assert not dialog.copy_row.copy()
    assert [a.text.splitlines()[0] for a in ctx.interaction.asked] == [  # type: ignore[attr-defined]
        "Kỳ này đã có số liệu trên biểu mẫu. Thay tất cả bằng số liệu 6 tháng cuối năm 2025?"
    ]
    assert field_text(form.editor("workers_female")) == "27"

    with qtbot.waitSignal(dialog.saved, timeout=5000):
        press(qtbot, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: dialogs() == [])
    qtbot.waitUntil(lambda: detail.figures.grid_model.row_of(current) is not None
                    and detail.figures.grid_model.rows[
                        detail.figures.grid_model.row_of(current)].entered)

    row = detail.figures.grid_model.row_of(current)
    detail.figures.setCurrentIndex(detail.figures.grid_model.index(row, 0))
    reopened = detail.edit_figures()
    assert isinstance(reopened, RecordDialog) and reopened.record_id is not None
    shown = {k: field_text(reopened.form.editor(k)) for k in
             ("members_total", "members_female", "workers_female", "workers_poor", "revenue")}
    assert shown == {"members_total": "1.234", "members_female": "700", "workers_female": "27",
                     "workers_poor": "3", "revenue": "1.500,5"}
    assert not reopened.form.dirty


def test_copy_into_an_entered_half_year_asks_before_overwriting(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database, data: dict[str, str]
) -> None:
    add(db, "period_figures", {"period": "2026-H1", "members_total": 5, "members_female": 5,
                               "workers_total": 5, "workers_female": 5,
                               "cooperative_id": data["coop"]})
    ctx = make_ctx(db, answers=(True,))
    page = open_page(qtbot, ctx, CooperativePage, data["coop"])
    grid = page.detail.figures
    grid.setCurrentIndex(grid.grid_model.index(grid.grid_model.row_of("2026-H1"), 0))
    click(qtbot, page.detail.copy_figures_button)
    dialog = the_dialog(qtbot)
    assert dialog.record_id is not None
    assert len(ctx.interaction.asked) == 1  # type: ignore[attr-defined]
    assert field_text(dialog.form.editor("members_total")) == "1.234"  # she said yes
    assert dialog.form.dirty


# --- the group's leader --------------------------------------------------------------------------


def test_group_leader_is_picked_from_its_managers_and_an_old_name_is_kept(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database, data: dict[str, str]
) -> None:
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, GroupPage, data["group"])
    click(qtbot, page.detail.edit_button)
    dialog = the_dialog(qtbot)
    leader = dialog.form.editor("leader_name")
    assert isinstance(leader, PickEditor)
    labels = [leader.itemText(i) for i in range(leader.count())]
    assert labels == ["", "Lê Thị Hạnh (Tổ trưởng)", "Ngô Thị Yến (Tổ phó)",
                      "Nguyễn Thị Cũ (giá trị đã lưu)"]
    assert leader.currentText() == "Nguyễn Thị Cũ (giá trị đã lưu)"  # not lost
    assert not dialog.form.dirty

    leader.setFocus()
    leader.setCurrentIndex(leader.findData("Lê Thị Hạnh"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog.save_button)
    with db.session() as session:
        group = session.get(CooperativeGroup, data["group"])
        assert group is not None and group.leader_name == "Lê Thị Hạnh"  # the name, as before
    qtbot.waitUntil(lambda: page.detail.field_values["leader_name"].text() == "Lê Thị Hạnh")


# --- training counts, every message at once, keys ------------------------------------------------


def open_dialog(qtbot: QtBot, ctx: AppContext, form_key: str, **kwargs: Any) -> RecordDialog:
    dialog = RecordDialog(ctx, form_key, **kwargs)
    # Closing changed work at the end of a test must not wait on a question.
    dialog.confirm_discard = lambda: DiscardChoice.DISCARD  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_training_with_more_poor_women_than_attendees_is_refused_next_to_the_field(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database
) -> None:
    dialog = open_dialog(qtbot, make_ctx(db), "training_session")
    form = dialog.form
    dialog.resize(1024, 600)
    positions = {k: form.rows[k].container.mapTo(form.content, form.rows[k].container.rect()
                                                 .topLeft()).y() for k in form.field_order()}
    press(qtbot, Qt.Key.Key_Return)  # Enter on the empty form: every message at once
    assert form.shown_errors() == {"title": REQUIRED, "topics": "Hãy chọn ít nhất một mục.",
                                   "start_date": REQUIRED, "end_date": REQUIRED}
    assert QApplication.focusWidget() is form.editor("title")
    assert dialogs() == [dialog]
    after = {k: form.rows[k].container.mapTo(form.content, form.rows[k].container.rect()
                                             .topLeft()).y() for k in form.field_order()}
    assert after == positions  # the messages took their reserved lines: nothing jumped

    type_text(form.editor("other_members"), "4")
    type_text(form.editor("other_women"), "1.200")
    type_text(form.editor("women_poor"), "1.500")
    assert form.error_text("women_poor") == (
        "Số phụ nữ hộ nghèo, cận nghèo (1.500) không được lớn hơn tổng số học viên khác (1.204)."
    )
    type_text(form.editor("women_poor"), "1.204", replace=True)
    assert form.error_text("women_poor") == ""


def test_enter_saves_esc_cancels_and_a_note_takes_new_lines(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database
) -> None:
    ctx = make_ctx(db)
    dialog = open_dialog(qtbot, ctx, "cooperative")
    form = dialog.form
    type_text(form.editor("name"), "HTX Tân Phú")
    form.editor("sector").setCurrentIndex(form.editor("sector").findData("dich_vu"))
    notes = form.editor("notes")
    type_text(notes, "Dòng một")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(notes, "Dòng hai")
    assert notes.toPlainText() == "Dòng một\nDòng hai" and dialog.isVisible()

    # Esc on changed work asks; "back" keeps the form open.
    asked: list[int] = []
    dialog.confirm_discard = lambda: asked.append(1) or DiscardChoice.BACK  # type: ignore
    press(qtbot, Qt.Key.Key_Escape)
    assert asked == [1] and dialog.isVisible()

    form.editor("name").setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted

    other = open_dialog(qtbot, ctx, "cooperative")
    type_text(other.form.editor("name"), "HTX Bỏ Dở")
    other.confirm_discard = lambda: DiscardChoice.DISCARD  # type: ignore[method-assign]
    other.cancel_button.setFocus()
    assert isinstance(QApplication.focusWidget(), QPushButton)
    press(qtbot, Qt.Key.Key_Return)  # Enter on the focused "Hủy" cancels, it does not save
    assert not other.isVisible() and other.result() == QDialog.DialogCode.Rejected
    clean = open_dialog(qtbot, ctx, "union_cadre")
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed: Esc just closes
    assert not clean.isVisible()


def test_after_a_save_the_status_bar_says_what_was_saved(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], db: Database
) -> None:
    ctx = make_ctx(db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(PAGE_COOPERATIVES)
    page = window.page(PAGE_COOPERATIVES)
    qtbot.waitUntil(lambda: page.isVisible())
    click(qtbot, page.new_button)
    dialog = the_dialog(qtbot)
    type_text(dialog.form.editor("name"), "HTX Tân Phú")
    sector = dialog.form.editor("sector")
    sector.setCurrentIndex(sector.findData("nong_nghiep"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Đã lưu HTX Tân Phú.")
