"""The review backlog (``wikitool review list``), fast for thousands of suggestions.

What a suggestion is depends only on its review log and its tip, both immutable commits:
so each suggestion is read once (log, commits, tree diff, front matter fields) and kept
in an index under ``.git/wikitool/`` keyed by those two ids, never in git. A listing
reads the refs, reuses every entry whose ids still match, and only compares with today's
main: a lookup of each changed file's blob on main (folders read once for all), and a
merge in memory for the few files main changed since the suggestion's base.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wikitool.errors import NotFoundError, UnsafePathError, WikitoolError
from wikitool.gitstore import WikiStore, blob_ids
from wikitool.guides.paths import CONTENT_DIR, typed_guide_path
from wikitool.review.changes import FileSummary, summarize_change
from wikitool.review.deadlines import due_date, is_overdue
from wikitool.review.events import EventKind, SuggestionKind, SuggestionState
from wikitool.review.log import (
    ARCHIVE_PREFIX,
    REVIEWS_PREFIX,
    SUGGESTIONS_PREFIX,
    read_events,
)
from wikitool.review.merge import repair_half_merges
from wikitool.review.policy import ReviewPolicy, load_policy
from wikitool.review.record import Vote, record_from_events
from wikitool.review.verdict import Proposal, Verdict, suggestion_verdict
from wikitool.suggestions.submission import repair_branches

INDEX_VERSION = 4
STATES = ("open", "merged", "rejected", "all")
SORTS = ("age", "guide", "support")
DAY = 86_400

Progress = Callable[[int, int], None]
"""``progress(done, total)``: how far reading suggestions into the index has got."""


@dataclass(frozen=True)
class IndexEntry:
    """What one suggestion is, as long as its log and tip do not move."""

    id: str
    log: str
    tip: str
    state: SuggestionState
    guide: str
    summary: str
    base: str
    submitted_commit: str
    submitted: int
    decided: int | None
    reason: str | None
    merged_as: str | None
    plus_ones: int
    supporters: int
    """``plus_ones`` and every "This affects me too" (``record.supporters_in``)."""
    votes: tuple[Vote, ...]
    files: tuple[FileSummary, ...]
    kind: SuggestionKind = SuggestionKind.EDIT
    about: str = ""

    def to_json(self) -> dict[str, Any]:
        """The index's stored form."""
        return {
            "kind": self.kind.value,
            "about": self.about,
            "log": self.log,
            "tip": self.tip,
            "state": self.state.value,
            "guide": self.guide,
            "summary": self.summary,
            "base": self.base,
            "submitted_commit": self.submitted_commit,
            "submitted": self.submitted,
            "decided": self.decided,
            "reason": self.reason,
            "merged_as": self.merged_as,
            "plus_ones": self.plus_ones,
            "supporters": self.supporters,
            "votes": [[v.reviewer, v.kind.value, v.time] for v in self.votes],
            "files": [f.to_json() for f in self.files],
        }

    @classmethod
    def from_json(cls, suggestion_id: str, data: dict[str, Any]) -> IndexEntry:
        """Read back :meth:`to_json`'s output (``KeyError``/``ValueError`` when malformed)."""
        return cls(
            id=suggestion_id,
            log=data["log"],
            tip=data["tip"],
            state=SuggestionState(data["state"]),
            guide=data["guide"],
            summary=data["summary"],
            base=data["base"],
            submitted_commit=data["submitted_commit"],
            submitted=int(data["submitted"]),
            decided=data["decided"],
            reason=data["reason"],
            merged_as=data["merged_as"],
            plus_ones=int(data["plus_ones"]),
            supporters=int(data["supporters"]),
            votes=tuple(Vote(r, EventKind(k), int(t), "") for r, k, t in data["votes"]),
            files=tuple(FileSummary.from_json(f) for f in data["files"]),
            kind=SuggestionKind(data["kind"]),
            about=data["about"],
        )


    def proposal(self) -> Proposal:
        """What the verdict needs, from the index alone."""
        return Proposal(
            self.id,
            self.state,
            self.guide,
            self.base,
            self.submitted_commit,
            self.tip,
            self.files,
            self.votes,
            self.kind,
        )


@dataclass(frozen=True)
class BacklogRow:
    """One suggestion in the listing, with its verdict against today's main (the merged
    guides unchecked: checking a thousand would make the listing slow)."""

    entry: IndexEntry
    verdict: Verdict
    now: int
    decide_within: int | None = None
    """The policy's working days for a decision on this guide's folder (None: no limit)."""

    @property
    def added(self) -> int:
        """Lines added, over every file the suggestion changes."""
        return sum(f.added for f in self.verdict.files)

    @property
    def removed(self) -> int:
        """Lines removed, likewise."""
        return sum(f.removed for f in self.verdict.files)

    @property
    def age_days(self) -> int:
        """Whole days since submission."""
        return max(0, (self.now - self.entry.submitted) // DAY)

    @property
    def due(self) -> str | None:
        """The last day an open suggestion is on time (ISO date), if the policy sets one."""
        if self.decide_within is None or self.entry.state is not SuggestionState.OPEN:
            return None
        return due_date(self.entry.submitted, self.decide_within).isoformat()

    @property
    def overdue(self) -> bool:
        """Open and waiting longer than the folder's ``decide_within``."""
        return self.entry.state is SuggestionState.OPEN and is_overdue(
            self.entry.submitted, self.decide_within, self.now
        )

    @property
    def flags(self) -> list[str]:
        """The verdict's flags, and ``overdue``."""
        return [*self.verdict.flags, *(["overdue"] if self.overdue else [])]

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form of one row (stable keys)."""
        entry, verdict = self.entry, self.verdict
        return {
            "id": entry.id,
            "kind": entry.kind.value,
            "about": entry.about or None,
            "state": entry.state.value,
            "guide": entry.guide,
            "summary": entry.summary,
            "submitted": entry.submitted,
            "age_days": self.age_days,
            "due": self.due,
            "overdue": self.overdue,
            "decided": entry.decided,
            "reason": entry.reason,
            "merged_as": entry.merged_as,
            "added": self.added,
            "removed": self.removed,
            "approvals": len(verdict.requirements.approvers),
            "plus_ones": entry.plus_ones,
            "supporters": entry.supporters,
            "flags": self.flags,
            **verdict.to_json(),
            "base": entry.base,
            "tip": entry.tip,
        }


def review_list(
    store: WikiStore,
    *,
    state: str = "open",
    guide: str | None = None,
    sort: str = "age",
    now: int | None = None,
    progress: Progress | None = None,
) -> list[BacklogRow]:
    """The suggestions in ``state`` (open, merged, rejected or all), optionally for one
    guide or folder, oldest first (``sort="age"``), by guide, or most supported first
    (``sort="support"``, then oldest first). ``progress`` as for
    :func:`suggestion_index`.

    Raises:
        WikitoolError: an unknown state or sort order.
        NotFoundError: no suggestion is for ``guide`` and main has no such guide or folder
            (a typo must not read as an empty backlog).
    """
    if state not in STATES:
        raise WikitoolError(f"unknown state {state!r}: use one of {', '.join(STATES)}")
    if sort not in SORTS:
        raise WikitoolError(f"unknown sort order {sort!r}: use age, guide or support")
    # Complete what killed writers left half-done, so the listing never shows it.
    repair_branches(store)
    repair_half_merges(store)
    entries = suggestion_index(store, progress)
    wanted = [e for e in entries if state == "all" or e.state.value == state]
    if guide:
        wanted = [e for e in wanted if _in_scope(e.guide, guide)]
    main = store.main()
    if guide and not wanted and not _on_main(store, main, guide):
        raise NotFoundError(f"no guide or folder {guide} on main")
    policy = load_policy(store, main)
    rows = _rows(store, wanted, main, policy, int(time.time()) if now is None else now)
    if sort == "guide":
        rows.sort(key=lambda r: (r.entry.guide, r.entry.submitted, r.entry.id))
    elif sort == "support":
        rows.sort(key=lambda r: (-r.entry.supporters, r.entry.submitted, r.entry.id))
    else:
        rows.sort(key=lambda r: (r.entry.submitted, r.entry.id))
    return rows


def _in_scope(path: str, wanted: str) -> bool:
    """Whether guide ``path`` is ``wanted`` (a guide or a folder; content/, .md optional)."""
    target = wanted.strip().strip("/").removeprefix(CONTENT_DIR + "/")
    relative = path.removeprefix(CONTENT_DIR + "/")
    return relative in (target, target + ".md") or relative.startswith(target + "/")


def _on_main(store: WikiStore, main: str, wanted: str) -> bool:
    """Whether ``wanted`` names a guide or a folder of guides on main."""
    try:
        if store.read(main, typed_guide_path(wanted.strip())) is not None:
            return True
    except UnsafePathError:
        pass  # not a guide's name; perhaps a folder's
    folder = wanted.strip().strip("/").removeprefix(CONTENT_DIR + "/")
    return bool(folder) and bool(store.files(main, f"{CONTENT_DIR}/{folder}/"))


def _rows(
    store: WikiStore,
    entries: list[IndexEntry],
    main: str,
    policy: ReviewPolicy,
    now: int,
) -> list[BacklogRow]:
    open_entries = [e for e in entries if e.state is SuggestionState.OPEN]
    # One lookup on main for every open suggestion's files (folders read once for all).
    on_main = blob_ids(store, main, sorted({f.path for e in open_entries for f in e.files}))
    return [
        BacklogRow(
            entry,
            suggestion_verdict(
                store, entry.proposal(), main, policy, check=False, main_blobs=on_main
            ),
            now,
            policy.for_path(entry.guide).decide_within,
        )
        for entry in entries
    ]


# -- the index ---------------------------------------------------------------------------


def index_path(store: WikiStore) -> Path:
    """Where the suggestion index lives (outside git: never pushed, safe to delete)."""
    return store.git_dir / "wikitool" / "review-index.json"


def suggestion_index(store: WikiStore, progress: Progress | None = None) -> list[IndexEntry]:
    """Every suggestion (any state), from the index where it is still current.

    ``progress(done, total)`` is called as suggestions missing from the index are read
    (all of them the first time: about a second per hundred).
    """
    logs = _by_id(store.refs(REVIEWS_PREFIX), REVIEWS_PREFIX)
    branches = _by_id(store.refs(SUGGESTIONS_PREFIX), SUGGESTIONS_PREFIX)
    cached = _load_index(store)
    entries = []
    stale = []
    for suggestion_id, log in logs.items():
        entry = cached.get(suggestion_id)
        current = entry is not None and entry.log == log
        if entry is not None and current and entry.state is SuggestionState.OPEN:
            current = entry.tip == branches.get(suggestion_id, entry.tip)
        if entry is not None and current:
            entries.append(entry)
        else:
            stale.append((suggestion_id, log))
    archives = _by_id(store.refs(ARCHIVE_PREFIX), ARCHIVE_PREFIX) if stale else {}
    for done, (suggestion_id, log) in enumerate(stale, start=1):
        built = _build_entry(store, suggestion_id, log, branches, archives)
        if built is not None:
            entries.append(built)
        if progress is not None:
            progress(done, len(stale))
    if stale or len(entries) != len(cached):
        _save_index(store, entries)
    return entries


def _by_id(refs: dict[str, str], prefix: str) -> dict[str, str]:
    return {name.removeprefix(prefix): sha for name, sha in refs.items()}


def _build_entry(
    store: WikiStore,
    suggestion_id: str,
    log: str,
    branches: dict[str, str],
    archives: dict[str, str],
) -> IndexEntry | None:
    try:
        events = read_events(store, suggestion_id, log)
        record = record_from_events(
            store,
            suggestion_id,
            events,
            branch_tip=branches.get(suggestion_id),
            archived_tip=archives.get(suggestion_id),
            refs_known=True,
        )
    except WikitoolError:
        return None  # an incomplete log (a writer died mid-submission): nothing to review
    decision = record.decision
    return IndexEntry(
        id=suggestion_id,
        log=log,
        tip=record.tip,
        state=record.state,
        guide=record.guide,
        summary=record.summary,
        base=record.base,
        submitted_commit=record.submitted_commit,
        submitted=record.submitted_at,
        decided=record.decided_at,
        reason=decision.data.get("Reason") if decision else None,
        merged_as=decision.data.get("Merged-As") if decision else None,
        plus_ones=record.plus_ones,
        supporters=record.supporters,
        votes=tuple(record.votes()),
        files=tuple(
            summarize_change(store, record.base, record.tip, only=record.single_file(record.base))
        ),
        kind=record.kind,
        about=record.about,
    )


def _load_index(store: WikiStore) -> dict[str, IndexEntry]:
    try:
        data = json.loads(index_path(store).read_text(encoding="utf-8"))
        if data.get("version") != INDEX_VERSION:
            return {}
        return {sid: IndexEntry.from_json(sid, e) for sid, e in data["suggestions"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # missing or damaged: it is only a cache, rebuilt from git


def _save_index(store: WikiStore, entries: Iterable[IndexEntry]) -> None:
    path = index_path(store)
    data = {"version": INDEX_VERSION, "suggestions": {e.id: e.to_json() for e in entries}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)  # atomic: a concurrent reader sees the old index or the new one
    except OSError:
        pass  # a read-only repository still lists, just without the speed-up
