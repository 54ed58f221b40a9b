"""What a regular install carries: every code package, and the forms and resources as data.

The package list in pyproject.toml is explicit (the top-level `forms/` and `resources/` are
mapped into the package, which setuptools' automatic discovery cannot combine with); a new
subpackage missing from it would install without its modules, so the list is held to the tree.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from htx_desktop.paths import forms_dir, resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    listed = set(config["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "htx_desktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    mapped = set(config["setuptools"]["package-dir"])
    assert mapped == {"htx_desktop.forms", "htx_desktop.resources"}
    assert listed == on_disk | mapped


def test_forms_and_resources_are_found_through_the_package() -> None:
    assert (forms_dir() / "cooperative.toml").is_file()
    assert (resources_dir() / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (resources_dir() / "plans").is_dir()
