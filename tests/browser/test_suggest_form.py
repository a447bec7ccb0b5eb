"""The guide as a form on the "Suggest an edit" page (suggest-form.js), in Debian's
chromium against the real intake: what a citizen changes with the keyboard becomes a
change list, and the suggestion's branch differs from its base by exactly those lines.

One site for the module; each test that sends changes something of its own (an
identical suggestion would be a +1 of the first).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import (
    DESKTOP_ONLY,
    PASSPORT,
    PHONE_ONLY,
    STAFF,
    OffsiteRequests,
    Viewport,
    axe_violations,
)
from playwright.sync_api import Locator, Page, expect
from suggesting import INIT_TIME, CitizenSite, citizen_site, tracking_id

from wikitool.gitstore import MAIN_REF, WikiStore

pytestmark = pytest.mark.browser

LOST = "identity-and-travel/replace-a-lost-or-stolen-passport.md"
"""A guide with situations, fees for one of them, and steps in groups."""
NAME_CHANGE = "family-and-civil-status/change-your-name.md"
APPEAL = "vehicles/appeal-a-parking-fine.md"
"""A guide with a channel's opening hours and a deadline, here given in hours."""
HOSTILE = '<img src=x onerror="window.__xss=1"> <b>free</b>'
"""A fee note committed straight to main: the form shows it as text, runs nothing."""
FEES_COMMENT = b"# The fees are set by the Passport Fees Regulations 2025.\n"
POST_COMMENT = b"  # Paper forms cost more to handle.\n"
BOLD = (b"valid for at least 6 months", b"valid for **at least 6 months**")
"""Bold text in the passport guide's "Before you start", which also has a bulleted list."""
TABLE = b"\n\n| Problem | What to do |\n| --- | --- |\n| Photo rejected | Upload a new one |"
"""A table after the last paragraph of "If something goes wrong": not shown in the form."""


@pytest.fixture(scope="module")
def citizen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CitizenSite]:
    """The reference wiki's site and intake, the passport guide's front matter given
    comments (which a form edit must leave where they are)."""
    with citizen_site(tmp_path_factory.mktemp("form")) as site:
        path = f"content/{PASSPORT}"
        with WikiStore.open(site.repo) as store:
            main = store.main()
            text = store.read(main, path)
            assert text is not None
            text = text.replace(b"fees:\n", FEES_COMMENT + b"fees:\n", 1)
            text = text.replace(
                b"  - label: Paper form", POST_COMMENT + b"  - label: Paper form", 1
            )
            text = text.replace(*BOLD, 1)
            text = text.replace(
                b"Have your application reference ready.",
                b"Have your application reference ready." + TABLE,
                1,
            )
            hostile = store.read(main, f"content/{NAME_CHANGE}")
            assert hostile is not None
            hostile = hostile.replace(
                b"note: The first certificate is free.",
                b"note: '" + HOSTILE.encode() + b"'",
                1,
            )
            appeal = store.read(main, f"content/{APPEAL}")
            assert appeal is not None
            appeal = appeal.replace(b"      days: 28\n", b"      hours: 72\n", 1)
            tip = store.write_files_commit(
                parents=[main],
                base_tree=store.commit_info(main).tree,
                changes={
                    path: text,
                    f"content/{NAME_CHANGE}": hostile,
                    f"content/{APPEAL}": appeal,
                },
                message="Say where the passport fees come from\n",
                author=STAFF,
                committer=STAFF,
                when=INIT_TIME + 3600,
            )
            assert store.update_ref(MAIN_REF, main, tip)
        site.rebuild()
        yield site


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#__wt-guide-form").wait_for(state="visible")


def fee(page: Page, number: int, label: str) -> Locator:
    """A field of the fee numbered ``number`` (from 1, as the form names it)."""
    return page.get_by_role("group", name=f"Fee {number}", exact=True).get_by_label(
        label, exact=True
    )


def tab_to(page: Page, target: Locator, *, limit: int = 400) -> None:
    """Press Tab until ``target`` has focus, as a keyboard user gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def retype(page: Page, text: str) -> None:
    """Replace what the focused field holds, with the keyboard."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def git(citizen: CitizenSite, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(citizen.repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def suggestion_refs(citizen: CitizenSite) -> list[str]:
    return git(citizen, "for-each-ref", "--format=%(refname)", "refs/heads/suggestions").split()


def front_matter_shape(text: str) -> tuple[list[str], list[str]]:
    """The front matter's comment lines and top-level keys, in order."""
    front = text.split("\n---\n", 1)[0]
    comments = [line for line in front.splitlines() if line.lstrip().startswith("#")]
    keys = [m.group(1) for m in re.finditer(r"^([a-z_]+):", front, re.MULTILINE)]
    return comments, keys


# -- the Done-when ------------------------------------------------------------------------


@PHONE_ONLY
def test_keyboard_only_a_fee_a_document_and_a_step_become_exactly_those_lines_in_git(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(PASSPORT))

    tab_to(page, fee(page, 1, "Amount"))
    retype(page, "89")
    tab_to(page, page.get_by_role("button", name="Add a document", exact=True))
    page.keyboard.press("Enter")
    new_document = page.get_by_role("group", name="Document 4", exact=True).get_by_label("Name")
    expect(new_document).to_be_focused()
    page.keyboard.type("Proof of address")
    tab_to(page, page.get_by_label("Step 3", exact=True))
    retype(page, "Enter your details and the number of your current passport.")

    said = page.locator("#__wt-changed-list li")
    expect(said).to_have_text(
        [
            "Online renewal: €86.00 → €89.00",
            "Document 4 added: Proof of address",
            "Step 3 reworded",
        ]
    )
    expect(page.locator("#__wt-changed")).to_have_attribute("aria-live", "polite")
    expect(page.get_by_text("You have not changed anything yet.")).to_be_hidden()
    tab_to(page, page.get_by_label("Summary of your change"))
    page.keyboard.type("The online fee is now 89 euros; bring proof of address")
    tab_to(page, page.get_by_role("button", name="Send suggestion"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()

    branch = f"refs/heads/suggestions/{tracking_id(page)}"
    path = f"content/{PASSPORT}"
    assert git(citizen, "diff", "--numstat", f"{branch}^", branch) == f"4\t2\t{path}\n"
    changed = [
        line
        for line in git(citizen, "diff", "-U0", f"{branch}^", branch).splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-    amount: 86",
        "+    amount: 89",
        "+  - name: Proof of address",
        "+    required: false",
        "-3. Enter your details and your current passport number. Check that your name "
        "matches your current passport exactly.",
        "+3. Enter your details and the number of your current passport.",
    ]
    before = git(citizen, "show", f"{branch}^:{path}")
    after = git(citizen, "show", f"{branch}:{path}")
    assert front_matter_shape(after) == front_matter_shape(before)
    assert FEES_COMMENT.decode().strip() in front_matter_shape(after)[0]


@DESKTOP_ONLY
def test_a_step_shows_its_link_as_words_and_keeps_the_link_on_them(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(LOST))
    step = page.get_by_label("Step 1", exact=True)
    expect(step).to_have_value(
        "Go to the lost or stolen passport service and sign in with your Veloria ID."
    )
    expect(step).to_have_accessible_description(
        "Links stay on these words while you keep them: \u201clost or stolen passport service\u201d"
    )

    step.fill("Open the lost or stolen passport service and sign in with Veloria ID.")
    page.get_by_label("Summary of your change").fill("Shorter first step")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()

    branch = f"refs/heads/suggestions/{tracking_id(page)}"
    added = [
        line
        for line in git(citizen, "diff", "-U0", f"{branch}^", branch).splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    assert added == [
        "+1. Open the [lost or stolen passport service]"
        "(https://services.veloria.invalid/passport/lost-stolen) and sign in with Veloria ID."
    ]


@DESKTOP_ONLY
def test_a_section_reads_as_text_and_a_reworded_list_item_is_that_one_line_in_git(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(PASSPORT))
    before = page.get_by_label("Before you start", exact=True)
    shown = before.input_value()
    assert "**" not in shown and not re.search(r"^\s*(?:[-*+]|\d+\.) ", shown, re.MULTILINE)
    assert "valid for at least 6 months after" in shown
    assert "\nyour current passport\na passport photo taken in the last month\n" in shown
    expect(page.get_by_label("Get help", exact=True)).to_be_visible()
    expect(page.get_by_label("If something goes wrong", exact=True)).to_have_count(0)
    expect(page.get_by_text("This part has a table, HTML or a nested list")).to_have_count(1)

    before.fill(shown.replace("taken in the last month", "taken in the last 6 months"))
    expect(page.locator("#__wt-changed-list li")).to_have_text(
        ["Section reworded: Before you start"]
    )
    page.get_by_label("Summary of your change").fill("Photos may be 6 months old")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()

    branch = f"refs/heads/suggestions/{tracking_id(page)}"
    path = f"content/{PASSPORT}"
    assert git(citizen, "diff", "--numstat", f"{branch}^", branch) == f"1\t1\t{path}\n"
    changed = [
        line
        for line in git(citizen, "diff", "-U0", f"{branch}^", branch).splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-- a passport photo taken in the last month",
        "+- a passport photo taken in the last 6 months",
    ]


@DESKTOP_ONLY
def test_removing_moving_and_adding_items_and_steps_together_makes_the_guide_the_form_shows(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(LOST))
    documents = page.get_by_role("group", name="What to bring", exact=True)
    documents.get_by_role("button", name="Remove: Document 1", exact=True).click()
    documents.get_by_role("button", name="Move up: Document 4", exact=True).click()
    documents.get_by_role("button", name="Add a document", exact=True).click()
    page.keyboard.type("Your birth certificate")
    page.get_by_role("button", name="Remove this step: Step 2", exact=True).click()
    page.get_by_role("button", name="Add a step after this one: Step 1", exact=True).click()
    page.keyboard.type("Keep the confirmation e-mail.")
    page.get_by_role("button", name="Move down: Step 5", exact=True).click()
    page.get_by_label("Summary of your change").fill("Reorder what to bring and the steps")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()

    branch = f"refs/heads/suggestions/{tracking_id(page)}"
    text = git(citizen, "show", f"{branch}:content/{LOST}")
    names = re.findall(r"^  - name: (.*)$", text, re.MULTILINE)
    steps = re.findall(r"^\d+\. (.*)$", text.split("## Steps", 1)[1], re.MULTILINE)
    assert names == [
        "A passport photo taken in the last month",
        "A police report",
        "Your identity card or driving licence",
        "Proof of your travel plans, such as a ticket",
        "Your birth certificate",
    ]
    assert steps[:7] == [
        "Go to the [lost or stolen passport service]"
        "(https://services.veloria.invalid/passport/lost-stolen) and sign in with your Veloria ID.",
        "Keep the confirmation e-mail.",
        "Call the Passport Office emergency line and report the loss. You get a report number "
        "during the call.",
        'Choose "Apply for a replacement" on the confirmation page.',
        "Enter the police report number, if you have one.",
        "Upload your photo or enter the photo code.",
        "Pay the fee.",
    ]


# -- deep links -----------------------------------------------------------------------------


def test_a_deep_link_to_a_fee_opens_the_form_with_that_fee_focused_and_in_view(
    page: Page, citizen: CitizenSite, viewport: Viewport
) -> None:
    open_form(page, citizen.suggest_url(LOST) + "&field=fees.2")

    field = fee(page, 3, "Name")
    expect(field).to_be_focused()
    expect(field).to_have_value("Lost passport charge")
    expect(field).to_be_in_viewport()


@DESKTOP_ONLY
@pytest.mark.parametrize(
    ("field", "label", "value"),
    [
        ("fees[3].amount", ("Fee 4", "Amount"), "45"),
        ("documents.1", ("Document 2", "Name"), "A passport photo taken in the last month"),
        ("steps.3", (None, "Step 4"), 'Choose "Apply for a replacement" on the confirmation page.'),
        (
            "steps[9]",
            (None, "Step 10"),
            "Book an appointment at the nearest Velorian embassy or consulate.",
        ),
    ],
)
def test_deep_links_name_fields_as_change_lists_do(
    page: Page, citizen: CitizenSite, field: str, label: tuple[str | None, str], value: str
) -> None:
    open_form(page, citizen.suggest_url(LOST) + f"&field={field}")

    group, name = label
    scope: Any = page.get_by_role("group", name=group, exact=True) if group else page
    focused = scope.get_by_label(name, exact=True)
    expect(focused).to_be_focused()
    expect(focused).to_have_value(value)


# -- what is refused ------------------------------------------------------------------------


def _empty_name(page: Page) -> None:
    fee(page, 1, "Name").fill("")


def _amount_in_words(page: Page) -> None:
    fee(page, 1, "Amount").fill("86 euros")


def _unknown_currency(page: Page) -> None:
    fee(page, 1, "Currency").fill("EUX")


def _every_step_removed(page: Page) -> None:
    remove = page.get_by_role("button", name=re.compile(r"^Remove this step"))
    while remove.count():
        remove.first.click()


@DESKTOP_ONLY
@pytest.mark.parametrize(
    ("mistake", "error", "field"),
    [
        (_empty_name, "Fee 1 (Name): enter a value", ("Fee 1", "Name")),
        (
            _amount_in_words,
            "Online renewal: enter the amount as a number, such as 86 or 12.50",
            ("Fee 1", "Amount"),
        ),
        (
            _unknown_currency,
            "Online renewal (Currency): EUX is not a currency code (such as EUR)",
            ("Fee 1", "Currency"),
        ),
        (_every_step_removed, "Steps: keep at least one step", None),
    ],
    ids=["empty required field", "amount in words", "unknown currency", "last step removed"],
)
def test_bad_input_is_named_in_the_error_summary_and_nothing_is_sent(
    page: Page, citizen: CitizenSite, mistake: Any, error: str, field: tuple[str, str] | None
) -> None:
    before = suggestion_refs(citizen)
    open_form(page, citizen.suggest_url(PASSPORT))
    mistake(page)
    page.get_by_label("Summary of your change").fill("A mistake")
    page.get_by_role("button", name="Send suggestion").click()

    summary = page.locator("#__wt-errors")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_text([error])
    summary.get_by_role("link", name=error).click()
    if field is not None:
        target = fee(page, 1, field[1])
        expect(target).to_be_focused()
        expect(target).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#" + target.get_attribute("id") + "-error")).to_have_text(
            "Error: " + error
        )
    else:
        expect(page.locator("#__wt-guide-form .wt-form__steps > legend")).to_be_focused()
    assert suggestion_refs(citizen) == before


@DESKTOP_ONLY
def test_a_refusal_from_the_intake_leads_to_the_field_it_names(
    page: Page, citizen: CitizenSite
) -> None:
    before = suggestion_refs(citizen)
    open_form(page, citizen.suggest_url(PASSPORT))
    note = fee(page, 3, "Note")
    note.fill("Includes the renewal fee. Ask anna.berg@example.org to book.")
    page.get_by_label("Summary of your change").fill("Who books Fast Track")
    page.get_by_role("button", name="Send suggestion").click()

    problem = page.locator("#__wt-errors li")
    expect(problem).to_have_text(
        re.compile(r"^Your suggestion was not accepted: changes\[0\] \(fees\[2\]\.note\): .*e-mail")
    )
    problem.get_by_role("link").click()
    expect(note).to_be_focused()
    assert suggestion_refs(citizen) == before


@DESKTOP_ONLY
def test_editing_the_whole_source_switches_the_form_off_and_sends_the_text(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(PASSPORT))
    fee(page, 2, "Amount").fill("96")
    expect(page.locator("#__wt-changed-list li")).to_have_count(1)

    page.get_by_text("Edit the whole source", exact=True).click()
    source = page.get_by_label("The guide's text")
    source.fill(source.input_value().replace("Calls are free.", "Calls are free from landlines."))

    expect(fee(page, 2, "Amount")).to_be_disabled()
    expect(page.locator("#__wt-source-used")).to_have_text(
        "You are editing the whole source: the form above is switched off."
    )
    expect(page.locator("#__wt-changed-list li")).to_have_count(0)
    page.get_by_label("Summary of your change").fill("Landline calls are free")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()
    branch = f"refs/heads/suggestions/{tracking_id(page)}"
    assert git(citizen, "diff", "--numstat", f"{branch}^", branch) == f"1\t1\tcontent/{PASSPORT}\n"


@DESKTOP_ONLY
def test_the_schema_validator_names_what_the_form_cannot_judge_by_its_field(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(LOST))
    least = page.get_by_role("group", name="Time 1", exact=True).get_by_label("At least")
    least.fill("-3")
    page.get_by_label("Summary of your change").fill("Negative time")
    page.get_by_role("button", name="Send suggestion").click()

    problem = page.locator("#__wt-errors li")
    expect(problem).to_have_text([re.compile(r"^Time 1 \(At least\): \S")])
    problem.get_by_role("link").click()
    expect(least).to_be_focused()


@DESKTOP_ONLY
def test_the_form_shows_markup_in_a_guide_as_text_and_runs_none_of_it(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(NAME_CHANGE))
    page.locator("#__wt-guide-form").evaluate(
        "form => form.querySelectorAll('input').forEach(i => i.focus())"
    )

    expect(page.get_by_role("group", name="Fee 3", exact=True).get_by_label("Note")).to_have_value(
        HOSTILE
    )
    assert page.evaluate("window.__xss") is None
    assert page.locator("#__wt-suggest img, #__wt-suggest b").count() == 0


# -- for everyone ---------------------------------------------------------------------------


def test_the_form_is_accessible_in_every_state_and_asks_no_other_host(
    page: Page, citizen: CitizenSite, viewport: Viewport, offsite: OffsiteRequests
) -> None:
    # A section the form cannot show as text (a table): named, read-only, with its hint.
    open_form(page, citizen.suggest_url(PASSPORT))
    read_only = page.get_by_text("This part has a table, HTML or a nested list")
    expect(read_only).to_be_visible()
    expect(page.get_by_label("If something goes wrong", exact=True)).to_have_count(0)
    assert axe_violations(page) == [], "a section shown read-only"

    open_form(page, citizen.suggest_url(LOST))
    assert axe_violations(page) == [], "empty"

    fee(page, 1, "Amount").fill("90" if viewport.mobile else "91")
    page.get_by_role("button", name="Add a step after this one: Step 2").click()
    page.keyboard.type("Keep the report number.")
    expect(page.locator("#__wt-changed-list li")).to_have_count(2)
    assert axe_violations(page) == [], "edited"

    fee(page, 2, "Name").fill("")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator("#__wt-errors li")).to_have_count(2)  # the name and the summary
    assert axe_violations(page) == [], "with errors"

    fee(page, 2, "Name").fill("Replacement passport, child under 16")
    page.get_by_label("Summary of your change").fill(f"New fees ({viewport.name})")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name=re.compile("your suggestion was sent"))).to_be_focused()
    assert axe_violations(page) == [], "sent"
    assert offsite.urls == []


@DESKTOP_ONLY
def test_a_deadline_in_hours_is_labelled_hours_not_opening_hours(
    page: Page, citizen: CitizenSite
) -> None:
    open_form(page, citizen.suggest_url(APPEAL))
    deadline = page.get_by_role("group", name="Deadline 1", exact=True)
    offset = deadline.get_by_role("group", name="Time allowed", exact=True)

    expect(offset.get_by_label("Hours", exact=True)).to_have_value("72")
    expect(page.get_by_label("Opening hours", exact=True)).to_have_value(
        "Monday to Friday, 9:00 to 17:00"
    )
    offset.get_by_label("Hours", exact=True).fill("48")
    expect(page.locator("#__wt-changed-list li")).to_have_text(["Time allowed (Hours): 72 → 48"])
