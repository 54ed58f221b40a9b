"""The import ledger as the officer reads it: every bundle this database has seen, newest
first, with what became of it and whether the import can still be undone (`exchange.undo`).
One listing for the exchange page's "Sổ nhập" tab and the command line's `ledger`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.undo import UNDONE
from htx_desktop.registry.listing import unit_names
from htx_desktop.storage.models import ImportLedger

#: What each result is called on screen and on the command line.
RESULTS_VI = {
    "imported": "Đã nhập",
    "no_change": "Không thay đổi",
    "rejected": "Bị từ chối",
    UNDONE: "Đã hoàn tác",
}


@dataclass(frozen=True)
class LedgerRow:
    id: int
    received_at: datetime
    file_name: str
    unit_code: str
    unit_name: str
    period: str
    signer_name: str
    result: str
    message: str

    @property
    def result_vi(self) -> str:
        return RESULTS_VI.get(self.result, self.result)

    @property
    def undoable(self) -> bool:
        """Worth offering "Hoàn tác" for (the undo itself still checks everything)."""
        return self.result == "imported"

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "received_at": self.received_at.isoformat(timespec="seconds"),
            "file": self.file_name,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "period": self.period,
            "signer": self.signer_name,
            "result": self.result,
            "message": self.message,
        }


def ledger_rows(session: Session, limit: int = 1000) -> list[LedgerRow]:
    """The newest `limit` ledger entries, newest first."""
    entries = list(
        session.scalars(
            select(ImportLedger)
            .order_by(ImportLedger.received_at.desc(), ImportLedger.id.desc())
            .limit(limit)
        )
    )
    names = unit_names(session, {e.unit_code for e in entries if e.unit_code})
    return [
        LedgerRow(
            id=e.id,
            received_at=e.received_at,
            file_name=e.file_name,
            unit_code=e.unit_code or "",
            unit_name=names.get(e.unit_code or "", ""),
            period=e.period or "",
            signer_name=e.signer_name or "",
            result=e.result,
            message=e.message or "",
        )
        for e in entries
    ]
