"""What every command shares: the database it works on, output, and turning failures into
one Vietnamese line on stderr with exit code 1."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from htx_desktop.text_safety import printable, printable_json

if TYPE_CHECKING:
    from htx_desktop.storage.engine import Database

PROG = "htx-desktop"


class CliError(Exception):
    """A failure the officer can fix; its message (Vietnamese) is printed as is, exit 1."""


def db_path(args: argparse.Namespace) -> Path:
    """``--db``, else the officer's default file (resolved only when a command needs it,
    because resolving creates the user data folder)."""
    if args.db is not None:
        return Path(args.db)
    from htx_desktop.paths import default_db_path

    return default_db_path()


@contextmanager
def database(path: Path) -> Iterator[Database]:
    """The database, opened the one way every part of the application does; an unusable
    file becomes a CliError naming it instead of a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from htx_desktop.storage.database import open_database
    from htx_desktop.storage.sqlite_file import ForeignDatabase

    if path.is_dir():
        raise CliError(f"“{path}” là một thư mục; hãy cho --db đường dẫn tới một tệp.")
    try:
        db = open_database(path)
    except ForeignDatabase as exc:
        raise CliError(str(exc)) from exc
    except (OSError, SQLAlchemyError) as exc:
        raise CliError(
            f"Không mở được cơ sở dữ liệu “{path}”: tệp hỏng, không phải cơ sở dữ liệu "
            f"của HTX Desktop hoặc không có quyền ghi ({reason(exc)})."
        ) from exc
    try:
        yield db
    finally:
        db.close()


def reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]


def out(line: object = "") -> None:
    """Every line the command line prints goes through here (or `err`, `out_json`): names
    from certificates, bundles and records may hold terminal control characters, and
    `printable` shows them as escapes instead of letting them move the cursor."""
    print(printable(line, keep="\n\t"))


def err(line: object) -> None:
    print(printable(line, keep="\n\t"), file=sys.stderr)


def out_json(value: object) -> None:
    """JSON for scripts: Vietnamese letters as they are, unsafe characters as JSON escapes."""
    import json

    print(printable_json(json.dumps(value, ensure_ascii=False, indent=2, default=str)))


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; a failure the officer can fix becomes one line on stderr."""
    from sqlalchemy.exc import SQLAlchemyError

    from htx_desktop.demo import DemoError
    from htx_desktop.exchange.errors import ExchangeError
    from htx_desktop.registry.profile import ProfileError
    from htx_desktop.storage.units import UnitError

    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        # Output piped into `head` or a closed pager. Commands print only after their work is
        # committed, so the work is done: not a failure.
        _silence_stdout()
        return 0
    except (CliError, ProfileError, UnitError, DemoError, ExchangeError, ValueError) as exc:
        _fail(str(exc))
    except (OSError, SQLAlchemyError) as exc:
        _fail(f"Lỗi khi đọc/ghi cơ sở dữ liệu: {reason(exc)}. Hãy kiểm tra đường dẫn --db, "
              "quyền ghi thư mục và dung lượng đĩa.")
    return 1


def _silence_stdout() -> None:
    """Point stdout at the null device so that Python's final flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str) -> None:
    err(f"Lỗi: {message}")
