"""The citizen's pages: "Suggest an edit", "Track your suggestion", and each guide's source.

One suggestion page serves every guide (``suggest/?guide=<path>``). Its script loads the
guide's Markdown from ``suggest/sources/<path without .md>.json``, which the build writes
for every guide from the exported docs: ``{"guide", "title", "url", "content", "parts",
"about"}``, ``parts`` being what a change list may address (its fields, steps and
sections) and ``about`` what a report may be about (``report_choices``). A JSON file per
guide is a few kilobytes; a generated page per guide would repeat the whole theme 2,000
times.

The commit the site was built from, a suggestion's ``base``, is in no guide's source, so
an unchanged guide's source is the same bytes in every release and an incremental publish
links it from the live release instead of writing 2,000 files again. The suggestion page
carries it (``data-wt-base``), and so does ``sources/commit.txt``: the script reads the
commit file again after the guide's source, and a commit other than the page's means a
publish came in between, so it loads the source again (the citizen edits the guide as
published at the ``base`` sent).

Where suggestions go is ``extra.wikitool.intake_url`` (``wikitool build --intake-url``):
the base URL of ``wikitool intake serve``, or a path on the site's own host when a
proxy serves the intake there (``/`` for ``/api/...``). Without it the page lets the
citizen download the suggestion as a file to send to the agency, and the guides have no
feedback widget.

The generated pages' Markdown is what a reader without JavaScript sees: how to suggest
a correction anyway. The theme's ``suggest.html`` and ``track.html`` add the forms.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

SUGGEST_TEMPLATE = "suggest.html"
TRACK_TEMPLATE = "track.html"
SUGGEST_TITLE = "Suggest an edit"
TRACK_TITLE = "Track your suggestion"

SUGGEST_NO_SCRIPT = """\
This page lets you correct a guide in your browser and send the correction to the team
that owns the guide. It needs JavaScript, which your browser is not running.

You can still tell us what is wrong:

1. Go back to the guide and note what is wrong, what it should say, and how you know.
2. Send this to the agency that owns the guide. The guide names the agency near its
   title, and its "Get help" section says how to contact them.

The team that owns the guide checks every correction. Please do not include personal
details, such as your phone number or identity number, in what you write.
"""

TRACK_NO_SCRIPT = """\
This page shows what happened to a suggestion you sent: whether it was received, is
being reviewed, or was accepted or turned down. It needs JavaScript, which your browser
is not running.

To find out about your suggestion without it, contact the agency that owns the guide
and give them your suggestion number.
"""

COMMIT_FILE = "commit.txt"
_BASE = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


@dataclass(frozen=True)
class GuideSource:
    """What the suggestion page needs to edit one guide."""

    guide: str
    """The guide's path in the docs folder, ``travel/renew.md`` (the suggestion's ``guide``)."""
    title: str
    """Plain text."""
    url: str
    """The guide's page, relative to the site's root."""
    content: str
    """The Markdown as published, front matter included."""
    parts: Mapping[str, object] | None = None
    """What a change list may address in it (``suggestions.changed_guide.editable_parts``);
    None when the guide cannot be read."""
    about: Sequence[Mapping[str, object]] = ()
    """What a report on it may be about, in groups (``report_choices``)."""


def intake_url_from(extra: Mapping[str, object]) -> str:
    """``extra.wikitool.intake_url`` checked: an http(s) URL or a path on the site ("/").

    Returns:
        The URL ending in "/" ("" when not set): the API is at ``api/`` relative to it.

    Raises:
        ValueError: the value is not text, or not such a URL.
    """
    settings = extra.get("wikitool")
    return check_intake_url(settings.get("intake_url") if isinstance(settings, Mapping) else None)


def check_intake_url(value: object) -> str:
    """The intake's URL (``extra.wikitool.intake_url``, or ``wikitool build --intake-url``
    in its place) checked: an http(s) URL or a path on the site ("/").

    Returns:
        The URL ending in "/" ("" when not set): the API is at ``api/`` relative to it.

    Raises:
        ValueError: the value is not text, or not such a URL.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ValueError("extra.wikitool.intake_url must be text, e.g. https://intake.example.org")
    parts = urlsplit(value)
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc)
    on_site = not parts.scheme and not parts.netloc and value.startswith("/")
    if (
        not (absolute or on_site)
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
        or any(ch.isspace() or ch in "\"'<>\\" for ch in value)
    ):
        raise ValueError(
            f"extra.wikitool.intake_url {value!r} is not an http(s) URL "
            "such as https://intake.example.org"
        )
    return value.rstrip("/") + "/"


def published_base(commit: str) -> str | None:
    """The commit to give as a suggestion's ``base``: a full commit id, or ``None`` when
    the build does not know one (the intake then uses main's tip)."""
    return commit if _BASE.fullmatch(commit) else None


def sources_folder(suggest_page: str) -> str:
    """Where the guides' sources are written in the site, beside the suggestion page:
    ``suggest.md`` (or ``suggest/index.md``) -> ``suggest/sources``."""
    stem = suggest_page.removesuffix(".md")
    folder = posixpath.dirname(stem) if posixpath.basename(stem) in ("index", "README") else stem
    return posixpath.join(folder, "sources") if folder else "sources"


def source_file(folder: str, guide: str) -> str:
    """The site path of a guide's source: ``suggest/sources/travel/renew.json``."""
    return f"{folder}/{guide.removesuffix('.md')}.json"


def commit_file(folder: str) -> str:
    """The site path of the file naming the commit the site was built from (the
    suggestion's ``base``; empty when unknown): ``suggest/sources/commit.txt``, which
    no guide's source can be (theirs end in ``.json``)."""
    return f"{folder}/{COMMIT_FILE}"


def source_document(source: GuideSource) -> bytes:
    """The JSON the suggestion page loads for one guide: the same bytes in every release
    until the guide itself changes."""
    document = {
        "guide": source.guide,
        "title": source.title,
        "url": source.url,
        "content": source.content,
        "parts": source.parts,
        "about": source.about,
    }
    # Compact: the page's script parses it, and Python's C encoder writes no indentation
    # (indented, 500 guides' sources cost the build a twentieth of a second more).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
