"""The officer's own sections of a periodic or consolidated report: the assessment,
difficulties, causes, proposals and the next period's tasks.

The figures of a report are computed; these are written. They are kept per unit and period
(`storage.models.ReportNarrative`) so that what she wrote on Monday is there on Friday when the
figures have changed, and both renderers (PDF and Word) print them under the headings such
reports use. Text is cleaned as entry notes are (`text.clean_multiline`: NFC, no control,
bidirectional or zero-width characters; line breaks kept).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.indicators.rules import ReportPeriod
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import ReportNarrative
from htx_desktop.text import clean_multiline

ASSESSMENT = "assessment"
DIFFICULTIES = "difficulties"
CAUSES = "causes"
NEXT_TASKS = "next_tasks"
PROPOSALS = "proposals"

#: A section's text longer than this is refused: a report is a few pages, and an accidental
#: paste of a whole book must not make every preview take minutes.
MAX_CHARS = 50_000


@dataclass(frozen=True)
class Section:
    key: str
    #: The heading on paper and in the editor.
    title_vi: str
    #: What the officer is asked to write (the editor's placeholder).
    hint_vi: str


SECTIONS: tuple[Section, ...] = (
    Section(
        ASSESSMENT,
        "Đánh giá chung",
        "Kết quả nổi bật, ưu điểm trong việc thực hiện Kế hoạch kỳ này…",
    ),
    Section(
        DIFFICULTIES,
        "Khó khăn, vướng mắc",
        "Những khó khăn, vướng mắc trong hỗ trợ HTX, tổ hợp tác kỳ này…",
    ),
    Section(CAUSES, "Nguyên nhân", "Nguyên nhân khách quan và chủ quan của hạn chế…"),
    Section(
        NEXT_TASKS,
        "Nhiệm vụ trọng tâm kỳ tới",
        "Các nhiệm vụ, giải pháp sẽ thực hiện trong kỳ tới…",
    ),
    Section(
        PROPOSALS,
        "Đề xuất, kiến nghị",
        "Đề xuất, kiến nghị với cấp trên, chính quyền, các ngành liên quan…",
    ),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
#: The three sections printed together under "Đánh giá chung" (results, difficulties, causes).
ASSESSMENT_GROUP: tuple[str, ...] = (ASSESSMENT, DIFFICULTIES, CAUSES)


class NarrativeError(ValueError):
    """A section that cannot be stored (message in Vietnamese)."""


def section(key: str) -> Section:
    for s in SECTIONS:
        if s.key == key:
            return s
    raise NarrativeError(f"Không có mục “{key}” trong phần đánh giá của báo cáo.")


def _period_code(period: str | ReportPeriod) -> str:
    try:
        return ReportPeriod.parse(period).code
    except ValueError as exc:
        raise NarrativeError(str(exc)) from exc


def clean_section(text: str | None) -> str:
    """The text as it is kept and printed; refused when it is far longer than a report."""
    cleaned = clean_multiline(text or "")
    if len(cleaned) > MAX_CHARS:
        raise NarrativeError(
            f"Mục này dài {len(cleaned):,} ký tự, quá giới hạn {MAX_CHARS:,} ký tự của một "
            "báo cáo; hãy rút gọn rồi lưu lại.".replace(",", ".")
        )
    return cleaned


def load_narrative(session: Session, unit_code: str, period: str | ReportPeriod) -> dict[str, str]:
    """Every known section's text for the unit and period ("" where nothing was written)."""
    code = _period_code(period)
    found = {key: "" for key in SECTION_KEYS}
    for row in session.scalars(
        select(ReportNarrative).where(
            ReportNarrative.unit_code == unit_code, ReportNarrative.period == code
        )
    ):
        if row.section in found:
            found[row.section] = row.text or ""
    return found


def save_section(
    session: Session, unit_code: str, period: str | ReportPeriod, key: str, text: str | None
) -> bool:
    """Keep one section's text (cleaned); empty text removes the row. True when it changed."""
    section(key)
    code = _period_code(period)
    cleaned = clean_section(text)
    row = session.get(ReportNarrative, (unit_code, code, key))
    if row is None:
        if not cleaned:
            return False
        session.add(
            ReportNarrative(
                unit_code=unit_code, period=code, section=key, text=cleaned, updated_at=utcnow()
            )
        )
    elif not cleaned:
        session.delete(row)
    elif row.text == cleaned:
        return False
    else:
        row.text = cleaned
        row.updated_at = utcnow()
    session.flush()
    return True


def save_narrative(
    session: Session, unit_code: str, period: str | ReportPeriod, texts: dict[str, str]
) -> int:
    """Keep several sections at once; returns how many changed."""
    return sum(save_section(session, unit_code, period, k, v) for k, v in texts.items())


def has_text(texts: dict[str, str]) -> bool:
    return any(t.strip() for t in texts.values())
