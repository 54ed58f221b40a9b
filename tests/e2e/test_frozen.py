"""The frozen build (PyInstaller onedir) really runs: CLI end to end, and the window stays up.

Slow (about a minute and a half to build), so excluded from the default run; `.ci/run` runs it
with `-m slow` after installing the `build` extra. It builds on the platform it runs on
(PyInstaller does not cross-compile), which is enough to catch a data file or hidden import
missing from the spec: those break every platform alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from app_process import assert_window_stays_up, isolated_env

from htx_desktop.exchange.pipeline import START_WAIT_ENV

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXE = ".exe" if os.name == "nt" else ""


@pytest.fixture(scope="module")
def frozen_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="install the build extra: pip install -e .[build]")
    base = tmp_path_factory.mktemp("frozen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"),
         "--dist", str(base / "dist"), "--work", str(base / "work")],
        capture_output=True, text=True, timeout=900, check=False, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    folder = base / "dist" / "htx-desktop"
    assert (folder / f"htx-desktop{EXE}").is_file()
    assert (folder / f"htx-desktop-cli{EXE}").is_file()
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path)


def test_frozen_cli_init_demo_export_verify(
    frozen_dir: Path, env: dict[str, str], tmp_path: Path
) -> None:
    cli = str(frozen_dir / f"htx-desktop-cli{EXE}")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([cli, *args], capture_output=True, encoding="utf-8", env=env,
                              cwd=tmp_path, timeout=300, check=False)
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        return done

    db = str(tmp_path / "htx.sqlite3")
    assert "0." in run("--version").stdout
    run("init", "--db", db, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
        "--title", "Chủ tịch Hội LHPN xã")
    run("demo", "--db", db)
    bundle = run("export", "--db", db, "--period", "2025-H1", "--out",
                 str(tmp_path / "out")).stdout.strip().splitlines()[-1]
    # Without --db: signature, hashes and certificate (her own key is not in her trust list).
    assert "ĐẠT" in run("verify", bundle).stdout
    run("template", "--out", str(tmp_path / "mau.xlsx"))

    # The province imports a pile of bundles at once: the frozen program starts its helper
    # process to verify ahead (freeze_support), waited for here so that it takes part, and
    # every bundle gets its answer, the first imported, the copies unchanged.
    province = str(tmp_path / "tỉnh.sqlite3")
    run("init", "--db", province, "--unit", "51", "--officer", "Lê Thị Lan",
        "--title", "Chủ tịch Hội LHPN tỉnh", "--level", "province")
    with zipfile.ZipFile(bundle) as zf:
        (tmp_path / "xa.pem").write_bytes(zf.read("signer.pem"))
    run("trust", "--db", province, str(tmp_path / "xa.pem"))
    env[START_WAIT_ENV] = "120"
    pile = json.loads(run("import", "--db", province, "--json", *[bundle] * 10).stdout)
    assert [entry["ok"] for entry in pile] == [True] * 10
    assert pile[0]["import"]["totals"]["new"] > 0
    assert all(entry["import"]["totals"]["new"] == 0 for entry in pile[1:])


def test_frozen_window_starts_and_stays_up(
    frozen_dir: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """Offscreen, on the demo database: alive after four seconds means the imports, the
    migrations, the fonts and the main window all came up from the frozen folder."""
    assert_window_stays_up([str(frozen_dir / f"htx-desktop{EXE}"), "--demo"], env, tmp_path, 4)


def test_frozen_window_opens_on_the_reports_page(
    frozen_dir: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """The preview's PDF renderer came along: PDFium's native library is in the folder (QtPdf
    is not), and a window remembered on the reports page, which imports pypdfium2 and so loads
    that library as it is built, comes up without an error. A page that fails to build leaves
    the window up but prints the traceback, so the output is checked, not only the process."""
    assert any(frozen_dir.rglob("*pdfium*.dll")) or any(frozen_dir.rglob("libpdfium*"))
    assert not any(frozen_dir.rglob("*Qt6Pdf*")) and not any(frozen_dir.rglob("*QtPdf*"))
    remembered = "[window]\nlast_page=reports\n"
    for folder in (env["XDG_CONFIG_HOME"], env["APPDATA"], str(Path(env["HOME"]) / ".config")):
        (Path(folder) / "HoiLHPN").mkdir(parents=True, exist_ok=True)
        (Path(folder) / "HoiLHPN" / "HTXDesktop.ini").write_text(remembered, encoding="utf-8")
    gui = str(frozen_dir / f"htx-desktop{EXE}")
    proc = subprocess.Popen([gui, "--demo"], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(4)
        code = proc.poll()
    finally:
        if proc.poll() is None:
            proc.kill()
        out, err = proc.communicate(timeout=10)
    output = out.decode(errors="replace") + err.decode(errors="replace")
    assert code is None, f"the window exited with {code}:\n{output}"
    assert "Traceback" not in output, output
