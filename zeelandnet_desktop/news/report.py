"""What a refresh round reports: one outcome per feed, and the round as a whole. Values only,
for the views and the command line; the round itself is refresh.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import OFFLINE, FeedProblem

OK = "ok"
NOT_MODIFIED = "not_modified"
SKIPPED = "skipped"
PROBLEM = "problem"


@dataclass(frozen=True)
class FeedOutcome:
    url: str  # catalogue URL
    category: str
    name: str
    status: str  # OK, NOT_MODIFIED, SKIPPED or PROBLEM
    problem: FeedProblem | None = None  # set for PROBLEM (and SKIPPED by a rate limit)
    new_ids: tuple[str, ...] = ()
    entries: int = 0  # articles in the fetched document
    bytes_received: int = 0  # decoded body bytes
    # When the feed may be fetched again: for SKIPPED, and for a PROBLEM of a site that asked
    # us to wait (429/503 with Retry-After).
    next_allowed: datetime | None = None


@dataclass(frozen=True)
class RefreshReport:
    started: datetime
    finished: datetime
    outcomes: tuple[FeedOutcome, ...] = field(default_factory=tuple)

    @property
    def new_ids(self) -> tuple[str, ...]:
        return tuple(i for o in self.outcomes for i in o.new_ids)

    @property
    def attempted(self) -> tuple[FeedOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status != SKIPPED)

    @property
    def problems(self) -> tuple[FeedOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == PROBLEM)

    @property
    def any_success(self) -> bool:
        return any(o.status in (OK, NOT_MODIFIED) for o in self.outcomes)

    @property
    def all_failed(self) -> bool:
        """Something was attempted and nothing worked (skipped feeds don't count)."""
        attempted = self.attempted
        return bool(attempted) and all(o.status == PROBLEM for o in attempted)

    @property
    def offline(self) -> bool:
        """Every attempted feed failed for lack of a network: show the offline banner."""
        attempted = self.attempted
        return bool(attempted) and all(
            o.problem is not None and o.problem.kind == OFFLINE for o in attempted
        )

    @property
    def bytes_received(self) -> int:
        return sum(o.bytes_received for o in self.outcomes)
