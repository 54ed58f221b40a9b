"""Progress against the plan from a small real database, with every number worked out by hand.

Layout (Quảng Ngãi, province 51): communes A and B grouped in district D, commune C loose.
The comments beside each record say which indicators it should or should not reach.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from htx_desktop.indicators.plans import KNOWN_INDICATOR_KEYS
from htx_desktop.indicators.progress import (
    UnitProgress,
    compute_by_child,
    compute_indicators,
    cooperative_badges,
)
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import (
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.storage.units import communes_of_province, create_district

PROVINCE = "51"


@dataclass
class World:
    db: Database
    a: str
    b: str
    c: str
    d: str
    ids: dict[str, str]


def _coop(s: Session, commune: str, **kw: Any) -> Cooperative:
    kw.setdefault("status", "hoat_dong")
    coop = Cooperative(unit_code=commune, commune_code=commune, sector="nong_nghiep", **kw)
    s.add(coop)
    s.flush()
    return coop


def _group(s: Session, commune: str, **kw: Any) -> CooperativeGroup:
    kw.setdefault("status", "hoat_dong")
    group = CooperativeGroup(unit_code=commune, commune_code=commune, sector="nong_nghiep", **kw)
    s.add(group)
    s.flush()
    return group


def _manager(
    s: Session, parent: Cooperative | CooperativeGroup, role: str, sex: str, **kw: Any
) -> Manager:
    link = (
        {"cooperative_id": parent.id}
        if isinstance(parent, Cooperative)
        else {"group_id": parent.id}
    )
    m = Manager(
        unit_code=parent.commune_code,
        role=role,
        sex=sex,
        full_name=f"{role} {sex}",
        consent=True,
        **link,
        **kw,
    )
    s.add(m)
    s.flush()
    return m


def _figures(
    s: Session,
    parent: Cooperative | CooperativeGroup,
    period: str,
    mt: int,
    mf: int,
    wt: int,
    wf: int,
    **kw: Any,
) -> None:
    link = (
        {"cooperative_id": parent.id}
        if isinstance(parent, Cooperative)
        else {"group_id": parent.id}
    )
    s.add(
        PeriodFigures(
            unit_code=parent.commune_code,
            period=period,
            members_total=mt,
            members_female=mf,
            workers_total=wt,
            workers_female=wf,
            **link,
            **kw,
        )
    )


def _session(
    s: Session,
    unit: str,
    start: date,
    topics: list[str],
    members: int = 0,
    workers: int = 0,
    **kw: Any,
) -> TrainingSession:
    ts = TrainingSession(
        unit_code=unit,
        title=f"Lớp {start}",
        start_date=start,
        end_date=start,
        topics=topics,
        other_members=members,
        other_workers=workers,
        **kw,
    )
    s.add(ts)
    s.flush()
    return ts


def _attend(s: Session, ts: TrainingSession, person: Manager | UnionCadre, **kw: Any) -> None:
    key = "manager_id" if isinstance(person, Manager) else "cadre_id"
    s.add(TrainingAttendance(unit_code=ts.unit_code, session_id=ts.id, **{key: person.id}, **kw))


def _cadre(s: Session, unit: str, works_on_coops: bool, **kw: Any) -> UnionCadre:
    c = UnionCadre(
        unit_code=unit,
        full_name="Cán bộ",
        work_unit="Hội LHPN",
        position="Chủ tịch",
        works_on_coops=works_on_coops,
        consent=True,
        **kw,
    )
    s.add(c)
    s.flush()
    return c


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    db = open_database(tmp_path_factory.mktemp("indicators") / "t.sqlite3")
    ids: dict[str, str] = {}
    with db.session() as s:
        communes = communes_of_province(s, PROVINCE)
        a, b, c = (u.code for u in communes[:3])
        d = create_district(s, "Cụm thử nghiệm", [a, b]).code

        # --- commune A: cooperatives -------------------------------------------------------
        a1 = _coop(s, a, name="a1", union_supported=True)  # counted: woman on the BKS
        _manager(s, a1, "giam_doc", "nam")
        f1 = _manager(s, a1, "thanh_vien_bks", "nu")
        _figures(s, a1, "2024-H1", 18, 6, 10, 9)  # jobs max(6, 9) = 9
        _figures(s, a1, "2024-H2", 20, 12, 10, 8)  # jobs max(12, 8) = 12
        _figures(s, a1, "2024-H2", 999, 999, 999, 999, deleted=True)

        a2 = _coop(
            s,
            a,
            name="a2",
            union_supported=True,
            newly_founded=True,
            established_on=date(2023, 5, 1),
        )  # counted, new, no figures
        f2 = _manager(s, a2, "chu_tich_hdqt", "nu")
        accountant = _manager(s, a2, "khac", "nu")

        a3 = _coop(s, a, name="a3", union_supported=True)  # only a female accountant
        _manager(s, a3, "giam_doc", "nam")
        _manager(s, a3, "khac", "nu")
        _figures(s, a3, "2024-H1", 10, 2, 4, 2)  # exactly 50 % women: not "many"
        _figures(s, a3, "2024-H2", 10, 2, 4, 1)

        a4 = _coop(s, a, name="a4", union_supported=True)  # its woman director was deleted
        _manager(s, a4, "giam_doc", "nu", deleted=True)

        a5 = _coop(s, a, name="a5", union_supported=True, deleted=True)  # tombstone
        ghost = _manager(s, a5, "chu_tich_hdqt", "nu")
        _figures(s, a5, "2024-H2", 50, 50, 50, 50)

        a6 = _coop(s, a, name="a6", union_supported=True, status="tam_ngung")
        f4 = _manager(s, a6, "chu_tich_hdqt", "nu")  # still a female manager to train

        a7 = _coop(
            s,
            a,
            name="a7",
            union_supported=True,
            newly_founded=True,
            status="giai_the",
            established_on=date(2023, 3, 1),
        )
        _manager(s, a7, "chu_tich_hdqt", "nu")  # dissolved: nowhere

        a8 = _coop(s, a, name="a8", newly_founded=True, established_on=date(2024, 9, 1))
        f5 = _manager(s, a8, "thanh_vien_hdqt", "nu")  # not Union-supported; exists from Sept
        _figures(s, a8, "2024-H2", 5, 5, 2, 2)

        a9 = _coop(
            s,
            a,
            name="a9",
            union_supported=True,
            newly_founded=True,
            established_on=date(2022, 12, 31),
        )  # counted, but founded before the plan
        _manager(s, a9, "giam_doc", "nu")

        # --- commune A: groups -------------------------------------------------------------
        t1 = _group(s, a, name="t1", union_supported=True)  # woman deputy leader
        _manager(s, t1, "to_truong", "nam")
        _manager(s, t1, "to_pho", "nu")
        _figures(s, t1, "2024-H1", 0, 0, 8, 6)
        _figures(s, t1, "2024-H2", 0, 0, 9, 7)
        t2 = _group(s, a, name="t2", union_supported=True, contract_date=date(2024, 8, 1))
        _manager(s, t2, "to_truong", "nu")
        _figures(s, t2, "2024-H2", 0, 0, 5, 4)
        t3 = _group(s, a, name="t3")  # not Union-supported
        _manager(s, t3, "to_truong", "nu")
        _figures(s, t3, "2024-H2", 0, 0, 50, 50)

        # --- commune B ---------------------------------------------------------------------
        b1 = _coop(
            s,
            b,
            name="b1",
            union_supported=True,
            newly_founded=True,
            established_on=date(2024, 3, 1),
        )
        f7 = _manager(s, b1, "chu_tich_hdqt", "nu")
        _figures(s, b1, "2024-H1", 30, 10, 20, 11)  # 55 % women
        _figures(s, b1, "2024-H2", 30, 10, 20, 15)  # jobs 15
        t4 = _group(s, b, name="t4", union_supported=True)
        _manager(s, t4, "to_truong", "nu")
        _figures(s, t4, "2024-H2", 0, 0, 12, 10)
        t5 = _group(s, b, name="t5", union_supported=True)
        _manager(s, t5, "to_truong", "nu", deleted=True)

        # --- commune C ---------------------------------------------------------------------
        c1x = _coop(s, c, name="c1x")
        _manager(s, c1x, "giam_doc", "nam")
        _figures(s, c1x, "2024-H2", 2, 0, 1, 1)  # skills denominator 3

        # --- training ----------------------------------------------------------------------
        s1 = _session(s, a, date(2024, 3, 10), ["quan_tri", "cntt_quan_tri"], 5, 3)
        s2 = _session(s, a, date(2024, 5, 1), ["nghe_ky_thuat"], 10, 6)
        s3 = _session(s, a, date(2024, 9, 1), ["thuong_mai_dien_tu", "quan_tri"], 4, 2)
        s4 = _session(
            s,
            a,
            date(2024, 2, 1),
            ["quan_tri", "tuyen_truyen", "nghe_ky_thuat"],
            100,
            100,
            deleted=True,
        )
        s5 = _session(s, PROVINCE, date(2024, 4, 1), ["tuyen_truyen"], 20, 0)
        _session(s, b, date(2024, 6, 30), ["nghe_ky_thuat"], 8, 2)
        s7 = _session(s, d, date(2024, 11, 1), ["thuong_mai_dien_tu"], 3, 0)
        _session(s, c, date(2024, 2, 1), ["nghe_ky_thuat"], 10, 0)  # more than the denominator

        _attend(s, s1, f1)  # management and IT, in H1
        _attend(s, s3, f2)  # management in September only
        _attend(s, s4, f2)  # deleted session
        _attend(s, s1, f4, deleted=True)  # deleted attendance
        _attend(s, s3, f5)
        _attend(s, s5, f7)  # outreach only: not management
        _attend(s, s1, accountant)
        _attend(s, s1, ghost)

        c1 = _cadre(s, a, True)
        c2 = _cadre(s, a, True)
        c3 = _cadre(s, a, False)
        c4 = _cadre(s, a, True, deleted=True)
        c5 = _cadre(s, b, True)
        _cadre(s, PROVINCE, True)  # never trained
        c7 = _cadre(s, d, False)
        c8 = _cadre(s, c, True)
        _attend(s, s2, c1)
        _attend(s, s5, c2)
        _attend(s, s5, c3)
        _attend(s, s5, c4)
        _attend(s, s7, c5)
        _attend(s, s5, c7)
        _attend(s, s1, c8, deleted=True)

        ids.update(a1=a1.id, a2=a2.id, a3=a3.id, a4=a4.id, a5=a5.id, b1=b1.id)
    yield World(db, a, b, c, d, ids)
    db.close()


def _numbers(progress: UnitProgress) -> dict[str, tuple[Any, Any, Any]]:
    return {
        v.key: (
            None if v.value is None else round(v.value, 2),
            v.numerator,
            v.denominator,
        )
        for v in progress.indicators
    }


def _compute(world: World, unit: str, period: str) -> UnitProgress:
    with world.db.session() as s:
        return compute_indicators(s, unit, period)


def test_commune_a_for_the_year(world):
    progress = _compute(world, world.a, "2024")
    assert progress.period.figures_period == "2024-H2"
    assert progress.plan_id == "quang-ngai-126-KH-UBND-2023"
    assert [v.key for v in progress.indicators] == list(KNOWN_INDICATOR_KEYS)
    assert _numbers(progress) == {
        "htx_women_managed": (3, 3, None),  # a1, a2, a9
        "tht_women_managed": (2, 2, None),  # t1, t2
        "htx_female_jobs": (12, 12, None),  # a1 only has figures
        "tht_female_workers": (11, 11, None),  # 7 + 4
        "htx_new_union_supported": (1, 1, None),  # a2
        "female_managers_trained_pct": (60.0, 3, 5),  # f1, f2, f5 of f1 f2 f4 f5 f6
        "cadres_coop_trained_pct": (100.0, 2, 2),
        "cadres_outreach_pct": (66.67, 2, 3),
        "members_workers_trained_pct": (47.83, 22, 46),  # (16 + 6) / (28 + 11 + 7)
        "female_managers_it_pct": (25.0, 1, 4),  # f1 of f1 f2 f4 f6 (a8 not supported)
    }
    assert progress.missing_figures == 2  # a2 and a9


def test_commune_a_for_the_first_half(world):
    progress = _compute(world, world.a, "2024-H1")
    assert _numbers(progress) == {
        "htx_women_managed": (3, 3, None),
        "tht_women_managed": (1, 1, None),  # t2's contract is from August
        "htx_female_jobs": (9, 9, None),
        "tht_female_workers": (6, 6, None),
        "htx_new_union_supported": (1, 1, None),
        "female_managers_trained_pct": (25.0, 1, 4),  # a8 did not exist yet; f2 trained later
        "cadres_coop_trained_pct": (100.0, 2, 2),
        "cadres_outreach_pct": (66.67, 2, 3),
        "members_workers_trained_pct": (41.03, 16, 39),  # s2 / (27 + 12)
        "female_managers_it_pct": (25.0, 1, 4),
    }


def test_commune_b_and_the_loose_commune_c(world):
    assert _numbers(_compute(world, world.b, "2024")) == {
        "htx_women_managed": (1, 1, None),
        "tht_women_managed": (1, 1, None),  # t5 lost its only female leader
        "htx_female_jobs": (15, 15, None),
        "tht_female_workers": (10, 10, None),
        "htx_new_union_supported": (1, 1, None),
        "female_managers_trained_pct": (0.0, 0, 1),
        "cadres_coop_trained_pct": (100.0, 1, 1),
        "cadres_outreach_pct": (0.0, 0, 1),
        "members_workers_trained_pct": (22.22, 10, 45),
        "female_managers_it_pct": (0.0, 0, 1),
    }
    c = _compute(world, world.c, "2024")
    assert _numbers(c) == {
        "htx_women_managed": (0, 0, None),
        "tht_women_managed": (0, 0, None),
        "htx_female_jobs": (0, 0, None),
        "tht_female_workers": (0, 0, None),
        "htx_new_union_supported": (0, 0, None),
        "female_managers_trained_pct": (None, 0, 0),  # nobody to train: "—", not 0 %
        "cadres_coop_trained_pct": (0.0, 0, 1),  # her only attendance was deleted
        "cadres_outreach_pct": (0.0, 0, 1),
        "members_workers_trained_pct": (100.0, 10, 3),  # capped
        "female_managers_it_pct": (None, 0, 0),
    }
    assert c.get("female_managers_trained_pct").achieved_2025_pct is None
    assert c.get("female_managers_trained_pct").met_2025 is None


DISTRICT_YEAR = {
    "htx_women_managed": (4, 4, None),
    "tht_women_managed": (3, 3, None),
    "htx_female_jobs": (27, 27, None),
    "tht_female_workers": (21, 21, None),
    "htx_new_union_supported": (2, 2, None),
    "female_managers_trained_pct": (50.0, 3, 6),
    "cadres_coop_trained_pct": (100.0, 3, 3),
    "cadres_outreach_pct": (60.0, 3, 5),  # the district's own cadre counts
    "members_workers_trained_pct": (38.46, 35, 91),  # 22 + 10 + the district's 3
    "female_managers_it_pct": (20.0, 1, 5),
}


def test_district_adds_its_communes_and_its_own_records(world):
    assert _numbers(_compute(world, world.d, "2024")) == DISTRICT_YEAR


def test_province_for_the_year(world):
    progress = _compute(world, PROVINCE, "2024")
    assert progress.level == "province"
    assert _numbers(progress) == DISTRICT_YEAR | {
        "cadres_coop_trained_pct": (60.0, 3, 5),  # + the province's and C's untrained cadres
        "cadres_outreach_pct": (42.86, 3, 7),
        "members_workers_trained_pct": (47.87, 45, 94),  # + commune C
    }
    htx = progress.get("htx_women_managed")
    assert (htx.baseline, htx.target_2025, htx.target_2030) == (12, 12, 15)
    assert round(htx.achieved_2025_pct, 2) == 33.33
    assert round(htx.achieved_2030_pct, 2) == 26.67
    assert htx.met_2025 is False
    assert progress.get("cadres_coop_trained_pct").met_2025 is False
    assert progress.missing_figures == 2


def test_by_child_of_the_province(world):
    with world.db.session() as s:
        children = compute_by_child(s, PROVINCE, "2024")
    assert len(children) == 1 + 96 - 2  # district D and the communes in no district
    by_code = {p.unit_code: p for p in children}
    assert children[0].unit_code == world.d
    assert _numbers(by_code[world.d]) == DISTRICT_YEAR
    assert _numbers(by_code[world.c]) == _numbers(_compute(world, world.c, "2024"))
    assert world.a not in by_code
    others = [p for p in children if p.unit_code not in (world.c, world.d)]
    assert all(p.get("htx_women_managed").value == 0 for p in others)
    assert all(p.get("cadres_outreach_pct").value is None for p in others)


def test_by_child_of_the_district(world):
    with world.db.session() as s:
        children = compute_by_child(s, world.d, "2024-H1")
    assert {p.unit_code for p in children} == {world.a, world.b}
    for child in children:
        assert _numbers(child) == _numbers(_compute(world, child.unit_code, "2024-H1"))
    with world.db.session() as s:
        assert compute_by_child(s, world.a, "2024") == []


def test_badges(world):
    i = world.ids
    asked = [i["a1"], i["a2"], i["a3"], i["a4"], i["a5"], i["b1"], "no-such-id", i["a1"]]
    with world.db.session() as s:
        year = cooperative_badges(s, asked, "2024")
        half = cooperative_badges(s, asked, "2024-H1")
    assert year == {
        i["a1"]: (True, True),  # 8 of 10 workers are women
        i["a2"]: (True, None),  # no figures for the half-year
        i["a3"]: (False, False),
        i["a4"]: (False, None),
        i["b1"]: (True, True),
    }
    assert half[i["a1"]] == (True, True)
    assert half[i["a3"]] == (False, False)  # exactly 50 %
    assert half[i["b1"]] == (True, True)  # 11 of 20


def test_invalid_period_and_unit_raise_clear_errors(world):
    with pytest.raises(ValueError, match="2025-H1"):
        _compute(world, world.a, "2024-H2")
    with pytest.raises(ValueError, match="Không tìm thấy"):
        _compute(world, "99999", "2024")


def test_a_province_costs_a_fixed_handful_of_queries(world):
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(world.db.engine, "before_cursor_execute", count)
    try:
        _compute(world, PROVINCE, "2024")
    finally:
        event.remove(world.db.engine, "before_cursor_execute", count)
    assert len(statements) <= 12


def test_indicators_do_not_import_qt():
    code = "import sys, htx_desktop.indicators; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
