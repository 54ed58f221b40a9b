"""Where the application's files live.

Data files are resolved from the package location (or PyInstaller's bundle when frozen), never
from the working directory, so an installed or frozen build finds them wherever it is started.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

APP_NAME = "HTXDesktop"
APP_AUTHOR = "HoiLHPN"


def project_root() -> Path:
    """The checkout (or PyInstaller's bundle when frozen): where `forms/` and `resources/` sit
    beside the package when the code runs from the sources."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    """`forms` or `resources`: the installed package's data (a wheel or an editable install
    maps the top-level folders in as `htx_desktop.<name>`), else the checkout's or the frozen
    bundle's folder. The package is asked first so that an installed copy never reads files
    from whatever folder it was started in."""
    if not getattr(sys, "frozen", False):
        try:
            spec = importlib.util.find_spec(f"htx_desktop.{name}")
        except ImportError:
            spec = None
        if spec is not None and spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                folder = Path(location)
                if folder.is_dir():
                    return folder
    return project_root() / name


@functools.cache
def forms_dir() -> Path:
    return _data_dir("forms")


@functools.cache
def resources_dir() -> Path:
    return _data_dir("resources")


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    from htx_desktop.storage.private_files import private_dir

    return private_dir(user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=False))


def default_db_path() -> Path:
    return user_data_dir() / "htx.sqlite3"
