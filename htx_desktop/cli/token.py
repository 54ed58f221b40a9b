"""`token list` and `token use`: choose the officer's USB token certificate for signing.

The PIN is read from HTX_TOKEN_PIN or asked at the terminal each time it is needed, never
stored; listing needs no PIN (certificates are public objects on the token).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from htx_desktop.cli.common import PROG, CliError, database, db_path, out

PIN_ENV = "HTX_TOKEN_PIN"


def token_pin() -> str:
    """HTX_TOKEN_PIN, else a prompt when a person is at the terminal."""
    value = os.environ.get(PIN_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(
            f"Cần mã PIN của USB token: đặt biến môi trường {PIN_ENV} hoặc chạy lệnh trong "
            "cửa sổ dòng lệnh để được hỏi."
        )
    import getpass

    return getpass.getpass("Mã PIN của USB token: ")


def _modules(args: argparse.Namespace) -> list[str]:
    from htx_desktop.exchange.token import candidate_modules

    if args.module:
        return [args.module]
    found = [str(path) for path in candidate_modules()]
    if not found:
        raise CliError(
            "Không thấy trình điều khiển USB token nào ở các chỗ thường gặp. Hãy cài phần mềm "
            f"đi kèm token rồi chỉ rõ tệp: {PROG} token list --module ĐƯỜNG_DẪN"
        )
    return found


def cmd_token_list(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.keys import pretty_fingerprint
    from htx_desktop.exchange.token import TokenError, list_certificates, list_tokens

    shown = 0
    for module in _modules(args):
        try:
            tokens = list_tokens(module)
        except TokenError as exc:
            out(f"{module}: {exc}")
            continue
        for token in tokens:
            out(f"Trình điều khiển: {module}")
            out(f"  Token: {token.label} (số sê-ri {token.serial}, {token.manufacturer})")
            try:
                certificates = list_certificates(module, token.serial)
            except TokenError as exc:
                out(f"    {exc}")
                continue
            for item in certificates:
                shown += 1
                out(f"    Chứng thư: {item.info.common_name}")
                out(f"      Mã chứng thư trên token (--cert-id): {item.ref.cert_id}")
                out(f"      Hiệu lực đến: {item.info.not_after:%d/%m/%Y}")
                out(f"      Dấu vân tay: {pretty_fingerprint(item.info.fingerprint)}")
    if shown == 0:
        raise CliError("Không thấy chứng thư nào trên USB token. Hãy cắm token rồi thử lại.")
    return 0


def cmd_token_use(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.identity import adopt_token_certificate
    from htx_desktop.exchange.keys import pretty_fingerprint
    from htx_desktop.exchange.token import TokenRef
    from htx_desktop.registry.profile import get_profile

    ref = TokenRef(module=args.module, serial=args.serial, cert_id=args.cert_id.lower())
    with database(db_path(args)) as db, db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise CliError(f"Chưa có hồ sơ cán bộ. Hãy chạy “{PROG} init” trước.")
        fingerprint = adopt_token_certificate(session, profile, ref)
        session.commit()
    out("Từ nay gói dữ liệu được ký bằng chứng thư trên USB token (mã PIN được hỏi mỗi lần ký).")
    out(f"Dấu vân tay (đọc cho cấp trên khi gửi chứng thư): {pretty_fingerprint(fingerprint)}")
    return 0


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    token = commands.add_parser("token", help="chọn chứng thư số trên USB token để ký")
    token_commands = token.add_subparsers(dest="token_command", required=True,
                                          metavar="LỆNH")
    listing = token_commands.add_parser("list", help="liệt kê USB token và chứng thư trên đó")
    listing.add_argument("--module", help="tệp trình điều khiển PKCS#11 (.dll, .so)")
    listing.set_defaults(handler=cmd_token_list)
    use = token_commands.add_parser("use", help="ký bằng một chứng thư trên USB token")
    use.add_argument("--module", required=True, help="tệp trình điều khiển PKCS#11")
    use.add_argument("--serial", required=True, help="số sê-ri của token (xem token list)")
    use.add_argument("--cert-id", required=True, help="mã chứng thư trên token (xem token list)")
    add_db(use)
    use.set_defaults(handler=cmd_token_use)
