"""Read a citizen's suggestion (JSON or YAML) into plain, checked fields.

The format (see README, "The suggestion format")::

    guide: identity-and-travel/renew-an-adult-passport.md   # under content/
    base: 9f2c1e...          # the revision the citizen saw (default: main's tip)
    new: false               # true proposes a new guide at that path
    content: |               # the whole proposed Markdown, front matter included
      ---
      title: ...
    changes:                 # or, instead of content, what changed (suggestions/changes.py)
      - {field: fees[0].amount, set: 89}
    summary: Fee is now 86 euros          # one line, required
    rationale: I renewed last week ...    # optional, public
    author: {name: Ana, email: ana@example.org, credit: true, notify: true}   # optional, private

A report says what is wrong in words, with no content (``suggestions/report_about.py``
reads ``about``)::

    kind: report             # default: edit
    guide: identity-and-travel/renew-an-adult-passport.md
    about: steps             # optional: a field (fees[0]), steps, steps[2], a section heading
    summary: The opening hours are wrong
    rationale: The office closes at 4 pm now.
    follows: 01jd4m7k...     # optional: the suggestion this report follows up

``follows`` names a published suggestion on the same guide that left something still
wrong: the tracking page's "No, something is still wrong" sets it (the intake's ``POST
/api/suggestions`` refuses it, so no one else can close the author's question), and the
submission links the two both ways (``Follows:`` on the report's ``submitted`` event, a
``follow-up`` event on the first).

``author.notify: true`` asks for an e-mail at each change of status; it needs an e-mail
address. A name or address holding a line break or another control character is refused
(``mail/addresses.py``): either would go into a mail header.

Unknown fields are refused, so a typo never silently drops what a citizen meant.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wikitool.errors import GuideError, SuggestionError
from wikitool.guides.plain_yaml import load_plain_yaml
from wikitool.ids import is_suggestion_id
from wikitool.json_text import loads_strict, text_field
from wikitool.mail.addresses import address_problem, name_problem
from wikitool.review.events import SuggestionKind
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.suggestions.changes import MAX_CHANGES, Change, parse_changes
from wikitool.suggestions.limits import MAX_RATIONALE_CHARS, MAX_SUMMARY_CHARS

MAX_CONTENT_BYTES = 200 * 1024
"""Largest proposed guide (a long guide is about 15 KB)."""
MAX_INPUT_BYTES = MAX_CONTENT_BYTES + 16 * 1024
"""Largest suggestion document: the content plus room for the other fields."""
MAX_NAME_CHARS = 100
MAX_EMAIL_CHARS = 254
MAX_ABOUT_CHARS = 200
MAX_YAML_NODES = 64 + 20 * MAX_CHANGES
"""Keys, values and mappings a YAML suggestion may hold (the format has 24 at most, and
each change about 4, up to 20 with a new item as its value): each costs the YAML parser
time (about 50 microseconds), so a document of 20,000 keys is refused at the 2,065th."""

_FIELDS = {
    "kind",
    "guide",
    "base",
    "new",
    "content",
    "changes",
    "about",
    "summary",
    "rationale",
    "author",
    "follows",
}
_AUTHOR_FIELDS = {"name", "email", "credit", "notify"}


@dataclass(frozen=True)
class SuggestionAuthor:
    """Who suggested: kept out of git except a credited name."""

    name: str = ""
    email: str = ""
    credit: bool = False
    notify: bool = False
    """E-mail the citizen at each change of status (needs ``email``)."""


@dataclass(frozen=True)
class SuggestionInput:
    """A suggestion as the citizen sent it, with each field of the right type and size."""

    guide: str
    content: str
    """The whole proposed guide; empty when ``changes`` says what changed instead."""
    summary: str
    base: str | None = None
    new: bool = False
    rationale: str = ""
    author: SuggestionAuthor = SuggestionAuthor()
    kind: SuggestionKind = SuggestionKind.EDIT
    about: str = ""
    """What a report is about, as the citizen named it (empty: the whole guide)."""
    changes: tuple[Change, ...] = ()
    """What changed, applied to the guide at ``base`` when submitted (instead of content)."""
    follows: str = ""
    """The id of the suggestion a report follows up (empty: none)."""


def parse_suggestion(raw: bytes, *, source: str = "suggestion") -> SuggestionInput:
    """Parse a JSON or YAML suggestion document.

    Raises:
        SuggestionError: the document is too large, not UTF-8, not JSON/YAML, or a field
            is missing, unknown, of the wrong type or too long. One line, naming ``source``.
    """
    if len(raw) > MAX_INPUT_BYTES:
        raise SuggestionError(f"{source}: is larger than {MAX_INPUT_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SuggestionError(f"{source}:{line}: is not valid UTF-8") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise SuggestionError(f"{source}: contains a NUL byte")
    data = _load_document(text, source)
    return suggestion_from_mapping(data, source=source)


def _load_document(text: str, source: str) -> Mapping[str, Any]:
    if text.lstrip().startswith("{"):
        try:
            loaded = loads_strict(text)
        except json.JSONDecodeError as exc:
            raise SuggestionError(f"{source}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        except ValueError as exc:
            raise SuggestionError(f"{source}: {exc}") from None
        except RecursionError:
            # The JSON decoder recurses once per nesting level ("[[[[..."); the format
            # itself nests two levels deep.
            raise SuggestionError(f"{source}: invalid JSON: nested too deeply") from None
        if not isinstance(loaded, dict):
            raise SuggestionError(f"{source}: must be a JSON object")
        return loaded
    try:
        return load_plain_yaml(
            text.replace("\r\n", "\n"),
            path=source,
            first_line=1,
            # content holds a whole guide; the field limits below apply after loading.
            max_scalar_chars=MAX_INPUT_BYTES,
            max_nodes=MAX_YAML_NODES,
        )
    except GuideError as exc:
        raise SuggestionError(str(exc).replace("front matter", "suggestion")) from None


def suggestion_from_mapping(
    data: Mapping[str, Any], *, source: str = "suggestion"
) -> SuggestionInput:
    """Check the fields of an already-decoded suggestion (the intake's JSON body).

    Raises:
        SuggestionError: a field holds text that is not valid Unicode (checked first, in
            every field), or is missing, unknown, of the wrong type or too long.
    """
    not_text = invalid_text_field(data)
    if not_text is not None:
        raise SuggestionError(f"{source}: {not_text}")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise SuggestionError(f"{source}: unknown field {_shown(unknown[0])}")
    kind = _kind(data, source)
    guide = _text(data, "guide", source, required=True, limit=300)
    report = kind is SuggestionKind.REPORT
    about = _text(data, "about", source, limit=MAX_ABOUT_CHARS).strip()
    if report and (data.get("content") is not None or "changes" in data):
        raise SuggestionError(
            f"{source}: a report has no content: say what is wrong in summary and rationale"
        )
    if about and not report:
        raise SuggestionError(f"{source}: about is for a report (kind: report), not an edit")
    follows = _follows(data, source, report)
    if not report and ("content" in data) == ("changes" in data):
        raise SuggestionError(
            f"{source}: give exactly one of content (the whole guide) and changes (what changed)"
        )
    content = "" if report else _text(data, "content", source, limit=None)
    changes = parse_changes(data["changes"], source=source) if "changes" in data else ()
    if len(content.encode("utf-8")) > MAX_CONTENT_BYTES:
        raise SuggestionError(f"{source}: content is larger than {MAX_CONTENT_BYTES // 1024} KB")
    summary = " ".join(_text(data, "summary", source, required=True, limit=None).split())
    if not summary:
        said = "what is wrong" if report else "what you changed"
        raise SuggestionError(f"{source}: summary is empty: say in one line {said}")
    if len(summary) > MAX_SUMMARY_CHARS:
        raise SuggestionError(
            f"{source}: summary is longer than {MAX_SUMMARY_CHARS} characters: "
            "keep it to one line and put details in rationale"
        )
    rationale = _text(data, "rationale", source, limit=MAX_RATIONALE_CHARS).strip()
    base = _text(data, "base", source, limit=100).strip() or None
    new = data.get("new", False)
    if not isinstance(new, bool):
        raise SuggestionError(f"{source}: new must be true or false")
    if new and report:
        raise SuggestionError(f"{source}: a report is about an existing guide (new: false)")
    if new and changes:
        raise SuggestionError(f"{source}: a new guide is given whole, as content, not as changes")
    return SuggestionInput(
        guide=guide.strip(),
        content=content,
        summary=summary,
        base=base,
        new=new,
        rationale=rationale,
        author=_author(data.get("author"), source),
        kind=kind,
        about=about,
        changes=changes,
        follows=follows,
    )


def _follows(data: Mapping[str, Any], source: str, report: bool) -> str:
    """The id a report follows up, in the form of an id; empty when not given."""
    follows = _text(data, "follows", source, limit=100).strip().lower()
    if not follows:
        return ""
    if not report:
        raise SuggestionError(f"{source}: follows is for a report (kind: report), not an edit")
    if not is_suggestion_id(follows):
        raise SuggestionError(
            f"{source}: follows must be a suggestion id (26 letters and digits), "
            f"got {_shown(follows)}"
        )
    return follows


def _kind(data: Mapping[str, Any], source: str) -> SuggestionKind:
    text = _text(data, "kind", source, limit=None)
    try:
        return SuggestionKind(text or SuggestionKind.EDIT.value)
    except ValueError:
        raise SuggestionError(
            f"{source}: unknown kind {_shown(text)}: use edit (new text) or report (in words)"
        ) from None


def _shown(name: str) -> str:
    """A field name as an error message quotes it: escaped, and cut short when long."""
    return repr(name if len(name) <= 40 else name[:40] + "...")


def _text(
    data: Mapping[str, Any], key: str, source: str, *, required: bool = False, limit: int | None
) -> str:
    return text_field(
        data, key, limit=limit, where=source, error=SuggestionError, required=required
    )


def _author(value: Any, source: str) -> SuggestionAuthor:
    if value is None:
        return SuggestionAuthor()
    if not isinstance(value, Mapping):
        raise SuggestionError(
            f"{source}: author must be a mapping with name, email, credit, notify"
        )
    unknown = sorted(set(value) - _AUTHOR_FIELDS)
    if unknown:
        raise SuggestionError(f"{source}: unknown field {_shown('author.' + unknown[0])}")
    name = _text(value, "name", source, limit=MAX_NAME_CHARS).strip(" ")
    email = _text(value, "email", source, limit=MAX_EMAIL_CHARS).strip(" ")
    flags = {}
    for flag in ("credit", "notify"):
        flags[flag] = value.get(flag, False)
        if not isinstance(flags[flag], bool):
            raise SuggestionError(f"{source}: author.{flag} must be true or false")
    problem = name_problem(name)
    if problem:
        raise SuggestionError(f"{source}: author.name {problem}")
    problem = address_problem(email) if email else None
    if problem:
        raise SuggestionError(f"{source}: author.email {problem}")
    if flags["credit"] and not name:
        raise SuggestionError(f"{source}: author.credit needs author.name")
    if flags["notify"] and not email:
        raise SuggestionError(f"{source}: author.notify needs author.email: where to write to")
    return SuggestionAuthor(name=name, email=email, credit=flags["credit"], notify=flags["notify"])
