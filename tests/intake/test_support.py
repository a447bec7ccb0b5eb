""""This affects me too": a guide's open suggestions, listed for anyone, and supported.

``GET /api/guides/<path>/suggestions`` lists what is open on a guide (summary, age,
status, supporters; never a name, an address, a rationale or a note), cacheable for 30
seconds; ``POST /api/suggestions/<id>/support`` records a ``support`` event, its note
screened like a rationale, an address kept in the private store only. One wiki and one
intake serve the whole module; each test reads what changed.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from intake_server import GUIDE, SITE, Intake, serving_intake
from isolation import isolated_environment

from wikitool.cli import cli
from wikitool.gitstore import WikiStore
from wikitool.intake.settings import IntakeSettings
from wikitool.model import Identity
from wikitool.review.open_suggestions import REFS_CHECK_SECONDS, OpenSuggestions
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.contacts import contact_forget, contacts_of
from wikitool.suggestions.support import SupportInput, support_suggestion

STAFF = Identity("Test Staff", "staff@agency.invalid")
FIXED_TIME = 1_790_000_000
REPORT: dict[str, Any] = {
    "kind": "report",
    "guide": "identity-and-travel/renew-an-adult-passport.md",
    "summary": "The opening hours are wrong",
    "rationale": "Ana here: the office closes at 4 pm now.",
    "author": {"name": "Ana", "email": "ana@example.org"},
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Intake, Path]]:
    """A wiki and an intake on it (no rate limit), for the whole module."""
    with isolated_environment(tmp_path_factory.mktemp("home")):
        wiki = tmp_path_factory.mktemp("support") / "wiki"
        init_wiki(wiki, author=STAFF, when=FIXED_TIME)
        settings = IntakeSettings(repo=wiki, allow_origins=(SITE,), rate_limit=0)
        with serving_intake(settings) as port, httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=30
        ) as client:
            yield Intake(f"http://127.0.0.1:{port}", port, client), wiki


@pytest.fixture(scope="module")
def intake(served: tuple[Intake, Path]) -> Intake:
    return served[0]


@pytest.fixture(scope="module")
def wiki(served: tuple[Intake, Path]) -> Path:
    return served[1]


def _submit(intake: Intake, **change: Any) -> str:
    response = intake.post("/api/suggestions", {**REPORT, **change})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.fixture(scope="module")
def open_id(intake: Intake) -> str:
    """An open report on the passport guide."""
    return _submit(intake)


@pytest.fixture(scope="module")
def closed_id(intake: Intake, wiki: Path) -> str:
    """A report staff rejected."""
    sid = _submit(intake, summary="Wrong photo size")
    rejected = CliRunner().invoke(
        cli, ["--repo", str(wiki), "review", "reject", sid, "--reason", "incorrect",
              "--as", "Rosa Staff <rosa@agency.invalid>"],
    )
    assert rejected.exit_code == 0, rejected.output
    return sid


def _listed(intake: Intake) -> dict[str, Any]:
    response = intake.get("/api/guides/identity-and-travel/renew-an-adult-passport.md/suggestions")
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "max-age=30"
    return dict(response.json())


def _refs(wiki: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(wiki), "for-each-ref"], capture_output=True, text=True, check=True
    ).stdout


def _review(wiki: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--repo", str(wiki), "review", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_guide_lists_its_open_suggestions_and_nothing_private(
    intake: Intake, open_id: str, closed_id: str
) -> None:
    listed = _listed(intake)

    assert listed["guide"] == GUIDE
    (item,) = [s for s in listed["suggestions"] if s["id"] == open_id]
    assert item == {
        "id": open_id, "kind": "report", "summary": "The opening hours are wrong",
        "status": "received", "submitted": item["submitted"], "age_days": 0,
        "supporters": item["supporters"],
    }
    assert closed_id not in {s["id"] for s in listed["suggestions"]}
    text = json.dumps(listed)
    for private in ("Ana", "ana@example.org", "Citizen", "4 pm"):
        assert private not in text
    # Another guide has none; a path that is no guide is a 404, not a crash.
    other = intake.get("/api/guides/content/identity-and-travel/index.md/suggestions")
    assert (other.status_code, other.json()) == (404, {"error": "no such guide"})
    empty = intake.get("/api/guides/health-and-care/no-such-guide.md/suggestions")
    assert empty.json()["suggestions"] == []


def test_a_support_is_counted_in_the_list_review_list_and_review_show(
    intake: Intake, wiki: Path, open_id: str
) -> None:
    before = next(s for s in _listed(intake)["suggestions"] if s["id"] == open_id)["supporters"]

    response = intake.post(
        f"/api/suggestions/{open_id}/support",
        {"note": "Same for me, call +44 20 7946 0958", "email": "bo@example.org", "website": ""},
    )

    assert response.status_code == 201, response.text
    assert response.json() == {
        "id": open_id, "supporters": before + 1,
        "warnings": ["note: removed personal data (phone number)"],
    }
    # The list follows at once (its cache is keyed by the review refs).
    listed = next(s for s in _listed(intake)["suggestions"] if s["id"] == open_id)
    assert listed["supporters"] == before + 1
    (row,) = [r for r in json.loads(_review(wiki, "list", "--json")) if r["id"] == open_id]
    assert row["supporters"] == before + 1
    table = _review(wiki, "list", "--sort", "support").splitlines()
    assert table[0].split()[5] == "SUPPORT"
    assert table[1].split()[0] == open_id and table[1].split()[6] == str(before + 1)  # SIZE is two words
    shown = _review(wiki, "show", open_id)
    assert f"Supported:  {before + 1} other citizen(s)" in shown
    assert "  - Same for me, call [phone number removed]" in shown
    log = subprocess.run(
        ["git", "-C", str(wiki), "log", "--format=%B", f"refs/reviews/{open_id}"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "Event: support" in log and "7946" not in log and "bo@example.org" not in log
    # The address is in the private store, as a supporter's, and forgotten with the rest.
    with WikiStore.open(wiki) as store:
        roles = [(c.role, c.email) for c in contacts_of(store, open_id)]
        assert ("supporter", "bo@example.org") in roles and ("author", "ana@example.org") in roles
        assert contact_forget(store, open_id) is True  # suggest forget: every contact of it
        assert contacts_of(store, open_id) == []
    subprocess.run(["git", "-C", str(wiki), "fsck", "--full", "--strict"], check=True,
                   capture_output=True)


def test_identical_suggestions_folded_into_one_count_as_supporters(
    intake: Intake, wiki: Path, published_fix: str
) -> None:
    edit = {"guide": REPORT["guide"], "content": published_fix, "summary": "Say what to do first"}
    first = intake.post("/api/suggestions", edit).json()
    again = intake.post("/api/suggestions", edit).json()

    assert again["duplicate"] is True and again["id"] == first["id"]
    listed = next(s for s in _listed(intake)["suggestions"] if s["id"] == first["id"])
    assert listed["supporters"] == 1
    (row,) = [r for r in json.loads(_review(wiki, "list", "--json")) if r["id"] == first["id"]]
    assert (row["plus_ones"], row["supporters"]) == (1, 1)

    # One more, and it is the most supported: first with --sort support, last by age.
    assert intake.post(f"/api/suggestions/{first['id']}/support", {}).json()["supporters"] == 2
    by_age = [r["id"] for r in json.loads(_review(wiki, "list", "--json"))]
    by_support = json.loads(_review(wiki, "list", "--sort", "support", "--json"))
    assert by_age[-1] == first["id"] and by_support[0]["id"] == first["id"]
    supporters = [r["supporters"] for r in by_support]
    assert supporters == sorted(supporters, reverse=True)


@pytest.fixture
def published_fix(wiki: Path) -> str:
    guide = subprocess.run(
        ["git", "-C", str(wiki), "show", f"main:{GUIDE}"], capture_output=True, text=True,
        check=True,
    ).stdout
    return guide.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)


UNKNOWN = "01jd4m7k2q8x9v0c3b5n6r7t8w"

# (suggestion, body, status, the one line answered); nothing is written for any
BAD_SUPPORTS = [
    pytest.param(UNKNOWN, {}, 404, "no suggestion with this id", id="unknown-id"),
    pytest.param("not-an-id", {}, 404, "no suggestion with this id", id="not-an-id"),
    pytest.param("closed", {}, 409, "this suggestion is closed (rejected): it can no longer be supported",
                 id="closed"),
    pytest.param("open", {"note": "See <b>this</b>"}, 400,
                 "support: note: raw HTML <b>: guides are Markdown only; write plain words", id="markup"),
    pytest.param("open", {"note": "[me](javascript:alert(1))"}, 400,
                 "support: note: javascript: URL in a Markdown link or image; write plain words",
                 id="script-link"),
    pytest.param("open", {"note": "x" * 501}, 400, "support: note is longer than 500 characters",
                 id="too-long"),
    pytest.param("open", {"note": "bad \ud800 text"}, 400,
                 "support: note contains U+D800 (a lone surrogate), which is not text",
                 id="invalid-unicode"),
    pytest.param("open", {"note": 3}, 400, "support: note must be text", id="note-not-text"),
    pytest.param("open", {"name": "Bo"}, 400, "support: unknown field 'name'", id="unknown-field"),
    pytest.param("open", {"email": "bo at home"}, 400, "support: email is not an e-mail address",
                 id="not-an-address"),
    pytest.param("open", {"email": "bo@example.org\r\nBcc: all@example.org"}, 400,
                 "support: email contains a line break or control character", id="header-injection"),
    pytest.param("open", {"email": "Bo <bo@example.org>"}, 400,
                 "support: email is not an e-mail address", id="display-form"),
    pytest.param("open", {"email": "bo@example.org, all@example.org"}, 400,
                 "support: email is not an e-mail address", id="a-list"),
]


@pytest.mark.parametrize(("which", "body", "status", "error"), BAD_SUPPORTS)
def test_a_bad_support_is_refused_with_its_reason_and_nothing_written(
    intake: Intake, wiki: Path, open_id: str, closed_id: str,
    which: str, body: dict[str, Any], status: int, error: str,
) -> None:
    sid = {"open": open_id, "closed": closed_id}.get(which, which)
    before = _refs(wiki)

    response = intake.post(f"/api/suggestions/{sid}/support",
                           content=json.dumps(body).encode(), headers={"Content-Type": "application/json"})

    assert (response.status_code, response.json()) == (status, {"error": error})
    assert _refs(wiki) == before


def test_the_honeypot_looks_accepted_and_writes_nothing(
    intake: Intake, wiki: Path, open_id: str
) -> None:
    before = _refs(wiki)

    response = intake.post(
        f"/api/suggestions/{open_id}/support",
        {"email": "bot@example.org", "website": "https://spam.example"},
    )

    assert response.status_code == 201
    assert _refs(wiki) == before
    with WikiStore.open(wiki) as store:
        assert "bot@example.org" not in {c.email for c in contacts_of(store, open_id)}


def test_supports_share_the_submissions_rate_limit(
    start_intake: Any, wiki: Path, open_id: str
) -> None:
    limited = start_intake(rate_limit=1)

    first = limited.post(f"/api/suggestions/{open_id}/support", {})
    second = limited.post(f"/api/suggestions/{open_id}/support", {"note": "Me too"})

    assert first.status_code == 201, first.text
    assert second.status_code == 429 and int(second.headers["Retry-After"]) >= 1
    assert second.json()["error"].startswith("too many requests")


def test_the_list_reads_the_refs_again_after_a_few_seconds_or_at_once_after_a_write(
    wiki: Path, open_id: str
) -> None:
    now = [1000.0]
    remembered = OpenSuggestions(clock=lambda: now[0])
    with WikiStore.open(wiki) as store:

        def supporters() -> int:
            (item,) = [s for s in remembered.on_guide(store, GUIDE) if s.id == open_id]
            return item.supporters

        before = supporters()
        support_suggestion(store, open_id, SupportInput())  # as another process would
        assert supporters() == before
        now[0] += REFS_CHECK_SECONDS
        assert supporters() == before + 1
        support_suggestion(store, open_id, SupportInput())
        remembered.moved()  # as the intake does after its own writes
        assert supporters() == before + 2


def test_once_staff_act_the_list_says_in_review_and_still_no_staff_words(
    intake: Intake, wiki: Path
) -> None:
    sid = _submit(intake, summary="The form number is wrong")
    _review(wiki, "comment", sid, "-m", "Rosa: checking with the office",
            "--as", "Rosa Staff <rosa@agency.invalid>")

    # Staff act in another process: the intake sees it within REFS_CHECK_SECONDS.
    listed = next(s for s in _wait_for_status(intake, sid, "in review")["suggestions"] if s["id"] == sid)

    assert listed["status"] == "in review"
    assert "Rosa" not in json.dumps(listed) and "checking" not in json.dumps(listed)


def _wait_for_status(intake: Intake, sid: str, status: str) -> dict[str, Any]:
    deadline = time.monotonic() + 2 * REFS_CHECK_SECONDS + 1
    while True:
        listed = _listed(intake)
        if any(s["id"] == sid and s["status"] == status for s in listed["suggestions"]):
            return listed
        assert time.monotonic() < deadline, listed
        time.sleep(0.1)
