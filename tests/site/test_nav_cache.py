"""The navigation rendered once per link (``nav_cache.py``) makes the same pages as
Material rendering it on every page: byte for byte, with directory and file URLs, with
nested categories and a page whose folder holds other pages."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import normalize_url

from wikitool.mkdocs_plugin import nav_cache
from wikitool.mkdocs_plugin.nav_cache import NavLinks, page_folder

EXTRA_PAGES = {
    # A category inside a category: a collapsed category links to its first page,
    # found through a nested category.
    "business/licences/index.md": "---\ntitle: Licences\n---\n\nLicences.\n",
    "business/licences/street-trading.md": "---\ntitle: Street trading\n---\n\nText.\n",
    "business/licences/alcohol/sell-alcohol.md": "---\ntitle: Sell alcohol\n---\n\nText.\n",
    # A page whose URL folder holds another page: links into it differ from its
    # siblings' links.
    "housing/help.md": "---\ntitle: Help with housing\n---\n\nText.\n",
    "housing/help/emergency.md": "---\ntitle: Emergency housing\n---\n\nText.\n",
    "about.md": "---\ntitle: About this site\n---\n\nText.\n",
}


def _project(wiki: Path, to: Path, *, cache: bool, directory_urls: bool) -> Path:
    """A copy of the reference wiki's docs and theme (no repository: no history)."""
    for part in ("content", "theme"):
        shutil.copytree(wiki / part, to / part)
    for path, text in EXTRA_PAGES.items():
        (to / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (to / "content" / path).write_text(text)
    config = (wiki / "mkdocs.yml").read_text()
    if not cache:
        config = config.replace(
            "      report_url: suggest/?guide={path}&report=1\n",
            "      report_url: suggest/?guide={path}&report=1\n      cache_navigation: false\n",
        )
        assert "cache_navigation: false" in config
    if not directory_urls:
        config += "\nuse_directory_urls: false\n"
    (to / "mkdocs.yml").write_text(config)
    return to


def _build(project: Path) -> Path:
    site = project / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    return site


def _differences(a: Path, b: Path) -> list[str]:
    compared = filecmp.dircmp(a, b)
    found = [f"{a}: {name}" for name in compared.left_only + compared.right_only]
    found += [str(a / name) for name in compared.diff_files]
    for name in compared.common_dirs:
        found += _differences(a / name, b / name)
    return found


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory URLs", "file URLs"])
def test_pages_are_byte_identical_with_and_without_the_cache(
    wiki: Path, tmp_path: Path, directory_urls: bool
) -> None:
    cached = _build(_project(wiki, tmp_path / "on", cache=True, directory_urls=directory_urls))
    rendered = _build(_project(wiki, tmp_path / "off", cache=False, directory_urls=directory_urls))

    pages = sorted(cached.rglob("*.html"))
    assert len(pages) > 30
    # Each page really carries its navigation (links to its category's other guides).
    emergency = (
        "housing/help/emergency/index.html" if directory_urls else "housing/help/emergency.html"
    )
    assert 'href="../../' in (cached / emergency).read_text()
    assert _differences(cached, rendered) == []


# Page URLs of every shape MkDocs makes: the root, directory and file URLs, nested
# folders, a folder that is also a page, a dot inside a folder's name.
URLS = [
    "", "index.html", "a/", "a/b/", "a/c/", "a/b/c/", "a/bc/", "ab/", "a/b.html",
    "a/c.html", "a/b/c.html", "x/y/z/", "a/b/index.html", "a.b/", "a/v1.2/", "a/v1.2",
    "a/b", "a/c", "b/", "a/b/c/d/", "https://example.org/x",
]  # fmt: skip


def test_pages_sharing_a_folder_key_get_the_same_link_to_every_url_outside_them() -> None:
    seen: dict[tuple[object, str], tuple[str, str]] = {}
    for page in URLS:
        folder, own = page_folder(page)
        for target in URLS:
            if own is not None and (target == own or target.startswith(own + "/")):
                continue  # the cache asks MkDocs for these links
            link = normalize_url(target, page=SimpleNamespace(url=page), base="")  # type: ignore[arg-type]
            first = seen.setdefault((folder, target), (link, page))
            assert first[0] == link, f"{page} and {first[1]} -> {target}"


def test_the_cache_is_installed_only_over_the_material_file_it_was_checked_against(
    wiki: Path,
) -> None:
    installed = load_config(str(wiki / "mkdocs.yml")).theme.get_env()
    assert nav_cache.install(installed, ["navigation.prune"]) is not None, (
        "the installed Material's partials/nav-item.html is not the checked one: read "
        "its render macro, check what it reads of the page, and add its digest"
    )

    overridden = Environment(
        loader=DictLoader(
            {nav_cache.NAV_ITEM: "{% macro render(nav_item, path, level, parent) %}{% endmacro %}"}
        )
    )
    assert nav_cache.install(overridden, ["navigation.prune"]) is None
    assert "wikitool_nav_link" not in overridden.globals


def test_categories_are_rendered_each_time_when_the_theme_expands_them() -> None:
    calls: list[str] = []

    def caller() -> str:
        calls.append("rendered")
        return "<li>section</li>"

    section = SimpleNamespace(children=[SimpleNamespace(children=None, url="a/b/")])
    page = SimpleNamespace(url="c/d/")
    context = {"page": page}
    for features in (["navigation.sections", "navigation.prune"], []):
        links = NavLinks(features)
        for _ in range(2):
            links(context, section, "__nav_1", 1, caller=caller)  # type: ignore[arg-type]
    assert len(calls) == 4
