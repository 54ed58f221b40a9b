"""A command's output piped into a reader that stops early (`| head -1`, a closed pager) never
undoes the work: every command commits first and prints after, and a closed stdout after the
commit ends the command quietly with the work done.

The reader here closes its end of the pipe before the command writes anything, the harshest
case of `| head -c 1`: the first line the command prints meets a closed pipe.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

NewDb = Callable[..., Path]


@pytest.fixture
def run_closed(cli_env: dict[str, str], tmp_path: Path) -> Callable[..., tuple[int, str]]:
    """Run the command line with a stdout pipe nobody reads (closed at once); returns the exit
    code and stderr."""

    def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
        read_end, write_end = os.pipe()
        os.close(read_end)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "htx_desktop", *map(str, args)],
                stdout=write_end, stderr=subprocess.PIPE, encoding="utf-8",
                env=cli_env | (env or {}), cwd=tmp_path, timeout=120, check=False,
            )
        finally:
            os.close(write_end)
        return done.returncode, done.stderr

    return run


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_init_into_a_closed_pipe_still_saves_the_profile_and_key(run_closed, new_db: NewDb):
    db = new_db()
    code, err = run_closed(
        "init", "--db", db, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
        "--title", "Chủ tịch Hội LHPN xã", env={"HTX_PASSPHRASE": "mật khẩu dài đủ 12"},
    )
    assert code == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert count(db, "officer_profile") == 1
    assert count(db, "officer_credential") == 1


def test_demo_and_district_into_a_closed_pipe_keep_their_records(
    run_closed, run_cli, new_db: NewDb
):
    db = new_db()
    assert run_cli("init", "--db", db, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
                   "--title", "Chủ tịch Hội LHPN xã").returncode == 0
    code, err = run_closed("demo", "--db", db)
    assert (code, err) == (0, "")
    assert count(db, "cooperative") > 0
    code, err = run_closed("district", "create", "--db", db, "--name", "Huyện Sơn Tịnh cũ",
                           "--communes", "21211,21220")
    assert (code, err) == (0, "")
    assert count(db, "district_member") == 2


def test_a_failing_command_still_reports_its_failure_with_stdout_closed(run_closed, new_db):
    db = new_db()
    code, err = run_closed("init", "--db", db, "--unit", "99999", "--officer", "A",
                           "--title", "B")
    assert code == 1
    assert err.startswith("Lỗi:")
    assert count(db, "officer_profile") == 0
