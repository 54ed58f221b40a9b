"""Verifying a bundle: everything a receiver checks before anything is written.

The route (ARCHITECTURE.md, "The trust rule"), each step refusing before the next begins, in
three parts so that a batch can run the two that need no database on a second core while the
bundle before is written (`exchange.pipeline`):
1. `open_bundle`: the members, the manifest and its signature (no database);
2. `admit`: the signer in the receiver's trust store (unknown: stop, nothing else read) and
   the scope derived from the receiver's tables;
3. `read_contents`: the files' hashes, the PDF's signature, data.json decoded, counted and
   held to the forms and to the workbook (no database: the scope travels as a value);
then `finish`: every record against what the receiver stores (`check_scope`), in the process
that writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy.orm import Session

from htx_desktop.exchange.admission import check_forms, check_scope
from htx_desktop.exchange.agreement import check_report_names_data, check_workbook_matches
from htx_desktop.exchange.anchors import chain_report
from htx_desktop.exchange.bundle_format import (
    DATA,
    FORMAT,
    FORMAT_VERSION,
    HASHED,
    LIMITS,
    MANIFEST,
    REPORT,
    SIGNATURE,
    SIGNER,
    WORKBOOK,
    VerifiedBundle,
)
from htx_desktop.exchange.decoded import Records, count_of
from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.exchange.keys import CertificateInfo, fingerprint_of, load_certificate
from htx_desktop.exchange.records_json import decode_records
from htx_desktop.exchange.scope import signer_scope
from htx_desktop.exchange.signing import verify_detached, verify_pdf
from htx_desktop.exchange.zipsafe import Member, read_bundle
from htx_desktop.gc_pause import cycles_paused
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.migrate import known_revisions
from htx_desktop.storage.scope import UnitScope
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE
from htx_desktop.text import visible


def _reject_manifest(what: str) -> BundleRejected:
    return BundleRejected(
        "bad_manifest",
        f"Tệp manifest.json không hợp lệ ({what}). Hãy xin người gửi xuất lại gói dữ liệu.",
    )


#: A JSON escape of a UTF-16 surrogate: the only way a lone surrogate (text that cannot be
#: stored or printed as UTF-8) gets into decoded JSON.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _load_json(data: bytes, name: str) -> Any:
    """The JSON value of a bundle's file, or the refusal that says why it has none.

    orjson reads a well-formed file (a third of the standard parser's time over a commune's
    data.json); whatever it refuses (a lone surrogate, NaN, nesting too deep, bytes that are
    not UTF-8) is read again by the standard parser, which names the refusal and keeps
    deciding what it always decided. The two differ on one well-formed input only: an integer
    too large for 64 bits, which orjson makes a float; no field of a bundle takes either."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    bad_encoding = BundleRejected("bad_encoding", f"Tệp {name} không phải văn bản UTF-8 hợp lệ.")
    try:
        text = data.decode("utf-8")
        value = json.loads(text)
        if "\\u" in text and _SURROGATE_ESCAPE.search(text):  # rare: then check properly
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
    """Every check a receiver makes, in the route's order; BundleRejected with a Vietnamese
    message on the first failure. An unknown signer gives `trusted` False and nothing of the
    bundle's data is read. Without a session the scope cannot be known: integrity and
    signatures are checked, `scope` stays None and the caller must say so.

    The cycle collector is paused meanwhile (`gc_pause`): decoding makes thousands of
    short-lived containers, none of them in a cycle."""
    with cycles_paused():
        verified, contents = verify_until_finish(Path(path), session)
        if contents is None:
            return verified
        return finish(session, verified, contents)


def verify_until_finish(
    path: Path, session: Session | None
) -> tuple[VerifiedBundle, Contents | None]:
    """`verify_bundle`'s route but its last check (`finish`, which needs what the receiver
    stores at the moment of writing): the bundle opened, its signer admitted (with a
    session) and its contents read; contents None for a signer unknown here. Run ahead of the
    bundle's turn by `exchange.pipeline`, in either process."""
    opened = open_bundle(path)
    verified = opened.verified
    if session is not None and not admit(session, verified, opened.signature):
        return verified, None
    return verified, read_contents(opened, verified.scope)


@dataclass
class OpenedBundle:
    """A bundle whose manifest and signature are checked, its other members not yet read."""

    verified: VerifiedBundle
    members: dict[str, Member]

    @property
    def signature(self) -> bytes:
        return self.members[SIGNATURE].data


@dataclass
class Contents:
    """What data.json holds, decoded and checked against everything but the database."""

    #: By column (`DecodedRecords`), as they travel between processes too.
    records: Records
    origins: dict[str, str]
    #: A refusal found after decoding (the forms, the workbook): raised by `finish` only once
    #: the records passed the scope check, which comes before it in the route.
    later: BundleRejected | None = None


def open_bundle(path: Path) -> OpenedBundle:
    """The members, the manifest, its CMS signature and the signer's certificate."""
    members, file_sha256 = read_bundle(path, LIMITS)
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
        sha256=file_sha256,
        manifest=manifest,
        signer=signer,
        records={},
        origins={},
    )
    return OpenedBundle(verified, members)


def admit(session: Session, verified: VerifiedBundle, signature: bytes) -> bool:
    """The signer in the receiver's trust store and, when trusted, the scope its bundles may
    write (`verified.scope`), both from the receiver's tables; False for an unknown signer."""
    signer = verified.signer
    # A CA-issued (token) certificate must chain to an anchor the receiver installed and
    # be unrevoked at its signing time before her tie of the signer to a unit counts.
    verified.chain = chain_report(session, signature, load_certificate(signer.pem.encode("ascii")))
    verified.trusted = check_trust(session, signer, verified.unit_code)
    if verified.trusted:
        verified.scope = signer_scope(session, verified.unit_code)
    return verified.trusted


def read_contents(opened: OpenedBundle, scope: UnitScope | None) -> Contents:
    """The files' hashes, the PDF's signature and the data it names, data.json decoded and
    counted, then (with a scope) the forms' rules, and the workbook's agreement."""
    members, verified = opened.members, opened.verified
    manifest, signer = verified.manifest, verified.signer
    for name in HASHED:
        if members[name].sha256 != manifest["files"][name]:
            raise BundleRejected(
                "hash_mismatch",
                f"Tệp {name} trong gói đã bị thay đổi sau khi ký (mã băm không khớp). "
                "Không nhập gói này; hãy xin người gửi gửi lại.",
            )
    try:
        carried = fingerprint_of(load_certificate(members[SIGNER].data))
    except ExchangeError:  # not a certificate at all: as much a mismatch as another one
        carried = None
    if carried != signer.fingerprint:
        raise BundleRejected(
            "signer_file_mismatch", "Tệp signer.pem không phải chứng thư đã ký gói."
        )
    verify_pdf(members[REPORT].data, signer)
    check_report_names_data(members[REPORT].data, members[DATA].sha256)
    payload = _load_json(members[DATA].data, DATA)
    if not isinstance(payload, dict):
        raise BundleRejected("bad_data", "Tệp data.json không đúng cấu trúc.")
    if payload.get("unit_code") != verified.unit_code or payload.get("period") != manifest[
        "period"
    ]:
        raise BundleRejected("bad_data", "Tệp data.json không khớp đơn vị hoặc kỳ trong manifest.")
    records = decode_records(payload.get("records"))
    counts = {table: count_of(records, table) for table in records}
    if {k: v for k, v in counts.items() if v} != {
        k: v for k, v in manifest["record_counts"].items() if v
    }:
        raise BundleRejected("bad_data", "Số bản ghi trong data.json khác với manifest.json.")
    origins = payload.get("origins", {})
    if not isinstance(origins, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(v) == 64 for k, v in origins.items()
    ):
        raise BundleRejected("bad_data", "Tệp data.json có thông tin nguồn gốc không hợp lệ.")
    contents = Contents(records, origins)
    try:
        if scope is not None:
            check_forms(scope, records)
        check_workbook_matches(members[WORKBOOK].data, records)
    except BundleRejected as exc:
        contents.later = exc
    return contents


def finish(session: Session | None, verified: VerifiedBundle, contents: Contents) -> VerifiedBundle:
    """Every record against the owners the receiver stores (the scope's last check, which
    needs the database), then any refusal `read_contents` held back; the records land in
    `verified` only when all passed."""
    if session is not None and verified.scope is not None:
        verified.held = check_scope(session, verified.scope, contents.records)
    if contents.later is not None:
        raise contents.later
    verified.records = contents.records
    verified.origins = contents.origins
    return verified


def check_trust(session: Session, signer: CertificateInfo, unit_code: str) -> bool:
    """True when trusted now for this unit; False when unknown here; BundleRejected when
    revoked, retired or trusted for another unit (see `trust_store.check_signer`)."""
    from htx_desktop.exchange.trust_store import check_signer

    return check_signer(session, signer, unit_code)
