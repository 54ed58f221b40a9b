"""The profile sheet of one HTX or THT (PHIẾU THÔNG TIN): its fields, managers, figures by
half-year and the trainings its managers attended.

Labels and wording come from the form specs, so the sheet reads like the entry form. With
``include_personal=False`` the managers' personal fields other than the name (birth year,
ethnicity, phone: `personal = true` in `forms/manager.toml`) are left out, for receivers who do
not need them (Law on Personal Data Protection 2025).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.collation import vn_key
from htx_desktop.formatting import yes_no
from htx_desktop.indicators.rules import (
    ReportPeriod,
    has_many_female_workers,
    is_htx_women_managed,
    is_tht_women_managed,
)
from htx_desktop.registry.forms import FieldSpec, get_form
from htx_desktop.registry.listing import display_value, unit_names
from htx_desktop.reports.data import WOMEN_MANAGED_LABEL, session_rows
from htx_desktop.reports.decree30 import (
    MM,
    Document,
    Styles,
    data_table,
    header_block,
    heading,
    long_text,
    make_styles,
    para,
    scaled,
    signature_block,
    spacer,
    title_block,
)
from htx_desktop.reports.errors import ReportError
from htx_desktop.reports.header import ReportHeader
from htx_desktop.storage.models import (
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
    TrainingAttendance,
    TrainingSession,
)

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

#: Personal fields that stay even without personal data: a sheet about people needs names.
NAME_FIELDS = frozenset({"full_name", "leader_name"})
MANAGER_COLUMNS = ("full_name", "role", "sex", "birth_year", "ethnicity", "phone")
MANAGER_WIDTHS = {"full_name": 42, "role": 50, "sex": 16, "birth_year": 16, "ethnicity": 18,
                  "phone": 26}
PERIODS_PER_TABLE = 5
SIZE = 11


def _find(session: Session, record_id: str) -> tuple[str, Cooperative | CooperativeGroup]:
    for form_key, model in (("cooperative", Cooperative), ("cooperative_group", CooperativeGroup)):
        record = session.get(model, record_id)
        if record is not None and not record.deleted:
            return form_key, record
    raise ReportError(
        f"Không tìm thấy hợp tác xã hay tổ hợp tác nào có mã “{record_id}” (có thể đã bị xóa). "
        "Mã bản ghi xem trong ứng dụng, mục thông tin của HTX/tổ hợp tác."
    )


def _shown(spec: FieldSpec, include_personal: bool) -> bool:
    return include_personal or not spec.personal or spec.key in NAME_FIELDS


def _value(spec: FieldSpec, value: Any, units: dict[str, str]) -> str:
    if spec.type == "boolean":
        return yes_no(value)
    return display_value(spec, value, units=units)


def field_tables(
    form_key: str,
    record: Cooperative | CooperativeGroup,
    extra: list[tuple[str, str]],
    units: dict[str, str],
    include_personal: bool,
    styles: Styles,
) -> list[Flowable]:
    """One two-column table per form section (label, value), the computed flags last.

    Multi-line fields (notes) print under their section's table as paragraphs of their own:
    reportlab never splits a table row, so a note taller than a page inside a cell stopped the
    whole sheet (LayoutError), while paragraphs flow on from page to page."""
    form = get_form(form_key)
    cell = scaled(styles.cell, SIZE)
    bold = scaled(styles.cell_head, SIZE)
    story: list[Flowable] = []
    for number, section in enumerate(form.sections, start=1):
        specs = [s for s in form.fields_in(section.key) if _shown(s, include_personal)]
        rows = [
            [para(spec.label_vi, cell), para(_value(spec, getattr(record, spec.key), units), cell)]
            for spec in specs
            if not spec.multiline
        ]
        if number == 1:
            rows += [[para(label, cell), para(value, cell)] for label, value in extra]
        notes = [
            (spec.label_vi, text)
            for spec in specs
            if spec.multiline and (text := _value(spec, getattr(record, spec.key), units))
        ]
        if not rows and not notes:
            continue
        story += heading(f"{number}. {section.label_vi}", styles.subheading, room=35 * MM)
        if rows:
            table_rows: list[list[Any]] = [
                [para("Thông tin", bold), para("Nội dung", bold)], *rows
            ]
            story.append(data_table(table_rows, [65, 100]))
            story.append(spacer(8))
        for label, text in notes:
            story += long_text(label, text, styles)
    return story


def manager_table(
    managers: list[Manager], include_personal: bool, styles: Styles
) -> Flowable | None:
    if not managers:
        return None
    form = get_form("manager")
    specs = [form.field(k) for k in MANAGER_COLUMNS if _shown(form.field(k), include_personal)]
    head = scaled(styles.cell_head, SIZE)
    cell = scaled(styles.cell, SIZE)
    center = scaled(styles.cell_center, SIZE)
    rows: list[list[Any]] = [[para("STT", head), *(para(s.label_vi, head) for s in specs)]]
    for i, manager in enumerate(managers, start=1):
        rows.append(
            [para(str(i), center)]
            + [para(display_value(s, getattr(manager, s.key)),
                    cell if s.key in ("full_name", "role") else center) for s in specs]
        )
    return data_table(rows, [11] + [MANAGER_WIDTHS[s.key] for s in specs], stretch=True)


def figures_tables(figures: dict[str, PeriodFigures], styles: Styles) -> list[Flowable]:
    """Half-years as columns (at most five a table), the form's figures as rows."""
    form = get_form("period_figures")
    specs = [f for f in form.fields if f.key != "period"]
    head = scaled(styles.cell_head, SIZE)
    cell = scaled(styles.cell, SIZE)
    center = scaled(styles.cell_center, SIZE)
    periods = sorted(figures)
    story: list[Flowable] = []
    for start in range(0, len(periods), PERIODS_PER_TABLE):
        part = periods[start : start + PERIODS_PER_TABLE]
        rows: list[list[Any]] = [
            [para(form.field("period").label_vi, head), *(para(_half(p), head) for p in part)]
        ]
        for spec in specs:
            rows.append(
                [para(spec.label_vi, cell)]
                + [para(display_value(spec, getattr(figures[p], spec.key)), center) for p in part]
            )
        story.append(data_table(rows, [65] + [100 / PERIODS_PER_TABLE] * len(part)))
        story.append(spacer(8))
    return story


def _half(period: str) -> str:
    """"2025-H1" -> "6 tháng đầu năm 2025"; "2025-H2" -> "6 tháng cuối năm 2025"."""
    year, _, half = period.partition("-H")
    if not year.isdigit() or half not in ("1", "2"):
        return period
    return f"6 tháng {'đầu' if half == '1' else 'cuối'} năm {year}"


def training_rows_for(
    session: Session, managers: list[Manager]
) -> list[tuple[str, Any]]:
    """(manager name, session row) for every live attendance of these managers."""
    names = {m.id: m.full_name for m in managers}
    if not names:
        return []
    found = session.execute(
        select(TrainingAttendance.manager_id, TrainingSession)
        .join(TrainingSession, TrainingAttendance.session_id == TrainingSession.id)
        .where(
            TrainingAttendance.manager_id.in_(list(names)),
            TrainingAttendance.deleted.is_not(True),
            TrainingSession.deleted.is_not(True),
        )
    ).all()
    sessions = {s.id: s for _, s in found}
    rows = {r.id: r for r in session_rows(session, list(sessions.values()))}
    out = [(names[mid], rows[s.id]) for mid, s in found]
    out.sort(key=lambda item: (item[1].start, vn_key(item[0])))
    return out


def training_table(attended: list[tuple[str, Any]], styles: Styles) -> Flowable:
    head = scaled(styles.cell_head, SIZE)
    cell = scaled(styles.cell, SIZE)
    center = scaled(styles.cell_center, SIZE)
    form = get_form("training_session")
    rows: list[list[Any]] = [
        [para("STT", head), para("Họ và tên", head), para(form.field("title").label_vi, head),
         para("Thời gian", head), para(form.field("topics").label_vi, head),
         para(form.field("organiser").label_vi, head)]
    ]
    for i, (name, row) in enumerate(attended, start=1):
        rows.append(
            [para(str(i), center), para(name, cell), para(row.title, cell),
             para(row.dates, center), para(row.topics, cell), para(row.organiser, cell)]
        )
    return data_table(rows, [11, 32, 40, 23, 30, 29])


def profile_document(
    session: Session,
    record_id: str,
    header: ReportHeader,
    *,
    period: ReportPeriod | None = None,
    include_personal: bool = True,
    issued_on: date | None = None,
) -> Document:
    form_key, record = _find(session, record_id)
    is_htx = form_key == "cooperative"
    styles = make_styles()
    units = unit_names(session, [record.commune_code])
    link = Manager.cooperative_id if is_htx else Manager.group_id
    managers = list(
        session.scalars(
            select(Manager).where(link == record.id, Manager.deleted.is_not(True))
        )
    )
    managers.sort(key=lambda m: (_role_order(m.role), vn_key(m.full_name)))
    figures_link = PeriodFigures.cooperative_id if is_htx else PeriodFigures.group_id
    figures: dict[str, PeriodFigures] = {}
    for row in session.scalars(
        select(PeriodFigures)
        .where(figures_link == record.id, PeriodFigures.deleted.is_not(True))
        .order_by(PeriodFigures.updated_at)  # the newest entry of a half-year wins
    ):
        figures[row.period] = row
    women = is_htx_women_managed(managers) if is_htx else is_tht_women_managed(managers)
    extra = [(WOMEN_MANAGED_LABEL, yes_no(women))]
    if period is not None:
        current = figures.get(period.figures_period)
        many = (
            yes_no(has_many_female_workers(current.workers_female, current.workers_total))
            if current is not None else "Chưa có số liệu"
        )
        extra.append((f"Tạo nhiều việc làm cho lao động nữ ({_half(period.figures_period)})",
                      many))

    kind = "hợp tác xã" if is_htx else "tổ hợp tác"
    story: list[Flowable] = [
        header_block(header, styles, with_number=False, issued_on=issued_on),
        *title_block(f"Phiếu thông tin {kind}", record.name, styles),
        *heading(f"I. THÔNG TIN VỀ {kind.upper()}", styles.heading),
        *field_tables(form_key, record, extra, units, include_personal, styles),
        *heading("II. NGƯỜI QUẢN LÝ", styles.heading),
    ]
    table = manager_table(managers, include_personal, styles)
    story.append(table if table is not None else para("Chưa ghi nhận người quản lý.", styles.body))
    story += [spacer(8), *heading("III. SỐ LIỆU THEO KỲ", styles.heading)]
    story += figures_tables(figures, styles) or [para("Chưa có số liệu.", styles.body)]
    story += heading("IV. NGƯỜI QUẢN LÝ THAM GIA TẬP HUẤN, BỒI DƯỠNG", styles.heading)
    attended = training_rows_for(session, managers)
    story.append(
        training_table(attended, styles) if attended
        else para("Chưa ghi nhận lượt tham gia tập huấn nào.", styles.body)
    )
    if not include_personal:
        story.append(
            para("Phiếu này không in năm sinh, dân tộc và số điện thoại của người quản lý.",
                 styles.caption)
        )
    story += [spacer(14),
              signature_block(header, styles, with_recipients=False, authority="",
                              title="Người lập phiếu")]
    return Document(
        title=f"Phiếu thông tin {kind}: {record.name}",
        subject=f"Phiếu thông tin {kind}",
        author=header.signer_name,
        story=story,
    )


def _role_order(role: str) -> int:
    """Managers in the order of the form's role list (chair first, others last)."""
    keys = [c.key for c in get_form("manager").field("role").choices]
    return keys.index(role) if role in keys else len(keys)

