"""No guide can stop the others: a guide the build would stop on is held back.

A held-back guide keeps its published version (its file at the live release's commit,
put back into the exported tree before MkDocs runs), or is left out when it has none
(excluded from the build as ``exclude_docs`` would: a link to it is then no warning),
so navigation, search, feed and page agree: the guide is there as it was, or nowhere.

Before the build, every guide of the export is read as the plugin reads it and given to
MkDocs' raw-HTML reader (``guides.rendering``, as ``check`` does): what fails there is
held back without building twice, and what passes is handed to the plugin, which does
not read it again (``WikitoolPlugin.read_ahead``), so the probe costs the build nothing
but the HTML reader's pass (microseconds a guide). What only the build finds (a warning under strict
mode, an exception while a guide's page is rendered) holds the guide back and the site
is built again without it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig

from wikitool.errors import GuideError
from wikitool.gitstore import WikiStore
from wikitool.guides.markdown_body import lines_outside_code
from wikitool.guides.model_version import MODEL_KEY, model_version_problem
from wikitool.guides.page_source import PageSource, read_page
from wikitool.guides.paths import CONTENT_DIR, is_guide_path
from wikitool.guides.rendering import rendering_problems
from wikitool.model import Problem

_QUOTED = re.compile(r"'([^'\n]+)'")
WARNED = "MkDocs warns: "
"""How a reason from a warning of MkDocs starts."""
MAX_BLOCKS = 2000
"""Blocks tried one by one to find where a conversion failed, at most."""


@dataclass(frozen=True)
class HeldBack:
    """A guide a build held back: where and why, and what readers see of it instead."""

    path: str
    line: int | None
    reason: str
    kept_from: str | None = None
    """The commit whose version of the guide the site shows (the one readers saw), or
    ``None``: the guide is left out (never published, or that version fails too)."""

    @property
    def kept_published(self) -> bool:
        """The site shows the guide's published version (else it has no page for it)."""
        return self.kept_from is not None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"

    def to_json(self) -> dict[str, object]:
        """The stable JSON form of ``--json`` output."""
        return {
            "path": self.path,
            "line": self.line,
            "reason": self.reason,
            "kept": "published" if self.kept_published else "none",
        }


@dataclass(frozen=True)
class LiveVersions:
    """Which version of each guide readers see now: the live commit's, but for the guides
    its release held back (each kept from an older commit, or absent)."""

    commit: str
    held_back: Mapping[str, str | None] = field(default_factory=dict)

    def source_of(self, path: str) -> str | None:
        """The commit whose version of ``path`` readers see (``None``: no page)."""
        return self.held_back.get(path, self.commit)


class HoldingBack:
    """The guides held back from one build of an exported tree."""

    def __init__(self, root: Path, store: WikiStore, published: LiveVersions | None) -> None:
        """Args:
        root: the exported tree MkDocs builds (changed in place).
        published: what readers see now: the version a held-back guide keeps.
        """
        self.root = root
        self._store = store
        self._published = published
        self.held: dict[str, HeldBack] = {}
        self.sources: dict[str, PageSource] = {}
        """Each guide the probe read and passed, by its docs path (``src_uri``), for the
        plugin to take instead of reading it again (``WikitoolPlugin.read_ahead``)."""

    def probe(self) -> None:
        """Hold back every guide of the export the build would stop on before rendering."""
        content = self.root / CONTENT_DIR
        for file in sorted(content.rglob("*.md")):
            path = file.relative_to(self.root).as_posix()
            if is_guide_path(path):
                read = read_for_build(path, file.read_bytes())
                if isinstance(read, Problem):
                    self.hold_back(path, read.line, read.message)
                else:
                    self.sources[path.removeprefix(f"{CONTENT_DIR}/")] = read

    def hold_back(self, path: str, line: int | None, reason: str) -> None:
        """Put ``path``'s published version in the export in place of the failing one, or
        leave the guide out (no published version, or that version failed too)."""
        file = self.root / path
        self.sources.pop(path.removeprefix(f"{CONTENT_DIR}/"), None)  # MkDocs reads it
        first = self.held.get(path)
        source = self._published.source_of(path) if self._published and not first else None
        old = self._store.read(source, path) if source is not None else None
        if old is not None and file.read_bytes() != old and _readable(path, old):
            file.write_bytes(old)
        else:
            source = None  # the build excludes it
        if first is None:
            self.held[path] = HeldBack(path, line, reason, source)
        else:
            self.held[path] = HeldBack(first.path, first.line, first.reason, source)

    @property
    def kept(self) -> dict[str, str | None]:
        """Each held-back guide -> the commit whose version the site shows (``None``: the
        build leaves it out)."""
        return {path: held.kept_from for path, held in self.held.items()}

    def line_of(self, path: str, reason: str, config: MkDocsConfig) -> int | None:
        """Where in ``path`` (as exported) the build failed: the line of the text a
        warning quotes, or for an exception out of the Markdown conversion (which says
        nowhere where it failed) the first line of the first block of the body, blank
        lines apart and outside code, that raises on its own."""
        line = self.line_quoted(path, reason)
        if line is not None or reason.startswith(WARNED):
            return line
        return first_failing_block(self.root / path, config)

    def line_quoted(self, path: str, message: str) -> int | None:
        """The first line of ``path`` (as exported) holding text ``message`` quotes: a
        warning of MkDocs names the link, not its line."""
        try:
            lines = (self.root / path).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return None
        quoted = [q for q in _QUOTED.findall(message) if not path.endswith(q)]
        for number, text in enumerate(lines, start=1):
            if any(q in text for q in quoted):
                return number
        return None


def read_for_build(path: str, raw: bytes) -> PageSource | Problem:
    """The guide ``raw`` as the plugin reads it, or what stops the build before it renders
    the guide: the plugin cannot read it (not UTF-8, front matter, a newer model) or
    MkDocs' HTML reader fails on it."""
    read = _read_as_mkdocs(path, raw)
    if isinstance(read, Problem):
        return read
    text, page = read
    future = model_version_problem(page.data or {})
    if future is not None:
        return Problem(path, _key_line(text, MODEL_KEY), future)
    problems = rendering_problems(path, page.body, _body_line(text, page))
    return problems[0] if problems else page


def _read_as_mkdocs(path: str, raw: bytes) -> tuple[str, PageSource] | Problem:
    """``raw``'s text as MkDocs reads a page (a byte order mark dropped, universal
    newlines) and its front matter and body, or why it cannot be read."""
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Problem(path, line, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    try:
        return text, read_page(text, path)
    except GuideError as exc:
        return Problem(path, exc.line, exc.message)


def _body_line(text: str, page: PageSource) -> int:
    """The line of ``text`` its body starts on."""
    return text.count("\n", 0, len(text) - len(page.body)) + 1


def _readable(path: str, raw: bytes) -> bool:
    return not isinstance(read_for_build(path, raw), Problem)


def _key_line(text: str, key: str) -> int | None:
    found = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def first_failing_block(file: Path, config: MkDocsConfig) -> int | None:
    """The first line of the first block of ``file``'s body that Python-Markdown, with the
    site's extensions, raises on when it converts that block alone; ``None`` if none does
    (the failure needs the whole page) or the file cannot be read."""
    try:
        read = _read_as_mkdocs(file.name, file.read_bytes())
    except OSError:
        return None
    if isinstance(read, Problem):
        return None
    text, page = read
    first_line = _body_line(text, page)
    lines = page.body.split("\n")
    outside = {index for index, _ in lines_outside_code(page.body)}
    starts, start = [], None
    for index, line in enumerate(lines):
        if index in outside and not line.strip():
            start = None
        elif start is None:
            start = index
            starts.append(index)
    converter = Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    for number, begin in enumerate(starts[:MAX_BLOCKS]):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        try:
            converter.reset().convert("\n".join(lines[begin:end]))
        except Exception:  # whatever the conversion raised on the page, it raises here
            return first_line + begin
    return None
