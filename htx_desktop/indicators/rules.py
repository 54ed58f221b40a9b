"""The plan's definitions as pure functions over plain data.

Kept free of the database so that every definition can be checked by hand against the plan
(126/KH-UBND, section III.1 and II.2) and pinned by small tests; `progress` only gathers rows
and feeds them here. Stored choice keys are those of `forms/*.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

FEMALE = "nu"

OPERATING = "hoat_dong"
SUSPENDED = "tam_ngung"
DISSOLVED = "giai_the"

#: HTX roles the plan names as management ("Chủ tịch, thành viên HĐQT; Giám đốc, Tổng giám đốc;
#: thành viên Ban kiểm soát"). "khac" (accountant, treasurer…) is deliberately absent.
HTX_MANAGEMENT_ROLES = frozenset({"chu_tich_hdqt", "thanh_vien_hdqt", "giam_doc", "thanh_vien_bks"})

#: THT roles that make a group women-managed: the leader and her deputy (see
#: `is_tht_women_managed`).
THT_MANAGEMENT_ROLES = frozenset({"to_truong", "to_pho"})

TOPIC_MANAGEMENT = "quan_tri"
#: Only "Ứng dụng CNTT trong quản trị" counts for the IT-for-management indicator: the plan's
#: 30 % target is about "công nghệ thông tin trong quản trị, kinh doanh"; general digital skills
#: ("ky_nang_so") are part of the 100 % management-training goal, not of this one.
TOPIC_IT_MANAGEMENT = "cntt_quan_tri"
TOPIC_OUTREACH = "tuyen_truyen"
#: "đào tạo nghề, chuyển giao khoa học - kỹ thuật, đào tạo ứng dụng thương mại điện tử".
SKILL_TOPICS = frozenset({"nghe_ky_thuat", "thuong_mai_dien_tu"})


class ManagerLike(Protocol):
    """Anything with a manager's role, sex and tombstone (an ORM row or a `ManagerFact`)."""

    @property
    def role(self) -> str: ...

    @property
    def sex(self) -> str: ...

    @property
    def deleted(self) -> bool: ...


class SessionLike(Protocol):
    """Anything with a training session's start, topics and tombstone."""

    @property
    def start_date(self) -> date: ...

    @property
    def topics(self) -> Sequence[str] | None: ...

    @property
    def deleted(self) -> bool: ...


@dataclass(frozen=True)
class ManagerFact:
    role: str
    sex: str
    deleted: bool = False


@dataclass(frozen=True)
class SessionFact:
    start_date: date
    topics: tuple[str, ...] = ()
    deleted: bool = False


def is_female_htx_manager(manager: ManagerLike) -> bool:
    """A woman in an HTX management role: the population of the training indicators."""
    return not manager.deleted and manager.sex == FEMALE and manager.role in HTX_MANAGEMENT_ROLES


def is_htx_women_managed(managers: Iterable[ManagerLike]) -> bool:
    """ "HTX do phụ nữ tham gia quản lý": one woman in any management role is enough, so a male
    director with a woman on the supervisory board qualifies; a woman who is only accountant
    ("khac") does not. No managers recorded means not (yet) women-managed."""
    return any(is_female_htx_manager(m) for m in managers)


def is_tht_women_managed(managers: Iterable[ManagerLike]) -> bool:
    """A THT is women-managed when its leader *or deputy leader* is a woman.

    The plan speaks of groups where women "tham gia quản lý, điều hành" (take part in
    management), the same wording that lets any HTX board or supervisory seat count; a THT's
    management is its tổ trưởng and tổ phó, so the deputy counts too.
    """
    return any(
        not m.deleted and m.sex == FEMALE and m.role in THT_MANAGEMENT_ROLES for m in managers
    )


def has_many_female_workers(workers_female: int, workers_total: int) -> bool:
    """ "Tạo nhiều việc làm cho lao động nữ": *more than* 50 % of workers are women.

    Integer comparison so that exactly one half is reliably False; no workers is False.
    """
    if workers_total <= 0:
        return False
    return 2 * workers_female > workers_total


def female_jobs(members_female: int, workers_female: int) -> int:
    """Stable jobs for "thành viên, lao động nữ" in one HTX.

    Women who are members and work in the cooperative are usually reported in both counts, so
    summing them would count the same woman twice; the larger of the two is the smallest number
    of distinct women consistent with both figures, and still counts member-women in a
    cooperative that records no separate workers.
    """
    return max(members_female or 0, workers_female or 0)


def existed_by(established_on: date | None, end: date) -> bool:
    """Whether a unit founded on this date can be counted at a period ending on `end`
    (an unknown date is taken as existing: old records often lack it)."""
    return established_on is None or established_on <= end


def attended_by(
    sessions: Iterable[SessionLike], end: date, topics: Collection[str] | None = None
) -> bool:
    """Whether one of these (attended) sessions started by `end` and covered one of `topics`
    (any topic when None). Deleted sessions never count."""
    for s in sessions:
        if s.deleted or s.start_date > end:
            continue
        if topics is None or not set(topics).isdisjoint(s.topics or ()):
            return True
    return False


def percent(numerator: int, denominator: int, *, cap: bool = False) -> float | None:
    """Share in percent; None when there is nothing to divide by (shown as "—"), so that an
    empty commune never reads as 0 % nor raises."""
    if denominator <= 0:
        return None
    value = 100.0 * numerator / denominator
    return min(value, 100.0) if cap else value


def achieved_pct(value: float | None, target: float | None) -> float | None:
    """How far a value is towards a target, in percent (not capped: exceeding shows)."""
    if value is None or target is None or target <= 0:
        return None
    return 100.0 * value / target


def meets(value: float | None, target: float | None, comparison: str) -> bool | None:
    """Whether the target is met under the plan's comparison (">=" or "<=")."""
    if value is None or target is None:
        return None
    if comparison == ">=":
        return value >= target
    if comparison == "<=":
        return value <= target
    raise ValueError(f"Unknown comparison {comparison!r}")


#: The plan's two milestones: its targets "đến năm 2025" (phase 1, 2023–2025) and "đến năm
#: 2030" (phase 2, 2026–2030).
MILESTONES = (2025, 2030)


def milestone_for(year: int) -> int:
    """The milestone a period of this year is measured against: the 2025 targets up to 2025,
    the 2030 targets after (a 2026 report compared with the 2025 targets would read as "met"
    when the plan now asks for more)."""
    return MILESTONES[0] if year <= MILESTONES[0] else MILESTONES[1]


_PERIOD_RE = re.compile(r"^(\d{4})(?:-H([1]))?$")


@dataclass(frozen=True)
class ReportPeriod:
    """A reporting period of the plan: the first six months ("YYYY-H1", to 30/06) or the whole
    year ("YYYY", to 31/12). Figures are kept per half-year; an annual report reads the second
    half-year's figures because they describe the situation at 31/12."""

    code: str
    year: int
    half: int | None
    start: date
    end: date
    figures_period: str

    @classmethod
    def parse(cls, text: str | ReportPeriod) -> ReportPeriod:
        if isinstance(text, ReportPeriod):
            return text
        cleaned = str(text).strip().upper()
        match = _PERIOD_RE.match(cleaned)
        year = int(match.group(1)) if match else 0
        if match is None or not 2000 <= year <= 2100:
            raise ValueError(
                f"Kỳ báo cáo “{text}” không hợp lệ. Hãy ghi theo dạng “2025-H1” "
                "(6 tháng đầu năm) hoặc “2025” (cả năm)."
            )
        if match.group(2):
            return cls(f"{year}-H1", year, 1, date(year, 1, 1), date(year, 6, 30), f"{year}-H1")
        return cls(str(year), year, None, date(year, 1, 1), date(year, 12, 31), f"{year}-H2")

    @property
    def label_vi(self) -> str:
        return f"6 tháng đầu năm {self.year}" if self.half == 1 else f"Năm {self.year}"

    @property
    def label_en(self) -> str:
        return f"First half of {self.year}" if self.half == 1 else f"Year {self.year}"

    def __str__(self) -> str:
        return self.code
