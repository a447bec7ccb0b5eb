"""Personal data seen through its disguises, phone numbers read as people write them in
their own country, and the regions a guide's language and the wiki's country give."""

from __future__ import annotations

import pytest

from wikitool.locales.regions import country_problem, phone_regions
from wikitool.screening.normalised import normalise
from wikitool.screening.personal_data import redact, scan

PLACEHOLDERS = {
    "e-mail address": "[e-mail removed]",
    "phone number": "[phone number removed]",
    "IBAN": "[IBAN removed]",
    "payment card number": "[card number removed]",
}
# (text, kind, the disguised value exactly as written)
DISGUISES = [
    ("Write to ana.ruiz@gm\u200bail.com today", "e-mail address", "ana.ruiz@gm\u200bail.com"),
    ("Call 07400\u200d123456 please", "phone number", "07400\u200d123456"),
    ("Call 0 7 4 0 0  1 2 3 4 5 6 please", "phone number", "0 7 4 0 0  1 2 3 4 5 6"),
    ("Call 0.7.4.0.0.1.2.3.4.5.6 please", "phone number", "0.7.4.0.0.1.2.3.4.5.6"),
    ("Call + 4 4 7 4 0 0 1 2 3 4 5 6 please", "phone number", "+ 4 4 7 4 0 0 1 2 3 4 5 6"),
    (
        "Call \uff10\uff17\uff14\uff10\uff10 \uff11\uff12\uff13\uff14\uff15\uff16 now",
        "phone number",
        "\uff10\uff17\uff14\uff10\uff10 \uff11\uff12\uff13\uff14\uff15\uff16",
    ),
    (
        "Call \u0660\u0667\u0664\u0660\u0660 \u0661\u0662\u0663\u0664\u0665\u0666 now",
        "phone number",
        "\u0660\u0667\u0664\u0660\u0660 \u0661\u0662\u0663\u0664\u0665\u0666",
    ),
    (
        "Call \U0001d7ce\U0001d7d5\U0001d7d2\U0001d7ce\U0001d7ce 123456 now",
        "phone number",
        "\U0001d7ce\U0001d7d5\U0001d7d2\U0001d7ce\U0001d7ce 123456",
    ),
    ("Call 07400\u00a0123\u2009456 now", "phone number", "07400\u00a0123\u2009456"),
    ("Mail ana at example dot org now", "e-mail address", "ana at example dot org"),
    ("Mail ana (at) example [dot] org now", "e-mail address", "ana (at) example [dot] org"),
    ("Mail ana[at]example[dot]org now", "e-mail address", "ana[at]example[dot]org"),
    (
        "Escriba a ana arroba ejemplo punto com hoy",
        "e-mail address",
        "ana arroba ejemplo punto com",
    ),
    ("Mail ana @ example . org now", "e-mail address", "ana @ example . org"),
    ("Mail \u0430na@\u0435xample.org now", "e-mail address", "\u0430na@\u0435xample.org"),
    ("Mail ana\uff20example.org now", "e-mail address", "ana\uff20example.org"),
    ("IBAN GB29\u200bNWBK60161331926819 paid", "IBAN", "GB29\u200bNWBK60161331926819"),
    ("Card 4111\u202e1111 1111 1111 used", "payment card number", "4111\u202e1111 1111 1111"),
]


@pytest.mark.parametrize(("text", "kind", "value"), DISGUISES, ids=[d[2] for d in DISGUISES])
def test_a_disguised_value_is_found_where_it_was_written_and_redacted_whole(
    text: str, kind: str, value: str
) -> None:
    findings = scan(text)

    start = text.index(value)
    assert [(f.kind, f.start, f.end) for f in findings] == [(kind, start, start + len(value))]
    assert findings[0].column == start + 1
    end = start + len(value)
    assert redact(text, findings) == text[:start] + PLACEHOLDERS[kind] + text[end:]


@pytest.mark.parametrize(
    "text",
    [
        "Apply at gov.uk or at the town hall at 9.00.",
        "Open Monday to Friday at 08:00, closed at noon dot.",
        "Steps 1 2 3 of the form, then section 4.",
        "Version 1.2.3 of form 4.5 applies.",
        "Look at the \u0431\u043b\u0430\u043d\u043a, a Russian word.",
    ],
)
def test_ordinary_text_is_not_taken_for_a_disguise(text: str) -> None:
    assert scan(text) == []


def test_normalised_text_maps_every_span_back_to_the_original() -> None:
    text = "x \u200b0 7 4 0 0 1 2 3 4 5 6\u200d y ana (at) example [dot] org"
    normalised = normalise(text)

    assert normalised.text == "x 07400123456 y ana@example.org"
    phone = normalised.text.index("07400123456")
    assert normalised.original_span(phone, phone + 11) == (3, 3 + len("0 7 4 0 0 1 2 3 4 5 6"))
    mail = normalised.text.index("ana@")
    assert text[slice(*normalised.original_span(mail, len(normalised.text)))] == (
        "ana (at) example [dot] org"
    )


# (guide lang, text, phone number expected as written or None)
PHONES = [
    ("da", "Ring til mig på 34 41 23 45.", "34 41 23 45"),
    ("da", "Tlf. 34412345", "34412345"),
    ("nb", "Ring meg på 40 61 23 45.", "40 61 23 45"),
    ("nb", "Tlf: 40612345", "40612345"),
    ("en-IE", "Ring me on 085 012 3456.", "085 012 3456"),
    ("en-IE", "Ring me on (022) 12345.", "(022) 12345"),
    ("pt-BR", "Meu celular é (11) 96123-4567.", "(11) 96123-4567"),
    ("pt-BR", "Meu celular é 11961234567.", "11961234567"),
    ("en-US", "Call me at (201) 555-0123.", "(201) 555-0123"),
    ("en-US", "Call me at 2015550123.", "2015550123"),
    ("es", "Mi móvil es 612345678.", "612345678"),
    ("cs", "Moje číslo je 601 123 456.", "601 123 456"),
    ("sv", "Ring mig på 070-123 45 67.", "070-123 45 67"),
    ("fr", "Appelez le 06.12.34.56.78 svp.", "06.12.34.56.78"),
    ("en", "From abroad: +45 34 41 23 45.", "+45 34 41 23 45"),
    ("en-US", "Call (201) \u2013 555-1691 tonight.", "(201) \u2013 555-1691"),
    # a German mobile number in E.164 that Luhn and a Visa prefix would also accept
    ("de", "Rufen Sie +4915123455672 an.", "+4915123455672"),
    # invalid in the guide's region: too short, or a prefix no number has
    ("da", "Tlf. 3441234", None),
    ("en-US", "Call me at (201) 155-0123.", None),
    ("pt-BR", "Meu celular é (11) 16123-4567.", None),
    # near misses a guide holds
    ("da", "Frist 01.02.2026 - 15.03.2026.", None),
    ("nb", "Skjema 3152-2026 (02/26).", None),
    ("en-US", "Case 2027/479050 is closed.", None),
    ("pt-BR", "CEP 01310-100 São Paulo.", None),
    ("da", "Betal med +71<093216974273918+68933807<.", None),
    ("en-US", "The fee is $1,250.00 from 2026-03-01.", None),
    ("nb", "Det bor 5 425 270 i Norge.", None),
    # a company's registration number, by its label or as part of a longer code
    ("da", "Styrelsens CVR-nr. 76405425.", None),
    ("de-CH", "UID CHE-973.194.554 des Amts.", None),
    ("fr-BE", "Numéro d'entreprise 0962907221.", None),
    ("fr", "SIREN 015 019 813 de l'agence.", None),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PHONES, ids=[p[1] for p in PHONES])
def test_phone_numbers_are_read_in_the_guide_region(
    lang: str, text: str, expected: str | None
) -> None:
    found = [text[f.start : f.end] for f in scan(text, (), phone_regions(lang))]

    assert found == ([expected] if expected else [])


def test_a_bare_run_is_a_phone_number_only_in_the_guide_region() -> None:
    text = "Tlf. 34412345"

    assert scan(text) == []
    assert len(scan(text, (), ("DK",))) == 1


@pytest.mark.parametrize(
    ("lang", "country", "regions"),
    [
        ("da", None, ("DK",)),
        ("nb", None, ("NO",)),
        ("no", None, ("NO",)),
        ("en-IE", None, ("IE", "US")),
        ("pt-BR", None, ("BR",)),
        ("pt", None, ("BR",)),
        ("en-US", None, ("US",)),
        ("en", "GB", ("GB", "US")),
        ("de-CH", "ch", ("CH", "DE")),
        ("es-419", "MX", ("MX", "ES")),
        ("ga", "IE", ("IE",)),
        ("not a tag", "DK", ("DK",)),
        (None, None, ()),
    ],
)
def test_regions_come_from_the_language_and_the_wiki_country(
    lang: str | None, country: str | None, regions: tuple[str, ...]
) -> None:
    assert phone_regions(lang, country) == regions


@pytest.mark.parametrize(
    ("value", "ok"),
    [("DK", True), ("ie", True), ("XX", False), ("419", False), ("EU", False), (45, False)],
)
def test_the_wiki_country_is_an_iso_3166_code(value: object, ok: bool) -> None:
    assert (country_problem(value) is None) is ok
