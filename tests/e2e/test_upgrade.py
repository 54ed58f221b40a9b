"""An officer installs a new version over the first release: her database must open, migrate
and keep every record exactly as it was. The committed fixture (tests/fixtures/
first-release.sqlite3, made by make_first_release_db.py) and what its maker recorded
(first-release.json) are compared after the current `open_database` has had its way.

When a later migration changes stored values on purpose, this test is where that is said:
adjust the comparison for that table and column, never the fixture.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select

from htx_desktop.registry.records import list_records
from htx_desktop.storage.audit import audit_for
from htx_desktop.storage.backup import list_backups
from htx_desktop.storage.database import load_profile, open_database
from htx_desktop.storage.integrity import check_integrity
from htx_desktop.storage.migrate import current_revision, head_revision
from htx_desktop.storage.models import Cooperative

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FACTS = json.loads((FIXTURES / "first-release.json").read_text(encoding="utf-8"))
#: Tables a later migration folded into another on purpose (their rows checked there).
FOLDED = {"record_origin": "0004: import origins are kept in audit_entry"}



def _maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_first_release_db", FIXTURES / "make_first_release_db.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


table_digest = _maker().table_digest


@pytest.fixture
def upgraded(tmp_path) -> Path:
    """A copy of the fixture (never the committed file) opened by the current version."""
    path = tmp_path / "htx.sqlite3"
    shutil.copyfile(FIXTURES / "first-release.sqlite3", path)
    db = open_database(path)
    assert current_revision(db.engine) == head_revision()
    db.close()
    return path


def test_the_fixture_is_what_its_maker_recorded():
    assert check_integrity(FIXTURES / "first-release.sqlite3").ok
    con = sqlite3.connect(FIXTURES / "first-release.sqlite3")
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()
    assert revision == FACTS["schema_revision"]


def test_every_record_survives_the_upgrade(upgraded):
    assert check_integrity(upgraded).ok
    con = sqlite3.connect(upgraded)
    try:
        for table, facts in FACTS["tables"].items():
            if table == "alembic_version" or table in FOLDED:
                continue
            count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert count == facts["count"], table
            if "digest" in facts:
                assert table_digest(con, table, facts["columns"]) == facts["digest"], table
        for sample in FACTS["samples"]:
            values = sample["values"]
            columns = list(values)
            row = con.execute(
                f"SELECT {', '.join(columns)} FROM {sample['table']} WHERE {sample['key']} = ?",
                (values[sample["key"]],),
            ).fetchone()
            assert row is not None and dict(zip(columns, row, strict=True)) == values
    finally:
        con.close()


def test_the_application_reads_the_old_records_as_usual(upgraded):
    db = open_database(upgraded)
    try:
        profile = load_profile(db)
        assert profile is not None and profile.officer_name == "Nguyễn Thị Hoa"
        with db.session() as s:
            live = list_records(s, "cooperative", [profile.unit_code])
            everything = s.scalar(select(func.count()).select_from(Cooperative))
            assert len(live) == everything - 1  # one was deleted before the upgrade
            edited = next(c for c in live if c.notes == "Đã kiểm tra hồ sơ năm 2025.")
            assert edited.revision == 2
            assert [e.action for e in audit_for(s, edited.id)] == ["update"]
    finally:
        db.close()


def test_an_upgrade_that_changes_the_schema_is_backed_up_first(upgraded):
    backups = list_backups(upgraded)
    if FACTS["schema_revision"] == head_revision():
        assert backups == []  # nothing to migrate yet: no copy either
    else:
        assert [b.reason for b in backups] == ["truoc-nang-cap"]
        con = sqlite3.connect(backups[0].path)
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            facts = FACTS["tables"]["cooperative"]
            digest = table_digest(con, "cooperative", facts["columns"])
        finally:
            con.close()
        assert (revision, digest) == (FACTS["schema_revision"], facts["digest"])
