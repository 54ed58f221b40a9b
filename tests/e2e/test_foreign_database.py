"""Someone edits a database with a SQLite editor (adds a trigger that rewrites imported rows,
a view, a column, drops an index, adds a table of their own) and hands the file over: as the
database of a command (`--db`), as a backup to restore, or to `check`. Each is refused in
Vietnamese before anything is migrated or written, and the file is left byte for byte as it
was. `check` only ever reads: a WAL placed beside a file is not merged into it."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

RunCli = Callable[..., subprocess.CompletedProcess[str]]
NewDb = Callable[..., Path]

EDITS = {
    "trigger": "CREATE TRIGGER rewrite AFTER INSERT ON cooperative "
    "BEGIN UPDATE cooperative SET name = 'x' WHERE id = NEW.id; END",
    "view": "CREATE VIEW everyone AS SELECT * FROM manager",
    "column": "ALTER TABLE cooperative ADD COLUMN secret TEXT",
    "missing index": "DROP INDEX ix_cooperative_commune_code",
    "foreign table": "CREATE TABLE notes (body TEXT)",
}
NAMED = {
    "trigger": "trigger “rewrite”",
    "view": "view “everyone”",
    "column": "bảng “cooperative”",
    "missing index": "chỉ mục “ix_cooperative_commune_code”",
    "foreign table": "bảng “notes”",
}


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def files_of(path: Path) -> dict[str, str | None]:
    return {s: digest(path.with_name(path.name + s)) for s in ("", "-wal", "-journal")}


def edited(new_db: NewDb, name: str, sql: str) -> Path:
    path = new_db(name)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute(sql)
    con.commit()
    con.close()
    return path


def refused(result: subprocess.CompletedProcess[str], named: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "không đúng như HTX Desktop tạo ra" in result.stderr
    assert named in result.stderr


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_database_is_refused_by_every_command_and_left_untouched(
    run_cli: RunCli, new_db: NewDb, edit: str
) -> None:
    foreign = edited(new_db, "edited.sqlite3", EDITS[edit])
    before = files_of(foreign)
    for argv in (
        ["district", "list"],
        ["check"],
        ["backup"],
    ):
        refused(run_cli(*argv, "--db", foreign), NAMED[edit])
        assert files_of(foreign) == before, argv
    assert not (foreign.parent / "backups").exists()

    own = new_db("own.sqlite3")
    own_before = files_of(own)
    result = run_cli("restore", "--db", own, "--backup", foreign, "--yes")
    refused(result, NAMED[edit])
    assert "Không khôi phục từ tệp sao lưu này" in result.stderr
    assert files_of(own) == own_before and files_of(foreign) == before


def test_a_sqlite_file_of_another_program_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    other = tmp_path / "contacts.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
    con.commit()
    con.close()
    before = files_of(other)
    result = run_cli("district", "list", "--db", other)
    assert result.returncode == 1 and "không phải cơ sở dữ liệu của HTX Desktop" in result.stderr
    assert "bảng “contact”" in result.stderr
    assert files_of(other) == before


def test_a_newer_revision_is_explained_not_migrated(run_cli: RunCli, new_db: NewDb) -> None:
    newer = edited(new_db, "newer.sqlite3", "UPDATE alembic_version SET version_num = '0099'")
    before = files_of(newer)
    result = run_cli("district", "list", "--db", newer)
    assert result.returncode == 1 and "phiên bản mới hơn" in result.stderr
    assert files_of(newer) == before


def test_check_never_merges_a_wal_placed_beside_the_file(
    run_cli: RunCli, new_db: NewDb, tmp_path: Path
) -> None:
    """A WAL taken from a copy of the file in which a trigger was added: SQLite would replay it
    into the file on the first read-write close. `check` reads it, refuses what it shows and
    leaves both files exactly as they were."""
    target = new_db("target.sqlite3")
    donor = tmp_path / "donor.sqlite3"
    shutil.copyfile(target, donor)
    con = sqlite3.connect(donor)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute(EDITS["trigger"])
    con.commit()
    shutil.copyfile(donor.with_name(donor.name + "-wal"), target.with_name(target.name + "-wal"))
    con.close()
    before = files_of(target)
    assert before["-wal"] is not None

    refused(run_cli("check", "--db", target), NAMED["trigger"])
    assert files_of(target) == before
    plain = sqlite3.connect(f"{target.as_uri()}?immutable=1", uri=True)
    triggers = plain.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    plain.close()
    assert triggers == []  # the file itself still holds no trigger: nothing was merged


def test_an_untouched_database_still_passes_check_and_opens(run_cli: RunCli, new_db: NewDb) -> None:
    own = new_db("own.sqlite3")
    assert run_cli("check", "--db", own).returncode == 0
    assert run_cli("district", "list", "--db", own).returncode == 0
