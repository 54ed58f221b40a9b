"""The core must run without Qt: the command line, the services and their tests import no
PySide6. Every module is found by walking the package, so a new module is covered the day it
is added. Each check runs in a fresh interpreter: this test process may already hold Qt."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

GUI_PREFIXES = ("htx_desktop.ui", "htx_desktop.app")

_PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    import htx_desktop

    gui = tuple(sys.argv[1].split(","))
    extra = [m for m in sys.argv[2].split(",") if m]

    def fail(name):
        raise  # a package that cannot be imported is a failure, not something to skip

    def is_gui(name):
        return any(name == p or name.startswith(p + ".") for p in gui)

    imported = []
    for info in pkgutil.walk_packages(htx_desktop.__path__, "htx_desktop.", onerror=fail):
        if not is_gui(info.name):
            importlib.import_module(info.name)
            imported.append(info.name)
    for name in extra:
        importlib.import_module(name)
        imported.append(name)
    print(json.dumps({"imported": imported, "qt": "PySide6" in sys.modules}))
    """
)


def probe(extra: list[str] | None = None) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, ",".join(GUI_PREFIXES), ",".join(extra or [])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"importing the core failed:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_core_modules_import_without_pyside6() -> None:
    report = probe()
    imported = report["imported"]
    assert isinstance(imported, list)
    # The walk really reached the core (a broken walk would pass vacuously).
    assert "htx_desktop.storage.models" in imported
    assert "htx_desktop.text" in imported
    assert not any(name.startswith(GUI_PREFIXES) for name in imported)
    assert report["qt"] is False, "a core module imports PySide6; keep Qt inside htx_desktop/ui"


def test_probe_notices_qt() -> None:
    """The same probe sees PySide6 once a GUI module is imported, so the check above can fail."""
    report = probe(extra=["htx_desktop.ui.tasks"])
    assert report["qt"] is True
