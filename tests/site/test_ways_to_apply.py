"""The ways to apply given as ``channels`` and the ``deadlines``: in the panel, in words
and in the guide's language, and in the structured data; on a real built page too."""

from __future__ import annotations

import json
from typing import Any

import pytest
from html_tree import Element, parse_html
from site_history import BuiltSite

from wikitool.guides.steps import read_steps
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.jsonld import guide_jsonld
from wikitool.mkdocs_plugin.panel import render_panel

ONE_STEP = read_steps("## Steps\n\n1. Register.\n", "en")

APPEAL = "vehicles/appeal-a-parking-fine.md"
SOLE_TRADER = "business/register-as-a-sole-trader.md"
ID_CARD = "identity-and-travel/get-your-first-identity-card.md"  # renamed in its history

ONLINE = {"id": "online", "type": "online", "label": "Online",
          "urls": ["https://services.veloria.invalid/vote/"]}  # fmt: skip
POST = {
    "id": "by-post",
    "type": "post",
    "label": "By post",
    "addresses": ["Electoral Office, PO Box 12, Aldmere 1010", "Town hall, Brackton 2020"],
    "documents": ["Form EV1"],
}
MAIL = {"id": "mail", "type": "email", "label": "Electoral Office mailbox",
        "emails": ["vote@elections.veloria.invalid"], "hours": "Answered within 2 days"}  # fmt: skip
PHONE = {"id": "phone", "type": "phone", "label": "Helpline", "role": "prepare",
         "phones": ["+32 2 555 0142"]}  # fmt: skip
PREPARE = {**ONLINE, "id": "pre", "role": "prepare", "label": "Fill in the form first"}
COLLECT = {"id": "counter", "type": "in_person", "label": "Town hall", "role": "collect",
           "where": "Aldmere town hall, desk 3"}  # fmt: skip
AGENT = {"id": "agent", "type": "representative", "label": "A lawyer",
         "urls": ["https://www.law.veloria.invalid/find"]}  # fmt: skip
BEFORE = {"label": "Register to vote", "offset": {"days": 28, "before": "election day"},
          "counts": "postmarked"}  # fmt: skip
DATED = {"label": "Apply", "date": "2027-03-31", "counts": "received", "channels": ["by-post"]}
AFTER = {"label": "Collect your card", "offset": {"months": 3, "after": "the letter's date"}}
ONE_WEEK = {"label": "Pay", "offset": {"weeks": 1, "before": "the hearing"}, "counts": "received"}
# As the source says it, never bent into days (and never worked out into a date).
HOURS = {"label": "Report it", "offset": {"hours": 72, "after": "you arrive"}}
ONE_HOUR = {"label": "Cancel", "offset": {"hours": 1, "before": "the appointment"}}
A_YEAR = {"label": "Apply", "offset": {"years": 1, "after": "you arrive"}, "counts": "received"}
YEARS = {"label": "Renew", "offset": {"years": 2, "before": "it expires"}}


def _row(html: str | Element, label: str) -> Element | None:
    root = parse_html(html) if isinstance(html, str) else html
    rows = root.find_all("div", "wt-panel__fact")
    return next((row for row in rows if row.find("dt").text == label), None)


def _items(html: str, label: str) -> list[str]:
    row = _row(html, label)
    assert row is not None, label
    top = row.find("ul").children  # each channel's own details are a list inside its item
    return [li.text for li in top if isinstance(li, Element) and li.tag == "li"]


def _panel(lang: str, **fields: Any) -> str:
    return render_panel(GuideFacts.from_data({"title": "Vote", "lang": lang, **fields}, "Vote"))


# (language, the channels, what "How to apply" lists)
CHANNEL_CASES = [
    ("en", [ONLINE, POST],
     ["Online services.veloria.invalid/vote",
      "By post Electoral Office, PO Box 12, Aldmere 1010 Town hall, Brackton 2020 "
      "Documents for this way: Form EV1"]),
    ("en", [MAIL, PHONE, PREPARE, COLLECT, AGENT],
     ["By e-mail: Electoral Office mailbox vote@elections.veloria.invalid "
      "Opening hours: Answered within 2 days",
      "Optional: prepare first By phone: Helpline +32 2 555 0142",
      "Optional: prepare online Online: Fill in the form first services.veloria.invalid/vote",
      "Collect your result In person: Town hall Aldmere town hall, desk 3",
      "Through a representative: A lawyer www.law.veloria.invalid/find"]),
    ("fr", [POST, PHONE, COLLECT],
     ["Par courrier : By post Electoral Office, PO Box 12, Aldmere 1010 Town hall, Brackton 2020 "
      "Documents pour ce moyen : Form EV1",
      "Facultatif : préparer à l’avance Par téléphone : Helpline +32 2 555 0142",
      "Retirer le résultat Sur place : Town hall Aldmere town hall, desk 3"]),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "channels", "shown"), CHANNEL_CASES)
def test_how_to_apply_lists_each_channel_with_every_way_to_reach_it(
    lang: str, channels: list[dict[str, Any]], shown: list[str]
) -> None:
    label = {"en": "How to apply", "fr": "Comment faire la demande"}[lang]

    assert _items(_panel(lang, channels=channels), label) == shown


# (language, the deadlines, what "Deadlines" lists)
DEADLINE_CASES = [
    ("en", [BEFORE], ["Register to vote: 28 days before election day, postmarked"]),
    ("en", [DATED], ["Apply: By 31 March 2027 (received) Only for: By post"]),
    ("en", [AFTER, ONE_WEEK],
     ["Collect your card: 3 months after the letter's date",
      "Pay: 1 week before the hearing, received"]),
    ("fr", [BEFORE], ["Register to vote : 28 jours avant election day, cachet de la poste"]),
    ("fr", [DATED], ["Apply : Au plus tard le 31 mars 2027 (date de réception) "
                     "Seulement pour : By post"]),
    ("fr", [AFTER, ONE_WEEK],
     ["Collect your card : 3 mois après the letter's date",
      "Pay : 1 semaine avant the hearing, date de réception"]),
    ("en", [HOURS, ONE_HOUR, A_YEAR, YEARS],
     ["Report it: 72 hours after you arrive", "Cancel: 1 hour before the appointment",
      "Apply: 1 year after you arrive, received", "Renew: 2 years before it expires"]),
    ("fr", [HOURS, ONE_HOUR, A_YEAR, YEARS],
     ["Report it : 72 heures après you arrive", "Cancel : 1 heure avant the appointment",
      "Apply : 1 an après you arrive, date de réception", "Renew : 2 ans avant it expires"]),
    ("es", [HOURS, ONE_HOUR, YEARS],
     ["Report it: 72 horas después de you arrive", "Cancel: 1 hora antes de the appointment",
      "Renew: 2 años antes de it expires"]),
    ("de", [HOURS, ONE_HOUR, YEARS],
     ["Report it: 72 Stunden nach you arrive", "Cancel: 1 Stunde vor the appointment",
      "Renew: 2 Jahre vor it expires"]),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "deadlines", "shown"), DEADLINE_CASES)
def test_deadlines_read_in_words_in_the_guides_language(
    lang: str, deadlines: list[dict[str, Any]], shown: list[str]
) -> None:
    label = {"en": "Deadlines", "fr": "Délais", "es": "Plazos", "de": "Fristen"}[lang]

    assert _items(_panel(lang, channels=[ONLINE, POST], deadlines=deadlines), label) == shown


def test_a_dated_deadline_is_a_time_element() -> None:
    row = _row(_panel("en", channels=[POST], deadlines=[DATED]), "Deadlines")

    assert row is not None
    assert row.find("time").attrs["datetime"] == "2027-03-31"


def test_e_mail_and_phone_are_links_that_open_the_mail_and_phone_apps() -> None:
    row = _row(_panel("en", channels=[MAIL, PHONE]), "How to apply")

    assert row is not None
    assert [a.attrs["href"] for a in row.find_all("a")] == [
        "mailto:vote@elections.veloria.invalid",
        "tel:+3225550142",
    ]


def test_without_deadlines_there_is_no_deadlines_row() -> None:
    assert _row(_panel("en", channels=[ONLINE]), "Deadlines") is None


def test_hostile_values_are_text() -> None:
    hostile = {**POST, "label": "<img src=x onerror=alert(1)>", "addresses": ["<b>bold</b>"]}
    deadline = {"label": "<i>x</i>", "offset": {"days": 1, "after": "<script>"}}

    html = _panel("en", channels=[hostile], deadlines=[deadline])

    assert "<img" not in html and "<b>" not in html and "<script>" not in html
    assert "&lt;script&gt;" in html


def test_channels_are_service_channels_with_only_what_is_stated() -> None:
    guide = GuideFacts.from_data(
        {"title": "Vote", "lang": "en", "channels": [ONLINE, POST, MAIL, PHONE, COLLECT]}, "Vote"
    )

    service = guide_jsonld(guide, ONE_STEP, [], None)[0]

    assert service["availableChannel"] == [
        {"@type": "ServiceChannel", "name": "Online",
         "serviceUrl": "https://services.veloria.invalid/vote/"},
        {"@type": "ServiceChannel", "name": "By post", "servicePostalAddress": [
            {"@type": "PostalAddress", "streetAddress": "Electoral Office, PO Box 12, Aldmere 1010"},
            {"@type": "PostalAddress", "streetAddress": "Town hall, Brackton 2020"}]},
        {"@type": "ServiceChannel", "name": "Electoral Office mailbox",
         "servicePhone": {"@type": "ContactPoint", "email": "vote@elections.veloria.invalid"}},
        {"@type": "ServiceChannel", "name": "Helpline",
         "servicePhone": {"@type": "ContactPoint", "telephone": "+32 2 555 0142"}},
        {"@type": "ServiceChannel", "name": "Town hall",
         "serviceLocation": {"@type": "Place", "name": "Aldmere town hall, desk 3"}},
    ]  # fmt: skip


def _built(published: BuiltSite, src: str) -> tuple[Element, list[dict[str, Any]]]:
    html = parse_html(published.page(src))
    blocks = [
        json.loads(s.raw_text)
        for s in html.find_all("script")
        if s.attrs.get("type") == "application/ld+json"
    ]
    return html.find("article"), blocks


def test_the_built_appeal_guide_shows_its_channels_and_deadline(published: BuiltSite) -> None:
    article, blocks = _built(published, APPEAL)

    how = _row(article, "How to apply")
    deadlines = _row(article, "Deadlines")
    assert how is not None and deadlines is not None
    assert "mailto:parking-appeals@vehicles.veloria.invalid" in [
        a.attrs["href"] for a in how.find_all("a")
    ]
    assert "Optional: prepare first By phone: Ask about your fine before you appeal" in how.text
    assert deadlines.text == (
        "Deadlines Appeal: 28 days after the date on the fine notice, received"
    )
    service = next(b for b in blocks if b["@type"] == "GovernmentService")
    assert [c["name"] for c in service["availableChannel"]] == [
        "Online",
        "By e-mail",
        "By post",
        "Ask about your fine before you appeal",
    ]


@pytest.mark.parametrize(
    ("src", "deadlines"),
    [
        (SOLE_TRADER,
         "Deadlines Register: 30 days after the day you start trading, received "
         "Declare your trading income for 2026: By 15 March 2027 (received) "
         "Only for: Online, By e-mail, with the paper form"),
        (ID_CARD,
         "Deadlines Collect your card: 3 months after the text message saying your card is "
         "ready Only for: At the office where you had your appointment After that the card "
         "is destroyed and you must apply again."),
    ],
)  # fmt: skip
def test_the_built_reference_guides_show_their_deadlines(
    published: BuiltSite, src: str, deadlines: str
) -> None:
    article, _ = _built(published, src)

    row = _row(article, "Deadlines")
    assert row is not None and row.text == deadlines
