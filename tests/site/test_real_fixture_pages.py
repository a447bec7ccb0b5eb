"""Real procedures published by a real ``wikitool build``: each page is in its guide's
language (``<html lang>``, the panel's labels, money as that language writes it), and
its panel claims nothing the source does not state: no "Free", "Same day", "Up to" or
"Not stated" unless the guide says so."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_currency
from html_tree import parse_html
from isolation import isolated_environment
from real_fixtures import RealFixture, build_real_wiki, real_fixtures

from wikitool.gitstore import WikiStore
from wikitool.locales.language import formatting_locale
from wikitool.publishing.publish import build_site

FIXTURES = real_fixtures()
PANEL_LABELS = (
    "What it costs",
    "How long it takes",
    "Who can apply",
    "What to bring",
    "How to apply",
    "Deadlines",
    "Legal basis",
    "Sources",
)
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every real fixture in the reference wiki, built strictly with ``wikitool build``."""
    root = tmp_path_factory.mktemp("real-site")
    with isolated_environment(root):
        wiki = build_real_wiki(root)
        with WikiStore.open(wiki) as store:
            return build_site(store, root / "site", strict=True).site_dir


def _html(site: Path, fixture: RealFixture) -> Any:
    return parse_html((site / fixture.government / fixture.slug / "index.html").read_text())


def _panel_text(site: Path, fixture: RealFixture) -> str:
    return str(_html(site, fixture).find("section", "wt-panel").text).translate(SPACES)


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_the_page_is_in_the_guides_language(site: Path, fixture: RealFixture) -> None:
    html = _html(site, fixture)
    panel = html.find("section", "wt-panel")
    labels = {fixture.label(msgid) for msgid in PANEL_LABELS}

    assert html.find("html").attrs["lang"] == fixture.lang
    assert panel.find("h2").text == fixture.label("At a glance")
    assert {dt.text for dt in panel.find_all("dt")} <= labels
    # Headings end with their permalink's pilcrow.
    headings = [h2.text.removesuffix("¶") for h2 in html.find("article").find_all("h2")]
    assert fixture.label("Steps") in headings


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_the_panel_claims_only_what_the_source_states(site: Path, fixture: RealFixture) -> None:
    assert fixture.claims_shown(_panel_text(site, fixture)) == fixture.stated_claims()


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_every_fee_is_written_as_the_guides_language_writes_money(
    site: Path, fixture: RealFixture
) -> None:
    panel = _panel_text(site, fixture)
    locale = formatting_locale(fixture.lang)
    amounts = [
        format_currency(fee["amount"], fee["currency"], locale=locale).translate(SPACES)
        for fee in fixture.fees()
        if fee["amount"]
    ]

    assert [amount for amount in amounts if amount not in panel] == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_every_way_to_apply_and_deadline_is_in_the_panel(site: Path, fixture: RealFixture) -> None:
    panel = _panel_text(site, fixture)
    named = [c["label"] for c in fixture.data["channels"]]
    named += [d["label"] for d in fixture.data.get("deadlines", [])]

    assert [label for label in named if label not in panel] == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_the_steps_keep_their_groups_and_alternatives(site: Path, fixture: RealFixture) -> None:
    article = _html(site, fixture).find("article")
    body = fixture.text.split("\n---\n", 1)[1]
    alternatives = [line for line in body.splitlines() if line == fixture.label("or")]
    limited = re.findall(r"^### .*\{when: ([^}]*)\}$", body, flags=re.MULTILINE)

    assert [p.text for p in article.find_all("p", "wt-step-or")] == alternatives
    assert [
        div.attrs["data-when"] for div in article.find_all("div", "wt-step-group")
        if "data-when" in div.attrs
    ] == [" ".join(part.strip() for part in ids.split(",")) for ids in limited]
    assert "{when:" not in article.text
