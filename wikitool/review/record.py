"""A suggestion as its review log and branch describe it: state, votes, who wrote it.

Everything here is derived from git on each read: the review log (``refs/reviews/<id>``)
is the record, the branch or archive ref says where the proposed change is now.

Votes (approve, request changes) are about one version of the suggestion: each records
the commit it was cast on, and only votes on the current tip count. A member of staff who
amends the branch therefore asks for fresh approvals, and a request for changes is
settled by the amendment that answers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wikitool.errors import NotFoundError, ReviewError
from wikitool.gitstore import WikiStore
from wikitool.ids import is_suggestion_id
from wikitool.model import Identity
from wikitool.review.events import (
    EventKind,
    ReviewEvent,
    SuggestionKind,
    SuggestionState,
    followed_by,
    parse_trailers,
    suggestion_kind,
    suggestion_state,
    supporters_in,
)
from wikitool.review.log import (
    REVIEWS_PREFIX,
    archive_ref,
    read_events,
    suggestion_ref,
)
from wikitool.suggestions.contacts import contact_get

VOTES = (EventKind.APPROVE, EventKind.REQUEST_CHANGES)
MIN_ID_PREFIX = 4
"""The fewest characters of an id a command accepts (fewer would match too many)."""
_ID_PREFIX = re.compile(rf"^[0-9a-z]{{{MIN_ID_PREFIX},25}}$")
_MAX_AMEND_WALK = 500


@dataclass(frozen=True)
class Vote:
    """One person's standing vote on the current version of a suggestion."""

    reviewer: str
    kind: EventKind
    time: int
    text: str

    @property
    def email(self) -> str:
        """The reviewer's e-mail, case-folded: what makes two votes the same person's."""
        return identity_email(self.reviewer)


@dataclass(frozen=True)
class SuggestionRecord:
    """A suggestion read from its review log and refs."""

    id: str
    events: tuple[ReviewEvent, ...]
    state: SuggestionState
    guide: str
    base: str
    submitted_commit: str
    tip: str
    """The branch tip of an open suggestion (its current version); the archived tip after."""
    summary: str
    rationale: str
    author: str
    """The citizen's commit author: ``Citizen <id> <...>`` or the credited name."""
    kind: SuggestionKind = SuggestionKind.EDIT
    about: str = ""
    """What a report is about (``suggestions/report_about.py``; empty: the whole guide)."""

    @property
    def awaiting_edit(self) -> bool:
        """A report whose tip is still its own words: nothing to approve or merge yet."""
        return self.kind is SuggestionKind.REPORT and self.tip == self.submitted_commit

    @property
    def submitted_at(self) -> int:
        """When it was submitted (seconds since the epoch)."""
        return self.events[0].time

    @property
    def decided_at(self) -> int | None:
        """When it was merged or rejected, if it was."""
        for event in reversed(self.events):
            if event.kind in (EventKind.MERGE, EventKind.REJECT):
                return event.time
        return None

    @property
    def decision(self) -> ReviewEvent | None:
        """The merge or reject event, if any."""
        for event in reversed(self.events):
            if event.kind in (EventKind.MERGE, EventKind.REJECT):
                return event
        return None

    @property
    def warnings(self) -> list[str]:
        """What the checks said at submission (personal data removed, check warnings)."""
        lines = self.events[0].text.splitlines()
        return [line.removeprefix("Warning: ") for line in lines if line.startswith("Warning: ")]

    @property
    def recorded_tip(self) -> str:
        """The latest version the log knows of (submitted, or the last amendment)."""
        for event in reversed(self.events):
            if event.kind in (EventKind.SUBMITTED, EventKind.AMEND) and event.data.get("Commit"):
                return event.data["Commit"]
        return self.submitted_commit

    def single_file(self, base: str) -> str | None:
        """The guide, when it is all that differs between ``base`` and the tip: the tip is
        the citizen's own commit (not amended) and ``base`` its parent."""
        unamended = self.tip == self.submitted_commit and base == self.base
        return self.guide if unamended and self.guide else None

    @property
    def credited_name(self) -> str | None:
        """The citizen's name when they asked to be credited, else ``None``."""
        name = self.author.split(" <", 1)[0]
        return None if name == f"Citizen {self.id}" else name

    @property
    def plus_ones(self) -> int:
        """How many other citizens suggested the very same change."""
        return sum(1 for e in self.events if e.kind is EventKind.PLUS_ONE)

    @property
    def conversation(self) -> list[ReviewEvent]:
        """Staff's questions to the citizen and the citizen's answers, oldest first."""
        return [e for e in self.events if e.kind in (EventKind.QUESTION, EventKind.ANSWER)]

    @property
    def follows(self) -> str:
        """The suggestion this report follows up ("still wrong" after it), if any."""
        return self.events[0].data.get("Follows", "")

    @property
    def followed_by(self) -> list[str]:
        """The reports opened after this suggestion because something was still wrong."""
        return followed_by(self.events)

    @property
    def confirmed(self) -> ReviewEvent | None:
        """The author's "Yes, the guide is right now" after publication, if they said it."""
        return next((e for e in self.events if e.kind is EventKind.CONFIRMED), None)

    @property
    def supporters(self) -> int:
        """How many other citizens support it: "This affects me too", or the very same
        change suggested again."""
        return supporters_in(self.events)

    @property
    def supporter_notes(self) -> list[str]:
        """What supporters wrote with their support (screened at the intake), oldest first."""
        return [e.text for e in self.events if e.kind is EventKind.SUPPORT and e.text]

    def votes(self) -> list[Vote]:
        """Each person's latest vote on the current tip, oldest first."""
        return current_votes(self.events, self.tip)


def current_votes(events: tuple[ReviewEvent, ...] | list[ReviewEvent], tip: str) -> list[Vote]:
    """Each person's latest approve or request-changes on ``tip``, counted once by e-mail."""
    latest: dict[str, Vote] = {}
    for event in events:
        if event.kind in VOTES and event.data.get("Commit") == tip:
            vote = Vote(event.actor, event.kind, event.time, event.text)
            latest.pop(vote.email, None)  # re-inserted: dict order follows the latest vote
            latest[vote.email] = vote
    return list(latest.values())


def identity_email(identity: str) -> str:
    """The case-folded e-mail of ``Name <email>`` (the whole text if it has none)."""
    parsed = Identity.parse(identity)
    return (parsed.email if parsed else identity).casefold()


def resolve_id(store: WikiStore, text: str) -> str:
    """The suggestion id ``text`` names: a full id, or a unique prefix of at least 4 characters.

    Raises:
        NotFoundError: no suggestion has that id.
        ReviewError: the prefix matches several suggestions.
    """
    wanted = text.strip().lower()
    if is_suggestion_id(wanted):
        return wanted
    shown = text if text.isalnum() else repr(text)
    if wanted.isascii() and wanted.isalnum() and len(wanted) < MIN_ID_PREFIX:
        raise NotFoundError(
            f"a suggestion id needs at least {MIN_ID_PREFIX} characters: {shown} is too short"
        )
    if not _ID_PREFIX.match(wanted):
        raise NotFoundError(f"no suggestion {shown}")
    matches = [
        ref.removeprefix(REVIEWS_PREFIX)
        for ref in store.refs(REVIEWS_PREFIX)
        if ref.removeprefix(REVIEWS_PREFIX).startswith(wanted)
    ]
    if not matches:
        raise NotFoundError(f"no suggestion {shown}")
    if len(matches) > 1:
        raise ReviewError(
            f"{shown} is ambiguous: {len(matches)} suggestions start with it; give more characters"
        )
    return matches[0]


def load_record(store: WikiStore, text: str) -> SuggestionRecord:
    """Read suggestion ``text`` (an id or unique id prefix) from git.

    Raises:
        NotFoundError: there is no such suggestion.
    """
    suggestion_id = resolve_id(store, text)
    events = read_events(store, suggestion_id)
    return record_from_events(store, suggestion_id, events)


def record_from_events(
    store: WikiStore,
    suggestion_id: str,
    events: list[ReviewEvent],
    *,
    branch_tip: str | None = None,
    archived_tip: str | None = None,
    refs_known: bool = False,
) -> SuggestionRecord:
    """Build the record from events already read (``review list`` reads refs in bulk).

    Without ``refs_known`` the branch and archive refs are read here.

    Raises:
        NotFoundError: the log does not start with a submission.
    """
    if not events or events[0].kind is not EventKind.SUBMITTED:
        raise NotFoundError(f"no suggestion {suggestion_id}: its review log is incomplete")
    submitted = events[0]
    commit = submitted.data.get("Commit", "")
    state = suggestion_state(events)
    if not refs_known:
        branch_tip = store.ref(suggestion_ref(suggestion_id))
        archived_tip = store.ref(archive_ref(suggestion_id))
    if state is SuggestionState.OPEN:
        tip = branch_tip or commit
    else:
        decision = next(
            e for e in reversed(events) if e.kind in (EventKind.MERGE, EventKind.REJECT)
        )
        tip = archived_tip or decision.data.get("Commit") or branch_tip or commit
    info = store.commit_info(commit)
    summary, rationale = _summary_and_rationale(info.message)
    return SuggestionRecord(
        id=suggestion_id,
        events=tuple(events),
        state=state,
        guide=submitted.data.get("Guide", ""),
        base=submitted.data.get("Base") or (info.parents[0] if info.parents else ""),
        submitted_commit=commit,
        tip=tip,
        summary=summary,
        rationale=rationale,
        author=info.author,
        kind=suggestion_kind(submitted),
        about=submitted.data.get("About", ""),
    )


def _summary_and_rationale(message: str) -> tuple[str, str]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", message.strip()) if p.strip()]
    if not paragraphs:
        return "", ""
    summary = paragraphs[0].splitlines()[0]
    rest = paragraphs[1:]
    if rest and parse_trailers(rest[-1]):
        rest = rest[:-1]
    return summary, "\n\n".join(rest)


def amend_commits(store: WikiStore, record: SuggestionRecord) -> list[tuple[str, str, str]]:
    """Commits on the branch after the citizen's: ``(id, author, subject)``, oldest first.

    Follows first parents from the tip back to the submitted commit (a member of staff
    may have merged main into the branch on the way).
    """
    out = []
    sha: str | None = record.tip
    for _ in range(_MAX_AMEND_WALK):
        if sha is None or sha in (record.submitted_commit, record.base):
            break
        info = store.commit_info(sha)
        out.append((sha, info.author, info.message.split("\n", 1)[0]))
        sha = info.parents[0] if info.parents else None
    out.reverse()
    return out


def authors(store: WikiStore, record: SuggestionRecord) -> set[str]:
    """Case-folded e-mails of everyone who wrote the suggestion's change.

    The citizen's commit author (a no-reply address with their id), the address they
    left privately for contact, and every member of staff who amended the branch.
    """
    emails = {identity_email(record.author), identity_email(record.events[0].actor)}
    contact = contact_get(store, record.id)
    if contact is not None and contact.email:
        emails.add(contact.email.casefold())
    emails.update(identity_email(author) for _, author, _ in amend_commits(store, record))
    return emails
