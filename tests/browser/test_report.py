"""From the fact itself, and what is wrong in words (issue 13), in Debian's chromium: the
"Suggest a change" link after each fact and step (hidden until hover or focus where a
pointer hovers, always shown on touch screens), and the report form a citizen reaches
from "Is something wrong on this page?", whose report goes to staff's `review list` and
`review show` and to the tracking page. Keyboard only; axe at 375 and 1280 px in every
state; no request leaves the site's and the intake's origins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import DESKTOP_ONLY, PASSPORT, PHONE_ONLY, OffsiteRequests, axe_violations
from click.testing import CliRunner, Result
from playwright.sync_api import Locator, Page, expect
from suggesting import SUGGESTION_ID, CitizenSite, citizen_site

from wikitool.cli import cli

pytestmark = pytest.mark.browser

LOST = "identity-and-travel/replace-a-lost-or-stolen-passport.md"
HOURS = "The opening hours are wrong"
WHY = "The counter closes at 4 pm since October."


@pytest.fixture(scope="module")
def citizen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CitizenSite]:
    """The reference wiki's site with its intake, shared by this module's tests."""
    with citizen_site(tmp_path_factory.mktemp("report")) as site:
        yield site


def wikitool(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def fee_link(page: Page, name: str) -> Locator:
    return page.get_by_role("link", name=f"Suggest a change to: {name}")


def width(link: Locator) -> float:
    box = link.bounding_box()
    assert box is not None
    return box["width"]


def report_form(page: Page) -> Locator:
    return page.get_by_role("region", name="Tell us what is wrong")


def press(locator: Locator, key: str = "Enter") -> None:
    """Act as a keyboard user: the focus on the control, then a key."""
    locator.focus()
    expect(locator).to_be_focused()
    locator.press(key)


# -- the links ----------------------------------------------------------------------------


@DESKTOP_ONLY
def test_on_a_desktop_a_facts_link_shows_on_hover_and_on_focus(
    page: Page, citizen: CitizenSite
) -> None:
    page.goto(citizen.url(PASSPORT))
    link = fee_link(page, "Paper form by post")
    fee = page.locator(".wt-panel li").filter(has=link)

    assert width(link) <= 1  # out of sight, still in the tab order and read out
    fee.hover()
    assert width(link) > 20
    page.mouse.move(0, 0)
    assert width(link) <= 1
    link.focus()
    assert width(link) > 20


@PHONE_ONLY
def test_on_a_touch_screen_every_link_is_shown(page: Page, citizen: CitizenSite) -> None:
    page.goto(citizen.url(PASSPORT))
    links = page.locator("a.wt-fix")

    assert page.evaluate("matchMedia('(hover: none)').matches")
    assert links.count() == 20  # 13 facts, 7 steps
    assert min(width(links.nth(i)) for i in range(links.count())) > 20


@PHONE_ONLY
def test_a_fees_link_in_a_situation_opens_the_editor_with_that_fee_focused(
    page: Page, citizen: CitizenSite
) -> None:
    page.goto(citizen.url(LOST) + "?situation=abroad")
    link = page.locator("section.wt-situation[data-situation=abroad]").get_by_role(
        "link", name="Suggest a change to: Emergency travel document"
    )

    press(link)

    page.wait_for_url(re.compile(r"/suggest/\?"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["guide"], query["field"]) == ([LOST], ["fees[3]"])
    name = page.get_by_role("group", name="Fee 4", exact=True).get_by_label("Name", exact=True)
    expect(name).to_be_focused()
    expect(name).to_have_value("Emergency travel document")
    expect(name).to_be_in_viewport()


@DESKTOP_ONLY
def test_a_steps_link_opens_the_editor_with_that_step_focused(
    page: Page, citizen: CitizenSite
) -> None:
    page.goto(citizen.url(PASSPORT))

    press(page.get_by_role("link", name="Suggest a change to: Pay the fee of 86 euros."))

    step = page.get_by_label("Step 5", exact=True)
    expect(step).to_be_focused()
    expect(step).to_have_value("Pay the fee of 86 euros.")


# -- the report ---------------------------------------------------------------------------


@PHONE_ONLY
def test_a_report_on_the_steps_goes_from_the_page_to_review_and_to_tracking(
    page: Page, citizen: CitizenSite, offsite: OffsiteRequests
) -> None:
    page.goto(citizen.url(PASSPORT))
    widget = page.get_by_role("region", name="Help us improve this guide")
    part = widget.get_by_label("Which part of the page?")
    part.focus()
    part.select_option(label="Steps")  # a native select: the keyboard's arrows do the same
    press(widget.get_by_role("link", name="correct the guide yourself"))

    form = report_form(page)
    expect(form.get_by_label("Which part of the guide?")).to_have_value("steps")
    form.get_by_label("What is wrong?").focus()
    page.keyboard.type(HOURS)
    page.keyboard.press("Tab")
    expect(form.get_by_label("How do you know? (optional)")).to_be_focused()
    page.keyboard.type(WHY)
    press(form.get_by_role("button", name="Send report"))

    done = form.get_by_role("heading", name="Thank you: your report was sent")
    expect(done).to_be_focused()
    number = form.locator("#__wt-report-done-id").inner_text()
    assert SUGGESTION_ID.match(number), number

    listed = json.loads(wikitool("--repo", str(citizen.repo), "review", "list", "--json").stdout)
    row = next(r for r in listed if r["id"] == number)
    assert (row["kind"], row["about"], row["flags"]) == ("report", "steps", ["report"])
    shown = wikitool("--repo", str(citizen.repo), "review", "show", number).stdout
    assert re.search(
        r"^Report: +about steps \(what is wrong, in the citizen's words\)$", shown, re.M
    )
    assert re.search(rf"^Summary: +{HOURS}$", shown, re.M)
    assert re.search(rf"^Rationale: +{WHY}$", shown, re.M)

    press(form.get_by_role("link", name="Track your report"))
    expect(page.get_by_role("heading", name="Status: Received")).to_be_visible()
    expect(page.get_by_text("We have received your report.")).to_be_visible()
    facts = page.locator(".wt-track__facts")
    expect(facts.locator("dt").first).to_have_text("Report number")
    expect(facts).to_contain_text(f"What you reported {HOURS}")
    assert offsite.urls == []


@PHONE_ONLY
@pytest.mark.parametrize(
    ("field", "chosen"),
    [
        ("fees[0].amount", "fees[0]"),
        ("fees.1", "fees[1]"),
        ("steps[2]", "steps[2]"),
        ("nothing[9]", ""),
    ],
)
def test_the_report_form_chooses_what_the_link_names(
    page: Page, citizen: CitizenSite, field: str, chosen: str
) -> None:
    page.goto(citizen.suggest_url(PASSPORT, report=True) + f"&field={field}")

    expect(report_form(page).get_by_label("Which part of the guide?")).to_have_value(chosen)


@PHONE_ONLY
def test_an_empty_report_is_refused_in_the_page_with_the_field_named(
    page: Page, citizen: CitizenSite
) -> None:
    page.goto(citizen.suggest_url(PASSPORT, report=True))
    form = report_form(page)
    press(form.get_by_role("button", name="Send report"))

    summary = form.get_by_role("alert")
    expect(summary).to_be_focused()
    press(summary.get_by_role("link", name="Say what is wrong before you send."))
    what = form.get_by_label("What is wrong?")
    expect(what).to_be_focused()
    expect(what).to_have_attribute("aria-invalid", "true")


# -- for everyone ---------------------------------------------------------------------------

STATES = ["guide with links", "report form", "report with errors", "report sent"]


def visit(page: Page, citizen: CitizenSite, state: str) -> None:
    """Bring a page into the state a citizen sees it in."""
    if state == "guide with links":
        page.goto(citizen.url(LOST))
        page.get_by_role("button", name="Yes").wait_for()
        return
    page.goto(citizen.suggest_url(LOST, report=True) + "&field=fees[3]")
    form = report_form(page)
    expect(form.get_by_label("Which part of the guide?")).to_have_value("fees[3]")
    if state == "report with errors":
        form.get_by_role("button", name="Send report").click()
        expect(form.get_by_role("alert")).to_be_focused()
    elif state == "report sent":
        form.get_by_label("What is wrong?").fill(HOURS)
        form.get_by_role("button", name="Send report").click()
        expect(form.get_by_role("heading", name="Thank you: your report was sent")).to_be_focused()


@pytest.mark.parametrize("state", STATES)
def test_every_state_has_no_wcag_21_aa_violation_and_asks_no_third_party(
    page: Page, citizen: CitizenSite, offsite: OffsiteRequests, state: str
) -> None:
    visit(page, citizen, state)
    page.wait_for_load_state("networkidle")

    assert axe_violations(page) == []
    assert offsite.urls == []
