"""The record form and dialog, driven like an officer drives them: real widgets, Vietnamese
typed through the input method, keys and shortcuts through qtbot, saves through the task
runner into a real database."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from vn_typing import field_text, type_text

from htx_desktop.registry.drafts import DraftStore
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record, delete_record, get_form
from htx_desktop.registry.validation import ValidationFailed
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, Manager, PeriodFigures, TrainingSession
from htx_desktop.ui import record_dialog
from htx_desktop.ui.context import AppContext, load_scope
from htx_desktop.ui.form_widgets import ChoiceEditor, DateEditor, MultiChoiceEditor, NumberEditor
from htx_desktop.ui.pick_editor import PickEditor
from htx_desktop.ui.record_dialog import DiscardChoice, RecordDialog
from htx_desktop.ui.tasks import TaskRunner

UNIT = "21211"  # Xã Tịnh Khê, Quảng Ngãi
UNIT_NAME = "Xã Tịnh Khê"
REQUIRED = "Trường này bắt buộc phải nhập."


@pytest.fixture
def ctx(empty_db: Database) -> Iterator[AppContext]:
    with empty_db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch")
    scope = load_scope(empty_db)
    assert scope is not None
    runner = TaskRunner()
    yield AppContext(empty_db, scope, runner)
    runner.wait()


@pytest.fixture
def coop_id(ctx: AppContext) -> str:
    with ctx.db.session() as session:
        record = create_record(
            session,
            "cooperative",
            {"name": "Hợp tác xã Dừa Xanh", "commune_code": UNIT, "sector": "nong_nghiep"},
            UNIT,
            ctx.validation(),
        )
        return record.id


class Officer:
    """Stands in for the officer's answers to the dialog's questions."""

    def __init__(self, answer: DiscardChoice = DiscardChoice.DISCARD) -> None:
        self.answer = answer
        self.asked = 0
        self.errors: list[str] = []

    def confirm_discard(self) -> DiscardChoice:
        self.asked += 1
        return self.answer


OpenDialog = Callable[..., tuple[RecordDialog, Officer]]


@pytest.fixture
def open_dialog(qtbot: QtBot, ctx: AppContext) -> OpenDialog:
    """Show a RecordDialog with the question hooks answered by an `Officer` (so closing a
    changed form at teardown never blocks on a message box)."""

    def make(form_key: str, **kwargs: Any) -> tuple[RecordDialog, Officer]:
        dialog = RecordDialog(ctx, form_key, **kwargs)
        officer = Officer()
        dialog.confirm_discard = officer.confirm_discard
        dialog.show_error = officer.errors.append
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        return dialog, officer

    return make


def ctrl_s(qtbot: QtBot) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key)


def choose(editor: Any, key: str) -> None:
    assert isinstance(editor, ChoiceEditor | PickEditor)
    index = editor.findData(key)
    assert index >= 0, f"{key} is not offered"
    editor.setFocus()
    editor.setCurrentIndex(index)


def fields_of(dialog: RecordDialog) -> dict[str, Any]:
    return {key: dialog.form.editor(key) for key in dialog.form.field_order()}


# --- adding a cooperative --------------------------------------------------------------------


def test_add_cooperative_typed_in_vietnamese_and_saved_with_ctrl_s(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    dialog, officer = open_dialog("cooperative")
    assert dialog.windowTitle() == "Hợp tác xã — thêm mới"
    name = "Hợp tác xã Nông nghiệp Tịnh Khê"
    decomposed = unicodedata.normalize("NFD", name)  # what some input methods send
    type_text(dialog.form.editor("name"), decomposed)
    assert field_text(dialog.form.editor("name")) == decomposed

    commune = dialog.form.editor("commune_code")
    assert isinstance(commune, ChoiceEditor)
    assert (commune.raw_value(), commune.currentText()) == (UNIT, UNIT_NAME)  # her only one

    sector = dialog.form.editor("sector")
    assert sector.raw_value() is None and sector.currentText() == ""  # nothing chosen for her
    sector.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert sector.raw_value() == "nong_nghiep"
    assert dialog.save_button.isEnabled()

    with (
        qtbot.waitSignal(dialog.saved, timeout=5000) as saved,
        qtbot.waitSignal(ctx.events.changed, timeout=5000) as changed,
    ):
        ctrl_s(qtbot)
    record_id = saved.args[0]
    assert changed.args == ["cooperative"]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as session:
        rows = session.scalars(select(Cooperative)).all()
    assert [r.id for r in rows] == [record_id]
    coop = rows[0]
    assert coop.name == name and unicodedata.is_normalized("NFC", coop.name)
    assert (coop.commune_code, coop.sector, coop.status, coop.unit_code) == (
        UNIT,
        "nong_nghiep",
        "hoat_dong",
        UNIT,
    )
    assert officer.errors == [] and officer.asked == 0


def test_wrong_registration_code_shows_its_message_and_counts_what_is_left(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog, _ = open_dialog("cooperative")
    form = dialog.form
    type_text(form.editor("name"), "Hợp tác xã Đồng Tâm")
    code = form.editor("registration_code")
    code.setFocus()
    qtbot.keyClicks(code, "12345")
    message = get_form("cooperative").field("registration_code").pattern_message_vi
    assert form.error_text("registration_code") == message
    assert form.rows["registration_code"].error.isVisible()
    assert not form.is_valid()
    # Save stays enabled: pressing it shows everything that is missing, at once.
    assert dialog.save_button.isEnabled() and dialog.save_new_button.isEnabled()
    # The sector is missing too, but she has not reached it yet: no red under it so far.
    assert form.errors()["sector"] == REQUIRED
    assert form.error_text("sector") == ""
    assert "2 mục" in dialog.status_label.text()

    choose(form.editor("sector"), "dich_vu")
    assert "1 mục" in dialog.status_label.text()
    qtbot.keyClicks(code, "67890")
    assert form.error_text("registration_code") == ""
    assert form.is_valid()
    assert dialog.status_label.text() == ""


def test_female_members_above_total_is_reported_under_the_field(
    qtbot: QtBot, open_dialog: OpenDialog, coop_id: str
) -> None:
    dialog, _ = open_dialog("period_figures", links={"cooperative_id": coop_id})
    form = dialog.form
    assert dialog.findChild(QLabel, "parent_header").text() == "Thuộc: Hợp tác xã Dừa Xanh"
    choose(form.editor("period"), "2025-H1")
    for key, text in (
        ("members_total", "10"),
        ("members_female", "12"),
        ("workers_total", "5"),
        ("workers_female", "5"),
    ):
        type_text(form.editor(key), text)
    assert form.error_text("members_female") == (
        "Số thành viên nữ không được lớn hơn tổng số thành viên."
    )
    assert not form.is_valid()

    type_text(form.editor("members_female"), "8", replace=True)
    assert form.error_text("members_female") == ""
    assert form.is_valid()


def test_period_figures_typed_the_vietnamese_way_are_saved_exactly(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, coop_id: str
) -> None:
    dialog, _ = open_dialog("period_figures", links={"cooperative_id": coop_id})
    form = dialog.form
    choose(form.editor("period"), "2025-H1")
    for key, text in (
        ("members_total", "1.234"),
        ("members_female", "600"),
        ("workers_total", "1000"),
        ("workers_female", "800"),
        ("revenue", "12,5"),
    ):
        type_text(form.editor(key), text)
        press(qtbot, Qt.Key.Key_Tab)  # leaving the field tidies the number
    assert field_text(form.editor("workers_total")) == "1.000"
    assert field_text(form.editor("revenue")) == "12,5"
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        ctrl_s(qtbot)
    with ctx.db.session() as session:
        figures = session.get(PeriodFigures, saved.args[0])
        assert figures is not None
        assert (figures.cooperative_id, figures.group_id, figures.period) == (
            coop_id,
            None,
            "2025-H1",
        )
        assert (figures.members_total, figures.members_female) == (1234, 600)
        assert (figures.workers_total, figures.workers_female) == (1000, 800)
        assert figures.revenue == Decimal("12.5")
        assert figures.workers_poor == 0  # blank optional count: the column's default


# --- trying to save an invalid record --------------------------------------------------------


def test_ctrl_s_on_an_invalid_form_focuses_the_first_invalid_field(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    dialog, _ = open_dialog("cooperative")
    form = dialog.form
    assert form.error_text("name") == ""  # a new form does not open covered in red
    type_text(form.editor("address"), "Thôn Sơn Mỹ")
    ctrl_s(qtbot)

    assert QApplication.focusWidget() is form.editor("name")
    assert form.error_text("name") == REQUIRED
    assert form.error_text("sector") == REQUIRED  # untouched, shown after the attempt
    assert dialog.isVisible()

    type_text(form.editor("name"), "Hợp tác xã Sơn Mỹ")
    ctrl_s(qtbot)
    assert QApplication.focusWidget() is form.editor("sector")
    qtbot.wait(50)
    with ctx.db.session() as session:
        assert session.scalars(select(Cooperative)).all() == []


def test_blank_required_dates_are_reported_when_saving(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    dialog, _ = open_dialog("training_session")
    form = dialog.form
    type_text(form.editor("title"), "Lớp kỹ năng số cho nữ quản lý HTX")
    topics = form.editor("topics")
    assert isinstance(topics, MultiChoiceEditor)
    topics.set_checked("ky_nang_so")
    ctrl_s(qtbot)
    assert QApplication.focusWidget() is form.editor("start_date").focus_target()
    assert form.error_text("start_date") == REQUIRED
    assert form.error_text("end_date") == REQUIRED


# --- save and add another --------------------------------------------------------------------


def test_save_and_new_keeps_the_link_and_restores_defaults(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, coop_id: str
) -> None:
    dialog, _ = open_dialog("manager", links={"cooperative_id": coop_id})
    form = dialog.form
    type_text(form.editor("full_name"), "Trần Thị Mỹ Lệ")
    choose(form.editor("role"), "giam_doc")
    choose(form.editor("sex"), "nam")
    form.editor("consent").setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_new_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert form.values() == {
        "full_name": "",
        "role": None,
        "sex": "nu",  # the spec's default again, though she chose "nam" last time
        "birth_year": "",
        "ethnicity": "",
        "phone": "",
        "consent": False,
    }
    assert dialog.links == {"cooperative_id": coop_id}
    assert not form.dirty
    assert form.error_text("full_name") == ""
    assert QApplication.focusWidget() is form.editor("full_name")

    type_text(form.editor("full_name"), "Phạm Văn Đức")
    choose(form.editor("role"), "thanh_vien_bks")
    form.editor("consent").setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as session:
        managers = session.scalars(select(Manager).order_by(Manager.created_at)).all()
    assert [(m.full_name, m.sex, m.cooperative_id) for m in managers] == [
        ("Trần Thị Mỹ Lệ", "nam", coop_id),
        ("Phạm Văn Đức", "nu", coop_id),
    ]


def test_save_and_new_keeps_the_commune_for_the_next_cooperative(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    communes = {UNIT: UNIT_NAME, "21034": "Xã An Phú"}
    dialog, _ = open_dialog("cooperative", communes=communes)
    form = dialog.form
    assert form.editor("commune_code").raw_value() is None  # two communes: she chooses
    type_text(form.editor("name"), "Hợp tác xã Ánh Dương")
    choose(form.editor("commune_code"), UNIT)
    choose(form.editor("sector"), "thuy_san")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_new_button, Qt.MouseButton.LeftButton)
    assert form.editor("commune_code").raw_value() == UNIT
    assert form.editor("sector").raw_value() is None
    assert field_text(form.editor("name")) == ""


# --- leaving with changes --------------------------------------------------------------------


def test_escape_with_changes_asks_and_going_back_keeps_the_form(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    dialog, officer = open_dialog("cooperative")
    type_text(dialog.form.editor("name"), "Hợp tác xã Bình Minh")
    officer.answer = DiscardChoice.BACK
    press(qtbot, Qt.Key.Key_Escape)
    assert officer.asked == 1
    assert dialog.isVisible()
    assert field_text(dialog.form.editor("name")) == "Hợp tác xã Bình Minh"

    officer.answer = DiscardChoice.DISCARD
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert officer.asked == 2
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert DraftStore(ctx.db.path).pending() == []


def test_escape_without_changes_closes_without_asking(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog, officer = open_dialog("cooperative")
    type_text(dialog.form.editor("name"), "Á")
    press(qtbot, Qt.Key.Key_Backspace)  # typed and removed again: nothing to lose
    assert not dialog.form.dirty
    press(qtbot, Qt.Key.Key_Escape)
    assert officer.asked == 0
    assert not dialog.isVisible()


def test_closing_with_changes_and_choosing_save_saves_then_closes(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    dialog, officer = open_dialog("cooperative")
    type_text(dialog.form.editor("name"), "Hợp tác xã Hòa Bình")
    choose(dialog.form.editor("sector"), "khac")
    officer.answer = DiscardChoice.SAVE
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as session:
        assert [c.name for c in session.scalars(select(Cooperative))] == ["Hợp tác xã Hòa Bình"]


# --- drafts ----------------------------------------------------------------------------------


def test_draft_is_written_after_typing_offered_back_and_removed_after_save(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    store = DraftStore(ctx.db.path)
    first, _ = open_dialog("cooperative")
    type_text(first.form.editor("name"), "Hợp tác xã Gốm Đồng Nai")
    type_text(first.form.editor("charter_capital"), "1.500,5")
    assert store.pending() == []  # written a second after the last change, not per key
    qtbot.waitUntil(lambda: len(store.pending()) == 1, timeout=3000)
    draft = store.pending()[0]
    assert (draft.form_key, draft.record_id) == ("cooperative", None)
    assert draft.values["name"] == "Hợp tác xã Gốm Đồng Nai"
    assert draft.values["charter_capital"] == "1.500,5"
    assert draft.values["commune_code"] == UNIT
    first.done(QDialog.DialogCode.Rejected)  # the window goes away as in a crash: no question

    second, _ = open_dialog("cooperative", draft=draft)
    assert field_text(second.form.editor("name")) == "Hợp tác xã Gốm Đồng Nai"
    assert second.form.dirty
    assert "khôi phục bản nháp" in second.status_label.text() or not second.form.is_valid()
    choose(second.form.editor("sector"), "tieu_thu_cong_nghiep")
    assert "khôi phục bản nháp" in second.status_label.text()
    with qtbot.waitSignal(second.saved, timeout=5000) as saved:
        ctrl_s(qtbot)
    assert store.pending() == []
    with ctx.db.session() as session:
        coop = session.get(Cooperative, saved.args[0])
        assert coop is not None and coop.charter_capital == Decimal("1500.5")


def test_discarding_the_changes_deletes_the_draft(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    store = DraftStore(ctx.db.path)
    dialog, officer = open_dialog("cooperative")
    type_text(dialog.form.editor("name"), "Hợp tác xã Tạm")
    dialog.write_draft()
    assert len(store.pending()) == 1
    officer.answer = DiscardChoice.DISCARD
    press(qtbot, Qt.Key.Key_Escape)
    assert store.pending() == []


# --- editing ---------------------------------------------------------------------------------


def test_edit_mode_shows_stored_values_and_raises_the_revision(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    with ctx.db.session() as session:
        record_id = create_record(
            session,
            "cooperative",
            {
                "name": "Hợp tác xã Đồng Tâm",
                "commune_code": UNIT,
                "sector": "tieu_thu_cong_nghiep",
                "established_on": date(1998, 7, 15),
                "charter_capital": Decimal("1234.5"),
                "union_supported": True,
                "union_support_year": 2020,
            },
            UNIT,
            ctx.validation(),
        ).id
    dialog, _ = open_dialog("cooperative", record_id=record_id)
    form = dialog.form
    assert dialog.windowTitle() == "Hợp tác xã — sửa thông tin"
    assert not dialog.save_new_button.isVisible()
    assert field_text(form.editor("established_on")) == "15/07/1998"
    assert field_text(form.editor("charter_capital")) == "1.234,5"
    assert field_text(form.editor("union_support_year")) == "2020"  # a year, not "2.020"
    assert form.editor("union_supported").isChecked()
    assert form.editor("sector").currentText() == "Tiểu thủ công nghiệp"
    assert not form.dirty

    type_text(form.editor("address"), "Thôn Trường Thọ, xã Tịnh Khê")
    assert form.dirty
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        ctrl_s(qtbot)
    assert saved.args == [record_id]
    with ctx.db.session() as session:
        coop = session.get(Cooperative, record_id)
        assert coop is not None
        assert coop.revision == 2
        assert coop.address == "Thôn Trường Thọ, xã Tịnh Khê"
        assert coop.charter_capital == Decimal("1234.5")
        assert coop.established_on == date(1998, 7, 15)


def test_saving_an_unchanged_record_does_not_raise_its_revision(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, coop_id: str
) -> None:
    dialog, _ = open_dialog("cooperative", record_id=coop_id)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        ctrl_s(qtbot)
    with ctx.db.session() as session:
        coop = session.get(Cooperative, coop_id)
        assert coop is not None and coop.revision == 1


def test_a_record_deleted_meanwhile_gives_a_readable_message(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, coop_id: str
) -> None:
    dialog, officer = open_dialog("cooperative", record_id=coop_id)
    with ctx.db.session() as session:
        delete_record(session, "cooperative", coop_id)
    type_text(dialog.form.editor("address"), "Thôn Mỹ Lai")
    ctrl_s(qtbot)
    qtbot.waitUntil(lambda: officer.errors != [], timeout=5000)
    assert officer.errors[0].startswith("Không tìm thấy bản ghi (Hợp tác xã)")
    assert "Traceback" not in officer.errors[0]
    assert dialog.isVisible()
    assert dialog.save_button.isEnabled()


# --- failures from the service ---------------------------------------------------------------


def test_validation_failed_from_the_service_shows_on_the_field(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = "Đã có hợp tác xã cùng tên trong xã này."

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise ValidationFailed({"name": message})

    monkeypatch.setattr(record_dialog, "create_record", refuse)
    dialog, officer = open_dialog("cooperative")
    type_text(dialog.form.editor("name"), "Hợp tác xã Dừa Xanh")
    choose(dialog.form.editor("sector"), "nong_nghiep")
    ctrl_s(qtbot)
    qtbot.waitUntil(lambda: dialog.form.error_text("name") == message, timeout=5000)
    assert QApplication.focusWidget() is dialog.form.editor("name")
    assert not dialog.form.is_valid()
    assert officer.errors == []
    assert dialog.isVisible()

    type_text(dialog.form.editor("name"), " Hai")  # her edit answers the message
    assert dialog.form.error_text("name") == ""
    assert dialog.form.is_valid()


def test_an_unexpected_error_is_explained_not_dumped(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom at line 42")

    monkeypatch.setattr(record_dialog, "create_record", fail)
    dialog, officer = open_dialog("cooperative")
    type_text(dialog.form.editor("name"), "Hợp tác xã Tân Phú")
    choose(dialog.form.editor("sector"), "dich_vu")
    ctrl_s(qtbot)
    qtbot.waitUntil(lambda: officer.errors != [], timeout=5000)
    text = officer.errors[0]
    assert text.startswith("Không lưu được hợp tác xã.")
    assert "boom" not in text and "Traceback" not in text
    assert "RuntimeError" in text  # a code support can look up
    assert dialog.isVisible()
    drafts = DraftStore(ctx.db.path).pending()
    assert [d.values["name"] for d in drafts] == ["Hợp tác xã Tân Phú"]  # kept at once


# --- the date editor -------------------------------------------------------------------------


def test_date_editor_shows_day_month_year_and_can_stay_blank(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog, _ = open_dialog("cooperative")
    form = dialog.form
    editor = form.editor("established_on")
    assert isinstance(editor, DateEditor)
    assert editor.line.placeholderText() == "dd/mm/yyyy"
    assert editor.raw_value() is None and form.errors().get("established_on") is None

    type_text(editor, "5/1/2020")
    press(qtbot, Qt.Key.Key_Tab)
    assert editor.text() == "05/01/2020"
    assert editor.raw_value() == "2020-01-05"
    assert form.error_text("established_on") == ""

    editor.setFocus()
    press(qtbot, Qt.Key.Key_F4)
    assert editor.popup.isVisible()
    calendar = editor.popup.calendar
    assert calendar.selectedDate() == QDate(2020, 1, 5)
    calendar.activated.emit(QDate(2021, 3, 9))
    assert not editor.popup.isVisible()
    assert editor.text() == "09/03/2021"

    type_text(editor, "31/02/2021", replace=True)
    assert form.error_text("established_on").startswith("Ngày không hợp lệ")

    editor.line.clear()  # an optional date can be emptied again
    assert editor.raw_value() is None
    assert form.error_text("established_on") == ""


def test_training_session_with_dates_and_topics_is_saved(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog
) -> None:
    dialog, _ = open_dialog("training_session")
    form = dialog.form
    type_text(form.editor("title"), "Tập huấn thương mại điện tử")
    topics = form.editor("topics")
    assert isinstance(topics, MultiChoiceEditor)
    topics.set_checked("thuong_mai_dien_tu")
    topics.set_checked("quan_tri")
    type_text(form.editor("start_date"), "05/01/2026")
    type_text(form.editor("end_date"), "06-01-2026")
    type_text(form.editor("other_women"), "25")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        ctrl_s(qtbot)
    with ctx.db.session() as session:
        training = session.get(TrainingSession, saved.args[0])
        assert training is not None
        assert training.topics == ["quan_tri", "thuong_mai_dien_tu"]  # the spec's order
        assert (training.start_date, training.end_date) == (date(2026, 1, 5), date(2026, 1, 6))
        assert training.other_women == 25


# --- the manager form ------------------------------------------------------------------------


def test_manager_from_an_htx_is_saved_only_with_consent(
    qtbot: QtBot, ctx: AppContext, open_dialog: OpenDialog, coop_id: str
) -> None:
    dialog, _ = open_dialog("manager", links={"cooperative_id": coop_id})
    form = dialog.form
    role = form.editor("role")
    assert isinstance(role, ChoiceEditor)
    offered = [role.itemData(i) for i in range(role.count())]
    assert "giam_doc" in offered and "to_truong" not in offered  # group roles: not for an HTX
    type_text(form.editor("full_name"), "Lê Thị Ánh Nguyệt")
    choose(role, "giam_doc")
    type_text(form.editor("birth_year"), "1985")
    type_text(form.editor("ethnicity"), "Hrê")
    ctrl_s(qtbot)
    consent = form.editor("consent")
    assert QApplication.focusWidget() is consent
    assert form.error_text("consent") == (
        "Cần có sự đồng ý của người quản lý trước khi lưu thông tin cá nhân."
    )
    press(qtbot, Qt.Key.Key_Space)
    assert consent.isChecked()
    assert form.error_text("consent") == ""
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        ctrl_s(qtbot)
    with ctx.db.session() as session:
        manager = session.get(Manager, saved.args[0])
        assert manager is not None
        assert (manager.cooperative_id, manager.group_id) == (coop_id, None)
        assert (manager.full_name, manager.role, manager.sex) == (
            "Lê Thị Ánh Nguyệt",
            "giam_doc",
            "nu",
        )
        assert (manager.birth_year, manager.ethnicity, manager.consent) == (1985, "Hrê", True)
        assert manager.unit_code == UNIT


# --- layout ----------------------------------------------------------------------------------


def test_sections_labels_help_and_required_marks_follow_the_spec(
    open_dialog: OpenDialog,
) -> None:
    dialog, _ = open_dialog("cooperative")
    spec = get_form("cooperative")
    groups = dialog.form.content.findChildren(QGroupBox)
    assert [g.title() for g in groups] == [s.label_vi for s in spec.sections]
    for field in spec.fields:
        row = dialog.form.rows[field.key]
        target = row.editor.focus_target()
        if field.type == "boolean":
            assert row.editor.text() == field.label_vi
        else:
            assert row.label is not None
            assert row.label.buddy() is target
            assert field.label_vi in row.label.text()
            assert ("*" in row.label.text()) == field.required
        if field.help_vi:
            assert row.help is not None and row.help.text() == field.help_vi
            assert row.editor.toolTip() == field.help_vi
        else:
            assert row.help is None
    assert isinstance(dialog.form.editor("charter_capital"), NumberEditor)


def test_tab_moves_through_the_fields_in_visual_order(
    qtbot: QtBot, open_dialog: OpenDialog
) -> None:
    dialog, _ = open_dialog("cooperative")
    order = dialog.form.field_order()
    targets: dict[int, str] = {id(dialog.form.editor(k).focus_target()): k for k in order}
    assert QApplication.focusWidget() is dialog.form.editor(order[0])
    visited: list[str] = [order[0]]
    for _ in order[1:]:
        press(qtbot, Qt.Key.Key_Tab)
        focused: QWidget | None = QApplication.focusWidget()
        assert focused is not None
        visited.append(targets.get(id(focused), type(focused).__name__))
    assert visited == order
    press(qtbot, Qt.Key.Key_Tab)
    # Then the buttons, Save first (enabled even on this empty form: it shows what is missing).
    assert QApplication.focusWidget() is dialog.save_button
