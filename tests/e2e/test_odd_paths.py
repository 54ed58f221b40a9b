"""Every command, and the window, on databases in a folder named as officers name theirs.

Windows paths always hold characters a URL must escape (`C:\\`), and an officer's folder is
often `Tài liệu` or `Báo cáo 100%`. SQLAlchemy percent-encodes such a path in the database URL,
and Alembic once received that URL through ConfigParser, which took the `%` for interpolation:
every command that opened a new or older database failed. The databases here are created by
the commands themselves (not copied from the migrated template), so the migrations run on
these paths.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bundle_fixtures import PASSPHRASE
from openpyxl import load_workbook

FOLDER = "Tài liệu 100% thử"
PERIOD = "2025-H1"
LEGACY = Path(__file__).parents[1] / "fixtures" / "legacy-list.xlsx"


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    folder = tmp_path / FOLDER
    folder.mkdir()
    return folder


def test_every_command_works_in_a_folder_with_spaces_vietnamese_and_percent(
    run_cli, cli_env: dict[str, str], odd: Path
) -> None:
    cli_env["HTX_PASSPHRASE"] = PASSPHRASE

    def ok(*args: str | Path) -> str:
        done = run_cli(*args)
        assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    commune = odd / "xã Tịnh Khê 50%.sqlite3"
    ok("init", "--db", commune, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
       "--title", "Chủ tịch Hội LHPN xã")
    assert "Đã thêm dữ liệu mẫu" in ok("demo", "--db", commune)
    bundle = Path(ok("export", "--db", commune, "--period", PERIOD, "--out", odd / "USB 1")
                  .strip().splitlines()[-1])
    assert bundle.is_file() and bundle.parent.name == "USB 1"
    assert "ĐẠT" in ok("verify", bundle)
    ok("cert", "--db", commune, "--out", odd / "chứng thư xã.pem")

    province = odd / "tỉnh %d.sqlite3"
    ok("init", "--db", province, "--unit", "51", "--officer", "Lê Thị Lan",
       "--title", "Chủ tịch Hội LHPN tỉnh", "--level", "province")
    ok("trust", "--db", province, odd / "chứng thư xã.pem")
    assert "ĐẠT" in ok("verify", "--db", province, bundle)
    assert "ĐÃ NHẬP" in ok("import", "--db", province, bundle)
    assert "1/" in ok("status", "--db", province, "--period", PERIOD)
    report = odd / "báo cáo quý.pdf"
    ok("report", "--db", commune, "--kind", "periodic", "--period", PERIOD, "--out", report)
    assert report.read_bytes().startswith(b"%PDF")

    template = odd / "mẫu nhập.xlsx"
    ok("template", "--db", commune, "--out", template)
    assert "Hướng dẫn" in load_workbook(template).sheetnames
    imported = run_cli("import-xlsx", "--db", commune, "--json", LEGACY)
    assert imported.returncode == 1, imported.stderr  # the fixture's faulty rows are reported
    assert json.loads(imported.stdout)["counts"]["create"] == 2

    ok("backup", "--db", commune)
    listed = json.loads(ok("backups", "--db", commune, "--json"))
    assert listed, "the backup is listed"
    ok("check", "--db", commune)
    backups = sorted((commune.parent / "backups").glob("*.sqlite3"))
    ok("restore", "--db", commune, "--backup", backups[-1], "--yes")
    ok("check", "--db", commune, "--full")


def test_the_window_starts_on_a_new_database_in_such_a_folder(
    cli_env: dict[str, str], odd: Path, tmp_path: Path
) -> None:
    """Offscreen, a few seconds: the first start migrates the new file in that folder."""
    env = dict(cli_env, QT_QPA_PLATFORM="offscreen")
    db = odd / "dữ liệu 100%.sqlite3"
    proc = subprocess.Popen([sys.executable, "-m", "htx_desktop", "--db", str(db)], env=env,
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not db.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        time.sleep(3)
        code = proc.poll()
        if code is not None:
            out, err = proc.communicate(timeout=10)
            pytest.fail(f"the window exited with {code}:\n{out.decode()}\n{err.decode()}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
    assert db.is_file()
    assert os.path.getsize(db) > 0
