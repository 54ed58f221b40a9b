"""The dashboard shows exactly what `compute_indicators` computes, formatted the Vietnamese way,
and one number is checked against a count made by hand from the records below. Clicking a
number lists the records behind it (exactly those counted; a share lists its people with who
is trained); screenshots of that list at both screen sizes go to HTX_SCREENSHOTS when set."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from htx_desktop.indicators import compute_by_child, compute_indicators
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, Manager, PeriodFigures
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.indicator_card import (
    BEHIND_COLOR,
    REACHED_COLOR,
    format_value,
    progress_text,
)
from htx_desktop.ui.indicator_records_dialog import COL_NAME, IndicatorRecordsDialog
from htx_desktop.ui.pages.dashboard_page import DashboardPage, default_period, report_periods
from htx_desktop.ui.record_dialog import RecordDialog

UNIT = "21211"
TODAY = date(2026, 11, 28)


def add_coop(
    db: Database,
    name: str,
    *,
    status: str = "hoat_dong",
    supported: bool = True,
    managers: tuple[tuple[str, str], ...] = (),
    figures: dict[str, tuple[int, int]] | None = None,
    established_on: date | None = None,
) -> str:
    """One HTX in Tịnh Khê with managers (role, sex) and per-half-year (female members,
    female workers)."""
    with db.session() as session:
        coop = Cooperative(
            name=name,
            commune_code=UNIT,
            unit_code=UNIT,
            sector="nong_nghiep",
            status=status,
            union_supported=supported,
            established_on=established_on,
        )
        session.add(coop)
        session.flush()
        for i, (role, sex) in enumerate(managers):
            session.add(
                Manager(
                    cooperative_id=coop.id,
                    unit_code=UNIT,
                    role=role,
                    full_name=f"Người {i}",
                    sex=sex,
                )
            )
        for period, (members_female, workers_female) in (figures or {}).items():
            session.add(
                PeriodFigures(
                    cooperative_id=coop.id,
                    unit_code=UNIT,
                    period=period,
                    members_total=members_female + 5,
                    members_female=members_female,
                    workers_total=workers_female + 5,
                    workers_female=workers_female,
                )
            )
        return coop.id


@pytest.fixture
def small_db(empty_db: Database) -> Database:
    """Six HTX, two of which count as "women-managed, Union-supported, operating" at
    30/06/2026 (A and B); their female jobs are max(12, 8) + max(5, 9) = 21."""
    with empty_db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Lan", "Chủ tịch Hội LHPN xã")
    add_coop(
        empty_db,
        "HTX A",
        managers=(("giam_doc", "nu"),),
        figures={"2026-H1": (12, 8)},
    )
    add_coop(
        empty_db,
        "HTX B",
        managers=(("giam_doc", "nam"), ("thanh_vien_bks", "nu")),
        figures={"2026-H1": (5, 9)},
    )
    # Not counted: only men manage C; D is suspended; E was not supported by the Union;
    # F was founded after the period ended.
    add_coop(empty_db, "HTX C", managers=(("giam_doc", "nam"),), figures={"2026-H1": (30, 30)})
    add_coop(empty_db, "HTX D", status="tam_ngung", managers=(("chu_tich_hdqt", "nu"),))
    add_coop(empty_db, "HTX E", supported=False, managers=(("giam_doc", "nu"),))
    add_coop(
        empty_db,
        "HTX F",
        managers=(("giam_doc", "nu"),),
        established_on=date(2026, 8, 1),
    )
    return empty_db


def open_dashboard(qtbot: QtBot, ctx: AppContext) -> DashboardPage:
    page = DashboardPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.resize(1100, 800)
        page.show()  # a stale page computes when shown
    return page


def shown(page: DashboardPage, name: str) -> str:
    from PySide6.QtWidgets import QLabel

    label = page.findChild(QLabel, name)
    assert label is not None, f"no label {name}"
    return label.text()


def test_shows_exactly_what_compute_indicators_returns(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_dashboard(qtbot, make_ctx(small_db))
    assert page.current_period() == "2026-H1"  # the latest period already over on 28/11/2026

    with small_db.session() as session:
        expected = compute_indicators(session, UNIT, "2026-H1")
    assert [card for card in page.cards] == [v.key for v in expected.indicators]
    for value in expected.indicators:
        assert shown(page, f"value_{value.key}") == format_value(value)
        assert shown(page, f"label_{value.key}") == value.label_vi
        # 2026 is measured against the plan's 2030 targets.
        assert shown(page, f"text_target_{value.key}") == progress_text(
            value, value.target_2030, province_wide=True
        )

    # Counted by hand from the fixture: HTX A and B.
    assert shown(page, "value_htx_women_managed") == "2"
    assert shown(page, "text_target_htx_women_managed") == "đạt 2, chỉ tiêu toàn tỉnh 15"
    assert shown(page, "value_htx_female_jobs") == "21"
    # Female managers of non-dissolved HTX that existed at 30/06: A, B, D, E; none trained.
    assert shown(page, "value_female_managers_trained_pct") == "0 %"
    assert shown(page, "detail_female_managers_trained_pct") == "0 trên 4"
    # No cadre recorded: a share of nothing is "—", never 0 %.
    assert shown(page, "value_cadres_coop_trained_pct") == "—"
    assert (
        shown(page, "text_target_cadres_coop_trained_pct")
        == "chưa có số liệu để tính, chỉ tiêu 100 %"
    )

    card = page.cards["htx_women_managed"]
    assert card.milestone == 2030
    assert card.target_bar.caption.text() == "Đến 2030:"
    assert card.target_bar.bar.value() == 13 and card.target_bar.met is False
    assert BEHIND_COLOR in card.target_bar.bar.styleSheet()
    assert page.table is None  # a commune has no units below it
    assert not page.notice.isVisible()


def test_another_period_is_computed_for_that_period(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_dashboard(qtbot, make_ctx(small_db))
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.period_combo.setCurrentIndex(page.period_combo.findData("2025"))
    # The annual 2025 figures are those of 2025-H2: none recorded, so the jobs count 0 and
    # the page says why.
    assert shown(page, "value_htx_women_managed") == "2"
    assert shown(page, "value_htx_female_jobs") == "0"
    assert page.notice.isVisible()
    assert "2 HTX/tổ hợp tác" in page.notice.text()
    assert "6 tháng cuối năm 2025" in page.notice.text()
    assert page.state() == {"period": "2025"}  # a commune page has no table to split


def test_recomputes_when_records_change(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    ctx = make_ctx(small_db)
    page = open_dashboard(qtbot, ctx)
    add_coop(small_db, "HTX G", managers=(("chu_tich_hdqt", "nu"),), figures={"2026-H1": (3, 0)})
    with qtbot.waitSignal(page.computed, timeout=10_000):
        ctx.events.changed.emit("cooperative")
    assert shown(page, "value_htx_women_managed") == "3"
    assert shown(page, "value_htx_female_jobs") == "24"


def test_met_targets_are_green(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    for i in range(11):
        add_coop(small_db, f"HTX thêm {i}", managers=(("giam_doc", "nu"),))
    page = open_dashboard(qtbot, make_ctx(small_db))
    card = page.cards["htx_women_managed"]
    # 2026: against the 2030 target of 15, not yet met.
    assert shown(page, "text_target_htx_women_managed") == "đạt 13, chỉ tiêu toàn tỉnh 15"
    assert card.target_bar.met is False and BEHIND_COLOR in card.target_bar.bar.styleSheet()
    # 2025: against the 2025 target of 12, met.
    with qtbot.waitSignal(page.computed, timeout=10_000):
        page.period_combo.setCurrentIndex(page.period_combo.findData("2025"))
    assert card.milestone == 2025
    assert shown(page, "text_target_htx_women_managed") == "đạt 13, chỉ tiêu toàn tỉnh 12"
    assert card.target_bar.met is True and REACHED_COLOR in card.target_bar.bar.styleSheet()
    assert card.target_bar.bar.value() == 100  # full, not past the end


def test_province_lists_each_unit_below_it(
    qtbot: QtBot, province_demo_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_dashboard(qtbot, make_ctx(province_demo_db))
    with province_demo_db.session() as session:
        total = compute_indicators(session, "51", "2026-H1")
        children = compute_by_child(session, "51", "2026-H1")
    assert shown(page, "value_htx_female_jobs") == format_value(total.get("htx_female_jobs"))
    rows = page.child_rows()
    assert len(rows) == len(children) == 96
    by_name = {row[0]: row for row in rows}
    busiest = max(children, key=lambda c: c.get("htx_women_managed").value or 0)
    assert (busiest.get("htx_women_managed").value or 0) > 0  # the demo has data there
    row = by_name[busiest.unit_name]
    assert row[1] == format_value(busiest.get("htx_women_managed"))
    assert row[3] == format_value(busiest.get("htx_female_jobs"))
    assert row[6] == format_value(busiest.get("female_managers_trained_pct"))
    # The province's own targets: said plainly, without "toàn tỉnh".
    jobs = total.get("htx_women_managed")
    assert shown(page, "text_target_htx_women_managed") == progress_text(jobs, jobs.target_2030)
    assert "toàn tỉnh" not in shown(page, "text_target_htx_women_managed")


def test_periods_offered_and_the_default() -> None:
    codes = [p.code for p in report_periods(date(2024, 3, 1))]
    assert codes == ["2024", "2024-H1", "2023", "2023-H1"]
    assert default_period(date(2024, 3, 1)).code == "2023"
    assert default_period(date(2024, 7, 1)).code == "2024-H1"
    assert default_period(date(2023, 2, 1)).code == "2023-H1"  # nothing over yet: the first
    assert [p.code for p in report_periods(TODAY)][:3] == ["2026", "2026-H1", "2025"]


def test_period_labels_say_which_is_in_progress(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_dashboard(qtbot, make_ctx(small_db))
    labels = [page.period_combo.itemText(i) for i in range(page.period_combo.count())]
    assert labels[:3] == ["Năm 2026 (đang diễn ra)", "6 tháng đầu năm 2026", "Năm 2025"]
    assert labels[-1] == "6 tháng đầu năm 2023"


def test_cards_reflow_to_the_width_the_page_has(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    """On a laptop the cards stand two by two; in a narrow window they go one under the other
    rather than hide behind a horizontal scroll bar; and back when the window widens."""
    from PySide6.QtWidgets import QScrollArea

    page = open_dashboard(qtbot, make_ctx(small_db))
    scroll = page.findChild(QScrollArea, "dashboardCards")
    cards = list(page.cards.values())

    def columns() -> int:
        return len({card.x() for card in cards})

    def all_visible() -> bool:
        width = scroll.viewport().width()
        return all(card.geometry().right() < width for card in cards)

    qtbot.waitUntil(lambda: columns() == 2)
    assert all_visible()
    page.resize(560, 800)
    qtbot.waitUntil(lambda: columns() == 1)
    assert not scroll.horizontalScrollBar().isVisible()
    assert all_visible()
    page.resize(1100, 800)
    qtbot.waitUntil(lambda: columns() == 2)
    assert not scroll.horizontalScrollBar().isVisible()
    assert all_visible()


# --- the records behind a number (drill-down) ------------------------------------------


def wait_for_dialog(qtbot: QtBot, page: DashboardPage) -> IndicatorRecordsDialog:
    qtbot.waitUntil(lambda: page.records_dialog is not None, timeout=5_000)
    dialog = page.records_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.records is not None, timeout=10_000)
    return dialog


def test_clicking_the_women_managed_card_lists_those_htx(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_dashboard(qtbot, make_ctx(small_db))
    card = page.cards["htx_women_managed"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    dialog = wait_for_dialog(qtbot, page)

    assert dialog.isVisible()
    # Code, "belongs to" and amount columns are hidden: no codes recorded, 1 each.
    shown = {row[0]: row for row in dialog.rows()}
    assert set(shown) == {"HTX A", "HTX B"}
    assert all(row == [name, "Xã Tịnh Khê"] for name, row in shown.items())
    with small_db.session() as session:
        expected = compute_indicators(session, UNIT, page.current_period())
    assert len(dialog.rows()) == expected.get("htx_women_managed").value == 2
    assert "đạt 2, chỉ tiêu toàn tỉnh 15" in dialog.summary.text()
    assert "2 hồ sơ được tính" in dialog.summary.text()

    # Double-click a row: the cooperative opens in the entry dialog.
    view = dialog.view
    index = view.model().index(0, COL_NAME)
    name = index.data()
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: dialog.findChild(RecordDialog) is not None, timeout=5_000)
    record = dialog.findChild(RecordDialog)
    assert record.isVisible()
    assert record.form.values()["name"] == name
    record.reject()
    dialog.close()


def test_enter_on_a_focused_card_lists_a_share_with_who_is_trained(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    page = open_dashboard(qtbot, make_ctx(small_db))
    card = page.cards["female_managers_trained_pct"]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    dialog = wait_for_dialog(qtbot, page)
    # Female managers of A, B, D and E; none trained: four rows, each "Không".
    rows = dialog.rows()
    assert len(rows) == 4
    assert {row[-1] for row in rows} == {"Không"}
    assert "4 người, trong đó 0 người đã được tập huấn" in dialog.summary.text()
    dialog.close()


def test_screenshots_of_the_list(
    qtbot: QtBot, small_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    folder = os.environ.get("HTX_SCREENSHOTS")
    page = open_dashboard(qtbot, make_ctx(small_db))
    for width, height in ((1366, 768), (1024, 600)):
        page.resize(width - 200, height - 80)
        qtbot.mouseClick(
            page.cards["htx_female_jobs"], Qt.MouseButton.LeftButton, pos=QPoint(20, 20)
        )
        dialog = wait_for_dialog(qtbot, page)
        dialog.resize(min(860, width - 40), min(560, height - 60))
        assert dialog.rows()
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.grab().save(str(Path(folder) / f"dashboard-{width}x{height}.png"))
            dialog.grab().save(str(Path(folder) / f"drilldown-{width}x{height}.png"))
        dialog.close()
        page.records_dialog = None


def test_every_card_lists_as_many_rows_as_its_number_counts(
    qtbot: QtBot, demo_db: Database, make_ctx: Callable[..., AppContext]
) -> None:
    """On the demo commune, for every indicator: a count shows that many rows, a share of
    people one row per person of its denominator, a sum rows whose amounts add up to it."""
    page = open_dashboard(qtbot, make_ctx(demo_db))
    for key, card in page.cards.items():
        value = page.result.progress.get(key)
        card.setFocus()
        qtbot.keyClick(card, Qt.Key.Key_Enter)
        dialog = wait_for_dialog(qtbot, page)
        rows = dialog.rows()
        records = dialog.records
        assert len(rows) == len(records.lines), key
        assert records.numerator == value.numerator, key
        if records.amount_kind == "none":
            assert len(rows) == value.value, key
        elif records.amount_kind == "yes_no":
            assert len(rows) == value.denominator, key
            assert sum(row[-1] == "Có" for row in rows) == value.numerator, key
        dialog.close()
        page.records_dialog = None
