"""``wikitool privacy purge``: a citizen's contact details go a set time after the
decision on their suggestion (90 days unless the policy or ``--after`` says otherwise),
with the same last message as ``suggest forget``, saying why; open suggestions keep
theirs; nothing enters git; ids in the output, never an address."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
from click.testing import Result
from isolation import isolated_environment
from smtp_relay import Relay
from sqlite_files import stored_bytes

from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import Outbox, author_of
from wikitool.model import Identity
from wikitool.review.decisions import review_reject
from wikitool.review.events import RejectReason
from wikitool.services.mail_delivery import MailDelivery, deliver
from wikitool.services.privacy_purge import DAY, purge_contacts
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.contacts import contact_get, private_store_path
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STAFF = Identity("Test Staff", "staff@agency.invalid")
EDITS = ["First, ", "To begin, ", "Start here: "]


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WikiStore, list[str]]]:
    """A wiki with three suggestions whose authors asked for mail: two rejected (the
    second author unsubscribed since), one open."""
    path = tmp_path_factory.mktemp("purge") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=STAFF, when=1_790_000_000)
        with WikiStore.open(path) as store:
            raw = store.read(store.main(), GUIDE)
            assert raw is not None
            ids = []
            for n, edit in enumerate(EDITS):
                author = SuggestionAuthor(name="Ana", email=f"ana{n}@example.org", notify=True)
                content = raw.decode().replace("## Steps\n\n1. ", f"## Steps\n\n1. {edit}", 1)
                suggestion = SuggestionInput(
                    guide=GUIDE, content=content, summary=f"Step {n}", author=author
                )
                ids.append(suggestion_submit(store, suggestion).id)
            for sid in ids[:2]:
                review_reject(store, sid, staff=STAFF, reason=RejectReason.INCORRECT)
            Outbox.of(store).stop(author_of(ids[1]), drop_pending=True)  # the one click
            yield store, ids


def test_nothing_is_deleted_before_its_time(decided: tuple[WikiStore, list[str]]) -> None:
    store, _ids = decided
    report = purge_contacts(store, now=time.time() + 89 * DAY)
    assert (report.deleted, report.kept, report.after_days) == ([], 3, 90)


def test_a_dry_run_names_what_would_go_and_deletes_nothing(
    decided: tuple[WikiStore, list[str]],
) -> None:
    store, ids = decided
    report = purge_contacts(store, after_days=30, dry_run=True, now=time.time() + 31 * DAY)
    assert report.to_json() == {
        "after_days": 30, "dry_run": True, "deleted": 2, "ids": ids[:2], "kept": 1,
    }
    assert all(contact_get(store, sid) for sid in ids)


def test_decided_suggestions_lose_their_contacts_with_a_last_mail(
    decided: tuple[WikiStore, list[str]], relay: Relay, delivery: MailDelivery
) -> None:
    store, ids = decided
    refs_before = subprocess.run(
        ["git", "-C", str(store.git_dir), "for-each-ref"], capture_output=True, text=True, check=True
    ).stdout
    deliver(store, delivery)  # the "received" and "not accepted" mails first
    report = purge_contacts(store, now=time.time() + 91 * DAY)
    assert (report.deleted, report.kept) == (ids[:2], 1)
    assert [contact_get(store, sid) for sid in ids[:2]] == [None, None]
    assert contact_get(store, ids[2]) is not None  # open: kept
    assert b"ana0@example.org" not in stored_bytes(private_store_path(store))
    assert deliver(store, delivery).sent == 1  # not to the one who unsubscribed
    assert relay.to("ana1@example.org") == []
    last = relay.to("ana0@example.org")[-1]
    assert last["Subject"] == "We deleted your contact details"
    text = last.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "90 days after it was decided, as we said we would" in text
    assert "As you asked" not in text
    assert purge_contacts(store, now=time.time() + 91 * DAY).deleted == []  # once
    refs_after = subprocess.run(
        ["git", "-C", str(store.git_dir), "for-each-ref"], capture_output=True, text=True, check=True
    ).stdout
    assert refs_after == refs_before  # nothing of this enters git


@pytest.mark.parametrize(
    "after",
    ["0", "-5", "ninety", "3651", "９０", "1.5", ""],
)
def test_a_bad_after_is_refused_in_one_line(
    decided: tuple[WikiStore, list[str]], run_cli: Callable[..., Result], after: str
) -> None:
    result = run_cli("--repo", str(decided[0].git_dir.parent), "privacy", "purge", "--after", after)
    assert (result.exit_code, result.output) == (
        1, f"Error: --after {after!r} is not a number of days from 1 to 3650\n",
    )


def test_purge_from_the_command_line(
    decided: tuple[WikiStore, list[str]], run_cli: Callable[..., Result]
) -> None:
    repo = str(decided[0].git_dir.parent)
    shown = run_cli("--repo", repo, "privacy", "purge", "--after", "30 days", "--json")
    assert json.loads(shown.output) == {
        "after_days": 30, "dry_run": False, "deleted": 0, "ids": [], "kept": 1,
    }
    text = run_cli("--repo", repo, "privacy", "purge", "--dry-run")
    assert text.output == (
        "Would delete the contact details of 0 suggestion(s) decided more than 90 days ago; "
        "1 kept\n"
    )
