"""Unit-test fixtures: a migrated database with the official units, copied from one template
per test session (loading 3,355 units costs about a second)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def fresh_db(template_db: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "htx.sqlite3"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    yield db
    db.close()
