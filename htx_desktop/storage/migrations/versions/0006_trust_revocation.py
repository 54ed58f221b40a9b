"""revoked and retired trusted signers

A trusted certificate is no longer deleted to stop trusting it: `revoked_at` (a lost laptop,
an officer who left) and `retired_at` (replaced by the unit's new key) keep it in the store
with the time the receiver stopped trusting it; bundles it signs are refused from then on.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 03:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("trusted_signer") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # Older versions know only trusted or absent: what was revoked or retired goes.
    op.execute("DELETE FROM trusted_signer WHERE revoked_at IS NOT NULL OR retired_at IS NOT NULL")
    with op.batch_alter_table("trusted_signer") as batch:
        batch.drop_column("retired_at")
        batch.drop_column("revoked_at")
