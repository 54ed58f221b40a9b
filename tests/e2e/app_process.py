"""Running an installed copy of the application (frozen folder, installed wheel) as an officer
would: in a throw-away home of its own, and the window kept up for a few seconds."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

PASSPHRASE = "mat-khau-thu-nghiem-2026"


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """This process's environment without its Python settings, with HOME, the XDG folders and
    Windows' APPDATA/LOCALAPPDATA under `tmp_path`, a passphrase and Qt offscreen: nothing the
    copy does can touch the real user's files or borrow this interpreter's packages."""
    home = tmp_path / "home"
    values = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    values.update(HTX_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", "share"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("APPDATA", "appdata"),
                     ("LOCALAPPDATA", "localappdata")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        values[var] = str(home / sub)
    return values


def assert_window_stays_up(command: list[str], env: dict[str, str], cwd: Path,
                           seconds: float) -> None:
    """Start the window; alive after `seconds` means its imports, data files, migrations and
    main window all came up. Its output is shown when it exited instead."""
    proc = subprocess.Popen(command, env=env, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(seconds)
        code = proc.poll()
        if code is not None:
            out, err = proc.communicate(timeout=10)
            pytest.fail(f"the window exited with {code}:\n{out.decode()}\n{err.decode()}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=10)
