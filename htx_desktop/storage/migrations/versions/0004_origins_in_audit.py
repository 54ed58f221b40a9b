"""import origins kept in the audit trail

Every imported record had two rows, an "import" audit entry and a record_origin row, each with
an index on a random UUID; at national scale those two indexes were a fifth of the pages a
merge writes. The audit entry now carries the origin and record_origin goes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 15:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: SQLAlchemy's text form of a time in SQLite ("YYYY-MM-DD HH:MM:SS.ffffff").
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_sha256", sa.String(length=64), nullable=True))
    # Imports after the audit trail existed: their entries gain the origin.
    op.execute(
        """
        UPDATE audit_entry SET origin_sha256 = (
            SELECT o.bundle_sha256 FROM record_origin o
            WHERE o.record_id = audit_entry.record_id
              AND o.via_bundle_sha256 = audit_entry.bundle_sha256
        )
        WHERE action = 'import' AND EXISTS (
            SELECT 1 FROM record_origin o
            WHERE o.record_id = audit_entry.record_id
              AND o.via_bundle_sha256 = audit_entry.bundle_sha256
        )
        """
    )
    # Imports from before it: one entry each, dated when the bundle was received.
    op.execute(
        f"""
        INSERT INTO audit_entry (at, officer, table_name, record_id, action, field, old_value,
                                 new_value, bundle_sha256, origin_sha256)
        SELECT COALESCE(
                   (SELECT min(l.received_at) FROM import_ledger l
                    WHERE l.bundle_sha256 = COALESCE(o.via_bundle_sha256, o.bundle_sha256)),
                   {_NOW}),
               '', o.table_name, o.record_id, 'import', NULL, NULL,
               '{{"revision": ' || o.revision || '}}',
               COALESCE(o.via_bundle_sha256, o.bundle_sha256),
               CASE WHEN o.via_bundle_sha256 IS NOT NULL THEN o.bundle_sha256 END
        FROM record_origin o
        WHERE NOT EXISTS (
            SELECT 1 FROM audit_entry a WHERE a.record_id = o.record_id AND a.action = 'import'
        )
        ORDER BY o.rowid
        """
    )
    with op.batch_alter_table("record_origin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_origin_bundle_sha256"))
    op.drop_table("record_origin")


def downgrade() -> None:
    op.create_table(
        "record_origin",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("bundle_sha256", sa.String(length=64), nullable=False),
        sa.Column("via_bundle_sha256", sa.String(length=64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_record_origin")),
    )
    with op.batch_alter_table("record_origin", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_record_origin_bundle_sha256"), ["bundle_sha256"], unique=False
        )
    # The latest import of each record wins, as it did when origins were replaced on import.
    op.execute(
        """
        INSERT OR REPLACE INTO record_origin
            (record_id, table_name, bundle_sha256, via_bundle_sha256, revision)
        SELECT record_id, table_name, COALESCE(origin_sha256, bundle_sha256),
               CASE WHEN origin_sha256 IS NOT NULL THEN bundle_sha256 END,
               COALESCE(json_extract(new_value, '$.revision'), 0)
        FROM audit_entry WHERE action = 'import' AND bundle_sha256 IS NOT NULL
        ORDER BY id
        """
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("origin_sha256")
