"""The bulk paths of an import write exactly what the ORM would have written, find ids however
many there are, and update only the record they name."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

from htx_desktop.exchange.records_json import columns_of
from htx_desktop.storage.bulk import (
    ids_present,
    ids_present_in,
    insert_rows,
    rows_by_id,
    update_rows,
)
from htx_desktop.storage.engine import search_key_of
from htx_desktop.storage.models import Cooperative, TrainingSession

COMMUNE = "21211"
COOP_VALUES = {
    "unit_code": COMMUNE,
    "created_at": datetime(2025, 3, 1, 8, 30, 0),  # whole seconds: formats differ most here
    "updated_at": datetime(2025, 3, 2, 9, 15, 42, 123456),
    "revision": 3,
    "deleted": False,
    "deleted_at": None,
    "name": "HTX Nông nghiệp Tịnh Khê",
    "registration_code": "4300123456",
    "commune_code": COMMUNE,
    "address": None,
    "sector": "nong_nghiep",
    "ocop_products": "Nước mắm",
    "ocop_stars": 4,
    "established_on": date(2019, 12, 31),
    "status": "hoat_dong",
    "union_supported": True,
    "union_support_year": 2024,
    "newly_founded": False,
    "charter_capital": Decimal("1500000.50"),
    "value_chain": True,
    "ecommerce": False,
    "difficult_area": False,
    "notes": None,
}
SESSION_VALUES = {
    "unit_code": COMMUNE,
    "created_at": datetime(2025, 4, 1, 7, 0, 0, 5),
    "updated_at": datetime(2025, 4, 1, 7, 0, 0, 5),
    "revision": 1,
    "deleted": False,
    "deleted_at": None,
    "title": "Tập huấn chuyển đổi số",
    "topics": ["chuyen_doi_so", "ke_toan"],
    "start_date": date(2025, 4, 2),
    "end_date": date(2025, 4, 3),
    "place": "Nhà văn hóa thôn",
    "organiser": None,
    "funding_source": None,
    "other_members": 5,
    "other_workers": 0,
    "other_women": 4,
    "women_difficult_area": 0,
    "women_poor": 1,
    "women_disabled": 0,
    "women_reintegrated": 0,
    "notes": None,
}


def coop(record_id, **changes):
    row = {"id": record_id} | COOP_VALUES | changes
    return row | {"search_key": search_key_of("cooperative", row) or ""}


def stored(db, table, record_id):
    """The row as SQLite holds it: each value with its storage class."""
    con = sqlite3.connect(db.path)
    try:
        names = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        select = ", ".join(f"{n}, typeof({n})" for n in names)
        row = con.execute(f"SELECT {select} FROM {table} WHERE id = ?", (record_id,)).fetchone()
        return {n: (row[2 * i], row[2 * i + 1]) for i, n in enumerate(names) if n != "id"}
    finally:
        con.close()


def test_a_bulk_insert_stores_what_the_orm_stores(fresh_db):
    for model, values in ((Cooperative, COOP_VALUES), (TrainingSession, SESSION_VALUES)):
        table = model.__tablename__
        with fresh_db.session() as s:
            s.add(model(id=f"orm-{table}", **values))
        with fresh_db.session() as s:
            row = {"id": f"bulk-{table}"} | values
            row["search_key"] = search_key_of(table, row) or ""
            assert insert_rows(s, model.__table__, [row]) == 1
        assert stored(fresh_db, table, f"bulk-{table}") == stored(fresh_db, table, f"orm-{table}")


def test_a_bulk_insert_rolls_back_with_its_session(fresh_db):
    with fresh_db.sessions() as s:
        insert_rows(s, Cooperative.__table__, [coop("gone")])
        assert ids_present(s, Cooperative.__table__, ["gone"]) == {"gone"}
        s.rollback()
    with fresh_db.sessions() as s:
        assert ids_present(s, Cooperative.__table__, ["gone"]) == set()


def test_ids_are_found_beyond_the_sqlite_parameter_limit(fresh_db):
    rows = [coop(f"coop-{i:05d}") for i in range(2500)]
    with fresh_db.session() as s:
        insert_rows(s, Cooperative.__table__, rows)
    wanted = [f"coop-{i:05d}" for i in range(0, 5000, 2)]  # half stored, half not
    names = [c.name for c in columns_of(Cooperative)]
    with fresh_db.sessions() as s:
        assert ids_present(s, Cooperative.__table__, wanted) == {
            f"coop-{i:05d}" for i in range(0, 2500, 2)
        }
        found = rows_by_id(s, Cooperative.__table__, names, wanted)
    assert len(found) == 1250
    one = found["coop-00042"]
    # typed as the ORM reads them, so digests and comparisons see the same values
    assert one["established_on"] == date(2019, 12, 31)
    assert one["charter_capital"] == Decimal("1500000.50")
    assert one["union_supported"] is True
    assert one["created_at"] == datetime(2025, 3, 1, 8, 30, 0)
    assert ids_present(s, Cooperative.__table__, []) == set()


def test_ids_of_several_tables_are_found_in_one_question(fresh_db):
    """An import asks which of a bundle's ids are stored, for every table at once: each table
    finds its own ids only, the same as asking it alone, and a table asked with none finds
    none."""
    with fresh_db.session() as s:
        insert_rows(s, Cooperative.__table__, [coop(f"coop-{i}") for i in range(3)])
        lop = SESSION_VALUES | {"id": "lop-1", "search_key": ""}
        insert_rows(s, TrainingSession.__table__, [lop])
    coops, sessions = Cooperative.__table__, TrainingSession.__table__
    with fresh_db.sessions() as s:
        found = ids_present_in(s, {
            coops: ["coop-0", "coop-2", "lop-1", "coop-9"],
            sessions: ["lop-1", "coop-1", "lop-2"],
        })
        assert found == {"cooperative": {"coop-0", "coop-2"}, "training_session": {"lop-1"}}
        assert found["cooperative"] == ids_present(s, coops, ["coop-0", "coop-2", "lop-1"])
        assert ids_present_in(s, {coops: [], sessions: ["lop-1"]}) == {
            "cooperative": set(), "training_session": {"lop-1"}}
        assert ids_present_in(s, {coops: set()}) == {"cooperative": set()}


def test_an_update_changes_only_the_named_record(fresh_db):
    rows = [coop(f"coop-{i}") for i in range(3)]
    with fresh_db.session() as s:
        insert_rows(s, Cooperative.__table__, rows)
    with fresh_db.session() as s:
        changed = coop("coop-1", name="HTX Đổi tên", revision=4)
        assert update_rows(s, Cooperative.__table__, [changed]) == 1
    names = [c.name for c in columns_of(Cooperative)]
    with fresh_db.sessions() as s:
        found = rows_by_id(s, Cooperative.__table__, names, ["coop-0", "coop-1", "coop-2"])
    assert found["coop-1"]["name"] == "HTX Đổi tên"
    assert found["coop-1"]["revision"] == 4
    assert {found[i]["name"] for i in ("coop-0", "coop-2")} == {COOP_VALUES["name"]}
