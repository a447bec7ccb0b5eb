"""Staff ask the citizen a question (``review ask``); the citizen answers with their secret.

One wiki is built per module, holding:

- ``asked``: open, with a question waiting for its answer;
- ``unasked``: open, nobody asked anything;
- ``merged`` and ``rejected``: a question asked, then decided.

Each test works on a copy. Bad answers are refused with one line and write nothing.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from isolation import isolated_environment
from review_samples import ANA, BEN, EXPIRY, FIRST_STEP, GUIDE, HELPLINE, UPLOAD
from sqlite_files import stored_bytes

from wikitool.errors import ReviewError, SuggestionError, WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.conversation import SecretRefused, answer_question, review_ask
from wikitool.review.decisions import review_approve, review_reject
from wikitool.review.events import RejectReason
from wikitool.review.log import review_ref
from wikitool.review.merge import review_merge
from wikitool.review.status import public_status
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

QUESTION = "Which office did you go to?"
Wiki = tuple[Path, dict[str, str], dict[str, str]]
"""The wiki, the suggestions' ids and their secrets, by name."""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wiki]:
    path = tmp_path_factory.mktemp("conversation") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=Identity("Test Staff", "staff@agency.invalid"), when=1_790_000_000)
        with WikiStore.open(path) as store:
            raw = store.read(store.main(), GUIDE)
            assert raw is not None
            published = raw.decode()
            ids, secrets = {}, {}
            for name, edit in (
                ("asked", FIRST_STEP), ("unasked", HELPLINE), ("merged", UPLOAD), ("rejected", EXPIRY),
            ):
                result = suggestion_submit(store, SuggestionInput(
                    guide=GUIDE, content=published.replace(*edit), summary=f"The {name} one"))
                ids[name], secrets[name] = result.id, result.secret
            for name in ("asked", "merged", "rejected"):
                review_ask(store, ids[name], staff=ANA, text=QUESTION)
            review_approve(store, ids["merged"], staff=ANA)
            review_merge(store, ids["merged"], staff=BEN)
            review_reject(store, ids["rejected"], staff=BEN, reason=RejectReason.SPAM)
    yield path, ids, secrets


@pytest.fixture
def scenario(template: Wiki, tmp_path: Path) -> Wiki:
    """A private copy of the template wiki (the private store beside it included)."""
    source, ids, secrets = template
    copy = tmp_path / "wiki"
    shutil.copytree(source, copy, symlinks=True)
    return copy, ids, secrets


@pytest.fixture
def scenario_store(scenario: Wiki) -> Iterator[WikiStore]:
    with WikiStore.open(scenario[0]) as store:
        yield store


@pytest.fixture
def review(scenario: Wiki, run_cli: Callable[..., Result]) -> Callable[..., Result]:
    """``wikitool --repo WIKI review ...``; ``{name}`` in an argument is that id."""
    repo, ids, _ = scenario
    return lambda *args: run_cli("--repo", str(repo), "review", *(a.format(**ids) for a in args))


def test_a_submission_gets_a_long_random_secret_kept_only_as_a_hash(scenario: Wiki) -> None:
    repo, ids, secrets = scenario
    assert len(set(secrets.values())) == 4
    for name, secret in secrets.items():
        assert len(secret) >= 22 and secret != ids[name]  # 22 URL-safe characters: 128 bits

    private = repo / ".git" / "wikitool" / "private.sqlite3"
    with sqlite3.connect(private) as db:
        kept = {row[0]: row[1] for row in db.execute("SELECT suggestion_id, digest FROM answer_secret")}
    assert set(kept) == set(ids.values())
    assert private.stat().st_mode & 0o777 == 0o600
    objects = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True, check=True,
    ).stdout
    for secret in secrets.values():
        assert secret not in kept.values()
        assert secret.encode() not in stored_bytes(private)
        assert secret.encode() not in objects


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (("ask", "{unasked}", "-m", QUESTION, "--as", str(ANA)), 0, "Asked the citizen behind suggestion {unasked}"),
        (("ask", "{unasked}", "-m", "  ", "--as", str(ANA)), 1, 'Error: a question needs a message: pass -m "..."'),
        (("ask", "{unasked}", "--as", str(ANA)), 2, "Usage: *"),
        (("ask", "{merged}", "-m", QUESTION, "--as", str(ANA)), 1, "Error: suggestion {merged} is already merged"),
        (("ask", "{rejected}", "-m", QUESTION, "--as", str(ANA)), 1, "Error: suggestion {rejected} was rejected; it can no longer be changed"),
        (("ask", "{unasked}", "-m", QUESTION, "--as", "Citizen {unasked} <{unasked}@suggestions.invalid>"), 1,
         "Error: Citizen {unasked} <{unasked}@suggestions.invalid> is a citizen's pseudonymous address, not a member of staff"),
        (("ask", "01m8zzzzzzzzzzzzzzzzzzzzzz", "-m", QUESTION, "--as", str(ANA)), 1, "Error: no suggestion 01m8zzzzzzzzzzzzzzzzzzzzzz"),
    ],
)
def test_review_ask(
    review: Callable[..., Result], scenario: Wiki, scenario_store: WikiStore,
    args: tuple[str, ...], code: int, output: str,
) -> None:
    ids = scenario[1]
    before = {name: scenario_store.ref(review_ref(i)) for name, i in ids.items()}
    result = review(*args)

    expected = output.format(**ids)
    stream = result.stdout if code == 0 else result.stderr
    assert result.exit_code == code, result.output
    assert stream.startswith(expected[:-1]) if expected.endswith("*") else stream == expected + "\n"
    after = {name: scenario_store.ref(review_ref(i)) for name, i in ids.items()}
    assert (after != before) == (code == 0)


def test_a_question_waits_for_the_answer_which_staff_then_read(
    review: Callable[..., Result], scenario: Wiki, scenario_store: WikiStore
) -> None:
    _, ids, secrets = scenario
    sid = ids["asked"]
    waiting = public_status(scenario_store, sid)
    assert (waiting.status, waiting.question) == ("waiting for your answer", QUESTION)

    answered = answer_question(
        scenario_store, sid, secret=secrets["asked"],
        text="The office on Main Street.\nCall me on +44 20 7946 0958 if needed.",
    )

    assert answered.warnings == ["answer: removed personal data (phone number)"]
    assert "7946" not in answered.event.text and "The office on Main Street." in answered.event.text
    assert answered.event.actor == f"Citizen {sid} <{sid}@suggestions.invalid>"
    after = public_status(scenario_store, sid)
    assert (after.status, after.question, after.updated) == ("in review", "", answered.event.time)

    shown = review("show", sid)
    assert shown.exit_code == 0, shown.output
    assert f"  question, asked by {ANA} on " in shown.stdout
    assert f"    {QUESTION}\n" in shown.stdout
    assert f"  answer, answered by Citizen {sid} <{sid}@suggestions.invalid> on " in shown.stdout
    assert "    The office on Main Street.\n" in shown.stdout
    conversation = json.loads(review("show", sid, "--json").stdout)["conversation"]
    assert [(e["event"], e["text"]) for e in conversation] == [
        ("question", QUESTION), ("answer", answered.event.text),
    ]
    trail = review("log", sid).stdout
    assert "question" in trail and QUESTION in trail and "answer" in trail and "Main Street" in trail

    # Answered: a second answer waits for the next question.
    with pytest.raises(ReviewError, match="has no question waiting for an answer"):
        answer_question(scenario_store, sid, secret=secrets["asked"], text="One more thing")
    review_ask(scenario_store, sid, staff=BEN, text="And on which day?")
    assert public_status(scenario_store, sid).status == "waiting for your answer"
    answer_question(scenario_store, sid, secret=secrets["asked"], text="On a Monday.")


@pytest.mark.parametrize(
    ("name", "secret", "text", "error", "message"),
    [
        ("asked", "", "The Main Street office.", SecretRefused, "the answer needs the secret of your private link"),
        ("asked", "not-the-secret-at-all-0123456789", "The Main Street office.", SecretRefused,
         "this private link does not belong to the suggestion: use the link from your confirmation page or e-mail"),
        ("asked", "{unasked}", "The Main Street office.", SecretRefused,
         "this private link does not belong to the suggestion: use the link from your confirmation page or e-mail"),
        ("asked", "x" * 5000, "The Main Street office.", SecretRefused,
         "this private link does not belong to the suggestion: use the link from your confirmation page or e-mail"),
        ("merged", "{merged}", "The Main Street office.", ReviewError, "suggestion {id} is already merged"),
        ("rejected", "{rejected}", "The Main Street office.", ReviewError,
         "suggestion {id} was rejected; it can no longer be changed"),
        ("unasked", "{unasked}", "Nobody asked, but here goes.", ReviewError,
         "suggestion {id} has no question waiting for an answer"),
        ("asked", "{asked}", "The <script>alert(1)</script> office.", SuggestionError,
         "the answer: line 1: unsafe HTML element <script>"),
        ("asked", "{asked}", "See [the office](javascript:alert(1)).", SuggestionError, "the answer: line 1: javascript: URL in a Markdown link or image"),
        ("asked", "{asked}", "Main\u202eStreet", SuggestionError, "the answer: line 1: invisible character*"),
        ("asked", "{asked}", "x" * 5001, SuggestionError, "the answer is longer than 5000 characters"),
        ("asked", "{asked}", " \n ", SuggestionError, "the answer is empty: write your answer to the question"),
        ("asked", "{asked}", "Main \ud800 Street", SuggestionError,
         "the answer contains U+D800 (a lone surrogate), which is not text"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_written(
    scenario: Wiki, scenario_store: WikiStore,
    name: str, secret: str, text: str, error: type[WikitoolError], message: str,
) -> None:
    _, ids, secrets = scenario
    sid = ids[name]
    secret = secrets[secret[1:-1]] if secret.startswith("{") else secret
    before = scenario_store.ref(review_ref(sid))

    with pytest.raises(error) as refused:
        answer_question(scenario_store, sid, secret=secret, text=text)

    expected = message.format(id=sid)
    said = str(refused.value)
    assert said.startswith(expected[:-1]) if expected.endswith("*") else said == expected
    assert "\n" not in said
    assert scenario_store.ref(review_ref(sid)) == before
