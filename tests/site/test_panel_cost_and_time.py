"""The panel says what a procedure costs and how long it takes only as the guide states
it, in the guide's language: "free" and "not stated" in words, alternatives and add-ons,
times in words with their unit, kind and start; nothing at all when the guide says
nothing (never "Free", "Same day" or "Up to")."""

from __future__ import annotations

from typing import Any

import pytest
from html_tree import parse_html

from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.jsonld import guide_jsonld
from wikitool.mkdocs_plugin.panel import render_panel

NBSP = "\u00a0"
ONLINE = {"id": "online", "label": "Online", "amount": 86, "currency": "EUR"}
PAPER = {"label": "Paper form", "amount": 95, "currency": "EUR"}
COURIER = {"label": "Courier return", "amount": 12, "currency": "EUR", "adds_to": "online"}
TOTAL = {"label": "Online with courier", "amount": 98, "currency": "EUR", "total": True}


def _fact(data: dict[str, Any], label: str, lang: str = "en") -> str | None:
    """The text of the panel's row named ``label``, or None when there is no such row."""
    guide = GuideFacts.from_data({"title": "T", "eligibility": ["Anyone."], "lang": lang, **data}, "T")
    for row in parse_html(render_panel(guide)).find_all("div", "wt-panel__fact"):
        if row.text.startswith(label + " "):
            return row.text.removeprefix(label + " ").replace(NBSP, " ").replace("\u202f", " ")
    return None


def _time(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"time": list(entries)}


TIMES = [
    # (the time entries, English, French)
    (_time({"kind": "maximum", "value": 21, "unit": "days"}), "Up to 21 days", "Jusqu’à 21 jours"),
    (_time({"kind": "maximum", "value": 1, "unit": "weeks"}), "Up to 1 week", "Jusqu’à 1 semaine"),
    (_time({"kind": "typical", "value": 14, "unit": "months"}),
     "About 14 months on average", "Environ 14 mois en moyenne"),
    (_time({"kind": "typical", "value": 1, "unit": "months"}),
     "About 1 month on average", "Environ 1 mois en moyenne"),
    (_time({"kind": "target", "value": 10, "unit": "working_days"}),
     "Usually within 10 working days", "En général sous 10 jours ouvrés"),
    (_time({"kind": "target", "value": 1, "unit": "working_days"}),
     "Usually within 1 working day", "En général sous 1 jour ouvré"),
    (_time({"kind": "maximum", "min": 10, "max": 21, "unit": "working_days"}),
     "10 to 21 working days", "10 à 21 jours ouvrés"),
    (_time({"kind": "typical", "min": 2, "max": 3, "unit": "weeks"}),
     "About 2 to 3 weeks on average", "Environ 2 à 3 semaines en moyenne"),
    (_time({"kind": "typical", "min": 10, "max": 21, "unit": "days"}),
     "About 10 to 21 days on average", "Environ 10 à 21 jours en moyenne"),
    # A maximum of 0 days: the same day (model 1's same-day time, migrated).
    (_time({"kind": "maximum", "value": 0, "unit": "days"}), "Same day", "Le jour même"),
    (_time({"kind": "maximum", "value": 1200, "unit": "days"}),
     "Up to 1,200 days", "Jusqu’à 1 200 jours"),
    (_time({"kind": "typical", "value": 14, "unit": "months", "from": "when your documents arrive"}),
     "About 14 months on average, from when your documents arrive",
     "Environ 14 mois en moyenne, à compter de when your documents arrive"),
    (_time({"kind": "maximum", "value": 21, "unit": "days", "note": "Longer in June."}),
     "Up to 21 days Longer in June.", "Jusqu’à 21 jours Longer in June."),
    (_time({"kind": "target", "value": 5, "unit": "working_days"},
           {"kind": "maximum", "value": 3, "unit": "months"}),
     "Usually within 5 working days Up to 3 months",
     "En général sous 5 jours ouvrés Jusqu’à 3 mois"),
    # Hours and years as the source says them, never bent into days.
    (_time({"kind": "maximum", "value": 48, "unit": "hours"}), "Up to 48 hours", "Jusqu’à 48 heures"),
    (_time({"kind": "target", "value": 1, "unit": "hours"}),
     "Usually within 1 hour", "En général sous 1 heure"),
    (_time({"kind": "maximum", "min": 24, "max": 72, "unit": "hours"}),
     "24 to 72 hours", "24 à 72 heures"),
    (_time({"kind": "typical", "value": 1, "unit": "years"}),
     "About 1 year on average", "Environ 1 an en moyenne"),
    (_time({"kind": "maximum", "value": 2, "unit": "years"}), "Up to 2 years", "Jusqu’à 2 ans"),
    (_time({"kind": "typical", "min": 1, "max": 2, "unit": "years"}),
     "About 1 to 2 years on average", "Environ 1 à 2 ans en moyenne"),
    ({"time": "not stated"}, "Not stated by the agency", "Non précisé par l'organisme"),
    # The older form reads as it always has.
    ({"processing_time": {"min_days": 10, "max_days": 21}}, "10 to 21 days", "10 à 21 jours"),
    # Nothing stated, or nothing the page can read: no row at all.
    ({}, None, None),
    ({"time": []}, None, None),
    (_time({"kind": "maximum", "unit": "days"}), None, None),
    (_time({"kind": "maximum", "value": 3, "unit": "fortnights"}), None, None),
    (_time({"kind": "maximum", "min": 9, "max": 3, "unit": "days"}), None, None),
]  # fmt: skip


@pytest.mark.parametrize(("data", "english", "french"), TIMES, ids=range(len(TIMES)))
def test_how_long_it_takes_in_words(
    data: dict[str, Any], english: str | None, french: str | None
) -> None:
    assert _fact(data, "How long it takes") == english
    assert _fact(data, "Délai", lang="fr") == french


# (the time entry, Spanish, German): hours and years with each language's plural
HOURS_AND_YEARS = [
    ({"kind": "maximum", "value": 48, "unit": "hours"}, "Hasta 48 horas", "Bis zu 48 Stunden"),
    ({"kind": "maximum", "value": 1, "unit": "hours"}, "Hasta 1 hora", "Bis zu 1 Stunde"),
    ({"kind": "typical", "value": 1, "unit": "years"},
     "Aproximadamente 1 año de media", "Durchschnittlich etwa 1 Jahr"),
    ({"kind": "target", "value": 2, "unit": "years"},
     "Normalmente en un plazo de 2 años", "In der Regel nicht länger als 2 Jahre"),
    ({"kind": "maximum", "min": 24, "max": 72, "unit": "hours"}, "24 a 72 horas", "24 bis 72 Stunden"),
]  # fmt: skip


@pytest.mark.parametrize(("entry", "spanish", "german"), HOURS_AND_YEARS)
def test_hours_and_years_in_spanish_and_german(
    entry: dict[str, Any], spanish: str, german: str
) -> None:
    assert _fact(_time(entry), "Cuánto tarda", lang="es") == spanish
    assert _fact(_time(entry), "Bearbeitungsdauer", lang="de") == german


FEES = [
    # (fees, English, French)
    ("free", "Free", "Gratuit"),
    ([], "Free", "Gratuit"),  # version 1's way of saying free, kept
    ("not stated", "Not stated by the agency", "Non précisé par l'organisme"),
    ([ONLINE], "€86.00 (Online)", "86,00 € (Online)"),
    ([{"choose_one": [ONLINE, PAPER]}],
     "One of: Online: €86.00 Paper form: €95.00",
     "Au choix : Online: 86,00 € Paper form: 95,00 €"),
    ([{"choose_one": [ONLINE, PAPER], "note": "Pay when you apply."}],
     "One of: Pay when you apply. Online: €86.00 Paper form: €95.00",
     "Au choix : Pay when you apply. Online: 86,00 € Paper form: 95,00 €"),
    ([ONLINE, COURIER], "Online: €86.00 Courier return: + €12.00",
     "Online: 86,00 € Courier return: + 12,00 €"),
    ([{"choose_one": [ONLINE, PAPER]}, COURIER],
     "One of: Online: €86.00 Courier return: + €12.00 Paper form: €95.00",
     "Au choix : Online: 86,00 € Courier return: + 12,00 € Paper form: 95,00 €"),
    # An add-on in a group is shown once, under the fee it adds to.
    ([{"choose_one": [ONLINE, PAPER, COURIER]}],
     "One of: Online: €86.00 Courier return: + €12.00 Paper form: €95.00",
     "Au choix : Online: 86,00 € Courier return: + 12,00 € Paper form: 95,00 €"),
    # An add-on naming no fee (check refuses it) is still shown, as a fee of its own.
    ([PAPER, COURIER], "Paper form: €95.00 Courier return: €12.00",
     "Paper form: 95,00 € Courier return: 12,00 €"),
    # A total the guide states is the sum, set apart after the fees it adds up.
    ([ONLINE, COURIER, TOTAL],
     "Online: €86.00 Courier return: + €12.00 Total: €98.00 (Online with courier)",
     "Online: 86,00 € Courier return: + 12,00 € Total : 98,00 € (Online with courier)"),
    ([ONLINE, {**PAPER, "amount": 12}, TOTAL],
     "Online: €86.00 Paper form: €12.00 Total: €98.00 (Online with courier)",
     "Online: 86,00 € Paper form: 12,00 € Total : 98,00 € (Online with courier)"),
    ([TOTAL], "Total: €98.00 (Online with courier)", "Total : 98,00 € (Online with courier)"),
    # Nothing stated, or nothing the page can read: no row at all.
    (None, None, None),
    ("gratis", None, None),
    ([{"choose_one": [{"label": "X", "amount": 5, "currency": "XYZ"}]}], None, None),
]  # fmt: skip


@pytest.mark.parametrize(("fees", "english", "french"), FEES, ids=range(len(FEES)))
def test_what_it_costs_as_stated(fees: object, english: str | None, french: str | None) -> None:
    data = {} if fees is None else {"fees": fees}
    assert _fact(data, "What it costs") == english
    assert _fact(data, "Coût", lang="fr") == french


@pytest.mark.parametrize("lang", ["en", "fr", "es", "de"])
def test_a_guide_that_states_nothing_shows_no_cost_or_time(lang: str) -> None:
    guide = GuideFacts.from_data({"title": "T", "eligibility": ["Anyone."], "lang": lang}, "T")
    panel = parse_html(render_panel(guide)).text

    assert [row for row in ("Free", "Same day", "Up to", "Gratuit", "Jusqu") if row in panel] == []
    assert len(parse_html(render_panel(guide)).find_all("div", "wt-panel__fact")) == 1


OFFERS = [
    # (fees, the GovernmentService's offers; None: no offers at all)
    ("free", [{"@type": "Offer", "name": "Free", "price": "0"}]),
    ([], [{"@type": "Offer", "name": "Free", "price": "0"}]),
    ("not stated", None),
    (None, None),
    ([{"choose_one": [ONLINE, PAPER]}, COURIER], [
        {"@type": "Offer", "name": "Online", "price": "86.00", "priceCurrency": "EUR",
         "addOn": [{"@type": "Offer", "name": "Courier return", "price": "12.00",
                    "priceCurrency": "EUR"}]},
        {"@type": "Offer", "name": "Paper form", "price": "95.00", "priceCurrency": "EUR"},
    ]),
]  # fmt: skip


OFFERS.append(
    # A stated total is the sum of the offers, not one more.
    ([ONLINE, COURIER, TOTAL], [
        {"@type": "Offer", "name": "Online", "price": "86.00", "priceCurrency": "EUR",
         "addOn": [{"@type": "Offer", "name": "Courier return", "price": "12.00",
                    "priceCurrency": "EUR"}]},
    ])
)  # fmt: skip


@pytest.mark.parametrize(("fees", "offers"), OFFERS, ids=range(len(OFFERS)))
def test_structured_data_offers_only_what_is_stated(fees: object, offers: object) -> None:
    data = {"title": "T", "summary": "S", **({} if fees is None else {"fees": fees})}
    service = guide_jsonld(GuideFacts.from_data(data, "T"), None, [], None)[0]

    assert service.get("offers") == offers
