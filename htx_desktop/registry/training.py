"""Named attendees of training sessions, and who still needs management training. Qt-free.

Attendance rows travel in bundles like every other record, so a removed attendee is
tombstoned rather than deleted, and putting the same person back revives her old row instead of
making a second one (two rows for one person and session would count her twice elsewhere).
Who counts as a female manager and what counts as trained is decided by `indicators.rules`, the
same functions the progress report uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from htx_desktop.collation import vn_key
from htx_desktop.indicators.rules import (
    DISSOLVED,
    TOPIC_MANAGEMENT,
    ManagerFact,
    SessionFact,
    attended_by,
    is_female_htx_manager,
)
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import unit_names
from htx_desktop.registry.records import get_record
from htx_desktop.storage.base import new_uuid, utcnow
from htx_desktop.storage.models import (
    Cooperative,
    CooperativeGroup,
    Manager,
    TrainingAttendance,
    TrainingSession,
    UnionCadre,
)
from htx_desktop.text import fold

MANAGER = "manager"
CADRE = "cadre"

CHUNK = 500


class AttendanceError(ValueError):
    """Attendees that cannot be saved (message in Vietnamese, shown to the officer)."""


@dataclass(frozen=True)
class Person:
    """A manager or a Union cadre as attendee lists and the picker show them."""

    kind: str  # MANAGER | CADRE
    id: str
    name: str
    sex: str
    role: str  # role label (manager) or position (cadre)
    organisation: str  # HTX/THT name (manager) or work unit (cadre)
    commune: str  # commune name of the HTX/THT; empty for cadres
    birth_year: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    @property
    def search_key(self) -> str:
        return fold(f"{self.name} {self.organisation} {self.role} {self.commune}")


def _chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _live(model: Any) -> Any:
    return model.deleted.is_not(True)


def _role_label(role: str, lang: str) -> str:
    return get_form("manager").field("role").choice_label(role, lang)


def _sort(people: Iterable[Person]) -> list[Person]:
    return sorted(people, key=lambda p: (vn_key(p.name), vn_key(p.organisation), p.id))


def _manager_select() -> Any:
    """Managers with the name and commune of the HTX or THT they belong to (live ones only)."""
    return (
        select(
            Manager.id,
            Manager.full_name,
            Manager.sex,
            Manager.role,
            Manager.birth_year,
            Cooperative.name,
            Cooperative.commune_code,
            CooperativeGroup.name,
            CooperativeGroup.commune_code,
        )
        .outerjoin(Cooperative, Manager.cooperative_id == Cooperative.id)
        .outerjoin(CooperativeGroup, Manager.group_id == CooperativeGroup.id)
        .where(
            _live(Manager),
            or_(
                Manager.cooperative_id.is_(None) | _live(Cooperative),
                Manager.group_id.is_(None) | _live(CooperativeGroup),
            ),
        )
    )


def _managers(session: Session, stmt: Any, lang: str) -> list[Person]:
    return _people(session, session.execute(stmt).all(), lang)


def _people(session: Session, rows: Sequence[Any], lang: str) -> list[Person]:
    """Rows of `_manager_select` as people, with their communes' names (one query)."""
    communes = unit_names(session, {r[6] or r[8] for r in rows if r[6] or r[8]})
    people = []
    for mid, name, sex, role, birth, coop, coop_commune, group, group_commune in rows:
        commune = coop_commune or group_commune or ""
        people.append(
            Person(
                MANAGER,
                mid,
                name,
                sex,
                _role_label(role, lang),
                coop or group or "",
                communes.get(commune, commune),
                birth,
            )
        )
    return people


def _cadres(session: Session, stmt: Any) -> list[Person]:
    return [
        Person(CADRE, cid, name, sex, position or "", unit or "", "", birth)
        for cid, name, sex, position, unit, birth in session.execute(stmt).all()
    ]


def _cadre_select() -> Any:
    return select(
        UnionCadre.id,
        UnionCadre.full_name,
        UnionCadre.sex,
        UnionCadre.position,
        UnionCadre.work_unit,
        UnionCadre.birth_year,
    ).where(_live(UnionCadre))


def candidates(
    session: Session,
    commune_codes: Collection[str],
    owned_codes: Collection[str],
    lang: str = "vi",
) -> list[Person]:
    """Everyone the officer may name as an attendee: the managers of the live HTX and THT of
    her communes and the cadres her unit recorded, sorted by name."""
    people: list[Person] = []
    for chunk in _chunks(sorted(commune_codes)):
        people += _managers(
            session,
            _manager_select().where(
                or_(Cooperative.commune_code.in_(chunk), CooperativeGroup.commune_code.in_(chunk))
            ),
            lang,
        )
    for chunk in _chunks(sorted(owned_codes)):
        people += _cadres(session, _cadre_select().where(UnionCadre.unit_code.in_(chunk)))
    return _sort(people)


def attendees(session: Session, training_id: str, lang: str = "vi") -> list[Person]:
    """The live named attendees of one session, sorted by name."""
    live_attendance = (
        select(TrainingAttendance.manager_id, TrainingAttendance.cadre_id)
        .where(TrainingAttendance.session_id == training_id, _live(TrainingAttendance))
        .subquery()
    )
    managers = _managers(
        session,
        _manager_select().where(Manager.id.in_(select(live_attendance.c.manager_id))),
        lang,
    )
    cadres = _cadres(
        session, _cadre_select().where(UnionCadre.id.in_(select(live_attendance.c.cadre_id)))
    )
    return _sort(managers + cadres)


@dataclass(frozen=True)
class AttendanceChange:
    added: int
    removed: int


def _check_people(
    session: Session, model: type[Manager] | type[UnionCadre], ids: set[str], what: str
) -> None:
    found: set[str] = set()
    for chunk in _chunks(sorted(ids)):
        found.update(session.scalars(select(model.id).where(model.id.in_(chunk), _live(model))))
    missing = ids - found
    if missing:
        raise AttendanceError(
            f"Không tìm thấy {len(missing)} {what} trong danh sách học viên đã chọn; "
            "có thể họ vừa bị xóa. Hãy mở lại danh sách và chọn lại."
        )


def set_attendees(
    session: Session,
    training_id: str,
    manager_ids: Iterable[str],
    cadre_ids: Iterable[str],
    unit_code: str,
) -> AttendanceChange:
    """Make the session's named attendees exactly these managers and cadres.

    New attendees get a TrainingAttendance owned by `unit_code`; removed ones are tombstoned;
    a person removed earlier and chosen again gets her old row back (revived, revision raised)."""
    get_record(session, "training_session", training_id)  # raises if deleted or unknown
    wanted = {(MANAGER, i) for i in manager_ids} | {(CADRE, i) for i in cadre_ids}
    _check_people(session, Manager, {i for k, i in wanted if k == MANAGER}, "người quản lý")
    _check_people(session, UnionCadre, {i for k, i in wanted if k == CADRE}, "cán bộ Hội")
    rows: dict[tuple[str, str], list[TrainingAttendance]] = defaultdict(list)
    for row in session.scalars(
        select(TrainingAttendance)
        .where(TrainingAttendance.session_id == training_id)
        .order_by(TrainingAttendance.created_at)
    ):
        key = (MANAGER, row.manager_id) if row.manager_id else (CADRE, row.cadre_id or "")
        rows[key].append(row)
    added = removed = 0
    now = utcnow()
    for key, existing in rows.items():
        if key in wanted:
            continue
        for row in existing:
            if not row.deleted:
                row.deleted = True
                row.deleted_at = now
                removed += 1
    for key in sorted(wanted):
        existing = rows.get(key, [])
        if any(not row.deleted for row in existing):
            continue
        if existing:
            existing[0].deleted = False
            existing[0].deleted_at = None
        else:
            kind, person_id = key
            session.add(
                TrainingAttendance(
                    id=new_uuid(),
                    unit_code=unit_code,
                    session_id=training_id,
                    manager_id=person_id if kind == MANAGER else None,
                    cadre_id=person_id if kind == CADRE else None,
                )
            )
        added += 1
    session.flush()
    return AttendanceChange(added, removed)


def untrained_female_managers(
    session: Session,
    commune_codes: Collection[str],
    as_of: date | None = None,
    lang: str = "vi",
) -> list[Person]:
    """Women in an HTX management role, in a live HTX of these communes that is not dissolved,
    who have attended no live session on management ("quan_tri") started by `as_of` (today).

    The population is the one of the plan's indicator "100 % nữ quản lý HTX được tập huấn"
    (see `indicators.progress`), so ticking people off here moves that indicator. Sessions
    recorded by any unit count: a province course trains a commune's manager just the same."""
    end = as_of or date.today()
    women: list[Any] = []
    for chunk in _chunks(sorted(commune_codes)):
        stmt = _manager_select().where(
            Cooperative.commune_code.in_(chunk), Cooperative.status != DISSOLVED
        )
        women += [
            row
            for row in session.execute(stmt).all()
            if is_female_htx_manager(ManagerFact(row.role, row.sex))
        ]
    sessions: dict[str, list[SessionFact]] = defaultdict(list)
    for chunk in _chunks([row.id for row in women]):
        for manager_id, start, topics in session.execute(
            select(
                TrainingAttendance.manager_id, TrainingSession.start_date, TrainingSession.topics
            )
            .join(TrainingSession, TrainingAttendance.session_id == TrainingSession.id)
            .where(
                TrainingAttendance.manager_id.in_(chunk),
                _live(TrainingAttendance),
                _live(TrainingSession),
            )
        ).all():
            sessions[manager_id].append(SessionFact(start, tuple(topics or ())))
    untrained = [row for row in women if not attended_by(sessions[row.id], end, {TOPIC_MANAGEMENT})]
    return _sort(_people(session, untrained, lang))
