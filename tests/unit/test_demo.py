"""Demo data must look like real data to every other part of the application: it passes the
same form validation, keeps the counts consistent, links every person to something that exists,
and is the same for the same seed (trainers and tests rely on that)."""

from __future__ import annotations

import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Session

from htx_desktop.demo import (
    DEMO_OFFICER_NAME,
    DEMO_UNIT_CODE,
    PERIODS,
    PROVINCE_SAMPLE,
    DemoError,
    create_demo_database,
    fill_demo,
)
from htx_desktop.demo.vocabulary import COURSES
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.profile import get_profile
from htx_desktop.registry.record_checks import clean_field
from htx_desktop.registry.validation import ValidationContext, validate
from htx_desktop.storage.base import SyncedRecord
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database, search_key_for
from htx_desktop.storage.models import (
    SYNCED_MODELS,
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.storage.units import create_district

#: Tịnh Khê (lowland), Sơn Hạ (Hrê, mountainous), Kon Plông (Xơ Đăng, former Kon Tum).
COMMUNES = ["21211", "21292", "23476"]
GOVERNING = {"chu_tich_hdqt", "giam_doc", "thanh_vien_hdqt", "thanh_vien_bks"}
FORM_KEYS: dict[type[SyncedRecord], str] = {
    Cooperative: "cooperative",
    CooperativeGroup: "cooperative_group",
    Manager: "manager",
    PeriodFigures: "period_figures",
    UnionCadre: "union_cadre",
    TrainingSession: "training_session",
}


@pytest.fixture
def district_db(fresh_db: Database) -> Iterator[tuple[Database, str]]:
    """A database whose district group holds three quite different communes, filled."""
    with fresh_db.session() as session:
        code = create_district(session, "Cụm thử nghiệm", COMMUNES).code
        fill_demo(session, code, seed=1)
    yield fresh_db, code


def _copy_db(template: Path, path: Path) -> Database:
    shutil.copyfile(template, path)
    return open_database(path)


def _all_rows(session: Session, model: type[SyncedRecord]) -> list[dict[str, object]]:
    table = model.__table__  # type: ignore[attr-defined]
    return [dict(r._mapping) for r in session.execute(select(table).order_by(table.c.id))]


def test_every_record_passes_its_form(district_db: tuple[Database, str]) -> None:
    db, _ = district_db
    ctx = ValidationContext(communes=COMMUNES, today=date(2026, 12, 31))
    checked = 0
    with db.session() as session:
        for model, key in FORM_KEYS.items():
            form = get_form(key)
            for record in session.scalars(select(model)):
                values = {f.key: getattr(record, f.key) for f in form.fields}
                for link in ("cooperative_id", "group_id"):
                    if hasattr(record, link):
                        values[link] = getattr(record, link)
                result = validate(form, values, ctx)
                assert result.ok, (key, record.id, result.errors)
                # ... and is stored as the form cleans it: a receiver refuses a code or a
                # choice spelled otherwise (first_invalid's `canonical`)
                for spec in form.fields:
                    if spec.pattern or spec.type in ("choice", "multi_choice"):
                        assert result.cleaned[spec.key] == values[spec.key], (key, spec.key)
                checked += 1
    assert checked > 200


def test_every_course_lists_its_topics_as_the_form_orders_them() -> None:
    """A training session's topics are stored in the order of the form's choices; a course of
    the demo's vocabulary that listed them otherwise made bundles every receiver refused
    (3 of the 3,321 national benchmark communes drew it)."""
    spec = next(f for f in get_form("training_session").fields if f.key == "topics")
    for course in COURSES:
        cleaned, error = clean_field(spec, list(course.topics), ValidationContext())
        assert error is None and cleaned == list(course.topics), course.title


def test_female_counts_never_exceed_totals(district_db: tuple[Database, str]) -> None:
    db, _ = district_db
    with db.session() as session:
        figures = list(session.scalars(select(PeriodFigures)))
        assert figures
        for f in figures:
            assert 0 <= f.members_female <= f.members_total
            assert 0 <= f.workers_female <= f.workers_total
            for part in (f.workers_ethnic_minority, f.workers_poor, f.workers_disabled):
                assert 0 <= part <= f.workers_female
            assert f.period in PERIODS
            assert f.revenue is not None and f.revenue >= 0
        owners = Counter((f.cooperative_id, f.group_id, f.period) for f in figures)
        assert max(owners.values()) == 1, "one set of figures per owner and period"


def test_every_manager_belongs_to_exactly_one_htx_or_tht(
    district_db: tuple[Database, str],
) -> None:
    db, _ = district_db
    with db.session() as session:
        managers = list(session.scalars(select(Manager)))
        for m in managers:
            assert (m.cooperative_id is None) != (m.group_id is None)
            if m.cooperative_id:
                assert m.cooperative is not None
                assert m.role in GOVERNING | {"khac"}
            else:
                assert m.group is not None
                assert m.role in {"to_truong", "to_pho", "khac"}
            assert m.consent is True
            assert m.sex in {"nu", "nam"}
        for group in session.scalars(select(CooperativeGroup)):
            leaders = [m for m in group.managers if m.role == "to_truong"]
            assert len(leaders) == 1 and group.leader_name == leaders[0].full_name
        women_managed = [
            any(m.sex == "nu" and m.role in GOVERNING for m in c.managers)
            for c in session.scalars(select(Cooperative))
        ]
        # Most are women-managed, but not all: the indicator has something to tell apart.
        assert sum(women_managed) > len(women_managed) / 2
        assert not all(women_managed)
        assert {m.ethnicity for m in managers} >= {"Kinh", "Hrê", "Xơ Đăng", None}


def test_attendees_exist_and_attend_once(district_db: tuple[Database, str]) -> None:
    db, _ = district_db
    with db.session() as session:
        attendances = list(session.scalars(select(TrainingAttendance)))
        assert attendances
        for a in attendances:
            assert (a.manager_id is None) != (a.cadre_id is None)
            assert a.session is not None
            assert (a.manager or a.cadre) is not None
        seen = Counter((a.session_id, a.manager_id, a.cadre_id) for a in attendances)
        assert max(seen.values()) == 1
        trained_women = {
            a.manager_id
            for a in attendances
            if a.manager is not None
            and a.manager.sex == "nu"
            and "quan_tri" in a.session.topics
        }
        assert trained_women, "some female managers attended a management course"


def test_all_text_is_nfc_and_search_keys_are_set(district_db: tuple[Database, str]) -> None:
    db, _ = district_db
    with db.session() as session:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            text_columns = [c.name for c in table.columns if isinstance(c.type, String | Text)]
            for record in session.scalars(select(model)):
                for name in text_columns:
                    value = getattr(record, name)
                    if isinstance(value, str):
                        assert unicodedata.is_normalized("NFC", value), (model, name, value)
                expected = search_key_for(record)
                if expected is not None:
                    assert record.search_key == expected


def test_each_member_commune_is_filled_and_district_owns_its_own(
    district_db: tuple[Database, str],
) -> None:
    db, code = district_db
    with db.session() as session:
        coops = Counter(session.scalars(select(Cooperative.commune_code)))
        groups = Counter(session.scalars(select(CooperativeGroup.commune_code)))
        assert set(coops) == set(COMMUNES) == set(groups)
        assert all(3 <= n <= 6 for n in coops.values())
        assert all(4 <= n <= 8 for n in groups.values())
        for c in session.scalars(select(Cooperative)):
            assert c.unit_code == c.commune_code
            assert c.registration_code and len(c.registration_code) == 10
        cadres = Counter(session.scalars(select(UnionCadre.unit_code)))
        assert all(5 <= cadres[c] <= 10 for c in COMMUNES)
        assert cadres[code] >= 3
        trainings = Counter(session.scalars(select(TrainingSession.unit_code)))
        assert all(4 <= trainings[c] <= 8 for c in COMMUNES)
        assert trainings[code] >= 2
        mountain = session.scalars(
            select(Cooperative.difficult_area).where(Cooperative.commune_code == "21292")
        ).all()
        assert all(mountain)


def test_same_seed_gives_identical_rows_and_another_seed_differs(
    template_db: Path, tmp_path: Path
) -> None:
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = _copy_db(template_db, tmp_path / f"{name}.sqlite3")
        with db.session() as session:
            fill_demo(session, "21211", seed=seed)
        with db.session() as session:
            dumps.append({m.__tablename__: _all_rows(session, m) for m in SYNCED_MODELS})
        db.close()
    assert dumps[0] == dumps[1]
    assert dumps[0]["cooperative"] != dumps[2]["cooperative"]
    ids_a = {row["id"] for rows in dumps[0].values() for row in rows}
    ids_c = {row["id"] for rows in dumps[2].values() for row in rows}
    assert not ids_a & ids_c


def test_filling_twice_with_one_seed_adds_nothing(fresh_db: Database) -> None:
    with fresh_db.session() as session:
        first = fill_demo(session, "21211", seed=1)
        again = fill_demo(session, "21211", seed=1)
        other = fill_demo(session, "21211", seed=2)
    assert first.cooperatives >= 3 and first.total > 50
    assert again.total == 0
    assert other.cooperatives >= 3
    with fresh_db.session() as session:
        n = len(session.scalars(select(Cooperative.id)).all())
    assert n == first.cooperatives + other.cooperatives


def test_a_commune_gets_the_same_records_alone_or_inside_its_district(
    template_db: Path, tmp_path: Path
) -> None:
    """So that a commune's demo bundle merges into a district demo as a no-op."""
    alone = _copy_db(template_db, tmp_path / "alone.sqlite3")
    grouped = _copy_db(template_db, tmp_path / "grouped.sqlite3")
    with alone.session() as session:
        fill_demo(session, "21211", seed=3)
    with grouped.session() as session:
        code = create_district(session, "Huyện Sơn Tịnh cũ", ["21211", "21220"]).code
        fill_demo(session, code, seed=3)
    rows = []
    for db in (alone, grouped):
        with db.session() as session:
            table = Cooperative.__table__
            rows.append(
                [
                    tuple(r)
                    for r in session.execute(
                        select(table).where(table.c.commune_code == "21211").order_by(table.c.id)
                    )
                ]
            )
        db.close()
    assert rows[0] and rows[0] == rows[1]


def test_province_fill_samples_communes(fresh_db: Database) -> None:
    with fresh_db.session() as session:
        counts = fill_demo(session, "51", seed=1)
        communes = set(session.scalars(select(Cooperative.commune_code)))
        province_cadres = session.scalars(
            select(UnionCadre).where(UnionCadre.unit_code == "51")
        ).all()
    assert counts.communes == PROVINCE_SAMPLE == len(communes)
    assert all(c.level == "province" for c in province_cadres) and province_cadres


def test_unknown_unit_is_a_demo_error(fresh_db: Database) -> None:
    with fresh_db.session() as session, pytest.raises(DemoError, match="99999"):
        fill_demo(session, "99999")


def test_create_demo_database_makes_a_profile_once(template_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(template_db, path)
    create_demo_database(path)
    db = open_database(path)
    with db.session() as session:
        profile = get_profile(session)
        assert profile is not None
        assert (profile.unit_code, profile.level) == (DEMO_UNIT_CODE, "commune")
        assert profile.officer_name == DEMO_OFFICER_NAME
        first = session.scalars(select(Cooperative)).all()
        assert {c.commune_code for c in first} == {DEMO_UNIT_CODE}
        first[0].name = "HTX đã sửa khi dùng thử"
    db.close()

    create_demo_database(path, seed=2)  # already a demo: left as the officer left it
    db = open_database(path)
    with db.session() as session:
        again = session.scalars(select(Cooperative)).all()
        assert len(again) == len(first)
        assert "HTX đã sửa khi dùng thử" in {c.name for c in again}
    db.close()
