"""Command line: set a database up (profile, district groups), look up unit codes, add demo data.

Each command is a small function over the same Qt-free services the GUI uses. Officers read
Vietnamese, so every message is Vietnamese, a failure is one line on stderr that says what to do
(exit 1), and a mistyped command line exits 2 as argparse does, with its message translated.
Heavy modules (SQLAlchemy, the unit list) are imported inside the commands so that ``--help``
and ``--version`` answer at once.
"""

from __future__ import annotations

from htx_desktop.cli.common import PROG, CliError, run
from htx_desktop.cli.parser import build_parser, parse_args

__all__ = ["PROG", "CliError", "build_parser", "parse_args", "run"]
