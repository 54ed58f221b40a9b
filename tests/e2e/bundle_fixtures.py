"""Building officers' databases and bundles in-process, for tests that need many of them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from htx_desktop.demo import fill_demo
from htx_desktop.exchange.bundle import export_bundle
from htx_desktop.exchange.keys import create_credential
from htx_desktop.exchange.service import trust_certificate
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import OfficerCredential
from htx_desktop.storage.units import create_district, official_units

PASSPHRASE = "mat-khau-thu-nghiem"


def quang_ngai_communes(n: int) -> list[str]:
    codes = sorted(
        u.code for u in official_units() if u.level == "commune" and u.province_code == "51"
    )
    return codes[:n]


@dataclass
class Officer:
    db: Database
    unit_code: str

    def certificate_pem(self) -> bytes:
        with self.db.session() as s:
            cred = s.query(OfficerCredential).filter_by(active=True).one()
            return cred.certificate_pem.encode("ascii")

    def export(self, period: str, out_dir: Path) -> Path:
        with self.db.session() as s:
            return export_bundle(s, period, PASSPHRASE, out_dir)

    def trust(self, other: Officer) -> None:
        with self.db.session() as s:
            trust_certificate(s, other.certificate_pem())


def make_officer(
    template: Path,
    folder: Path,
    unit_code: str,
    name: str = "Nguyễn Thị Hoa",
    demo_seed: int | None = 1,
    district_of: list[str] | None = None,
) -> Officer:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "htx.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as s:
        if district_of is not None:
            unit_code = create_district(s, unit_code, district_of).code
        profile = create_profile(s, unit_code, name, "Chủ tịch Hội LHPN")
        create_credential(s, profile, PASSPHRASE, path)
        if demo_seed is not None:
            fill_demo(s, unit_code, seed=demo_seed)
    return Officer(db, unit_code)
