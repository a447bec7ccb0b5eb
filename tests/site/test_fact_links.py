"""From the fact itself (issue 13): each fact of a guide's panel (in every situation's
section too) and each step ends with "Suggest a change", pointing at the suggestion page
with that fact's field in the ``changes`` syntax, and naming the fact for screen readers;
the guide's source lists what a report may be about, each an ``about`` the intake
accepts; the feedback widget's sections say what they are about; the suggestion page has
the report form when there is an intake.

How the links look and what the report form does in a browser: tests/browser/test_report.py.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from html_tree import Element, parse_html
from site_history import PASSPORT, STAFF, BuiltSite, isolated_git

from wikitool.gitstore import WikiStore
from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.fact_links import FactLinks
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.panel import render_panel
from wikitool.publishing.publish import build_site
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.report_about import report_about

INTAKE = "https://intake.guides.example.org"
LOST = "identity-and-travel/replace-a-lost-or-stolen-passport.md"
SUGGEST = "../../suggest/?guide="


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki built with an intake."""
    root = tmp_path_factory.mktemp("fact-links")
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=1_790_000_000)
        with WikiStore.open(root / "wiki") as store:
            built = build_site(store, root / "site", intake_url=INTAKE)
    return BuiltSite(root / "wiki", built.site_dir, built.commit)


def _links(element: Element) -> list[tuple[str, str]]:
    """Each "Suggest a change" link inside: (its field, the name screen readers hear)."""
    found = []
    for link in element.find_all("a", "wt-fix"):
        query = parse_qs(urlsplit(link.attrs["href"]).query)
        hidden = link.find("span", "wt-visually-hidden").raw_text
        assert link.raw_text == "Suggest a change"
        assert hidden.startswith(" to: ")
        assert "data-search-exclude" in link.attrs
        found.append((query["field"][0], hidden.removeprefix(" to: ")))
    return found


def _guide(site: BuiltSite, src: str) -> Element:
    return parse_html(site.page(src)).find("article")


def test_every_fact_of_the_panel_links_to_its_field_in_the_suggestion_page(
    site: BuiltSite,
) -> None:
    panel = _guide(site, PASSPORT).find("section", "wt-panel")

    assert _links(panel) == [
        ("fees[0]", "Online renewal"),
        ("fees[1]", "Paper form by post"),
        ("fees[2]", "Fast Track appointment (passport in 7 days)"),
        ("time[0]", "10 to 21 days"),
        ("eligibility[0]", "You are a Velorian citizen aged 18 or over."),
        ("eligibility[1]", "Your current passport was issued when you were 16 or over."),
        # A long fact is cut for the link's name.
        ("eligibility[2]", "Your current passport is not lost, stolen or damaged so tha\u2026"),
        ("documents[0]", "Your current passport"),
        ("documents[1]", "A digital or printed passport photo taken in the last month"),
        ("documents[2]", "Proof of your name change, such as a marriage certificate"),
        ("channels[0]", "Online"),
        ("channels[1]", "In person"),
        ("channels[2]", "By post"),
    ]
    first = panel.find("a", "wt-fix").attrs["href"]
    assert first == f"{SUGGEST}identity-and-travel/renew-an-adult-passport.md&field=fees%5B0%5D"


def test_each_step_links_to_its_place_among_every_step(site: BuiltSite) -> None:
    steps = _guide(site, PASSPORT).find("ol")
    items = [li for li in steps.children if isinstance(li, Element) and li.tag == "li"]

    assert [field for field, _ in _links(steps)] == [f"steps[{n}]" for n in range(7)]
    assert [name for _, name in _links(steps)][4] == "Pay the fee of 86 euros."
    assert [len(item.find_all("a", "wt-fix")) for item in items] == [1] * 7


def test_a_situation_section_links_each_fact_to_its_place_in_the_whole_list(
    site: BuiltSite,
) -> None:
    sections = {
        s.attrs["data-situation"]: _links(s)
        for s in _guide(site, LOST).find_all("section", "wt-situation")
    }

    assert ("fees[3]", "Emergency travel document") in sections["abroad"]
    assert ("fees[4]", "Courier delivery of the emergency travel document") in sections["abroad"]
    assert [f for f, _ in sections["in-veloria"] if f.startswith("time")] == ["time[0]"]
    assert [f for f, _ in sections["abroad"] if f.startswith("time")] == ["time[1]", "time[2]"]


# Guides with every kind of fact: fees, times and channels in situations, deadlines.
# (Each `about` costs a round-trip reading of the guide: a few guides, not all.)
VARIED = [
    PASSPORT,
    LOST,
    "business/register-as-a-sole-trader.md",
    "vehicles/appeal-a-parking-fine.md",
]


@pytest.mark.parametrize("guide", VARIED)
def test_every_link_and_every_report_choice_names_something_the_intake_finds(
    site: BuiltSite, guide: str
) -> None:
    path = site.site / "suggest" / "sources" / guide.replace(".md", ".json")
    source = json.loads(path.read_text(encoding="utf-8"))
    raw = source["content"].encode("utf-8")
    choices = [c["about"] for group in source["about"] for c in group["choices"]]
    fields = [field for field, _ in _links(_guide(site, guide))]

    for about in choices:
        report_about(raw, guide, about)  # raises when it names nothing
    assert fields and set(fields) <= set(choices)


def test_the_report_choices_are_grouped_and_named_as_the_page_names_them(
    site: BuiltSite,
) -> None:
    source = json.loads(
        (site.site / "suggest/sources/identity-and-travel/renew-an-adult-passport.json").read_text()
    )
    groups = {group["group"]: group["choices"] for group in source["about"]}

    assert list(groups) == ["At a glance", "Steps", "Other parts of the page"]
    assert groups["At a glance"][0] == {
        "about": "fees[0]",
        "label": "What it costs: Online renewal",
    }
    assert groups["Steps"][:2] == [
        {"about": "steps", "label": "Every step"},
        {
            "about": "steps[0]",
            "label": "Step 1: Get a passport photo. Photo booths and most pharmacies offe\u2026",
        },
    ]
    assert [c["about"] for c in groups["Other parts of the page"]] == [
        "Before you start", "After you apply", "If something goes wrong", "Get help",
    ]  # fmt: skip


def test_the_feedback_widget_says_what_each_section_is_about(site: BuiltSite) -> None:
    widget = _guide(site, PASSPORT).find("section", "wt-feedback")
    options = [(o.attrs["value"], o.attrs.get("data-wt-about")) for o in widget.find_all("option")]

    assert options == [
        ("", None),
        ("before-you-start", "Before you start"),
        ("steps", "steps"),
        ("after-you-apply", "After you apply"),
        ("if-something-goes-wrong", "If something goes wrong"),
        ("get-help", "Get help"),
    ]


def test_the_suggestion_page_holds_the_hidden_report_form_and_its_script(site: BuiltSite) -> None:
    page = parse_html(site.file("suggest/index.html"))
    form = page.find("section", "wt-report-form")
    labels = [label.text for label in form.find_all("label")]

    assert "hidden" in form.attrs  # shown by report.js: no script, no dead form
    assert form.attrs["data-wt-intake"] == INTAKE + "/"
    assert (form.attrs["data-wt-sources"], form.attrs["data-wt-track"]) == ("sources/", "../track/")
    assert labels == [
        "Which part of the guide?",
        "What is wrong?",
        "How do you know? (optional)",
        "Leave this empty",
    ]
    scripts = [s.attrs["src"] for s in page.find_all("script") if "src" in s.attrs]
    assert any(src.endswith("assets/javascripts/report.js") for src in scripts)
    assert not any(src.endswith("assets/javascripts/feedback.js") for src in scripts)


def test_the_search_index_holds_no_link_words(site: BuiltSite) -> None:
    index = site.file("search/search_index.json")

    assert "Get a passport photo" in index
    assert "Suggest a change" not in index


# -- rendered alone ---------------------------------------------------------------------------

FRONT_MATTER = {
    "title": "Renouveler un passeport",
    "lang": "fr",
    "fees": [{"label": "En ligne", "amount": 86, "currency": "EUR"}, "not a fee"],
    "documents": ["not a document", {"name": "Votre passeport"}],
}


def test_links_are_in_the_guides_language_and_keep_the_places_of_malformed_items() -> None:
    d = Display.of("fr")
    links = FactLinks.to_suggestion_page("../../suggest/?guide=a/b.md", d)
    panel = parse_html(render_panel(GuideFacts.from_data(FRONT_MATTER, "x"), d, links))

    assert _french_links(panel) == [
        ("fees[0]", "Proposer une modification", " de : En ligne"),
        ("documents[1]", "Proposer une modification", " de : Votre passeport"),
    ]


def _french_links(panel: Element) -> list[tuple[str, str, str]]:
    return [
        (
            parse_qs(urlsplit(a.attrs["href"]).query)["field"][0],
            a.raw_text,
            a.find("span").raw_text,
        )
        for a in panel.find_all("a", "wt-fix")
    ]


def test_model_1_ways_to_apply_and_processing_time_link_to_their_fields() -> None:
    d = Display.of("en")
    links = FactLinks.to_suggestion_page("../../suggest/?guide=a/b.md", d)
    data = {
        "title": "Renew",
        "apply": {"online": {"url": "https://x.invalid/"}, "by_post": {"address": "PO Box 1"}},
        "processing_time": {"max_days": 21},
    }
    panel = parse_html(render_panel(GuideFacts.from_data(data, "x"), d, links))

    assert _links(panel) == [
        ("processing_time", "How long it takes"),
        ("apply.online", "Online"),
        ("apply.by_post", "By post"),
    ]


@pytest.mark.parametrize("template", ["mailto:guides@agency.invalid?subject={path}", ""])
def test_no_links_when_the_suggestion_link_is_not_a_web_page(template: str) -> None:
    d = Display.of("en")
    links = FactLinks.to_suggestion_page(template, d)
    panel = render_panel(GuideFacts.from_data(FRONT_MATTER, "x"), d, links)

    assert "wt-fix" not in panel
    assert links.link("fees[0]", "En ligne") == ""


def test_a_panel_rendered_without_links_has_none() -> None:
    panel = render_panel(GuideFacts.from_data(FRONT_MATTER, "x"))

    assert "wt-fix" not in panel
