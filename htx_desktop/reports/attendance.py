"""The sign-in sheet of one training session (DANH SÁCH HỌC VIÊN): printed before the class,
signed by each participant, kept as the proof of attendance the funding rules ask for.

Every named attendee has a row (a manager with her role and HTX/THT, a cadre with her position
and unit), then blank rows for walk-ins; rows are tall enough to sign in and the header row
repeats on every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.collation import vn_key
from htx_desktop.formatting import fmt_date
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import display_value
from htx_desktop.reports.decree30 import (
    Document,
    data_table,
    header_block,
    make_styles,
    markup,
    para,
    rich,
    spacer,
    title_block,
)
from htx_desktop.reports.errors import ReportError
from htx_desktop.reports.header import ReportHeader
from htx_desktop.storage.models import (
    Cooperative,
    CooperativeGroup,
    Manager,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

BLANK_ROWS = 10
#: Padding that makes a row about 11 mm tall: room for a signature.
ROW_PADDING = 9


def _session(session: Session, record_id: str) -> TrainingSession:
    found = session.get(TrainingSession, record_id)
    if found is None or found.deleted:
        raise ReportError(
            f"Không tìm thấy lớp tập huấn có mã “{record_id}” (có thể đã bị xóa). Mã lớp xem "
            "trong ứng dụng, mục thông tin của lớp tập huấn."
        )
    return found


def attendees(session: Session, training: TrainingSession) -> list[tuple[str, str]]:
    """(name, "role, organisation") of the live named attendees: managers by their HTX/THT,
    then cadres, each group by name."""
    role = get_form("manager").field("role")
    managers = session.execute(
        select(Manager, Cooperative.name, CooperativeGroup.name)
        .join(TrainingAttendance, TrainingAttendance.manager_id == Manager.id)
        .outerjoin(Cooperative, Manager.cooperative_id == Cooperative.id)
        .outerjoin(CooperativeGroup, Manager.group_id == CooperativeGroup.id)
        .where(
            TrainingAttendance.session_id == training.id,
            TrainingAttendance.deleted.is_not(True),
            Manager.deleted.is_not(True),
        )
    ).all()
    people = [
        (vn_key(coop or group or ""), vn_key(m.full_name), m.full_name,
         ", ".join(p for p in (display_value(role, m.role), coop or group) if p))
        for m, coop, group in managers
    ]
    people.sort()
    cadres = session.scalars(
        select(UnionCadre)
        .join(TrainingAttendance, TrainingAttendance.cadre_id == UnionCadre.id)
        .where(
            TrainingAttendance.session_id == training.id,
            TrainingAttendance.deleted.is_not(True),
            UnionCadre.deleted.is_not(True),
        )
    ).all()
    staff = sorted(
        (vn_key(c.full_name), c.full_name, ", ".join(p for p in (c.position, c.work_unit) if p))
        for c in cadres
    )
    return [(name, what) for *_, name, what in people] + [(name, what) for _, name, what in staff]


def _when(training: TrainingSession) -> str:
    if training.end_date == training.start_date:
        return f"ngày {fmt_date(training.start_date)}"
    return f"từ ngày {fmt_date(training.start_date)} đến ngày {fmt_date(training.end_date)}"


def attendance_document(session: Session, record_id: str, header: ReportHeader) -> Document:
    training = _session(session, record_id)
    styles = make_styles()
    form = get_form("training_session")
    people = attendees(session, training)
    facts = [
        ("Thời gian", _when(training)),
        (form.field("place").label_vi, training.place or ""),
        (form.field("organiser").label_vi, training.organiser or ""),
    ]
    story: list[Flowable] = [
        header_block(header, styles, with_number=False, with_date=False),
        *title_block("Danh sách học viên", training.title, styles),
    ]
    for label, value in facts:
        if value:
            story.append(rich(f"<b>{markup(label)}:</b> {markup(value)}", styles.plain))
    story.append(spacer(8))
    head, cell, center = styles.cell_head, styles.cell, styles.cell_center
    rows: list[list[Any]] = [
        [para("STT", head), para("Họ và tên", head), para("Chức danh/Đơn vị", head),
         para("Ký tên", head)]
    ]
    for i, (name, what) in enumerate(people, start=1):
        rows.append([para(str(i), center), para(name, cell), para(what, cell), ""])
    for i in range(len(people) + 1, len(people) + BLANK_ROWS + 1):
        rows.append([para(str(i), center), "", "", ""])
    story.append(data_table(rows, [13, 52, 65, 35], row_padding=ROW_PADDING))
    return Document(
        title=f"Danh sách học viên: {training.title}",
        subject="Danh sách ký tên học viên",
        author=header.signer_name,
        story=story,
    )
