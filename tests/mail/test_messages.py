"""The messages themselves: in the guide's language, nothing a citizen wrote in a header,
and a name that tries to add a header is only ever a name."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy

import pytest
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL

from wikitool.mail.addresses import recipient
from wikitool.mail.messages import MailSettings, compose
from wikitool.mail.outbox import MessageKind, Queued, supporter_of

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


@pytest.mark.parametrize(
    ("lang", "asked"),
    [
        ("en", "Is the guide right now? If something is still wrong, tell us from this link, which is yours alone: "),
        ("fr", "Le guide est-il juste maintenant ? Si quelque chose ne va toujours pas, dites-le-nous depuis ce lien, qui n’est destiné qu’à vous : "),
        ("es", "¿La guía es correcta ahora? Si algo sigue estando mal, díganoslo desde este enlace, que es solo para usted: "),
        ("de", "Stimmt der Leitfaden jetzt? Wenn noch etwas falsch ist, sagen Sie es uns über diesen Link, der nur für Sie bestimmt ist: "),
    ],
)
def test_the_published_mail_asks_its_author_whether_the_guide_is_right_now(lang: str, asked: str) -> None:
    queued = _queued(MessageKind.PUBLISHED, lang, guide="Passport", summary="Step 1")
    private = f"{SITE_URL}/track/?id={ID}#secret={'a' * 22}"
    to = recipient("Zoé", "zoe@example.org")

    body = compose(queued, to, SETTINGS, "t" * 32, answer_token="a" * 22).get_content()

    # Answered on the tracking page: the link opens it, and opening it changes nothing.
    assert f"{asked}{private}\n" in body
    supporter = replace(queued, recipient=supporter_of(ID, "r1"))
    assert "Is the guide right now?" not in compose(supporter, to, SETTINGS, "t" * 32).get_content()


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
