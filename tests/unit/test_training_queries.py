"""The Qt-free queries behind the cooperative, group and training pages: the women-managed flag
of whole lists, the figures grid, named attendees and who still needs management training."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from htx_desktop.registry.organisations import (
    figures_before,
    figures_rows,
    half_years,
    load_detail,
    organisation_rows,
    women_managed_ids,
)
from htx_desktop.registry.records import RecordNotFound, create_record, delete_record
from htx_desktop.registry.training import (
    CADRE,
    MANAGER,
    AttendanceError,
    attendees,
    candidates,
    set_attendees,
    untrained_female_managers,
)
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.models import TrainingAttendance

COMMUNE = "21211"  # Xã Tịnh Khê
OTHER = "21214"
CTX = ValidationContext(communes={COMMUNE, OTHER}, today=date(2026, 11, 1))


def coop(s: Any, name: str, commune: str = COMMUNE, **extra: Any) -> str:
    values = {"name": name, "commune_code": commune, "sector": "nong_nghiep"} | extra
    return create_record(s, "cooperative", values, commune, CTX).id


def group(s: Any, name: str, commune: str = COMMUNE) -> str:
    values = {"name": name, "commune_code": commune, "sector": "dich_vu"}
    return create_record(s, "cooperative_group", values, commune, CTX).id


def manager(s: Any, name: str, role: str, sex: str = "nu", **link: str) -> str:
    values = {"full_name": name, "role": role, "sex": sex, "consent": True} | link
    return create_record(s, "manager", values, COMMUNE, CTX).id


def cadre(s: Any, name: str, unit: str = COMMUNE) -> str:
    values = {"full_name": name, "work_unit": "Hội LHPN xã", "position": "Ủy viên", "consent": True}
    return create_record(s, "union_cadre", values, unit, CTX).id


def training(s: Any, title: str, topics: list[str], start: date) -> str:
    values = {"title": title, "topics": topics, "start_date": start, "end_date": start}
    return create_record(s, "training_session", values, COMMUNE, CTX).id


def figures(s: Any, period: str, workers: int, female: int, **link: str) -> str:
    values = {
        "period": period,
        "members_total": 10,
        "members_female": 5,
        "workers_total": workers,
        "workers_female": female,
    } | link
    return create_record(s, "period_figures", values, COMMUNE, CTX).id


# --- women-managed flag for whole lists ------------------------------------------------------


def test_women_managed_ids_follow_the_plan_rules(fresh_db) -> None:
    with fresh_db.session() as s:
        director = coop(s, "HTX Giám đốc nữ")
        manager(s, "Lê Thị Hạnh", "giam_doc", cooperative_id=director)
        accountant = coop(s, "HTX Kế toán nữ")
        manager(s, "Trần Văn Nam", "giam_doc", "nam", cooperative_id=accountant)
        manager(s, "Phạm Thị Thu", "khac", cooperative_id=accountant)
        gone = coop(s, "HTX Nữ đã xóa")
        delete_record(s, "manager", manager(s, "Võ Thị Lan", "chu_tich_hdqt", cooperative_id=gone))
        elsewhere = coop(s, "HTX Xã khác", OTHER)
        manager(s, "Đỗ Thị Mai", "thanh_vien_bks", cooperative_id=elsewhere)
        deputy = group(s, "THT Tổ phó nữ")
        manager(s, "Ngô Thị Yến", "to_pho", group_id=deputy)
        male_led = group(s, "THT Tổ trưởng nam")
        manager(s, "Bùi Văn Tâm", "to_truong", "nam", group_id=male_led)

        assert women_managed_ids(s, "cooperative", [COMMUNE]) == {director}
        assert women_managed_ids(s, "cooperative", None) == {director, elsewhere}
        assert women_managed_ids(s, "cooperative_group", [COMMUNE, OTHER]) == {deputy}
        # Answering for rows already read scans the managers without a join: same answer.
        among = {director, accountant, gone}
        assert women_managed_ids(s, "cooperative", None, among=among) == {director}
        rows, women = organisation_rows(s, "cooperative", [COMMUNE])
        assert {r.id for r in rows} == {director, accountant, gone}
        assert women == {director}
        delete_record(s, "cooperative", director)
        assert women_managed_ids(s, "cooperative", [COMMUNE]) == set()
        with pytest.raises(ValueError):
            women_managed_ids(s, "union_cadre", [COMMUNE])


# --- figures grid and badges -------------------------------------------------------------------


def test_half_years_run_from_the_plan_start_to_today() -> None:
    assert half_years(today=date(2024, 8, 1)) == ["2023-H1", "2023-H2", "2024-H1", "2024-H2"]
    assert half_years(today=date(2023, 6, 30)) == ["2023-H1"]


def test_figures_grid_has_every_half_year_and_badges_use_the_latest(fresh_db) -> None:
    with fresh_db.session() as s:
        cid = coop(s, "Hợp tác xã Dệt Thổ Cẩm")
        manager(s, "Nguyễn Thị Bích", "thanh_vien_hdqt", cooperative_id=cid)
        old = figures(s, "2022-H2", 10, 9, cooperative_id=cid)
        mostly_women = figures(s, "2023-H2", 10, 6, cooperative_id=cid)
        half = figures(s, "2024-H1", 10, 5, cooperative_id=cid)

        rows = figures_rows(s, "cooperative", cid, today=date(2024, 8, 1))
        assert [r.period for r in rows] == ["2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2"]
        assert [r.record_id for r in rows] == [old, None, mostly_women, half, None]
        assert rows[2].values["workers_female"] == 6

        detail = load_detail(s, "cooperative", cid, today=date(2024, 8, 1))
        assert detail.name == "Hợp tác xã Dệt Thổ Cẩm"
        assert detail.women_managed is True
        # exactly half is not "more than 50 %"
        assert (detail.badge_period, detail.many_female_workers) == ("2024-H1", False)
        assert [m.display[0] for m in detail.managers] == ["Nguyễn Thị Bích"]
        assert detail.communes == {COMMUNE: "Xã Tịnh Khê"}

        delete_record(s, "period_figures", half)
        detail = load_detail(s, "cooperative", cid, today=date(2024, 8, 1))
        assert (detail.badge_period, detail.many_female_workers) == ("2023-H2", True)

        empty = group(s, "THT Chưa có số liệu")
        detail = load_detail(s, "cooperative_group", empty, today=date(2024, 8, 1))
        assert (detail.women_managed, detail.badge_period, detail.many_female_workers) == (
            False,
            None,
            None,
        )
        delete_record(s, "cooperative", cid)
        with pytest.raises(RecordNotFound):
            load_detail(s, "cooperative", cid)


def test_the_grid_starts_at_the_units_first_half_year_with_data(fresh_db) -> None:
    with fresh_db.session() as s:
        first = coop(s, "HTX Mới Thành Lập")
        later = group(s, "THT Rau Sạch")
        assert [r.period for r in figures_rows(s, "cooperative", first, date(2026, 8, 1))] == [
            "2026-H1",  # nothing entered yet: the half-year just ended and the current one
            "2026-H2",
        ]
        figures(s, "2025-H1", 10, 6, cooperative_id=first)
        # Not from 2023 (the plan's start): from the unit's first half-year with data, for
        # the group that has none of its own too, so its missing reports show as gaps.
        rows = figures_rows(s, "cooperative_group", later, date(2026, 8, 1))
        assert [r.period for r in rows] == ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]
        assert not any(r.entered for r in rows)


def test_figures_before_is_the_latest_earlier_half_year(fresh_db) -> None:
    with fresh_db.session() as s:
        cid = coop(s, "HTX Dệt Chiếu")
        figures(s, "2024-H2", 20, 12, cooperative_id=cid)
        figures(s, "2025-H2", 30, 18, cooperative_id=cid)
        copied = figures_before(s, "cooperative", cid, "2026-H2")
        assert copied is not None and copied.period == "2025-H2"
        assert (copied.values["workers_total"], copied.values["workers_female"]) == (30, 18)
        assert figures_before(s, "cooperative", cid, "2025-H2").period == "2024-H2"  # type: ignore[union-attr]
        assert figures_before(s, "cooperative", cid, "2024-H2") is None


# --- attendees -----------------------------------------------------------------------------------


def test_set_attendees_adds_tombstones_and_revives(fresh_db) -> None:
    with fresh_db.session() as s:
        cid = coop(s, "HTX Hoa Sen")
        lan = manager(s, "Trần Thị Lan", "giam_doc", cooperative_id=cid)
        mai = manager(s, "Lê Thị Mai", "thanh_vien_bks", cooperative_id=cid)
        hoa = cadre(s, "Nguyễn Thị Hoa")
        tid = training(s, "Tập huấn quản trị HTX", ["quan_tri"], date(2025, 3, 1))

        change = set_attendees(s, tid, [lan, mai], [hoa], COMMUNE)
        assert (change.added, change.removed) == (3, 0)
        assert {p.key for p in attendees(s, tid)} == {(MANAGER, lan), (MANAGER, mai), (CADRE, hoa)}
        rows = s.scalars(select(TrainingAttendance)).all()
        assert {r.unit_code for r in rows} == {COMMUNE}
        lan_row = next(r.id for r in rows if r.manager_id == lan)

        change = set_attendees(s, tid, [mai], [hoa], COMMUNE)
        assert (change.added, change.removed) == (0, 1)
        assert [p.name for p in attendees(s, tid)] == ["Lê Thị Mai", "Nguyễn Thị Hoa"]

        change = set_attendees(s, tid, [mai, lan], [hoa], COMMUNE)
        assert (change.added, change.removed) == (1, 0)
        assert len(s.scalars(select(TrainingAttendance)).all()) == 3  # revived, not duplicated
        revived = s.get(TrainingAttendance, lan_row)
        assert revived is not None and not revived.deleted and revived.revision == 3

        assert set_attendees(s, tid, [mai, lan], [hoa], COMMUNE) == type(change)(0, 0)
        with pytest.raises(AttendanceError):
            set_attendees(s, tid, ["no-such-manager"], [], COMMUNE)
        delete_record(s, "training_session", tid)
        with pytest.raises(RecordNotFound):
            set_attendees(s, tid, [mai], [], COMMUNE)


def test_candidates_are_the_scope_managers_and_cadres(fresh_db) -> None:
    with fresh_db.session() as s:
        cid = coop(s, "HTX Ánh Dương")
        gid = group(s, "THT Rau Sạch")
        lan = manager(s, "Trần Thị Lan", "giam_doc", cooperative_id=cid)
        tam = manager(s, "Bùi Văn Tâm", "to_truong", "nam", group_id=gid)
        gone = manager(s, "Người Đã Xóa", "khac", cooperative_id=cid)
        delete_record(s, "manager", gone)
        far = coop(s, "HTX Xã Khác", OTHER)
        manager(s, "Đỗ Thị Xa", "giam_doc", cooperative_id=far)
        hoa = cadre(s, "Nguyễn Thị Hoa")
        cadre(s, "Cán Bộ Tỉnh", "51")

        people = candidates(s, [COMMUNE], [COMMUNE])
        assert [p.key for p in people] == [(MANAGER, tam), (CADRE, hoa), (MANAGER, lan)]
        by_id = {p.id: p for p in people}
        assert by_id[lan].organisation == "HTX Ánh Dương"
        assert by_id[lan].role == "Giám đốc / Tổng giám đốc"
        assert by_id[lan].commune == "Xã Tịnh Khê"
        assert by_id[tam].organisation == "THT Rau Sạch"
        assert "tran thi lan" in by_id[lan].search_key and "anh duong" in by_id[lan].search_key


# --- untrained female managers ----------------------------------------------------------------


def test_untrained_female_managers_shrink_as_they_attend(fresh_db) -> None:
    with fresh_db.session() as s:
        cid = coop(s, "HTX Nông nghiệp Tịnh Khê")
        chair = manager(s, "Trần Thị Lan", "chu_tich_hdqt", cooperative_id=cid)
        board = manager(s, "Lê Thị Mai", "thanh_vien_hdqt", cooperative_id=cid)
        manager(s, "Phạm Thị Thu", "khac", cooperative_id=cid)  # accountant: not management
        manager(s, "Trần Văn Nam", "giam_doc", "nam", cooperative_id=cid)
        dissolved = coop(s, "HTX Đã Giải Thể", status="giai_the")
        manager(s, "Võ Thị Hết", "giam_doc", cooperative_id=dissolved)
        gid = group(s, "THT Rau Sạch")
        manager(s, "Ngô Thị Yến", "to_truong", group_id=gid)  # THT leaders are not HTX managers
        far = coop(s, "HTX Xã Khác", OTHER)
        manager(s, "Đỗ Thị Xa", "giam_doc", cooperative_id=far)

        def untrained(as_of: date = date(2026, 1, 1)) -> list[str]:
            return [p.name for p in untrained_female_managers(s, [COMMUNE], as_of)]

        assert untrained() == ["Lê Thị Mai", "Trần Thị Lan"]

        digital = training(s, "Kỹ năng số", ["ky_nang_so"], date(2025, 5, 1))
        set_attendees(s, digital, [chair, board], [], COMMUNE)
        assert untrained() == ["Lê Thị Mai", "Trần Thị Lan"]  # wrong topic

        course = training(s, "Quản trị HTX", ["quan_tri", "phap_luat"], date(2025, 6, 1))
        set_attendees(s, course, [chair], [], COMMUNE)
        assert untrained() == ["Lê Thị Mai"]
        assert untrained(date(2025, 5, 31)) == ["Lê Thị Mai", "Trần Thị Lan"]  # not yet held

        set_attendees(s, course, [], [], COMMUNE)
        assert untrained() == ["Lê Thị Mai", "Trần Thị Lan"]
        set_attendees(s, course, [chair, board], [], COMMUNE)
        assert untrained() == []
        delete_record(s, "training_session", course)
        assert untrained() == ["Lê Thị Mai", "Trần Thị Lan"]
        people = untrained_female_managers(s, [COMMUNE, OTHER], date(2026, 1, 1))
        assert [p.name for p in people] == ["Đỗ Thị Xa", "Lê Thị Mai", "Trần Thị Lan"]
