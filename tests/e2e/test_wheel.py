"""A regular install works, not only the editable one a developer has.

An officer's copy (or a packager's) is `pip install` of the wheel: the forms and resources must
travel inside the package, and nothing may be read from the checkout. The wheel is built from
this tree, installed from the lock file into a fresh virtual environment outside the checkout
(under a folder whose name has a space and Vietnamese letters), and every command an officer
needs runs from there, in a folder that holds no project files. Slow (a virtual environment
and Qt's wheel), so `.ci/run` runs it with `-m slow`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from app_process import assert_window_stays_up, isolated_env

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, encoding="utf-8", check=False,
                          **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{command}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv's bin folder, with the wheel and the locked dependencies installed."""
    base = tmp_path_factory.mktemp("wheel") / "Cài đặt thử"
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    python = str(venv / BIN / f"python{EXE}")
    wheels = base / "wheels"
    _run([python, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
          "-w", str(wheels), str(ROOT)], timeout=600)
    [wheel] = wheels.glob("htx_desktop-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "htx_desktop/forms/cooperative.toml" in names
    assert "htx_desktop/resources/fonts/LiberationSerif-Regular.ttf" in names
    assert "htx_desktop/resources/plans/quang-ngai-126-KH-UBND-2023.toml" in names
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _run([*pip, "--require-hashes", "-r", str(ROOT / "requirements.lock")], timeout=900)
    _run([*pip, "--no-deps", str(wheel)], timeout=300)
    return venv / BIN


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path)


def test_installed_wheel_runs_every_command_outside_the_checkout(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "Tài liệu của chị"
    work.mkdir()
    cli = str(installed / f"htx-desktop{EXE}")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return _run([cli, *args], env=env, cwd=work, timeout=300)

    # The package really is the installed one, not the checkout's.
    where = _run([str(installed / f"python{EXE}"), "-c",
                  "import htx_desktop.paths as p; print(p.forms_dir()); print(p.resources_dir())"],
                 env=env, cwd=work, timeout=60).stdout.splitlines()
    assert all(str(ROOT) not in line for line in where), where
    assert all("site-packages" in line for line in where), where

    db = str(work / "htx.sqlite3")
    run("init", "--db", db, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
        "--title", "Chủ tịch Hội LHPN xã")
    run("demo", "--db", db)
    report = work / "báo cáo.pdf"
    run("report", "--db", db, "--kind", "periodic", "--period", "2025-H1", "--out", str(report))
    assert report.read_bytes().startswith(b"%PDF")
    template = work / "mẫu.xlsx"
    run("template", "--out", str(template))
    assert zipfile.is_zipfile(template)
    out = run("export", "--db", db, "--period", "2025-H1", "--out", str(work / "gửi"))
    bundle = out.stdout.strip().splitlines()[-1]
    assert Path(bundle).is_file()
    assert "ĐẠT" in run("verify", bundle).stdout


def test_installed_wheel_window_starts_offscreen(
    installed: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """Alive after five seconds: the forms, fonts, translations and migrations came from the
    installed package."""
    assert_window_stays_up([str(installed / f"htx-desktop{EXE}"), "--demo"], env, tmp_path, 5)
