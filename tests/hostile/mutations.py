"""Mutations that turn a freshly exported, valid bundle into a hostile or broken one.

Each function named in `cases.toml` takes the valid bundle (`Source`) and writes one file to
`out`. They re-sign with the sender's key where a real attacker holding that key (or a buggy
newer version of the app) would, so that the check under test is reached rather than stopped
earlier by the signature. Helpers at the top; one small function per case below.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from htx_desktop.exchange.agreement import SHEET_TABLES, pdf_keywords
from htx_desktop.exchange.bundle_format import (
    DATA,
    HASHED,
    MANIFEST,
    REPORT,
    SIGNATURE,
    SIGNER,
    WORKBOOK,
)
from htx_desktop.exchange.keys import UNIT_ATTRIBUTE, fingerprint_of
from htx_desktop.exchange.signing import SigningIdentity, sign_detached, sign_pdf
from htx_desktop.exchange.workbook import DELETED_HEADER, ID_HEADER, REVISION_HEADER, UNIT_HEADER

ORDER = (MANIFEST, SIGNATURE, SIGNER, DATA, WORKBOOK, REPORT)


@dataclass(frozen=True)
class Source:
    """A valid bundle and what a forger might hold: the sender's own key, another unit's."""

    bundle: Path
    signer: SigningIdentity
    unit_code: str
    other_signer: SigningIdentity
    other_unit_code: str

    def members(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.bundle) as zf:
            return {name: zf.read(name) for name in zf.namelist()}

    def manifest(self) -> dict[str, Any]:
        return json.loads(self.members()[MANIFEST])

    def data(self) -> dict[str, Any]:
        return json.loads(self.members()[DATA])


def make_identity(
    unit_code: str, name: str, not_before: datetime, not_after: datetime
) -> SigningIdentity:
    """A key and a self-issued certificate shaped like the application's own."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(UNIT_ATTRIBUTE, unit_code),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, os.urandom(8).hex()),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(key, cert)


def write_zip(out: Path, members: dict[str, bytes] | list[tuple[Any, bytes]]) -> None:
    items = list(members.items()) if isinstance(members, dict) else members
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)


def pem(identity: SigningIdentity) -> bytes:
    return identity.cert.public_bytes(serialization.Encoding.PEM)


def signed(
    members: dict[str, bytes],
    manifest: dict[str, Any],
    identity: SigningIdentity,
    recount: bool = True,
) -> dict[str, bytes]:
    """Members with the manifest's hashes (and, if the data still parses, its record counts)
    brought up to date and the manifest signed by `identity`, as a sender would."""
    manifest = json.loads(json.dumps(manifest))
    manifest["files"] = {n: hashlib.sha256(members[n]).hexdigest() for n in HASHED}
    if recount:
        try:
            records = json.loads(members[DATA])["records"]
            manifest["record_counts"] = {t: len(rows) for t, rows in records.items()}
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            pass
    raw = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    return members | {MANIFEST: raw, SIGNATURE: sign_detached(raw, identity)}


def report_for(data: bytes, identity: SigningIdentity) -> bytes:
    """A one-page report naming `data`'s hash, signed by `identity`: what a forger holding the
    sender's key makes so that the report agrees with the data she changed."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Bao cao")
    canvas.save()
    return sign_pdf(
        buffer.getvalue(), identity, reason="Bao cao", location="Xa",
        keywords=pdf_keywords(hashlib.sha256(data).hexdigest()),
    )


def workbook_for(data: bytes) -> bytes | None:
    """A workbook listing exactly `data`'s records (None when the data does not parse)."""
    from openpyxl import Workbook

    try:
        records = json.loads(data)["records"]
        rows = {
            sheet: [
                [r["id"], r["unit_code"], r["revision"], "Có" if r["deleted"] else ""]
                for r in records.get(table, [])
            ]
            for sheet, table in SHEET_TABLES.items()
        }
        if any(
            not isinstance(value, str | int | float | bool | None)
            for sheet_rows in rows.values() for row in sheet_rows for value in row
        ):
            raise TypeError("a cell value a spreadsheet cannot hold")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook(write_only=True)
    try:
        for sheet, sheet_rows in rows.items():
            ws = wb.create_sheet(sheet)
            ws.append([ID_HEADER, UNIT_HEADER, REVISION_HEADER, DELETED_HEADER])
            for row in sheet_rows:
                ws.append(row)
    except IllegalCharacterError:  # a control character no spreadsheet cell can hold
        return None
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def with_data(src: Source, out: Path, data: bytes, recount: bool = True) -> None:
    """data.json replaced, the report and workbook made to agree with it, everything
    re-hashed and re-signed with the sender's own key."""
    members = src.members() | {DATA: data, REPORT: report_for(data, src.signer)}
    workbook = workbook_for(data)
    if workbook is not None:
        members[WORKBOOK] = workbook
    write_zip(out, signed(members, src.manifest(), src.signer, recount))


def edit_data(src: Source, out: Path, change: Any) -> None:
    payload = src.data()
    change(payload)
    with_data(src, out, json.dumps(payload, ensure_ascii=False).encode())


def first(payload: dict[str, Any], table: str = "cooperative") -> dict[str, Any]:
    return payload["records"][table][0]


# --- the zip container ----------------------------------------------------------------------


def plain_text(src: Source, out: Path) -> None:
    out.write_text("Đây là thư mời họp, không phải gói dữ liệu.\n", encoding="utf-8")


def truncated_copy(src: Source, out: Path) -> None:
    """A copy from a USB stick pulled out half way."""
    data = src.bundle.read_bytes()
    out.write_bytes(data[: len(data) // 2])


def empty_file(src: Source, out: Path) -> None:
    out.write_bytes(b"")


def corrupt_compressed_data(src: Source, out: Path) -> None:
    """Bits flipped inside a member's deflate stream, central directory intact."""
    raw = bytearray(src.bundle.read_bytes())
    with zipfile.ZipFile(src.bundle) as zf:
        info = zf.getinfo(REPORT)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 100, start + info.compress_size - 100, 997):
        raw[offset] ^= 0x55
    out.write_bytes(bytes(raw))


def invalid_deflate_block(src: Source, out: Path) -> None:
    """A deflate block of the reserved type 3: zlib itself refuses to decode it."""
    raw = bytearray(src.bundle.read_bytes())
    with zipfile.ZipFile(src.bundle) as zf:
        info = zf.getinfo(DATA)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start] |= 0x06
    out.write_bytes(bytes(raw))


def size_lie(src: Source, out: Path) -> None:
    """The directory claims data.json is smaller than it is (to slip past size limits)."""
    raw = bytearray(src.bundle.read_bytes())
    with zipfile.ZipFile(src.bundle) as zf:
        info = zf.getinfo(DATA)
    small = struct.pack("<I", max(info.file_size // 10, 1))
    local = info.header_offset
    raw[local + 22 : local + 26] = small
    central = _central_entry(raw, DATA)
    raw[central + 24 : central + 28] = small
    out.write_bytes(bytes(raw))


def _central_entry(raw: bytearray, name: str) -> int:
    encoded = name.encode()
    offset = raw.find(b"PK\x01\x02")
    while offset != -1:
        length = struct.unpack("<H", raw[offset + 28 : offset + 30])[0]
        if raw[offset + 46 : offset + 46 + length] == encoded:
            return offset
        offset = raw.find(b"PK\x01\x02", offset + 4)
    raise LookupError(name)


def parent_path(src: Source, out: Path) -> None:
    write_zip(out, [*src.members().items(), ("../../Startup/evil.bat", b"echo pwned")])


def absolute_path(src: Source, out: Path) -> None:
    write_zip(out, [*src.members().items(), ("/etc/cron.d/evil", b"* * * * * root true")])


def windows_drive_path(src: Source, out: Path) -> None:
    write_zip(out, [*src.members().items(), ("C:evil.txt", b"x")])


def symlink(src: Source, out: Path) -> None:
    """data.json as a symbolic link to a file of the receiver's machine."""
    link = zipfile.ZipInfo(DATA)
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    items = [(n, d) for n, d in src.members().items() if n != DATA]
    write_zip(out, [*items, (link, b"/etc/passwd")])


def duplicate_names(src: Source, out: Path) -> None:
    import warnings

    members = src.members()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns, and writes it anyway
        write_zip(out, [*members.items(), (DATA, b'{"records": {}}')])


def oversized_manifest(src: Source, out: Path) -> None:
    write_zip(out, src.members() | {MANIFEST: src.members()[MANIFEST] + b" " * (2 << 20)})


def zip_bomb(src: Source, out: Path) -> None:
    """30 MB of data.json squeezed into a few kilobytes."""
    write_zip(out, src.members() | {DATA: src.members()[DATA] + b" " * (30 << 20)})


def missing_report(src: Source, out: Path) -> None:
    write_zip(out, {n: d for n, d in src.members().items() if n != REPORT})


def unexpected_file(src: Source, out: Path) -> None:
    write_zip(out, [*src.members().items(), ("ghi-chu.exe", b"MZ")])


def folder_entry(src: Source, out: Path) -> None:
    write_zip(out, [*src.members().items(), ("tai-lieu/", b"")])


def encrypted_flag(src: Source, out: Path) -> None:
    """data.json marked as password-protected (zipfile cannot write that: patch the flag)."""
    raw = bytearray(src.bundle.read_bytes())
    with zipfile.ZipFile(src.bundle) as zf:
        info = zf.getinfo(DATA)
    raw[info.header_offset + 6] |= 0x1
    raw[_central_entry(raw, DATA) + 8] |= 0x1
    out.write_bytes(bytes(raw))


def unknown_compression(src: Source, out: Path) -> None:
    """data.json claims a compression method no bundle uses (99, WinZip's AES)."""
    raw = bytearray(src.bundle.read_bytes())
    with zipfile.ZipFile(src.bundle) as zf:
        info = zf.getinfo(DATA)
    method = struct.pack("<H", 99)
    raw[info.header_offset + 8 : info.header_offset + 10] = method
    central = _central_entry(raw, DATA)
    raw[central + 10 : central + 12] = method
    out.write_bytes(bytes(raw))


def bzip2_member(src: Source, out: Path) -> None:
    """A member compressed with bzip2: zipfile reads it, but no bundle is written so."""
    members = src.members()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in ORDER:
            method = zipfile.ZIP_BZIP2 if name == DATA else zipfile.ZIP_DEFLATED
            zf.writestr(name, members[name], compress_type=method)


# --- signatures and certificates --------------------------------------------------------


def changed_workbook(src: Source, out: Path) -> None:
    """An Excel file edited after signing (the manifest still names the old hash)."""
    members = src.members()
    write_zip(out, members | {WORKBOOK: members[WORKBOOK] + b"\0"})


def edited_manifest(src: Source, out: Path) -> None:
    members = src.members()
    manifest = members[MANIFEST].replace(b'"created_at": "', b'"created_at": "1', 1)
    write_zip(out, members | {MANIFEST: manifest})


def garbage_signature(src: Source, out: Path) -> None:
    write_zip(out, src.members() | {SIGNATURE: os.urandom(700)})


def signed_by_other_key(src: Source, out: Path) -> None:
    """The untouched manifest, signed by someone else's key (swapped signatures)."""
    members = src.members()
    raw = members[MANIFEST]
    write_zip(
        out,
        members | {SIGNATURE: sign_detached(raw, src.other_signer), SIGNER: pem(src.other_signer)},
    )


def other_unit_key(src: Source, out: Path) -> None:
    """Another unit re-signs this unit's data, naming herself as the signer."""
    manifest = src.manifest()
    manifest["signer"]["fingerprint"] = fingerprint_of(src.other_signer.cert)
    members = src.members() | {SIGNER: pem(src.other_signer)}
    write_zip(out, signed(members, manifest, src.other_signer))


def _resigned_with(src: Source, out: Path, identity: SigningIdentity) -> None:
    manifest = src.manifest()
    manifest["signer"]["fingerprint"] = fingerprint_of(identity.cert)
    members = src.members() | {SIGNER: pem(identity)}
    write_zip(out, signed(members, manifest, identity))


def expired_certificate(src: Source, out: Path) -> None:
    now = datetime.now(UTC)
    identity = make_identity(
        src.unit_code, "Cán bộ cũ", now - timedelta(days=800), now - timedelta(days=30)
    )
    _resigned_with(src, out, identity)


def future_certificate(src: Source, out: Path) -> None:
    now = datetime.now(UTC)
    identity = make_identity(
        src.unit_code, "Đồng hồ sai", now + timedelta(days=30), now + timedelta(days=800)
    )
    _resigned_with(src, out, identity)


def other_signer_file(src: Source, out: Path) -> None:
    """signer.pem swapped for another certificate, hashes and signature kept consistent."""
    members = src.members() | {SIGNER: pem(src.other_signer)}
    write_zip(out, signed(members, src.manifest(), src.signer))


def garbage_signer_file(src: Source, out: Path) -> None:
    """signer.pem replaced by bytes that are no certificate, hashes and signature kept
    consistent (the sender's own key signed the manifest listing them)."""
    members = src.members() | {SIGNER: b"-----BEGIN CERTIFICATE-----\nkh\xc3\xb4ng\n"}
    write_zip(out, signed(members, src.manifest(), src.signer))


def tampered_report(src: Source, out: Path) -> None:
    """A figure in the signed PDF changed; the manifest re-signed to match the new file."""
    members = src.members()
    pdf = bytearray(members[REPORT])
    pdf[len(pdf) // 3] ^= 0x01
    write_zip(out, signed(members | {REPORT: bytes(pdf)}, src.manifest(), src.signer))


# --- the manifest -----------------------------------------------------------------------


def _manifest_change(src: Source, out: Path, change: Any) -> None:
    manifest = src.manifest()
    change(manifest)
    write_zip(out, signed(src.members(), manifest, src.signer, recount=False))


def newer_format(src: Source, out: Path) -> None:
    _manifest_change(src, out, lambda m: m.update(format_version=2))


def unknown_schema(src: Source, out: Path) -> None:
    _manifest_change(src, out, lambda m: m.update(schema_revision="9999_tuong_lai"))


def manifest_without_unit(src: Source, out: Path) -> None:
    _manifest_change(src, out, lambda m: m.pop("unit"))


def manifest_bad_period(src: Source, out: Path) -> None:
    _manifest_change(src, out, lambda m: m.update(period={"nam": 2025}))


def manifest_not_json(src: Source, out: Path) -> None:
    write_zip(out, src.members() | {MANIFEST: b"{format: htx-bundle"})


# --- data.json --------------------------------------------------------------------------


def data_not_json(src: Source, out: Path) -> None:
    with_data(src, out, b'{"records": {"cooperative": [')


def data_windows_1258(src: Source, out: Path) -> None:
    """data.json re-saved by an editor in the old Vietnamese Windows code page."""
    with_data(src, out, src.members()[DATA].decode("utf-8").encode("cp1258", "replace"))


def invalid_utf8(src: Source, out: Path) -> None:
    raw = src.members()[DATA]
    name = first(src.data())["name"].encode()
    with_data(src, out, raw.replace(name, name + b"\xff\xfe", 1))


def lone_surrogate(src: Source, out: Path) -> None:
    """Valid JSON whose text cannot be stored or printed (an escaped half of a UTF-16 pair)."""
    raw = src.members()[DATA]
    name = first(src.data())["name"].encode()
    with_data(src, out, raw.replace(name, name + b"\\ud800", 1))


def deep_nesting(src: Source, out: Path) -> None:
    depth = 200_000
    with_data(src, out, b'{"records": ' + b"[" * depth + b"]" * depth + b"}")


def huge_integer_text(src: Source, out: Path) -> None:
    raw = src.members()[DATA].replace(b'"revision":1', b'"revision":' + b"9" * 5000, 1)
    with_data(src, out, raw)


def wrong_type(src: Source, out: Path) -> None:
    edit_data(src, out, lambda p: first(p).update(name=12345))


def huge_number(src: Source, out: Path) -> None:
    edit_data(src, out, lambda p: first(p).update(revision=10**30))


def extra_field(src: Source, out: Path) -> None:
    edit_data(src, out, lambda p: first(p).update(so_cmnd="012345678901"))


def unknown_table(src: Source, out: Path) -> None:
    edit_data(src, out, lambda p: p["records"].update(tai_khoan=[{"id": "x"}]))


def duplicate_ids(src: Source, out: Path) -> None:
    def change(payload: dict[str, Any]) -> None:
        rows = payload["records"]["cooperative"]
        rows.append(dict(rows[0], name="HTX Bản sao"))

    edit_data(src, out, change)


def id_shared_across_tables(src: Source, out: Path) -> None:
    def change(payload: dict[str, Any]) -> None:
        cadre = first(payload, "union_cadre")
        cadre["id"] = first(payload)["id"]

    edit_data(src, out, change)


def time_with_offset(src: Source, out: Path) -> None:
    edit_data(src, out, lambda p: first(p).update(updated_at="2025-03-01T08:00:00+07:00"))


def counts_disagree(src: Source, out: Path) -> None:
    payload = src.data()
    payload["records"]["cooperative"].pop()
    with_data(src, out, json.dumps(payload, ensure_ascii=False).encode(), recount=False)


def foreign_records(src: Source, out: Path) -> None:
    """A commune's bundle carrying a record owned by another commune."""
    edit_data(src, out, lambda p: first(p).update(unit_code=src.other_unit_code))


def report_disagrees(src: Source, out: Path) -> None:
    """The data changed (and re-signed) but the signed report is still the original one."""
    payload = src.data()
    first(payload).update(name="Hợp tác xã Khác Hẳn")
    data = json.dumps(payload, ensure_ascii=False).encode()
    members = src.members() | {DATA: data}
    members[WORKBOOK] = workbook_for(data) or members[WORKBOOK]
    write_zip(out, signed(members, src.manifest(), src.signer))


def workbook_disagrees(src: Source, out: Path) -> None:
    """The workbook people read lists a revision that data.json does not carry."""
    payload = src.data()
    first(payload)["revision"] += 1
    members = src.members() | {WORKBOOK: workbook_for(json.dumps(payload).encode()) or b""}
    write_zip(out, signed(members, src.manifest(), src.signer))


def data_for_other_period(src: Source, out: Path) -> None:
    edit_data(src, out, lambda p: p.update(period="2024-H1"))
