"""The personal-data scanner: what it finds, what it leaves alone, how it reports and redacts.

All values are published sample or test values (libphonenumber example numbers, fictional
ranges, IBAN registry examples, card network test numbers, python-stdnum's examples).
"""

from __future__ import annotations

import time

import pytest

from wikitool.screening.personal_data import Finding, published_contacts, redact, scan
from wikitool.screening.phones import PHONE_CHECK_BUDGET

HELPLINE_GUIDE = (
    "Call the Passport Office helpline on 0800 555 0142 or write to Passports@Agency.example.\n"
    "Pay the fee to GB29 NWBK 6016 1331 9268 19."
)


@pytest.fixture(scope="module")
def published() -> set[str]:
    """The allowlist built from a published guide, as the suggestion service builds it."""
    return published_contacts([HELPLINE_GUIDE])


def found(text: str, allowlist: set[str] | None = None) -> list[tuple[str, str]]:
    """(kind, value) of every finding, in order."""
    return [(f.kind, text[f.start : f.end]) for f in scan(text, allowlist or set())]


FOUND = [
    # e-mail addresses
    ("write to ana.lopez@example.org today", "e-mail address", "ana.lopez@example.org"),
    ("j.smith+passport@example.co.uk.", "e-mail address", "j.smith+passport@example.co.uk"),
    ("<MARIE.DUPONT@EXAMPLE.NET>", "e-mail address", "MARIE.DUPONT@EXAMPLE.NET"),
    ("mailto:o'brien@example.ie", "e-mail address", "o'brien@example.ie"),
    ("Contact us...ana@example.org", "e-mail address", "ana@example.org"),
    ("josé.garcía@correo.example.es", "e-mail address", "josé.garcía@correo.example.es"),
    # phone numbers: national formats of the default regions
    ("ring 07400 123456 tonight", "phone number", "07400 123456"),
    ("landline 020 7946 0958", "phone number", "020 7946 0958"),
    ("tel (0)20 7946 0958", "phone number", "(0)20 7946 0958"),
    ("Irish mobile 085 012 3456", "phone number", "085 012 3456"),
    ("appelez le 01 23 45 67 89", "phone number", "01 23 45 67 89"),
    ("portable 06.12.34.56.78", "phone number", "06.12.34.56.78"),
    ("GSM 0450 00 12 34", "phone number", "0450 00 12 34"),
    ("bel 06 12345678", "phone number", "06 12345678"),
    ("Tel. 030 123456", "phone number", "030 123456"),
    ("cellulare 312 345 6789", "phone number", "312 345 6789"),
    ("ufficio 02 1234 5678", "phone number", "02 1234 5678"),
    ("móvil 612 34 56 78", "phone number", "612 34 56 78"),
    ("call (201) 555-0123", "phone number", "(201) 555-0123"),
    ("call 201-555-0123", "phone number", "201-555-0123"),
    # phone numbers: international formats, any country
    ("from abroad +44 121 234 5678", "phone number", "+44 121 234 5678"),
    ("+33 6 12 34 56 78", "phone number", "+33 6 12 34 56 78"),
    ("Handy +49 1512 3456789", "phone number", "+49 1512 3456789"),
    ("Lisboa +351 912 345 678", "phone number", "+351 912 345 678"),
    ("Warszawa +48 512 345 678", "phone number", "+48 512 345 678"),
    ("Wien +43 664 123456", "phone number", "+43 664 123456"),
    ("Stockholm +46 70 123 45 67", "phone number", "+46 70 123 45 67"),
    ("dialled 0044 20 7946 0958", "phone number", "0044 20 7946 0958"),
    ("US +1 (201) 555-0123", "phone number", "+1 (201) 555-0123"),
    # IBANs, with and without spaces, upper and lower case
    ("IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN", "GB82 WEST 1234 5698 7654 32"),
    ("IBAN: DE89370400440532013000", "IBAN", "DE89370400440532013000"),
    ("FR14 2004 1010 0505 0001 3M02 606.", "IBAN", "FR14 2004 1010 0505 0001 3M02 606"),
    ("cuenta ES91 2100 0418 4502 0005 1332", "IBAN", "ES91 2100 0418 4502 0005 1332"),
    ("NL91ABNA0417164300", "IBAN", "NL91ABNA0417164300"),
    ("compte BE68 5390 0754 7034.", "IBAN", "BE68 5390 0754 7034"),
    ("IT60 X054 2811 1010 0000 0123 456", "IBAN", "IT60 X054 2811 1010 0000 0123 456"),
    ("iban gb82west12345698765432", "IBAN", "gb82west12345698765432"),
    # payment card numbers: Visa, Mastercard (both ranges), Amex, Discover, JCB, Diners
    ("paid with 4111 1111 1111 1111 twice", "payment card number", "4111 1111 1111 1111"),
    ("Visa 4012888888881881", "payment card number", "4012888888881881"),
    ("Visa 4222222222222", "payment card number", "4222222222222"),
    ("MC 5555-5555-5555-4444", "payment card number", "5555-5555-5555-4444"),
    ("MC 2223 0031 2200 3222", "payment card number", "2223 0031 2200 3222"),
    ("Amex 3782 822463 10005", "payment card number", "3782 822463 10005"),
    ("Amex 371449635398431", "payment card number", "371449635398431"),
    ("Discover 6011 1111 1111 1117", "payment card number", "6011 1111 1111 1117"),
    ("JCB 3530 1113 3330 0000", "payment card number", "3530 1113 3330 0000"),
    ("Diners 3056 9309 0259 04", "payment card number", "3056 9309 0259 04"),
    # national ID numbers, checksummed
    ("DNI 12345678Z", "national ID number (Spain)", "12345678Z"),
    ("DNI 54362315-K", "national ID number (Spain)", "54362315-K"),
    ("NIE X-2482300W", "national ID number (Spain)", "X-2482300W"),
    ("NIR 2 95 10 99 126 111 93", "national ID number (France)", "2 95 10 99 126 111 93"),
    ("NIR 253072B07300470", "national ID number (France)", "253072B07300470"),
    ("CF RSSMRA85T10A562S", "national ID number (Italy)", "RSSMRA85T10A562S"),
    ("CF RCCMNL83S18D969H", "national ID number (Italy)", "RCCMNL83S18D969H"),
    ("NN 85.07.30-033.28", "national ID number (Belgium)", "85.07.30-033.28"),
    ("NN 85073003328", "national ID number (Belgium)", "85073003328"),
    ("personnummer 880320-0016", "national ID number (Sweden)", "880320-0016"),
    ("HETU 131052-308T", "national ID number (Finland)", "131052-308T"),
    ("SSN 536-90-4399", "national ID number (United States)", "536-90-4399"),
    ("PPS 6433435F", "national ID number (Ireland)", "6433435F"),
    ("PPS 6433435FT", "national ID number (Ireland)", "6433435FT"),
    ("my BSN is 111222333", "national ID number (Netherlands)", "111222333"),
    ("BSN: 1112.22.333", "national ID number (Netherlands)", "1112.22.333"),
    ("NHS number 943 476 5919", "national ID number (United Kingdom)", "943 476 5919"),
    ("PESEL 44051401359", "national ID number (Poland)", "44051401359"),
    ("Steuer-ID 36 574 261 809", "national ID number (Germany)", "36 574 261 809"),
]


@pytest.mark.parametrize(("text", "kind", "value"), FOUND)
def test_finds_personal_data(text: str, kind: str, value: str) -> None:
    assert found(text) == [(kind, value)]


NOT_FOUND = [
    "Appointments can be booked from 2026-11-22.",
    "Send the form before 22/11/2026 at the latest.",
    "Closed 01.02.2026 - 15.03.2026 for works.",
    "Submitted 2026-11-22 09:30:15 online.",
    "The fee is 85.00 EUR.",
    "The fee is EUR 85.00, or €1,250 for the urgent service.",
    "Amount due: 1.250,00 €",
    "The grant is capped at 12 345 678 EUR.",
    "Processing takes 15 working days.",
    "Fill in Form HB-12.",
    "Quote your case number REF-2026-004512.",
    "Receipt 2026004512 was issued.",
    "Your file is 2026/004512/HB.",
    "Order 912345678 was confirmed.",
    "Claim number 12345678 was closed.",
    "Reference 12345678-A is not a DNI: its check letter is wrong.",
    "Send it to 1 Civic Way, St Albans AL1 2BC.",
    "Our office: 12 rue Oberkampf, 75011 Paris.",
    "The rules changed in 2026.",
    "My receipt shows 4111 1111 1111 1112.",
    "A longer run 4111 1111 1111 1111 2222 is not a card.",
    "9111 1111 1111 1115 passes Luhn but no card issuer uses 9.",
    "Pay with the slip +71<369299403337135+39204259<.",
    "The barcode 5012345678900 is on the back.",
    "ISBN 978-3-16-148410-0",
    "Page 12 of 48, section 4.2.1.",
    "Version 10.2.0.4512 of the form.",
    "Open 08:30-12:30 / 13:30-17:00.",
    "Call 112 in an emergency, or 999.",
    "The office is at 51.5014, -0.1419.",
    "The county has 1,234,567 residents.",
    "The logo file is logo@2x.png.",
    "Follow @PassportOffice for updates.",
    "ana@localhost is not an address on the internet.",
    "An IBAN-like GB00 WEST 1234 5698 7654 32 fails its check digits.",
    "111222333 on its own is a number, not a BSN: the label must come first.",
    "Appointment ID 20261122-0930.",
    "Tracking number 00340434161234567890.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_leaves_near_misses_alone(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call the helpline on 0800 555 0142.",
        "From abroad: +44 800 555 0142.",
        "Write to passports@agency.example.",
        "I paid GB29NWBK60161331926819 as told.",
    ],
)
def test_published_contacts_are_not_findings(text: str, published: set[str]) -> None:
    assert found(text) != []
    assert found(text, published) == []


def test_published_contacts_are_normalized(published: set[str]) -> None:
    assert published == {
        "08005550142",
        "448005550142",
        "8005550142",  # its national significant number, as any region's format has it
        "passports@agency.example",
        "GB29NWBK60161331926819",
    }


@pytest.mark.parametrize(
    ("allowlist", "text"),
    [
        ({"0800 555 0142"}, "ring 0800-555-0142"),
        ({"0800 555 0142"}, "ring +44 800 555 0142"),
        ({"+44 800 555 0142"}, "ring 0800 555 0142"),
        ({"Passports@Agency.Example"}, "mail passports@agency.example"),
        ({"mailto:passports@agency.example"}, "mail PASSPORTS@AGENCY.EXAMPLE"),
    ],
)
def test_allowlist_entries_match_in_any_format(allowlist: set[str], text: str) -> None:
    assert scan(text, allowlist) == []


def test_sample_numbers_shown_in_published_guides_are_allowed() -> None:
    guide = "Your DNI looks like 12345678Z: eight digits and a check letter."
    assert found("I typed 12345678Z as the guide shows.", published_contacts([guide])) == []


def test_allowlist_keeps_other_numbers() -> None:
    text = "Helpline 0800 555 0142, my mobile 07400 123456."
    assert found(text, {"0800 555 0142"}) == [("phone number", "07400 123456")]


def test_findings_say_where_without_the_value() -> None:
    text = "Summary line\nMail ana.lopez@example.org or\n  call 07400 123456.\n"

    assert scan(text) == [
        Finding("e-mail address", 2, 6, 18, 39, "a***@example.org"),
        Finding("phone number", 3, 8, 50, 62, "***56"),
    ]
    assert str(scan(text)[1]) == "line 3, column 8: phone number ***56"


@pytest.mark.parametrize(("text", "kind", "value"), FOUND)
def test_previews_never_show_the_value(text: str, kind: str, value: str) -> None:
    (finding,) = scan(text)
    assert value not in finding.preview
    assert sum(ch.isdigit() for ch in finding.preview) <= 2


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "Mail ana@example.org or call 07400 123456.",
            "Mail [e-mail removed] or call [phone number removed].",
        ),
        ("Refund GB82 WEST 1234 5698 7654 32.", "Refund [IBAN removed]."),
        ("Card 4111-1111-1111-1111 declined", "Card [card number removed] declined"),
        ("DNI 12345678Z, SSN 536-90-4399", "DNI [ID number removed], SSN [ID number removed]"),
        ("Nothing personal here, fee 85.00 EUR.", "Nothing personal here, fee 85.00 EUR."),
    ],
)
def test_redact_replaces_each_finding(text: str, redacted: str) -> None:
    assert redact(text, scan(text)) == redacted


def test_redact_skips_overlapping_and_out_of_range_findings() -> None:
    text = "call 07400 123456"
    (finding,) = scan(text)
    overlapping = Finding("e-mail address", 1, 8, 7, 9, "x")
    beyond = Finding("IBAN", 1, 99, 98, 120, "x")

    assert redact(text, [finding, overlapping, beyond]) == "call [phone number removed]"


def test_an_iban_is_reported_once_not_as_the_numbers_inside_it() -> None:
    assert found("NL91 ABNA 0417 1643 00") == [("IBAN", "NL91 ABNA 0417 1643 00")]


def test_several_kinds_in_one_text() -> None:
    text = (
        "I am Ana (DNI 54362315-K), call 612 34 56 78 or write to ana.lopez@example.org;\n"
        "refund ES91 2100 0418 4502 0005 1332, not card 4111 1111 1111 1111."
    )
    assert [kind for kind, _ in found(text)] == [
        "national ID number (Spain)",
        "phone number",
        "e-mail address",
        "IBAN",
        "payment card number",
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("1" * 200_000, id="digits"),
        pytest.param("1 " * 100_000, id="spaced digits"),
        pytest.param("a" * 200_000 + "@example.org", id="long local part"),
        pytest.param("a." * 100_000, id="dotted words"),
        pytest.param("GB82" * 50_000, id="IBAN prefixes"),
        pytest.param("4111 " * 40_000, id="card groups"),
        pytest.param("@a." * 66_000, id="at signs"),
    ],
)
def test_hostile_text_scans_in_well_under_a_second(hostile: str) -> None:
    # CPU time of this process: other jobs on a busy machine do not count against it.
    started = time.process_time()
    scan(hostile)
    assert time.process_time() - started < 0.5


def test_numbers_beyond_the_check_budget_are_reported_unchecked() -> None:
    # Distinct 8-digit runs that are not phone numbers: the first PHONE_CHECK_BUDGET are
    # checked and pass; the rest are reported rather than let through unchecked.
    runs = [f"9{n:07d}" for n in range(PHONE_CHECK_BUDGET + 25)]
    text = " x ".join(runs)

    findings = scan(text)

    assert len(findings) == 25
    assert {f.kind for f in findings} == {"phone number"}
    assert text[findings[0].start : findings[0].end] == runs[PHONE_CHECK_BUDGET]


def test_a_number_dense_text_takes_bounded_time() -> None:
    text = "".join(f"({n % 97}) {n:06d}-{n % 13} / " for n in range(12_000))  # about 200 KB
    started = time.process_time()
    scan(text)
    assert time.process_time() - started < 3
