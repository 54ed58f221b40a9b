"""Opening a database file the one way the GUI, the CLI and the tests all use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from htx_desktop.storage.engine import Database
from htx_desktop.storage.migrate import SCHEMA_HEAD, ensure_current
from htx_desktop.storage.models import OfficerProfile
from htx_desktop.storage.units import ensure_official_units


def needs_upgrade(path: Path) -> bool:
    """A file holding data at an older schema: the one case where opening rewrites tables,
    so the one case that needs a backup first (a new or empty file has nothing to lose)."""
    from htx_desktop.storage.integrity import schema_revision, user_tables

    if not path.is_file() or path.stat().st_size == 0:
        return False
    return bool(user_tables(path)) and schema_revision(path) != SCHEMA_HEAD


def open_database(path: Path | str) -> Database:
    """Open (creating if needed), migrate to head and make sure the official units are there.

    Before a migration the file is backed up ("truoc-nang-cap"): an upgrade that fails half
    way, or a new version with a bug, must never cost the officer her data."""
    path = Path(path)
    if needs_upgrade(path):
        from htx_desktop.storage.backup import REASON_UPGRADE, backup_database

        backup_database(path, REASON_UPGRADE)
    db = Database(path)
    ensure_current(db.engine)
    with db.session() as session:
        ensure_official_units(session)
    return db


def load_profile(db: Database) -> OfficerProfile | None:
    with db.session() as session:
        return session.scalars(select(OfficerProfile).limit(1)).first()
