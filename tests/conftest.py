"""Settings every test shares.

Set at import time, before any test creates a QApplication or asks platformdirs for a folder:
Qt draws offscreen (CI has no display) and the user folders point into a throw-away directory,
so no test ever reads or writes the real officer's data, logs or settings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="htx-tests-home-"))
for _var, _sub in (
    ("HOME", "home"),
    ("XDG_DATA_HOME", "home/.local/share"),
    ("XDG_CONFIG_HOME", "home/.config"),
    ("XDG_CACHE_HOME", "home/.cache"),
    ("XDG_STATE_HOME", "home/.local/state"),
):
    (_SESSION_HOME / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_var] = str(_SESSION_HOME / _sub)
# Windows ignores the XDG variables: recent platformdirs reads these overrides instead.
for _folder in ("APPDATA", "LOCAL_APPDATA"):
    os.environ[f"WIN_PD_OVERRIDE_{_folder}"] = str(_SESSION_HOME / "home" / _folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def session_home() -> Path:
    """The throw-away home directory every test runs with."""
    return _SESSION_HOME / "home"
