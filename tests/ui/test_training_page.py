"""The training page: a session's named attendees chosen in the picker, the counts of other
participants, and the list of female managers still to train shrinking as they attend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.registry.training import CADRE, MANAGER
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import TrainingAttendance
from htx_desktop.ui.confirm import ScriptedInteraction
from htx_desktop.ui.context import AppContext, load_scope
from htx_desktop.ui.pages.attendee_picker import NAME, AttendeePicker, PeopleModel
from htx_desktop.ui.pages.training_page import TrainingPage
from htx_desktop.ui.tasks import TaskRunner

UNIT = "21211"  # Xã Tịnh Khê


def add(db: Database, form_key: str, values: dict[str, Any], unit: str = UNIT) -> str:
    with db.session() as session:
        return create_record(session, form_key, values, unit).id


def open_db(template: Path, path: Path) -> Database:
    path.write_bytes(template.read_bytes())
    db = open_database(path)
    with db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch")
    return db


@pytest.fixture
def db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = open_db(template_db_path, tmp_path / "training.sqlite3")
    yield database
    database.close()


@pytest.fixture
def data(db: Database) -> dict[str, str]:
    coop = add(
        db,
        "cooperative",
        {"name": "Hợp tác xã Nông nghiệp Tịnh Khê", "commune_code": UNIT, "sector": "nong_nghiep"},
    )

    def manager(name: str, role: str, sex: str = "nu") -> str:
        values = {"full_name": name, "role": role, "sex": sex, "consent": True}
        return add(db, "manager", values | {"cooperative_id": coop})

    ids = {
        "coop": coop,
        "lan": manager("Trần Thị Lan", "chu_tich_hdqt"),
        "mai": manager("Lê Thị Mai", "thanh_vien_bks"),
        "nam": manager("Trần Văn Nam", "giam_doc", "nam"),
        "hoa": add(
            db,
            "union_cadre",
            {
                "full_name": "Nguyễn Thị Hoa",
                "work_unit": "Hội LHPN xã Tịnh Khê",
                "position": "Chủ tịch",
                "consent": True,
            },
        ),
        "course": add(
            db,
            "training_session",
            {
                "title": "Tập huấn quản trị hợp tác xã",
                "topics": ["quan_tri"],
                "start_date": date(2025, 5, 6),
                "end_date": date(2025, 5, 7),
                "place": "Hội trường UBND xã Tịnh Khê",
                "other_members": 12,
                "other_workers": 30,
                "women_poor": 4,
            },
        ),
    }
    return ids


@pytest.fixture
def page(qtbot: QtBot, db: Database, data: dict[str, str]) -> Iterator[TrainingPage]:
    yield from _page(qtbot, db)


def _page(qtbot: QtBot, db: Database) -> Iterator[TrainingPage]:
    scope = load_scope(db)
    assert scope is not None
    runner = TaskRunner()
    ctx = AppContext(db, scope, runner)
    ctx.interaction = ScriptedInteraction()  # type: ignore[attr-defined]
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    with qtbot.waitSignals([page.loaded, page.untrained.loaded], timeout=10_000):
        page.refresh()
        page.show()
    yield page
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, AttendeePicker):
            widget.close()
    runner.wait()


def open_picker(qtbot: QtBot, page: TrainingPage, training_id: str) -> AttendeePicker:
    page.select_id(training_id)
    detail = page.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == training_id)
    qtbot.mouseClick(detail.pick_button, Qt.MouseButton.LeftButton)
    picker = detail.picker
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(lambda: picker.ready)
    return picker


def visible_names(model: PeopleModel) -> list[str]:
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def search(qtbot: QtBot, picker: AttendeePicker, text: str) -> None:
    picker.search_box.clear()
    qtbot.keyClicks(picker.search_box, text)  # ASCII only: accent-free search needs no more
    picker.apply_search()


def test_recording_attendees_shrinks_the_untrained_list(
    qtbot: QtBot, page: TrainingPage, data: dict[str, str], db: Database, qtmodeltester
) -> None:
    assert page.status_text == "1 / 1 lớp tập huấn"
    assert page.untrained.names() == ["Lê Thị Mai", "Trần Thị Lan"]
    assert page.untrained.title.text() == "Nữ quản lý chưa được tập huấn quản trị (2)"

    picker = open_picker(qtbot, page, data["course"])
    assert picker.model.total_count() == 4  # three managers and the cadre
    search(qtbot, picker, "tran thi")
    assert visible_names(picker.model) == ["Trần Thị Lan"]
    picker.view.setCurrentIndex(picker.model.index(0, NAME))
    picker.view.setFocus()
    qtbot.keyClick(picker.view, Qt.Key.Key_Space)
    search(qtbot, picker, "hoi lhpn")  # cadres are found by their unit too
    assert visible_names(picker.model) == ["Nguyễn Thị Hoa"]
    picker.model.toggle(0)
    picker.only_checked.setChecked(True)
    search(qtbot, picker, "")
    assert visible_names(picker.model) == ["Nguyễn Thị Hoa", "Trần Thị Lan"]
    assert picker.count_label.text() == "Đã đánh dấu 2 người (1 người quản lý, 1 cán bộ Hội)"
    qtmodeltester.check(picker.model)

    with qtbot.waitSignal(page.untrained.loaded, timeout=10_000):
        qtbot.mouseClick(picker.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.picker is None)
    assert page.untrained.names() == ["Lê Thị Mai"]
    assert page.untrained.title.text() == "Nữ quản lý chưa được tập huấn quản trị (1)"
    detail = page.detail
    qtbot.waitUntil(lambda: detail.attendees_model.rowCount() == 2)
    assert visible_names(detail.attendees_model) == ["Nguyễn Thị Hoa", "Trần Thị Lan"]
    assert detail.named_box.title() == "Học viên có tên (2)"
    qtmodeltester.check(detail.attendees_model)
    qtmodeltester.check(page.untrained.model)
    with db.session() as session:
        rows = session.scalars(select(TrainingAttendance)).all()
        assert {(r.manager_id, r.cadre_id) for r in rows} == {
            (data["lan"], None),
            (None, data["hoa"]),
        }
        assert {r.unit_code for r in rows} == {UNIT}


def test_unticking_an_attendee_tombstones_her_attendance(
    qtbot: QtBot, page: TrainingPage, data: dict[str, str], db: Database
) -> None:
    picker = open_picker(qtbot, page, data["course"])
    picker.model.set_checked({(MANAGER, data["lan"]), (MANAGER, data["mai"]), (CADRE, data["hoa"])})
    with qtbot.waitSignal(page.untrained.loaded, timeout=10_000):
        picker.save()
    assert page.untrained.names() == []

    picker = open_picker(qtbot, page, data["course"])
    assert picker.model.checked() == {
        (MANAGER, data["lan"]),
        (MANAGER, data["mai"]),
        (CADRE, data["hoa"]),
    }
    search(qtbot, picker, "le thi mai")
    picker.view.setCurrentIndex(picker.model.index(0, 2))  # Space works from any column
    picker.view.setFocus()
    qtbot.keyClick(picker.view, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.untrained.loaded, timeout=10_000):
        picker.save()
    assert page.untrained.names() == ["Lê Thị Mai"]
    with db.session() as session:
        row = session.scalars(
            select(TrainingAttendance).where(TrainingAttendance.manager_id == data["mai"])
        ).one()
        assert row.deleted is True and row.deleted_at is not None


def test_session_detail_shows_the_other_participant_counts(
    qtbot: QtBot, page: TrainingPage, data: dict[str, str]
) -> None:
    detail = page.detail
    assert detail.stack.currentWidget() is detail.placeholder
    page.select_id(data["course"])
    qtbot.waitUntil(lambda: detail.detail is not None)
    assert detail.title_label.text() == "Tập huấn quản trị hợp tác xã"
    assert detail.when_label.text().startswith("06/05/2025 – 07/05/2025 · Hội trường UBND")
    assert detail.topics_label.text() == "Nội dung: Quản trị, điều hành HTX"
    counts = {key: label.text() for key, label in detail.count_labels.items()}
    assert counts["other_members"] == "12"
    assert counts["other_workers"] == "30"
    assert counts["women_poor"] == "4"
    assert counts["women_disabled"] == "0"
    assert detail.named_box.title() == "Học viên có tên (0)"


def test_topic_filter_and_deleting_a_session_restores_the_untrained(
    qtbot: QtBot, page: TrainingPage, data: dict[str, str], db: Database
) -> None:
    add(
        db,
        "training_session",
        {
            "title": "Kỹ năng số cho thành viên",
            "topics": ["ky_nang_so"],
            "start_date": date(2025, 8, 1),
            "end_date": date(2025, 8, 1),
        },
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.ctx.events.changed.emit("training_session")
    assert page.status_text == "2 / 2 lớp tập huấn"
    assert page.model.index(0, 0).data() == "Kỹ năng số cho thành viên"  # newest first
    topics = page.filter_combos["topics"]
    topics.setCurrentIndex(topics.findData("quan_tri"))
    assert page.model.rowCount() == 1
    assert page.status_text == "1 / 2 lớp tập huấn"

    picker = open_picker(qtbot, page, data["course"])
    picker.model.set_checked({(MANAGER, data["lan"]), (MANAGER, data["mai"])})
    with qtbot.waitSignal(page.untrained.loaded, timeout=10_000):
        picker.save()
    assert page.untrained.names() == []

    page.ctx.interaction.answers.append(True)
    page.select_id(data["course"])
    with qtbot.waitSignal(page.untrained.loaded, timeout=10_000):
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    asked = page.ctx.interaction.asked[-1]
    assert "Tập huấn quản trị hợp tác xã" in asked.text and "học viên" in asked.text
    assert page.untrained.names() == ["Lê Thị Mai", "Trần Thị Lan"]
    qtbot.waitUntil(lambda: page.status_text == "0 / 1 lớp tập huấn")


def test_screenshot_of_the_training_page_on_demo_data(
    qtbot: QtBot, template_db_path: Path, tmp_path: Path
) -> None:
    """Demo data with two untrained managers added (set HTX_SCREENSHOTS=folder to keep it)."""
    from htx_desktop.demo import fill_demo

    db = open_db(template_db_path, tmp_path / "demo.sqlite3")
    try:
        with db.session() as session:
            fill_demo(session, UNIT, seed=1)
        coop = add(
            db,
            "cooperative",
            {
                "name": "Hợp tác xã Rau an toàn Tịnh Khê",
                "commune_code": UNIT,
                "sector": "nong_nghiep",
            },
        )
        for name, role in (("Võ Thị Hạnh", "giam_doc"), ("Phạm Thị Lệ", "thanh_vien_hdqt")):
            add(
                db,
                "manager",
                {"full_name": name, "role": role, "sex": "nu", "consent": True}
                | {"cooperative_id": coop},
            )
        gen = _page(qtbot, db)
        page = next(gen)
        assert page.untrained.names() == ["Phạm Thị Lệ", "Võ Thị Hạnh"]
        page.select_row(0)
        qtbot.waitUntil(lambda: page.detail.detail is not None)
        image = page.grab()
        assert not image.isNull()
        folder = Path(os.environ.get("HTX_SCREENSHOTS") or tmp_path)
        assert image.save(str(folder / "training_page.png"))
        next(gen, None)
    finally:
        db.close()


def test_people_model_passes_the_model_tester(qtmodeltester) -> None:
    from htx_desktop.registry.training import Person

    people = [
        Person(MANAGER, "m1", "Trần Thị Lan", "nu", "Giám đốc", "HTX Hoa Sen", "Xã Tịnh Khê"),
        Person(CADRE, "c1", "Nguyễn Thị Hoa", "nu", "Chủ tịch", "Hội LHPN xã", ""),
    ]
    for checkable in (False, True):
        model = PeopleModel(checkable=checkable)
        model.set_people(people)
        model.set_checked({(CADRE, "c1")})
        qtmodeltester.check(model)
        model.set_search("tran")
        assert model.rowCount() == 1
        assert model.index(0, 3).data() == "HTX Hoa Sen (Xã Tịnh Khê)"
        model.set_people([])
        qtmodeltester.check(model)
