"""Signed bundles between commune, district and province, through the command line as the
officers use it, and checked with tools nobody here wrote (openssl, pdfsig)."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import PASSPHRASE, quang_ngai_communes
from sqlalchemy import func, select

from htx_desktop.storage.database import open_database
from htx_desktop.storage.models import (
    AuditEntry,
    Cooperative,
    Manager,
    TrainingSession,
)

PERIOD = "2025-H1"


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc.stdout


def counts(db_path: Path) -> dict[str, int]:
    db = open_database(db_path)
    try:
        with db.session() as s:
            return {
                m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (Cooperative, Manager, TrainingSession)
            }
    finally:
        db.close()


@pytest.fixture
def passphrase_env(cli_env: dict[str, str]) -> dict[str, str]:
    cli_env["HTX_PASSPHRASE"] = PASSPHRASE
    return cli_env


def test_three_communes_a_district_and_the_province(run_cli, new_db, tmp_path, passphrase_env):
    communes = quang_ngai_communes(3)
    outbox = tmp_path / "usb"
    bundles, certs, commune_counts = [], [], []
    for i, code in enumerate(communes):
        db = new_db(f"xa{i}.sqlite3")
        ok(
            run_cli(
                "init",
                "--db",
                db,
                "--unit",
                code,
                "--officer",
                f"Cán bộ xã {i}",
                "--title",
                "Chủ tịch Hội LHPN xã",
            )
        )
        ok(run_cli("demo", "--db", db, "--seed", str(i + 1)))
        bundle = Path(
            ok(run_cli("export", "--db", db, "--period", PERIOD, "--out", outbox)).strip()
        )
        assert bundle.exists() and bundle.parent == outbox
        cert = tmp_path / f"xa{i}.pem"
        ok(run_cli("cert", "--db", db, "--out", cert))
        bundles.append(bundle)
        certs.append(cert)
        commune_counts.append(counts(db))

    # The district: a named group of the three communes.
    district_db = new_db("huyen.sqlite3")
    created = ok(
        run_cli(
            "district",
            "create",
            "--db",
            district_db,
            "--name",
            "Huyện Thử Nghiệm",
            "--communes",
            ",".join(communes),
        )
    )
    district_code = next(
        line.split(":", 1)[1].strip() for line in created.splitlines() if line.startswith("Mã cụm")
    )
    ok(
        run_cli(
            "init",
            "--db",
            district_db,
            "--unit",
            district_code,
            "--officer",
            "Trần Thị Mai",
            "--title",
            "Chủ tịch Hội LHPN huyện",
            "--level",
            "district",
        )
    )

    # Before trusting anyone, verification names the unknown signer and fails.
    unknown = run_cli("verify", "--db", district_db, bundles[0])
    assert unknown.returncode == 1
    assert "chưa được tin cậy" in unknown.stderr and "dấu vân tay" in unknown.stderr
    for cert in certs:
        ok(run_cli("trust", "--db", district_db, cert))
    ok(run_cli("verify", "--db", district_db, *bundles))

    status = ok(run_cli("status", "--db", district_db, "--period", PERIOD))
    assert "0/3" in status
    before = counts(district_db)
    dry = json.loads(ok(run_cli("import", "--db", district_db, "--dry-run", "--json", *bundles)))
    assert counts(district_db) == before  # a dry run writes nothing
    assert [b["import"]["totals"]["rejected"] for b in dry] == [0, 0, 0]
    real = json.loads(ok(run_cli("import", "--db", district_db, "--json", *bundles)))
    assert [b["import"]["totals"] for b in real] == [b["import"]["totals"] for b in dry]
    merged = counts(district_db)
    assert merged == {k: sum(c[k] for c in commune_counts) for k in merged}
    assert "3/3" in ok(run_cli("status", "--db", district_db, "--period", PERIOD))

    # Importing the same bundle again is a reported no-op.
    again = json.loads(ok(run_cli("import", "--db", district_db, "--json", bundles[0])))[0]
    assert again["import"]["already_seen"] is True
    assert again["import"]["totals"]["new"] == 0 and again["import"]["totals"]["updated"] == 0
    assert counts(district_db) == merged

    # District upward: its own signed bundle, traced back to the commune bundles.
    district_cert = tmp_path / "huyen.pem"
    ok(run_cli("cert", "--db", district_db, "--out", district_cert))
    up = Path(
        ok(run_cli("export", "--db", district_db, "--period", PERIOD, "--out", outbox)).strip()
    )
    with zipfile.ZipFile(up) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    commune_hashes = {b["import"]["sha256"] for b in real}
    assert {m["sha256"] for m in manifest["merged_bundles"]} == commune_hashes

    province_db = new_db("tinh.sqlite3")
    ok(
        run_cli(
            "init",
            "--db",
            province_db,
            "--unit",
            "51",
            "--officer",
            "Lê Thị Lan",
            "--title",
            "Chủ tịch Hội LHPN tỉnh",
        )
    )
    ok(
        run_cli(
            "district",
            "create",
            "--db",
            province_db,
            "--name",
            "Huyện Thử Nghiệm",
            "--communes",
            ",".join(communes),
        )
    )
    ok(run_cli("trust", "--db", province_db, district_cert))
    ok(run_cli("import", "--db", province_db, up))
    assert counts(province_db) == merged
    db = open_database(province_db)
    with db.session() as s:
        imports = s.execute(
            select(AuditEntry.origin_sha256, AuditEntry.bundle_sha256).where(
                AuditEntry.action == "import"
            )
        ).all()
        origins = {origin for origin, _via in imports}
        vias = {via for _origin, via in imports}
    db.close()
    assert origins == commune_hashes
    assert vias == {json.loads(ok(run_cli("verify", "--json", up)))[0]["sha256"]}


def test_a_stranger_checks_the_bundle_with_openssl_and_pdfsig(commune_bundle, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(commune_bundle) as zf:
        zf.extractall(folder)
    cms = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-content",
            folder / "manifest.json",
            "-in",
            folder / "manifest.json.p7s",
            "-CAfile",
            folder / "signer.pem",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert cms.returncode == 0, cms.stderr
    assert "Verification successful" in cms.stderr
    pdfsig = subprocess.run(
        ["pdfsig", folder / "report.pdf"], capture_output=True, text=True, check=False
    )
    assert "Signature is Valid" in pdfsig.stdout, pdfsig.stdout + pdfsig.stderr
    assert "Total document signed" in pdfsig.stdout
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "htx-bundle"
    assert manifest["period"] == PERIOD
    assert set(manifest["files"]) == {"signer.pem", "data.json", "workbook.xlsx", "report.pdf"}


def test_openssl_refuses_a_changed_manifest(commune_bundle, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(commune_bundle) as zf:
        zf.extractall(folder)
    manifest = folder / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"2025-H1"', b'"2025"'))
    cms = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-content",
            manifest,
            "-in",
            folder / "manifest.json.p7s",
            "-CAfile",
            folder / "signer.pem",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert cms.returncode != 0


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return target


@pytest.mark.parametrize(
    "member",
    [
        "manifest.json",
        "manifest.json.p7s",
        "signer.pem",
        "data.json",
        "workbook.xlsx",
        "report.pdf",
    ],
)
def test_tampering_with_any_file_is_caught(run_cli, commune_bundle, tmp_path, member):
    with zipfile.ZipFile(commune_bundle) as zf:
        original = zf.read(member)
    if member == "data.json":
        changed = original.replace(b'"revision":1', b'"revision":9', 1)
    elif member == "manifest.json":
        changed = original.replace(b'"created_at": "', b'"created_at": "1', 1)
    else:
        changed = original[:-40] + bytes(b ^ 0x5A for b in original[-40:])
    assert changed != original
    forged = rezip(commune_bundle, tmp_path / "forged.zip", {member: changed})
    proc = run_cli("verify", forged)
    assert proc.returncode == 1, proc.stdout
    assert "KHÔNG ĐẠT" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_signatures_swapped_between_bundles_are_caught(
    run_cli, commune_bundle, other_bundle, tmp_path
):
    with zipfile.ZipFile(other_bundle) as zf:
        sig, pem = zf.read("manifest.json.p7s"), zf.read("signer.pem")
    forged = rezip(
        commune_bundle, tmp_path / "swapped.zip", {"manifest.json.p7s": sig, "signer.pem": pem}
    )
    proc = run_cli("verify", forged)
    assert proc.returncode == 1
    assert "chữ ký lấy từ gói khác" in proc.stderr or "không khớp" in proc.stderr


def test_a_bundle_signed_with_another_units_key_is_caught(run_cli, officers, tmp_path):
    """Commune B re-signs commune A's bundle content with her own key."""
    from htx_desktop.exchange.keys import active_credential, load_certificate, load_private_key
    from htx_desktop.exchange.signing import SigningIdentity, sign_detached

    a, b = officers
    bundle = a.export(PERIOD, tmp_path / "a")
    with b.db.session() as s:
        cred = active_credential(s)
        identity = SigningIdentity(
            load_private_key(cred, PASSPHRASE), load_certificate(cred.certificate_pem.encode())
        )
        fingerprint = cred.fingerprint
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["signer"]["fingerprint"] = fingerprint
    raw = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    forged = rezip(
        bundle,
        tmp_path / "other-key.zip",
        {"manifest.json": raw, "manifest.json.p7s": sign_detached(raw, identity)},
    )
    proc = run_cli("verify", forged)
    assert proc.returncode == 1
    assert "ký bằng khóa của đơn vị" in proc.stderr


def test_an_untouched_bundle_verifies_without_a_database(run_cli, commune_bundle):
    proc = run_cli("verify", commune_bundle)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ĐẠT")


@pytest.fixture
def commune_bundle(officers, tmp_path) -> Path:
    return officers[0].export(PERIOD, tmp_path / "out-a")


@pytest.fixture
def other_bundle(officers, tmp_path) -> Path:
    return officers[1].export(PERIOD, tmp_path / "out-b")


@pytest.fixture
def officers(e2e_template_db, tmp_path):
    from bundle_fixtures import make_officer

    a_code, b_code = quang_ngai_communes(2)
    a = make_officer(e2e_template_db, tmp_path / "a", a_code, demo_seed=1)
    b = make_officer(e2e_template_db, tmp_path / "b", b_code, "Phạm Thị Thu", demo_seed=2)
    yield a, b
    a.db.close()
    b.db.close()


def test_a_bundle_can_leave_personal_data_out_of_what_people_read(officers, tmp_path):
    from openpyxl import load_workbook

    from htx_desktop.exchange.bundle import export_bundle

    officer = officers[0]
    with officer.db.session() as s:
        bundle = export_bundle(s, PERIOD, PASSPHRASE, tmp_path / "np", include_personal=False)
    folder = tmp_path / "np-open"
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(folder)
    sheet = load_workbook(folder / "workbook.xlsx", read_only=True)["Người quản lý"]
    headers = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "Năm sinh" not in headers and "Số điện thoại" not in headers and "Dân tộc" not in headers
    data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    assert any(m.get("birth_year") for m in data["records"]["manager"])  # merging needs it all
    text = subprocess.run(
        ["pdftotext", folder / "report.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
