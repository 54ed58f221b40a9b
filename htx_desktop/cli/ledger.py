"""The import ledger on the command line: `ledger` lists the bundles imported here, and
`undo-import` takes one import back (`exchange.undo`), after a backup."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from htx_desktop.cli.common import database, db_path, out, out_json


def cmd_ledger(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.ledger import ledger_rows

    with database(db_path(args)) as db, db.session() as session:
        rows = ledger_rows(session, args.limit)
    if args.json:
        out_json([r.as_dict() for r in rows])
        return 0
    if not rows:
        out("Sổ nhập chưa có gói nào.")
    for r in rows:
        out(f"{r.id:>5}  {r.received_at:%d/%m/%Y %H:%M}  {r.result_vi:<15} {r.unit_code:<8} "
            f"{r.period:<8} {r.file_name}")
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    from htx_desktop.exchange.undo import preview_in, undo_in
    from htx_desktop.storage.backup import REASON_UNDO, backup_database

    with database(db_path(args)) as db:
        plan = preview_in(db, args.entry)
        if not args.yes:
            if args.json:
                out_json(plan.as_dict() | {"done": False})
            else:
                out(plan.summary_vi())
                for line in plan.lines_vi():
                    out(f"  {line}")
                out("Chưa thay đổi gì. Chạy lại lệnh với --yes để hoàn tác.")
            return 0
        backup_database(db.path, REASON_UNDO)
        plan = undo_in(db, args.entry)
    if args.json:
        out_json(plan.as_dict() | {"done": True})
    else:
        out("Đã hoàn tác. " + plan.summary_vi())
    return 0


def _entry_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải số thứ tự lần nhập") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("số thứ tự lần nhập phải lớn hơn 0")
    return value


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    ledger = commands.add_parser("ledger", help="xem sổ nhập: các gói đã nhập vào máy này")
    add_db(ledger)
    ledger.add_argument("--limit", type=int, default=200, metavar="SỐ",
                        help="số lần nhập gần nhất cần liệt kê (mặc định 200)")
    ledger.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    ledger.set_defaults(handler=cmd_ledger)

    undo = commands.add_parser(
        "undo-import", help="hoàn tác một lần nhập gói (hồ sơ trở lại như trước khi nhập)",
        description=(
            "Xem trước những gì sẽ thay đổi; với --yes thì sao lưu rồi hoàn tác. Từ chối nếu "
            "hồ sơ đã được sửa hoặc được gói khác cập nhật sau lần nhập đó."
        ),
    )
    add_db(undo)
    undo.add_argument("entry", type=_entry_number, metavar="SỐ",
                      help="số thứ tự lần nhập (cột đầu của lệnh “ledger”)")
    undo.add_argument("--yes", action="store_true", help="hoàn tác thật (không hỏi lại)")
    undo.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    undo.set_defaults(handler=cmd_undo_import)
