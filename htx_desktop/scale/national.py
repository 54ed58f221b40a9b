"""A national data set: per commune a demo-like database at the density the issue asks for
(≈10 HTX and ≈20 THT per commune on average, their managers and half-year figures since
2023-H1, cadres, training sessions with attendees), the commune officer's own key, and one
signed bundle; plus a province database that trusts every commune's certificate.

Rows come from the demo's building blocks (`Builder`, `CommuneFiller`, the bulk insert of
`fill_demo`) with the same per-commune seeding, so a commune's records depend only on the seed
and its code. The communes are a fixed shuffle of the official list, so a smaller set is the
start of a larger one and what was generated before is reused (each commune's folder gets a
``done`` marker once its bundle is whole).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from htx_desktop.demo import vocabulary as voc
from htx_desktop.demo.builder import Builder, Rows
from htx_desktop.demo.commune import CommuneFiller

PROVINCE_CODE = "51"  # the receiving province (Quảng Ngãi); it trusts every commune
PASSPHRASE = "mat-khau-quoc-gia"
OFFICER_TITLE = "Chủ tịch Hội LHPN xã"
TEMPLATE = "template.sqlite3"
DONE = "done.json"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class NationalSet:
    root: Path
    bundles: list[Path]
    province_db: Path


class NationalFiller(CommuneFiller):
    """The demo commune at national density: 5-15 HTX and 12-28 THT (the demo has 3-6 and
    4-8, one of each kind); kinds repeat, names differ by village."""

    def fill(self):  # type: ignore[no-untyped-def]
        rng = self.rng
        coop_kinds = self._kinds(voc.HTX_KINDS, len(voc.HTX_KINDS))
        group_kinds = self._kinds(voc.THT_KINDS, len(voc.THT_KINDS))
        for _ in range(rng.randint(5, 15)):
            self._cooperative(rng.choice(coop_kinds))
        for _ in range(rng.randint(12, 28)):
            self._group(rng.choice(group_kinds))
        self._cadres()
        for _ in range(rng.randint(4, 8)):
            self._training()
        return self.scope


def select_communes(count: int, seed: int = 1) -> list[str]:
    """`count` commune codes from a fixed shuffle of all 3,321 (nested: 100 ⊂ 1000 ⊂ 3321)."""
    from htx_desktop.storage.units import COMMUNE, official_units

    codes = sorted(u.code for u in official_units() if u.level == COMMUNE)
    random.Random(f"htx-scale:{seed}").shuffle(codes)
    if count > len(codes):
        raise ValueError(f"only {len(codes)} communes exist")
    return codes[:count]


def _template(root: Path) -> Path:
    """A migrated database holding the official units, copied for every officer."""
    from htx_desktop.storage.database import open_database
    from htx_desktop.storage.sqlite_file import needs_upgrade

    path = root / TEMPLATE
    if path.exists() and needs_upgrade(path):
        path.unlink()  # left by an older version: units only, so simply built again
    if not path.exists():
        partial = root / (TEMPLATE + ".part")
        partial.unlink(missing_ok=True)
        db = open_database(partial)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        os.replace(partial, path)
    return path


def fill_national(session, code: str, seed: int) -> int:  # type: ignore[no-untyped-def]
    """Insert one commune's national-density records; returns the number of rows."""
    from htx_desktop.demo.fill import _insert_new
    from htx_desktop.storage.models import AdministrativeUnit
    from htx_desktop.storage.units import get_unit

    commune = get_unit(session, code)
    province = session.get(AdministrativeUnit, commune.province_code or "")
    rows: Rows = {}
    builder = Builder(random.Random(f"htx-demo:{seed}:{code}"), rows)
    NationalFiller(builder, commune, province).fill()
    return _insert_new(session, rows).total


def _officer_name(code: str, seed: int) -> str:
    rng = random.Random(f"htx-scale-officer:{seed}:{code}")
    return f"{rng.choice(('Nguyễn', 'Trần', 'Lê', 'Phạm'))} Thị {rng.choice(voc.FEMALE_GIVEN)}"


def _make_commune(args: tuple[Path, Path, str, int, str]) -> tuple[str, str, str]:
    """One commune: database, key, records, bundle. Returns (code, bundle path, cert PEM)."""
    from htx_desktop.exchange.bundle import export_bundle
    from htx_desktop.exchange.keys import create_credential
    from htx_desktop.registry.profile import create_profile
    from htx_desktop.storage.engine import Database

    template, root, code, seed, period = args
    folder = root / "communes" / code
    done = folder / DONE
    if done.exists():
        info = json.loads(done.read_text("utf-8"))
        return code, info["bundle"], info["certificate"]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    path = folder / "htx.sqlite3"
    shutil.copyfile(template, path)
    db = Database(path)  # a copy of the migrated template: nothing to upgrade
    try:
        with db.session() as s:
            profile = create_profile(s, code, _officer_name(code, seed), OFFICER_TITLE)
            cert = create_credential(s, profile, PASSPHRASE, path)
            fill_national(s, code, seed)
        with db.session() as s:
            bundle = export_bundle(s, period, PASSPHRASE, root / "bundles")
    finally:
        db.close()
    done.write_text(
        json.dumps({"bundle": str(bundle), "certificate": cert.pem}), encoding="utf-8"
    )
    return code, str(bundle), cert.pem


def _province_db(template: Path, root: Path, count: int, certificates: Iterable[str]) -> Path:
    from htx_desktop.exchange.trust_store import check_certificate
    from htx_desktop.registry.profile import create_profile
    from htx_desktop.storage.base import utcnow
    from htx_desktop.storage.engine import Database
    from htx_desktop.storage.models import TrustedSigner

    path = root / f"province-{count}.sqlite3"
    partial = root / f"province-{count}.part.sqlite3"
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(template, partial)
    db = Database(partial)
    try:
        with db.session() as s:
            create_profile(s, PROVINCE_CODE, "Đỗ Thị Mai", "Chủ tịch Hội LHPN tỉnh")
            # The benchmark's receiver takes the whole country's communes, which a real
            # province never does (the trust store refuses other provinces' units): the
            # signers are tied to their own communes directly, as trusting would tie them.
            now = utcnow()
            for pem in certificates:
                info = check_certificate(pem.encode("ascii"))
                s.add(TrustedSigner(
                    fingerprint=info.fingerprint, unit_code=info.unit_code,
                    subject=info.subject[:500], certificate_pem=info.pem,
                    not_after=info.not_after, added_at=now,
                ))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    os.replace(partial, path)
    return path


def national_set(
    out_dir: Path,
    communes: int = 100,
    seed: int = 1,
    period: str = "2025-H1",
    workers: int | None = None,
    progress: Progress | None = None,
) -> NationalSet:
    """Generate (or reuse) the set; the bundles come in the order of `select_communes`."""
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    template = _template(root)
    codes = select_communes(communes, seed)
    jobs = [(template, root, code, seed, period) for code in codes]
    workers = workers or min(2, os.cpu_count() or 1)
    results: list[tuple[str, str, str]] = []
    if workers <= 1:
        for i, job in enumerate(jobs):
            results.append(_make_commune(job))
            if progress:
                progress(i + 1, len(jobs))
    else:
        ctx = multiprocessing.get_context("spawn")  # no inherited engines or threads
        with ctx.Pool(workers) as pool:
            for result in pool.imap(_make_commune, jobs, chunksize=4):
                results.append(result)
                if progress:
                    progress(len(results), len(jobs))
    province = _province_db(template, root, communes, (pem for _, _, pem in results))
    return NationalSet(root, [Path(b) for _, b, _ in results], province)


def generate_national(
    out_dir: Path,
    communes: int = 100,
    seed: int = 1,
    period: str = "2025-H1",
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Bundle paths of `communes` communes (databases, keys and bundles under `out_dir`,
    with ``province-<communes>.sqlite3`` trusting them all)."""
    return national_set(out_dir, communes, seed, period, workers, progress).bundles


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Generate a national benchmark data set.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--period", default="2025-H1")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    start = time.perf_counter()

    def show(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"{done}/{total} communes, {time.perf_counter() - start:.0f} s", flush=True)

    result = national_set(
        args.out_dir, args.communes, args.seed, args.period, args.workers, show
    )
    print(f"{len(result.bundles)} bundles, province database {result.province_db}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
