"""An officer (or someone at her USB port) points `verify` or `import` at something that is
not a file: a folder, /dev/zero that never ends, a FIFO that waits forever for a writer. Each
is refused at once, in Vietnamese, and the command returns instead of hanging (every run here
has a time limit, so a hang fails the test rather than the suite)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

NewDb = Callable[..., Path]
LIMIT_S = 60


def run(cli_env: dict[str, str], cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "htx_desktop", *map(str, args)],
        capture_output=True,
        encoding="utf-8",
        env=cli_env,
        cwd=cwd,
        timeout=LIMIT_S,
        check=False,
    )


def not_a_bundle_paths(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "goi-2025.zip"
    folder.mkdir()
    paths = {"thư mục": folder}
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "ong.zip"
        os.mkfifo(fifo)
        paths["đường ống"] = fifo
    if Path("/dev/zero").exists():
        paths["thiết bị"] = Path("/dev/zero")
    return paths


def assert_refused_at_once(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "không phải tệp gói dữ liệu" in result.stderr
    assert path.name in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
def test_verify_refuses_a_folder_a_fifo_and_dev_zero_without_waiting(cli_env, tmp_path):
    paths = not_a_bundle_paths(tmp_path)
    assert set(paths) == {"thư mục", "đường ống", "thiết bị"}
    for kind, path in paths.items():
        result = run(cli_env, tmp_path, "verify", path)
        assert_refused_at_once(result, path)
        if kind != "thư mục":
            assert "là thiết bị hoặc đường ống" in result.stderr
        else:
            assert "là một thư mục" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
def test_import_refuses_them_too_and_writes_nothing(cli_env, tmp_path, new_db: NewDb):
    db = new_db()
    paths = not_a_bundle_paths(tmp_path)
    result = run(cli_env, tmp_path, "import", "--db", db, *paths.values())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for path in paths.values():
        assert f"TỪ CHỐI  {path.name}" in result.stderr
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM import_ledger").fetchone() == (0,)
    finally:
        con.close()
