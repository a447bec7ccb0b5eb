"""Every text a citizen or reader sends goes through the personal-data scanner before
anything is written: the guide's path, the author's name, the summary and rationale of an
edit and of a report, every feedback field, and a guide a staff amendment adds.

Where the text would be published or names a place (a path, a credited name, a heading
id) personal data is refused; free text (summary, rationale, what is wrong) is redacted.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from wiki_state import GUIDE, everything_state, post_json

from wikitool.cli import cli
from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.merge import review_merge
from wikitool.services.feedback import feedback_list
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

PAGE = "identity-and-travel/renew-an-adult-passport.md"
NEW_GUIDE = "identity-and-travel/call-ana-07700900123.md"


def _objects(repo: Path) -> str:
    """Every object in the repository, as text: what git holds, reachable or not."""
    done = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True, check=True,
    )  # fmt: skip
    return done.stdout.decode("utf-8", "replace")


def _submit(wiki: Path, tmp_path: Path, document: dict[str, Any]) -> tuple[int, str]:
    path = tmp_path / "suggestion.json"
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(
        cli, ["--repo", str(wiki), "suggest", "submit", "--json", str(path)]
    )
    return result.exit_code, result.output.replace(str(path), "SRC")


@pytest.fixture(scope="module")
def edit(shared_passport: str) -> dict[str, Any]:
    """A valid edit as the form sends it."""
    content = shared_passport.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    return {"guide": PAGE, "content": content, "summary": "Say what to do first"}


# --- the guide's path ---------------------------------------------------------------


def test_a_new_guide_whose_path_holds_a_phone_number_is_refused_naming_the_path(
    shared_wiki: Path, shared_intake: httpx.Client, shared_passport: str, tmp_path: Path
) -> None:
    document = {"guide": NEW_GUIDE, "new": True, "content": shared_passport, "summary": "New guide"}
    error = (
        f"content/{NEW_GUIDE}: personal data is not allowed in a guide's path: "
        "phone number (***23); name the guide after the procedure"
    )
    before = everything_state(shared_wiki)

    assert _submit(shared_wiki, tmp_path, document) == (1, f"Error: {error}\n")
    answer = post_json(shared_intake, "/api/suggestions", document)

    assert (answer.status_code, answer.json()) == (400, {"error": error})
    assert everything_state(shared_wiki) == before


def test_a_guide_a_staff_amendment_adds_under_such_a_path_is_not_merged(
    store: WikiStore, passport: str
) -> None:
    fixed = passport.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    sid = suggestion_submit(store, SuggestionInput(GUIDE, fixed, "Say what comes first")).id
    branch = f"refs/heads/suggestions/{sid}"
    tip = store.ref(branch)
    assert tip is not None
    amender = Identity("Dan Amend", "dan.amend@passports.veloria.invalid")
    amended = store.write_files_commit(
        parents=[tip], base_tree=store.commit_info(tip).tree,
        changes={f"content/{NEW_GUIDE}": passport.encode()},
        message="Add the call guide\n", author=amender, committer=amender,
    )  # fmt: skip
    assert store.update_ref(branch, tip, amended)
    # A new guide changes fees and the other sensitive fields: two approvals.
    review_approve(store, sid, staff=Identity("Ben Osei", "ben.osei@passports.veloria.invalid"))
    review_approve(store, sid, staff=Identity("Cy Park", "cy.park@passports.veloria.invalid"))
    main = store.main()

    with pytest.raises(
        ReviewError, match=re.escape("personal data is not allowed in a guide's path")
    ):
        review_merge(store, sid, staff=Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid"))
    assert store.main() == main


# --- the author's name --------------------------------------------------------------

NAMES = [
    pytest.param("ana.ruiz@example.org", True, "e-mail address", id="an e-mail address"),
    pytest.param("Ana Ruiz <ana.ruiz@example.org>", True, "e-mail address", id="an e-mail address beside the name"),
    pytest.param("Ana +44 20 7946 0958", True, "phone number", id="a phone number"),
    pytest.param("Ana 07700900123", False, "phone number", id="a phone number, not credited"),
    # As the commit's author, the name loses its zero-width characters: what is left is
    # scanned too.
    pytest.param("Ana ana.perez@gm\u200bail.com", True, "e-mail address", id="an e-mail address with a zero-width space"),
    pytest.param("Ana 07700\u200d900456", True, "phone number", id="a phone number with a zero-width joiner"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "credit", "kind"), NAMES)
@pytest.mark.parametrize("kind_of_suggestion", ["edit", "report"])
def test_personal_data_in_the_author_name_is_refused(
    shared_wiki: Path, shared_intake: httpx.Client, edit: dict[str, Any], tmp_path: Path,
    kind_of_suggestion: str, name: str, credit: bool, kind: str,
) -> None:  # fmt: skip
    document = dict(edit)
    if kind_of_suggestion == "report":
        document = {"kind": "report", "guide": PAGE, "summary": "The online fee is wrong"}
    document["author"] = {"name": name, "email": "ana@example.org", "credit": credit}
    error = (
        f"author.name holds personal data ({kind}): give only the name to credit; "
        "an e-mail address goes in author.email, never published"
    )
    before = everything_state(shared_wiki)

    assert _submit(shared_wiki, tmp_path, document) == (1, f"Error: {error}\n")
    answer = post_json(shared_intake, "/api/suggestions", document)

    assert (answer.status_code, answer.json()) == (400, {"error": error})
    assert everything_state(shared_wiki) == before


def test_a_plain_credited_name_is_the_commit_author(
    shared_wiki: Path, edit: dict[str, Any], tmp_path: Path
) -> None:
    # Content of its own: the same content as another test's would be a +1 on that one.
    content = edit["content"].replace("First, ", "First of all, ")
    document = {
        **edit,
        "content": content,
        "summary": "Say first what to do",
        "author": {"name": "Ana Ruiz", "credit": True},
    }
    code, output = _submit(shared_wiki, tmp_path, document)
    assert code == 0, output
    branch = json.loads(output)["branch"]
    with WikiStore.open(shared_wiki) as store:
        tip = store.ref(branch)
        assert tip is not None
        assert store.commit_info(tip).author.startswith("Ana Ruiz <")


# --- summary and rationale: redacted, in an edit and in a report -------------------

SECRETS = [
    pytest.param("an e-mail address", "maria.lopez@example.net", ["maria.lopez"], id="e-mail"),
    pytest.param("a phone number", "+34 612 345 678", ["612 345 678", "612345678"], id="phone"),
    pytest.param("an IBAN", "DE89 3704 0044 0532 0130 00", ["0532 0130", "05320130"], id="iban"),
    pytest.param("a card number", "4111 1111 1111 1111", ["4111 1111", "41111111"], id="card"),
    pytest.param("an e-mail address with a zero-width space", "ana.ruiz@gm\u200bail.com",
                 ["ana.ruiz", "gm\u200bail"], id="e-mail-zero-width"),
    pytest.param("a phone number with a zero-width joiner", "07700\u200d900123",
                 ["07700\u200d900123", "900123"], id="phone-zero-width"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "secret", "traces"), SECRETS)
@pytest.mark.parametrize("field", ["summary", "rationale"])
@pytest.mark.parametrize("kind_of_suggestion", ["edit", "report"])
def test_personal_data_in_the_summary_and_rationale_never_reaches_git(
    shared_wiki: Path, shared_intake: httpx.Client, edit: dict[str, Any],
    kind_of_suggestion: str, field: str, case: str, secret: str, traces: list[str],
) -> None:  # fmt: skip
    document: dict[str, Any] = dict(edit)
    if kind_of_suggestion == "report":
        document = {"kind": "report", "guide": PAGE, "summary": "The online fee is wrong"}
    # Each row its own content, so no row is a +1 on another.
    document[field] = f"Ring or write: {secret} ({kind_of_suggestion} {field} {case})"
    if kind_of_suggestion == "edit":
        document["content"] = edit["content"].replace("First, ", f"First ({field} {case}), ")

    answer = post_json(shared_intake, "/api/suggestions", document)

    assert answer.status_code == 201, answer.text
    warnings = answer.json()["warnings"]
    assert any(w.startswith(f"{field}: removed personal data (") for w in warnings), warnings
    everything = _objects(shared_wiki)
    for trace in traces:
        assert trace not in everything
    assert "Ring or write: [" in everything


@pytest.mark.parametrize(("case", "secret", "traces"), SECRETS)
def test_personal_data_in_a_supporters_note_never_reaches_git(
    shared_wiki: Path, shared_intake: httpx.Client, case: str, secret: str, traces: list[str]
) -> None:
    report = {"kind": "report", "guide": PAGE, "summary": f"The fee is wrong ({case})"}
    sid = post_json(shared_intake, "/api/suggestions", report).json()["id"]

    answer = post_json(
        shared_intake, f"/api/suggestions/{sid}/support", {"note": f"Me too, reach me: {secret}"}
    )

    assert answer.status_code == 201, answer.text
    assert answer.json()["warnings"][0].startswith("note: removed personal data (")
    everything = _objects(shared_wiki)
    for trace in traces:
        assert trace not in everything
    assert "Me too, reach me: [" in everything


# --- feedback -------------------------------------------------------------------------

FEEDBACK_REFUSED = [
    ("section", "ana.ruiz@example.org", "e-mail address"),
    ("section", "+442079460958", "phone number"),
    ("section", "call-07700900123", "phone number"),
    ("section", "GB82WEST12345698765432", "IBAN"),
    ("section", "4111111111111111", "payment card number"),
    ("page", NEW_GUIDE, "phone number"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value", "kind"), FEEDBACK_REFUSED)
def test_personal_data_in_a_feedback_field_that_names_a_place_is_refused(
    shared_wiki: Path, shared_intake: httpx.Client, field: str, value: str, kind: str
) -> None:
    before = everything_state(shared_wiki)
    body = {"page": PAGE, "section": "steps", "helpful": False, field: value}

    answer = post_json(shared_intake, "/api/feedback", body)

    noun = "page" if field == "page" else "heading"
    assert (answer.status_code, answer.json()) == (400, {"error": (
        f"feedback: {field} holds personal data ({kind}): it must name a {noun} of the site"
    )})  # fmt: skip
    assert everything_state(shared_wiki) == before


FEEDBACK_REDACTED = [
    ("DE89 3704 0044 0532 0130 00", "[IBAN removed]", "IBAN"),
    ("4111 1111 1111 1111", "[card number removed]", "payment card number"),
    ("maria.lopez@example.net", "[e-mail removed]", "e-mail address"),
]


@pytest.mark.parametrize(("secret", "placeholder", "kind"), FEEDBACK_REDACTED)
def test_personal_data_in_what_is_wrong_is_redacted_before_it_is_stored(
    shared_wiki: Path, shared_intake: httpx.Client, secret: str, placeholder: str, kind: str
) -> None:
    answer = post_json(
        shared_intake, "/api/feedback", {"page": PAGE, "wrong": f"I paid with {secret}"}
    )

    assert answer.status_code == 201, answer.text
    assert answer.json()["warnings"] == [f"wrong: removed personal data ({kind})"]
    with WikiStore.open(shared_wiki) as store:
        stored = {item.id: item for item in feedback_list(store)}[answer.json()["id"]]
        raw = (store.git_dir / "wikitool" / "feedback.sqlite3").read_bytes()
    assert stored.wrong == f"I paid with {placeholder}"
    assert secret.encode() not in raw


def test_a_heading_id_naming_a_published_helpline_is_kept(
    shared_wiki: Path, shared_intake: httpx.Client
) -> None:
    # The passport guide publishes 0800 555 0142; a heading about it may carry it.
    answer = post_json(
        shared_intake,
        "/api/feedback",
        {"page": PAGE, "section": "call-0800-555-0142", "helpful": True},
    )
    assert answer.status_code == 201, answer.text


def test_a_feedback_text_with_a_zero_width_character_is_refused(
    shared_intake: httpx.Client,
) -> None:
    answer = post_json(
        shared_intake, "/api/feedback", {"page": PAGE, "wrong": "Call 07700\u200d900123"}
    )
    assert (answer.status_code, answer.json()) == (
        400,
        {"error": "feedback: wrong contains invisible characters"},
    )
