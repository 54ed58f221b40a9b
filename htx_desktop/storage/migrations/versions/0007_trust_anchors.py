"""trust anchors: CA certificates and their revocation lists

A receiver installs the certificate authority's root and intermediate certificates; a bundle
signed by an officer's token certificate is valid when it chains to one of them. Each anchor
keeps the newest revocation list imported for it (carried on a USB stick, no network).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 04:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trust_anchor",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("crl_der", sa.LargeBinary(), nullable=True),
        sa.Column("crl_this_update", sa.DateTime(), nullable=True),
        sa.Column("crl_next_update", sa.DateTime(), nullable=True),
        sa.Column("crl_imported_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_trust_anchor")),
    )


def downgrade() -> None:
    op.drop_table("trust_anchor")
