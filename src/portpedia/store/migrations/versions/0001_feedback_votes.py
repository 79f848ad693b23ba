"""feedback_votes: one "was this page helpful?" vote per visitor and page

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_votes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("page", sa.String(200), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        # A salted hash chosen by the web layer; never an IP address.
        sa.Column("visitor", sa.String(128), nullable=False),
        sa.Column("reaction", sa.String(12), nullable=False),
        sa.Column("comment", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("page", "visitor", name="uq_feedback_votes_page_visitor"),
        sa.CheckConstraint(
            "reaction IN ('disappointed', 'unsure', 'happy')", name="ck_feedback_votes_reaction"
        ),
    )
    op.create_index("ix_feedback_votes_updated_at", "feedback_votes", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_feedback_votes_updated_at", table_name="feedback_votes")
    op.drop_table("feedback_votes")
