"""Commands for Excel: the blank template and importing a filled (or old) workbook."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from htx_desktop.cli.common import PROG, CliError, database, db_path, err, out, out_json


def cmd_template(args: argparse.Namespace) -> int:
    """The commune drop-down is filled only when a database is named: the template must
    also be obtainable on a machine where nothing has been set up."""
    from htx_desktop.xlsx.template import write_template

    communes: list[str] = []
    if args.db is not None:
        from htx_desktop.registry.listing import unit_names
        from htx_desktop.registry.profile import get_profile
        from htx_desktop.storage.units import commune_codes_under

        with database(Path(args.db)) as db, db.session() as session:
            profile = get_profile(session)
            if profile is not None:
                codes = commune_codes_under(session, profile.unit)
                communes = sorted(unit_names(session, codes).values())
    target = Path(args.out)
    if target.suffix.lower() != ".xlsx":
        raise CliError("Tên tệp mẫu phải có đuôi .xlsx, ví dụ “mau-htx.xlsx”.")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_template(target, communes)
    out(f"Đã ghi mẫu Excel vào {target}")
    return 0


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    """Dry run and real import share `preview_import`; the real one writes the plan in one
    transaction after a backup, like bundle imports."""
    from htx_desktop.registry.profile import get_profile
    from htx_desktop.xlsx.importer import apply_import, preview_import

    path = Path(args.file)
    with database(db_path(args)) as db:
        with db.session() as session:
            profile = get_profile(session)
            unit = args.unit or (profile.unit_code if profile is not None else None)
        if unit is None:
            raise CliError(f"Chưa có hồ sơ cán bộ. Hãy chạy “{PROG} init” trước (hoặc ghi --unit).")
        if not args.dry_run:
            from htx_desktop.storage.backup import backup_before_import

            backup_before_import(db.path)
        with db.session() as session:
            preview = preview_import(session, path, unit)
            if args.dry_run:
                session.rollback()
            else:
                apply_import(session, preview)
    if args.json:
        data: dict[str, Any] = preview.as_dict() | {"dry_run": args.dry_run}
        out_json(data)
    else:
        if args.dry_run:  # an old list's columns, checked before anything is stored
            for reading in preview.columns_read:
                out(f"ĐỌC CỘT  {reading.text()}")
        for problem in preview.problems:
            prefix = "LỖI" if problem.level == "error" else "LƯU Ý"
            err(f"{prefix}  {problem.text()}")
        verb = "THỬ (chưa ghi gì): nếu nhập thật sẽ" if args.dry_run else "ĐÃ NHẬP:"
        out(f"{verb} {preview.summary_vi()}.")
    return 1 if preview.errors else 0


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    template = commands.add_parser(
        "template", help="tạo mẫu Excel trống để điền danh sách rồi nhập vào",
        description="Tạo mẫu Excel (các bảng HTX, tổ hợp tác, người quản lý, số liệu, cán bộ, "
        "lớp tập huấn) có danh sách chọn và gợi ý ở từng cột.",
    )
    add_db(template)
    template.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp mẫu sẽ ghi")
    template.set_defaults(handler=cmd_template)

    imp = commands.add_parser(
        "import-xlsx", help="nhập danh sách từ tệp Excel (mẫu, bảng xuất, hoặc danh sách cũ)",
        description="Kiểm tra từng dòng rồi nhập; dòng có lỗi được bỏ qua và liệt kê theo bảng, "
        "dòng, cột. Chữ gõ bằng bảng mã TCVN3 (ABC) hoặc VNI được tự chuyển sang Unicode. "
        "Mã thoát 1 khi có dòng lỗi.",
    )
    add_db(imp)
    imp.add_argument("file", metavar="TỆP.xlsx")
    imp.add_argument("--unit", metavar="MÃ",
                     help="đơn vị sở hữu các bản ghi mới (mặc định: đơn vị trong hồ sơ)")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    imp.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    imp.set_defaults(handler=cmd_import_xlsx)
