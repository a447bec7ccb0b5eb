"""How the review backlog is doing (``wikitool review stats``)."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from wikitool.gitstore import WikiStore
from wikitool.review.events import SuggestionState
from wikitool.review.listing import DAY, suggestion_index


@dataclass(frozen=True)
class MonthStats:
    """Decisions taken in one calendar month (UTC)."""

    month: str
    merged: int
    rejected: int


@dataclass(frozen=True)
class ReviewStats:
    """Backlog size and age, time to decision, and decisions per month."""

    open: int
    oldest_days: float | None
    median_age_days: float | None
    decided: int
    median_days_to_decision: float | None
    rejected_by_reason: dict[str, int]
    months: list[MonthStats]

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form (stable keys)."""
        return {
            "open": self.open,
            "oldest_days": self.oldest_days,
            "median_age_days": self.median_age_days,
            "decided": self.decided,
            "median_days_to_decision": self.median_days_to_decision,
            "rejected_by_reason": dict(sorted(self.rejected_by_reason.items())),
            "months": [
                {"month": m.month, "merged": m.merged, "rejected": m.rejected} for m in self.months
            ],
        }


def review_stats(store: WikiStore, *, now: int | None = None) -> ReviewStats:
    """Figures over every suggestion the review logs know."""
    moment = int(time.time()) if now is None else now
    entries = suggestion_index(store)
    ages = [(moment - e.submitted) / DAY for e in entries if e.state is SuggestionState.OPEN]
    decided = [e for e in entries if e.decided is not None]
    waits = [(e.decided - e.submitted) / DAY for e in decided if e.decided is not None]
    months: dict[str, list[int]] = {}
    reasons: dict[str, int] = {}
    for entry in decided:
        assert entry.decided is not None
        month = datetime.fromtimestamp(entry.decided, UTC).strftime("%Y-%m")
        counts = months.setdefault(month, [0, 0])
        if entry.state is SuggestionState.MERGED:
            counts[0] += 1
        else:
            counts[1] += 1
            reason = entry.reason or "unknown"
            reasons[reason] = reasons.get(reason, 0) + 1
    return ReviewStats(
        open=len(ages),
        oldest_days=_round(max(ages)) if ages else None,
        median_age_days=_round(statistics.median(ages)) if ages else None,
        decided=len(decided),
        median_days_to_decision=_round(statistics.median(waits)) if waits else None,
        rejected_by_reason=reasons,
        months=[MonthStats(m, c[0], c[1]) for m, c in sorted(months.items())],
    )


def _round(days: float) -> float:
    return round(days, 1)
