"""Find markup in a guide that could run script or hide content once rendered.

Policy: guides are Markdown only, so every raw HTML tag outside code is reported, not only
the dangerous ones. Python-Markdown passes raw HTML through untouched (``<script>``,
``on*`` handlers, ``<iframe>``, even ``\\<b>``), so a deny-list of tags would be one
forgotten element away from script; a guide never needs HTML that Markdown cannot say.
The message names the worst thing about each tag (an unsafe element, an event handler,
a ``javascript:`` URL) so a reviewer sees why. Besides tags, this module reports:

- ``javascript:``, ``vbscript:``, ``livescript:`` and ``data:`` URLs in Markdown links,
  images, reference definitions and autolinks, in any case and through HTML entities
  (``&#106;avascript:``), percent-encoding and embedded whitespace or control characters;
- Markdown attribute lists (``{: onclick=... }``) with event handlers, ``style`` or such
  URLs;
- HTML comments that are not closed, could end early (``<!-->``, ``--!>``) or share a
  line with text; a plain comment on lines of its own is harmless and kept.

``<`` followed by a space or digit ("under 18 < 21", "<3") is text, and Markdown escapes
it. Autolinks with ``http``, ``https``, ``ftp`` or ``mailto`` and e-mail autolinks are
links, not tags.

Code in the body is exempt, because Markdown escapes it: fenced blocks and inline code
spans (front matter is not Markdown, so backticks there protect nothing). Only the forms
Python-Markdown is certain to read as code count (a fence at the start of a line with at
most a plain language name, closed by the same fence; backtick spans paired on one line
in a paragraph whose backticks all pair that way, with no table pipe or comment on the
line), so a parser disagreement can only make this module stricter than the renderer,
never laxer. A link destination written in backticks is not code: Markdown puts the bare
text into the ``href``. tests/screening checks this against the real renderer, on
hypothesis-generated Markdown.

Front matter values are rendered into templates too: run :func:`find_unsafe_markup` on
the raw file (front matter included) and on each parsed string value, since YAML escapes
(``"\\x3cscript\\x3e"``) only become ``<`` once parsed.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import unquote

from wikitool.screening.positions import MAX_PROBLEMS, line_starts, position

DANGEROUS_SCHEMES = ("javascript", "vbscript", "livescript", "data")
# Elements that run script, load other documents or styles, submit data, or change how
# the page resolves links; reported by name.
DANGEROUS_ELEMENTS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
        "input", "button", "textarea", "select", "style", "link", "meta", "base", "svg",
        "math", "template", "noscript", "xmp", "plaintext", "noembed", "noframes", "portal",
    }
)  # fmt: skip
_SAFE_AUTOLINK_SCHEMES = frozenset({"http", "https", "ftp", "mailto"})
_MAX_NAME = 40


class UnsafeMarkup(NamedTuple):
    """One unsafe construct: where it starts (1-based line and column) and what it is."""

    line: int
    column: int
    message: str


def find_unsafe_markup(markdown: str) -> list[UnsafeMarkup]:
    """Raw HTML, script URLs and unsafe attribute lists in ``markdown``, by position.

    Args:
        markdown: a guide (front matter included) or any text a citizen sends.

    Returns:
        One entry per unsafe construct, sorted by position; empty when the text is safe.
        Text with more than ``MAX_PROBLEMS`` gets that many (it is refused either way).
    """
    # Markdown reads "\r\n" and a lone "\r" as line breaks; so must every check. Same
    # length, so offsets still point into the original text ("\r\n" must not turn into
    # a blank line: that would split a paragraph Markdown reads as one).
    text = markdown.replace("\r\n", " \n").replace("\r", "\n")
    code = _CodeRanges(text)
    hits: dict[int, str] = {}
    finders = (
        _links(text),
        _reference_definitions(text),
        _attribute_lists(text),
        _tags(text, code),
    )
    for finder in finders:
        found = 0
        for offset, message in finder:
            if not code.contains(offset):
                hits.setdefault(offset, message)
                found += 1
                if found == MAX_PROBLEMS:
                    break
    if not hits:
        return []
    lines = line_starts(markdown)
    offsets = sorted(hits)[:MAX_PROBLEMS]
    return [UnsafeMarkup(*position(lines, offset), hits[offset]) for offset in offsets]


# --- raw HTML -------------------------------------------------------------------------

# Where an HTML tokenizer leaves text: "<" then a letter, "/", "!" or "?".
_TAG_OPEN_RE = re.compile(r"<[A-Za-z/!?]")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}):[^<>\s]*>")
_AUTOMAIL_RE = re.compile(r"<(?:mailto:)?[^<> !]+@[^@<> ]+>")
_TAG_RE = re.compile(r"</?([A-Za-z][^\s/<>]{0,200})([^<>]{0,4000})")
_HANDLER_RE = re.compile(r"(?:^|[\s/\"'])(on[a-z0-9_\-]*)\s*=", re.IGNORECASE)
_ATTRIBUTE_VALUE_RE = re.compile(r"=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")


def _tags(text: str, code: _CodeRanges) -> Iterator[tuple[int, str]]:
    # Where the last "-->" is, and where the comment being read ends: each found once, so
    # a text full of comment openers is still read in linear time.
    last_close = text.rfind("-->")
    resume = 0
    for opening in _TAG_OPEN_RE.finditer(text):
        start = opening.start()
        # A "<!--" shown in code opens no comment, so must not hide what follows it.
        if start < resume or code.contains(start):
            continue
        second = text[start + 1]
        if second == "!":
            if text.startswith("<!--", start):
                end = text.find("-->", start + 4) if start + 4 <= last_close else -1
                message = _comment_problem(text, start, end)
                if end >= 0:
                    resume = end + 3
                if message is not None:
                    yield start, message
            else:
                yield start, "raw HTML declaration <!...>: guides are Markdown only"
            continue
        if second == "?":
            yield start, "raw HTML processing instruction <?...>: guides are Markdown only"
            continue
        autolink = _AUTOLINK_RE.match(text, start)
        if autolink is not None:
            scheme = autolink[1].lower()
            if scheme in _SAFE_AUTOLINK_SCHEMES:
                continue
            if scheme in DANGEROUS_SCHEMES:
                yield start, f"{scheme}: URL in an autolink"
                continue
        if _AUTOMAIL_RE.match(text, start):
            continue
        tag = _TAG_RE.match(text, start)
        if tag is None:  # "</" followed by something other than a letter
            yield start, "raw HTML: guides are Markdown only"
            continue
        yield start, _tag_problem(tag[1], tag[2], closing=text[start + 1] == "/")


def _tag_problem(name: str, attributes: str, *, closing: bool) -> str:
    shown = _shown(name)
    handler = _HANDLER_RE.search(attributes)
    if handler is not None:
        return f"HTML event handler attribute {_shown(handler[1])} in <{shown}>"
    for value in _ATTRIBUTE_VALUE_RE.finditer(attributes):
        scheme = dangerous_scheme(value[1].strip("\"'"))
        if scheme is not None:
            return f"{scheme}: URL in <{shown}>"
    if name.lower() in DANGEROUS_ELEMENTS:
        return f"unsafe HTML element <{shown}>"
    slash = "/" if closing else ""
    return f"raw HTML <{slash}{shown}>: guides are Markdown only"


_UNCLOSED_COMMENT = "HTML comment that is never closed"
_EARLY_END = "HTML comment that hides markup or may end early"
_INLINE_COMMENT = "HTML comment inside a line: comments must stand on lines of their own"


def _comment_problem(text: str, start: int, end: int) -> str | None:
    """What is wrong with the comment at ``start`` whose "-->" is at ``end`` (-1: none)."""
    # Browsers end a comment early at "<!-->", "<!--->" and "--!>": whatever follows would
    # be live markup although a reviewer reads it as a comment.
    if end < 0:
        if text.find("--!>", start + 4, start + 4096) >= 0:
            return _EARLY_END
        return _UNCLOSED_COMMENT
    body = text[start + 4 : end]
    if body.startswith((">", "->")) or "--" in body or "<" in body or ">" in body:
        return _EARLY_END
    line_end = text.find("\n", end)
    rest = text[end + 3 : len(text) if line_end < 0 else line_end]
    if (start > 0 and text[start - 1] != "\n") or rest.strip():
        # Inside a paragraph, Markdown renders the comment's text as Markdown; on lines
        # of its own, the comment is a raw block that Markdown leaves alone.
        return _INLINE_COMMENT
    return None


# --- URLs -----------------------------------------------------------------------------

# Inline links and images: "](" then the destination, in angle brackets or up to the first
# parenthesis (Python-Markdown accepts spaces and line breaks in it); read in a lookahead,
# as it may hold the next link's "](". Reported at the "]": a destination in backticks is
# still a destination, but a "](" in code is not.
_LINK_RE = re.compile(r"\]\((?=\s*(?:<([^<>]{0,2048})>|([^()]{0,2048})))")
# Reference definitions, also inside block quotes and list items. The destination may be
# on the next line, which may hold a definition of its own: a lookahead, so that line is
# still tried.
_REFERENCE_RE = re.compile(
    r"^(?:[ \t>]|[-*+][ \t]|[0-9]{1,9}[.)][ \t])*+\[[^\[\]]{1,999}\]:"
    r"(?=[ \t]*\n?[ \t]*<?([^\S\n]*[^\s>]{1,2048}))",
    re.MULTILINE,
)


def _links(text: str) -> Iterator[tuple[int, str]]:
    for link in _LINK_RE.finditer(text):
        destination = link[1] if link[1] is not None else link[2]
        # Markdown removes reference definitions from a paragraph before it reads links,
        # so a destination may start on any later line of what follows "](".
        for candidate in (destination, *destination.split("\n")[1:]):
            scheme = dangerous_scheme(candidate.lstrip(" \t>"))
            if scheme is not None:
                yield link.start(), f"{scheme}: URL in a Markdown link or image"
                break


def _reference_definitions(text: str) -> Iterator[tuple[int, str]]:
    for definition in _REFERENCE_RE.finditer(text):
        scheme = dangerous_scheme(definition[1])
        if scheme is not None:
            yield definition.start(1), f"{scheme}: URL in a link reference definition"


def dangerous_scheme(url: str) -> str | None:
    """The dangerous scheme ``url`` uses once decoded as a browser would, if any.

    Stricter than a browser: entities and percent-escapes are undone, and every space,
    separator (U+00A0, U+2028, U+3000...), control and format character is dropped
    wherever it is, so whatever a renderer or browser might read as a script URL is
    caught. The site's sanitizer drops the links this names too (one rule, two places
    that run it: ``mkdocs_plugin/sanitize.py``).
    """
    if ":" not in url and "&" not in url and "%" not in url:
        return None  # no colon, plain or encoded: no scheme at all
    value = url
    # Entities and percent-escapes may be nested ("&amp;#106;"); a few rounds undo any
    # encoding a renderer or browser would undo.
    for _ in range(4):
        decoded = unquote(html.unescape(value))
        if decoded == value:
            break
        value = decoded
    # Browsers drop tabs and newlines inside a URL and controls before it; dropping every
    # space, control and format character is stricter still. Backticks go too: Markdown
    # puts a code span's bare text into a link destination.
    compact = "".join(
        ch
        for ch in value[:256]
        if ch > " " and ch != "`" and unicodedata.category(ch)[0] not in "CZ"
    ).lower()
    for scheme in DANGEROUS_SCHEMES:
        if compact.startswith(scheme + ":"):
            return scheme
    return None


# --- attribute lists ------------------------------------------------------------------

_ATTRIBUTE_LIST_RE = re.compile(r"\{:?([^{}\n]{0,2000})\}")
_KEY_VALUE_RE = re.compile(r"([^\s={}]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]*)")


def _attribute_lists(text: str) -> Iterator[tuple[int, str]]:
    for attribute_list in _ATTRIBUTE_LIST_RE.finditer(text):
        body = html.unescape(attribute_list[1])
        for pair in _KEY_VALUE_RE.finditer(body):
            key = pair[1].lower()
            if key.startswith("on"):
                message = f"event handler {_shown(pair[1])} in a Markdown attribute list"
            elif key == "style":
                message = "style attribute in a Markdown attribute list"
            else:
                scheme = dangerous_scheme(pair[2].strip("\"'"))
                if scheme is None:
                    continue
                message = f"{scheme}: URL in a Markdown attribute list"
            yield attribute_list.start(), message
            break


# --- code, where markup is shown rather than rendered ---------------------------------

_FENCE_OPEN_RE = re.compile(r"(`{3,}|~{3,})[ ]*\.?[\w#.+-]*[ ]*")
_FENCE_CLOSE_RE = re.compile(r"(`{3,}|~{3,})[ ]*")
_BACKTICKS_RE = re.compile(r"`+")


# "\r" too: MkDocs reads files with universal newlines, so CRLF front matter is still
# front matter to it.
_FRONT_MATTER_OPEN_RE = re.compile(r"\ufeff?---[ \t\r]*")
_FRONT_MATTER_CLOSE_RE = re.compile(r"(?:---|\.\.\.)[ \t\r]*")


def _body_start(lines: list[str]) -> int:
    """The first line after the YAML front matter, as MkDocs finds it (0: none)."""
    # Front matter values go into page templates as they are, without Markdown: backticks
    # protect nothing there, so no code is looked for in it.
    if lines and _FRONT_MATTER_OPEN_RE.fullmatch(lines[0]):
        for number in range(1, len(lines)):
            if _FRONT_MATTER_CLOSE_RE.fullmatch(lines[number]):
                return number + 1
    return 0


class _CodeRanges:
    """Offsets of code Python-Markdown certainly escapes: strict fences and plain spans."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        if "`" in text or "~~~" in text:
            self._find(text)

    def contains(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]

    def _find(self, text: str) -> None:
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        # Closing fences by their exact text, to find each opener's closer in log time.
        closers: dict[str, list[int]] = {}
        for number, line in enumerate(lines):
            # Markdown expands tabs before it looks for fences ("~~~\t" opens one).
            fence = _FENCE_CLOSE_RE.fullmatch(line.expandtabs(4)) if line[:1] in "`~" else None
            if fence is not None:
                closers.setdefault(fence[1], []).append(number)
        paragraph: list[int] = []
        number = _body_start(lines)
        while number < len(lines):
            line = lines[number]
            opener = _FENCE_OPEN_RE.fullmatch(line.expandtabs(4)) if line[:1] in "`~" else None
            if opener is not None:
                candidates = closers.get(opener[1], [])
                index = bisect.bisect_right(candidates, number)
                if index < len(candidates):
                    closer = candidates[index]
                    self._add_spans(text, starts, paragraph)
                    paragraph = []
                    self._add(starts[number], starts[closer + 1] - 1)
                    number = closer + 1
                    continue
            # Only spaces and tabs make a blank line to Markdown (not, say, U+00A0).
            if line.strip(" \t"):
                paragraph.append(number)
            else:
                self._add_spans(text, starts, paragraph)
                paragraph = []
            number += 1
        self._add_spans(text, starts, paragraph)

    def _add_spans(self, text: str, starts: list[int], paragraph: list[int]) -> None:
        # Every backtick run of the paragraph must pair with the next run on the same line
        # (same length, no backslash before either, no table pipe or comment on the line);
        # otherwise Python-Markdown may pair them differently, and nothing in it is exempt.
        spans: list[tuple[int, int]] = []
        for number in paragraph:
            line = text[starts[number] : starts[number + 1] - 1]
            if "<!--" in line:
                # A comment makes Python-Markdown read the rest of its lines as raw HTML,
                # backticks included.
                return
            runs = list(_BACKTICKS_RE.finditer(line))
            if not runs:
                continue
            if "|" in line or len(runs) % 2:
                return
            for opener, closer in zip(runs[::2], runs[1::2], strict=True):
                if len(opener[0]) != len(closer[0]) or "\\" in (
                    line[opener.start() - 1 : opener.start()],
                    line[closer.start() - 1 : closer.start()],
                ):
                    return
                spans.append((starts[number] + opener.start(), starts[number] + closer.end()))
        for start, end in spans:
            self._add(start, end)

    def _add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def _shown(name: str) -> str:
    return name if len(name) <= _MAX_NAME else name[:_MAX_NAME] + "..."
