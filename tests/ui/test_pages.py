"""The record pages driven like an officer drives them: real widgets, keys and clicks through
qtbot, rows read through the task runner from a real database, questions answered by a
scripted interaction (no modal box ever blocks the run)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from htx_desktop.registry.listing import ListRow, RowOrder, list_columns
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, Manager, OfficerProfile, PeriodFigures
from htx_desktop.storage.units import create_district
from htx_desktop.text import fold
from htx_desktop.ui import record_model
from htx_desktop.ui.confirm import ScriptedInteraction
from htx_desktop.ui.context import AppContext, load_scope
from htx_desktop.ui.pages.cadre_page import CadrePage
from htx_desktop.ui.pages.cooperative_page import CooperativePage
from htx_desktop.ui.pages.group_page import GroupPage
from htx_desktop.ui.pages.record_list_page import RecordListPage
from htx_desktop.ui.record_dialog import RecordDialog
from htx_desktop.ui.record_model import RecordTableModel
from htx_desktop.ui.record_table_view import FIT_SAMPLE_ROWS, RecordTableView
from htx_desktop.ui.tasks import TaskRunner

UNIT = "21211"  # Xã Tịnh Khê
OTHER = "21034"  # Xã An Phú


# --- fixtures ------------------------------------------------------------------------------


def add(db: Database, form_key: str, values: dict[str, Any], unit: str = UNIT) -> str:
    with db.session() as session:
        return create_record(session, form_key, values, unit).id


@pytest.fixture
def db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    """A commune officer's database: three HTX of her commune, one elsewhere, two THT."""
    path = tmp_path / "pages.sqlite3"
    path.write_bytes(template_db_path.read_bytes())
    database = open_database(path)
    with database.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch")
    yield database
    database.close()


@pytest.fixture
def data(db: Database) -> dict[str, str]:
    def coop(name: str, commune: str = UNIT, **extra: Any) -> str:
        values = {"name": name, "commune_code": commune, "sector": "nong_nghiep"} | extra
        return add(db, "cooperative", values, commune)

    def manager(name: str, role: str, sex: str, **link: str) -> str:
        return add(
            db, "manager", {"full_name": name, "role": role, "sex": sex, "consent": True} | link
        )

    ids = {
        "nong": coop("Hợp tác xã Nông nghiệp Tịnh Khê", registration_code="4300123456"),
        "det": coop("Hợp tác xã Dệt Thổ Cẩm", sector="tieu_thu_cong_nghiep", status="tam_ngung"),
        "dong": coop("Hợp tác xã Nước mắm Đồng Tâm", sector="thuy_san", status="giai_the"),
        "far": coop("Hợp tác xã Xã Khác", OTHER),
    }
    ids["lan"] = manager("Trần Thị Lan", "giam_doc", "nu", cooperative_id=ids["nong"])
    ids["nam"] = manager("Trần Văn Nam", "chu_tich_hdqt", "nam", cooperative_id=ids["nong"])
    manager("Lê Văn Tư", "giam_doc", "nam", cooperative_id=ids["dong"])
    manager("Phạm Thị Thu", "khac", "nu", cooperative_id=ids["dong"])  # accountant only
    manager("Đỗ Thị Xa", "giam_doc", "nu", cooperative_id=ids["far"])
    ids["fig"] = add(
        db,
        "period_figures",
        {
            "period": "2025-H2",
            "members_total": 30,
            "members_female": 20,
            "workers_total": 10,
            "workers_female": 6,
            "cooperative_id": ids["nong"],
        },
    )
    ids["rau"] = add(
        db,
        "cooperative_group",
        {"name": "Tổ hợp tác Rau sạch", "commune_code": UNIT, "sector": "nong_nghiep"},
    )
    ids["nam_tht"] = add(
        db,
        "cooperative_group",
        {"name": "Tổ hợp tác Mây tre", "commune_code": UNIT, "sector": "tieu_thu_cong_nghiep"},
    )
    manager("Ngô Thị Yến", "to_pho", "nu", group_id=ids["rau"])
    manager("Bùi Văn Tâm", "to_truong", "nam", group_id=ids["nam_tht"])
    return ids


@pytest.fixture
def make_page(qtbot: QtBot) -> Iterator[Callable[..., Any]]:
    """`make_page(PageClass, db, answers=(), state=None)`: a shown page on its own context,
    with a `ScriptedInteraction` answering confirmations; waits for the first load."""
    runners: list[TaskRunner] = []

    def make(
        cls: type[RecordListPage],
        database: Database,
        answers: tuple[bool, ...] = (),
        state: dict[str, Any] | None = None,
    ) -> Any:
        scope = load_scope(database)
        assert scope is not None
        runner = TaskRunner()
        runners.append(runner)
        ctx = AppContext(database, scope, runner)
        ctx.interaction = ScriptedInteraction(answers)  # type: ignore[attr-defined]
        page = cls(ctx)
        qtbot.addWidget(page)
        page.resize(1100, 720)
        if state is not None:
            page.restore_state(state)  # as the main window does, before the first load
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.show()
        return page

    yield make
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.close()
    for runner in runners:
        runner.wait()


def names(page: RecordListPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def double_click(qtbot: QtBot, view: QAbstractItemView, pos: QPoint) -> None:
    """Qt 6's QTest double click sends no press first, and a view opens only the item that
    was pressed: press and release once, then double-click, as a mouse does."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def record_dialogs() -> list[RecordDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordDialog) and w.isVisible()
    ]


# --- list: search, filters, sort -------------------------------------------------------------


def test_search_without_accents_narrows_the_list_and_the_count(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db)
    statuses: list[str] = []
    page.status_changed.connect(statuses.append)
    assert page.status_text == "3 / 3 hợp tác xã"
    assert sorted(names(page)) == sorted(
        [
            "Hợp tác xã Nông nghiệp Tịnh Khê",
            "Hợp tác xã Dệt Thổ Cẩm",
            "Hợp tác xã Nước mắm Đồng Tâm",
        ]
    )
    loads: list[int] = []
    page.loaded.connect(lambda: loads.append(1))

    qtbot.keyClicks(page.search_box, "hop tac xa dong")
    assert page.model.rowCount() == 3  # debounced: nothing refiltered on the keystroke itself
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert names(page) == ["Hợp tác xã Nước mắm Đồng Tâm"]
    assert page.status_text == "1 / 3 hợp tác xã"
    assert statuses[-1] == "1 / 3 hợp tác xã"
    assert page.count_label.text() == "1 / 3 hợp tác xã"

    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "4300123456")  # registration code is searched too
    qtbot.waitUntil(lambda: names(page) == ["Hợp tác xã Nông nghiệp Tịnh Khê"])
    page.search_box.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert loads == []  # typing never read the database again
    assert page.state()["search"] == ""


def test_filters_by_status_and_women_managed_and_restore_them(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db)
    assert "commune_code" not in page.filter_combos  # one commune: nothing to choose
    status = page.filter_combos["status"]
    assert [status.itemText(i) for i in range(status.count())] == [
        "Tất cả",
        "Đang hoạt động",
        "Tạm ngừng hoạt động",
        "Giải thể",
    ]
    status.setCurrentIndex(status.findData("tam_ngung"))
    assert names(page) == ["Hợp tác xã Dệt Thổ Cẩm"]
    assert page.status_text == "1 / 3 hợp tác xã"
    status.setCurrentIndex(0)

    col = page.model.column_index("women_managed")
    shown = {page.model.index(r, 0).data(): page.model.index(r, col).data() for r in range(3)}
    assert shown == {
        "Hợp tác xã Nông nghiệp Tịnh Khê": "Có",
        "Hợp tác xã Dệt Thổ Cẩm": "",
        "Hợp tác xã Nước mắm Đồng Tâm": "",  # a woman who is only accountant does not count
    }
    women = page.filter_combos["women_managed"]
    women.setCurrentIndex(women.findData(True))
    assert names(page) == ["Hợp tác xã Nông nghiệp Tịnh Khê"]
    women.setCurrentIndex(women.findData(False))
    assert sorted(names(page)) == ["Hợp tác xã Dệt Thổ Cẩm", "Hợp tác xã Nước mắm Đồng Tâm"]

    sector = page.filter_combos["sector"]
    sector.setCurrentIndex(sector.findData("thuy_san"))
    page.search_box.setText("nuoc mam")
    page.apply_search()
    state = page.state()
    assert state["filters"] == {"women_managed": False, "sector": "thuy_san"}
    assert state["search"] == "nuoc mam"

    again = make_page(CooperativePage, db)
    again.restore_state(state)
    assert names(again) == ["Hợp tác xã Nước mắm Đồng Tâm"]
    assert again.state() == state
    again.restore_state({"filters": {"status": "khong_co"}, "search": 5, "sort": "x"})
    assert again.filter_combos["status"].currentIndex() == 0  # unknown values are ignored


def test_commune_filter_appears_for_a_district_officer(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    with db.session() as session:
        district = create_district(session, "Cụm Sơn Tịnh", [UNIT, OTHER])
        profile = session.scalars(select(OfficerProfile)).one()
        profile.unit_code, profile.level = district.code, "district"
    page = make_page(CooperativePage, db)
    assert page.status_text == "4 / 4 hợp tác xã"
    combo = page.filter_combos["commune_code"]
    communes = {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}
    assert set(communes) == {UNIT, OTHER}
    combo.setCurrentIndex(combo.findData(OTHER))
    assert names(page) == ["Hợp tác xã Xã Khác"]
    state = page.state()
    assert state["filters"] == {"commune_code": OTHER}

    # Restored before the rows (and so the communes) are known: applied once they arrive.
    again = make_page(CooperativePage, db, state=state)
    assert names(again) == ["Hợp tác xã Xã Khác"]
    assert again.status_text == "1 / 4 hợp tác xã"
    assert again.state() == state


def test_sorting_by_header_click(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db)
    ascending = [
        "Hợp tác xã Dệt Thổ Cẩm",
        "Hợp tác xã Nông nghiệp Tịnh Khê",
        "Hợp tác xã Nước mắm Đồng Tâm",
    ]
    assert names(page) == ascending
    page.select_row(1)
    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(0) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert names(page) == ascending[::-1]
    assert page.state()["sort"] == {"column": "name", "descending": True}
    # The selection follows the record, not the row number.
    assert page.current_id() == data["nong"]
    assert page.current_row() is not None and page.current_row().id == data["nong"]

    status_col = page.model.column_index("status")
    x = header.sectionViewportPosition(status_col) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    # A choice column sorts by the label she reads, accents ignored ("Đang…" before "Giải…").
    column = [page.model.index(r, status_col).data() for r in range(3)]
    assert [fold(label) for label in column] == sorted(fold(label) for label in column)
    assert column[0].startswith("Đang")  # by stored key "giai_the" would come first
    assert header.sortIndicatorSection() == status_col


def test_the_sorted_order_comes_with_the_rows_from_the_loader_thread(
    qtbot: QtBot,
    data: dict[str, str],
    db: Database,
    make_page: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sorting 100,000 rows took ~0.3 s of the first paint: the page sorts them where it reads
    them, and the model sorts on the GUI thread only when she picks another column."""
    on_gui_thread: list[int] = []
    original = record_model.column_sort_keys

    def spy(rows: Any, columns: Any, col: int) -> Any:
        if rows:  # (the empty list before the first load sorts too, at no cost)
            on_gui_thread.append(col)
        return original(rows, columns, col)

    monkeypatch.setattr(record_model, "column_sort_keys", spy)
    page = make_page(CooperativePage, db)
    assert names(page) == [
        "Hợp tác xã Dệt Thổ Cẩm",
        "Hợp tác xã Nông nghiệp Tịnh Khê",
        "Hợp tác xã Nước mắm Đồng Tâm",
    ]
    assert on_gui_thread == []

    status_col = page.model.column_index("status")
    page.view.sortByColumn(status_col, Qt.SortOrder.DescendingOrder)
    assert on_gui_thread == [status_col]
    expected = [page.model.index(r, status_col).data() for r in range(3)]
    assert [fold(t) for t in expected] == sorted((fold(t) for t in expected), reverse=True)
    on_gui_thread.clear()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()  # a reload comes sorted the way the list is sorted now
    assert on_gui_thread == []
    assert [page.model.index(r, status_col).data() for r in range(3)] == expected


def _coop_rows(count: int) -> list[ListRow]:
    return [
        ListRow(
            f"id{i}",
            (f"HTX {i}", f"43{i:08d}", UNIT, "nong_nghiep", "hoat_dong"),
            (f"Hợp tác xã Nông nghiệp số {i}", f"43{i:08d}", "Xã Tịnh Khê", "Nông nghiệp",
             "Đang hoạt động"),
            "",
        )
        for i in range(count)
    ]


def test_an_order_handed_for_another_sort_or_other_rows_is_not_used() -> None:
    model = RecordTableModel(list_columns("cooperative"))
    rows = _coop_rows(3)[::-1]  # names "…số 2", "…số 1", "…số 0"
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_rows(rows, RowOrder(0, False, [1, 0, 2]))  # taken as given: it is the rows' order
    assert [model.row_id(r) for r in range(3)] == ["id1", "id2", "id0"]
    model.set_rows(rows, RowOrder(0, True, [0, 1, 2]))  # the other direction: sorted here
    assert [model.row_id(r) for r in range(3)] == ["id0", "id1", "id2"]
    model.set_rows(rows, RowOrder(0, False, [0]))  # not these rows' order
    assert [model.row_id(r) for r in range(3)] == ["id0", "id1", "id2"]


def test_columns_fit_their_header_and_contents_from_a_sample_of_rows(qtbot: QtBot) -> None:
    class Counting(RecordTableModel):
        asked: set[int]

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                self.asked.add(index.row())
            return super().data(index, role)

    model = Counting(list_columns("cooperative"))
    model.set_rows(_coop_rows(5_000))
    view = RecordTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.resize(1400, 400)
    view.show()
    qtbot.waitExposed(view)
    model.asked = set()
    view.fit_columns()
    assert 0 < len(model.asked) <= FIT_SAMPLE_ROWS  # not all 5,000 rows
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    for col in range(model.columnCount() - 1):  # the last column stretches to the edge
        assert header.sectionSize(col) >= header.sectionSizeHint(col), col
        widest = max(metrics.horizontalAdvance(model.index(r, col).data()) for r in range(20))
        assert header.sectionSize(col) >= widest, col


# --- delete ----------------------------------------------------------------------------------


def test_delete_asks_first_and_no_keeps_the_record(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db, answers=(False,))
    page.select_id(data["nong"])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    asked = page.ctx.interaction.asked
    assert len(asked) == 1
    assert "Hợp tác xã Nông nghiệp Tịnh Khê" in asked[0].text
    assert "Người quản lý và số liệu theo kỳ" in asked[0].text
    # Nothing is written: any job still running (the list's first load on a busy machine)
    # finishes, and the record is there, live.
    qtbot.waitUntil(lambda: page.ctx.runner.pending == 0, timeout=10_000)
    assert page.model.total_count == 3
    with db.session() as session:
        assert session.get(Cooperative, data["nong"]).deleted is False


def test_delete_confirmed_tombstones_the_record_and_its_dependants(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db, answers=(True,))
    page.select_id(data["nong"])
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "Hợp tác xã Nông nghiệp Tịnh Khê" not in names(page)
    assert page.status_text == "2 / 2 hợp tác xã"
    assert page.current_id() is None
    with db.session() as session:
        assert session.get(Cooperative, data["nong"]).deleted is True
        assert session.get(Manager, data["lan"]).deleted is True
        assert session.get(PeriodFigures, data["fig"]).deleted is True


def test_delete_key_in_the_search_box_deletes_text_not_records(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db, answers=(True,))
    page.select_row(0)
    qtbot.keyClicks(page.search_box, "ab")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Home)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Delete)
    assert page.search_box.text() == "b"
    assert page.ctx.interaction.asked == []


# --- open and new ----------------------------------------------------------------------------


def test_enter_and_double_click_open_the_record_in_the_entry_dialog(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db)
    page.select_id(data["det"])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(record_dialogs()) == 1)
    dialog = record_dialogs()[0]
    assert (dialog.form_key, dialog.record_id) == ("cooperative", data["det"])
    dialog.reject()
    qtbot.waitUntil(lambda: record_dialogs() == [])

    row = page.model.row_of(data["nong"])
    rect = page.view.visualRect(page.model.index(row, 0))
    double_click(qtbot, page.view, rect.center())
    qtbot.waitUntil(lambda: len(record_dialogs()) == 1)
    assert record_dialogs()[0].record_id == data["nong"]
    record_dialogs()[0].reject()


def test_new_record_opens_a_blank_dialog_and_the_saved_record_is_listed(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(record_dialogs()) == 1)
    dialog = record_dialogs()[0]
    assert (dialog.form_key, dialog.record_id) == ("cooperative", None)
    # Saved elsewhere (the dialog's own tests cover typing): the event reloads the list and
    # the new record is selected.
    new_id = add(
        db, "cooperative", {"name": "Hợp tác xã Mới", "commune_code": UNIT, "sector": "dich_vu"}
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.saved.emit(new_id)
        page.ctx.events.changed.emit("cooperative")
    assert "Hợp tác xã Mới" in names(page)
    assert page.current_id() == new_id
    dialog.reject()


# --- cooperative detail ----------------------------------------------------------------------


def test_cooperative_detail_shows_fields_badges_managers_and_figures(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any], qtmodeltester
) -> None:
    page = make_page(CooperativePage, db)
    detail = page.detail
    assert detail.stack.currentWidget() is detail.placeholder
    page.select_id(data["nong"])
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == data["nong"])
    assert detail.name_label.text() == "Hợp tác xã Nông nghiệp Tịnh Khê"
    assert detail.field_values["registration_code"].text() == "4300123456"
    assert detail.field_values["commune_code"].text() == "Xã Tịnh Khê"
    assert detail.field_values["union_supported"].text() == "Không"
    assert detail.women_badge.text() == "Phụ nữ tham gia quản lý"
    assert detail.women_badge.property("on") is True
    assert detail.workers_badge.text() == "> 50 % lao động nữ (6 tháng cuối năm 2025)"
    assert detail.tabs.tabText(1) == "Người quản lý (2)"
    managers = detail.managers_model
    assert sorted(managers.index(r, 0).data() for r in range(2)) == ["Trần Thị Lan", "Trần Văn Nam"]
    grid = detail.figures.grid_model
    periods = [grid.row_at(r).period for r in range(grid.rowCount())]
    assert periods[0] == "2025-H2"  # the unit's first half-year with figures, not 2023
    row = grid.row_of("2025-H2")
    assert grid.index(row, 0).data() == "6 tháng cuối năm 2025"
    share = grid.keys.index("female_share")
    assert grid.index(row, share).data() == "60 %"
    assert grid.index(grid.row_of("2026-H1"), 1).data() == "chưa nhập"
    for model in (page.model, managers, grid):
        qtmodeltester.check(model)

    page.select_id(data["dong"])
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == data["dong"])
    assert detail.women_badge.text() == "Chưa có phụ nữ tham gia quản lý"
    assert detail.women_badge.property("on") is False
    assert detail.workers_badge.text() == "Chưa có số liệu lao động"


def test_a_saved_manager_updates_the_badge_and_the_list(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db)
    page.select_id(data["det"])
    detail = page.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == data["det"])
    assert detail.women_badge.property("on") is False
    add(
        db,
        "manager",
        {
            "full_name": "Hà Thị Gấm",
            "role": "thanh_vien_bks",
            "sex": "nu",
            "consent": True,
            "cooperative_id": data["det"],
        },
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.ctx.events.changed.emit("manager")
    qtbot.waitUntil(lambda: detail.women_badge.property("on") is True)
    assert detail.tabs.tabText(1) == "Người quản lý (1)"
    col = page.model.column_index("women_managed")
    assert page.model.index(page.model.row_of(data["det"]), col).data() == "Có"
    assert page.current_id() == data["det"]


def test_manager_and_figures_buttons_open_the_dialog_with_links(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(CooperativePage, db, answers=(True,))
    page.select_id(data["nong"])
    detail = page.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == data["nong"])

    detail.tabs.setCurrentIndex(1)
    qtbot.mouseClick(detail.add_manager_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(record_dialogs()) == 1)
    dialog = record_dialogs()[0]
    assert dialog.form_key == "manager" and dialog.record_id is None
    assert dialog.links == {"cooperative_id": data["nong"]}
    dialog.reject()
    qtbot.waitUntil(lambda: record_dialogs() == [])

    detail.tabs.setCurrentIndex(2)
    grid = detail.figures
    missing = grid.grid_model.row_of("2026-H1")
    grid.setCurrentIndex(grid.grid_model.index(missing, 0))
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(record_dialogs()) == 1)
    dialog = record_dialogs()[0]
    assert (dialog.form_key, dialog.record_id) == ("period_figures", None)
    assert dialog.links == {"cooperative_id": data["nong"]}
    assert dialog.form.values()["period"] == "2026-H1"
    assert not dialog.form.dirty  # prefilled, not typed: closing asks nothing
    dialog.reject()
    qtbot.waitUntil(lambda: record_dialogs() == [])

    entered = grid.grid_model.row_of("2025-H2")
    rect = grid.visualRect(grid.grid_model.index(entered, 2))
    double_click(qtbot, grid, rect.center())
    qtbot.waitUntil(lambda: len(record_dialogs()) == 1)
    assert record_dialogs()[0].record_id == data["fig"]
    record_dialogs()[0].reject()
    qtbot.waitUntil(lambda: record_dialogs() == [])

    # Deleting a half-year's figures asks, then tombstones only that record.
    grid.setCurrentIndex(grid.grid_model.index(entered, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert "6 tháng cuối năm 2025" in page.ctx.interaction.asked[-1].text
    qtbot.waitUntil(lambda: detail.workers_badge.text() == "Chưa có số liệu lao động")
    with db.session() as session:
        assert session.get(PeriodFigures, data["fig"]).deleted is True
        assert session.get(Cooperative, data["nong"]).deleted is False


# --- group and cadre pages -------------------------------------------------------------------


def test_group_page_uses_the_tht_rule(
    qtbot: QtBot, data: dict[str, str], db: Database, make_page: Callable[..., Any]
) -> None:
    page = make_page(GroupPage, db)
    assert page.status_text == "2 / 2 tổ hợp tác"
    women = page.filter_combos["women_managed"]
    women.setCurrentIndex(women.findData(True))
    assert names(page) == ["Tổ hợp tác Rau sạch"]  # a woman deputy leader counts
    page.select_id(data["rau"])
    qtbot.waitUntil(lambda: page.detail.detail is not None)
    assert page.detail.edit_button.text() == "Sửa thông tin THT"
    assert page.detail.women_badge.text() == "Phụ nữ tham gia quản lý"


def test_cadre_page_lists_search_and_filters_cadres(
    qtbot: QtBot, db: Database, make_page: Callable[..., Any], qtmodeltester
) -> None:
    for name, coops in (
        ("Nguyễn Thị Hoa", True),
        ("Lê Thị Bình", False),
        ("Nguyễn Thị Ánh", False),
    ):
        add(
            db,
            "union_cadre",
            {
                "full_name": name,
                "work_unit": "Hội LHPN xã Tịnh Khê",
                "position": "Ủy viên",
                "works_on_coops": coops,
                "consent": True,
            },
        )
    page = make_page(CadrePage, db)
    assert page.status_text == "3 / 3 cán bộ Hội"
    qtbot.keyClicks(page.search_box, "nguyen thi")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    combo = page.filter_combos["works_on_coops"]
    combo.setCurrentIndex(combo.findData(True))
    assert names(page) == ["Nguyễn Thị Hoa"]
    combo.setCurrentIndex(combo.findData(False))
    assert names(page) == ["Nguyễn Thị Ánh"]
    assert page.status_text == "1 / 3 cán bộ Hội"
    qtmodeltester.check(page.model)


# --- screenshots -----------------------------------------------------------------------------


def test_screenshot_of_the_cooperative_page_on_demo_data(
    qtbot: QtBot, template_db_path: Path, tmp_path: Path, make_page: Callable[..., Any]
) -> None:
    """Renders the page with its detail on demo data (set HTX_SCREENSHOTS=folder to keep the
    pictures)."""
    from htx_desktop.demo import fill_demo

    path = tmp_path / "demo.sqlite3"
    path.write_bytes(template_db_path.read_bytes())
    demo = open_database(path)
    try:
        with demo.session() as session:
            create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch")
            fill_demo(session, UNIT, seed=1)
        page = make_page(CooperativePage, demo)
        assert page.model.total_count > 0
        page.select_row(0)
        qtbot.waitUntil(lambda: page.detail.detail is not None)
        folder = Path(os.environ.get("HTX_SCREENSHOTS") or tmp_path)
        for tab in range(page.detail.tabs.count()):
            page.detail.tabs.setCurrentIndex(tab)
            qtbot.wait(50)  # let the shown tab lay out, as it does before the officer sees it
            image = page.grab()
            assert not image.isNull() and image.width() >= 1000
            assert image.save(str(folder / f"cooperative_page_{tab}.png"))
        page.ctx.runner.wait()
    finally:
        demo.close()
