"""The bundle: one signed zip per unit and period.

```
manifest.json        what the bundle is, the SHA-256 of every other file
manifest.json.p7s    detached CMS signature of manifest.json (DER), with the certificate
signer.pem           the signer's certificate, for `openssl cms -verify -CAfile`
data.json            the unit's records, full current state, tombstones included
workbook.xlsx        the same records for people, one sheet per record type
report.pdf           the periodic report, signed as a PDF (PAdES)
```
A bundle carries the full state rather than changes since the last one, so a lost or
reordered bundle can never leave the receiver short: merging is by UUID and revision.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop import __version__
from htx_desktop.durable import replace_durably
from htx_desktop.exchange.agreement import pdf_keywords
from htx_desktop.exchange.bundle_format import (
    DATA,
    FORMAT,
    FORMAT_VERSION,
    HASHED,
    MANIFEST,
    REPORT,
    SIGNATURE,
    SIGNER,
    STORED,
    WORKBOOK,
)
from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.export_check import check_own_records
from htx_desktop.exchange.keys import (
    fingerprint_of,
)
from htx_desktop.exchange.records_json import dump_records
from htx_desktop.exchange.scope import owned_unit_codes
from htx_desktop.exchange.signing import (
    Identity,
    sign_detached,
    sign_pdf,
)
from htx_desktop.exchange.workbook import write_workbook
from htx_desktop.exchange.zipsafe import sha256_file
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.audit import record_origins
from htx_desktop.storage.migrate import SCHEMA_HEAD
from htx_desktop.storage.models import (
    AdministrativeUnit,
    ImportLedger,
    OfficerProfile,
)
from htx_desktop.storage.private_files import make_private
from htx_desktop.storage.units import COMMUNE, DISTRICT

Progress = Callable[[str, int, int], None]




def bundle_file_name(unit_code: str, period: str) -> str:
    return f"HTX_{unit_code}_{period}.htx.zip"


def _profile(session: Session) -> OfficerProfile:
    profile = session.scalars(select(OfficerProfile).limit(1)).first()
    if profile is None:
        raise ExchangeError("Cơ sở dữ liệu chưa thiết lập đơn vị. Hãy chạy “htx-desktop init”.")
    return profile


def _merged_bundles(
    session: Session, period: str, unit: AdministrativeUnit
) -> list[dict[str, Any]]:
    if unit.level == COMMUNE:
        return []
    rows = session.execute(
        select(ImportLedger.bundle_sha256, ImportLedger.unit_code, ImportLedger.period)
        .where(ImportLedger.result.in_(("imported", "no_change")), ImportLedger.signed)
        .order_by(ImportLedger.id)
    ).all()
    seen: dict[str, dict[str, Any]] = {}
    for sha, code, per in rows:
        seen.setdefault(sha, {"sha256": sha, "unit_code": code, "period": per})
    return list(seen.values())


def export_bundle(
    session: Session,
    period: str,
    passphrase: str,
    out_dir: Path,
    progress: Progress | None = None,
    now: datetime | None = None,
    include_personal: bool = True,
) -> Path:
    """Write the unit's signed bundle for the period; returns its final path. `passphrase` is
    the secret the active credential needs: the USB token's PIN or the key file's passphrase
    (a token stays logged in only while the bundle is signed)."""
    from htx_desktop.exchange.identity import signing_identity

    with signing_identity(session, passphrase) as identity:
        return _export_signed(session, period, identity, out_dir, progress, now, include_personal)


def _export_signed(
    session: Session,
    period: str,
    identity: Identity,
    out_dir: Path,
    progress: Progress | None,
    now: datetime | None,
    include_personal: bool,
) -> Path:
    """The bundle, signed by `identity`.

    `include_personal=False` leaves birth years, phones and ethnicity out of the workbook and
    the PDF, the parts people read; data.json keeps the full records because the receiver
    merges them (a blanked field would look like an edit).

    Everything is built in a temporary folder and the zip appears under its final name only
    by an atomic rename, so a crash never leaves half a bundle that looks whole.
    """
    from cryptography.hazmat.primitives import serialization

    report_period = ReportPeriod.parse(period)
    profile = _profile(session)
    unit = profile.unit
    cert = identity.cert
    signer_fingerprint = fingerprint_of(cert)
    step = _stepper(progress, 6)
    codes = owned_unit_codes(session, unit)
    created = (now or datetime.now(UTC)).astimezone(UTC)

    records = dump_records(session, codes)
    origins = record_origins(session) if unit.level != COMMUNE else {}
    data = json.dumps(
        {
            "unit_code": unit.code,
            "period": report_period.code,
            "records": records,
            "origins": origins,
        },
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    ).encode("utf-8")
    check_own_records(session, unit, codes, data)
    step("Đã đọc dữ liệu")

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".htx-export-") as tmp:
        work = Path(tmp)
        from htx_desktop.indicators.progress import compute_indicators

        progress_values = compute_indicators(session, unit.code, report_period.code)
        write_workbook(
            session,
            codes,
            work / WORKBOOK,
            indicators=_indicator_rows(progress_values),
            personal=include_personal,
        )
        step("Đã tạo bảng tính Excel")
        pdf_path = _build_report(
            session, unit, report_period.code, work / "report-unsigned.pdf", include_personal
        )
        signed_pdf = sign_pdf(
            pdf_path.read_bytes(),
            identity,
            reason=f"Báo cáo {report_period.label_vi} - {unit.name}",
            location=unit.name,
            keywords=pdf_keywords(hashlib.sha256(data).hexdigest()),
        )
        (work / REPORT).write_bytes(signed_pdf)
        step("Đã ký báo cáo PDF")
        (work / DATA).write_bytes(data)
        (work / SIGNER).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "schema_revision": SCHEMA_HEAD,
            "unit": {
                "code": unit.code,
                "name": unit.name,
                "level": unit.level,
                "province_code": unit.province_code,
                "members": codes[1:] if unit.level == DISTRICT else [],
            },
            "period": report_period.code,
            "created_at": created.isoformat(timespec="seconds"),
            "signer": {
                "fingerprint": signer_fingerprint,
                "name": profile.officer_name,
                "title": profile.officer_title,
            },
            "record_counts": {table: len(rows) for table, rows in records.items()},
            "files": {name: sha256_file(work / name) for name in HASHED},
            "merged_bundles": _merged_bundles(session, report_period.code, unit),
        }
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        (work / MANIFEST).write_bytes(manifest_bytes)
        (work / SIGNATURE).write_bytes(sign_detached(manifest_bytes, identity))
        step("Đã ký manifest")
        final = out_dir / bundle_file_name(unit.code, report_period.code)
        partial = work / (final.name + ".part")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name in (MANIFEST, SIGNATURE, SIGNER, DATA, WORKBOOK, REPORT):
                method = zipfile.ZIP_STORED if name in STORED else zipfile.ZIP_DEFLATED
                zf.write(work / name, arcname=name, compress_type=method)
        make_private(partial)  # personal data: owner-only, like the database
        replace_durably(partial, final)
        step("Đã ghi gói dữ liệu")
    step("Xong")
    return final


def _stepper(progress: Progress | None, total: int) -> Callable[[str], None]:
    done = [0]

    def step(label: str) -> None:
        done[0] += 1
        if progress is not None:
            progress(label, min(done[0], total), total)

    return step


def _indicator_rows(progress: Any) -> list[tuple[Any, ...]]:
    return [
        (
            v.label_vi,
            v.value,
            v.target_2025,
            None if v.achieved_2025_pct is None else round(v.achieved_2025_pct, 1),
            v.target_2030,
            None if v.achieved_2030_pct is None else round(v.achieved_2030_pct, 1),
        )
        for v in progress.indicators
    ]


def _build_report(
    session: Session, unit: AdministrativeUnit, period: str, out: Path, include_personal: bool
) -> Path:
    from htx_desktop.reports.build import build_document

    kind = "periodic" if unit.level == COMMUNE else "consolidated"
    return build_document(
        session, kind, period, out, include_personal=include_personal, signed=True
    )
