"""Commands that keep the data safe: check the file, back it up, list backups, restore one.

They work on the file with plain SQLite rather than through `database()`: a damaged file must
still be checkable and restorable, and none of them may create or migrate a database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from htx_desktop.cli.common import PROG, CliError, db_path, out

_YES = frozenset({"c", "co", "có", "y", "yes"})


def _quote(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c in text for c in ' "&()[]{};\'') else text


def _when(taken_at: Any) -> str:
    return f"{taken_at:%d/%m/%Y %H:%M:%S}"


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(size // 1024, 1)} KB"


def _existing_db(args: argparse.Namespace) -> Path:
    path = db_path(args)
    if path.is_dir():
        raise CliError(f"“{path}” là một thư mục; hãy cho --db đường dẫn tới một tệp.")
    if not path.is_file():
        raise CliError(f"Không có tệp cơ sở dữ liệu “{path}”.")
    return path


def _own_db(args: argparse.Namespace) -> Path:
    """An existing file whose schema is one the application made (see `sqlite_file`)."""
    from htx_desktop.storage.sqlite_file import schema_problem

    path = _existing_db(args)
    problem = schema_problem(path)
    if problem is not None:
        raise CliError(problem)
    return path


def recovery_advice(db: Path) -> str:
    """What to do about a damaged file: the newest good backup and the exact command, or,
    without one, how to keep the damaged file for someone who can repair it."""
    from htx_desktop.storage.backup import newest_good_backup

    good = newest_good_backup(db)
    if good is None:
        return (
            "Không tìm thấy bản sao lưu nào còn tốt. Đừng xóa hay ghi đè tệp này: hãy chép nó "
            "(cùng các tệp cùng tên đuôi -wal, -shm nếu có) ra USB và liên hệ người hỗ trợ kỹ "
            "thuật."
        )
    return (
        f"Bản sao lưu tốt gần nhất: {good.path} (lúc {_when(good.taken_at)}, {good.label_vi}).\n"
        f"Để khôi phục, hãy đóng HTX Desktop rồi chạy:\n"
        f"  {PROG} restore --db {_quote(db)} --backup {_quote(good.path)}\n"
        "Những gì nhập sau thời điểm sao lưu đó sẽ phải nhập lại; tệp hiện tại được giữ lại "
        "trong thư mục backups."
    )


def cmd_check(args: argparse.Namespace) -> int:
    """Reads only: the file is opened read-only, so neither it nor a WAL beside it changes."""
    from htx_desktop.storage.integrity import check_integrity

    path = _existing_db(args)
    quick = True if args.quick else (False if args.full else None)
    report = check_integrity(path, quick=quick)
    if report.ok:
        _own_db(args)
        out(report.summary_vi())
        return 0
    print(f"Lỗi: {report.summary_vi()}", file=sys.stderr)
    print(recovery_advice(path), file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    from htx_desktop.storage.backup import REASON_MANUAL, BackupError, backup_database

    path = _own_db(args)
    try:
        target = backup_database(path, REASON_MANUAL)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    out(f"Đã sao lưu vào: {target}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from htx_desktop.storage.backup import backup_dir, list_backups

    path = db_path(args)
    backups = list_backups(path)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "file": str(b.path),
                        "taken_at": b.taken_at.isoformat(),
                        "reason": b.reason,
                        "label": b.label_vi,
                        "size": b.size,
                    }
                    for b in backups
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not backups:
        out(f"Chưa có bản sao lưu nào của “{path.name}” (thư mục {backup_dir(path)}).")
        return 0
    for b in backups:
        out(f"{_when(b.taken_at)}  {b.label_vi:<20} {_size(b.size):>9}  {b.path}")
    out(f"Tổng: {len(backups)} bản sao lưu, mới nhất ở trên.")
    return 0


def _resolve_backup(db: Path, given: str) -> Path:
    """A path, or just a file name from the database's backups folder."""
    from htx_desktop.storage.backup import backup_dir

    path = Path(given)
    if path.is_file():
        return path
    candidate = backup_dir(db) / given
    if candidate.is_file():
        return candidate
    raise CliError(
        f"Không có tệp sao lưu “{given}”. Xem danh sách bằng: {PROG} backups --db {_quote(db)}"
    )


def _confirmed(db: Path, backup: Path) -> bool:
    answer = input(
        f"Khôi phục sẽ thay toàn bộ dữ liệu trong “{db.name}” bằng bản sao lưu “{backup.name}”"
        " (dữ liệu hiện tại được sao lưu trước). Gõ “c” rồi Enter để tiếp tục: "
    )
    return answer.strip().lower() in _YES


def cmd_restore(args: argparse.Namespace) -> int:
    from htx_desktop.storage.backup import BackupError, restore_backup
    from htx_desktop.storage.instance_lock import InstanceLock

    path = db_path(args)
    if path.is_dir():
        raise CliError(f"“{path}” là một thư mục; hãy cho --db đường dẫn tới một tệp.")
    source = _resolve_backup(path, args.backup)
    if not args.yes and not sys.stdin.isatty():
        raise CliError(
            "Khôi phục thay toàn bộ dữ liệu hiện tại nên cần xác nhận: chạy lệnh trong cửa sổ "
            "dòng lệnh để được hỏi, hoặc thêm --yes nếu chắc chắn."
        )
    lock = InstanceLock(path)
    if not lock.acquire():
        pid = lock.owner_pid()
        raise CliError(
            "HTX Desktop đang mở cơ sở dữ liệu này"
            + (f" (tiến trình {pid})" if pid else "")
            + ". Hãy đóng ứng dụng rồi chạy lại lệnh khôi phục."
        )
    try:
        if not args.yes and not _confirmed(path, source):
            out("Đã hủy; không thay đổi gì.")
            return 1
        safety = restore_backup(path, source)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    finally:
        lock.release()
    out(f"Đã khôi phục “{path.name}” từ bản sao lưu “{source.name}”.")
    if safety is not None:
        out(f"Dữ liệu trước khi khôi phục được giữ ở: {safety}")
    return 0


def add_commands(commands: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    check = commands.add_parser(
        "check", help="kiểm tra tệp cơ sở dữ liệu có bị hỏng không",
        description="Kiểm tra tính toàn vẹn của tệp cơ sở dữ liệu. Nếu hỏng, chỉ ra bản sao lưu "
        "tốt gần nhất và lệnh để khôi phục.",
    )
    add_db(check)
    depth = check.add_mutually_exclusive_group()
    depth.add_argument("--quick", action="store_true", help="kiểm tra nhanh (tệp rất lớn)")
    depth.add_argument("--full", action="store_true", help="kiểm tra đầy đủ dù tệp lớn")
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser("backup", help="sao lưu cơ sở dữ liệu ngay bây giờ")
    add_db(backup)
    backup.set_defaults(handler=cmd_backup)

    backups = commands.add_parser("backups", help="liệt kê các bản sao lưu của cơ sở dữ liệu")
    add_db(backups)
    backups.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    backups.set_defaults(handler=cmd_backups)

    restore = commands.add_parser(
        "restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu",
        description="Thay dữ liệu hiện tại bằng một bản sao lưu (dữ liệu hiện tại được sao lưu "
        "trước). Cần đóng HTX Desktop trước khi chạy.",
    )
    add_db(restore)
    restore.add_argument("--backup", required=True, metavar="TỆP",
                         help="tệp sao lưu (đường dẫn, hoặc tên tệp trong thư mục backups)")
    restore.add_argument("--yes", action="store_true", help="không hỏi xác nhận")
    restore.set_defaults(handler=cmd_restore)
