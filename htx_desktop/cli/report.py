"""`report`: print a document to PDF, or save it as a Word file (.docx), in the Decree 30
format from the command line.

The same `reports.build_document` the GUI calls; this module only turns options into its
arguments and its errors into one Vietnamese line (exit 1). reportlab is imported by the command,
never at start-up.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from htx_desktop.cli.common import CliError, database, db_path, out, reason

KINDS = ("periodic", "consolidated", "profile", "attendance")


def _date(text: str) -> date:
    """--date as YYYY-MM-DD (argparse reports a ValueError as an invalid value, exit 2)."""
    return date.fromisoformat(text.strip())


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register `report` on the main parser's command list."""
    report = commands.add_parser(
        "report", help="in báo cáo, phiếu thông tin HTX, danh sách học viên ra tệp PDF",
        description=(
            "In tài liệu theo thể thức Nghị định 30/2020/NĐ-CP ra tệp PDF: báo cáo định kỳ "
            "(periodic), báo cáo tổng hợp cấp huyện/tỉnh (consolidated), phiếu thông tin một "
            "HTX/tổ hợp tác (profile, cần --record) hoặc danh sách ký tên học viên một lớp "
            "tập huấn (attendance, cần --record)."
        ),
    )
    add_db(report)
    report.add_argument("--kind", required=True, choices=KINDS, help="loại tài liệu")
    report.add_argument(
        "--period", metavar="KỲ",
        help="kỳ báo cáo: “2025-H1” (6 tháng đầu năm) hoặc “2025” (cả năm); "
        "bắt buộc với periodic và consolidated",
    )
    report.add_argument("--record", metavar="MÃ",
                        help="mã HTX/tổ hợp tác (profile) hoặc mã lớp tập huấn (attendance)")
    report.add_argument("--out", required=True, type=Path, metavar="TỆP.pdf",
                        help="tệp sẽ ghi ra, .pdf hoặc .docx (ghi đè nếu đã có)")
    report.add_argument("--format", choices=("pdf", "docx"), dest="file_format",
                        help="dạng tệp: pdf (mặc định) hoặc docx (Word, để sửa và đóng dấu); "
                        "không ghi thì theo đuôi của --out")
    report.add_argument("--no-personal", action="store_true",
                        help="không in năm sinh, dân tộc, số điện thoại (và tên tổ trưởng "
                        "trong danh sách)")
    report.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                        help="ngày ban hành in trên văn bản (mặc định: hôm nay)")
    report.add_argument("--number", metavar="SỐ",
                        help="số văn bản, ví dụ 05 (mặc định để trống để viết tay)")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from htx_desktop.reports import ReportError, build_document, load_header
    from htx_desktop.reports.build import KIND_LABELS
    from htx_desktop.reports.fonts import FontMissing

    target: Path = args.out
    suffix = target.suffix.lower()
    file_format = args.file_format or ("docx" if suffix == ".docx" else "pdf")
    if suffix != f".{file_format}":
        raise CliError(f"Tệp “{target}” phải có đuôi .{file_format}.")
    if target.is_dir():
        raise CliError(
            f"“{target}” là một thư mục; hãy cho --out đường dẫn tới một tệp .{file_format}."
        )
    with database(db_path(args)) as db, db.session() as session:
        try:
            header = load_header(session)
            if args.number:
                header = replace(header, number=args.number.strip())
            path = build_document(
                session,
                args.kind,
                args.period,
                target,
                record_id=args.record,
                header=header,
                include_personal=not args.no_personal,
                issued_on=args.date,
                file_format=file_format,
            )
        except (ReportError, FontMissing) as exc:
            raise CliError(str(exc)) from exc
        except OSError as exc:
            raise CliError(
                f"Không ghi được tệp “{target}” ({reason(exc)}). Hãy kiểm tra thư mục, quyền "
                "ghi và xem tệp có đang mở trong chương trình khác không."
            ) from exc
    out(f"Đã tạo {KIND_LABELS[args.kind]}: {path}")
    return 0
