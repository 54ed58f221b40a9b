"""Commands for signed bundles: keys, export, verify, import, reporting status (trust is in
`cli.trust`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from htx_desktop.cli.common import PROG, CliError, database, db_path, err, out, out_json


def passphrase(confirm: bool = False) -> str:
    """HTX_PASSPHRASE, else a prompt when a person is at the terminal."""
    from htx_desktop.exchange.keys import PASSPHRASE_ENV, passphrase_from_env

    value = passphrase_from_env()
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(
            f"Cần mật khẩu khóa ký: đặt biến môi trường {PASSPHRASE_ENV} hoặc chạy lệnh trong "
            "cửa sổ dòng lệnh để được hỏi."
        )
    import getpass

    value = getpass.getpass("Mật khẩu khóa ký: ")
    if confirm:
        from htx_desktop.exchange.passphrase_policy import passphrase_problem

        problem = passphrase_problem(value)  # said before she types it a second time
        if problem:
            raise CliError(problem)
    if confirm and getpass.getpass("Nhập lại mật khẩu: ") != value:
        raise CliError("Hai lần nhập mật khẩu không giống nhau. Hãy chạy lại lệnh.")
    return value


def make_credential(db: Any, session: Any) -> list[str]:
    """Key pair and certificate for the profile's officer; returns the lines to print once the
    caller's transaction is committed (the fingerprint to read out)."""
    from htx_desktop.exchange.keys import create_credential, fingerprint_lines
    from htx_desktop.registry.profile import get_profile

    profile = get_profile(session)
    if profile is None:
        raise CliError(f"Chưa có hồ sơ cán bộ. Hãy chạy “{PROG} init” trước.")
    info = create_credential(session, profile, passphrase(confirm=True), db.path)
    return [
        "Đã tạo khóa ký và chứng thư số.",
        "Dấu vân tay (đọc cho cấp trên khi gửi chứng thư):",
        *(f"  {line}" for line in fingerprint_lines(info.fingerprint)),
    ]


def cmd_keygen(args: argparse.Namespace) -> int:
    with database(db_path(args)) as db, db.session() as session:
        lines = make_credential(db, session)
    for line in lines:
        out(line)
    return 0


def cmd_cert(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.keys import active_credential, fingerprint_lines

    with database(db_path(args)) as db, db.session() as session:
        cred = active_credential(session)
        target = Path(args.out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(cred.certificate_pem, encoding="ascii")
        fingerprint = cred.fingerprint
    out(f"Đã ghi chứng thư vào {target}")
    out("Dấu vân tay:")
    for line in fingerprint_lines(fingerprint):
        out(f"  {line}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from htx_desktop.cli.token import token_pin
    from htx_desktop.exchange.bundle import export_bundle
    from htx_desktop.exchange.identity import uses_token

    out_dir = Path(args.out) if args.out else Path.cwd()
    with database(db_path(args)) as db, db.session() as session:
        secret = token_pin() if uses_token(session) else passphrase()
        path = export_bundle(
            session, args.period, secret, out_dir, include_personal=not args.no_personal
        )
    out(path)
    return 0


def _emit(outcomes: list[Any], as_json: bool, line: Callable[[Any], str]) -> int:
    if as_json:
        out_json([o.as_dict() for o in outcomes])
    else:
        for outcome in outcomes:
            text = line(outcome)
            (out if outcome.ok else err)(text)
    return 0 if all(o.ok for o in outcomes) else 1


def cmd_verify(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.service import verify_files

    paths = [Path(p) for p in args.bundles]
    if args.db is not None:
        with database(db_path(args)) as db:
            outcomes = verify_files(db, paths)
    else:
        outcomes = verify_files(None, paths)
    return _emit(outcomes, args.json, _verify_line)


def _verify_line(outcome: Any) -> str:
    line = f"{'ĐẠT' if outcome.ok else 'KHÔNG ĐẠT'}  {outcome.path.name}: {outcome.message}"
    chain = outcome.bundle.chain if outcome.bundle is not None else None
    if chain is None:
        return line
    path = " ← ".join(chain.path)
    return (f"{line}\n  Chuỗi chứng thư: {path}\n  Gốc tin cậy: {chain.anchor}\n"
            f"  Thu hồi: {chain.revocation}\n"
            f"  Thời điểm ký (theo đồng hồ người ký): {chain.signing_time:%d/%m/%Y %H:%M} UTC")


def cmd_import(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.service import import_files

    paths = [Path(p) for p in args.bundles]
    with database(db_path(args)) as db:
        if not args.dry_run:  # a dry run writes nothing, so it needs no copy
            from htx_desktop.storage.backup import backup_before_import

            backup_before_import(db.path)
        outcomes = import_files(db, paths, dry_run=args.dry_run)
    prefix = "THỬ " if args.dry_run else ""

    def line(o: Any) -> str:
        if not o.ok:
            return f"{prefix}TỪ CHỐI  {o.path.name}: {o.message}"
        return f"{prefix}ĐÃ NHẬP  {o.path.name}: {o.message}" if not args.dry_run else (
            f"THỬ  {o.path.name}: nếu nhập thật sẽ có {o.message}"
        )

    return _emit(outcomes, args.json, line)


def cmd_status(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.service import reporting_status

    with database(db_path(args)) as db, db.session() as session:
        rows = reporting_status(session, args.period)
    if args.json:
        out_json([r.__dict__ for r in rows])
        return 0
    missing = [r for r in rows if not r.reported]
    for r in rows:
        when = f"{r.received_at:%d/%m/%Y %H:%M}" if r.received_at else ""
        mark = "ĐÃ NỘP " if r.reported else "CHƯA NỘP"
        out(f"{mark}  {r.unit_code:<22} {r.unit_name:<32} {when} {r.signer_name or ''}".rstrip())
    out(f"Tổng: {len(rows) - len(missing)}/{len(rows)} đơn vị đã nộp gói kỳ {args.period}.")
    return 0


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    keygen = commands.add_parser(
        "keygen", help="tạo khóa ký và chứng thư số mới cho cán bộ",
        description="Tạo khóa ký mới (mật khẩu lấy từ biến HTX_PASSPHRASE hoặc được hỏi).",
    )
    add_db(keygen)
    keygen.set_defaults(handler=cmd_keygen)

    cert = commands.add_parser("cert", help="xuất chứng thư số của cán bộ để gửi cấp trên")
    add_db(cert)
    cert.add_argument("--out", required=True, metavar="TỆP", help="tệp .pem sẽ ghi")
    cert.set_defaults(handler=cmd_cert)

    export = commands.add_parser(
        "export", help="xuất gói dữ liệu đã ký của đơn vị cho một kỳ",
        description="Xuất gói dữ liệu (.zip) đã ký: dữ liệu, bảng tính Excel và báo cáo PDF.",
    )
    add_db(export)
    export.add_argument("--period", required=True, metavar="KỲ",
                        help="“2025-H1” (6 tháng đầu năm) hoặc “2025” (cả năm)")
    export.add_argument("--out", metavar="THƯ_MỤC", help="thư mục ghi gói (mặc định: hiện tại)")
    export.add_argument(
        "--no-personal", action="store_true",
        help="bỏ thông tin cá nhân khỏi bảng tính và báo cáo PDF trong gói (data.json vẫn đủ)",
    )
    export.set_defaults(handler=cmd_export)

    verify = commands.add_parser(
        "verify", help="kiểm tra gói dữ liệu (chữ ký, mã băm, người ký)",
    )
    add_db(verify)
    verify.add_argument("bundles", nargs="+", metavar="GÓI")
    verify.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    verify.set_defaults(handler=cmd_verify)

    imp = commands.add_parser(
        "import", help="nhập và gộp gói dữ liệu của cấp dưới",
        description="Kiểm tra rồi gộp từng gói (mỗi gói một giao dịch). --dry-run chỉ báo trước.",
    )
    add_db(imp)
    imp.add_argument("bundles", nargs="+", metavar="GÓI")
    imp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    imp.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    imp.set_defaults(handler=cmd_import)

    status = commands.add_parser("status", help="xem đơn vị nào đã/chưa nộp gói cho một kỳ")
    add_db(status)
    status.add_argument("--period", required=True, metavar="KỲ")
    status.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    status.set_defaults(handler=cmd_status)


