"""Where the application's files live.

Data files are resolved from the package location (or PyInstaller's bundle when frozen), never
from the working directory, so an installed or frozen build finds them wherever it is started.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "HTXDesktop"
APP_AUTHOR = "HoiLHPN"


def project_root() -> Path:
    """Folder holding `forms/` and `resources/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return project_root() / "forms"


def resources_dir() -> Path:
    return project_root() / "resources"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    from htx_desktop.storage.private_files import private_dir

    return private_dir(user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=False))


def default_db_path() -> Path:
    return user_data_dir() / "htx.sqlite3"
