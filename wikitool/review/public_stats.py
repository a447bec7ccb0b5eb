"""The figures of the public ``/stats/`` page and its ``stats.json``: how quickly the
agency answers suggestions, read from the review logs as they stood at a given moment.

One pass: each ``refs/reviews/<id>`` log is read once, back to its ``submitted`` event,
and only what the public may see is kept of it (when it was submitted, first answered
and decided, its state and its guide's top-level folder): never a name, an e-mail or a
word anyone wrote. Events after ``now`` are ignored, so a build at a given commit (whose
date is ``now``) gives the same figures whenever it runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from wikitool.gitstore import WikiStore
from wikitool.guides.paths import CONTENT_DIR
from wikitool.review.events import EventKind, ReviewEvent, SuggestionState, suggestion_state
from wikitool.review.log import REVIEWS_PREFIX, read_events

DAY = 86_400
WINDOW_DAYS = 90
"""Times to answer and to decide, and the share accepted, are over this many days."""
MONTHS = 12
"""How many calendar months (UTC, the current one last) the monthly figures cover."""
STAFF_RESPONSES = frozenset(
    {
        EventKind.COMMENT,
        EventKind.QUESTION,
        EventKind.APPROVE,
        EventKind.REQUEST_CHANGES,
        EventKind.REJECT,
        EventKind.MERGE,
    }
)
"""Events that are staff answering a suggestion (a question to the citizen is; a
citizen's +1, support or answer is not; nor is an ``amend``, which records that the
branch moved, not that anyone was answered)."""
_DECISIONS = frozenset({EventKind.MERGE, EventKind.REJECT})
AGE_GROUPS = ((7, "under_7_days"), (30, "7_to_30_days"), (90, "30_to_90_days"))
"""Open suggestions' ages are counted in these groups (upper bound in days, key), and
``over_90_days``."""


def share_accepted(accepted: int, rejected: int) -> float | None:
    """Accepted among those decided (0 to 1, three decimals), ``None`` if none were."""
    decided = accepted + rejected
    return round(accepted / decided, 3) if decided else None


@dataclass(frozen=True)
class Timeline:
    """What the public may know of one suggestion at ``now``: times in seconds."""

    folder: str
    """The top-level folder under ``content/`` of its guide ("" for a page at the top)."""
    state: SuggestionState
    submitted: int
    first_response: int | None
    decided: int | None


def timeline(events: Sequence[ReviewEvent], now: int) -> Timeline | None:
    """One suggestion's timeline from its log (oldest first) as it stood at ``now``;
    ``None`` if it was not yet submitted then."""
    seen = [e for e in events if e.time <= now]
    if not seen or seen[0].kind is not EventKind.SUBMITTED:
        return None
    responses = [e.time for e in seen[1:] if e.kind in STAFF_RESPONSES]
    state = suggestion_state(seen)
    decided = (
        None
        if state is SuggestionState.OPEN
        else next(e.time for e in reversed(seen) if e.kind in _DECISIONS)
    )
    return Timeline(
        folder=_folder(seen[0].data.get("Guide", "")),
        state=state,
        submitted=seen[0].time,
        first_response=responses[0] if responses else None,
        decided=decided,
    )


def _folder(guide: str) -> str:
    parts = guide.removeprefix(CONTENT_DIR + "/").split("/")
    return parts[0] if len(parts) > 1 else ""


def read_timelines(store: WikiStore, now: int) -> list[Timeline]:
    """Every suggestion's timeline at ``now`` (cheap when there are no review logs)."""
    out = []
    for ref, tip in sorted(store.refs(REVIEWS_PREFIX).items()):
        line = timeline(read_events(store, ref.removeprefix(REVIEWS_PREFIX), tip), now)
        if line is not None:
            out.append(line)
    return out


@dataclass(frozen=True)
class Answers:
    """How a set of suggestions was answered within the window."""

    open: int
    """Open at ``now`` (whenever submitted)."""
    responded: int
    """First answered by staff within the window."""
    median_days_to_first_response: float | None
    accepted: int
    """Merged within the window."""
    rejected: int
    """Rejected within the window."""
    median_days_to_decision: float | None

    @property
    def share_accepted(self) -> float | None:
        """Accepted among those decided within the window (0 to 1), ``None`` if none."""
        return share_accepted(self.accepted, self.rejected)

    def to_json(self) -> dict[str, object]:
        """The figures' ``stats.json`` form."""
        return {
            "open": self.open,
            "responded": self.responded,
            "median_days_to_first_response": self.median_days_to_first_response,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "share_accepted": self.share_accepted,
            "median_days_to_decision": self.median_days_to_decision,
        }


def answers(lines: Iterable[Timeline], now: int) -> Answers:
    """The figures of ``lines`` over the window ending at ``now``."""
    start = now - WINDOW_DAYS * DAY
    opened = responded = accepted = rejected = 0
    waits: list[float] = []
    decisions: list[float] = []
    for line in lines:
        opened += line.state is SuggestionState.OPEN
        if line.first_response is not None and line.first_response > start:
            responded += 1
            waits.append((line.first_response - line.submitted) / DAY)
        if line.decided is not None and line.decided > start:
            accepted += line.state is SuggestionState.MERGED
            rejected += line.state is SuggestionState.REJECTED
            decisions.append((line.decided - line.submitted) / DAY)
    return Answers(opened, responded, _median(waits), accepted, rejected, _median(decisions))


@dataclass(frozen=True)
class Month:
    """Suggestions submitted and decided in one calendar month (UTC)."""

    month: str
    """``2026-11``."""
    submitted: int
    accepted: int
    rejected: int

    @property
    def share_accepted(self) -> float | None:
        """Accepted among those decided that month (0 to 1), ``None`` if none."""
        return share_accepted(self.accepted, self.rejected)

    def to_json(self) -> dict[str, object]:
        """The month's ``stats.json`` form."""
        return {
            "month": self.month,
            "submitted": self.submitted,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "share_accepted": self.share_accepted,
        }


def months(lines: Sequence[Timeline], now: int, count: int = MONTHS) -> list[Month]:
    """The last ``count`` calendar months to ``now``'s, oldest first, empty ones too."""
    moment = datetime.fromtimestamp(now, UTC)
    keys = []
    year, month = moment.year, moment.month
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    tally = {key: [0, 0, 0] for key in keys}
    for line in lines:
        _count(tally, line.submitted, 0)
        if line.decided is not None:
            _count(tally, line.decided, 1 if line.state is SuggestionState.MERGED else 2)
    return [Month(key, *tally[key]) for key in keys]


def _count(tally: dict[str, list[int]], moment: int, column: int) -> None:
    key = datetime.fromtimestamp(moment, UTC).strftime("%Y-%m")
    if key in tally:
        tally[key][column] += 1


@dataclass(frozen=True)
class PublicStats:
    """Everything the stats page and ``stats.json`` show, at ``now``."""

    now: int
    overall: Answers
    open_ages: dict[str, int]
    """Open suggestions by age group (``AGE_GROUPS`` keys and ``over_90_days``)."""
    median_open_age_days: float | None
    oldest_open_age_days: float | None
    folders: dict[str, Answers]
    """By top-level folder ("" for pages at the top), sorted by folder."""
    months: list[Month]


def public_stats(lines: Sequence[Timeline], now: int) -> PublicStats:
    """The figures of the stats page from the suggestions' timelines at ``now``."""
    ages = sorted((now - t.submitted) / DAY for t in lines if t.state is SuggestionState.OPEN)
    groups = {key: 0 for _, key in AGE_GROUPS} | {"over_90_days": 0}
    for age in ages:
        key = next((k for limit, k in AGE_GROUPS if age < limit), "over_90_days")
        groups[key] += 1
    by_folder: dict[str, list[Timeline]] = {}
    for line in lines:
        by_folder.setdefault(line.folder, []).append(line)
    return PublicStats(
        now=now,
        overall=answers(lines, now),
        open_ages=groups,
        median_open_age_days=_median(ages),
        oldest_open_age_days=round(ages[-1], 1) if ages else None,
        folders={f: answers(by_folder[f], now) for f in sorted(by_folder)},
        months=months(lines, now),
    )


def read_public_stats(store: WikiStore, now: int) -> PublicStats:
    """The stats page's figures from the review logs as they stood at ``now``."""
    return public_stats(read_timelines(store, now), now)


def _median(days: list[float]) -> float | None:
    if not days:
        return None
    # Loaded here: a wiki with no decided suggestion builds its stats page without
    # statistics (and the fractions module it imports).
    import statistics

    return round(statistics.median(days), 1)
