"""Backups she can carry: a copy on a USB stick or in a folder of her choice, and back.

The rotation in `storage.backup` keeps copies beside the database, on the same disk: a stolen
laptop, a dead disk or a virus takes them with it. So the officer also copies the database to a
folder she chooses, usually a USB stick, and is reminded when her last such copy is older than
`REMIND_AFTER` (or when she never made one).

The copy is made exactly like the rotation's (SQLite's online backup API, a consistent snapshot
even while the application runs; written under a temporary name, given the quick check, then
renamed), so a pulled-out stick or a full disk never leaves a half copy under a backup's name.
When it was made is noted beside the rotation (`EXTERNAL_RECORD`, in the database's backups
folder): it belongs to this database file, whichever Windows account or settings file opens it.

Restoring from a chosen file goes through `restore_backup`, which treats the file as a claim:
it must be a sound database of this application, or nothing changes; the current file is
copied first.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from htx_desktop.durable import sync_folder
from htx_desktop.storage.backup import (
    SUFFIX,
    BackupError,
    DamagedDatabase,
    _snapshot,
    backup_dir,
    restore_backup,
)
from htx_desktop.storage.integrity import check_integrity, is_usable_backup
from htx_desktop.storage.private_files import private_dir
from htx_desktop.storage.sqlite_file import connect_existing, schema_problem

log = logging.getLogger(__name__)

#: How old the last copy outside the computer may get before the officer is reminded.
REMIND_AFTER = timedelta(days=30)
#: Where the last outside copy is noted (in the database's backups folder).
EXTERNAL_RECORD = "sao-luu-ngoai-may.json"
EXTERNAL_TAG = "ngoai-may"


@dataclass(frozen=True)
class ExternalBackup:
    """The last copy made outside the computer: when (local time) and where."""

    taken_at: datetime
    path: Path


def _record_path(db_path: Path) -> Path:
    return backup_dir(db_path) / EXTERNAL_RECORD


def last_external_backup(db_path: Path | str) -> ExternalBackup | None:
    """The last outside copy noted for this database (None when never, or when the note
    cannot be read: then a reminder is the safe answer)."""
    try:
        data = json.loads(_record_path(Path(db_path)).read_text(encoding="utf-8"))
        return ExternalBackup(datetime.fromisoformat(data["taken_at"]), Path(data["path"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def external_backup_due(db_path: Path | str, now: datetime | None = None) -> bool:
    """True when no copy outside the computer is younger than `REMIND_AFTER`."""
    last = last_external_backup(db_path)
    return last is None or (now or datetime.now()) - last.taken_at >= REMIND_AFTER


def _note(db_path: Path, backup: ExternalBackup) -> None:
    record = _record_path(db_path)
    private_dir(record.parent)
    part = record.with_name(f".{record.name}.part")
    part.write_text(
        json.dumps(
            {"taken_at": backup.taken_at.isoformat(timespec="seconds"), "path": str(backup.path)},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    os.replace(part, record)


def _target(db_path: Path, folder: Path, when: datetime) -> Path:
    base = f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-{EXTERNAL_TAG}"
    candidate = folder / f"{base}{SUFFIX}"
    sequence = 2
    while candidate.exists():
        candidate = folder / f"{base}-{sequence}{SUFFIX}"
        sequence += 1
    return candidate


def backup_to_folder(
    db_path: Path | str, folder: Path | str, now: datetime | None = None
) -> Path:
    """Copy the database into `folder` (a USB stick, a shared folder); returns the new file.
    `BackupError` (Vietnamese) when the folder cannot take it; `DamagedDatabase` when the
    copy fails SQLite's check. Nothing but the finished copy is left in the folder."""
    path = Path(db_path)
    target_folder = Path(folder)
    if not path.is_file():
        raise BackupError(f"Không có tệp cơ sở dữ liệu “{path}” để sao lưu.")
    if not target_folder.is_dir():
        raise BackupError(
            f"Không thấy thư mục “{target_folder}”. Nếu là USB, hãy cắm lại rồi chọn lại."
        )
    when = (now or datetime.now()).replace(microsecond=0)
    final = _target(path, target_folder, when)
    part = target_folder / f".{final.name}.part"
    try:
        source = connect_existing(path)
        try:
            _snapshot(source, part)
        finally:
            source.close()
        report = check_integrity(part, quick=True)
        if not report.ok:
            part.unlink(missing_ok=True)
            raise DamagedDatabase(path, report)
        os.replace(part, final)
        sync_folder(target_folder)
    except DamagedDatabase:
        raise
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise BackupError(
            f"Không sao lưu được vào thư mục “{target_folder}” ({exc}). Hãy kiểm tra USB còn "
            "cắm, còn chỗ trống và không bị khóa ghi."
        ) from exc
    try:
        _note(path, ExternalBackup(when, final))
    except OSError as exc:  # the copy is made; only the reminder will come back sooner
        log.warning("Could not note the outside backup: %s", exc.strerror)
    log.info("Backup written outside the computer: %s", final.name)
    return final


def restore_from_file(db_path: Path | str, backup: Path | str) -> Path | None:
    """Put a chosen backup file's content back as the database (`restore_backup`: the file is
    checked before anything is touched, the current file copied first); returns that copy."""
    source = Path(backup)
    if source.is_file() and source.stat().st_size == 0:
        raise BackupError(f"Tệp “{source.name}” rỗng, không phải bản sao lưu; chưa thay đổi gì.")
    return restore_backup(db_path, source)



def check_backup_file(backup: Path | str) -> str | None:
    """Why `backup` cannot be restored from (Vietnamese), or None when it is a sound database
    of this application: asked before the officer is, so she never confirms a restore that
    then fails. `restore_backup` checks again (the file may change in between)."""
    source = Path(backup)
    try:
        if not source.is_file():
            return f"Không có tệp “{source}”."
        if source.stat().st_size == 0:
            return f"Tệp “{source.name}” rỗng, không phải bản sao lưu; chưa thay đổi gì."
    except OSError as exc:
        return f"Không đọc được tệp “{source.name}” ({exc.strerror or exc}); chưa thay đổi gì."
    problem = schema_problem(source)
    if problem is not None:
        return f"Không khôi phục từ tệp này. {problem}"
    if not is_usable_backup(source):
        return (
            f"Tệp “{source.name}” bị hỏng hoặc không phải bản sao lưu của HTX Desktop; chưa "
            "thay đổi gì. Hãy chọn một bản sao lưu khác."
        )
    return None
