"""Is a built release whole? Checked before it goes live: every guide of its commit has
its page (but a new guide the build held back), and the search index and the feed parse.
A release that fails is never shown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from wikitool.errors import BuildError
from wikitool.gitstore import WikiStore
from wikitool.guides.paths import CONTENT_DIR, is_guide_path
from wikitool.publishing.publish import BuildResult

ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
PAGE_END = b"</html>"
# A page ends with its closing tag and a newline or two: its last bytes hold it.
PAGE_TAIL = 64


def check_release(store: WikiStore, built: BuildResult) -> None:
    """Check the site ``built`` against its commit.

    Raises:
        BuildError: a guide's page is missing or cut short (the first one named, and how
            many), or the search index or the feed is missing or does not parse.
    """
    site = built.site_dir
    left_out = {h.path for h in built.held_back if not h.kept_published}
    pages = ["index.html"] + [
        _page_of(f.path, built.directory_urls)
        for f in store.files(built.commit, f"{CONTENT_DIR}/")
        if is_guide_path(f.path) and f.path not in left_out
    ]
    broken = [page for page in pages if not _whole_page(site / page)]
    if broken:
        raise BuildError(
            f"the release is not whole: {len(broken)} of {len(pages)} pages missing or cut "
            f"short, the first {broken[0]}"
        )
    if built.search_index is not None:
        _check_parses(site, built.search_index, _search_index)
    if built.feed is not None:
        _check_parses(site, built.feed, _atom_feed)


def _page_of(guide: str, directory_urls: bool) -> str:
    stem = guide.removeprefix(f"{CONTENT_DIR}/").removesuffix(".md")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def _whole_page(path: Path) -> bool:
    try:
        with open(path, "rb") as page:
            page.seek(0, 2)
            page.seek(max(page.tell() - PAGE_TAIL, 0))
            return PAGE_END in page.read()
    except OSError:
        return False


def _check_parses(site: Path, name: str, parse: Callable[[bytes], None]) -> None:
    try:
        data = (site / name).read_bytes()
    except OSError as exc:
        raise BuildError(f"the release is not whole: {name} is missing") from exc
    try:
        parse(data)
    except ValueError as exc:
        raise BuildError(f"the release is not whole: {name} does not parse: {exc}") from exc


def _search_index(data: bytes) -> None:
    index = json.loads(data)
    if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
        raise ValueError("no list of docs")


def _atom_feed(data: bytes) -> None:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(str(exc)) from exc
    if root.tag != ATOM_FEED:
        raise ValueError(f"its root is {root.tag}, not an Atom feed")
