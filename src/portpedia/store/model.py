"""Plain values the store returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The answers to "Was this page helpful?", worst first: the only place they are listed.
REACTIONS: tuple[str, ...] = ("disappointed", "unsure", "happy")


@dataclass(frozen=True, slots=True)
class Totals:
    """How many visitors chose each reaction on one page."""

    disappointed: int = 0
    unsure: int = 0
    happy: int = 0

    @property
    def total(self) -> int:
        return self.disappointed + self.unsure + self.happy

    def as_dict(self) -> dict[str, int]:
        return {
            "disappointed": self.disappointed,
            "unsure": self.unsure,
            "happy": self.happy,
            "total": self.total,
        }


@dataclass(frozen=True, slots=True)
class PageStats:
    """One line of ``FeedbackStore.stats()``."""

    page: str
    counts: Totals
    last_vote: datetime  # UTC; the newest created_at/updated_at on the page

    @property
    def total(self) -> int:
        return self.counts.total

    def as_dict(self) -> dict[str, object]:
        return {"page": self.page, **self.counts.as_dict(), "last_vote": self.last_vote.isoformat()}


@dataclass(frozen=True, slots=True)
class Vote:
    """One stored vote as exported: deliberately without the visitor id."""

    page: str
    language: str
    reaction: str
    comment: str | None
    created_at: datetime  # UTC
    updated_at: datetime  # UTC

    def as_dict(self) -> dict[str, object]:
        return {
            "page": self.page,
            "language": self.language,
            "reaction": self.reaction,
            "comment": self.comment,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }
