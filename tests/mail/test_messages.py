"""The messages themselves: in the guide's language, nothing a citizen wrote in a header,
and a name that tries to add a header is only ever a name."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL

from wikitool.mail.addresses import recipient
from wikitool.mail.messages import MailSettings, compose
from wikitool.mail.outbox import MessageKind, Queued

SETTINGS = MailSettings(MAIL_FROM, SITE_URL, INTAKE_URL)
ID = "01m8abcdefghjkmnpqrstvwxyz"


def _queued(kind: MessageKind, lang: str, **params: str) -> Queued:
    return Queued(
        row=1, message_id="c0ffee", kind=kind, recipient=f"suggestion:{ID}",
        suggestion_id=ID, lang=lang, params=params, attempts=0, created=0,
    )


@pytest.mark.parametrize(
    ("lang", "subject", "reason"),
    [
        ("en", f"Your suggestion {ID} was not accepted", "The reason: We decided not to make this change."),
        ("fr", f"Votre suggestion {ID} n’a pas été acceptée", "La raison : Nous avons décidé de ne pas faire cette modification."),
        ("es-419", f"Su sugerencia {ID} no fue aceptada", "El motivo: Decidimos no hacer este cambio."),
        ("de", f"Ihr Vorschlag {ID} wurde nicht angenommen", "Der Grund: Wir haben entschieden, diese Änderung nicht vorzunehmen."),
    ],
)
def test_a_rejection_in_the_guides_language(lang: str, subject: str, reason: str) -> None:
    queued = _queued(
        MessageKind.REJECTED, lang, guide="Passeport", summary="Étape 1",
        reason="We decided not to make this change.",
    )
    sent = compose(queued, recipient("Zoé", "zoe@example.org"), SETTINGS, "t" * 32).as_bytes()
    assert sent.isascii()  # headers encoded, body in quoted-printable
    body = sent.split(b"\n\n", 1)[1]
    assert max(len(line) for line in body.split(b"\n")) <= 76  # RFC 2045
    parsed = message_from_bytes(sent, policy=policy.default)
    assert parsed["Subject"] == subject
    assert parsed["Content-Language"] == lang
    assert reason in parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_citizens_words_never_reach_a_header() -> None:
    hostile = "Fee\r\nBcc: everyone@example.org\r\n\r\nspam"
    queued = _queued(MessageKind.RECEIVED, "en", guide=hostile, summary=hostile)
    message = compose(
        queued, recipient('Ana "x" <y@z>, b@c', "ana@example.org"), SETTINGS, "t" * 32
    )
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["ana@example.org"]
    assert parsed["To"].addresses[0].display_name == 'Ana "x" <y@z>, b@c'
    assert "everyone@example.org" in parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_recipient_with_a_line_break_cannot_even_be_built() -> None:
    with pytest.raises(ValueError, match="line break"):
        recipient("Ana\nBcc: x@example.org", "ana@example.org")


def test_the_unsubscribe_link_is_written_as_it_is_not_encoded() -> None:
    # A mail program reads List-Unsubscribe as <URL>; encoded words would hide the link.
    queued = _queued(MessageKind.RECEIVED, "fr", guide="Passeport", summary="Étape 1")
    raw = compose(queued, recipient("Zoé", "zoe@example.org"), SETTINGS, "a" * 32).as_bytes()
    link = f"<{INTAKE_URL}/api/unsubscribe?to=suggestion%3A{ID}&token={'a' * 32}>"
    assert f"\nList-Unsubscribe: {link}\n".encode() in raw
    assert b"\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n" in raw
    assert b"=?utf-8?" not in raw.split(b"\nList-Unsubscribe:")[1].split(b"\n")[0]
