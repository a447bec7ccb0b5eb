"""A guide in another language than the site's is published in its own: ``<html lang>``,
the panel's and notices' labels, money, numbers and dates, the steps in its HowTo. In a
language with no catalogue (Italian, Arabic), the labels are English and say so
(``lang="en"``), the guide's own words not (WCAG 2.1 3.1.2, Language of Parts).

A real ``mkdocs build`` of the reference wiki with a French, a Latin American Spanish
and a German guide added, and the English passport guide copied in Italian, Arabic and
Pashto, committed so they have history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from html_tree import Element, parse_html
from language_guides import FRENCH, GERMAN, LANGUAGE_GUIDES, SPANISH, LanguageGuide
from mkdocs.commands.build import build
from mkdocs.config import load_config

from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

FIXED_TIME = 1_790_000_000  # 2026-09-21
PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
RIGHT_TO_LEFT = ("ar", "ps")
"""Arabic, whose strings the theme has, and Pashto, whose strings it has not."""
NO_CATALOGUE = ("it", "ar")
"""Languages with no catalogue of ours: their labels are English."""
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
    for lang in dict.fromkeys((*RIGHT_TO_LEFT, *NO_CATALOGUE)):
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


def _copy(site: Path, lang: str) -> Element:
    page = site / "identity-and-travel" / f"renew-an-adult-passport-{lang}" / "index.html"
    return parse_html(page.read_text()).find("article")


def _languages(element: Element, lang: str = "", links: bool = True) -> list[tuple[str, str]]:
    """Each piece of text inside ``element`` with the language it says it is in (its
    nearest ``lang``; ``""``: the page's), whitespace-only pieces left out; without the
    "Suggest a change" links after facts and steps unless ``links``."""
    lang = element.attrs.get("lang", lang)
    found: list[tuple[str, str]] = []
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                found.append((lang, child.strip()))
        elif child.tag not in ("script", "style") and (links or child.attrs.get("class") != "wt-fix"):
            found += _languages(child, lang, links)
    return found


def _said_in(element: Element, links: bool = True) -> set[str]:
    return {lang for lang, _ in _languages(element, links=links)}


@pytest.mark.parametrize("lang", NO_CATALOGUE)
def test_labels_in_english_on_a_page_in_another_language_say_so(site: Path, lang: str) -> None:
    article = _copy(site, lang)
    panel = article.find("section", "wt-panel")
    checked = article.find("span", "wt-freshness__checked")

    assert [dt.text for dt in panel.find_all("dt")][:2] == ["What it costs", "How long it takes"]
    for label in [
        *panel.find_all("dt"),
        panel.find("h2", "wt-panel__title"),
        article.find("a", "wt-suggest"),
        article.find("span", "wt-freshness__updated"),
    ]:
        assert _said_in(label) - {""} == {"en"}, label.text
    assert all(piece == ("en", piece[1]) for piece in _languages(panel.find_all("dt")[0]))
    # The English words of "Checked by {agency} on {date}" only: the agency and the date
    # are the guide's and the page's.
    pieces = _languages(checked)
    assert [said for said, _ in pieces] == ["en", "", "en", ""]
    assert [text for _, text in pieces][:3] == ["Checked by", "Veloria Passport Office", "on"]
    assert _said_in(checked.find("time")) == {""}


@pytest.mark.parametrize("lang", NO_CATALOGUE)
def test_the_guides_own_words_keep_the_pages_language(site: Path, lang: str) -> None:
    article = _copy(site, lang)
    fees = article.find("section", "wt-panel").find_all("dd")[0]
    own = {text for said, text in _languages(fees) if said == ""}
    steps = article.find("div", "wt-body").find("ol")

    assert "Online renewal:" in own
    assert any("86" in text for text in own)  # the amount, as the page's language writes it
    assert "Veloria Passport Office" in {text for said, text in _languages(article) if said == ""}
    for step in steps.find_all("li"):
        assert _said_in(step, links=False) == {""}, step.text
        assert _languages(step.find("a", "wt-fix"))[0] == ("en", "Suggest a change")


@pytest.mark.parametrize("guide", LANGUAGE_GUIDES, ids=lambda g: g.lang)
def test_a_page_with_its_own_catalogue_says_no_part_is_english(
    site: Path, guide: LanguageGuide
) -> None:
    article = parse_html(_page(site, guide)).find("article")
    assert [el.tag for el in article.iter() if "lang" in el.attrs] == []
