"""What the command line and the GUI do with bundles, in one place: verify, import (dry run
or real, one transaction per bundle), trust; who has reported comes from `htx_desktop.reporting`
(re-exported here for the command line and the status screen)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from htx_desktop.exchange.bundle_format import VerifiedBundle
from htx_desktop.exchange.errors import MALFORMED_INPUT, BundleRejected, ExchangeError
from htx_desktop.exchange.keys import (
    pretty_fingerprint,
)
from htx_desktop.exchange.merge import ImportResult, apply_bundle
from htx_desktop.exchange.pipeline import VerifyAhead
from htx_desktop.exchange.trust_store import trust_certificate as trust_certificate
from htx_desktop.exchange.trust_store import trusted_signers as trusted_signers
from htx_desktop.exchange.verification import verify_bundle
from htx_desktop.gc_pause import cycles_paused
from htx_desktop.reporting import NoProfile, ReportingStatus, reported_unit_codes
from htx_desktop.reporting import reporting_status as _reporting_status
from htx_desktop.storage.audit import officer_info
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.engine import Database
from htx_desktop.text import visible

log = logging.getLogger(__name__)

REJECTION_JOURNAL = "import-rejections.jsonl"
__all__ = ["ReportingStatus", "reported_unit_codes", "reporting_status"]


@dataclass
class Outcome:
    """One bundle's fate: accepted (with a result) or rejected (with a code and message)."""

    path: Path
    ok: bool
    code: str = "ok"
    message: str = ""
    bundle: VerifiedBundle | None = None
    result: ImportResult | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": str(self.path),
            "ok": self.ok,
            "code": self.code,
            "message": self.message,
        }
        if self.bundle is not None:
            data |= {
                "unit_code": self.bundle.unit_code,
                "period": self.bundle.period,
                "sha256": self.bundle.sha256,
                "signer": self.bundle.signer.common_name,
                "signer_fingerprint": self.bundle.signer.fingerprint,
                "trusted": self.bundle.trusted,
            }
            if self.bundle.chain is not None:
                data["chain"] = self.bundle.chain.as_dict()
        if self.result is not None:
            data["import"] = self.result.as_dict()
        return data | self.extra


def unknown_signer(bundle: VerifiedBundle) -> Outcome:
    return Outcome(
        bundle.path,
        ok=False,
        code="unknown_signer",
        message=(
            f"Người ký chưa được tin cậy: {bundle.signer.common_name} "
            f"(đơn vị {bundle.unit_code}), dấu vân tay "
            f"{pretty_fingerprint(bundle.signer.fingerprint)}. "
            "Hãy gọi điện cho người gửi để so dấu vân tay; nếu khớp, đăng ký chứng thư bằng "
            "lệnh “htx-desktop trust” (hoặc nút Tin cậy) rồi nhập lại."
        ),
        bundle=bundle,
    )


#: `verify_bundle`, or the same verification partly done ahead (`pipeline.VerifyAhead`).
Verifier = Callable[[Path, Session | None], VerifiedBundle]


def verify_one(path: Path, session: Session | None, verify: Verifier = verify_bundle) -> Outcome:
    try:
        bundle = verify(path, session)
    except BundleRejected as exc:
        return Outcome(Path(path), ok=False, code=exc.code, message=str(exc))
    except SQLAlchemyError:
        raise  # the receiver's own database: not this file's fault, the import stops
    except MALFORMED_INPUT as exc:
        # A check that met bytes it did not foresee, or a fault of ours that this file set
        # off: either way this file is refused and the batch goes on (verification only
        # reads, so nothing is left half done). Logged for the developers.
        log.exception("Verifying %s failed unexpectedly", Path(path).name)
        return Outcome(
            Path(path), ok=False, code="unreadable_bundle",
            message=(
                f"Không kiểm tra được gói “{visible(Path(path).name[:120])}” ({type(exc).__name__}"
                "): nội dung hỏng theo cách chưa lường trước, hoặc ứng dụng gặp lỗi với tệp "
                "này. Không nhập gói này; các gói khác vẫn được xử lý. Hãy xin người gửi xuất "
                "lại gói; nếu vẫn vậy, gửi tệp này và tệp nhật ký của ứng dụng cho bộ phận "
                "hỗ trợ."
            ),
        )
    if session is not None and not bundle.trusted:
        return unknown_signer(bundle)
    message = (
        f"Hợp lệ: gói của {bundle.manifest['unit'].get('name', bundle.unit_code)} kỳ "
        f"{bundle.period}, ký bởi {bundle.signer.common_name}."
    )
    if session is None:
        message += (
            " (Chưa kiểm tra người ký có được tin cậy, cũng chưa kiểm tra phạm vi dữ liệu: "
            "chỉ cơ sở dữ liệu của bên nhận mới cho biết gói được ghi những gì — hãy thêm --db.)"
        )
    return Outcome(Path(path), ok=True, message=message, bundle=bundle)


def verify_files(db: Database | None, paths: Sequence[Path]) -> list[Outcome]:
    if db is None:
        return [verify_one(p, None) for p in paths]
    with db.sessions() as session:
        return [verify_one(p, session) for p in paths]


#: A batch commits its bundles in groups of about this many seconds of work (see import_files).
GROUP_SECONDS = 1.0


def import_files(
    db: Database,
    paths: Sequence[Path],
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Outcome]:
    """Each bundle is merged whole or not at all; a rejected bundle changes nothing stored.

    A single bundle is one transaction, committed with a full sync like every other write. A
    batch commits at bundle boundaries about once a second (a national merge touches the same
    index pages bundle after bundle: one commit per bundle wrote each of them again, three
    times the pages the data needed) and is synced once at its end (`_batch_durability`). A
    crash or power cut can lose the last uncommitted bundles, with their ledger entries,
    never part of one: importing the same files again gives the same state.

    A large batch is verified partly ahead on a second core (`pipeline.VerifyAhead`), with
    the same route and the same decisions.
    """
    outcomes = []
    grouped = len(paths) > 1 and not dry_run
    shared: dict[str, Any] = {}  # what every session of the batch may reuse (`_import_one`)
    with (
        VerifyAhead(paths, db.path) as ahead,
        db.engine.connect() as conn,
        _batch_durability(conn, grouped),
    ):
        group_start = time.monotonic()
        try:
            for index, path in enumerate(paths):
                if progress:
                    progress(index, len(paths), Path(path).name)
                if grouped and not conn.in_transaction():
                    conn.begin()
                    group_start = time.monotonic()
                verify = partial(ahead.verify, index)
                outcomes.append(
                    _import_one(db, conn, Path(path), dry_run, grouped, verify, shared)
                )
                if grouped and time.monotonic() - group_start >= GROUP_SECONDS:
                    conn.commit()
            if grouped and conn.in_transaction():
                conn.commit()
        except BaseException:
            conn.rollback()  # the bundles of the open group, never a committed one
            raise
    if progress:
        progress(len(paths), len(paths), "")
    return outcomes


def _import_one(
    db: Database,
    conn: Connection,
    path: Path,
    dry_run: bool,
    grouped: bool,
    verify: Verifier = verify_bundle,
    shared: dict[str, Any] | None = None,
) -> Outcome:
    """Verify and merge one bundle. Alone, in its own transaction; grouped, inside the
    connection's open transaction (the session's commit only flushes into it). The cycle
    collector waits until the bundle is done (`gc_pause`): its rows are freed as they are
    dropped, and a collection in the middle walked the whole process for nothing."""
    with cycles_paused(), db.sessions(bind=conn, info=shared or {}) as session:
        outcome = verify_one(path, session, verify)
        if outcome.ok and outcome.bundle is not None:
            try:
                # Verified in this very transaction, nothing written since: what the scope
                # check read under the bundle's ids is still what is stored.
                bundle = outcome.bundle
                outcome.result = apply_bundle(session, bundle, dry_run=dry_run, held=bundle.held)
                if shared is not None and not shared:
                    # The officer's name, read for this bundle's audit entries, serves the
                    # batch's next bundles: no query of the profile for each.
                    shared.update(officer_info(session))
            except Exception:
                session.rollback()
                raise
            if dry_run:
                session.rollback()
            else:
                session.commit()
            outcome.message = outcome.result.summary_vi()
        elif not grouped:  # (verification only reads: nothing of a group to undo)
            session.rollback()
    if not outcome.ok and not dry_run:
        _journal_rejection(db, outcome)
    if outcome.bundle is not None:
        # Merged (or refused): the decoded rows are done with. Keeping them in the outcomes
        # made a national merge's memory grow with every bundle (0.5 GB at 1,000).
        outcome.bundle.records = {}
        outcome.bundle.origins = {}
        outcome.bundle.held = None
        outcome.bundle.search_keys = None
    return outcome


#: Connection settings for a batch, and what they go back to (SQLite's defaults, ours).
_BATCH_PRAGMAS = (("synchronous", "NORMAL", "FULL"), ("cache_size", "-65536", "-2000"),
                  ("wal_autocheckpoint", "10000", "1000"))


@contextmanager
def _batch_durability(conn: Connection, batch: bool) -> Iterator[None]:
    """During a batch, commits skip their fsync (``synchronous=NORMAL``, still atomic and
    consistent in WAL mode, and safe against the process being killed), checkpoints come ten
    times less often and the page cache is larger; at the end one full checkpoint syncs
    everything. A power cut in the middle can lose the last bundles' commits together with
    their ledger entries, never half of one: importing the files again gives the same state.
    The fsync per commit was an eighth of a national merge's time."""
    if not batch:
        yield
        return
    for name, during, _after in _BATCH_PRAGMAS:
        conn.exec_driver_sql(f"PRAGMA {name}={during}")
    conn.commit()
    try:
        yield
    finally:
        conn.rollback()
        for name, _during, after in _BATCH_PRAGMAS:
            conn.exec_driver_sql(f"PRAGMA {name}={after}")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
        conn.commit()


def _journal_rejection(db: Database, outcome: Outcome) -> None:
    """Rejected bundles are noted beside the database, not in it: a bad file must leave the
    database exactly as it was."""
    entry = {
        "when": utcnow().isoformat(timespec="seconds"),
        "file": outcome.path.name,
        "code": outcome.code,
        "message": outcome.message,
    }
    if outcome.bundle is not None:
        entry |= {
            "unit_code": outcome.bundle.unit_code,
            "period": outcome.bundle.period,
            "sha256": outcome.bundle.sha256,
        }
    try:
        with (db.path.parent / REJECTION_JOURNAL).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError:
        pass




def reporting_status(session: Session, period: str) -> list[ReportingStatus]:
    """`reporting.reporting_status`, with its missing profile as an ExchangeError."""
    try:
        return _reporting_status(session, period)
    except NoProfile as exc:
        raise ExchangeError(str(exc)) from None
