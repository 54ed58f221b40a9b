"""How indicator values, targets, periods and dates read on paper.

Built on `htx_desktop.formatting` (1.234; 66,7 %; dd/mm/yyyy) with the few forms only printed
documents use: the date inside a sentence as administrative texts write it ("ngày 07/6/2023":
day padded, months 1–2 padded, as in "03/01/2023"), short indicator names for narrow columns
and the chart, and a percentage's numerator and denominator so that a reader can check it.
"""

from __future__ import annotations

from datetime import date

from htx_desktop.formatting import fmt_decimal, fmt_int, fmt_percent
from htx_desktop.indicators.plans import PERCENT, Plan
from htx_desktop.indicators.progress import IndicatorValue
from htx_desktop.indicators.rules import ReportPeriod

DASH = "—"

#: Names short enough for a table column or a chart label, by indicator key (plans are data,
#: but the keys are the computations `indicators.progress` knows; an unknown key falls back to
#: the plan's own label).
SHORT_LABELS: dict[str, str] = {
    "htx_women_managed": "HTX do phụ nữ tham gia quản lý",
    "tht_women_managed": "THT do phụ nữ tham gia quản lý",
    "htx_female_jobs": "Việc làm ổn định cho lao động nữ trong HTX",
    "tht_female_workers": "Lao động nữ trong THT",
    "htx_new_union_supported": "HTX thành lập mới có Hội hỗ trợ",
    "female_managers_trained_pct": "Nữ quản lý HTX được đào tạo, bồi dưỡng",
    "cadres_coop_trained_pct": "Cán bộ Hội làm công tác KTTT được tập huấn",
    "cadres_outreach_pct": "Cán bộ Hội được nâng cao kỹ năng tuyên truyền",
    "members_workers_trained_pct": "Thành viên, lao động nữ được đào tạo nghề, TMĐT",
    "female_managers_it_pct": "Nữ quản lý được đào tạo CNTT trong quản trị",
}


def short_label(value: IndicatorValue) -> str:
    return SHORT_LABELS.get(value.key, value.label_vi)


def text_date(value: date) -> str:
    """"07/6/2023", "03/01/2023": the date as written inside an administrative sentence."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def period_phrase(period: ReportPeriod) -> str:
    """"6 tháng đầu năm 2025" / "năm 2025" (inside a sentence)."""
    label = period.label_vi
    return label[:1].lower() + label[1:]


def plan_reference(plan: Plan) -> str:
    """"Kế hoạch số 126/KH-UBND ngày 07/6/2023 của Ủy ban nhân dân tỉnh Quảng Ngãi",
    "Quyết định số 01/QĐ-TTg ngày 03/01/2023 của Thủ tướng Chính phủ"."""
    return (f"{plan.document_type} số {plan.number} ngày {text_date(plan.issued_on)} "
            f"của {plan.issuer}")


def plan_purpose(plan: Plan) -> str:
    """The plan's title without its leading document type: "thực hiện Đề án “…” trên địa bàn
    tỉnh Quảng Ngãi", to follow the reference in a sentence."""
    title = plan.title.strip()
    prefix = f"{plan.document_type.lower()} "
    if title.lower().startswith(prefix):
        title = title[len(prefix) :]
    return title[:1].lower() + title[1:]


def fmt_number(value: float | int | None) -> str:
    if value is None:
        return DASH
    if float(value).is_integer():
        return fmt_int(int(value))
    return fmt_decimal(value, 1)


def fmt_value(value: IndicatorValue) -> str:
    """A count as "1.234", a share as "66,7 %"; nothing to divide by as "—"."""
    if value.value is None:
        return DASH
    if value.kind == PERCENT:
        return fmt_percent(value.value)
    return fmt_number(value.value)


def fmt_ratio(value: IndicatorValue) -> str:
    """"(2/3)" under a share, so that the reader sees what was counted; empty for counts."""
    if value.kind != PERCENT or value.denominator is None:
        return ""
    return f"({fmt_int(value.numerator)}/{fmt_int(value.denominator)})"


def fmt_target(value: IndicatorValue, target: float | None) -> str:
    """"12", "100 %", "≥ 80 %" (the plan's "ít nhất 80%"); "—" where the plan sets none."""
    if target is None:
        return DASH
    if value.kind == PERCENT:
        text = f"{fmt_number(target)} %"
        if value.comparison == ">=" and target < 100:
            return f"≥ {text}"
        if value.comparison == "<=":
            return f"≤ {text}"
        return text
    return fmt_number(target)


def fmt_achieved(pct: float | None) -> str:
    return DASH if pct is None else fmt_percent(pct)
