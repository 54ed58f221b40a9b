"""Checks a spreadsheet row must pass before any of its values is believed.

A workbook comes from anyone. Two things in it could reach further than the row itself: a
formula (Excel runs it when the data is exported again, and `=HYPERLINK(...)` turns a name into
a link somewhere else), and a record id. Ids are global across the record types, so a row that
reuses the UUID of, say, a manager as the id of a new cooperative would give two records one
identity, and every bundle, audit entry and training attendance that names the manager would
then point at the cooperative as well.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from htx_desktop.exchange.workbook import SHEETS
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.records import model_for
from htx_desktop.storage.models import TrainingAttendance

FORMULA_PROBLEM = (
    "Ô có công thức (hoặc bắt đầu bằng dấu “=”): ứng dụng không nhập công thức. Hãy chép rồi "
    "dán giá trị (Dán đặc biệt → Giá trị) vào ô, hoặc bỏ dấu “=” ở đầu."
)
NOT_UUID_PROBLEM = "Mã bản ghi không đúng dạng UUID; hãy để trống khi thêm mới."
ATTENDANCE = "training_attendance"


def _label(form_key: str) -> str:
    if form_key == ATTENDANCE:
        return "người dự lớp tập huấn"
    return get_form(form_key).title_vi


def id_taken_by_other_type(
    session: Session, planned: Mapping[str, str], form_key: str, record_id: str
) -> str | None:
    """Why `record_id` cannot be a `form_key` record (Vietnamese), or None when it is free
    for that type: not stored as any other type (in any unit, deleted or not) and not given
    to a row of another type earlier in the same workbook."""
    other = planned.get(record_id)
    if other is not None and other != form_key:
        return _taken(other)
    for key in [k for k, _, _ in SHEETS] + [ATTENDANCE]:
        if key == form_key:
            continue
        model = TrainingAttendance if key == ATTENDANCE else model_for(key)
        if session.get(model, record_id) is not None:
            return _taken(key)
    return None


def _taken(form_key: str) -> str:
    return (
        f"Mã bản ghi này đã là mã của một bản ghi loại khác ({_label(form_key)}); một mã chỉ "
        "thuộc về một bản ghi. Hãy để trống cột mã để thêm bản ghi mới."
    )
