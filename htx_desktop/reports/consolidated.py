"""The consolidated report of a district group or a province: the periodic report of the whole
area plus the results of each unit reporting to it and the communes that have not reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.collation import unit_key
from htx_desktop.formatting import fmt_int
from htx_desktop.indicators.plans import PERCENT
from htx_desktop.indicators.progress import UnitProgress, compute_by_child
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.reporting import reported_unit_codes
from htx_desktop.reports.data import (
    chunks,
)
from htx_desktop.reports.decree30 import (
    Document,
    Styles,
    data_table,
    para,
    scaled,
    spacer,
)
from htx_desktop.reports.header import ReportHeader
from htx_desktop.reports.periodic import ReportBasis, Sections
from htx_desktop.reports.wording import fmt_ratio, fmt_value, period_phrase, short_label
from htx_desktop.storage.models import AdministrativeUnit
from htx_desktop.storage.units import commune_codes_under, get_unit

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

CHILD_SIZE = 10
#: Indicators per breakdown table: more columns would not fit A4 portrait.
COLUMNS_PER_TABLE = 5


def units_not_reported(
    session: Session, unit_code: str, period: str | ReportPeriod
) -> list[tuple[str, str]]:
    """(code, name) of the communes under this unit for which no verified bundle of the period
    has been imported, neither their own nor carried inside a district's bundle whose scope
    covers them here (`htx_desktop.reporting`), by commune name."""
    report = ReportPeriod.parse(period)
    unit = get_unit(session, unit_code)
    communes = sorted(set(commune_codes_under(session, unit)) - {unit.code})
    reported = reported_unit_codes(session, report.code)
    missing = [c for c in communes if c not in reported]
    names: dict[str, str] = {}
    for chunk in chunks(missing):
        names.update(
            (code, name)
            for code, name in session.execute(
                select(AdministrativeUnit.code, AdministrativeUnit.name).where(
                    AdministrativeUnit.code.in_(chunk)
                )
            )
        )
    return sorted(((c, names.get(c, c)) for c in missing), key=lambda item: unit_key(item[1]))


def _value_cell(progress: UnitProgress, index: int, styles: Styles) -> list[Flowable]:
    value = progress.indicators[index]
    cells = [para(fmt_value(value), scaled(styles.cell_center, CHILD_SIZE))]
    if fmt_ratio(value):
        cells.append(para(fmt_ratio(value), scaled(styles.cell_small, 8)))
    return cells


def child_tables(
    progress: UnitProgress, children: Sequence[UnitProgress], styles: Styles
) -> list[Flowable]:
    """One row per unit reporting to this one and a last row for the whole unit; the plan's
    indicators split over tables of at most five columns, numbered as in the main table."""
    head = scaled(styles.cell_head, CHILD_SIZE)
    cell = scaled(styles.cell, CHILD_SIZE)
    center = scaled(styles.cell_center, CHILD_SIZE)
    story: list[Flowable] = []
    indices = list(range(len(progress.indicators)))
    for start in range(0, len(indices), COLUMNS_PER_TABLE):
        part = indices[start : start + COLUMNS_PER_TABLE]
        rows: list[list[Any]] = [
            [para("STT", head), para("Đơn vị", head)]
            + [para(f"({i + 1}) {short_label(progress.indicators[i])}", head) for i in part]
        ]
        for n, child in enumerate(children, start=1):
            rows.append(
                [para(str(n), center), para(child.unit_name, cell)]
                + [_value_cell(child, i, styles) for i in part]
            )
        rows.append(
            [para("", center), para(f"Toàn {_area_word(progress)}", head)]
            + [[para(fmt_value(progress.indicators[i]), head)] for i in part]
        )
        value_width = (165 - 11 - 44) / len(part)
        story.append(data_table(rows, [11, 44] + [value_width] * len(part)))
        story.append(spacer(8))
    return story


def _area_word(progress: UnitProgress) -> str:
    return "tỉnh" if progress.level == "province" else "huyện/cụm"


def children_section(
    progress: UnitProgress,
    children: Sequence[UnitProgress],
    sections: Sections,
    styles: Styles,
) -> list[Flowable]:
    story: list[Flowable] = sections.heading("Kết quả theo đơn vị")
    if not children:
        story.append(para("Đơn vị chưa có xã, phường hoặc cụm trực thuộc.", styles.body))
        return story
    shares = any(v.kind == PERCENT for v in progress.indicators)
    story.append(
        para(
            f"Kết quả của {fmt_int(len(children))} đơn vị trực thuộc (số thứ tự chỉ tiêu như "
            "bảng ở mục I"
            + ("; tỷ lệ kèm số đạt/tổng số" if shares else "")
            + "):",
            styles.body,
        )
    )
    story += child_tables(progress, children, styles)
    return story


def not_reported_section(
    missing: Sequence[tuple[str, str]],
    total: int,
    period: ReportPeriod,
    sections: Sections,
    styles: Styles,
) -> list[Flowable]:
    story: list[Flowable] = sections.heading("Đơn vị chưa báo cáo")
    if not missing:
        story.append(
            para(f"Tất cả {fmt_int(total)} xã, phường đã gửi báo cáo {period_phrase(period)}.",
                 styles.body)
        )
        return story
    story.append(
        para(
            f"Có {fmt_int(len(missing))}/{fmt_int(total)} xã, phường chưa gửi gói dữ liệu "
            f"báo cáo {period_phrase(period)}:",
            styles.body,
        )
    )
    head = scaled(styles.cell_head, 11)
    cell = scaled(styles.cell, 11)
    center = scaled(styles.cell_center, 11)
    rows: list[list[Any]] = [[para("STT", head), para("Mã đơn vị", head),
                              para("Tên xã, phường", head)]]
    rows += [
        [para(str(i), center), para(code, center), para(name, cell)]
        for i, (code, name) in enumerate(missing, start=1)
    ]
    story.append(data_table(rows, [15, 30, 120]))
    story.append(spacer(10))
    return story


def consolidated_document(
    session: Session,
    unit: AdministrativeUnit,
    header: ReportHeader,
    period: ReportPeriod,
    *,
    include_personal: bool = True,
    issued_on: date | None = None,
) -> Document:
    """The area's report with a breakdown by child unit and the communes not reported."""
    b = ReportBasis.gather(session, unit, header, period, include_personal)
    children = compute_by_child(session, unit.code, period, b.plan)
    missing = units_not_reported(session, unit.code, period)

    def own() -> list[Flowable]:
        story = children_section(b.progress, children, b.sections, b.styles)
        story += not_reported_section(missing, len(b.scope.communes), period, b.sections, b.styles)
        return story

    return b.document("Báo cáo tổng hợp", own, issued_on, consolidated=True)
