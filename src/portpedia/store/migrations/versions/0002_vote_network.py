"""feedback_votes.network: the keyed daily hash that bounds new votes per network and page

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # HMAC(secret, UTC day + network prefix), chosen by the web layer; never an address.
    # Older votes have none: they count against no bound.
    op.add_column("feedback_votes", sa.Column("network", sa.String(64), nullable=True))
    op.create_index("ix_feedback_votes_page_network", "feedback_votes", ["page", "network"])


def downgrade() -> None:
    op.drop_index("ix_feedback_votes_page_network", table_name="feedback_votes")
    with op.batch_alter_table("feedback_votes") as batch:
        batch.drop_column("network")
