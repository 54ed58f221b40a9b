"""Demo data: realistic Vietnamese records for trying the application and for training.

`fill_demo` fills the unit of an existing profile (the `htx-desktop demo` command);
`create_demo_database` makes a ready-to-open demo database for the GUI's ``--demo`` flag.
"""

from __future__ import annotations

from pathlib import Path

from htx_desktop.demo.builder import PERIODS
from htx_desktop.demo.fill import PROVINCE_SAMPLE, DemoCounts, DemoError, fill_demo

#: The demo officer and her commune (Xã Tịnh Khê, Quảng Ngãi).
DEMO_UNIT_CODE = "21211"
DEMO_OFFICER_NAME = "Nguyễn Thị Hoa"
DEMO_OFFICER_TITLE = "Chủ tịch Hội LHPN xã"

__all__ = [
    "DEMO_OFFICER_NAME",
    "DEMO_OFFICER_TITLE",
    "DEMO_UNIT_CODE",
    "PERIODS",
    "PROVINCE_SAMPLE",
    "DemoCounts",
    "DemoError",
    "create_demo_database",
    "fill_demo",
]


def create_demo_database(path: Path, seed: int = 1) -> None:
    """Make the database at ``path`` a demo database, unless it already has a profile.

    An existing profile means the demo was made before (and perhaps changed while trying the
    application), so it is left alone rather than filled a second time. The profile and its
    records are written in one transaction: an interrupted start leaves no half-made demo.
    """
    from htx_desktop.registry.profile import create_profile, get_profile
    from htx_desktop.storage.database import open_database

    db = open_database(path)
    try:
        with db.session() as session:
            if get_profile(session) is not None:
                return
            create_profile(session, DEMO_UNIT_CODE, DEMO_OFFICER_NAME, DEMO_OFFICER_TITLE)
            fill_demo(session, DEMO_UNIT_CODE, seed=seed)
    finally:
        db.close()
