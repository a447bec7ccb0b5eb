"""The suggestions open on one guide, as its page lists them for anyone to read.

What each shows is public already (its tracking page says as much): the summary the
citizen wrote (personal data removed at submission), when it was sent, its public
status, and how many citizens support it. Never a name, an e-mail, a rationale, a note
or a staff comment.

Each suggestion is read once per review-log commit (immutable), and a listing whose
review refs have not moved since the last one is answered from memory. Reading the refs
themselves costs about 0.1 s for 2,000 suggestions (loose refs; 0.04 s packed), too much
for every reader of every guide page, so they are read again at most every
``REFS_CHECK_SECONDS``, and at once after this process wrote a submission or a support
(:meth:`OpenSuggestions.moved`): a staff decision shows within seconds, a citizen's own
support at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.review.events import SuggestionState, suggestion_state, supporters_in
from wikitool.review.log import REVIEWS_PREFIX, read_events
from wikitool.review.status import IN_REVIEW, RECEIVED, public_status

DAY = 86_400
REFS_CHECK_SECONDS = 2.0


@dataclass(frozen=True)
class OpenSuggestion:
    """One open suggestion on a guide, as the public may see it."""

    id: str
    guide: str
    kind: str
    summary: str
    status: str
    submitted: int
    supporters: int

    def to_json(self, now: int) -> dict[str, object]:
        """One item of ``GET /api/guides/<path>/suggestions``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "summary": self.summary,
            "status": self.status,
            "submitted": datetime.fromtimestamp(self.submitted, UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "age_days": max(0, (now - self.submitted) // DAY),
            "supporters": self.supporters,
        }


class OpenSuggestions:
    """The open suggestions by guide, kept in memory and safe to share between threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._checked = -REFS_CHECK_SECONDS
        self._lock = threading.Lock()
        self._by_log: dict[str, OpenSuggestion | None] = {}
        self._refs: dict[str, str] | None = None
        self._by_guide: dict[str, list[OpenSuggestion]] = {}

    def on_guide(self, store: WikiStore, guide: str) -> list[OpenSuggestion]:
        """The suggestions open on ``guide`` (a path under ``content/``), oldest first."""
        with self._lock:
            now = self._clock()
            if self._refs is not None and now - self._checked < REFS_CHECK_SECONDS:
                return list(self._by_guide.get(guide, ()))
            self._checked = now
        refs = store.refs(REVIEWS_PREFIX)
        with self._lock:
            if refs == self._refs:
                return list(self._by_guide.get(guide, ()))
            known = dict(self._by_log)
        by_log = {
            log: known[log] if log in known else _read(store, ref, log) for ref, log in refs.items()
        }
        by_guide: dict[str, list[OpenSuggestion]] = {}
        for item in by_log.values():
            if item is not None:
                by_guide.setdefault(item.guide, []).append(item)
        for items in by_guide.values():
            items.sort(key=lambda s: (s.submitted, s.id))
        with self._lock:
            # Only the logs the refs name now: a moved log's old commit is forgotten.
            self._by_log = by_log
            self._refs, self._by_guide = refs, by_guide
        return list(by_guide.get(guide, ()))

    def moved(self) -> None:
        """A review ref moved in this process: read the refs on the next listing."""
        with self._lock:
            self._checked = -REFS_CHECK_SECONDS


def _read(store: WikiStore, ref: str, log: str) -> OpenSuggestion | None:
    """The suggestion whose log ``ref`` is at ``log``, or None when it is closed or
    unreadable."""
    suggestion_id = ref.removeprefix(REVIEWS_PREFIX)
    try:
        events = read_events(store, suggestion_id, log)
        if suggestion_state(events) is not SuggestionState.OPEN:
            return None
        status = public_status(store, suggestion_id)
    except WikitoolError:
        return None  # an incomplete log (a writer died mid-submission): nothing to show
    return OpenSuggestion(
        id=suggestion_id,
        guide=status.guide,
        kind=status.kind.value,
        summary=status.summary,
        # Open is received or in review to the public: a status addressed to the author
        # (a question waiting for their answer) says nothing true to anyone else.
        status=RECEIVED if status.status == RECEIVED else IN_REVIEW,
        submitted=events[0].time,
        supporters=supporters_in(events),
    )
