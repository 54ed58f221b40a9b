"""report narrative: the officer's own sections of a periodic or consolidated report

The assessment, difficulties, causes, proposals and next period's tasks she writes in the
report screen, one row per unit, period and section, so that the text survives between
previews and sessions and prints with the figures around it (PDF and Word).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_narrative",
        sa.Column("unit_code", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "unit_code", "period", "section", name=op.f("pk_report_narrative")
        ),
    )


def downgrade() -> None:
    op.drop_table("report_narrative")
