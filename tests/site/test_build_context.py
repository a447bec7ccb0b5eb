"""What a build knows beyond ``mkdocs.yml`` reaches the plugin as a typed ``BuildContext``:
``wikitool build`` hands it over after ``load_config``; a plain ``mkdocs build`` reads
``extra.wikitool`` and the repository around the docs; what is handed over wins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from html_tree import parse_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from wikitool.errors import WikitoolError
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.plugin import WikitoolPlugin

PASSPORT = "identity-and-travel/renew-an-adult-passport"
GIT_DIR = Path("/srv/wiki/.git")


@pytest.mark.parametrize(
    ("given", "fallback", "expected"),
    [
        (BuildContext(), BuildContext(), BuildContext()),
        (
            BuildContext(),
            BuildContext(GIT_DIR, "a" * 40, "https://yml.example.org"),
            BuildContext(GIT_DIR, "a" * 40, "https://yml.example.org"),
        ),
        (
            BuildContext(Path("/build/.git"), "b" * 40),
            BuildContext(GIT_DIR, "a" * 40, "https://yml.example.org"),
            BuildContext(Path("/build/.git"), "b" * 40, "https://yml.example.org"),
        ),
        (
            BuildContext(intake_url=""),
            BuildContext(intake_url="https://yml.example.org"),
            BuildContext(intake_url=""),
        ),
    ],
)
def test_what_the_build_hands_over_wins(
    given: BuildContext, fallback: BuildContext, expected: BuildContext
) -> None:
    assert given.over(fallback) == expected


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, BuildContext()),
        ({"wikitool": None}, BuildContext()),
        ({"wikitool": {}}, BuildContext()),
        (
            {"wikitool": {"repository": "/srv/wiki/.git", "commit": "a" * 40}},
            BuildContext(GIT_DIR, "a" * 40),
        ),
        ({"wikitool": {"intake_url": "/"}}, BuildContext(intake_url="/")),
        ({"wikitool": {"repository": "", "commit": ""}}, BuildContext()),
    ],
)
def test_a_plain_build_reads_extra_wikitool(extra: dict[str, Any], expected: BuildContext) -> None:
    assert BuildContext.from_extra(extra) == expected


@pytest.mark.parametrize(
    ("extra", "error", "message"),
    [
        ({"wikitool": "https://x.org"}, WikitoolError, "extra.wikitool must be a mapping"),
        ({"wikitool": {"repository": 1}}, WikitoolError, "extra.wikitool.repository must be text"),
        ({"wikitool": {"commit": ["a"]}}, WikitoolError, "extra.wikitool.commit must be text"),
        ({"wikitool": {"intake_url": 8001}}, ValueError, "extra.wikitool.intake_url must be text"),
    ],
)
def test_extra_wikitool_of_the_wrong_shape_is_refused(
    extra: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        BuildContext.from_extra(extra)

    assert str(raised.value).startswith(message)


def _set_extra(wiki: Path, extra: str) -> Path:
    settings = wiki / "mkdocs.yml"
    text = settings.read_text()
    assert "\nextra:\n" in text
    settings.write_text(text.replace("\nextra:\n", f"\nextra:\n{extra}", 1))
    return settings


def _build(settings: Path, site: Path, context: BuildContext | None) -> None:
    config = load_config(str(settings), site_dir=str(site))
    plugin = config.plugins["wikitool"]
    assert isinstance(plugin, WikitoolPlugin)
    plugin.context = context
    build(config)


@pytest.mark.parametrize(
    ("in_yml", "handed_over", "intake"),
    [
        ("", None, ""),
        ("https://yml.example.org", None, "https://yml.example.org/"),
        ("", "https://build.example.org", "https://build.example.org/"),
        ("https://yml.example.org", "https://build.example.org", "https://build.example.org/"),
        ("https://yml.example.org", "", ""),
    ],
)
def test_the_suggestion_page_posts_where_the_build_says(
    wiki: Path, tmp_path: Path, in_yml: str, handed_over: str | None, intake: str
) -> None:
    settings = _set_extra(wiki, f"  wikitool:\n    intake_url: '{in_yml}'\n")

    _build(settings, tmp_path / "site", BuildContext(intake_url=handed_over))

    page = parse_html((tmp_path / "site" / "suggest" / "index.html").read_text())
    [form] = [e for e in page.iter() if e.attrs.get("id") == "__wt-suggest"]
    assert form.attrs["data-wt-intake"] == intake


def test_a_bad_handed_over_intake_url_stops_the_build(
    wiki: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        _build(wiki / "mkdocs.yml", tmp_path / "site", BuildContext(intake_url="ftp://x.org"))

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "wikitool: extra.wikitool.intake_url 'ftp://x.org' is not an http(s) URL "
        "such as https://intake.example.org"
    ]


@pytest.mark.parametrize("handed_over", [True, False])
def test_history_is_read_at_the_commit_handed_over(
    wiki: Path,
    tmp_path: Path,
    git: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
    handed_over: bool,
) -> None:
    first = git(wiki, "rev-parse", "HEAD").strip()
    guide = wiki / "content" / f"{PASSPORT}.md"
    guide.write_text(guide.read_text().replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1))
    for variable in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(variable, "2026-10-15T12:00:00+00:00")
    identity = ("-c", "user.name=Test Staff", "-c", "user.email=staff@agency.invalid")
    git(wiki, *identity, "commit", "-qam", "Reword the first step")
    later = git(wiki, "rev-parse", "HEAD").strip()
    context = BuildContext(wiki / ".git", first) if handed_over else None

    _build(wiki / "mkdocs.yml", tmp_path / "site", context)

    site = tmp_path / "site"
    article = parse_html((site / PASSPORT / "index.html").read_text()).find("article")
    updated = article.find("span", "wt-freshness__updated").text
    base = (site / "suggest" / "sources" / "commit.txt").read_text()
    if handed_over:
        assert (updated, base) == ("Last updated 21 September 2026", first)
    else:
        assert (updated, base) == ("Last updated 15 October 2026", later)
