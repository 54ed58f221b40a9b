"""The 6-month or annual report of the profile's unit on the plan (BÁO CÁO kết quả thực hiện
Kế hoạch …), and the sections the consolidated report shares with it.

The numbers are those of `indicators.compute_indicators` and the lists those of `reports.data`,
so that the paper says what the screen says. The officer's assessment, difficulties, causes,
next tasks and proposals are hers to write (`reports.narrative`, typed in the report screen):
they print after the figures, under the headings such reports use, and are left out while
empty. Targets are the unit's own (`reports.targets`): a province-wide count is not compared
with a commune's figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from htx_desktop.formatting import fmt_date, fmt_int
from htx_desktop.indicators.plan_settings import plan_for_unit
from htx_desktop.indicators.plans import Plan
from htx_desktop.indicators.progress import IndicatorValue, UnitProgress, compute_indicators
from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.reports.charts import achievement_chart
from htx_desktop.reports.data import (
    PrintedList,
    Scope,
    SessionRow,
    cooperative_list,
    group_list,
    period_sessions,
    scope_of,
)
from htx_desktop.reports.decree30 import (
    MM,
    Document,
    Styles,
    data_table,
    header_block,
    heading,
    make_styles,
    para,
    scaled,
    signature_block,
    spacer,
    title_block,
)
from htx_desktop.reports.header import ReportHeader, area_name, union_name
from htx_desktop.reports.narrative import ASSESSMENT_GROUP, SECTIONS, load_narrative, section
from htx_desktop.reports.targets import OwnTargets, own_targets
from htx_desktop.reports.wording import (
    fmt_achieved,
    fmt_ratio,
    fmt_target,
    fmt_value,
    period_phrase,
    plan_purpose,
    plan_reference,
    text_date,
)
from htx_desktop.storage.models import AdministrativeUnit

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
LIST_SIZE = 11
#: Column widths (mm) of the printed lists by field key; the name takes what is left.
LIST_WIDTHS: dict[str, float] = {
    "registration_code": 25,
    "commune_code": 25,
    "leader_name": 30,
    "sector": 21,
    "status": 20,
    "union_supported": 17,
    "women_managed": 17,
}
STT_WIDTH = 11
TEXT_MM = 165


class Sections:
    """Numbered section headings (I., II., …) in the order they are added."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.count = 0

    def heading(self, text: str) -> list[Flowable]:
        self.count += 1
        return heading(f"{ROMAN[self.count - 1]}. {text.upper()}", self.styles.heading)


def plan_of(session: Session, unit: AdministrativeUnit) -> Plan:
    return plan_for_unit(session, unit)


def report_subject(plan: Plan, period: ReportPeriod) -> str:
    """"Kết quả thực hiện Kế hoạch số 126/KH-UBND ngày 07/6/2023 của … 6 tháng đầu năm 2025"."""
    return f"Kết quả thực hiện {plan_reference(plan)} {plan_purpose(plan)} {period_phrase(period)}"


def introduction(unit: AdministrativeUnit, plan: Plan, period: ReportPeriod, styles: Styles,
                 consolidated: bool = False) -> Flowable:
    verb = "tổng hợp, báo cáo" if consolidated else "báo cáo"
    return para(
        f"Thực hiện {plan_reference(plan)} {plan_purpose(plan)}, Ban Thường vụ "
        f"{union_name(unit)} {verb} kết quả thực hiện {period_phrase(period)} như sau:",
        styles.body,
    )


def _women_count(printed: PrintedList) -> int:
    column = printed.keys.index("women_managed")
    return sum(1 for row in printed.rows if row[column] == "Có")


def _target_cell(
    value: IndicatorValue, target: float | None, wide: float | None, styles: Styles
) -> list[Flowable]:
    """The unit's own target, or the province's marked as such (no share is computed)."""
    if wide is None:
        return [para(fmt_target(value, target), styles.cell_center)]
    return [para(fmt_target(value, wide), styles.cell_center),
            para("(toàn tỉnh)", styles.cell_small)]


def indicator_table(
    progress: UnitProgress, styles: Styles, wide: dict[str, tuple[Any, Any]] | None = None
) -> Flowable:
    """Value, 2025 target and share achieved, 2030 target and share achieved, per indicator;
    a province-wide target below the province shows as such, with no share achieved."""
    wide = wide or {}
    head = styles.cell_head
    center = styles.cell_center
    small = styles.cell_small
    rows: list[list[Any]] = [
        [para("STT", head), para("Chỉ tiêu", head), para("Kết quả", head),
         para("Năm 2025", head), "", para("Năm 2030", head), ""],
        ["", "", "", para("Chỉ tiêu", head), para("Tỷ lệ đạt", head), para("Chỉ tiêu", head),
         para("Tỷ lệ đạt", head)],
    ]
    for i, value in enumerate(progress.indicators, start=1):
        result: list[Flowable] = [para(fmt_value(value), center)]
        if fmt_ratio(value):
            result.append(para(fmt_ratio(value), small))
        rows.append(
            [
                para(str(i), center),
                para(value.label_vi, styles.cell),
                result,
                _target_cell(value, value.target_2025, wide.get(value.key, (None,))[0], styles),
                para(fmt_achieved(value.achieved_2025_pct), center),
                _target_cell(value, value.target_2030, wide.get(value.key, (None, None))[1],
                             styles),
                para(fmt_achieved(value.achieved_2030_pct), center),
            ]
        )
    return data_table(
        rows,
        [12, 64, 20, 17, 17, 17, 18],
        header_rows=2,
        spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (4, 0)),
               ((5, 0), (6, 0))],
    )


def province_wide_note(own: OwnTargets, unit: AdministrativeUnit) -> str:
    """The sentence under the table when some targets are the province's only."""
    if not own.province_wide:
        return ""
    numbers = [str(i) for i, v in enumerate(own.progress.indicators, start=1)
               if v.key in own.province_wide]
    rows = ("chỉ tiêu " if len(numbers) == 1 else "các chỉ tiêu ") + ", ".join(numbers)
    return (
        f"Ghi chú: {rows} là chỉ tiêu chung của toàn tỉnh; Kế hoạch không giao chỉ tiêu riêng "
        f"cho từng xã, phường hay cụm, nên bảng nêu kết quả của {area_name(unit)} và không "
        "tính tỷ lệ đạt so với chỉ tiêu toàn tỉnh."
    )


def indicator_section(
    own: OwnTargets,
    unit: AdministrativeUnit,
    period: ReportPeriod,
    htx: PrintedList,
    tht: PrintedList,
    sections: Sections,
    styles: Styles,
    plan: Plan,
) -> list[Flowable]:
    from reportlab.platypus import KeepTogether

    progress = own.progress
    story: list[Flowable] = sections.heading("Kết quả thực hiện các chỉ tiêu")
    story.append(
        para(
            f"Tính đến ngày {text_date(period.end)}, trên địa bàn {area_name(unit)} có "
            f"{fmt_int(len(htx.rows))} hợp tác xã (trong đó {fmt_int(_women_count(htx))} HTX "
            f"do phụ nữ tham gia quản lý) và {fmt_int(len(tht.rows))} tổ hợp tác (trong đó "
            f"{fmt_int(_women_count(tht))} tổ hợp tác do phụ nữ tham gia quản lý). Kết quả "
            f"thực hiện các chỉ tiêu của {'Đề án' if plan.national else 'Kế hoạch'} so với "
            "mục tiêu đến năm 2025 và năm 2030:",
            styles.body,
        )
    )
    story.append(indicator_table(progress, styles, own.province_wide))
    story.append(spacer(6))
    if own.province_wide:
        story.append(para(province_wide_note(own, unit), styles.body))
    if plan.note_vi:
        story.append(para(plan.note_vi, styles.body))
    if progress.missing_figures:
        story.append(
            para(
                f"Ghi chú: {fmt_int(progress.missing_figures)} HTX, tổ hợp tác được tính ở "
                f"chỉ tiêu 1, 2 chưa có số liệu thành viên, lao động kỳ {period_phrase(period)}"
                "; số lao động của các đơn vị này được tính bằng 0.",
                styles.body,
            )
        )
    story.append(
        KeepTogether(
            [
                # Only the unit's own targets: a province-wide one has no share to draw.
                achievement_chart(
                    [v for v in progress.indicators if v.key not in own.province_wide]
                    or progress.indicators
                ),
                para(
                    "Biểu đồ: Tỷ lệ thực hiện so với chỉ tiêu năm 2025 và năm 2030 của "
                    + ("Đề án" if plan.national else "Kế hoạch"),
                    styles.caption,
                ),
            ]
        )
    )
    return story


def list_table(printed: PrintedList, styles: Styles, *, total: bool = False) -> Flowable:
    """A printed list with STT; the name column takes the width the others leave."""
    head = scaled(styles.cell_head, LIST_SIZE)
    cell = scaled(styles.cell, LIST_SIZE)
    center = scaled(styles.cell_center, LIST_SIZE)
    fixed = {k: LIST_WIDTHS.get(k, 0.0) for k in printed.keys if k != "name"}
    name_width = max(35.0, TEXT_MM - STT_WIDTH - sum(fixed.values()))
    widths = [STT_WIDTH] + [name_width if k == "name" else fixed[k] for k in printed.keys]
    centred = {"union_supported", "women_managed", "registration_code"}
    rows: list[list[Any]] = [[para("STT", head), *(para(label, head) for label in printed.labels)]]
    for i, row in enumerate(printed.rows, start=1):
        rows.append(
            [para(str(i), center)]
            + [para(text, center if key in centred else cell)
               for key, text in zip(printed.keys, row, strict=True)]
        )
    return data_table(rows, widths, bold_last_row=total)


def cooperative_section(
    htx: PrintedList, tht: PrintedList, sections: Sections, styles: Styles
) -> list[Flowable]:
    story: list[Flowable] = sections.heading("Danh sách hợp tác xã, tổ hợp tác")
    for number, (title, printed, none) in enumerate(
        (
            ("Hợp tác xã", htx, "Chưa có hợp tác xã nào trên địa bàn."),
            ("Tổ hợp tác", tht, "Chưa có tổ hợp tác nào trên địa bàn."),
        ),
        start=1,
    ):
        story += heading(f"{number}. {title} ({fmt_int(len(printed.rows))})", styles.subheading)
        story.append(list_table(printed, styles) if printed.rows else para(none, styles.body))
        if printed.rows:
            story.append(spacer(8))
    return story


def training_table(rows: Sequence[SessionRow], styles: Styles) -> Flowable:
    head = scaled(styles.cell_head, LIST_SIZE)
    cell = scaled(styles.cell, LIST_SIZE)
    center = scaled(styles.cell_center, LIST_SIZE)
    table: list[list[Any]] = [
        [para("STT", head), para("Tên lớp", head), para("Thời gian", head),
         para("Địa điểm", head), para("Nội dung", head), para("Số học viên", head), "", ""],
        ["", "", "", "", "", para("Có tên", head), para("Khác", head), para("Tổng", head)],
    ]
    for i, row in enumerate(rows, start=1):
        table.append(
            [para(str(i), center), para(row.title, cell), para(row.dates, center),
             para(row.place, cell), para(row.topics, cell), para(fmt_int(row.named), center),
             para(fmt_int(row.others), center), para(fmt_int(row.total), center)]
        )
    table.append(
        [para("Cộng", head), "", "", "", "",
         para(fmt_int(sum(r.named for r in rows)), head),
         para(fmt_int(sum(r.others for r in rows)), head),
         para(fmt_int(sum(r.total for r in rows)), head)]
    )
    return data_table(
        table,
        [11, 40, 23, 27, 28, 12, 12, 12],
        header_rows=2,
        spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (3, 1)),
               ((4, 0), (4, 1)), ((5, 0), (7, 0)), ((0, -1), (4, -1))],
    )


def training_section(
    rows: Sequence[SessionRow], period: ReportPeriod, sections: Sections, styles: Styles
) -> list[Flowable]:
    story: list[Flowable] = sections.heading("Công tác tập huấn, bồi dưỡng")
    if not rows:
        story.append(
            para(f"Trong {period_phrase(period)}, chưa có lớp tập huấn, bồi dưỡng nào được "
                 "ghi nhận.", styles.body)
        )
        return story
    story.append(
        para(
            f"Trong {period_phrase(period)}, đã tổ chức {fmt_int(len(rows))} lớp tập huấn, "
            f"bồi dưỡng với {fmt_int(sum(r.total for r in rows))} lượt học viên (trong đó "
            f"{fmt_int(sum(r.named for r in rows))} lượt có tên trong danh sách), "
            f"từ ngày {fmt_date(period.start)} đến ngày {fmt_date(period.end)}:",
            styles.body,
        )
    )
    story.append(training_table(rows, styles))
    story.append(spacer(10))
    return story


def narrative_paragraphs(text: str, styles: Styles) -> list[Flowable]:
    """One justified, indented paragraph per line the officer wrote; paragraphs split between
    pages, so a narrative of any length flows on."""
    return [para(line.strip(), styles.body) for line in text.splitlines() if line.strip()]


def narrative_sections(
    texts: dict[str, str], sections: Sections, styles: Styles
) -> list[Flowable]:
    """"Đánh giá chung" with its numbered parts (results, difficulties, causes), then the next
    period's tasks and the proposals, each a numbered section; empty ones are left out."""
    story: list[Flowable] = []
    group = [key for key in ASSESSMENT_GROUP if texts.get(key, "").strip()]
    if group:
        story += sections.heading("Đánh giá chung")
        for number, key in enumerate(group, start=1):
            title = "Kết quả đạt được" if key == ASSESSMENT_GROUP[0] else section(key).title_vi
            story += heading(f"{number}. {title}", styles.subheading, room=25 * MM)
            story += narrative_paragraphs(texts[key], styles)
    for part in SECTIONS:
        if part.key in ASSESSMENT_GROUP or not texts.get(part.key, "").strip():
            continue
        story += sections.heading(part.title_vi)
        story += narrative_paragraphs(texts[part.key], styles)
    return story


def closing(unit: AdministrativeUnit, plan: Plan, period: ReportPeriod, styles: Styles) -> Flowable:
    return para(
        f"Trên đây là báo cáo kết quả thực hiện {plan_reference(plan)} "
        f"{period_phrase(period)} của Ban Thường vụ {union_name(unit)}./.",
        styles.body,
    )


def ending(unit: AdministrativeUnit, plan: Plan, period: ReportPeriod, header: ReportHeader,
           styles: Styles) -> Flowable:
    """The closing sentence kept on the page of the signature block."""
    from reportlab.platypus import KeepTogether, Spacer

    return KeepTogether(
        [closing(unit, plan, period, styles), Spacer(1, 6), signature_block(header, styles)]
    )


def report_front(
    header: ReportHeader,
    plan: Plan,
    period: ReportPeriod,
    styles: Styles,
    issued_on: date | None,
) -> list[Flowable]:
    return [
        header_block(header, styles, issued_on=issued_on),
        *title_block("Báo cáo", report_subject(plan, period), styles),
    ]


@dataclass
class ReportBasis:
    """What every report of a unit and period is built from (the unit's own report and the
    consolidated one share it, and the sections around their own)."""

    session: Session
    unit: AdministrativeUnit
    period: ReportPeriod
    header: ReportHeader
    styles: Styles
    plan: Plan
    own: OwnTargets
    scope: Scope
    htx: Any
    tht: Any
    sections: Sections
    narrative: dict[str, str]

    @property
    def progress(self) -> UnitProgress:
        """The unit's figures against its own targets (`reports.targets`)."""
        return self.own.progress

    @classmethod
    def gather(
        cls,
        session: Session,
        unit: AdministrativeUnit,
        header: ReportHeader,
        period: ReportPeriod,
        include_personal: bool,
    ) -> ReportBasis:
        styles = make_styles()
        plan = plan_of(session, unit)
        scope: Scope = scope_of(session, unit)
        return cls(
            session=session,
            unit=unit,
            period=period,
            header=header,
            styles=styles,
            plan=plan,
            own=own_targets(compute_indicators(session, unit.code, period, plan)),
            scope=scope,
            htx=cooperative_list(session, scope, period, include_personal),
            tht=group_list(session, scope, period, include_personal),
            sections=Sections(styles),
            narrative=load_narrative(session, unit.code, period),
        )

    def document(
        self,
        title: str,
        own_sections: Callable[[], list[Flowable]],
        issued_on: date | None,
        consolidated: bool,
    ) -> Document:
        """Front page, introduction and indicators, then the report's own sections, then the
        cooperatives, training and the ending: the order of every report. The own sections
        are built in their turn (`Sections` numbers headings as they are made)."""
        b = self
        story = report_front(b.header, b.plan, b.period, b.styles, issued_on)
        story.append(introduction(b.unit, b.plan, b.period, b.styles, consolidated=consolidated))
        story += indicator_section(
            b.own, b.unit, b.period, b.htx, b.tht, b.sections, b.styles, b.plan
        )
        story += own_sections()
        story += cooperative_section(b.htx, b.tht, b.sections, b.styles)
        sessions = period_sessions(b.session, b.scope, b.period)
        story += training_section(sessions, b.period, b.sections, b.styles)
        story += narrative_sections(b.narrative, b.sections, b.styles)
        story.append(ending(b.unit, b.plan, b.period, b.header, b.styles))
        return Document(
            title=f"{title} {period_phrase(b.period)} – {union_name(b.unit)}",
            subject=report_subject(b.plan, b.period),
            author=b.header.signer_name,
            story=story,
        )


def periodic_document(
    session: Session,
    unit: AdministrativeUnit,
    header: ReportHeader,
    period: ReportPeriod,
    *,
    include_personal: bool = True,
    issued_on: date | None = None,
) -> Document:
    """The unit's own report for the period (any level: a province's covers the province)."""
    basis = ReportBasis.gather(session, unit, header, period, include_personal)
    return basis.document("Báo cáo", list, issued_on, consolidated=False)
