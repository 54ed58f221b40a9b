"""End-to-end fixtures: run `python -m htx_desktop` as an officer would, in a throw-away home.

Each process gets its own HOME and XDG folders under the test's tmp_path, so that nothing reads
or writes the real user's data even if a command falls back to the default database. Databases
start as copies of one template that already holds the official unit list: loading it costs
about a second, which every process would otherwise pay.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from htx_desktop.storage.database import open_database

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    env = dict(os.environ)
    for var, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("PYTHONIOENCODING", None)  # the program must cope with the console it is given
    return env


@pytest.fixture
def run_cli(cli_env: dict[str, str], tmp_path: Path) -> RunCli:
    """Run the command line in a fresh interpreter; returns the finished process."""

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "htx_desktop", *map(str, args)],
            capture_output=True,
            encoding="utf-8",
            env=cli_env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def e2e_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e-template") / "template.sqlite3"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def new_db(e2e_template_db: Path, tmp_path: Path) -> Callable[[str], Path]:
    """A fresh database file (no profile, no records) at tmp_path / name."""

    def make(name: str = "htx.sqlite3") -> Path:
        path = tmp_path / name
        shutil.copyfile(e2e_template_db, path)
        return path

    return make
