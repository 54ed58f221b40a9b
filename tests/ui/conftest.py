"""Fixtures for the Qt tests: the shipped fonts, small databases built with the ORM, demo
databases, the main window's context, and a clean remembered window state for each test.

The small databases are made here rather than with `htx_desktop.demo` so that a change in the
demo data cannot break (or hide a break in) the tests that check exact numbers; the demo
databases serve the tests that only need realistic volume. Migrating and loading the ~3,400
official units takes about a second, so that is done once and copied per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import Cooperative, OfficerProfile
from htx_desktop.ui.context import AppContext
from htx_desktop.ui.fonts import apply_ui_font, register_fonts

UNIT_CODE = "21211"  # Xã Tịnh Khê, Quảng Ngãi
UNIT_NAME = "Xã Tịnh Khê"
OTHER_COMMUNE = "21034"  # Xã An Phú, same province: not the officer's commune
OTHER_COMMUNE_NAME = "Xã An Phú"


@pytest.fixture(scope="session", autouse=True)
def ui_fonts(qapp: QApplication) -> list[str]:
    """Run the widgets with the fonts the application ships, as `run_gui` does."""
    families = register_fonts()
    apply_ui_font(qapp)
    return families


@pytest.fixture(scope="session")
def template_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    db = open_database(path)
    db.close()
    return path


@pytest.fixture
def empty_db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated database with the official units and nothing else (no profile)."""
    path = tmp_path / "htx.sqlite3"
    shutil.copyfile(template_db_path, path)
    db = open_database(path)
    yield db
    db.close()


@dataclass(frozen=True)
class SampleData:
    db: Database
    visible: dict[str, str]  # name -> id of the cooperatives the window must list
    deleted_name: str
    other_commune_name: str
    unit_code: str = UNIT_CODE
    unit_name: str = UNIT_NAME
    other_commune: str = OTHER_COMMUNE


def add_cooperative(db: Database, name: str, commune_code: str, **fields: object) -> str:
    values: dict[str, object] = {
        "sector": "nong_nghiep",
        "status": "hoat_dong",
        "unit_code": commune_code,
    }
    values.update(fields)
    with db.session() as session:
        coop = Cooperative(name=name, commune_code=commune_code, **values)
        session.add(coop)
        session.flush()
        return coop.id


@pytest.fixture
def coop_factory() -> Callable[..., str]:
    """`add_cooperative(db, name, commune_code, **fields)` for tests that need one more."""
    return add_cooperative


@pytest.fixture
def sample(empty_db: Database) -> SampleData:
    """A commune officer's database: four listed cooperatives, one tombstoned, one elsewhere."""
    with empty_db.session() as session:
        session.add(
            OfficerProfile(
                unit_code=UNIT_CODE,
                level="commune",
                officer_name="Nguyễn Thị Lan",
                officer_title="Chủ tịch Hội LHPN xã",
            )
        )
    visible = {
        "Hợp tác xã Dừa Xanh": add_cooperative(
            empty_db,
            "Hợp tác xã Dừa Xanh",
            UNIT_CODE,
            registration_code="4300123456",
            sector="du_lich_cong_dong",
            established_on=date(2015, 3, 1),
        ),
        "Hợp tác xã Đồng Tâm": add_cooperative(
            empty_db,
            "Hợp tác xã Đồng Tâm",
            UNIT_CODE,
            sector="tieu_thu_cong_nghiep",
            status="tam_ngung",
            established_on=date(1998, 7, 15),
        ),
        "Hợp tác xã Bánh tráng Tịnh Khê": add_cooperative(
            empty_db,
            "Hợp tác xã Bánh tráng Tịnh Khê",
            UNIT_CODE,
            registration_code="4300654321",
            sector="thuong_mai",
            status="giai_the",
            established_on=date(2009, 1, 5),
        ),
        "Hợp tác xã Ánh Dương": add_cooperative(empty_db, "Hợp tác xã Ánh Dương", UNIT_CODE),
    }
    add_cooperative(empty_db, "Hợp tác xã Đã Xóa", UNIT_CODE, deleted=True)
    add_cooperative(empty_db, "Hợp tác xã An Phú", OTHER_COMMUNE)
    return SampleData(empty_db, visible, "Hợp tác xã Đã Xóa", "Hợp tác xã An Phú")


# --- the main window's context, remembered state and demo databases --------------------------


@pytest.fixture(autouse=True)
def fresh_window_state() -> Iterator[None]:
    """Every test starts with no remembered window state (QSettings under the temp HOME), so
    one test's last page or filters never leak into the next."""
    from htx_desktop.ui.window_state import WindowState

    WindowState().clear()
    yield
    WindowState().clear()


@pytest.fixture
def make_ctx() -> Iterator[Callable[..., AppContext]]:
    """`make_ctx(db, answers=())`: the context the main window gets, for a database that has a
    profile, with a `ScriptedInteraction` (answering `answers` in order, then "no") in place
    of message boxes. Each runner is drained at teardown so no job outlives its database."""
    from htx_desktop.ui.confirm import ScriptedInteraction
    from htx_desktop.ui.context import AppContext, load_scope
    from htx_desktop.ui.tasks import TaskRunner

    runners: list[TaskRunner] = []

    def make(db: Database, answers: tuple[bool, ...] = (), lang: str = "vi") -> AppContext:
        scope = load_scope(db)
        assert scope is not None, "make_ctx needs a database with a profile"
        runner = TaskRunner()
        runners.append(runner)
        ctx = AppContext(db, scope, runner, lang=lang)
        ctx.interaction = ScriptedInteraction(answers)  # type: ignore[attr-defined]
        return ctx

    yield make
    for runner in runners:
        runner.wait()


def _demo_database(template: Path, folder: Path, unit_code: str) -> Database:
    from htx_desktop.demo import fill_demo
    from htx_desktop.registry.profile import create_profile

    path = folder / "demo.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as session:
        create_profile(session, unit_code, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN")
        fill_demo(session, unit_code, seed=1)
    return db


@pytest.fixture
def demo_db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    """Demo data of Xã Tịnh Khê (seed 1) under a commune officer's profile."""
    db = _demo_database(template_db_path, tmp_path, UNIT_CODE)
    yield db
    db.close()


@pytest.fixture
def province_demo_db(template_db_path: Path, tmp_path: Path) -> Iterator[Database]:
    """Demo data of a sample of Quảng Ngãi's communes under a province officer's profile."""
    db = _demo_database(template_db_path, tmp_path, "51")
    yield db
    db.close()


@pytest.fixture
def restore_hooks(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """`run_gui` installs process-wide hooks, a log handler and translators; put them back."""
    import logging
    import sys
    import threading

    from htx_desktop.ui import i18n

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logger = logging.getLogger("htx_desktop")
    handlers = list(logger.handlers)
    yield
    for handler in logger.handlers[:]:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    i18n.remove_translators(qapp)
