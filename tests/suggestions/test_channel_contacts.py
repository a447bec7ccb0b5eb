"""The e-mail addresses and phone numbers a guide publishes in its ``channels`` are
official contacts: a citizen may quote them in a suggestion, while any other address
is still refused as personal data."""

from __future__ import annotations

import pytest

from wikitool.errors import SuggestionError
from wikitool.gitstore import WikiStore
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.published_contacts import published_contacts_at
from wikitool.suggestions.submission import suggestion_submit

APPEAL = "content/vehicles/appeal-a-parking-fine.md"
APPEALS_MAILBOX = "parking-appeals@vehicles.veloria.invalid"  # channels[by-email].emails
APPEALS_LINE = "0800 555 0137"  # channels[helpline].phones


def _suggest(store: WikiStore, sentence: str) -> str:
    raw = store.read(store.main(), APPEAL)
    assert raw is not None
    content = raw.decode("utf-8").replace("## Steps\n", f"{sentence}\n\n## Steps\n", 1)
    result = suggestion_submit(
        store, SuggestionInput(guide=APPEAL, content=content, summary="Say how to ask first")
    )
    return result.id


def test_the_channels_contacts_are_published(store: WikiStore) -> None:
    contacts = published_contacts_at(store, store.main())

    assert APPEALS_MAILBOX in contacts
    assert "08005550137" in contacts


@pytest.mark.parametrize(
    "sentence",
    [
        f"Questions? Write to {APPEALS_MAILBOX}.",
        f"Call {APPEALS_LINE} before you appeal.",
        f"Call {APPEALS_LINE.replace(' ', '')} or write to {APPEALS_MAILBOX.upper()}.",
    ],
)
def test_a_citizen_may_quote_a_channels_e_mail_or_phone(store: WikiStore, sentence: str) -> None:
    assert _suggest(store, sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Write to jane.doe@vehicles.veloria.invalid instead.", "Call me on 0800 555 0999."],
)
def test_a_contact_no_guide_publishes_is_still_refused(store: WikiStore, sentence: str) -> None:
    with pytest.raises(SuggestionError, match="personal data"):
        _suggest(store, sentence)
