"""`anchor add/list/remove` and `crl import`: the certification authorities a receiver trusts
for officers' token certificates, and their revocation lists carried on a USB stick."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from htx_desktop.cli.common import database, db_path, err, out


def _read(path: str) -> bytes:
    from htx_desktop.exchange.keys import read_certificate_file

    return read_certificate_file(Path(path))


def cmd_anchor_add(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.anchors import install_anchor
    from htx_desktop.exchange.keys import fingerprint_lines

    with database(db_path(args)) as db, db.session() as session:
        anchor = install_anchor(session, _read(args.cert))
        session.commit()
        subject, fingerprint = anchor.subject, anchor.fingerprint
    out(f"Đã cài gốc tin cậy: {subject}")
    out("Dấu vân tay (SHA-256 do máy này tính):")
    for line in fingerprint_lines(fingerprint):
        out(f"  {line}")
    out("Chứng thư cán bộ do tổ chức này cấp vẫn cần được gắn với đơn vị một lần "
        "(htx-desktop trust TỆP.pem).")
    return 0


def cmd_anchor_list(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.anchors import anchor_statuses
    from htx_desktop.exchange.keys import pretty_fingerprint

    with database(db_path(args)) as db, db.session() as session:
        statuses = anchor_statuses(session)
    for status in statuses:
        out(status.subject)
        out(f"  {pretty_fingerprint(status.fingerprint)}")
        out(f"  Hiệu lực đến: {status.not_after:%d/%m/%Y}")
        if status.crl_this_update is None:
            err("  Cảnh báo: chưa có danh sách thu hồi (CRL); hãy nhập bằng "
                "htx-desktop crl import TỆP.crl")
        else:
            out(f"  Danh sách thu hồi ngày {status.crl_this_update:%d/%m/%Y} "
                f"({status.crl_age_days()} ngày trước, {status.crl_entries} chứng thư bị thu hồi)")
            if status.crl_stale():
                err("  Cảnh báo: danh sách thu hồi đã quá hạn cập nhật; hãy lấy bản mới từ nhà "
                    "cung cấp chứng thư số.")
    if not statuses:
        out("Chưa cài gốc tin cậy nào.")
    return 0


def cmd_anchor_remove(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.anchors import remove_anchor

    with database(db_path(args)) as db, db.session() as session:
        remove_anchor(session, args.fingerprint)
        session.commit()
    out("Đã gỡ gốc tin cậy; gói ký bằng chứng thư do tổ chức này cấp sẽ bị từ chối.")
    return 0


def cmd_crl_import(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.anchors import import_crl

    with database(db_path(args)) as db, db.session() as session:
        anchor = import_crl(session, Path(args.file).read_bytes())
        session.commit()
        subject, when = anchor.subject, anchor.crl_this_update
    out(f"Đã nhập danh sách thu hồi ngày {when:%d/%m/%Y} của {subject}.")
    return 0


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    anchor = commands.add_parser("anchor", help="gốc tin cậy: tổ chức chứng thực số (CA)")
    sub = anchor.add_subparsers(dest="anchor_command", required=True, metavar="LỆNH")
    add = sub.add_parser("add", help="cài chứng thư gốc hoặc trung gian của một CA")
    add.add_argument("cert", metavar="TỆP_CHỨNG_THƯ")
    add_db(add)
    add.set_defaults(handler=cmd_anchor_add)
    listing = sub.add_parser("list", help="liệt kê gốc tin cậy và tuổi danh sách thu hồi")
    add_db(listing)
    listing.set_defaults(handler=cmd_anchor_list)
    remove = sub.add_parser("remove", help="gỡ một gốc tin cậy")
    remove.add_argument("fingerprint", metavar="VÂN_TAY")
    add_db(remove)
    remove.set_defaults(handler=cmd_anchor_remove)

    crl = commands.add_parser("crl", help="danh sách chứng thư bị thu hồi (CRL)")
    crl_sub = crl.add_subparsers(dest="crl_command", required=True, metavar="LỆNH")
    imp = crl_sub.add_parser("import", help="nhập tệp CRL (mang bằng USB)")
    imp.add_argument("file", metavar="TỆP_CRL")
    add_db(imp)
    imp.set_defaults(handler=cmd_crl_import)
