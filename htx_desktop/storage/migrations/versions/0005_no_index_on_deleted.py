"""no index on the tombstone flag

Almost every record is live, so an index on `deleted` selects nothing, yet without table
statistics SQLite's planner prefers it: the duplicate-registration check of an import then
read every live cooperative (33 ms per bundle at national scale, growing with the database),
and list queries risked the same. The indexes also cost a write per record.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 16:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "cooperative",
    "cooperative_group",
    "manager",
    "period_figures",
    "union_cadre",
    "training_session",
    "training_attendance",
)


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_deleted", table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_deleted", table, ["deleted"], unique=False)
