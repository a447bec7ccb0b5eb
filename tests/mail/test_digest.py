"""``wikitool notify digest``: each folder's owners get, once a day, what waits for them
and what is overdue, queued in the outbox and sent through a real relay on loopback."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import Result
from isolation import isolated_environment
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay

from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import Outbox, staff_recipient
from wikitool.model import Identity
from wikitool.services.mail_delivery import MailDelivery, deliver, queue_missing
from wikitool.services.review_digest import queue_digests
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STAFF = Identity("Test Staff", "staff@agency.invalid")
OWNER = "Cara.Lind@passports.example.org"
OTHER = "dan@passports.example.org"
POLICY = f"""\
folders:
  identity-and-travel:
    owners: [{OWNER}, {OTHER}, "@passports.example.org"]
    decide_within: 2 working days
"""
WEEK = 7 * 86_400


@pytest.fixture(scope="module")
def wiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WikiStore, list[str]]]:
    """A wiki whose passport folder has two owners and two suggestions waiting."""
    path = tmp_path_factory.mktemp("digest") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=STAFF, when=1_790_000_000)
        (path / "review-policy.yaml").write_text(POLICY)
        identity = ["-c", "user.name=Test Staff", "-c", "user.email=staff@agency.invalid"]
        for args in (["add", "review-policy.yaml"], ["commit", "-qm", "Review policy"]):
            subprocess.run(["git", "-C", str(path), *identity, *args], check=True)
        with WikiStore.open(path) as store:
            raw = store.read(store.main(), GUIDE)
            assert raw is not None
            ids = [
                suggestion_submit(
                    store,
                    SuggestionInput(
                        guide=GUIDE,
                        content=raw.decode().replace("## Steps\n\n1. ", f"## Steps\n\n1. {w}", 1),
                        summary=f"Clearer first step ({w.strip()})",
                    ),
                ).id
                for w in ("First, ", "To begin, ")
            ]
            yield store, ids


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return body.get_content()


def test_each_owner_gets_one_digest_a_day_with_what_is_overdue(
    wiki: tuple[WikiStore, list[str]], relay: Relay, delivery: MailDelivery
) -> None:
    store, ids = wiki
    later = int(time.time()) + WEEK
    report = queue_digests(store, now=later)
    assert report.to_json() == {
        "queued": 2,
        "owners": [
            {"owner": OWNER.casefold(), "waiting": 2, "overdue": 2},
            {"owner": OTHER, "waiting": 2, "overdue": 2},
        ],
        "unowned": 0,
    }
    assert queue_digests(store, now=later).queued == 0  # once a day
    assert queue_missing(store, None) == 0  # the citizens' status pass leaves staff alone
    assert deliver(store, delivery).sent == 2
    (digest,) = relay.to(OWNER.casefold())
    assert digest["Subject"] == "Review digest: 2 waiting, 2 overdue"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = _text(digest)
    assert "Overdue (open longer than decide_within):" in text
    for sid in ids:
        assert f"- {sid} identity-and-travel/renew-an-adult-passport.md: Clearer first step" in text
        assert f"{SITE_URL}/track/?id={sid}" in text


def test_an_owner_who_unsubscribed_gets_no_more_digests(
    wiki: tuple[WikiStore, list[str]], relay: Relay, delivery: MailDelivery
) -> None:
    store, _ = wiki
    Outbox.of(store).stop(staff_recipient(OTHER), drop_pending=True)
    report = queue_digests(store, now=int(time.time()) + 2 * WEEK)
    assert report.queued == 1
    before = len(relay.to(OTHER))
    deliver(store, delivery)
    assert len(relay.to(OTHER)) == before


def test_digest_from_the_command_line_sends_at_once_with_smtp(
    wiki: tuple[WikiStore, list[str]], run_cli: Callable[..., Result], relay: Relay
) -> None:
    repo = str(wiki[0].git_dir.parent)
    mail = ["--smtp", relay.url, "--mail-from", MAIL_FROM, "--site-url", SITE_URL,
            "--intake-url", INTAKE_URL]  # fmt: skip
    result = run_cli("--repo", repo, "notify", "digest", "--json", *mail)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "queued": 1,
        "owners": [
            {"owner": OWNER.casefold(), "waiting": 2, "overdue": 0},
            {"owner": OTHER, "waiting": 2, "overdue": 0},
        ],
        "unowned": 0,
        "sent": 1,
    }
    again = run_cli("--repo", repo, "notify", "digest")
    assert again.output.splitlines()[-1] == "Queued 0 digest(s); 0 suggestion(s) with no owner"
    assert relay.to(OWNER.casefold())[-1]["Subject"] == "Review digest: 2 waiting, 0 overdue"


def test_bad_mail_options_are_refused_in_one_line(
    wiki: tuple[WikiStore, list[str]], run_cli: Callable[..., Result]
) -> None:
    result = run_cli("--repo", str(wiki[0].git_dir.parent), "notify", "digest", "--smtp", "x")
    assert (result.exit_code, result.output.count("\n")) == (1, 1)
    assert result.output.startswith("Error: --smtp needs --mail-from")


def test_help_has_an_example(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    shown = run_cli("notify", "digest", "-h")
    assert "Example:" in shown.output and "wikitool notify digest --json" in shown.output
    purge = run_cli("privacy", "purge", "-h")
    assert "wikitool privacy purge --after 30 --dry-run --json" in purge.output
