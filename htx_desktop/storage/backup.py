"""Backups of the officer's database, taken with SQLite's online backup API.

Years of an officer's entries live in one file on one laptop. Copies are taken at the moments
that matter: when the application starts (`startup_backup`), once a day while it stays open
(`daily_backup_due`, polled by the GUI's timer), before every import (`backup_before_import`),
before every schema upgrade (`open_database` does it) and before a restore replaces the file.

The online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot even while the
application has the database open, WAL content included; copying the file with the operating
system would not. Each copy is written under a temporary name, given SQLite's quick check and
renamed when complete and sound, so a crash or a full disk never leaves a half copy under a
backup's name, and every backup doubles as an integrity check: damage is noticed at the next
start, import or daily copy (`DamagedDatabase`) instead of weeks later, and a damaged copy never
pushes a good one out of the rotation.

Backups live in ``<db folder>/backups/<stem>-YYYYmmdd-HHMMSS-<reason>.sqlite3`` (local time,
the clock the officer reads). The set is bounded: after each new copy only these are kept:

* the newest `KEEP_NEWEST` (10) copies, whatever their reason, and
* the newest copy of each of the `KEEP_DAYS` (7) most recent days on which a copy was made,

so at most 17 copies exist, the last few hours are covered closely and a mistake noticed a
week later (or seven working days later, for an officer who opens the app once a week) can
still be undone.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from htx_desktop.durable import sync_file, sync_folder
from htx_desktop.storage.integrity import IntegrityReport, check_integrity, is_usable_backup
from htx_desktop.storage.private_files import create_private, make_private, private_dir
from htx_desktop.storage.sqlite_file import (
    BUSY_TIMEOUT_S,
    connect_existing,
    connect_readonly,
    needs_upgrade,
    schema_problem,
)

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
SUFFIX = ".sqlite3"
KEEP_NEWEST = 10
KEEP_DAYS = 7
DAILY_INTERVAL = timedelta(hours=24)
#: A temporary copy older than this was left by a crash and is removed when pruning.
STALE_PART_SECONDS = 3600
#: How long a restore waits for another connection to finish writing before giving up.
RESTORE_BUSY_TIMEOUT_S = 30.0

REASON_STARTUP = "khoi-dong"
REASON_DAILY = "hang-ngay"
REASON_IMPORT = "truoc-nhap"
REASON_UPGRADE = "truoc-nang-cap"
REASON_RESTORE = "truoc-khoi-phuc"
REASON_MANUAL = "thu-cong"
REASON_UNDO = "truoc-hoan-tac"
REASON_LABELS_VI: dict[str, str] = {
    REASON_STARTUP: "khi mở ứng dụng",
    REASON_DAILY: "hằng ngày",
    REASON_IMPORT: "trước khi nhập gói",
    REASON_UPGRADE: "trước khi nâng cấp",
    REASON_RESTORE: "trước khi khôi phục",
    REASON_MANUAL: "sao lưu thủ công",
    REASON_UNDO: "trước khi hoàn tác lần nhập",
}


class BackupError(OSError):
    """A backup or restore that could not be done; `str()` is the Vietnamese message.

    An OSError because it is one for every caller: a file that could not be written or read,
    to be reported like a full disk."""


class DamagedDatabase(BackupError):
    """The copy failed SQLite's check, so the database itself is damaged: the copy was thrown
    away (a damaged copy must never push a good one out of the rotation) and the officer
    should be led to recovery (`newest_good_backup`, `restore_backup`)."""

    def __init__(self, db_path: Path, report: IntegrityReport) -> None:
        super().__init__(
            f"Cơ sở dữ liệu “{db_path.name}” bị hỏng ({'; '.join(report.problems[:2])}). "
            "Chưa sao lưu bản hỏng này, để giữ các bản sao lưu tốt. Hãy chạy "
            f"“htx-desktop check --db {db_path}” để được hướng dẫn khôi phục."
        )
        self.report = report


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # local time, from the file name
    reason: str
    size: int
    sequence: int = 1  # 2, 3… for copies made within the same second for the same reason

    @property
    def label_vi(self) -> str:
        return REASON_LABELS_VI.get(self.reason, self.reason)


def backup_dir(db_path: Path | str) -> Path:
    return Path(db_path).parent / BACKUP_DIR_NAME


def _slug(reason: str) -> str:
    from htx_desktop.text import fold

    slug = re.sub(r"[^a-z0-9]+", "-", fold(reason)).strip("-")
    return slug[:40] or REASON_MANUAL


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(db_path.stem)}-(\d{{8}})-(\d{{6}})-([a-z0-9-]+?)(?:-(\d+))?"
        rf"{re.escape(SUFFIX)}$"
    )


def list_backups(db_path: Path | str) -> list[BackupInfo]:
    """This database's backups, newest first (another database's in the same folder are not
    listed, nor temporary copies)."""
    path = Path(db_path)
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    pattern = _pattern(path)
    found: list[BackupInfo] = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(entry, taken, match.group(3), size, int(match.group(4) or 1)))
    found.sort(key=lambda b: (b.taken_at, b.sequence, b.path.name), reverse=True)
    return found


def _target(db_path: Path, when: datetime, reason: str) -> Path:
    base = f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-{reason}"
    folder = backup_dir(db_path)
    candidate = folder / f"{base}{SUFFIX}"
    sequence = 2
    while candidate.exists():
        candidate = folder / f"{base}-{sequence}{SUFFIX}"
        sequence += 1
    return candidate


_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


def _copy_pages(
    source: sqlite3.Connection, dest: sqlite3.Connection, timeout: float = BUSY_TIMEOUT_S
) -> None:
    """`source.backup(dest)`, but giving up after `timeout` seconds of "busy": Python's own
    loop retries a busy database forever, and a restore must not hang the application."""
    deadline = time.monotonic() + timeout

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in _BUSY and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    source.backup(dest, progress=progress, sleep=0.05)


def _snapshot(source: sqlite3.Connection, target: Path) -> None:
    """Copy `source` into a new self-contained file (rollback journal, owner-only, synced)."""
    target.unlink(missing_ok=True)
    create_private(target)  # owner-only before a byte is written (and its journal with it)
    dest = sqlite3.connect(target)
    try:
        _copy_pages(source, dest)
        dest.execute("PRAGMA journal_mode=DELETE")
        dest.commit()
    finally:
        dest.close()
    make_private(target)
    sync_file(target)


def backup_database(
    db_path: Path | str,
    reason: str,
    now: datetime | None = None,
    prune: bool = True,
    verify: bool = True,
) -> Path:
    """Copy the database into its backups folder; returns the new backup's path.

    With `verify` the copy gets SQLite's quick check before it is kept, which makes every
    backup an integrity check of the database as well; `DamagedDatabase` if it fails."""
    path = Path(db_path)
    if not path.is_file():
        raise BackupError(f"Không có tệp cơ sở dữ liệu “{path}” để sao lưu.")
    folder = backup_dir(path)
    when = (now or datetime.now()).replace(microsecond=0)
    part: Path | None = None
    try:
        private_dir(folder)
        final = _target(path, when, _slug(reason))
        part = folder / f".{final.name}.part"
        source = connect_existing(path)
        try:
            _snapshot(source, part)
        finally:
            source.close()
        report = check_integrity(part, quick=True) if verify else None
        if report is not None and not report.ok:
            part.unlink(missing_ok=True)
            raise DamagedDatabase(path, report)
        os.replace(part, final)
        sync_folder(folder)
    except DamagedDatabase:
        raise
    except (OSError, sqlite3.Error) as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        raise BackupError(
            f"Không sao lưu được cơ sở dữ liệu “{path.name}” vào thư mục “{folder}” ({exc}). "
            "Hãy kiểm tra dung lượng đĩa và quyền ghi thư mục."
        ) from exc
    log.info("Backup written: %s", final.name)
    if prune:
        prune_backups(path, protect=(final,))
    return final


def prune_backups(
    db_path: Path | str,
    protect: Iterable[Path] = (),
    keep_newest: int = KEEP_NEWEST,
    keep_days: int = KEEP_DAYS,
) -> list[Path]:
    """Remove the backups the rotation no longer keeps (see the module docstring) and
    temporary copies left by a crash; returns what was removed."""
    backups = list_backups(db_path)
    keep = {b.path for b in backups[:keep_newest]} | {Path(p) for p in protect}
    days: list[date] = []
    for info in backups:  # newest first: the first copy met on a day is its newest
        day = info.taken_at.date()
        if day not in days and len(days) < keep_days:
            days.append(day)
            keep.add(info.path)
    removed = []
    for info in backups:
        if info.path in keep:
            continue
        try:
            info.path.unlink()
            removed.append(info.path)
            info.path.with_name(info.path.name + "-wal").unlink(missing_ok=True)  # raw copies
        except OSError as exc:
            log.warning("Could not remove the old backup %s: %s", info.path.name, exc.strerror)
    folder = backup_dir(db_path)
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(f".{Path(db_path).stem}-*.part") if folder.is_dir() else ():
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed.append(part)
        except OSError:
            continue
    return removed


def _last_change(db_path: Path) -> float:
    """When the database last changed on disk (its WAL holds the latest commits)."""
    times = [db_path.stat().st_mtime]
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        times.append(wal.stat().st_mtime)
    return max(times)


def startup_backup(db_path: Path | str) -> Path | None:
    """The GUI calls this when it starts, before `open_database`: a copy, unless nothing
    changed since the newest one (restarting the application ten times must not push real
    history out of the rotation)."""
    path = Path(db_path)
    if not path.is_file() or path.stat().st_size == 0 or needs_upgrade(path):
        return None  # nothing yet, or `open_database` is about to copy it before upgrading
    if schema_problem(path) is not None:
        return None  # not ours: `open_database` refuses it, and no copy may enter the rotation
    backups = list_backups(path)
    if backups and backups[0].path.stat().st_mtime >= _last_change(path):
        return None
    return backup_database(path, REASON_STARTUP)


def newest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup of this database that passes the check, for guided recovery."""
    for info in list_backups(db_path):
        if is_usable_backup(info.path):
            return info
    return None


def daily_backup_due(db_path: Path | str, now: datetime | None = None) -> bool:
    """True when the newest backup is a day old or older (the GUI's timer asks every hour and
    then calls `backup_database(db_path, REASON_DAILY)`)."""
    path = Path(db_path)
    if not path.is_file():
        return False
    backups = list_backups(path)
    if not backups:
        return True
    return (now or datetime.now()) - backups[0].taken_at >= DAILY_INTERVAL


def backup_before_import(db_path: Path | str) -> Path:
    """The copy taken before bundles are merged in (CLI `import`, GUI import page)."""
    return backup_database(db_path, REASON_IMPORT)


def _is_damage(exc: BaseException | None) -> bool:
    """SQLite saying the file is damaged or not a database, as opposed to busy or locked
    (a file in use must never be replaced under the process using it)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = str(getattr(exc, "sqlite_errorname", ""))
    text = str(exc).lower()
    return (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "not a database" in text
    )


def _safety_copy(db_path: Path) -> Path:
    """A copy of the database about to be replaced; a file too damaged for the backup API is
    copied byte for byte (with its WAL), since it may still hold entries worth rescuing."""
    try:  # unverified: a damaged file is exactly what this copy may have to keep
        return backup_database(db_path, REASON_RESTORE, prune=False, verify=False)
    except BackupError as exc:
        if not _is_damage(exc.__cause__):
            raise
        import shutil

        target = _target(db_path, datetime.now().replace(microsecond=0), REASON_RESTORE)
        try:
            private_dir(target.parent)
            create_private(target)
            shutil.copyfile(db_path, target)
            wal = db_path.with_name(db_path.name + "-wal")
            if wal.exists():
                create_private(target.with_name(target.name + "-wal"))
                shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        except OSError as exc:
            raise BackupError(
                f"Không sao lưu được tệp hiện tại “{db_path.name}” trước khi khôi phục ({exc}); "
                "chưa thay đổi gì. Hãy kiểm tra dung lượng đĩa."
            ) from exc
        return target


def _copy_into(source: Path, db_path: Path) -> None:
    """Write `source` over the database with the backup API (one transaction: a crash
    mid-copy leaves the old content). If the old file is too damaged for SQLite to write
    into, a fresh copy replaces it instead, its stale WAL removed first so that it can never
    be replayed onto the restored pages."""
    src = connect_readonly(source)
    try:
        try:
            create_private(db_path)
            dest = sqlite3.connect(db_path, timeout=RESTORE_BUSY_TIMEOUT_S)
            try:
                _copy_pages(src, dest, RESTORE_BUSY_TIMEOUT_S)
            finally:
                dest.close()
            return
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            log.info("Restoring by replacing the file: %s", exc)
        part = db_path.with_name(f".{db_path.name}.restore.part")
        _snapshot(src, part)
    finally:
        src.close()
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(part, db_path)
    sync_folder(db_path.parent)


def restore_backup(db_path: Path | str, backup: Path | str) -> Path | None:
    """Put a backup's content back as the database; returns the safety copy made of the
    current file (None when there was no file).

    Every connection to the database must be closed first (the GUI closes its `Database`;
    the CLI holds the instance lock). The backup is checked before anything is touched."""
    path = Path(db_path)
    source = Path(backup)
    if not source.is_file():
        raise BackupError(f"Không có tệp sao lưu “{source}”.")
    if path.exists() and source.resolve() == path.resolve():
        raise BackupError("Tệp sao lưu chính là tệp cơ sở dữ liệu đang dùng.")
    problem = schema_problem(source)
    if problem is not None:
        raise BackupError(f"Không khôi phục từ tệp sao lưu này. {problem}")
    if not is_usable_backup(source):
        raise BackupError(
            f"Tệp sao lưu “{source.name}” bị hỏng hoặc không phải cơ sở dữ liệu của phiên bản "
            "HTX Desktop này; chưa thay đổi gì. Hãy chọn một bản sao lưu khác."
        )
    safety = _safety_copy(path) if path.is_file() else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _copy_into(source, path)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            f"Không khôi phục được từ “{source.name}” ({exc}). Tệp cũ đã được sao lưu"
            + (f" ở “{safety.name}”." if safety else ".")
        ) from exc
    report = check_integrity(path)
    if not report.ok:
        raise BackupError(
            f"Sau khi khôi phục, cơ sở dữ liệu vẫn không đạt kiểm tra ({report.summary_vi()}). "
            "Hãy thử một bản sao lưu cũ hơn."
        )
    prune_backups(path, protect=[p for p in (safety, source) if p is not None])
    log.info("Restored %s from %s", path.name, source.name)
    return safety
