"""Starting the real GUI in a child process for the soak and crash tests (see gui_driver.py).

The child gets a throw-away home whose path holds spaces and Vietnamese letters, as an
officer's Windows profile folder does ("C:\\Users\\Nguyễn Thị Hoa\\…"), and draws offscreen.
When it dies, `describe_end` says how (signal or exit code) with the end of its error stream
and of the crash file and log the application keeps, so a failure explains itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

DRIVER = Path(__file__).with_name("gui_driver.py")
TAIL_LINES = 40


def gui_env(base: dict[str, str], root: Path) -> dict[str, str]:
    """The environment of the child: user folders under `root`, offscreen drawing."""
    env = dict(base)
    for var, sub in (
        ("HOME", "home"),
        ("XDG_DATA_HOME", "Dữ liệu ứng dụng"),
        ("XDG_CONFIG_HOME", "cấu hình"),
        ("XDG_CACHE_HOME", "bộ nhớ đệm"),
        ("XDG_STATE_HOME", "trạng thái"),
    ):
        (root / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(root / sub)
    for folder in ("APPDATA", "LOCAL_APPDATA"):
        env[f"WIN_PD_OVERRIDE_{folder}"] = str(root / "Dữ liệu ứng dụng")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def driver_command(*args: str) -> list[str]:
    return [sys.executable, str(DRIVER), *args]


def log_dir(env: dict[str, str]) -> Path:
    """The application's log folder for this environment (platformdirs' user data folder)."""
    from platformdirs import user_data_path

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return user_data_path("HTXDesktop", "HoiLHPN") / "logs"
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def tail(text: str, lines: int = TAIL_LINES) -> str:
    return "\n".join(text.splitlines()[-lines:])


def describe_end(returncode: int, stderr: str, logs: Path, stdout: str = "") -> str:
    """How the child ended, with what it and the application left behind: the fatal error's
    own line first (a thread dump can push it out of the tail), how far the driver got, the
    end of its error stream, of the crash file and of the log."""
    if returncode < 0:
        how = f"killed by signal {signal.Signals(-returncode).name}"
    else:
        how = f"exit code {returncode}"
    files = {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in (sorted(logs.glob("*.log")) if logs.is_dir() else ())
    }
    parts = [f"the GUI process ended with {how}"]
    for text in (stderr, *files.values()):  # the crash file holds it when the app is new
        parts += [line for line in text.splitlines() if line.startswith("Fatal Python error")]
    progress = [line for line in stdout.splitlines() if line.startswith("SOAK-ROUND")]
    if progress:
        parts.append("last progress: " + progress[-1])
    parts += ["--- end of its stderr ---", tail(stderr)]
    for name, text in files.items():
        if text.strip():
            parts += [f"--- end of {name} ---", tail(text)]
    return "\n".join(parts)


def run_driver(
    env: dict[str, str], cwd: Path, *args: str, timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        driver_command(*args),
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def result_line(stdout: str, label: str) -> str | None:
    """The JSON the driver printed after `label`, if it got that far."""
    for line in stdout.splitlines():
        if line.startswith(label + " "):
            return line[len(label) + 1 :]
    return None
