"""The command line's grammar, with argparse's words and messages in Vietnamese."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from htx_desktop import __version__
from htx_desktop.cli import anchors, exchange, ledger, report, safety, token, trust, xlsx
from htx_desktop.cli.common import PROG
from htx_desktop.cli.officer import cmd_demo, cmd_init
from htx_desktop.cli.units import cmd_district_create, cmd_district_list, cmd_units

_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.*)$"), r"thiếu tham số bắt buộc: \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"không hiểu tham số: \1"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.*?) \(choose from (.*)\)$"),
        r"tham số \1: giá trị \2 không hợp lệ (chọn một trong: \3)",
    ),
    (
        re.compile(r"^argument (\S+): invalid \w+ value: (.*)$"),
        r"tham số \1: giá trị \2 không hợp lệ",
    ),
    (re.compile(r"^argument (\S+): expected one argument$"), r"tham số \1 cần một giá trị"),
)


def _translate(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        # argparse passes prefix="" when it builds a command's prog name: keep that one empty.
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser with Vietnamese headings, help option and error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "lệnh"
        self._optionals.title = "tùy chọn"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS,
            help="hiện hướng dẫn này rồi thoát",
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {_translate(message)}\n")


def _add_db(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> None:
    """``--db`` on the main parser and on each command, so that it may come before or after
    the command name; the command's copy has no default so it never hides the main one."""
    parser.add_argument(
        "--db", type=Path, default=default, metavar="ĐƯỜNG_DẪN",
        help="tệp cơ sở dữ liệu (mặc định: tệp htx.sqlite3 trong thư mục dữ liệu của ứng dụng)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            "HTX Desktop: theo dõi hợp tác xã, tổ hợp tác do phụ nữ tham gia quản lý. "
            "Không kèm lệnh thì mở giao diện."
        ),
        epilog=(
            "Bắt đầu: tra mã xã bằng “units --search”, tạo hồ sơ bằng “init”, "
            "thêm dữ liệu mẫu để dùng thử bằng “demo”."
        ),
    )
    _add_db(parser, default=None)
    parser.add_argument(
        "--demo", action="store_true",
        help="mở giao diện với cơ sở dữ liệu mẫu (không đụng tới dữ liệu thật)",
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}",
        help="in số phiên bản rồi thoát",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    init = commands.add_parser(
        "init", help="tạo hồ sơ cán bộ và đơn vị cho cơ sở dữ liệu",
        description="Tạo hồ sơ cán bộ: người dùng cơ sở dữ liệu này và đơn vị chị báo cáo.",
    )
    _add_db(init)
    init.add_argument("--unit", required=True, metavar="MÃ",
                      help="mã đơn vị (xã/phường, tỉnh, hoặc mã cụm/huyện đã tạo)")
    init.add_argument("--officer", required=True, metavar="HỌ_TÊN", help="họ và tên cán bộ")
    init.add_argument("--title", required=True, metavar="CHỨC_VỤ",
                      help="chức vụ, ví dụ “Chủ tịch Hội LHPN xã”")
    init.add_argument("--level", choices=("commune", "district", "province"),
                      help="cấp của đơn vị (để kiểm tra; mặc định lấy theo mã đơn vị)")
    init.add_argument("--replace", action="store_true", help="thay hồ sơ đã có")
    init.set_defaults(handler=cmd_init)

    district = commands.add_parser(
        "district", help="tạo và xem cụm/huyện (nhóm các xã/phường)",
        description="Cụm/huyện: một nhóm xã/phường do cán bộ đặt (ví dụ một huyện cũ).",
    )
    district_commands = district.add_subparsers(
        dest="district_command", metavar="LỆNH", required=True
    )
    create = district_commands.add_parser("create", help="tạo cụm/huyện mới")
    _add_db(create)
    create.add_argument("--name", required=True, metavar="TÊN",
                        help="tên cụm/huyện, ví dụ “Huyện Sơn Tịnh cũ”")
    create.add_argument("--communes", required=True, metavar="MÃ,MÃ,...",
                        help="mã các xã/phường, cách nhau bằng dấu phẩy")
    create.set_defaults(handler=cmd_district_create)
    listing = district_commands.add_parser("list", help="liệt kê các cụm/huyện đã tạo")
    _add_db(listing)
    listing.set_defaults(handler=cmd_district_list)

    units = commands.add_parser(
        "units", help="tra mã tỉnh, xã/phường theo danh mục chính thức",
        description="Tra mã đơn vị hành chính (danh mục từ 01/7/2025). Không cần cơ sở dữ liệu.",
    )
    units.add_argument("--province", metavar="MÃ_TỈNH", help="chỉ các xã/phường của tỉnh này")
    units.add_argument("--search", metavar="CHỮ",
                       help="tìm theo tên, gõ có dấu hoặc không dấu (ví dụ “tinh khe”)")
    units.set_defaults(handler=cmd_units)

    demo = commands.add_parser(
        "demo", help="thêm dữ liệu mẫu cho đơn vị trong hồ sơ",
        description="Thêm dữ liệu mẫu (HTX, tổ hợp tác, người quản lý, số liệu, lớp tập huấn) "
        "cho đơn vị của hồ sơ cán bộ, để dùng thử hoặc tập huấn.",
    )
    _add_db(demo)
    demo.add_argument("--seed", type=int, default=1, metavar="SỐ",
                      help="số hạt giống: cùng số cho cùng dữ liệu (mặc định 1)")
    demo.add_argument("--force", action="store_true",
                      help="vẫn thêm khi cơ sở dữ liệu đã có dữ liệu")
    demo.set_defaults(handler=cmd_demo)

    exchange.add_commands(commands, _add_db)
    ledger.add_commands(commands, _add_db)
    trust.add_commands(commands, _add_db)
    safety.add_commands(commands, _add_db)
    report.add_commands(commands, _add_db)
    xlsx.add_commands(commands, _add_db)
    token.add_commands(commands, _add_db)
    anchors.add_commands(commands, _add_db)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse and check the combination argparse cannot express; exits 2 on a bad line."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and args.command is not None:
        parser.error("--demo chỉ dùng khi mở giao diện, không dùng kèm lệnh")
    if args.demo and args.db is not None:
        parser.error("--demo mở cơ sở dữ liệu mẫu riêng của ứng dụng; không dùng kèm --db")
    return args

