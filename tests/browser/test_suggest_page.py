"""The "Suggest an edit" page, the tracking page and the feedback widget of a site built
with an intake, in Debian's chromium: what a citizen sees, types and gets back, and what
the wiki then holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browsing import (
    BIRTH,
    DESKTOP_ONLY,
    OVERDUE,
    PASSPORT,
    PHONE_ONLY,
    OffsiteRequests,
    Viewport,
    axe_violations,
)
from playwright.sync_api import Browser, Page, expect
from suggesting import (
    CitizenSite,
    change_text,
    citizen_site,
    everything_in_git,
    open_editor,
    tracking_id,
)

from wikitool.gitstore import WikiStore
from wikitool.services.feedback import feedback_list
from wikitool.suggestions.contacts import contact_get

pytestmark = pytest.mark.browser

HOUSING = "housing/apply-for-housing-benefit.md"
LICENCE = "vehicles/renew-your-driving-licence.md"
PARKING = "vehicles/pay-a-parking-fine.md"


@pytest.fixture(scope="module")
def citizen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CitizenSite]:
    """The reference wiki's site with its intake, shared by this module's tests (each
    test suggests a different change: an identical one would count as a +1)."""
    with citizen_site(tmp_path_factory.mktemp("citizen")) as site:
        yield site


@pytest.fixture(scope="module")
def tracked(citizen: CitizenSite) -> str:
    """A suggestion sent to the intake as the site's form sends it; returns its number."""
    text = source(citizen, OVERDUE)
    body = {
        "guide": OVERDUE,
        "base": citizen.commit,
        "content": text.replace("## Steps", "Allow a week.\n\n## Steps", 1),
        "summary": "Say to allow a week",
        "website": "",
    }
    answer = httpx.post(
        f"{citizen.intake_url}/api/suggestions",
        json=body,
        headers={"Origin": citizen.base_url},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    number = answer.json()["id"]
    assert isinstance(number, str)
    return number


def source(citizen: CitizenSite, guide: str) -> str:
    with WikiStore.open(citizen.repo) as store:
        raw = store.read(citizen.commit, f"content/{guide}")
    assert raw is not None
    return raw.decode("utf-8")


def send(page: Page, summary: str) -> str:
    """Fill in the summary, send, and return the suggestion number the page shows."""
    page.get_by_label("Summary of your change").fill(summary)
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()
    return tracking_id(page)


# -- the editor ------------------------------------------------------------------------------


@PHONE_ONLY
def test_the_editor_holds_the_guide_as_published(page: Page, citizen: CitizenSite) -> None:
    field = open_editor(page, citizen.suggest_url(PASSPORT))

    assert field.input_value() == source(citizen, PASSPORT)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Suggest an edit: Renew an adult passport"
    )
    back = page.get_by_role("link", name="Back to the guide: Renew an adult passport")
    assert back.get_attribute("href") == "../identity-and-travel/renew-an-adult-passport/"
    assert page.title().startswith("Suggest an edit: Renew an adult passport - ")


@PHONE_ONLY
def test_the_change_is_shown_as_a_diff_and_announced_politely(
    page: Page, citizen: CitizenSite
) -> None:
    field = open_editor(page, citizen.suggest_url(PASSPORT))
    status = page.get_by_role("status").filter(has_text="changed")

    change_text(field, "Pay the fee of 86 euros.", "Pay the fee of 89 euros.")

    expect(page.locator("#__wt-diff-status")).to_have_text("You changed 1 line.")
    assert page.locator("#__wt-diff-status").get_attribute("role") == "status"
    expect(page.locator(".wt-diff del")).to_have_text(["86"])
    expect(page.locator(".wt-diff ins")).to_have_text(["89"])
    expect(page.locator(".wt-diff__line--del")).to_contain_text("Before: 5. Pay the fee of 86")
    expect(status).to_have_count(1)

    page.get_by_role("button", name="Undo all my changes").click()

    expect(page.locator("#__wt-diff-status")).to_have_text("You have not changed anything yet.")
    assert field.input_value() == source(citizen, PASSPORT)
    expect(field).to_be_focused()


# -- sending --------------------------------------------------------------------------------


@DESKTOP_ONLY
def test_a_sent_suggestion_becomes_a_branch_on_the_published_revision(
    page: Page, citizen: CitizenSite
) -> None:
    field = open_editor(page, citizen.suggest_url(BIRTH))
    change_text(field, "## Steps", "Bring the hospital's birth notice.\n\n## Steps")

    number = send(page, "Say to bring the hospital's birth notice")

    track = page.get_by_role("link", name="Track your suggestion")
    # The author's private link: the answer secret in the fragment, never sent to a server.
    assert re.fullmatch(rf"\.\./track/\?id={number}#secret=[A-Za-z0-9_-]{{32}}", track.get_attribute("href") or "")
    with WikiStore.open(citizen.repo) as store:
        branch = store.resolve(f"refs/heads/suggestions/{number}")
        info = store.commit_info(branch)
        proposed = store.read(branch, f"content/{BIRTH}")
    assert info.parents == (citizen.commit,)
    assert proposed is not None
    assert proposed.decode() == field.input_value()
    assert info.message.startswith("Say to bring the hospital's birth notice\n")

    track.click()

    expect(page.get_by_role("heading", name="Status: Received")).to_be_visible()
    expect(page.locator("#__wt-track-guide")).to_have_text("Register a birth")
    expect(page.locator("#__wt-track-summary")).to_have_text(
        "Say to bring the hospital's birth notice"
    )


@DESKTOP_ONLY
def test_name_and_email_are_sent_only_with_consent_and_never_reach_git(
    page: Page, citizen: CitizenSite
) -> None:
    field = open_editor(page, citizen.suggest_url(HOUSING))
    consent = page.get_by_label("I agree that the team keeps my name and e-mail address")
    name = page.get_by_label("Your name", exact=True)
    email = page.get_by_label("Your e-mail address", exact=True)
    expect(name).to_be_hidden()
    expect(email).to_be_disabled()

    consent.check()
    name.fill("Ana Citizen")
    email.fill("ana.citizen@example.org")
    consent.uncheck()  # changed her mind: what she typed stays in the page, unsent
    expect(email).to_be_disabled()
    change_text(field, "## Steps", "Check your tenancy agreement first.\n\n## Steps")
    without = send(page, "Say to check the tenancy agreement first")

    field = open_editor(page, citizen.suggest_url(HOUSING))
    change_text(field, "## Steps", "Keep your rent receipts.\n\n## Steps")
    consent.check()
    name.fill("Ana Citizen")
    email.fill("ana.citizen@example.org")
    with_consent = send(page, "Say to keep rent receipts")

    with WikiStore.open(citizen.repo) as store:
        assert contact_get(store, without) is None
        contact = contact_get(store, with_consent)
    assert contact is not None
    assert (contact.name, contact.email) == ("Ana Citizen", "ana.citizen@example.org")
    history = everything_in_git(citizen.repo)
    assert with_consent in history
    assert "ana.citizen@example.org" not in history
    assert "Ana Citizen" not in history  # she did not ask to be credited


@DESKTOP_ONLY
def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_written(
    page: Page, citizen: CitizenSite
) -> None:
    field = open_editor(page, citizen.suggest_url(LICENCE))
    change_text(field, "## Steps", "BUY CHEAP LICENCES NOW\n\n## Steps")
    trap = page.locator("#__wt-form input[name='website']")
    expect(trap).not_to_be_in_viewport()
    trap.fill("https://spam.example", force=True)

    number = send(page, "Great offer")

    with WikiStore.open(citizen.repo) as store:
        assert store.ref(f"refs/heads/suggestions/{number}") is None


def tab_to(page: Page, element_id: str, *, limit: int = 80) -> list[str]:
    """Press Tab until the element with ``element_id`` has focus; returns the ids (or
    tags) of everything focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.id || document.activeElement.tagName.toLowerCase()"
        )
        seen.append(focused)
        if focused == element_id:
            return seen
    raise AssertionError(f"Tab never reached #{element_id}: {seen}")


def test_a_keyboard_alone_can_suggest_an_edit_and_follow_it(
    page: Page, citizen: CitizenSite, viewport: Viewport
) -> None:
    open_editor(page, citizen.suggest_url(PARKING))
    visited = tab_to(page, "__wt-content")
    page.keyboard.press("Control+End")
    page.keyboard.type(f"\n\nYou can also pay at a post office ({viewport.name}).")
    visited += tab_to(page, "__wt-summary")
    page.keyboard.type("Say that post offices take payments")
    visited += tab_to(page, "__wt-send")

    page.keyboard.press("Space")

    done = page.get_by_role("heading", name="Thank you: your suggestion was sent")
    expect(done).to_be_focused()
    assert "__wt-website" not in visited  # the honeypot is out of the tab order
    number = tracking_id(page)
    tab_to(page, "__wt-track-link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Status: Received")).to_be_visible()
    # The confirmation's link is the author's private one: its secret in the fragment,
    # which never reaches a server.
    address, _, fragment = page.url.partition("#")
    assert address.endswith(f"/track/?id={number}")
    assert re.fullmatch(r"secret=[A-Za-z0-9_-]{32,}", fragment), fragment


# -- errors -----------------------------------------------------------------------------------


@PHONE_ONLY
def test_what_is_missing_is_listed_in_an_error_summary_that_leads_to_the_fields(
    page: Page, citizen: CitizenSite
) -> None:
    open_editor(page, citizen.suggest_url(PASSPORT))

    page.get_by_role("button", name="Send suggestion").click()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Change the guide's text before you send your suggestion.",
            "Enter a summary of your change.",
        ]
    )
    field = page.get_by_label("Summary of your change")
    assert field.get_attribute("aria-invalid") == "true"
    expect(field).to_have_accessible_description(re.compile("Error: Enter a summary"))

    summary.get_by_role("link", name="Enter a summary of your change.").click()

    expect(field).to_be_focused()


@PHONE_ONLY
def test_the_intake_refusal_is_shown_in_the_error_summary(page: Page, citizen: CitizenSite) -> None:
    field = open_editor(page, citizen.suggest_url(PASSPORT))
    change_text(field, "Calls are free.", "Calls are free. <script>alert(1)</script>")
    page.get_by_label("Summary of your change").fill("Helpline calls are free")

    page.get_by_role("button", name="Send suggestion").click()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    guide = "content/identity-and-travel/renew-an-adult-passport.md"
    line = _line_of(guide, "Calls are free.")
    expect(summary.locator("li")).to_have_text(
        [f"Your suggestion was not accepted: {guide}:{line}: unsafe HTML element <script>."]
    )
    expect(page.get_by_role("button", name="Send suggestion")).to_be_enabled()


@PHONE_ONLY
def test_a_guide_text_over_the_size_limit_is_refused_before_sending(
    page: Page, citizen: CitizenSite
) -> None:
    field = open_editor(page, citizen.suggest_url(PASSPORT))
    # As if pasted: a 210 KB paragraph in one go.
    field.fill(field.input_value() + "\n\n" + "Padding. " * 23_500, timeout=30_000)
    page.get_by_label("Summary of your change").fill("A very long guide")

    page.get_by_role("button", name="Send suggestion").click()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["The guide's text is too long: keep it under 200 KB. Change only what is wrong."]
    )


@DESKTOP_ONLY
def test_too_many_suggestions_from_one_reader_get_the_intake_message(
    page: Page, tmp_path: Path
) -> None:
    with citizen_site(tmp_path, rate_limit=1) as limited:
        for n, guide in enumerate([PASSPORT, BIRTH]):
            field = open_editor(page, limited.suggest_url(guide))
            change_text(field, "## Steps", f"Suggestion {n}.\n\n## Steps")
            page.get_by_label("Summary of your change").fill(f"Suggestion {n}")
            page.get_by_role("button", name="Send suggestion").click()
            if n == 0:
                expect(page.get_by_text("your suggestion was sent")).to_be_visible()

        summary = page.get_by_role("alert").filter(has_text="There is a problem")
        expect(summary).to_be_focused()
        expect(summary.locator("li")).to_have_text(
            re.compile(
                r"^You have sent a lot in a short time\. "
                r"Too many requests: try again in \d+ seconds\.$"
            )
        )


# -- tracking ---------------------------------------------------------------------------------


@PHONE_ONLY
@pytest.mark.parametrize(
    ("number", "message"),
    [
        (
            "01jd0000000000000000000000",
            "We have no suggestion with the number 01jd0000000000000000000000.",
        ),
        ("not-a-number", "Enter your suggestion number: 26 letters and digits"),
    ],
)
def test_the_tracking_page_explains_an_unknown_or_malformed_number(
    page: Page, citizen: CitizenSite, number: str, message: str
) -> None:
    page.goto(citizen.track_url(number))

    expect(page.get_by_text(message)).to_be_visible()
    expect(page.get_by_label("Your suggestion number")).to_have_value(number)


# -- the feedback widget ----------------------------------------------------------------------


@PHONE_ONLY
def test_feedback_is_posted_with_its_section_and_without_personal_details(
    page: Page, citizen: CitizenSite
) -> None:
    page.goto(citizen.url(LICENCE))
    widget = page.get_by_role("region", name="Help us improve this guide")
    expect(page.locator(".wt-report")).to_be_hidden()  # the widget offers the same link

    widget.get_by_role("button", name="No").click()

    expect(widget.get_by_role("status")).to_have_text(re.compile("^Thank you for your feedback"))
    wrong = widget.get_by_label("Is something wrong on this page?")
    expect(wrong).to_be_focused()
    widget.get_by_label("Which part of the page?").select_option(label="Steps")
    wrong.fill("The photo is now taken at the counter. Write to me: ana.citizen@example.org")
    widget.get_by_role("button", name="Send").click()

    expect(widget.get_by_role("status")).to_have_text(
        "Thank you. The team that owns this guide will read what you wrote. "
        "We removed personal details from what you wrote."
    )
    with WikiStore.open(citizen.repo) as store:
        stored = [(f.section, f.helpful, f.wrong) for f in feedback_list(store, page=LICENCE)]
    assert stored == [
        ("", False, ""),
        ("steps", None, "The photo is now taken at the counter. Write to me: [e-mail removed]"),
    ]


# -- for everyone ---------------------------------------------------------------------------

PLACES = ["suggestion page with a change", "error summary", "tracking page", "guide with feedback"]


def visit(page: Page, citizen: CitizenSite, place: str, tracked: str) -> None:
    """Bring a page into the state a citizen sees it in."""
    if place == "guide with feedback":
        page.goto(citizen.url(PASSPORT))
        page.get_by_role("button", name="Yes").wait_for()
        return
    if place == "tracking page":
        page.goto(citizen.track_url(tracked))
        page.get_by_role("heading", name=re.compile("^Status: ")).wait_for()
        return
    field = open_editor(page, citizen.suggest_url(PASSPORT))
    if place == "error summary":
        page.get_by_role("button", name="Send suggestion").click()
        page.get_by_role("alert").filter(has_text="There is a problem").wait_for()
    else:
        change_text(field, "Pay the fee of 86 euros.", "Pay the fee of 89 euros.")
        page.get_by_role("checkbox", name=re.compile("I agree")).check()
        expect(page.locator(".wt-diff ins")).to_have_count(1)


@pytest.mark.parametrize("place", PLACES)
def test_citizen_pages_have_no_wcag_21_aa_violation(
    page: Page, citizen: CitizenSite, tracked: str, place: str
) -> None:
    visit(page, citizen, place, tracked)

    assert axe_violations(page) == []


@pytest.mark.parametrize("place", PLACES)
def test_citizen_pages_ask_no_third_party_host_for_anything(
    page: Page, citizen: CitizenSite, tracked: str, offsite: OffsiteRequests, place: str
) -> None:
    visit(page, citizen, place, tracked)
    page.wait_for_load_state("networkidle")

    assert offsite.urls == []


@pytest.mark.parametrize(
    ("path", "text"), [("suggest/", "It needs JavaScript"), ("track/", "It needs JavaScript")]
)
def test_without_javascript_the_pages_explain_how_to_suggest(
    browser: Browser, citizen: CitizenSite, path: str, text: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{citizen.base_url}/{path}?guide={PASSPORT}")

        content = page.locator("article")
        expect(content.get_by_text(text)).to_be_visible()
        # No form that cannot work: the editor and its buttons are for scripts to show.
        expect(content.get_by_role("button")).to_have_count(0)
        expect(content.get_by_role("textbox")).to_have_count(0)
    finally:
        context.close()


def _line_of(guide: str, text: str) -> int:
    """The line of the reference guide holding ``text`` (counted from 1)."""
    lines = (Path(__file__).parents[2] / guide).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)
