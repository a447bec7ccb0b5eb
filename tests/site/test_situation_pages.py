"""A guide with situations, built by a real ``mkdocs build``: the picker's form (hidden,
labelled, a native select whose first option shows every situation), one section per
situation, labels in the guide's language, the picker's script loaded; a guide without
situations has none of it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from html_tree import Element, parse_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from situation_guides import FRONT_MATTER, SITUATIONS, SITUATIONS_GUIDE, guide_text, situations_wiki

from wikitool.guides.checks import check_guide

PLAIN_GUIDE = "identity-and-travel/renew-an-adult-passport.md"

# (language, the guide's title and situations, the picker's label, its first option)
LANGUAGES = [
    ("fr", "Obtenir un passeport",
     {"in-country": "Vous vivez en Veloria", "abroad": "Vous vivez à l’étranger"},
     "Votre situation", "Toutes les situations"),
    ("es", "Obtener un pasaporte",
     {"in-country": "Vive en Veloria", "abroad": "Vive en el extranjero"},
     "Su situación", "Todas las situaciones"),
    ("de", "Einen Reisepass beantragen",
     {"in-country": "Sie leben in Veloria", "abroad": "Sie leben im Ausland"},
     "Ihre Situation", "Alle Situationen"),
]  # fmt: skip


def _translated(lang: str, title: str, situations: dict[str, str]) -> str:
    front_matter = {**FRONT_MATTER, "lang": lang, "title": title, "situations": situations}
    # The child's fees and documents name a situation this guide does not declare.
    front_matter["fees"] = FRONT_MATTER["fees"][:3]
    front_matter["documents"] = FRONT_MATTER["documents"][:2]
    front_matter["time"] = [{**FRONT_MATTER["time"][0], "when": ["in-country"]},
                            FRONT_MATTER["time"][1]]  # fmt: skip
    return guide_text(front_matter, body="\nTexte.\n")


def _path(lang: str) -> str:
    return f"identity-and-travel/get-a-passport-{lang}.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("situations")
    guides = {SITUATIONS_GUIDE: guide_text()}
    guides |= {_path(lang): _translated(lang, title, s) for lang, title, s, _, _ in LANGUAGES}
    wiki = situations_wiki(root, guides)
    built = root / "site"
    build(load_config(str(wiki / "mkdocs.yml"), site_dir=str(built), strict=True))
    return built


def _page(site: Path, src: str) -> Element:
    return parse_html((site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8"))


def test_the_guide_is_as_an_agency_may_write_it() -> None:
    path = f"content/{SITUATIONS_GUIDE}"
    problems = check_guide(path, guide_text(), {path}, date(2026, 12, 6), strict=True)

    assert [str(problem) for problem in problems] == []


def test_the_picker_is_a_hidden_form_with_a_labelled_native_select(site: Path) -> None:
    article = _page(site, SITUATIONS_GUIDE).find("article")

    form = article.find("form", "wt-situation-picker")
    select = form.find("select")
    assert "hidden" in form.attrs
    assert form.find("label").attrs["for"] == select.attrs["id"] == "wt-situation-choice"
    assert form.find("label").text == "Your situation"
    assert select.attrs["name"] == "situation"
    assert [(o.attrs["value"], o.text) for o in select.find_all("option")] == [
        ("", "Every situation"),
        *SITUATIONS.items(),
    ]
    assert form.find("p").attrs["role"] == "status"


def test_the_panel_reads_picker_common_facts_situations_then_legal_basis(site: Path) -> None:
    panel = _page(site, SITUATIONS_GUIDE).find("section", "wt-panel")

    parts = [(child.tag, child.attrs.get("class", "")) for child in panel.children]
    assert parts == [
        ("h2", "wt-panel__title"),
        ("form", "wt-situation-picker"),
        ("dl", "wt-panel__facts"),
        *[("section", "wt-situation")] * len(SITUATIONS),
        ("dl", "wt-panel__facts"),
    ]
    assert [dt.text for dt in panel.children[-1].find_all("dt")] == ["Legal basis"]


def test_each_situation_is_a_section_of_the_panel_under_its_heading(site: Path) -> None:
    panel = _page(site, SITUATIONS_GUIDE).find("section", "wt-panel")

    sections = panel.find_all("section", "wt-situation")
    assert [(s.attrs["data-situation"], s.find("h3").text) for s in sections] == list(
        SITUATIONS.items()
    )
    abroad = sections[1].text.replace("\u00a0", " ")
    assert "Adult passport: €120.00 Courier return: + €12.00" in abroad
    assert "€96.00" not in abroad


def test_the_pickers_script_is_loaded_after_the_themes(site: Path) -> None:
    sources = [s.attrs.get("src", "") for s in _page(site, SITUATIONS_GUIDE).find_all("script")]
    mine = [i for i, src in enumerate(sources) if src.endswith("assets/javascripts/situations.js")]
    shared = [i for i, src in enumerate(sources) if src.endswith("assets/javascripts/wikitool.js")]

    assert len(mine) == 1 and shared and shared[0] < mine[0]
    assert (site / "assets" / "javascripts" / "situations.js").is_file()


@pytest.mark.parametrize(("lang", "title", "situations", "label", "every"), LANGUAGES,
                         ids=[row[0] for row in LANGUAGES])  # fmt: skip
def test_the_picker_speaks_the_guides_language(
    site: Path, lang: str, title: str, situations: dict[str, str], label: str, every: str
) -> None:
    article = _page(site, _path(lang)).find("article")

    form = article.find("form", "wt-situation-picker")
    assert form.find("label").text == label
    assert [o.text for o in form.find_all("option")] == [every, *situations.values()]
    sections = article.find_all("section", "wt-situation")
    assert [s.find("h3").text for s in sections] == list(situations.values())


def test_a_guide_without_situations_has_no_situation_markup_nor_script(site: Path) -> None:
    html = (site / PLAIN_GUIDE.removesuffix(".md") / "index.html").read_text(encoding="utf-8")

    assert "wt-situation" not in html
    assert "data-situation" not in html
    assert "situations.js" not in html
