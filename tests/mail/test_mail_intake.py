"""The intake with --smtp: a citizen who ticks "Tell me what happens" gets the "received"
message from the intake's sender through a loopback relay; the unsubscribe link works
in one click and refuses a forged token; a name or address that could add a mail header
is refused with one line and nothing is written."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from intake_server import SITE, serving_intake
from isolation import isolated_environment
from smtp_relay import INTAKE_URL, Relay
from sqlite_files import stored_bytes

from wikitool.gitstore import WikiStore
from wikitool.intake.settings import IntakeSettings
from wikitool.mail.outbox import Outbox
from wikitool.model import Identity
from wikitool.review.decisions import review_reject
from wikitool.review.events import RejectReason
from wikitool.services.mail_delivery import MailDelivery
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.contacts import private_store_path

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STAFF = Identity("Test Staff", "staff@agency.invalid")


@pytest.fixture(scope="module")
def wiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("mail-intake") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=STAFF, when=1_790_000_000)
        yield path


@pytest.fixture(scope="module")
def client(wiki: Path, delivery: MailDelivery) -> Iterator[httpx.Client]:
    # The links in the mail name the public intake; the test calls this one.
    mail = replace(delivery, settings=replace(delivery.settings, intake_url=INTAKE_URL))
    settings = IntakeSettings(
        repo=wiki, allow_origins=(SITE,), rate_limit=0, workers=1, mail=mail, mail_interval=0.2
    )
    with serving_intake(settings) as port, httpx.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=30
    ) as http:
        yield http


@pytest.fixture(scope="module")
def published(wiki: Path) -> str:
    with WikiStore.open(wiki) as store:
        raw = store.read(store.main(), GUIDE)
        assert raw is not None
        return raw.decode()


def _suggestion(published: str, author: dict[str, Any], n: int = 0) -> dict[str, Any]:
    words = ["First, ", "To begin, ", "Start here: ", "Before all, "][n]
    return {
        "guide": GUIDE.removeprefix("content/"),
        "content": published.replace("## Steps\n\n1. ", f"## Steps\n\n1. {words}", 1),
        "summary": "Say what to do first",
        "author": author,
        "website": "",
    }


def _arrives(relay: Relay, address: str, count: int = 1) -> list[Any]:
    deadline = time.monotonic() + 15
    while len(relay.to(address)) < count:
        assert time.monotonic() < deadline, f"no mail to {address}"
        time.sleep(0.05)
    return relay.to(address)


def _link(message: Any) -> str:
    """The path and query of a message's unsubscribe link, to call on the test intake."""
    parts = urlsplit(str(message["List-Unsubscribe"]).strip("<>"))
    return f"{parts.path}?{parts.query}"


def test_notify_ticked_brings_the_received_mail_from_the_intake(
    client: httpx.Client, relay: Relay, published: str
) -> None:
    author = {"name": "Ana", "email": "ana.intake@example.org", "notify": True}
    answer = client.post("/api/suggestions", json=_suggestion(published, author))
    assert answer.status_code == 201, answer.text
    (message,) = _arrives(relay, "ana.intake@example.org")
    assert message["Subject"] == f"We received your suggestion {answer.json()['id']}"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_unsubscribe_and_its_page(
    client: httpx.Client, relay: Relay, published: str, wiki: Path
) -> None:
    author = {"name": "Ben", "email": "ben.intake@example.org", "notify": True}
    answer = client.post("/api/suggestions", json=_suggestion(published, author, 1))
    (message,) = _arrives(relay, "ben.intake@example.org")
    link = _link(message)
    page = client.get(link)  # opening the link (or a scanner) changes nothing
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<form method="post">' in page.text and answer.json()["id"] in page.text
    with WikiStore.open(wiki) as store:
        outbox = Outbox.of(store)
        recipient = f"suggestion:{answer.json()['id']}"
        assert outbox.subscription(recipient).stopped is None  # type: ignore[union-attr]
        one_click = client.post(
            link,
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert (one_click.status_code, one_click.json()) == (200, {"unsubscribed": True})
        assert outbox.subscription(recipient).stopped is not None  # type: ignore[union-attr]
    by_hand = client.post(link, headers={"Accept": "text/html"})  # the page's button
    assert "You will get no more e-mails" in by_hand.text


def test_a_supporters_unsubscribe_link_names_the_suggestion_and_stops_only_them(
    client: httpx.Client, relay: Relay, published: str, wiki: Path
) -> None:
    author = {"name": "Cy", "email": "cy.intake@example.org", "notify": True}
    suggestion = client.post("/api/suggestions", json=_suggestion(published, author, 2)).json()["id"]
    _arrives(relay, "cy.intake@example.org")
    supported = client.post(
        f"/api/suggestions/{suggestion}/support",
        json={"note": "Same here", "email": "di.supporter@example.org", "website": ""},
    )
    assert supported.status_code == 201, supported.text
    with WikiStore.open(wiki) as store:
        review_reject(store, suggestion, staff=STAFF, reason=RejectReason.OTHER, text="Not now.")
    (told,) = _arrives(relay, "di.supporter@example.org")
    assert told["Subject"] == f"The suggestion {suggestion} you supported was not accepted"
    link = _link(told)
    assert "di.supporter" not in link
    page = client.get(link)
    assert f"Stop the e-mails about suggestion {suggestion}?" in page.text
    one_click = client.post(
        link,
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (one_click.status_code, one_click.json()) == (200, {"unsubscribed": True})
    # The author's mail went on: "received", then "not accepted".
    author_mail = _arrives(relay, "cy.intake@example.org", 2)
    assert author_mail[1]["Subject"] == f"Your suggestion {suggestion} was not accepted"


@pytest.mark.parametrize(
    ("change", "status", "error"),
    [
        ("forged", 403, "this unsubscribe link is not valid: it was changed or cut short"),
        ("other", 403, "this unsubscribe link is not valid: it was changed or cut short"),
        ("short", 400, "an unsubscribe link needs its to and token parts whole"),
        ("no token", 400, "an unsubscribe link needs its to and token parts whole"),
    ],
)
def test_a_forged_unsubscribe_link_is_refused(
    client: httpx.Client, relay: Relay, published: str, change: str, status: int, error: str
) -> None:
    messages = relay.to("ana.intake@example.org") or _arrives(relay, "ana.intake@example.org")
    link = _link(messages[0])
    path, _, query = link.partition("?")
    to, token = (part.split("=", 1)[1] for part in query.split("&"))
    wrong = {
        "forged": f"to={to}&token={token[:-1]}{'0' if token[-1] != '0' else '1'}",
        "other": f"to=suggestion%3A01m8zzzzzzzzzzzzzzzzzzzzzz&token={token}",
        "short": f"to={to}&token={token[:10]}",
        "no token": f"to={to}",
    }[change]
    for method in ("GET", "POST"):
        answer = client.request(method, f"{path}?{wrong}")
        assert (answer.status_code, answer.json()) == (status, {"error": error})


@pytest.mark.parametrize(
    ("author", "error"),
    [
        ({"name": "Ana\r\nBcc: all@example.org", "email": "ana@example.org"},
         "suggestion: author.name contains a line break or control character"),
        ({"name": "Ana\nX", "email": "ana@example.org"},
         "suggestion: author.name contains a line break or control character"),
        ({"name": "Ana\u2028Bcc: x@example.org", "email": "ana@example.org"},
         "suggestion: author.name contains a line break or control character"),
        ({"name": "Ana\x00", "email": "ana@example.org"},
         "suggestion: author.name contains U+0000 (a NUL character), which is not text"),
        ({"name": "Ana\x1b[31m", "email": "ana@example.org"},
         "suggestion: author.name contains a line break or control character"),
        ({"email": "ana@example.org\r\nBcc: all@example.org"},
         "suggestion: author.email contains a line break or control character"),
        ({"email": "ana@example.org\nBcc: all@example.org", "notify": True},
         "suggestion: author.email contains a line break or control character"),
        ({"email": "ana@example.org, all@example.org"}, "suggestion: author.email is not an e-mail address"),
        ({"email": "Ana <ana@example.org>"}, "suggestion: author.email is not an e-mail address"),
        ({"email": '"a\\"b"@example.org'}, "suggestion: author.email is not an e-mail address"),
        ({"email": "ana@[127.0.0.1]"}, "suggestion: author.email is not an e-mail address"),
        ({"email": "ana@localhost"}, "suggestion: author.email is not an e-mail address"),
        ({"notify": True}, "suggestion: author.notify needs author.email: where to write to"),
        ({"email": "ana@example.org", "notify": "yes"}, "suggestion: author.notify must be true or false"),
    ],
)
def test_header_injection_in_name_or_address_is_refused_and_nothing_written(
    client: httpx.Client, published: str, wiki: Path, author: dict[str, Any], error: str
) -> None:
    with WikiStore.open(wiki) as store:
        before = store.refs("refs/")
        contacts = stored_bytes(private_store_path(store))
    answer = client.post("/api/suggestions", json=_suggestion(published, author, 2))
    assert (answer.status_code, answer.json()) == (400, {"error": error})
    with WikiStore.open(wiki) as store:
        assert store.refs("refs/") == before
        assert stored_bytes(private_store_path(store)) == contacts
