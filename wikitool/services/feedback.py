"""Readers' feedback on a page ("Was this page helpful?", "Is something wrong?").

Feedback is kept in an SQLite file next to the private contact store,
``.git/wikitool/feedback.sqlite3`` (or the path in ``WIKITOOL_FEEDBACK_STORE``), not in
git: it is free text from anonymous readers, mostly about a moment in time, and git
history is forever and copied to every clone. The free text is scanned for personal data
and redacted before it is stored, so the file never holds an e-mail address or a phone
number a reader typed by mistake. Nothing is sent anywhere; staff read it with
``wikitool feedback list``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wikitool.errors import UnsafePathError, WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import local_db, local_db_path
from wikitool.guides.paths import guide_path, typed_guide_path
from wikitool.ids import new_suggestion_id
from wikitool.json_text import text_field
from wikitool.screening.invisible import find_invisible_characters
from wikitool.screening.personal_data import redact, scan, scan_address
from wikitool.screening.unicode_text import invalid_text_field

# The published-contacts allowlist is cached per tree by the suggestion service; feedback
# must not redact an official helpline a reader says is wrong, so it reuses that cache.
from wikitool.suggestions.guide_regions import guide_regions
from wikitool.suggestions.published_contacts import published_contacts_at

FEEDBACK_STORE_ENV = "WIKITOOL_FEEDBACK_STORE"
MAX_FEEDBACK_BYTES = 8 * 1024
"""Largest feedback document the intake reads."""
MAX_WRONG_CHARS = 2000
MAX_SECTION_CHARS = 200

_FIELDS = {"page", "section", "helpful", "wrong"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY,
    page TEXT NOT NULL,
    section TEXT NOT NULL,
    helpful INTEGER,
    wrong TEXT NOT NULL,
    redacted TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_page ON feedback (page, created);
"""


class FeedbackError(WikitoolError):
    """Feedback is refused: a field is missing, unknown, of the wrong type or too long."""


@dataclass(frozen=True)
class FeedbackInput:
    """Feedback as a reader sent it, each field checked."""

    page: str
    """The page's source path, ``content/<folder>/<name>.md``."""
    section: str = ""
    """The id of the heading the reader was at, if any."""
    helpful: bool | None = None
    wrong: str = ""
    """What the reader says is wrong (free text, not yet screened)."""


@dataclass(frozen=True)
class Feedback:
    """Stored feedback: the text already redacted."""

    id: str
    page: str
    section: str
    helpful: bool | None
    wrong: str
    redacted: tuple[str, ...]
    """Kinds of personal data removed from ``wrong`` (e.g. ``e-mail address``)."""
    created: int

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form of one item."""
        return {
            "id": self.id,
            "page": self.page,
            "section": self.section,
            "helpful": self.helpful,
            "wrong": self.wrong,
            "redacted": list(self.redacted),
            "created": self.created,
        }


def feedback_from_mapping(data: Mapping[str, Any]) -> FeedbackInput:
    """Check the fields of a decoded feedback document.

    Raises:
        FeedbackError: a field holds text that is not valid Unicode (checked first), is
            missing, unknown, of the wrong type or too long, or the feedback says nothing
            (neither ``helpful`` nor ``wrong``).
    """
    not_text = invalid_text_field(data)
    if not_text is not None:
        raise FeedbackError(f"feedback: {not_text}")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise FeedbackError(f"feedback: unknown field {unknown[0]!r}")
    page = data.get("page")
    if not isinstance(page, str):
        raise FeedbackError("feedback: page must be the page's source path, e.g. travel/visa.md")
    try:
        page = guide_path(page)
    except UnsafePathError as exc:
        raise FeedbackError(f"feedback: {exc}") from None
    section = _text(data, "section", MAX_SECTION_CHARS)
    if any(ch.isspace() or not ch.isprintable() for ch in section):
        raise FeedbackError("feedback: section must be a heading id (no spaces)")
    helpful = data.get("helpful")
    if helpful is not None and not isinstance(helpful, bool):
        raise FeedbackError("feedback: helpful must be true, false or null")
    wrong = _text(data, "wrong", MAX_WRONG_CHARS).strip()
    if find_invisible_characters(wrong):
        raise FeedbackError("feedback: wrong contains invisible characters")
    if helpful is None and not wrong:
        raise FeedbackError("feedback: empty: send helpful (true or false) or wrong (text)")
    return FeedbackInput(page=page, section=section, helpful=helpful, wrong=wrong)


def _text(data: Mapping[str, Any], key: str, limit: int) -> str:
    return text_field(data, key, limit=limit, where="feedback", error=FeedbackError)


def feedback_store_path(store: WikiStore) -> Path:
    """Where this wiki's feedback is kept."""
    return local_db_path(store, FEEDBACK_STORE_ENV, "feedback.sqlite3")


def feedback_save(store: WikiStore, feedback: FeedbackInput, *, now: int | None = None) -> Feedback:
    """Redact personal data from the free text and store the feedback.

    Contacts the wiki already publishes (an agency's helpline) are not redacted, so a
    reader can say that one is wrong.

    The page and section name a place in the site, so personal data there is refused
    rather than redacted (a redacted id names nothing).

    Returns:
        The feedback as stored.

    Raises:
        FeedbackError: the page or section holds personal data; nothing is stored.
    """
    main = store.main()
    allowlist = published_contacts_at(store, main)
    regions = guide_regions(store, main, store.read(main, feedback.page))
    for name, text in (("page", feedback.page), ("section", feedback.section)):
        found = sorted({f.kind for f in scan_address(text, allowlist, regions)})
        if found:
            raise FeedbackError(
                f"feedback: {name} holds personal data ({', '.join(found)}): "
                f"it must name a {'page' if name == 'page' else 'heading'} of the site"
            )
    wrong = feedback.wrong
    kinds: tuple[str, ...] = ()
    if wrong:
        findings = scan(wrong, allowlist, regions)
        if findings:
            wrong = redact(wrong, findings)
            kinds = tuple(sorted({f.kind for f in findings}))
    saved = Feedback(
        id=new_suggestion_id(),
        page=feedback.page,
        section=feedback.section,
        helpful=feedback.helpful,
        wrong=wrong,
        redacted=kinds,
        created=int(time.time()) if now is None else now,
    )
    with local_db(feedback_store_path(store), _SCHEMA) as db:
        db.execute(
            "INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                saved.id,
                saved.page,
                saved.section,
                None if saved.helpful is None else int(saved.helpful),
                saved.wrong,
                ",".join(saved.redacted),
                saved.created,
            ),
        )
    return saved


def feedback_list(store: WikiStore, *, page: str | None = None) -> list[Feedback]:
    """Stored feedback, oldest first; only ``page``'s when given (as a person types it:
    see :func:`typed_guide_path`).

    Raises:
        UnsafePathError: ``page`` is not a page path.
    """
    query = "SELECT id, page, section, helpful, wrong, redacted, created FROM feedback"
    params: tuple[str, ...] = ()
    if page is not None:
        query += " WHERE page = ?"
        params = (typed_guide_path(page),)
    path = feedback_store_path(store)
    if not path.exists():
        return []
    with local_db(path, _SCHEMA) as db:
        rows = db.execute(query + " ORDER BY created, id", params).fetchall()
    return [
        Feedback(
            id=row[0],
            page=row[1],
            section=row[2],
            helpful=None if row[3] is None else bool(row[3]),
            wrong=row[4],
            redacted=tuple(k for k in row[5].split(",") if k),
            created=row[6],
        )
        for row in rows
    ]
