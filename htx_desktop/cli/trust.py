"""Commands for the trust store: trust a sender's certificate, stop trusting one, list them.

Everything a certificate says is printed through `out`/`err` (so through `printable`): a
name holding terminal escapes shows as text and cannot hide the fingerprint lines.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from htx_desktop.cli.common import PROG, database, db_path, err, out

if TYPE_CHECKING:
    from htx_desktop.exchange.keys import CertificateInfo


def _ask(question: str) -> bool:
    """A yes/no question at the terminal; "không" unless she types c/có/y."""
    from htx_desktop.text import fold

    try:
        answer = input(f"{question} [c/K]: ")
    except EOFError:
        return False
    return fold(answer).strip() in ("c", "co", "y", "yes")


def _fingerprint(info: CertificateInfo) -> None:
    from htx_desktop.exchange.keys import fingerprint_lines

    out("Dấu vân tay (SHA-256 do máy này tính từ chứng thư):")
    for line in fingerprint_lines(info.fingerprint):
        out(f"  {line}")


def cmd_trust(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.keys import load_certificate, read_certificate_file
    from htx_desktop.exchange.trust_store import (
        plan_trust,
        renewal_of,
        trust_certificate,
    )

    data = read_certificate_file(Path(args.cert))
    with database(db_path(args)) as db, db.session() as session:
        unit = args.unit
        renewed = renewal_of(session, load_certificate(data))
        if renewed is not None and unit is None:
            unit = renewed.unit_code
            out(f"Chứng thư này là bản gia hạn (cùng người, cùng tổ chức chứng thực) của chứng "
                f"thư đã tin cậy cho đơn vị {unit}; đề nghị gắn với cùng đơn vị.")
        plan = plan_trust(session, data, unit)
        info = plan.info
        out(f"Chứng thư của: {info.common_name}")
        out(f"Tên đầy đủ trong chứng thư: {info.subject}")
        _fingerprint(info)
        out(f"Gắn với đơn vị: {plan.unit.label()}")
        for warning in plan.warnings:
            err(f"Cảnh báo: {warning}")
        retire = bool(args.retire_old)
        if plan.current and not args.retire_old and not args.keep_old:
            names = "; ".join(f"{c.common_name} ({c.fingerprint[:16]}…)" for c in plan.current)
            question = (
                f"{plan.unit.label()} đã có chứng thư được tin cậy: {names}. Thôi tin cậy "
                "chứng thư cũ (khi người gửi đã đổi sang khóa mới)?"
            )
            if sys.stdin.isatty():
                retire = _ask(question)
            else:
                err(
                    f"Lưu ý: {question} Chưa thôi: chạy lại với --retire-old để thôi, hoặc "
                    f"--keep-old để giữ cả hai; thôi sau bằng: {PROG} untrust VÂN_TAY_CŨ"
                )
        trust_certificate(session, data, plan.unit.code, retire_old=retire)
    if plan.already:
        out(f"Chứng thư này đã được tin cậy cho {plan.unit.label()} từ trước.")
    else:
        out(f"Đã tin cậy chứng thư của {info.common_name} cho {plan.unit.label()}.")
    if retire and plan.current:
        out(f"Đã thôi tin cậy {len(plan.current)} chứng thư cũ của đơn vị này (đổi khóa): gói "
            "ký bằng khóa cũ sẽ bị từ chối từ nay.")
    return 0


def cmd_untrust(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.keys import read_certificate_file
    from htx_desktop.exchange.trust_store import revoke

    target = Path(args.which)
    which: str | bytes = read_certificate_file(target) if target.is_file() else args.which
    with database(db_path(args)) as db, db.session() as session:
        signer = revoke(session, which)
        from htx_desktop.exchange.keys import certificate_info, load_certificate

        info = certificate_info(load_certificate(signer.certificate_pem.encode("ascii")))
        when = signer.revoked_at
    out(f"Đã bỏ tin cậy chứng thư của {info.common_name} (đơn vị {signer.unit_code}) "
        f"từ {when:%H:%M %d/%m/%Y}.")
    _fingerprint(info)
    out("Từ nay gói ký bằng chứng thư này bị từ chối; dữ liệu đã nhập trước đó giữ nguyên. "
        "Chứng thư vẫn được giữ trong danh sách, ghi là đã thu hồi.")
    return 0


def cmd_trusted(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.keys import certificate_info, load_certificate, pretty_fingerprint
    from htx_desktop.exchange.trust_store import (
        STATE_RETIRED,
        STATE_REVOKED,
        signer_state,
        trusted_signers,
    )

    labels = {STATE_REVOKED: "ĐÃ THU HỒI", STATE_RETIRED: "ĐÃ THAY"}
    with database(db_path(args)) as db, db.session() as session:
        signers = trusted_signers(session)
        for signer in signers:
            info = certificate_info(load_certificate(signer.certificate_pem.encode("ascii")))
            state = labels.get(signer_state(signer), "TIN CẬY")
            out(f"{state:<11} {signer.unit_code:<22} {info.common_name}")
            out(f"            {pretty_fingerprint(signer.fingerprint)}")
    if not signers:
        out("Chưa tin cậy chứng thư nào.")
    return 0


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    trust = commands.add_parser(
        "trust", help="tin cậy chứng thư của một cán bộ cấp dưới",
        description="Đăng ký chứng thư của người gửi và gắn với một đơn vị của máy này (mặc "
        "định: đơn vị ghi trong chứng thư, nếu máy này có). Chỉ làm sau khi đã so dấu vân "
        "tay với người gửi qua điện thoại.",
    )
    add_db(trust)
    trust.add_argument("cert", metavar="TỆP_CHỨNG_THƯ")
    trust.add_argument("--unit", metavar="MÃ",
                       help="mã đơn vị của người gửi trong máy này (xã/phường, cụm/huyện)")
    rotation = trust.add_mutually_exclusive_group()
    rotation.add_argument("--retire-old", action="store_true",
                          help="thôi tin cậy chứng thư cũ của cùng đơn vị (người gửi đã đổi khóa)")
    rotation.add_argument("--keep-old", action="store_true",
                          help="giữ tin cậy cả chứng thư cũ của cùng đơn vị")
    trust.set_defaults(handler=cmd_trust)

    untrust = commands.add_parser(
        "untrust", help="bỏ tin cậy (thu hồi) một chứng thư",
        description="Thu hồi một chứng thư (máy bị mất, cán bộ đã nghỉ): gói ký bằng nó bị từ "
        "chối từ nay. Chứng thư được giữ lại trong danh sách, ghi là đã thu hồi.",
    )
    add_db(untrust)
    untrust.add_argument("which", metavar="VÂN_TAY|TỆP",
                         help="dấu vân tay (ít nhất 16 chữ số đầu) hoặc tệp chứng thư")
    untrust.set_defaults(handler=cmd_untrust)

    trusted = commands.add_parser("trusted", help="liệt kê các chứng thư được tin cậy")
    add_db(trusted)
    trusted.set_defaults(handler=cmd_trusted)

