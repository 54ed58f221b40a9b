"""Arrows only run downward: the reports and the "who has reported" module never reach up into
exchange (which builds its PDF with the reports), so there is no circle between them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import htx_desktop

ROOT = Path(htx_desktop.__file__).parent


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "reports").glob("*.py")), ROOT / "reporting.py", ROOT / "storage/scope.py"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_reports_and_reporting_never_import_exchange(path):
    upward = {m for m in imported_modules(path) if m.startswith("htx_desktop.exchange")}
    assert not upward, f"{path.name} imports {sorted(upward)}"
