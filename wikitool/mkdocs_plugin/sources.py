"""Each guide's Markdown as published, written beside the suggestion page for its editor
(``suggest_pages.source_document``), and the commit the site was built from
(``suggest_pages.commit_file``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from wikitool.errors import GuideError
from wikitool.guides.page_source import PageSource
from wikitool.guides.steps import Steps
from wikitool.mkdocs_plugin.collected import PageInfo, SiteFacts
from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.report_choices import report_choices
from wikitool.mkdocs_plugin.suggest_pages import (
    GuideSource,
    commit_file,
    published_base,
    source_document,
    source_file,
    sources_folder,
)
from wikitool.suggestions.editable_parts import editable_parts

PartsCache = dict[str, tuple[PageInfo, str, "dict[str, Any] | None", "list[dict[str, Any]]"]]
"""A guide's editable parts and what a report may be about, by its path, with the page
facts and content they were read from (both derive from them and the site's language):
a build kept loaded (``publish --watch``) reads again only the guides that changed."""


def write_sources(
    facts: SiteFacts,
    suggest_page: str,
    config: MkDocsConfig,
    cache: PartsCache | None = None,
    *,
    reuse: bool = False,
) -> None:
    """One JSON document per guide under the suggestion page's ``sources`` folder, and
    the commit file beside them.

    Args:
        reuse: the site folder gets the files of the last build with this ``cache`` that
            are not written again (an incremental publish links them): the source of a
            guide whose page was not read again since is the same, and is not written.
    """
    folder = sources_folder(suggest_page)
    site = Path(config.site_dir)
    made: set[Path] = set()  # the guides' few folders, each made once, not once a guide
    for info in facts.guides():
        known = cache.get(info.src) if cache is not None else None
        if reuse and known is not None and known[0] is info:
            continue  # the same page facts, the same content: the same bytes
        # newline="": the exact bytes the citizen edits, so an untouched line is no change.
        with open(Path(config.docs_dir) / info.src, encoding="utf-8", newline="") as file:
            content = file.read()
        # The front matter as the page was read, unless MkDocs' reading changed the text.
        read = info.source if "\r" not in content and content[:1] != "\ufeff" else None
        # The steps the page was read with: read_steps again costs a tenth of a second.
        read_in = (info.guide.lang, info.steps) if info.guide is not None else None
        if known is not None and known[1] == content:
            parts, about = known[2], known[3]
        else:
            parts = _parts(content, info.src, read, read_in)
            about = _about(info, parts, facts.language)
        if cache is not None:
            cache[info.src] = (info, content, parts, about)
        source = GuideSource(info.src, info.title, info.url, content, parts, about)
        target = site / source_file(folder, info.src)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(source_document(source))
    commit = site / commit_file(folder)
    commit.parent.mkdir(parents=True, exist_ok=True)
    commit.write_text(published_base(facts.commit) or "", encoding="ascii")


def _about(info: PageInfo, parts: dict[str, Any] | None, language: str) -> list[dict[str, Any]]:
    if info.guide is None:
        return []
    # The ## sections outside the steps, as editable_parts found them (no second reading).
    sections = [s["section"] for s in (parts or {}).get("sections", []) if s["level"] == 2]
    d = Display.of(info.guide.lang, language)
    return report_choices(info.guide, info.step_texts, sections, d)


def _parts(
    content: str, src: str, read: PageSource | None, read_in: tuple[str, Steps | None] | None
) -> dict[str, Any] | None:
    try:
        return editable_parts(content, src, read, read_in)
    except GuideError:
        return None  # check refuses it; the editor offers the whole source
