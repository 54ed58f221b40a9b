"""Typed models for every record of the scheme (see DOMAIN.md).

Choice fields store the stable key from `forms/*.toml` (e.g. ``"nong_nghiep"``), never the
label, so that a change of wording or language does not change stored data.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from htx_desktop.storage.base import Base, SyncedRecord, new_uuid, utcnow


class AdministrativeUnit(Base):
    """An official province or commune (codes from `vietnam-provinces`), or an officer-defined
    district group of communes. Reference data: not exchanged as records."""

    __tablename__ = "administrative_unit"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16), index=True)  # province | district | commune
    province_code: Mapped[str | None] = mapped_column(String(8), index=True)
    division_type: Mapped[str | None] = mapped_column(String(40))
    search_key: Mapped[str] = mapped_column(String(200), default="")
    official: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[DistrictMember]] = relationship(
        back_populates="district",
        foreign_keys="DistrictMember.district_code",
        cascade="all, delete-orphan",
    )


class DistrictMember(Base):
    """Membership of an official commune in an officer-defined district group."""

    __tablename__ = "district_member"

    district_code: Mapped[str] = mapped_column(
        ForeignKey("administrative_unit.code", ondelete="CASCADE"), primary_key=True
    )
    commune_code: Mapped[str] = mapped_column(
        ForeignKey("administrative_unit.code"), primary_key=True, index=True
    )

    district: Mapped[AdministrativeUnit] = relationship(
        back_populates="members", foreign_keys=[district_code]
    )


class OfficerProfile(Base):
    """The person using this database and the unit she reports for (one row)."""

    __tablename__ = "officer_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("administrative_unit.code"))
    level: Mapped[str] = mapped_column(String(16))
    officer_name: Mapped[str] = mapped_column(String(200))
    officer_title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="vi")
    device_id: Mapped[str] = mapped_column(String(36), default=new_uuid)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[AdministrativeUnit] = relationship()


class Cooperative(SyncedRecord, Base):
    """Hợp tác xã (HTX)."""

    __tablename__ = "cooperative"

    name: Mapped[str] = mapped_column(String(300))
    registration_code: Mapped[str | None] = mapped_column(String(32), index=True)
    commune_code: Mapped[str] = mapped_column(String(32), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    sector: Mapped[str] = mapped_column(String(40))
    ocop_products: Mapped[str | None] = mapped_column(String(300))
    ocop_stars: Mapped[int | None] = mapped_column(Integer)
    established_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="hoat_dong")
    union_supported: Mapped[bool] = mapped_column(Boolean, default=False)
    union_support_year: Mapped[int | None] = mapped_column(Integer)
    newly_founded: Mapped[bool] = mapped_column(Boolean, default=False)
    charter_capital: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    value_chain: Mapped[bool] = mapped_column(Boolean, default=False)
    ecommerce: Mapped[bool] = mapped_column(Boolean, default=False)
    difficult_area: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(String(600), default="")

    managers: Mapped[list[Manager]] = relationship(
        back_populates="cooperative", foreign_keys="Manager.cooperative_id"
    )
    figures: Mapped[list[PeriodFigures]] = relationship(
        back_populates="cooperative", foreign_keys="PeriodFigures.cooperative_id"
    )


class CooperativeGroup(SyncedRecord, Base):
    """Tổ hợp tác (THT)."""

    __tablename__ = "cooperative_group"

    name: Mapped[str] = mapped_column(String(300))
    commune_code: Mapped[str] = mapped_column(String(32), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    contract_date: Mapped[date | None] = mapped_column(Date)
    leader_name: Mapped[str | None] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="hoat_dong")
    union_supported: Mapped[bool] = mapped_column(Boolean, default=False)
    union_support_year: Mapped[int | None] = mapped_column(Integer)
    newly_founded: Mapped[bool] = mapped_column(Boolean, default=False)
    difficult_area: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(String(600), default="")

    managers: Mapped[list[Manager]] = relationship(
        back_populates="group", foreign_keys="Manager.group_id"
    )
    figures: Mapped[list[PeriodFigures]] = relationship(
        back_populates="group", foreign_keys="PeriodFigures.group_id"
    )


class Manager(SyncedRecord, Base):
    """A person holding one role in one HTX or THT (exactly one of the two links is set)."""

    __tablename__ = "manager"

    cooperative_id: Mapped[str | None] = mapped_column(ForeignKey("cooperative.id"), index=True)
    group_id: Mapped[str | None] = mapped_column(ForeignKey("cooperative_group.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    full_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(8))  # nu | nam
    birth_year: Mapped[int | None] = mapped_column(Integer)
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(20))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(String(300), default="")

    cooperative: Mapped[Cooperative | None] = relationship(
        back_populates="managers", foreign_keys=[cooperative_id]
    )
    group: Mapped[CooperativeGroup | None] = relationship(
        back_populates="managers", foreign_keys=[group_id]
    )


class PeriodFigures(SyncedRecord, Base):
    """Members, workers and money of one HTX or THT for one half-year (``YYYY-H1``/``YYYY-H2``)."""

    __tablename__ = "period_figures"

    cooperative_id: Mapped[str | None] = mapped_column(ForeignKey("cooperative.id"), index=True)
    group_id: Mapped[str | None] = mapped_column(ForeignKey("cooperative_group.id"), index=True)
    period: Mapped[str] = mapped_column(String(8), index=True)
    members_total: Mapped[int] = mapped_column(Integer, default=0)
    members_female: Mapped[int] = mapped_column(Integer, default=0)
    workers_total: Mapped[int] = mapped_column(Integer, default=0)
    workers_female: Mapped[int] = mapped_column(Integer, default=0)
    workers_ethnic_minority: Mapped[int] = mapped_column(Integer, default=0)
    workers_poor: Mapped[int] = mapped_column(Integer, default=0)
    workers_disabled: Mapped[int] = mapped_column(Integer, default=0)
    revenue: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    avg_monthly_income: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))

    cooperative: Mapped[Cooperative | None] = relationship(
        back_populates="figures", foreign_keys=[cooperative_id]
    )
    group: Mapped[CooperativeGroup | None] = relationship(
        back_populates="figures", foreign_keys=[group_id]
    )


class UnionCadre(SyncedRecord, Base):
    """Cán bộ Hội: a Women's Union officer at any level."""

    __tablename__ = "union_cadre"

    full_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(8), default="nu")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    work_unit: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(16), default="commune")
    position: Mapped[str] = mapped_column(String(200))
    works_on_coops: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str | None] = mapped_column(String(20))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(String(300), default="")


class TrainingSession(SyncedRecord, Base):
    """Lớp tập huấn / bồi dưỡng, with named attendees and counts of other participants."""

    __tablename__ = "training_session"

    title: Mapped[str] = mapped_column(String(300))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(300))
    organiser: Mapped[str | None] = mapped_column(String(300))
    funding_source: Mapped[str | None] = mapped_column(String(40))
    other_members: Mapped[int] = mapped_column(Integer, default=0)
    other_workers: Mapped[int] = mapped_column(Integer, default=0)
    other_women: Mapped[int] = mapped_column(Integer, default=0)
    women_difficult_area: Mapped[int] = mapped_column(Integer, default=0)
    women_poor: Mapped[int] = mapped_column(Integer, default=0)
    women_disabled: Mapped[int] = mapped_column(Integer, default=0)
    women_reintegrated: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(String(600), default="")

    attendances: Mapped[list[TrainingAttendance]] = relationship(back_populates="session")


class TrainingAttendance(SyncedRecord, Base):
    """One named person (a manager or a cadre) attending one session."""

    __tablename__ = "training_attendance"

    session_id: Mapped[str] = mapped_column(ForeignKey("training_session.id"), index=True)
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("manager.id"), index=True)
    cadre_id: Mapped[str | None] = mapped_column(ForeignKey("union_cadre.id"), index=True)

    session: Mapped[TrainingSession] = relationship(back_populates="attendances")
    manager: Mapped[Manager | None] = relationship()
    cadre: Mapped[UnionCadre | None] = relationship()


#: Record types that travel in bundles, in dependency order (parents before children).
SYNCED_MODELS: tuple[type[SyncedRecord], ...] = (
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
    UnionCadre,
    TrainingSession,
    TrainingAttendance,
)


class OfficerCredential(Base):
    """The officer's signing certificate; the private key lives in a passphrase-encrypted file
    readable only by her (never in the database, a bundle or a log)."""

    __tablename__ = "officer_credential"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(500))
    certificate_pem: Mapped[str] = mapped_column(Text)
    key_file: Mapped[str] = mapped_column(String(500))
    not_after: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TrustedSigner(Base):
    """A sender's certificate registered at the receiving unit, tied to the unit the receiving
    officer chose among her own units (the certificate's own claim is only a suggestion).

    A certificate is never deleted: revoked (a lost laptop, an officer who left) or retired
    (replaced by her new key), it stays with the time it stopped being trusted, so the
    ledger's older entries still name a signer and the same certificate cannot be trusted
    again by mistake."""

    __tablename__ = "trusted_signer"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    certificate_pem: Mapped[str] = mapped_column(Text)
    not_after: Mapped[datetime] = mapped_column(DateTime)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class TrustAnchor(Base):
    """A certification authority's certificate (root or intermediate) the receiver installed:
    officers' token certificates that chain to it are valid signatures, though each signer
    is still tied to a unit by the receiver (`TrustedSigner`). The newest revocation list
    imported for it is kept whole, so it can be checked again and shown with its age."""

    __tablename__ = "trust_anchor"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(500))
    certificate_pem: Mapped[str] = mapped_column(Text)
    not_after: Mapped[datetime] = mapped_column(DateTime)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    crl_der: Mapped[bytes | None] = mapped_column(LargeBinary)
    crl_this_update: Mapped[datetime | None] = mapped_column(DateTime)
    crl_next_update: Mapped[datetime | None] = mapped_column(DateTime)
    crl_imported_at: Mapped[datetime | None] = mapped_column(DateTime)


class ImportLedger(Base):
    """Every bundle this database has seen, whatever became of it."""

    __tablename__ = "import_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    unit_code: Mapped[str | None] = mapped_column(String(32), index=True)
    period: Mapped[str | None] = mapped_column(String(8), index=True)
    signer_fingerprint: Mapped[str | None] = mapped_column(String(64))
    signer_name: Mapped[str | None] = mapped_column(String(300))
    created_at_source: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    result: Mapped[str] = mapped_column(String(20))  # imported | no_change | rejected
    signed: Mapped[bool] = mapped_column(Boolean, default=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    message: Mapped[str | None] = mapped_column(Text)


class AuditEntry(Base):
    """One change to one record, kept for the officer's per-record history ("who changed what,
    when"). Values are kept as they were (JSON-encoded): the history is part of the database
    the officer controls, like the records themselves; it never travels in a bundle and never
    reaches a log."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    officer: Mapped[str] = mapped_column(String(200), default="")
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete | import
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    bundle_sha256: Mapped[str | None] = mapped_column(String(64))
    #: For an import: the commune bundle the record first came in, when it arrived through a
    #: district's bundle (``bundle_sha256``); None when the imported bundle is the origin.
    origin_sha256: Mapped[str | None] = mapped_column(String(64))


class ReportNarrative(Base):
    """One narrative section of a unit's report for one period (the assessment, difficulties,
    causes, proposals, next period's tasks), as the officer wrote it in the report screen.

    Kept per unit and period, not in a report file: she writes it over days between previews,
    and the next report's figures change while her text must stay. It is hers, not a record of
    the scheme, so it never travels in a bundle."""

    __tablename__ = "report_narrative"

    unit_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(8), primary_key=True)  # "2025-H1", "2025"
    section: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
