"""Markdown files with YAML front matter: read them, and write them back byte for byte.

A page is ``---``, YAML, ``---`` (or ``...``, as MkDocs allows), then the Markdown body.
Reading then writing an unchanged page gives the same bytes: comments, key order,
quoting and blank lines are kept by ruamel.yaml's round-trip mode, the indentation of
lists is detected, and a UTF-8 byte order mark and CRLF line endings are kept if the
file used them throughout (mixed line endings are refused: they cannot be kept).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Protocol

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from wikitool.errors import GuideError
from wikitool.guides.plain_yaml import (
    HOUSE_INDENT,
    YamlIndent,
    dump_yaml,
    guess_indent,
    load_plain_yaml,
)

MAX_GUIDE_BYTES = 1_000_000
"""Largest page accepted, in bytes (the longest reference guide is under 10 KB)."""

MAX_FRONT_MATTER_CHARS = 50_000
"""Longest front matter accepted, in characters (a full reference guide's is about 2,000).

The pure-Python YAML parser reads about 100 KB a second, so this bounds the time a
hostile page can cost.
"""

_BOM = "\ufeff"
_OPENING_RE = re.compile(r"---[ \t]*")
# MkDocs (mkdocs.utils.meta) ends front matter at the first `---` or `...` line.
_CLOSING_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class GuideView(Protocol):
    """What the checks read of a guide: :class:`GuideSource`, or a faster plain reading.

    It is, structurally, the :class:`wikitool.schema.FrontMatterPage` the schema checks:
    the schema sits below guides and names no guide type.
    """

    @property
    def path(self) -> str: ...

    @property
    def body(self) -> str: ...

    @property
    def front_matter(self) -> Mapping[str, Any]: ...

    @property
    def closing_line(self) -> int: ...

    @property
    def body_line(self) -> int: ...

    def data(self) -> dict[str, Any]: ...

    def line_of(self, location: Sequence[str | int]) -> int | None: ...


@dataclass
class GuideSource:
    """One page as written: its front matter (round-trip YAML) and its Markdown body.

    ``front_matter_line`` is the file line (1-based) of the first YAML line; the
    remaining fields record how the file was written so :func:`dump_guide` can
    reproduce it.
    """

    path: str
    front_matter: CommentedMap
    body: str
    front_matter_line: int = 2
    yaml_text: str = ""
    opening: str = "---"
    closing: str = "---"
    newline: str = "\n"
    bom: bool = False
    indent: YamlIndent = field(default=HOUSE_INDENT)

    @property
    def closing_line(self) -> int:
        """The file line of the ``---`` that ends the front matter."""
        return self.front_matter_line + self.yaml_text.count("\n")

    @property
    def body_line(self) -> int:
        """The file line where the body starts."""
        return self.closing_line + 1

    def data(self) -> dict[str, Any]:
        """The front matter as plain JSON-compatible data (dates as ISO strings)."""
        plain = _plain(self.front_matter)
        assert isinstance(plain, dict)
        return plain

    def line_of(self, location: Sequence[str | int]) -> int | None:
        """The file line of the key or list item at ``location`` (e.g. ``["fees", 0]``).

        An empty location is the front matter itself (its opening ``---``). Returns the
        deepest line known when the location does not exist (a missing key's mapping).
        """
        line = self.front_matter_line - 1
        node: Any = self.front_matter
        for step in location:
            if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
                line = self.front_matter_line + node.lc.key(step)[0]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                line = self.front_matter_line + node.lc.item(step)[0]
            else:
                return line
            node = node[step]
        return line


def parse_guide(raw: bytes | str, path: str) -> GuideSource:
    """Split a page into front matter and body, refusing anything unsafe or unreadable.

    Args:
        raw: the file's bytes (or text).
        path: the page's path, used in error messages (e.g. ``content/travel/x.md``).

    Returns:
        The parsed page.

    Raises:
        GuideError: with the line where there is one, for: a file over
            :data:`MAX_GUIDE_BYTES`, invalid UTF-8, a NUL byte, mixed line endings,
            missing or unclosed front matter, invalid YAML, and front matter that is not
            a mapping of plain data (see :mod:`wikitool.guides.plain_yaml`).
    """
    text = _decode(raw, path)
    bom = text.startswith(_BOM)
    text = text.removeprefix(_BOM)
    text, newline = _normalise_newlines(text, path)

    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if not _OPENING_RE.fullmatch(first):
        raise GuideError(path, "missing front matter: the file must start with a line '---'", 1)
    closing = _CLOSING_RE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        raise GuideError(path, "front matter is not closed: add a line '---' after it", 1)
    closing_line = text.count("\n", 0, closing.start()) + 1
    if closing.end() == len(text):
        # MkDocs only sees front matter whose closing line ends with a line break.
        raise GuideError(
            path, "the front matter's closing '---' must end with a line break", closing_line
        )
    yaml_text = text[first_end + 1 : closing.start()]
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        message = f"front matter is longer than {MAX_FRONT_MATTER_CHARS:,} characters"
        raise GuideError(path, message, 2)
    front_matter = load_plain_yaml(yaml_text, path=path, first_line=2)
    return GuideSource(
        path=path,
        front_matter=front_matter,
        body=text[closing.end() + 1 :],
        front_matter_line=2,
        yaml_text=yaml_text,
        opening=first,
        closing=closing.group(0),
        newline=newline,
        bom=bom,
        indent=guess_indent(yaml_text),
    )


def dump_guide(guide: GuideSource) -> str:
    """Write a parsed page back out; an unchanged page gives the bytes it was read from.

    Changed front matter is re-emitted by ruamel.yaml, which keeps comments, key order,
    quoting, blank lines and list indentation, but normalises a few spellings:
    ``True``/``~``/``null`` become ``true`` and an empty value, flow lists get one space
    after commas, runs of spaces after a colon shrink to one, and a plain value
    folded over several lines is joined into one. The lines the change did not touch
    are kept as written, so these never cause a spurious diff.
    """
    yaml_text = dump_yaml(guide.front_matter, guide.indent)
    if yaml_text != guide.yaml_text and guide.yaml_text:
        original = load_plain_yaml(
            guide.yaml_text, path=guide.path, first_line=guide.front_matter_line
        )
        normalised = dump_yaml(original, guide.indent)
        if normalised == yaml_text:
            yaml_text = guide.yaml_text
        elif normalised != guide.yaml_text:
            yaml_text = _untouched_lines_kept(guide, normalised, yaml_text)
    text = f"{guide.opening}\n{yaml_text}{guide.closing}\n"
    text += guide.body
    if guide.newline != "\n":
        text = text.replace("\n", guide.newline)
    return _BOM + text if guide.bom else text


def _untouched_lines_kept(guide: GuideSource, normalised: str, changed: str) -> str:
    """``changed`` (the edited front matter as ruamel writes it) with each run of lines
    the edit left alone as the author wrote it, rather than as ruamel normalises it.

    ``normalised`` is the unedited front matter as ruamel writes it: lines are matched
    between the three texts, and a run of the author's lines is kept whole when none of
    its normalised lines changed. The result must read as the same data as ``changed``;
    if it does not (an edit inside a run of normalised lines), ``changed`` is used.
    """
    written = guide.yaml_text.splitlines(keepends=True)
    before = normalised.splitlines(keepends=True)
    after = changed.splitlines(keepends=True)
    edited: set[int] = set()  # lines of ``before`` the edit replaced or removed
    inserted: dict[int, list[str]] = {}  # lines the edit put before line i of ``before``
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            edited.update(range(i1, i2))
            inserted.setdefault(i1, []).extend(after[j1:j2])
    out: list[str] = []
    matcher = SequenceMatcher(None, written, before, autojunk=False)
    for _, a1, a2, b1, b2 in matcher.get_opcodes():
        if a2 - a1 == b2 - b1:  # line for line (as written, or one spelling normalised)
            for index in range(b1, b2):
                out.extend(inserted.pop(index, []))
                if index not in edited:
                    out.append(written[a1 + index - b1])
            continue
        for index in range(b1, b2):
            out.extend(inserted.pop(index, []))
        if edited.isdisjoint(range(b1, b2)):
            out.extend(written[a1:a2])  # normalised by ruamel, untouched: as written
        else:
            out.extend(line for index, line in enumerate(before[b1:b2], b1) if index not in edited)
    out.extend(line for lines in inserted.values() for line in lines)
    kept = "".join(out)
    try:
        same = dump_yaml(
            load_plain_yaml(kept, path=guide.path, first_line=guide.front_matter_line),
            guide.indent,
        )
    except GuideError:
        return changed
    return kept if same == changed else changed


def render_guide(front_matter: Mapping[str, Any], body: str) -> str:
    """Write a new page in the house style from plain data and a Markdown body."""
    return f"---\n{dump_yaml(dict(front_matter))}---\n{body}"


def _decode(raw: bytes | str, path: str) -> str:
    if isinstance(raw, str):
        try:
            data = raw.encode("utf-8")
        except UnicodeEncodeError as error:
            line = raw.count("\n", 0, error.start) + 1
            raise GuideError(path, "is not valid UTF-8 text (lone surrogate)", line) from None
    else:
        data = raw
    if len(data) > MAX_GUIDE_BYTES:
        raise GuideError(path, f"is larger than {MAX_GUIDE_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise GuideError(path, f"is not valid UTF-8 text (byte 0x{byte:02X})", line) from None
    nul = text.find("\0")
    if nul >= 0:
        raise GuideError(
            path, "contains a NUL byte: pages must be plain text", text.count("\n", 0, nul) + 1
        )
    return text


def _normalise_newlines(text: str, path: str) -> tuple[str, str]:
    """Turn a consistently-CRLF file into LF (remembering it); refuse mixed endings."""
    if "\r" not in text:
        return text, "\n"
    lf_only = re.search(r"(?<!\r)\n", text)
    lone_cr = re.search(r"\r(?!\n)", text)
    if lone_cr is not None:
        line = text.count("\n", 0, lone_cr.start()) + 1
        raise GuideError(path, "contains a carriage return that does not end a line", line)
    if lf_only is not None:
        line = text.count("\n", 0, lf_only.start()) + 1
        raise GuideError(path, "mixes CRLF and LF line endings; use one kind throughout", line)
    return text.replace("\r\n", "\n"), "\r\n"


def _plain(value: Any) -> Any:
    """Round-trip YAML values as JSON-compatible Python (ruamel's subclasses unwrapped)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):  # datetimes are dates too
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"not plain data: {type(value).__name__}")  # parse_guide refuses these
