"""Material's navigation links, rendered once each instead of once on every page.

Every page of a build carries the site's navigation, and Material renders it item by
item with Jinja macros: on a 500-guide wiki a third of a plain ``mkdocs build`` is spent
there, mostly on the same sibling links again and again. An item that is not on the
way to the current page (not ``active``) renders the same on every page whose relative
link to it is the same: a guide's link, or a pruned category's link to its first page.
This module keeps Material's own ``partials/nav-item.html``, renames its ``render``
macro and sends every call of it (``nav.html``'s and the macro's own recursion) through
:class:`NavLinks`, which renders such an item once per (item, page folder) and reuses
the string; the active path (the current page, its table of contents, its sections) is
rendered by Material's macro every time. The pages are byte-identical with and
without it (``tests/site/test_nav_cache.py``).

The argument is about one exact template, so the cache is only installed when the
theme's ``partials/nav-item.html`` is the Material file it was checked against
(:data:`CHECKED_NAV_ITEM`); a theme that overrides the partial, or another Material
release, renders as before until someone checks the new file and adds its digest.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment, TemplateNotFound, pass_context
from jinja2.runtime import Context

log = logging.getLogger("mkdocs.plugins.wikitool")

NAV_ITEM = "partials/nav-item.html"
CHECKED_NAV_ITEM = frozenset(
    {
        # mkdocs-material 9.8.2
        "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    }
)
"""SHA-256 digests of Material's ``partials/nav-item.html`` this wrapper was checked
against: what its ``render`` macro reads of the current page for an item that is not
active is the one relative link :func:`page_folder` stands for."""

_RENDER = "{% macro render(nav_item, path, level, parent) %}"
_RENAMED = "{% macro _wikitool_render(nav_item, path, level, parent) %}"
_CHILD = '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}'
_CACHED_CHILD = (
    '{{ wikitool_nav_link(item, path ~ "_" ~ loop.index, level + 1, nav_item, _wikitool_render) }}'
)
# `render` stays the name nav.html calls; each item, at the top and in the recursion,
# goes through the cache straight from the template (a Jinja macro call per item is
# what the cache saves). Nothing is emitted around the macro's own output (the `-`
# trim markers), so a page is the same string whichever way an item was rendered.
_WRAPPER = (
    "{% macro render(nav_item, path, level, parent) -%}"
    "{{ wikitool_nav_link(nav_item, path, level, parent, _wikitool_render) }}"
    "{%- endmacro %}\n"
)


class NavLinks:
    """The rendered inactive navigation items of one build, by item and page folder.

    Material's macro renders an inactive item from the item alone, except for one
    relative link: the item's own URL for a page or link, the URL of its first page for
    a category that ``navigation.prune`` collapses. A category that is not pruned
    (``navigation.sections`` or ``navigation.tabs`` expand it, or prune is off) embeds
    every child's link and is rendered each time.
    """

    def __init__(self, features: list[str]) -> None:
        self._pruned = "navigation.prune" in features and not (
            "navigation.sections" in features or "navigation.tabs" in features
        )
        self._rendered: dict[tuple[int, str, int, object], str] = {}
        self._page: object = None
        self._folder: object = None
        self._own: str | None = None

    def clear(self) -> None:
        """Forget every rendered item (the navigation's objects are about to change)."""
        self._rendered.clear()
        self._page = None

    def __call__(
        self,
        context: Context,
        nav_item: Any,
        path: str,
        level: int,
        parent: Any,
        render: Callable[[Any, str, int, Any], str],
    ) -> str:
        if nav_item.active:
            return render(nav_item, path, level, parent)
        target = nav_item
        if nav_item.children:
            if not self._pruned:
                return render(nav_item, path, level, parent)
            target = _first_page(nav_item)
            if target is None:
                return render(nav_item, path, level, parent)
        page = context["page"]
        if page is None:  # a theme template such as 404.html: links from the base URL
            return render(nav_item, path, level, parent)
        if page is not self._page:
            self._page = page
            self._folder, self._own = page_folder(page.url)
        url = str(target.url)
        own = self._own
        if own is None or (url != own and not url.startswith(own + "/")):
            # The link is relative to the page's folder alone: siblings share it.
            where: object = self._folder
        else:
            where = (context.environment.filters["url"](context, url),)
        key = (id(nav_item), path, level, where)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = render(nav_item, path, level, parent)
        return rendered


def page_folder(page_url: str) -> tuple[object, str | None]:
    """What a link from the page at ``page_url`` to another URL depends on.

    MkDocs makes a link relative with ``posixpath.relpath`` from the page's URL (its
    folder for a file URL such as ``a/b.html``). Two pages in the same folder, each one
    level below it (``a/b/`` and ``a/c/``), get the same link to any URL outside
    themselves. Returns a key for that folder, and the page's own path when links into
    it (or to it) differ from its siblings' (``None`` when links depend on the key
    alone: a file URL, or the site's root).
    """
    bare = page_url.strip("/")
    if not bare:
        return ("root",), None
    head, _, last = bare.rpartition("/")
    if "." in last and not page_url.endswith("/"):
        return ("file", head), None
    return ("below", head), bare


def _first_page(section: Any) -> Any:
    """The item Material's ``render_pruned`` links a collapsed category to."""
    first = section.children[0] if section.children else None
    while first is not None and first.children:
        section = first
        first = section.children[0] if section.children else None
    return first


def install(env: Environment, features: list[str]) -> NavLinks | None:
    """Wrap the theme's navigation macro in ``env`` with a :class:`NavLinks` cache;
    ``None`` (and the theme untouched) when its partial is not a checked Material file."""
    theme = env.loader
    if theme is None:
        return None
    try:
        source, _, _ = theme.get_source(env, NAV_ITEM)
    except TemplateNotFound:
        return None
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if digest not in CHECKED_NAV_ITEM or source.count(_RENDER) != 1 or source.count(_CHILD) != 1:
        log.debug("navigation cache off: %s is not a checked Material file", NAV_ITEM)
        return None
    links = NavLinks(features)
    wrapped = source.replace(_RENDER, _RENAMED).replace(_CHILD, _CACHED_CHILD) + _WRAPPER
    env.loader = ChoiceLoader([DictLoader({NAV_ITEM: wrapped}), theme])
    env.globals["wikitool_nav_link"] = pass_context(links)
    return links
