"""Who writes and checks a guide (``publisher``) and the official pages its facts come
from (``sources``): on the page, escaped, and in the structured data."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from html_tree import parse_html
from site_history import BuiltSite

from wikitool.guides.steps import read_steps
from wikitool.mkdocs_plugin.changes import render_freshness
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.jsonld import guide_jsonld, jsonld_scripts
from wikitool.mkdocs_plugin.panel import render_panel

ONE_STEP = read_steps("## Steps\n\n1. Apply.\n", "en")

VEHICLE = "vehicles/register-a-used-vehicle.md"
TODAY = date(2026, 11, 1)
AGENCY = "Vehicle and Driver Agency"
PUBLISHER = "Public Services Guide editorial team"
SOURCE = {
    "url": "https://www.veloria.invalid/vehicle-agency/register",
    "title": "Registering a vehicle",
    "seen": "2026-10-13",
}


def _guide(**fields: Any) -> GuideFacts:
    data = {"title": "Register a vehicle", "last_reviewed": "2026-10-13", **fields}
    return GuideFacts.from_data(data, "Register a vehicle")


@pytest.mark.parametrize(
    ("fields", "checked"),
    [
        ({"agency": AGENCY, "publisher": PUBLISHER}, f"Checked by {PUBLISHER} on 13 October 2026"),
        ({"agency": AGENCY}, f"Checked by {AGENCY} on 13 October 2026"),
        ({"agency": AGENCY, "publisher": ""}, f"Checked by {AGENCY} on 13 October 2026"),
        ({"publisher": PUBLISHER}, f"Checked by {PUBLISHER} on 13 October 2026"),
        ({}, "Checked on 13 October 2026"),
    ],
)
def test_checked_by_names_the_publisher_else_the_agency(
    fields: dict[str, str], checked: str
) -> None:
    freshness = parse_html(render_freshness(_guide(**fields), [], TODAY))

    assert freshness.find("span", "wt-freshness__checked").text == checked


def test_an_overdue_guide_still_sends_readers_to_the_agency_that_runs_the_service() -> None:
    guide = _guide(agency=AGENCY, publisher=PUBLISHER, review_by="2026-10-31")

    notice = parse_html(render_freshness(guide, [], TODAY)).find("div", "wt-review")

    assert f"Check the details with {AGENCY} before you apply." in notice.text


def _sources_row(guide: GuideFacts) -> Any:
    rows = parse_html(render_panel(guide)).find_all("div", "wt-panel__fact")
    return next((row for row in rows if row.find("dt").text == "Sources"), None)


def test_sources_are_links_with_the_date_each_was_read() -> None:
    second = {"url": "https://www.veloria.invalid/fees", "title": "Fees", "seen": "2026-09-28"}

    row = _sources_row(_guide(sources=[SOURCE, second]))

    assert [li.text for li in row.find_all("li")] == [
        "Registering a vehicle (read on 13 October 2026)",
        "Fees (read on 28 September 2026)",
    ]
    links = row.find_all("a")
    assert [(a.attrs["href"], a.attrs["rel"]) for a in links] == [
        (SOURCE["url"], "noopener"),
        ("https://www.veloria.invalid/fees", "noopener"),
    ]
    assert [t.attrs["datetime"] for t in row.find_all("time")] == ["2026-10-13", "2026-09-28"]


@pytest.mark.parametrize(
    ("source", "text", "links"),
    [
        # What `check` refuses may still reach main through git: shown as text, never run.
        (
            {**SOURCE, "title": '</a><script>alert("x")</script>'},
            '</a><script>alert("x")</script> (read on 13 October 2026)',
            [SOURCE["url"]],
        ),
        ({**SOURCE, "url": "javascript:alert(1)"}, "Registering a vehicle (read on 13 October 2026)", []),
        ({**SOURCE, "url": "http://plain.invalid/"}, "Registering a vehicle (read on 13 October 2026)", []),
        ({**SOURCE, "url": 'https://x.invalid/" onclick="alert(1)'}, None, ['https://x.invalid/" onclick="alert(1)']),
        ({**SOURCE, "seen": "last week"}, "Registering a vehicle", [SOURCE["url"]]),
    ],
)  # fmt: skip
def test_a_source_is_escaped_and_only_an_https_address_is_a_link(
    source: dict[str, str], text: str | None, links: list[str]
) -> None:
    row = _sources_row(_guide(sources=[source]))

    if text is not None:
        assert row.find("li").text == text
    assert not row.find_all("script")
    assert [a.attrs["href"] for a in row.find_all("a")] == links
    assert all(set(a.attrs) == {"href", "rel"} for a in row.find_all("a"))


@pytest.mark.parametrize(
    "sources", [None, [], "https://www.veloria.invalid/", [{"url": SOURCE["url"]}]]
)
def test_no_sources_no_row(sources: object) -> None:
    assert _sources_row(_guide(sources=sources, eligibility=["Anyone."])) is None


def test_structured_data_names_the_publisher_and_the_sources() -> None:
    guide = _guide(agency=AGENCY, publisher=PUBLISHER, sources=[SOURCE])

    items = guide_jsonld(guide, ONE_STEP, [], "https://guides.invalid/vehicles/register/")

    service, _howto, webpage = items
    assert service["provider"] == {"@type": "GovernmentOrganization", "name": AGENCY}
    assert webpage == {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": "Register a vehicle",
        "url": "https://guides.invalid/vehicles/register/",
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "isBasedOn": [{"@type": "WebPage", "name": SOURCE["title"], "url": SOURCE["url"]}],
    }


def test_a_guide_without_provenance_adds_no_page_item() -> None:
    items = guide_jsonld(_guide(agency=AGENCY), ONE_STEP, [], None)

    assert [item["@type"] for item in items] == ["GovernmentService", "HowTo"]


def test_a_hostile_source_cannot_break_out_of_the_structured_data() -> None:
    hostile = {**SOURCE, "title": "</script><script>alert(1)</script>"}

    scripts = jsonld_scripts(guide_jsonld(_guide(sources=[hostile]), None, [], None))

    assert scripts.count("</script>") == 2  # the service's and the page's own
    page = json.loads(
        scripts.split("</script>")[1].removeprefix('<script type="application/ld+json">')
    )
    assert page["isBasedOn"][0]["name"] == hostile["title"]


def test_the_built_guide_shows_its_publisher_sources_and_structured_data(
    published: BuiltSite,
) -> None:
    html = parse_html(published.page(VEHICLE))
    article = html.find("article")
    blocks = [
        json.loads(s.raw_text)
        for s in html.find_all("script")
        if s.attrs.get("type") == "application/ld+json"
    ]

    checked = article.find("span", "wt-freshness__checked").text
    assert checked == (
        "Checked by Public Services Guide editorial team, Ministry of the Interior "
        "on 13 October 2026"
    )
    row = _sources_row_in(article)
    assert row.find("a").attrs["href"] == (
        "https://www.veloria.invalid/vehicle-agency/register-a-used-vehicle"
    )
    assert "Vehicle registration fees (read on 28 September 2026)" in row.text
    webpage = next(b for b in blocks if b["@type"] == "WebPage")
    assert len(webpage["isBasedOn"]) == 2
    service = next(b for b in blocks if b["@type"] == "GovernmentService")
    assert service["provider"]["name"] == AGENCY


def _sources_row_in(article: Any) -> Any:
    rows = article.find("section", "wt-panel").find_all("div", "wt-panel__fact")
    return next(row for row in rows if row.find("dt").text == "Sources")
