"""Category titles in the navigation: each folder's section is named by the ``title`` of
its ``index.md``, not by the folder's name ("United Kingdom", not "United kingdom").

MkDocs names a section after its folder when it builds the navigation, before any page
is read (``on_nav`` comes first), so the index pages' front matter is read here with the
wiki's own reader. Section titles reach the theme's templates unescaped (MkDocs does not
autoescape), so each is made escaped text, as page titles are in ``page_meta``.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from wikitool.errors import WikitoolError
from wikitool.guides.page_source import read_page
from wikitool.mkdocs_plugin.page_meta import docs_path, plain_field
from wikitool.mkdocs_plugin.sanitize import escape_text


def title_sections(nav: Navigation, config: MkDocsConfig) -> None:
    """Name every folder's section, nested ones too, after its index page's ``title``.

    A section without an index page, or whose index page has no plain ``title``, keeps
    the title MkDocs derived from the folder. A ``nav`` written in ``mkdocs.yml`` names
    its own sections and is left alone.
    """
    if config.nav is not None:
        return
    for section in _sections(nav.items):
        title = _index_title(section, config)
        if title:
            section.title = escape_text(title)


def _sections(items: Iterable[StructureItem]) -> Iterable[Section]:
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _index_title(section: Section, config: MkDocsConfig) -> str:
    """The ``title`` in the front matter of the section's own index page ("" if none)."""
    index = next((c for c in section.children if isinstance(c, Page) and c.is_index), None)
    if index is None:
        return ""
    try:
        source = read_page(index.file.content_string, docs_path(config, index.file.src_uri))
    except WikitoolError:
        return ""  # reading the page itself reports it (and fails the build)
    return plain_field(source.data or {}, "title")
