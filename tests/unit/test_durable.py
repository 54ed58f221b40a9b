"""Durable writes behave as Windows demands, checked on Linux.

Windows flushes a file only through a handle opened for writing; `os.fsync` on a read-only one
fails there with EBADF. Linux accepts both, which once let an export that always failed on
Windows pass every test here. `windows_fsync` replaces `os.fsync` with one that refuses a
regular file opened read-only, the way Windows does, so the code paths the officer's laptop
takes (export, backup, restore, drafts, signing keys) run under the same rule.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from htx_desktop import durable
from htx_desktop.__main__ import main

PASSPHRASE = "mat-khau-thu-nghiem"


class WindowsFsync:
    """`os.fsync` with Windows' rule for files; records what it flushed."""

    def __init__(self) -> None:
        self.real = os.fsync
        self.files: list[Path] = []
        self.folders: list[Path] = []

    def __call__(self, fd: int) -> None:
        path = Path(os.readlink(f"/proc/self/fd/{fd}"))
        if stat.S_ISREG(os.fstat(fd).st_mode):
            if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
                raise OSError(errno.EBADF, "Bad file descriptor (read-only handle)")
            self.files.append(path)
        else:
            self.folders.append(path)
        self.real(fd)


@pytest.fixture
def windows_fsync(monkeypatch: pytest.MonkeyPatch) -> Iterator[WindowsFsync]:
    fake = WindowsFsync()
    monkeypatch.setattr(os, "fsync", fake)
    yield fake


def test_the_fake_refuses_a_read_only_handle_as_windows_does(
    tmp_path: Path, windows_fsync: WindowsFsync
) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x")
    with path.open("rb") as handle, pytest.raises(OSError) as caught:
        os.fsync(handle.fileno())
    assert caught.value.errno == errno.EBADF


def test_sync_file_flushes_a_finished_file_through_a_writable_handle(
    tmp_path: Path, windows_fsync: WindowsFsync
) -> None:
    path = tmp_path / "gói.zip"
    path.write_bytes(b"PK\x05\x06" + bytes(18))
    durable.sync_file(path)
    assert windows_fsync.files == [path]
    assert path.read_bytes() == b"PK\x05\x06" + bytes(18)  # r+b never truncates


def test_replace_durably_renames_and_syncs_the_folder(
    tmp_path: Path, windows_fsync: WindowsFsync
) -> None:
    part, final = tmp_path / "x.part", tmp_path / "x.zip"
    part.write_bytes(b"new")
    final.write_bytes(b"old")
    durable.replace_durably(part, final)
    assert final.read_bytes() == b"new" and not part.exists()
    assert windows_fsync.files == [part]
    assert windows_fsync.folders == [tmp_path]


def test_write_atomically_leaves_the_old_file_whole_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "khóa.pem"
    path.write_bytes(b"old")

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, "disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        durable.write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["khóa.pem"]  # no temporary file left


def test_export_backup_and_restore_pass_under_windows_fsync_rules(
    tmp_path: Path,
    windows_fsync: WindowsFsync,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The officer's story on Windows: set up, key, export a bundle, back up, restore."""
    monkeypatch.setenv("HTX_PASSPHRASE", PASSPHRASE)
    db = tmp_path / "htx.sqlite3"
    outbox = tmp_path / "usb"
    assert main(["init", "--db", str(db), "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
                 "--title", "Chủ tịch Hội LHPN xã"]) == 0
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--period", "2025-H1", "--out", str(outbox)]) == 0
    bundle = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert bundle.parent == outbox and bundle.is_file()
    assert any(p.name == bundle.name + ".part" for p in windows_fsync.files)
    assert outbox in windows_fsync.folders
    assert any(p.suffix == ".tmp" for p in windows_fsync.files)  # the signing key, whole

    assert main(["backup", "--db", str(db)]) == 0
    backups = sorted((db.parent / "backups").glob("*.sqlite3"))
    assert backups
    assert main(["restore", "--db", str(db), "--backup", str(backups[-1]), "--yes"]) == 0
