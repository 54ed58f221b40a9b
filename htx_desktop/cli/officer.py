"""Commands that set up a database for an officer: her profile and demo data."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from htx_desktop.cli.common import PROG, CliError, database, db_path, out

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def cmd_init(args: argparse.Namespace) -> int:
    """`init`: the first step on a new computer; everything else needs the profile.

    The lines are printed once the profile (and key) are committed: a reader that closes
    the pipe early (`| head -1`) must not roll back the work it was told about."""
    from htx_desktop.registry.profile import LEVEL_LABELS, create_profile, get_profile

    path = db_path(args)
    with database(path) as db, db.session() as session:
        replacing = get_profile(session) is not None
        profile = create_profile(
            session, args.unit, args.officer, args.title, args.level, replace=args.replace
        )
        unit = profile.unit
        lines = [
            f"{'Đã thay' if replacing else 'Đã tạo'} hồ sơ cán bộ: "
            f"{profile.officer_name} – {profile.officer_title}",
            f"Đơn vị: {unit.name} (mã {unit.code}, {LEVEL_LABELS[unit.level]})",
            f"Cơ sở dữ liệu: {path}",
            *_initial_credential(db, session),
        ]
    for line in lines:
        out(line)
    return 0


def _initial_credential(db: object, session: Session) -> list[str]:
    """Each officer gets her signing key at setup; without a passphrase at hand (no
    HTX_PASSPHRASE and nobody at the terminal) she is told how to make it later."""
    import sys

    from htx_desktop.cli.exchange import make_credential
    from htx_desktop.exchange.keys import PASSPHRASE_ENV, passphrase_from_env

    if passphrase_from_env() is None and not sys.stdin.isatty():
        return [f"Chưa tạo khóa ký (không có {PASSPHRASE_ENV}). Tạo sau bằng: {PROG} keygen"]
    return make_credential(db, session)


def _record_counts(session: Session) -> dict[str, int]:
    """Live records of the main kinds, by Vietnamese label (only kinds that have some)."""
    from sqlalchemy import func, select

    from htx_desktop.storage.models import (
        Cooperative,
        CooperativeGroup,
        TrainingSession,
        UnionCadre,
    )

    labels = (
        (Cooperative, "HTX"),
        (CooperativeGroup, "tổ hợp tác"),
        (UnionCadre, "cán bộ Hội"),
        (TrainingSession, "lớp tập huấn"),
    )
    counts = {
        label: session.scalar(
            select(func.count()).select_from(model).where(model.deleted.is_(False))
        ) or 0
        for model, label in labels
    }
    return {label: n for label, n in counts.items() if n}


def cmd_demo(args: argparse.Namespace) -> int:
    """`demo`: fill the profile's unit with demo records, refusing a database that already
    holds records so that invented figures never mix with real ones by accident."""
    from htx_desktop.demo import fill_demo
    from htx_desktop.registry.profile import get_profile

    path = db_path(args)
    with database(path) as db, db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise CliError(
                "Cơ sở dữ liệu này chưa có hồ sơ cán bộ. Hãy chạy trước: "
                f"{PROG} init --db \"{path}\" --unit MÃ_ĐƠN_VỊ --officer \"Họ tên\" "
                "--title \"Chức vụ\" (tra mã bằng: "
                f"{PROG} units --search \"tên xã\")."
            )
        existing = _record_counts(session)
        if existing and not args.force:
            have = ", ".join(f"{n} {label}" for label, n in existing.items())
            raise CliError(
                f"Cơ sở dữ liệu đã có dữ liệu ({have}), có thể là dữ liệu mẫu đã thêm trước "
                "đó. Không thêm dữ liệu mẫu lần nữa để khỏi lẫn với dữ liệu thật. Nếu vẫn muốn "
                "thêm, chạy lại với --force và một --seed khác."
            )
        counts = fill_demo(session, profile.unit_code, seed=args.seed)
        if counts.total == 0:
            raise CliError(
                f"Dữ liệu mẫu với --seed {args.seed} đã có đủ trong cơ sở dữ liệu; không có gì "
                "mới để thêm. Hãy chọn một --seed khác."
            )
        done = (f"Đã thêm dữ liệu mẫu (seed {args.seed}) cho {profile.unit.name}: "
                f"{counts.summary_vi()}.")
    out(done)  # after the commit, like every command that writes
    out("Lưu ý: đây là dữ liệu giả để dùng thử; đừng gửi nó lên cấp trên.")
    return 0
