"""Entry point of `htx-desktop` and `python -m htx_desktop`.

With a command it runs the command line (htx_desktop.cli); without one it opens the GUI, whose
module is imported only then, so that the command line works on a machine without Qt and never
loads it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

_GUI_MODULES = ("htx_desktop.app", "PySide6")


def _utf8_streams() -> None:
    """Print Vietnamese safely: a Windows console or pipe may default to a code page that
    cannot encode it, and a crash on printing a message would hide the message."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", "") or ""
        if isinstance(stream, io.TextIOWrapper) and encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def _launch_gui(db: Path | None, demo: bool) -> int:
    """Open the GUI on ``--db`` or the officer's default file; with ``--demo`` the GUI picks
    its own demo file (never the officer's), so no path is passed."""
    db_path = db
    if db_path is None and not demo:
        from htx_desktop.paths import default_db_path

        db_path = default_db_path()
    try:
        from htx_desktop.app import run_gui
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith(_GUI_MODULES):
            raise
        print(
            f"Lỗi: không mở được giao diện vì thiếu thành phần “{exc.name}”. Hãy cài lại "
            "HTX Desktop; các lệnh dòng lệnh (htx-desktop --help) vẫn dùng được.",
            file=sys.stderr,
        )
        return 1
    return run_gui(db_path, demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (or the GUI when no command is given); returns the exit code:
    0 success, 1 a failure explained on stderr, 2 a wrong command line."""
    _utf8_streams()
    from htx_desktop.cli import parse_args, run

    try:
        args = parse_args(argv)
    except SystemExit as exc:  # --help, --version and argparse errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if args.command is None:
        return _launch_gui(args.db, args.demo)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
