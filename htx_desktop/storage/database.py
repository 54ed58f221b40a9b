"""Opening a database file the one way the GUI, the CLI and the tests all use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from htx_desktop.storage.backup import REASON_UPGRADE, backup_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.migrate import ensure_current
from htx_desktop.storage.models import OfficerProfile
from htx_desktop.storage.sqlite_file import needs_upgrade, require_own_schema
from htx_desktop.storage.units import ensure_official_units


def open_database(path: Path | str) -> Database:
    """Open (creating if needed), migrate to head and make sure the official units are there.

    Before a migration the file is backed up ("truoc-nang-cap"): an upgrade that fails half
    way, or a new version with a bug, must never cost the officer her data. Before anything,
    a file whose schema is not exactly one the migrations made is refused
    (`sqlite_file.ForeignDatabase`): migrating it would keep whatever triggers or views
    someone else added, and run them on every write."""
    path = Path(path)
    require_own_schema(path)
    if needs_upgrade(path):
        backup_database(path, REASON_UPGRADE)
    db = Database(path)
    ensure_current(db.engine)
    with db.session() as session:
        ensure_official_units(session)
    return db


def load_profile(db: Database) -> OfficerProfile | None:
    with db.session() as session:
        return session.scalars(select(OfficerProfile).limit(1)).first()
