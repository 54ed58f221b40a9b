"""The receiver's checks of records, run at the sender's desk before anything is signed.

A record stored before a form's rule existed, or changed with a SQLite editor, would make a
bundle that the district refuses whole after the officer has carried it there. The exporter
holds its own data.json to the same decoding (canonical spellings, safe text, revisions) and
the same entry forms as the receiver (`admission.check_forms`) and names the record to fix.
What depends on the receiver alone (its trust store, its district groups, what it stores) is
left to the receiver.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from htx_desktop.exchange.admission import check_forms, field_label
from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.exchange.records_json import decode_records, record_label
from htx_desktop.registry.forms import default_forms
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.storage.scope import ScopeUndefined, UnitScope, unit_scope
from htx_desktop.storage.units import DISTRICT


def _own_scope(session: Session, unit: AdministrativeUnit, codes: list[str]) -> UnitScope:
    """The exporting unit's scope by its own tables; a district whose database lists its
    communes only as the records it holds gets those (`owned_unit_codes`)."""
    try:
        return unit_scope(session, unit.code)
    except ScopeUndefined:
        if unit.level != DISTRICT:
            raise
        province = str(unit.province_code or "")
        return UnitScope(unit.code, DISTRICT, province, {unit.code: frozenset(codes[1:])},
                         frozenset())


def check_own_records(
    session: Session,
    unit: AdministrativeUnit,
    codes: list[str],
    data: bytes,
    today: date | None = None,
) -> None:
    """Refuse to export data.json bytes that the receiver would refuse, with an ExchangeError
    that names the record, the field and what to do (the receiver's own message speaks to
    the receiving officer). `today` is the day dates may not pass, today's by default as at
    the receiver (an export stamped with another time is still read on a real day)."""
    raw = json.loads(data)["records"]
    try:
        check_forms(_own_scope(session, unit, codes), decode_records(raw), today)
    except BundleRejected as exc:
        raise _to_fix(exc, raw) from None


def _to_fix(exc: BundleRejected, raw: dict[str, list[dict[str, Any]]]) -> ExchangeError:
    fault = exc.fault
    if fault is None:
        return ExchangeError(
            f"Chưa xuất gói: nơi nhận sẽ từ chối gói vì dữ liệu của đơn vị không hợp lệ ({exc}). "
            "Hãy khôi phục bản sao lưu gần nhất còn tốt, rồi xuất lại."
        )
    row = fault.row
    if row is None and fault.index is not None:
        row = raw[fault.table][fault.index]
    what = fault.what.strip().rstrip(".")
    if what[1:2].islower():  # a sentence of the form's ("Hãy chọn…") continues this one
        what = what[0].lower() + what[1:]
    form = default_forms().get(fault.table)
    field = field_label(form, fault.field)
    label = record_label(fault.table, row, form.title_vi if form else None)
    return ExchangeError(
        f"Chưa xuất gói: bản ghi ({label}) có trường “{field}” "
        f"không hợp lệ: {what}. Nơi nhận sẽ từ chối cả gói vì bản ghi này. Hãy mở bản ghi đó "
        "trong ứng dụng, sửa trường này rồi xuất lại (nếu cơ sở dữ liệu đã bị sửa bằng công cụ "
        "khác, hãy khôi phục một bản sao lưu)."
    )
