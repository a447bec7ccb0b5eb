"""``mkdocs build`` without ``wikitool build``: history from the repository around the
docs, or none at all when there is no repository, and the build still succeeds."""

from __future__ import annotations

import shutil
from pathlib import Path

from html_tree import parse_html
from mkdocs.commands.build import build
from mkdocs.config import load_config

PASSPORT = Path("identity-and-travel", "renew-an-adult-passport", "index.html")


def _mkdocs_build(project: Path, site: Path) -> None:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))


def test_a_checkout_reads_history_from_its_own_repository(wiki: Path, tmp_path: Path) -> None:
    _mkdocs_build(wiki, tmp_path / "site")

    article = parse_html((tmp_path / "site" / PASSPORT).read_text()).find("article")

    assert article.find("span", "wt-freshness__updated").text == "Last updated 21 September 2026"
    assert "Start the wiki" in article.find("section", "wt-changes").text


def test_without_a_repository_pages_have_no_history(wiki: Path, tmp_path: Path) -> None:
    copy = tmp_path / "no-git"
    for part in ("content", "theme"):
        shutil.copytree(wiki / part, copy / part)
    shutil.copy(wiki / "mkdocs.yml", copy / "mkdocs.yml")

    _mkdocs_build(copy, tmp_path / "site")

    article = parse_html((tmp_path / "site" / PASSPORT).read_text()).find("article")
    changes = parse_html((tmp_path / "site" / "changes" / "index.html").read_text())
    assert article.find_all("section", "wt-panel")
    assert not article.find_all("span", "wt-freshness__updated")
    assert not article.find_all("section", "wt-changes")
    assert "This site was built without its history." in changes.find("article").text
