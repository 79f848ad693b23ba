"""The tables as SQLAlchemy sees them for queries. They are created only by the migrations
in ``migrations/versions``; a test checks that both agree."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

MAX_COMMENT = 500
MAX_PAGE = 200
MAX_LANGUAGE = 35
MAX_VISITOR = 128
# A keyed, daily-rotating hash of the voter's network (see web/feedback.py): never an address.
MAX_NETWORK = 64

metadata = MetaData()

feedback_votes = Table(
    "feedback_votes",
    metadata,
    # INTEGER (not BIGINT) on SQLite so the column aliases the rowid and autoincrements.
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("page", String(MAX_PAGE), nullable=False),
    Column("language", String(MAX_LANGUAGE), nullable=False),
    Column("visitor", String(MAX_VISITOR), nullable=False),
    Column("reaction", String(12), nullable=False),
    Column("comment", String(MAX_COMMENT), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("network", String(MAX_NETWORK), nullable=True),
    UniqueConstraint("page", "visitor", name="uq_feedback_votes_page_visitor"),
    CheckConstraint(
        "reaction IN ('disappointed', 'unsure', 'happy')", name="ck_feedback_votes_reaction"
    ),
    Index("ix_feedback_votes_updated_at", "updated_at"),
    Index("ix_feedback_votes_page_network", "page", "network"),
)
