"""Turn a citizen's suggestion into a reviewable branch (``wikitool suggest submit``).

Everything is checked before anything is written. Then, without a working tree:

1. the suggestion commit (parent: ``base``; tree: base's tree with the guide replaced);
2. the review log's first event, ``submitted``, on ``refs/reviews/<id>``, naming that
   commit in its ``Commit:`` trailer;
3. the branch ``refs/heads/suggestions/<id>``.

A report (``kind: report``: what is wrong, in words) has no branch: its words are a
commit that changes nothing, on the revision the citizen saw, and its ``submitted``
event (``Kind: report``, ``About:``) has that commit as parent, which keeps it
reachable. ``review checkout`` later gives it a branch from that commit.

The review log is the record of what exists: a branch appears only after its log, so
no reader ever sees a branch without its review. If a process dies between 2 and 3,
:func:`repair_branches` creates the missing branch from the log; ``suggest submit``,
``review list`` and the intake (at start) run it, so the next run recovers.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from wikitool.errors import SuggestionError, UnsafePathError, WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.tree_paths import TreePaths
from wikitool.guides.checks import check_guide
from wikitool.guides.paths import CONTENT_DIR, guide_path, is_guide_path
from wikitool.ids import new_suggestion_id
from wikitool.mail.outbox import MessageKind, Outbox, author_of
from wikitool.model import Identity
from wikitool.review.events import (
    EventKind,
    ReviewEvent,
    SuggestionKind,
    SuggestionState,
    suggestion_id_in,
    suggestion_kind,
    suggestion_state,
)
from wikitool.review.log import (
    ARCHIVE_PREFIX,
    REVIEWS_PREFIX,
    SUGGESTIONS_PREFIX,
    append_event,
    archive_ref,
    read_events,
    review_ref,
    suggestion_ref,
    write_event,
)
from wikitool.screening.invisible import find_invisible_characters
from wikitool.screening.markup import find_unsafe_markup
from wikitool.screening.personal_data import Finding, redact, scan, scan_address
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.suggestions.answer_secrets import new_answer_secret
from wikitool.suggestions.changed_guide import AppliedChanges, apply_changes, change_for_problem
from wikitool.suggestions.changes import Change
from wikitool.suggestions.contacts import Contact, contact_save, private_store_writes
from wikitool.suggestions.guide_regions import guide_regions
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.notifications import guide_facts, subscribe_author
from wikitool.suggestions.published_contacts import published_contacts_at
from wikitool.suggestions.report_about import report_about

NOREPLY_DOMAIN = "suggestions.invalid"
CONTENT_CLAIMS_PREFIX = "refs/wikitool/suggested-content/"
CLAIM_STALE_SECONDS = 10
"""A content claim whose suggestion has no review log after this long was abandoned."""


@dataclass(frozen=True)
class SubmitResult:
    """What ``suggest submit`` reports: the suggestion's id and branch, and any warnings."""

    id: str
    branch: str
    guide: str
    base: str
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    """Set when the suggestion was recorded as +1 on an identical open one (same id)."""
    kind: SuggestionKind = SuggestionKind.EDIT
    secret: str = field(default="", repr=False)
    """The author's private secret for answering staff (:mod:`.answer_secrets`): given
    back once, by the intake, never in ``to_json``; empty for a +1."""

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form: ``{"id", "kind", "branch", "guide", "base", "warnings"}``
        (+ duplicate); a report's ``branch`` is null."""
        data: dict[str, object] = {
            "id": self.id,
            "kind": self.kind.value,
            "branch": self.branch or None,
            "guide": self.guide,
            "base": self.base,
            "warnings": self.warnings,
        }
        if self.duplicate_of:
            data["duplicate_of"] = self.duplicate_of
        return data


def citizen_identity(suggestion_id: str, credited_name: str = "") -> Identity:
    """The pseudonymous author of a suggestion, or the credited name (never an e-mail)."""
    name = credited_name or f"Citizen {suggestion_id}"
    return Identity.sanitized(name, f"{suggestion_id}@{NOREPLY_DOMAIN}")


def suggestion_submit(
    store: WikiStore, suggestion: SuggestionInput, *, today: date | None = None
) -> SubmitResult:
    """Check a suggestion and record it as a branch and a review log.

    Raises:
        SuggestionError: the suggestion is refused (one line: what and where);
            nothing has been written.
    """
    # Parsing checked this already (suggestion_from_mapping); a SuggestionInput made in
    # code (``suggest edit``: text from the editor and argv) has not been through it.
    not_text = invalid_text_field(asdict(suggestion))
    if not_text is not None:
        raise SuggestionError(not_text)
    _refuse_contact_as_name(suggestion.author.name)
    path = _checked_path(suggestion.guide)
    main = store.main()
    base = _checked_base(store, suggestion.base, main)
    if suggestion.kind is SuggestionKind.REPORT:
        return _submit_report(store, suggestion, path, base)
    current = store.read(base, path)
    if suggestion.new and current is not None:
        raise SuggestionError(
            f"{path} already exists: suggest a change to it instead of a new guide"
        )
    if not suggestion.new and current is None:
        raise SuggestionError(f"{path} does not exist (set new: true to propose a new guide)")
    allowlist = published_contacts_at(store, base)
    if current is None:
        screen_guide_path(path, allowlist)
    text = suggestion.content
    applied = AppliedChanges(text, {})
    if suggestion.changes and current is not None:
        applied = apply_changes(current.decode("utf-8"), suggestion.changes, path=path, base=base)
        text = applied.text
    content = text.encode("utf-8")
    if current == content:
        raise SuggestionError(f"{path}: the suggested content is the same as the published guide")

    # The guides a link may point to; looked up one by one, not listed: listing the tree
    # of a large wiki would cost more than the rest of the submission.
    existing = TreePaths(store, base, CONTENT_DIR + "/", ".md")
    existing.add(path)
    regions = guide_regions(store, base, text)
    try:
        warnings = _checked_content(path, content, existing, today or date.today())
        screen_guide_text(path, text, allowlist, regions)
    except SuggestionError as exc:
        raise _named_change(exc, applied, suggestion.changes) from None
    summary, rationale, redactions = _redacted_texts(suggestion, allowlist, regions)
    warnings = redactions + warnings

    suggestion_id = new_suggestion_id()
    author = citizen_identity(
        suggestion_id, suggestion.author.name if suggestion.author.credit else ""
    )
    now = int(time.time())
    message = f"{summary}\n\n"
    if rationale:
        message += f"{rationale}\n\n"
    message += f"Suggestion-Id: {suggestion_id}\nBase: {base}\n"
    commit = store.write_files_commit(
        parents=[base],
        base_tree=store.commit_info(base).tree,
        changes={path: content},
        message=message,
        author=author,
        when=now,
    )
    duplicate = _claim_content(store, path, content, commit)
    if duplicate is not None:
        # The commit just written stays unreachable; git gc removes it.
        return _plus_one(store, duplicate, path, base, warnings)

    submitted = ReviewEvent(
        kind=EventKind.SUBMITTED,
        suggestion_id=suggestion_id,
        actor=str(author),
        text="\n".join(f"Warning: {w}" for w in warnings),
        data={"Commit": commit, "Base": base, "Guide": path},
    )
    secret = _write_log(
        store, submitted, suggestion, author, parent=None, when=now, guide=content
    )
    store.update_ref(suggestion_ref(suggestion_id), None, commit)
    return SubmitResult(
        suggestion_id, suggestion_ref(suggestion_id), path, base, warnings, secret=secret
    )


def _submit_report(
    store: WikiStore, suggestion: SuggestionInput, path: str, base: str
) -> SubmitResult:
    """Record a report: its words as a commit that changes nothing, and its review log."""
    current = store.read(base, path)
    if current is None:
        raise SuggestionError(f"{path} does not exist: a report is about a published guide")
    about = report_about(current, path, suggestion.about) if suggestion.about else ""
    if suggestion.follows:
        _check_follows(store, suggestion.follows, path)
    summary, rationale, warnings = _redacted_texts(
        suggestion, published_contacts_at(store, base), guide_regions(store, base, current)
    )
    suggestion_id = new_suggestion_id()
    author = citizen_identity(
        suggestion_id, suggestion.author.name if suggestion.author.credit else ""
    )
    now = int(time.time())
    words = f"{summary}\n\n" + (f"{rationale}\n\n" if rationale else "")
    trailers = f"Suggestion-Id: {suggestion_id}\nBase: {base}\nKind: report\n"
    commit = store.write_commit(
        tree=store.commit_info(base).tree,
        parents=[base],
        message=words + trailers,
        author=author,
        when=now,
    )
    data = {"Commit": commit, "Base": base, "Guide": path, "Kind": SuggestionKind.REPORT.value}
    if about:
        data["About"] = about
    if suggestion.follows:
        data["Follows"] = suggestion.follows
    submitted = ReviewEvent(
        kind=EventKind.SUBMITTED,
        suggestion_id=suggestion_id,
        actor=str(author),
        text="\n".join(f"Warning: {w}" for w in warnings),
        data=data,
    )
    secret = _write_log(
        store, submitted, suggestion, author, parent=commit, when=now, guide=current
    )
    if suggestion.follows:
        _link_follow_up(store, suggestion.follows, suggestion_id, author)
    return SubmitResult(
        suggestion_id, "", path, base, warnings, kind=SuggestionKind.REPORT, secret=secret
    )


def _check_follows(store: WikiStore, first: str, path: str) -> None:
    """Refuse a report that follows a suggestion that does not exist or is about another
    guide (a follow-up says the same guide is still wrong)."""
    events = read_events(store, first) if store.ref(review_ref(first)) else []
    if not events or events[0].kind is not EventKind.SUBMITTED:
        raise SuggestionError(f"follows: no suggestion {first}")
    guide = events[0].data.get("Guide", "")
    if guide != path:
        raise SuggestionError(f"follows: suggestion {first} is about {guide}, not {path}")


def _link_follow_up(store: WikiStore, first: str, follow_up: str, author: Identity) -> None:
    """The link back: a ``follow-up`` event on the first suggestion's log naming the new
    report (its own ``submitted`` event already says ``Follows:``)."""

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        return ReviewEvent(
            kind=EventKind.FOLLOW_UP,
            suggestion_id=first,
            actor=str(author),
            data={"Followed-By": follow_up},
        )

    append_event(store, first, decide, author=author)


def _write_log(
    store: WikiStore,
    submitted: ReviewEvent,
    suggestion: SuggestionInput,
    author: Identity,
    *,
    parent: str | None,
    when: int,
    guide: bytes,
) -> str:
    """Start the review log with ``submitted``, then keep the citizen's contact details
    and, when they asked for mail, queue the "received" message; returns the author's
    answer secret.

    The subscription is written before the log: a process killed after the log still
    leaves the message to be queued by the next status pass (``review/notify.py``).
    """
    suggestion_id = submitted.suggestion_id
    notify = suggestion.author.notify and bool(suggestion.author.email)
    title, lang = guide_facts(submitted.data["Guide"], guide)
    if notify:
        subscribe_author(store, suggestion_id, lang)
    log = write_event(store, submitted, parent=parent, author=author, when=when)
    if not store.update_ref(review_ref(suggestion_id), None, log):
        raise WikitoolError(f"suggestion id {suggestion_id} is taken; submit again")
    with private_store_writes(store):  # one commit for both
        if suggestion.author.email or (suggestion.author.name and not suggestion.author.credit):
            author_contact = Contact(
                suggestion_id, suggestion.author.name, suggestion.author.email, when
            )
            contact_save(store, author_contact)
        secret = new_answer_secret(store, suggestion_id)
    if notify:
        summary = store.commit_info(submitted.data["Commit"]).message.split("\n", 1)[0]
        Outbox.of(store).enqueue(
            MessageKind.RECEIVED,
            author_of(suggestion_id),
            {"guide": title, "summary": summary},
        )
    return secret


def _named_change(
    error: SuggestionError, applied: AppliedChanges, changes: tuple[Change, ...]
) -> SuggestionError:
    """The refusal of a guide made from changes, naming the change it is about."""
    change = change_for_problem(str(error), applied, changes)
    return error if change is None else SuggestionError(f"{change.named}: {error}")


def _checked_path(guide: str) -> str:
    try:
        path = guide_path(guide)
    except UnsafePathError as exc:
        raise SuggestionError(str(exc)) from None
    if not is_guide_path(path):
        raise SuggestionError(
            f"{path} is a category page, not a guide: suggest a change to a guide"
        )
    return path


def _checked_base(store: WikiStore, base: str | None, main: str) -> str:
    if base is None:
        return main
    if len(base) != 40:
        raise SuggestionError(f"base must be a full 40-character commit id, got {base!r}")
    try:
        resolved = store.resolve(base)
    except WikitoolError:
        raise SuggestionError(f"unknown base revision {base}") from None
    if not store.is_ancestor(resolved, main):
        raise SuggestionError(f"base {base[:12]} is not a published revision of main")
    return resolved


def _checked_content(path: str, content: bytes, existing: set[str], today: date) -> list[str]:
    """Refuse content that ``check`` would reject or that is unsafe; return its warnings."""
    problems = check_guide(path, content, existing, today, False)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise SuggestionError(f"{errors[0]}{more}")
    return [str(p) for p in problems if p.severity == "warning"]


def screen_guide_text(
    path: str, text: str, allowlist: set[str], regions: Sequence[str] = ()
) -> None:
    """Refuse raw HTML, invisible characters and personal data not already published;
    phone numbers are read in the formats of ``regions`` too (:mod:`.guide_regions`).

    Run on a suggestion before it is written and again on the merged guide, since a
    branch can gain commits after it was submitted.

    Raises:
        SuggestionError: the first problem, with its line.
    """
    for line, message in _unsafe(text):
        raise SuggestionError(f"{path}:{line}: {message}")
    _refuse_personal_data(path, text, allowlist, regions)


def screen_guide_path(path: str, allowlist: Collection[str]) -> None:
    """Refuse a new guide's path that holds personal data not already published: the
    path becomes the page's address and stays in git history. Run on a new guide's path
    when it is submitted and again at merge (an amendment may add a guide).

    Raises:
        SuggestionError: naming the path and what was found in it.
    """
    findings = scan_address(path, allowlist)
    if findings:
        found = ", ".join(f"{f.kind} ({f.preview})" for f in findings[:3])
        raise SuggestionError(
            f"{path}: personal data is not allowed in a guide's path: {found}; "
            "name the guide after the procedure"
        )


def _refuse_contact_as_name(name: str) -> None:
    """Refuse an author name holding an e-mail address, a phone number or any other
    personal data the scanner finds: a credited name becomes the commit's author and the
    site's "suggested by" text, and is never redacted."""
    # Also as git would hold it: the author's name loses the characters Identity drops,
    # so "ana@gm\u200bail.com" is written as a whole address.
    findings = (scan(name) or scan(Identity.sanitized(name, "").name)) if name else []
    if findings:
        kinds = ", ".join(sorted({f.kind for f in findings}))
        raise SuggestionError(
            f"author.name holds personal data ({kinds}): give only the name to credit; "
            "an e-mail address goes in author.email, never published"
        )


def _unsafe(text: str) -> list[tuple[int, str]]:
    # By position, so the error names the first unsafe thing on the line, not the
    # alphabetically first message (<form> before the <button> inside it).
    found = [(f.line, f.column, f.message) for f in find_unsafe_markup(text)]
    found += [
        (c.line, c.column, f"invisible character {c.name} is not allowed")
        for c in find_invisible_characters(text)
    ]
    return [(line, message) for line, _, message in sorted(found)]


def _describe(findings: list[Finding]) -> str:
    return ", ".join(f"{f.kind} ({f.preview}) on line {f.line}" for f in findings[:3])


def _refuse_personal_data(
    path: str, content: str, allowlist: set[str], regions: Sequence[str]
) -> None:
    findings = scan(content, allowlist, regions)
    if findings:
        raise SuggestionError(
            f"{path}: personal data is not allowed in a guide: {_describe(findings)}; "
            "remove it and submit again"
        )


def _redacted_texts(
    suggestion: SuggestionInput, allowlist: set[str], regions: Sequence[str]
) -> tuple[str, str, list[str]]:
    warnings = []
    texts = []
    for name, text in (("summary", suggestion.summary), ("rationale", suggestion.rationale)):
        text, warning = redacted_words(name, text, allowlist, regions)
        if warning:
            warnings.append(warning)
        texts.append(text)
    return texts[0], texts[1], warnings


def redacted_words(
    name: str, text: str, allowlist: Collection[str], regions: Sequence[str]
) -> tuple[str, str | None]:
    """A citizen's words (summary, rationale, an answer) with personal data not already
    published replaced, and the warning that says so (``None`` when nothing was)."""
    findings = scan(text, allowlist, regions)
    if not findings:
        return text, None
    kinds = sorted({f.kind for f in findings})
    return redact(text, findings), f"{name}: removed personal data ({', '.join(kinds)})"


def refuse_markup(name: str, text: str) -> None:
    """Refuse raw HTML, script links and invisible characters in a citizen's words, as in
    a guide (:func:`screen_guide_text`).

    Raises:
        SuggestionError: naming ``name``, the line and what was found.
    """
    for line, message in _unsafe(text):
        raise SuggestionError(f"{name}: line {line}: {message}")


def _claim_content(store: WikiStore, path: str, content: bytes, commit: str) -> str | None:
    """Claim this exact guide content for the new suggestion ``commit``.

    ``refs/wikitool/suggested-content/<sha256 of path and content>`` points at the
    suggestion commit that first proposed it. Creating it is a compare-and-swap, so two
    identical suggestions racing each other still make one branch.

    Returns:
        None when claimed (a new suggestion), or the id of the open suggestion that
        already proposes the same content.
    """
    key = hashlib.sha256(path.encode() + b"\0" + content).hexdigest()
    ref = f"{CONTENT_CLAIMS_PREFIX}{key}"
    while True:
        current = store.ref(ref)
        if current is None:
            if store.update_ref(ref, None, commit):
                return None
            continue
        holder = _suggestion_id_of(store, current)
        if holder is not None and store.ref(review_ref(holder)) is None:
            # Claimed, but its review log is not written yet: another submitter is
            # between the two steps, unless it died there (then the claim goes stale).
            if time.time() - store.commit_info(current).commit_time < CLAIM_STALE_SECONDS:
                time.sleep(0.01)
                continue
        elif holder is not None and _is_open(store, holder):
            return holder
        # The earlier suggestion was merged, rejected or never completed: take over.
        if store.update_ref(ref, current, commit):
            return None


def _suggestion_id_of(store: WikiStore, commit: str) -> str | None:
    return suggestion_id_in(store.commit_info(commit).message)


def _is_open(store: WikiStore, suggestion_id: str) -> bool:
    if store.ref(review_ref(suggestion_id)) is None:
        return False
    return suggestion_state(read_events(store, suggestion_id)) is SuggestionState.OPEN


def _plus_one(
    store: WikiStore, suggestion_id: str, path: str, base: str, warnings: list[str]
) -> SubmitResult:
    supporter = citizen_identity(new_suggestion_id())

    def decide(events: list[ReviewEvent]) -> ReviewEvent:
        return ReviewEvent(
            kind=EventKind.PLUS_ONE,
            suggestion_id=suggestion_id,
            actor=str(supporter),
            text="The same change was suggested again.",
        )

    append_event(store, suggestion_id, decide, author=supporter)
    return SubmitResult(
        suggestion_id, suggestion_ref(suggestion_id), path, base, warnings, suggestion_id
    )


def repair_branches(store: WikiStore) -> int:
    """Create the branch of any open suggestion whose writer died before making it.

    Returns:
        How many branches were created.
    """
    branches = store.refs(SUGGESTIONS_PREFIX)
    # A merged or rejected suggestion's branch was archived before it was deleted: only
    # the logs with neither ref are read.
    archived = store.refs(ARCHIVE_PREFIX)
    repaired = 0
    for ref in store.refs(REVIEWS_PREFIX):
        suggestion_id = ref.removeprefix(REVIEWS_PREFIX)
        if suggestion_ref(suggestion_id) in branches or archive_ref(suggestion_id) in archived:
            continue
        events = read_events(store, suggestion_id)
        if suggestion_state(events) is not SuggestionState.OPEN or not events:
            continue
        if suggestion_kind(events[0]) is SuggestionKind.REPORT:
            continue  # a report has no branch until staff give it one
        commit = events[0].data.get("Commit")
        if commit and store.update_ref(suggestion_ref(suggestion_id), None, commit):
            repaired += 1
    return repaired


def warm_up(store: WikiStore) -> None:
    """Run every check a submission runs, on a guide of ``main``, writing no git object.

    The checks import and cache a lot on first use (Python-Markdown and its extensions,
    the schema's format checkers, python-stdnum's and phonenumbers' modules, the
    published-contacts cache): about a second of CPU that would otherwise fall on the
    first citizens a freshly started intake (or each of its worker processes) serves.
    What the checks find in the published guide does not matter here.
    """
    main = store.main()
    guides = [f.path for f in store.files(main, CONTENT_DIR + "/") if is_guide_path(f.path)]
    if not guides:
        return
    path = guides[0]
    content = store.read(main, path) or b""
    text = content.decode("utf-8", "replace")
    allowlist = published_contacts_at(store, main)
    try:
        _checked_content(path, content, set(guides), date.today())
        screen_guide_text(path, text, allowlist)
    except SuggestionError:
        pass
    scan("Call +44 20 7946 0958 or write to citizen@example.org", allowlist)
