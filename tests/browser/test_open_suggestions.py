"""Citizens together (issue 16), in Debian's chromium: a guide's page lists the suggestions
open on it, from the intake, and a second citizen says "This affects me too" with the
keyboard alone; the count goes up on the page and in staff's `review list`. axe at 375
and 1280 px with the list shown; no request leaves the site's and the intake's origins.
Without JavaScript, or when the intake cannot be reached, the section is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from browsing import DESKTOP_ONLY, PASSPORT, OffsiteRequests, axe_violations
from click.testing import CliRunner
from playwright.sync_api import Browser, Locator, Page, Route, expect
from suggesting import CitizenSite, citizen_site

from wikitool.cli import cli

pytestmark = pytest.mark.browser

HOURS = "The opening hours are wrong"


@pytest.fixture(scope="module")
def citizen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CitizenSite]:
    """The reference wiki's site and intake, with one citizen's report on the passport guide."""
    with citizen_site(tmp_path_factory.mktemp("open-suggestions")) as site:
        sent = httpx.post(
            f"{site.intake_url}/api/suggestions",
            json={"kind": "report", "guide": PASSPORT, "summary": HOURS,
                  "rationale": "Ana: the counter closes at 4 pm.", "website": ""},
        )
        assert sent.status_code == 201, sent.text
        yield site


def listed(page: Page) -> Locator:
    return page.get_by_role("region", name="Already suggested for this guide")


def supporters_in_review_list(citizen: CitizenSite) -> int:
    result = CliRunner().invoke(cli, ["--repo", str(citizen.repo), "review", "list", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = [r for r in json.loads(result.stdout) if r["summary"] == HOURS]
    return int(row["supporters"])


def test_a_second_citizen_supports_an_open_suggestion_with_the_keyboard(
    page: Page, citizen: CitizenSite, offsite: OffsiteRequests
) -> None:
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(_origin(request.url)))
    page.goto(citizen.url(PASSPORT))
    section = listed(page)
    expect(section).to_be_visible()
    item = section.get_by_role("listitem").filter(has_text=HOURS)
    expect(item).to_contain_text("Status: Received")
    before = supporters_in_review_list(citizen)
    expect(item).to_contain_text(f"Supporters: {before}")
    assert axe_violations(page) == []

    button = item.get_by_role("button", name="This affects me too")
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    expect(item).to_contain_text(f"Supporters: {before + 1}")
    thanks = item.get_by_role("status")
    expect(thanks).to_have_text("Thank you. The team sees that this affects you too.")
    expect(thanks).to_be_focused()
    assert supporters_in_review_list(citizen) == before + 1
    assert axe_violations(page) == []
    assert origins == {_origin(citizen.base_url), _origin(citizen.intake_url)}
    assert offsite.urls == []


@DESKTOP_ONLY
def test_a_note_with_an_e_mail_address_is_sent_with_it_from_the_keyboard(
    page: Page, citizen: CitizenSite
) -> None:
    page.goto(citizen.url(PASSPORT))
    item = listed(page).get_by_role("listitem").filter(has_text=HOURS)
    more = item.locator("summary")
    more.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(item.get_by_label("Your note")).to_be_focused()
    page.keyboard.type("Same at the Leeds office, call me on 07700 900123")
    page.keyboard.press("Tab")
    expect(item.get_by_label("Your e-mail")).to_be_focused()
    page.keyboard.type("bo@example.org")
    page.keyboard.press("Tab")
    expect(item.get_by_role("button", name="This affects me too")).to_be_focused()
    page.keyboard.press("Enter")

    expect(item.get_by_role("status")).to_have_text(
        "Thank you. The team sees that this affects you too. "
        "We removed personal details from your note."
    )
    shown = CliRunner().invoke(cli, ["--repo", str(citizen.repo), "review", "show", "--json",
                                     _id(citizen)])
    notes = json.loads(shown.stdout)["supporter_notes"]
    assert notes[-1] == "Same at the Leeds office, call me on [phone number removed]"


@DESKTOP_ONLY
def test_without_javascript_or_without_the_intake_the_section_is_absent(
    browser: Browser, page: Page, citizen: CitizenSite
) -> None:
    page.route(f"{citizen.intake_url}/**", lambda route: route.abort("connectionrefused"))
    page.goto(citizen.url(PASSPORT))
    expect(page.locator("[data-wt-open]")).to_be_attached()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-wt-open]")).to_be_hidden()

    without_js = browser.new_context(java_script_enabled=False)
    try:
        plain = without_js.new_page()
        plain.route(f"{citizen.intake_url}/**", _refuse)
        plain.goto(citizen.url(PASSPORT))
        expect(plain.locator("[data-wt-open]")).to_be_hidden()
        expect(plain.get_by_text("This affects me too")).to_have_count(0)
    finally:
        without_js.close()


def _refuse(route: Route) -> None:
    raise AssertionError(f"a page without JavaScript asked the intake for {route.request.url}")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _id(citizen: CitizenSite) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(citizen.repo), "review", "list", "--json"])
    return str(next(r["id"] for r in json.loads(result.stdout) if r["summary"] == HOURS))
