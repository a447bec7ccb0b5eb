"""A question from staff reaches a citizen who asked to hear back, by e-mail through a real
relay on loopback, one message per question; the private link in the author's messages
(``#secret=``) lets them answer, as the confirmation page's does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from isolation import isolated_environment
from smtp_relay import SITE_URL, Relay

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.conversation import SecretRefused, answer_question, review_ask
from wikitool.services.mail_delivery import MailDelivery, deliver
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STAFF = Identity("Test Staff", "staff@agency.invalid")
EMAIL = "ana.asked@example.org"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WikiStore]:
    path = tmp_path_factory.mktemp("question-mail") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=STAFF, when=1_790_000_000)
        with WikiStore.open(path) as opened:
            yield opened


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def _private_secret(message: EmailMessage, suggestion: str) -> str:
    found = re.search(
        rf"{re.escape(SITE_URL)}/track/\?id={suggestion}#secret=([0-9a-f]{{32}})\b", _text(message)
    )
    assert found, _text(message)
    return found.group(1)


def test_each_question_is_mailed_with_the_private_link_that_answers_it(
    store: WikiStore, relay: Relay, delivery: MailDelivery
) -> None:
    raw = store.read(store.main(), GUIDE)
    assert raw is not None
    submitted = suggestion_submit(store, SuggestionInput(
        guide=GUIDE, content=raw.decode().replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1),
        summary="Say what to do first", author=SuggestionAuthor(name="Ana", email=EMAIL, notify=True),
    ))
    sid = submitted.id
    deliver(store, delivery)
    (received,) = relay.to(EMAIL)
    from_mail = _private_secret(received, sid)  # the received message carries it already
    assert from_mail != submitted.secret and from_mail != sid

    review_ask(store, sid, staff=STAFF, text="Which office did you go to? Call Rosa on +44 20 7946 0958.")
    review_ask(store, sid, staff=STAFF, text="And on which day?")
    deliver(store, delivery)
    deliver(store, delivery)  # nothing twice
    questions = [m for m in relay.to(EMAIL) if m["Subject"].startswith("The team has a question")]
    assert len(questions) == 2  # two questions, two messages
    text = _text(questions[0])
    assert questions[0]["Subject"] == f"The team has a question about your suggestion {sid}"
    assert "Their question: Which office did you go to? Call Rosa on " in text
    assert "7946" not in text  # personal data removed, as on the tracking page
    assert "Answer it from this link, which is yours alone: " in text
    assert _private_secret(questions[0], sid) == from_mail

    with pytest.raises(SecretRefused):
        answer_question(store, sid, secret=from_mail[::-1], text="Main Street")
    answered = answer_question(store, sid, secret=from_mail, text="The Main Street office.")
    assert answered.event.text == "The Main Street office."
    with pytest.raises(ReviewError, match="no question waiting"):
        answer_question(store, sid, secret=submitted.secret, text="Again")
