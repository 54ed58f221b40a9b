"""6. Signing with a USB token against the software key, in the same run.

One commune's export (data, workbook, PDF, two signatures) and verify, signed once with the
software key (the baseline) and once on a SoftHSM token through PKCS#11 (keys made on the
token, certificate from a test CA). The token adds a PKCS#11 session, a login and two
signatures on the token; everything else is the same work."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from softhsm_token import (
    USER_PIN,
    add_officer,
    init_token,
    make_ca,
    now_utc,
    softhsm_module,
)

from htx_desktop.demo import fill_demo
from htx_desktop.exchange.bundle import export_bundle
from htx_desktop.exchange.identity import adopt_token_certificate
from htx_desktop.exchange.keys import create_credential
from htx_desktop.exchange.token import TokenRef
from htx_desktop.exchange.verification import verify_bundle
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database

pytestmark = pytest.mark.benchmark
PASSPHRASE = "mat-khau-xa-thu-2026"
ROUNDS = 3


def _best(run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def test_export_and_verify_with_a_token_against_the_software_key(record, tmp_path: Path) -> None:
    module = softhsm_module()
    if module is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 is not installed: .ci/run installs softhsm2")
        pytest.skip("SoftHSM2 is not installed")
    _root, mid = make_ca(now_utc())
    token = init_token(tmp_path / "hsm", module, "Token benchmark")
    now = now_utc()
    add_officer(token, "lan", mid, "Nguyễn Thị Lan", "21211",
                not_before=now - timedelta(days=1), not_after=now + timedelta(days=300),
                extra=(mid.cert,))
    db = open_database(tmp_path / "xa.sqlite3")
    try:
        with db.session() as s:
            profile = create_profile(s, "21211", "Nguyễn Thị Lan", "Chủ tịch Hội LHPN xã")
            fill_demo(s, "21211", seed=1)
            create_credential(s, profile, PASSPHRASE, db.path)
        out = tmp_path / "out"

        def export(secret: str) -> Path:
            with db.session() as s:
                return export_bundle(s, "2025-H1", secret, out)

        software = _best(lambda: export(PASSPHRASE))
        software_bundle = export(PASSPHRASE)
        software_verify = _best(lambda: verify_bundle(software_bundle))
        with db.session() as s:
            from htx_desktop.registry.profile import get_profile

            adopt_token_certificate(s, get_profile(s), TokenRef(
                module=module, serial=token.serial, cert_id=token.ids["lan"]))
        on_token = _best(lambda: export(USER_PIN))
        token_bundle = export(USER_PIN)
        token_verify = _best(lambda: verify_bundle(token_bundle))
    finally:
        db.close()
    record("export, one commune, USB token (SoftHSM)", on_token, "s", baseline=software,
           note="baseline: the same export with the software key")
    record("verify, one commune, token-signed", token_verify * 1000, "ms",
           baseline=software_verify * 1000, note="baseline: verify of the software-key bundle")
