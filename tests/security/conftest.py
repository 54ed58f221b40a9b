"""The security suite's world: officers' databases made and bundles exported through the real
command line, in subprocesses, each with a throw-away home.

An attacker here is an officer with her own database, her own trusted key and passphrase, and
any SQLite editor: she edits her file, then exports the normal way, so her bundle is honestly
signed by a key the receiver trusts. Where the exporter itself would write a clean value (it
reformats dates and decimals), she writes data.json herself and signs it with her key, as a
modified copy of the application would.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from htx_desktop.storage.database import open_database
from htx_desktop.storage.units import official_units

PASSPHRASE = "mat-khau-an-toan-9"
PERIOD = "2025-H1"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"


def load_mutations() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_mutations", HOSTILE / "mutations.py")
    assert spec is not None and spec.loader is not None
    if spec.name in sys.modules:
        return sys.modules[spec.name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


def quang_ngai(n: int) -> list[str]:
    return sorted(
        u.code for u in official_units() if u.level == "commune" and u.province_code == "51"
    )[:n]


def dump(db: Path) -> str:
    """Every row of every table, as SQL text: equal dumps are equal databases."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


@dataclass
class Cli:
    env: dict[str, str]
    cwd: Path

    def __call__(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "htx_desktop", *map(str, args)],
            capture_output=True, encoding="utf-8", env=self.env, cwd=self.cwd,
            timeout=300, check=False,
        )

    def ok(self, *args: str | Path) -> str:
        done = self(*args)
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout

    def ok_modified(self, *args: str | Path) -> str:
        """The command line of a copy of the application whose exporter no longer checks
        its own records (`MODIFIED`)."""
        done = subprocess.run(
            [sys.executable, "-c", MODIFIED, *map(str, args)],
            capture_output=True, encoding="utf-8", env=self.env, cwd=self.cwd,
            timeout=300, check=False,
        )
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout


#: An attacker's copy of the application: the exporter's check of its own records removed.
MODIFIED = (
    "import sys\n"
    "import htx_desktop.exchange.bundle as bundle\n"
    "from htx_desktop.__main__ import main\n"
    "bundle.check_own_records = lambda *args, **kwargs: None\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@dataclass
class World:
    root: Path
    cli: Cli
    template: Path
    victim: str
    attacker: str
    outsider: str
    victim_db: Path
    attacker_db: Path
    outsider_db: Path
    district_code: str
    receiver: Path  # the district officer: the victim and the attacker are in her group
    victim_bundle: Path
    certs: dict[str, Path]

    def new_db(self, name: str) -> Path:
        path = self.root / name
        shutil.copyfile(self.template, path)
        return path

    def copy_attacker(self, name: str) -> Path:
        path = self.root / f"{name}.sqlite3"
        shutil.copyfile(self.attacker_db, path)
        return path

    def export(self, db: Path, name: str) -> Path:
        return Path(self.cli.ok("export", "--db", db, "--period", PERIOD, "--out",
                                self.root / "out" / name).strip())

    def export_edited(self, db: Path, name: str, *words: str) -> Path:
        """Her edited database exported. Her own application refuses first, at her desk,
        naming the record (each of `words`; `exchange.export_check`), so she exports with a
        copy of the application from which she removed that check."""
        out = self.root / "out" / name
        honest = self.cli("export", "--db", db, "--period", PERIOD, "--out", out)
        assert honest.returncode == 1, honest.stdout
        assert "Chưa xuất gói: bản ghi" in honest.stderr, honest.stderr
        for word in words:
            assert word in honest.stderr, honest.stderr
        assert not out.exists() or not any(out.iterdir())
        return Path(self.cli.ok_modified("export", "--db", db, "--period", PERIOD, "--out",
                                         out).strip())

    def officer(self, name: str, unit: str, seed: int | None, *extra: str) -> Path:
        db = self.new_db(f"{name}.sqlite3")
        self.cli.ok("init", "--db", db, "--unit", unit, "--officer", f"Cán bộ {name}",
                    "--title", "Chủ tịch Hội LHPN", *extra)
        if seed is not None:
            self.cli.ok("demo", "--db", db, "--seed", str(seed))
        self.certs[name] = self.root / f"{name}.pem"
        self.cli.ok("cert", "--db", db, "--out", self.certs[name])
        return db


def sql(db: Path, *statements: str) -> None:
    """What the attacker does with her SQLite editor."""
    con = sqlite3.connect(db)
    try:
        with con:
            for statement in statements:
                con.execute(statement)
    finally:
        con.close()


def district_code_of(created: str) -> str:
    return next(
        line.split(":", 1)[1].strip() for line in created.splitlines() if line.startswith("Mã cụm")
    )


@pytest.fixture(scope="package")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("security")
    home = root / "home"
    env = dict(os.environ)
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                     ("XDG_STATE_HOME", ".local/state")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env["HTX_PASSPHRASE"] = PASSPHRASE
    template = root / "template.sqlite3"
    db = open_database(template)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    victim, attacker, outsider = quang_ngai(3)
    w = World(root, Cli(env, root), template, victim, attacker, outsider,
              Path(), Path(), Path(), "", Path(), Path(), {})
    w.victim_db = w.officer("nan_nhan", victim, 1)
    w.attacker_db = w.officer("ke_tan_cong", attacker, 2)
    w.outsider_db = w.officer("xa_ngoai", outsider, 3)
    w.victim_bundle = w.export(w.victim_db, "victim")
    w.receiver = w.new_db("huyen.sqlite3")
    w.district_code = district_code_of(w.cli.ok(
        "district", "create", "--db", w.receiver, "--name", "Huyện An Toàn",
        "--communes", f"{victim},{attacker}"))
    w.cli.ok("init", "--db", w.receiver, "--unit", w.district_code, "--officer",
             "Trần Thị Mai", "--title", "Chủ tịch Hội LHPN huyện", "--level", "district")
    for name in ("nan_nhan", "ke_tan_cong"):
        w.cli.ok("trust", "--db", w.receiver, w.certs[name])
    w.cli.ok("import", "--db", w.receiver, w.victim_bundle)
    yield w


Refusal = Callable[..., str]


@pytest.fixture
def refused(world: World) -> Refusal:
    """Import `bundle` at `receiver` (the district by default): exit code 1, the reason in
    Vietnamese containing each of `words`, and the receiver's database unchanged, row for row
    (the dry run refuses the same way first)."""

    def check(bundle: Path, *words: str, receiver: Path | None = None) -> str:
        db = receiver or world.receiver
        before = dump(db)
        dry = world.cli("import", "--db", db, "--dry-run", "--json", bundle)
        real = world.cli("import", "--db", db, bundle)
        assert dry.returncode == 1, dry.stdout
        assert real.returncode == 1, real.stdout + real.stderr
        (outcome,) = json.loads(dry.stdout)
        assert not outcome["ok"]
        assert real.stderr.startswith(f"TỪ CHỐI  {bundle.name}:"), real.stderr
        for word in words:
            assert word in real.stderr, real.stderr
            assert word in outcome["message"], outcome["message"]
        assert "Traceback" not in real.stderr
        assert dump(db) == before
        return real.stderr

    return check
