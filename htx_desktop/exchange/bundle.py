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
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop import __version__
from htx_desktop.durable import replace_durably
from htx_desktop.exchange.admission import check_forms, check_scope
from htx_desktop.exchange.agreement import (
    check_report_names_data,
    check_workbook_matches,
    pdf_keywords,
)
from htx_desktop.exchange.anchors import ChainReport, chain_report
from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.exchange.keys import (
    CertificateInfo,
    certificate_info,
    fingerprint_of,
    load_certificate,
)
from htx_desktop.exchange.records_json import decode_records, dump_records
from htx_desktop.exchange.scope import owned_unit_codes, signer_scope
from htx_desktop.exchange.signing import (
    Identity,
    sign_detached,
    sign_pdf,
    verify_detached,
    verify_pdf,
)
from htx_desktop.exchange.workbook import write_workbook
from htx_desktop.exchange.zipsafe import read_members, sha256_file
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.audit import record_origins
from htx_desktop.storage.migrate import SCHEMA_HEAD, known_revisions
from htx_desktop.storage.models import (
    AdministrativeUnit,
    ImportLedger,
    OfficerProfile,
)
from htx_desktop.storage.private_files import make_private
from htx_desktop.storage.scope import UnitScope
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE
from htx_desktop.text import visible

FORMAT = "htx-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
SIGNER = "signer.pem"
DATA = "data.json"
WORKBOOK = "workbook.xlsx"
REPORT = "report.pdf"
#: Every member and the most it may hold uncompressed.
LIMITS: dict[str, int] = {
    MANIFEST: 1 << 20,
    SIGNATURE: 64 << 10,
    SIGNER: 16 << 10,
    DATA: 512 << 20,
    WORKBOOK: 256 << 20,
    REPORT: 128 << 20,
}
HASHED = (SIGNER, DATA, WORKBOOK, REPORT)

Progress = Callable[[str, int, int], None]


@dataclass
class VerifiedBundle:
    path: Path
    sha256: str
    manifest: dict[str, Any]
    signer: CertificateInfo
    records: dict[str, list[dict[str, Any]]]
    origins: dict[str, str]
    trusted: bool | None = None
    #: What the signer may write, from the receiver's tables (None: checked without a db).
    scope: UnitScope | None = None
    warnings: list[str] = field(default_factory=list)
    chain: ChainReport | None = None

    @property
    def unit_code(self) -> str:
        return str(self.manifest["unit"]["code"])

    @property
    def period(self) -> str:
        return str(self.manifest["period"])


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
                zf.write(work / name, arcname=name)
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


# --- verification --------------------------------------------------------------------------


def _reject_manifest(what: str) -> BundleRejected:
    return BundleRejected(
        "bad_manifest",
        f"Tệp manifest.json không hợp lệ ({what}). Hãy xin người gửi xuất lại gói dữ liệu.",
    )


#: A JSON escape of a UTF-16 surrogate: the only way a lone surrogate (text that cannot be
#: stored or printed as UTF-8) gets into decoded JSON.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _load_json(data: bytes, name: str) -> Any:
    bad_encoding = BundleRejected("bad_encoding", f"Tệp {name} không phải văn bản UTF-8 hợp lệ.")
    try:
        text = data.decode("utf-8")
        value = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):  # rare: then check properly (pairs are fine)
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        return value
    except UnicodeError:
        raise bad_encoding from None
    except (ValueError, RecursionError):
        raise BundleRejected("bad_json", f"Tệp {name} không phải JSON hợp lệ.") from None


def parse_manifest(data: bytes) -> dict[str, Any]:
    manifest = _load_json(data, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _reject_manifest("không phải gói dữ liệu HTX")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version != FORMAT_VERSION:
        raise BundleRejected(
            "unsupported_format",
            f"Gói dữ liệu dùng định dạng phiên bản {str(version)[:10]}, ứng dụng này đọc phiên bản "
            f"{FORMAT_VERSION}. Hãy cập nhật HTX Desktop lên bản mới nhất.",
        )
    schema = manifest.get("schema_revision")
    if not isinstance(schema, str) or schema not in known_revisions():
        raise BundleRejected(
            "unsupported_schema",
            f"Gói dữ liệu được tạo với cấu trúc dữ liệu “{str(schema)[:20]}” mà phiên bản ứng "
            "dụng này chưa biết. Hãy cập nhật HTX Desktop lên bản mới nhất rồi nhập lại.",
        )
    unit = manifest.get("unit")
    if not isinstance(unit, dict) or not isinstance(unit.get("code"), str):
        raise _reject_manifest("thiếu đơn vị")
    if unit.get("level") not in (COMMUNE, DISTRICT, PROVINCE):
        raise _reject_manifest("cấp đơn vị không hợp lệ")
    members = unit.get("members", [])
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise _reject_manifest("danh sách xã của cụm không hợp lệ")
    try:
        ReportPeriod.parse(manifest.get("period"))  # type: ignore[arg-type]
    except (ValueError, TypeError, AttributeError):
        raise _reject_manifest("kỳ báo cáo không hợp lệ") from None
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != set(HASHED):
        raise _reject_manifest("danh sách tệp không đúng")
    if not all(isinstance(v, str) and len(v) == 64 for v in files.values()):
        raise _reject_manifest("mã băm không hợp lệ")
    signer = manifest.get("signer")
    if not isinstance(signer, dict) or not isinstance(signer.get("fingerprint"), str):
        raise _reject_manifest("thiếu người ký")
    counts = manifest.get("record_counts")
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in counts.values()
    ):
        raise _reject_manifest("số bản ghi không hợp lệ")
    merged = manifest.get("merged_bundles", [])
    if not isinstance(merged, list) or not all(isinstance(m, dict) for m in merged):
        raise _reject_manifest("danh sách gói đã gộp không hợp lệ")
    return manifest


def verify_bundle(path: Path, session: Session | None = None) -> VerifiedBundle:
    """Every check a receiver makes; BundleRejected with a Vietnamese message on the first
    failure. The route (ARCHITECTURE.md, "The trust rule"), each step refusing before the next
    begins: manifest, its signature, the signer in the receiver's trust store (unknown: stop,
    `trusted` False, nothing else read), the scope from the receiver's tables, the files'
    hashes, the PDF's signature, data.json, and every record inside the scope and valid as the
    forms define. Without a session the scope cannot be known: integrity and signatures are
    checked, `scope` stays None and the caller must say so."""
    path = Path(path)
    members = read_members(path, LIMITS)
    manifest_bytes = members[MANIFEST].data
    manifest = parse_manifest(manifest_bytes)
    signer = verify_detached(manifest_bytes, members[SIGNATURE].data)
    if manifest["signer"]["fingerprint"] != signer.fingerprint:
        raise BundleRejected(
            "signature_swapped",
            "Chữ ký của gói không thuộc người ký ghi trong manifest.json (chữ ký lấy từ gói "
            "khác). Không nhập gói này.",
        )
    unit_code = manifest["unit"]["code"]
    # An officer's own (self-signed) certificate names her unit by construction: a bundle of
    # another unit signed with it is refused whoever receives it. A CA's certificate may carry
    # an OU of its own meaning; for it the unit the receiver tied the signer to decides.
    if not signer.ca_issued and signer.unit_code is not None and signer.unit_code != unit_code:
        raise BundleRejected(
            "signer_other_unit",
            f"Gói dữ liệu của đơn vị {visible(unit_code[:32])} lại được ký bằng khóa của đơn vị "
            f"{visible(signer.unit_code[:32])}. Không nhập gói này; hãy liên hệ người gửi.",
        )
    verified = VerifiedBundle(
        path=path,
        sha256=sha256_file(path),
        manifest=manifest,
        signer=signer,
        records={},
        origins={},
    )
    scope: UnitScope | None = None
    if session is not None:
        # A CA-issued (token) certificate must chain to an anchor the receiver installed and
        # be unrevoked at its signing time before her tie of the signer to a unit counts.
        verified.chain = chain_report(
            session, members[SIGNATURE].data, load_certificate(signer.pem.encode("ascii"))
        )
        verified.trusted = check_trust(session, signer, unit_code)
        if not verified.trusted:
            return verified  # unknown signer: nothing of the bundle's data is read
        scope = signer_scope(session, unit_code)
        verified.scope = scope
    for name in HASHED:
        if members[name].sha256 != manifest["files"][name]:
            raise BundleRejected(
                "hash_mismatch",
                f"Tệp {name} trong gói đã bị thay đổi sau khi ký (mã băm không khớp). "
                "Không nhập gói này; hãy xin người gửi gửi lại.",
            )
    if certificate_info(load_certificate(members[SIGNER].data)).fingerprint != signer.fingerprint:
        raise BundleRejected(
            "signer_file_mismatch", "Tệp signer.pem không phải chứng thư đã ký gói."
        )
    verify_pdf(members[REPORT].data, signer)
    check_report_names_data(members[REPORT].data, members[DATA].sha256)
    payload = _load_json(members[DATA].data, DATA)
    if not isinstance(payload, dict):
        raise BundleRejected("bad_data", "Tệp data.json không đúng cấu trúc.")
    if payload.get("unit_code") != unit_code or payload.get("period") != manifest["period"]:
        raise BundleRejected("bad_data", "Tệp data.json không khớp đơn vị hoặc kỳ trong manifest.")
    records = decode_records(payload.get("records"))
    counts = {table: len(rows) for table, rows in records.items()}
    if {k: v for k, v in counts.items() if v} != {
        k: v for k, v in manifest["record_counts"].items() if v
    }:
        raise BundleRejected("bad_data", "Số bản ghi trong data.json khác với manifest.json.")
    origins = payload.get("origins", {})
    if not isinstance(origins, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(v) == 64 for k, v in origins.items()
    ):
        raise BundleRejected("bad_data", "Tệp data.json có thông tin nguồn gốc không hợp lệ.")
    if session is not None and scope is not None:
        check_scope(session, scope, records)
        check_forms(scope, records)
    check_workbook_matches(members[WORKBOOK].data, records)
    verified.records = records
    verified.origins = origins
    return verified


def check_trust(session: Session, signer: CertificateInfo, unit_code: str) -> bool:
    """True when trusted now for this unit; False when unknown here; BundleRejected when
    revoked, retired or trusted for another unit (see `trust_store.check_signer`)."""
    from htx_desktop.exchange.trust_store import check_signer

    return check_signer(session, signer, unit_code)
