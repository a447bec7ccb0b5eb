"""A guide in another language than the site's is published in its own: ``<html lang>``,
the panel's and notices' labels, money, numbers and dates, the steps in its HowTo.

A real ``mkdocs build`` of the reference wiki with a French, a Latin American Spanish
and a German guide added, committed so they have history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from html_tree import parse_html
from language_guides import FRENCH, GERMAN, LANGUAGE_GUIDES, SPANISH, LanguageGuide
from mkdocs.commands.build import build
from mkdocs.config import load_config

from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

FIXED_TIME = 1_790_000_000  # 2026-09-21
PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
RIGHT_TO_LEFT = ("ar", "ps")
"""Arabic, whose strings the theme has, and Pashto, whose strings it has not."""
LAST_UPDATED = {
    "fr": "Dernière mise à jour le 21 septembre 2026",
    "es-419": "Última actualización: 21 de septiembre de 2026",
    "de": "Zuletzt aktualisiert am 21. September 2026",
}
SKIP_LINK = {"fr": "Aller au contenu", "es-419": "Saltar a contenido", "de": "Zum Inhalt"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages")
    reference = Path(__file__).resolve().parents[2]
    source = root / "source"
    for part in ("content", "theme"):
        shutil.copytree(reference / part, source / part)
    shutil.copy(reference / "mkdocs.yml", source / "mkdocs.yml")
    for guide in LANGUAGE_GUIDES:
        (source / guide.path).write_text(guide.text(), encoding="utf-8")
    english = (reference / PASSPORT).read_text(encoding="utf-8")
    for lang in RIGHT_TO_LEFT:
        text = english.replace("\nlang: en\n", f"\nlang: {lang}\n", 1)
        assert f"lang: {lang}" in text
        (source / PASSPORT.replace(".md", f"-{lang}.md")).write_text(text, encoding="utf-8")
    init_wiki(
        root / "wiki", source=source, author=Identity("Staff", "s@x.invalid"), when=FIXED_TIME
    )
    built = root / "site"
    build(load_config(str(root / "wiki" / "mkdocs.yml"), site_dir=str(built), strict=True))
    return built


def _page(site: Path, guide: LanguageGuide) -> str:
    return (site / "identity-and-travel" / guide.name / "index.html").read_text()


@pytest.mark.parametrize("guide", LANGUAGE_GUIDES, ids=lambda g: g.lang)
def test_the_page_is_in_the_guides_language(site: Path, guide: LanguageGuide) -> None:
    html = parse_html(_page(site, guide))
    article = html.find("article")
    panel = article.find("section", "wt-panel")

    assert html.find("html").attrs["lang"] == guide.lang
    assert [dt.text for dt in panel.find_all("dt")] == list(guide.panel_labels)
    assert panel.find("p", "wt-fee").text.startswith(guide.fee.replace("\u00a0", " "))
    assert panel.find_all("dd")[1].text == guide.duration
    assert panel.find_all("dd")[4].text.startswith(guide.channel)
    assert article.find("span", "wt-freshness__checked").text == guide.checked
    assert article.find("span", "wt-freshness__updated").text == LAST_UPDATED[guide.lang]
    assert article.find("a", "wt-suggest").text == guide.suggest


@pytest.mark.parametrize("guide", LANGUAGE_GUIDES, ids=lambda g: g.lang)
def test_the_themes_own_strings_follow_the_page(site: Path, guide: LanguageGuide) -> None:
    skip = parse_html(_page(site, guide)).find("a", "md-skip")
    assert skip.text == SKIP_LINK[guide.lang]


@pytest.mark.parametrize("guide", LANGUAGE_GUIDES, ids=lambda g: g.lang)
def test_the_howto_keeps_the_steps_under_the_guides_own_heading(
    site: Path, guide: LanguageGuide
) -> None:
    scripts = parse_html(_page(site, guide)).find_all("script")
    items = [json.loads(s.text) for s in scripts if s.attrs.get("type") == "application/ld+json"]
    howto = next(item for item in items if item["@type"] == "HowTo")
    assert [step["text"] for step in howto["step"]] == list(guide.steps)


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_a_guide_in_a_right_to_left_language_is_written_right_to_left(
    site: Path, lang: str
) -> None:
    html = parse_html(
        (
            site / "identity-and-travel" / f"renew-an-adult-passport-{lang}" / "index.html"
        ).read_text()
    )

    assert html.find("html").attrs["lang"] == lang
    assert html.find("body").attrs["dir"] == "rtl"


def test_the_other_pages_are_written_left_to_right(site: Path) -> None:
    pages = [
        site / "index.html",
        site / "identity-and-travel" / "renew-an-adult-passport" / "index.html",
    ]
    pages += [site / "identity-and-travel" / guide.name / "index.html" for guide in LANGUAGE_GUIDES]
    for page in pages:
        assert parse_html(page.read_text()).find("body").attrs["dir"] == "ltr", page


def test_the_english_guides_and_pages_stay_in_the_sites_language(site: Path) -> None:
    html = parse_html(
        (site / "identity-and-travel" / "renew-an-adult-passport" / "index.html").read_text()
    )
    home = parse_html((site / "index.html").read_text())

    assert html.find("html").attrs["lang"] == "en"
    assert html.find("dt").text == "What it costs"
    assert html.find("span", "wt-freshness__checked").text == (
        "Checked by Veloria Passport Office on 6 October 2026"
    )
    assert home.find("html").attrs["lang"] == "en"
    assert home.find("a", "md-skip").text == "Skip to content"


@pytest.mark.parametrize(
    ("guide", "fee"),
    [(FRENCH, "86,00\u00a0€"), (SPANISH, "EUR86.00"), (GERMAN, "1.286,50\u00a0€")],
    ids=lambda value: value.lang if isinstance(value, LanguageGuide) else None,
)
def test_money_is_written_as_the_language_writes_it(
    site: Path, guide: LanguageGuide, fee: str
) -> None:
    panel = parse_html(_page(site, guide)).find("section", "wt-panel")
    # As written, with Babel's no-break space: the amount never wraps from its symbol.
    assert panel.find("strong").children == [fee]
