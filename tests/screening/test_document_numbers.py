"""Passport and ID card numbers: found after their label, in many languages, within a
defined window; left alone without one. The numbers are specimen numbers of the
documents' published samples (C01X00T47 is Germany's specimen passport).
"""

from __future__ import annotations

import re
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitool.screening.document_numbers import (
    _LABEL_RE,
    LABEL_WINDOW,
    MAX_LABEL_LENGTH,
    _document_number,
    document_numbers,
)
from wikitool.screening.personal_data import redact, scan

PASSPORT = "passport number"
ID_CARD = "ID card number"


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in scan(text)]


FOUND = [
    # en
    ("My passport number is C01X00T47.", PASSPORT, "C01X00T47"),
    ("Passport No.: 123456789", PASSPORT, "123456789"),
    ("passport # 533380006", PASSPORT, "533380006"),
    ("ID card number: T22000129", ID_CARD, "T22000129"),
    ("identity card no. SPECI2014", ID_CARD, "SPECI2014"),
    # fr
    ("Mon numéro de passeport est 12AB34567.", PASSPORT, "12AB34567"),
    ("passeport n° 18RF12345", PASSPORT, "18RF12345"),
    ("carte d'identité n° 880692310285", ID_CARD, "880692310285"),
    ("numéro de carte d’identité : X4RTBPFW4", ID_CARD, "X4RTBPFW4"),
    # de
    ("Reisepassnummer C01X00T47", PASSPORT, "C01X00T47"),
    ("Meine Passnummer lautet C01X00T47.", PASSPORT, "C01X00T47"),
    ("Personalausweisnummer: L01X00T47", ID_CARD, "L01X00T47"),
    ("Ausweis-Nr. T22000129", ID_CARD, "T22000129"),
    # es
    ("pasaporte nº PAA000000", PASSPORT, "PAA000000"),
    ("número de pasaporte: XDA123456", PASSPORT, "XDA123456"),
    ("número de documento de identidad CAA000000", ID_CARD, "CAA000000"),
    # it
    ("numero di passaporto YA0000000", PASSPORT, "YA0000000"),
    ("numero della carta d'identità CA00000AA", ID_CARD, "CA00000AA"),
    # pt
    ("número do passaporte CB123456", PASSPORT, "CB123456"),
    ("O número do meu passaporte é CB123456.", PASSPORT, "CB123456"),
    ("passaporte n.º CB123456", PASSPORT, "CB123456"),
    # nl
    ("paspoortnummer XR1001R58", PASSPORT, "XR1001R58"),
    ("identiteitskaartnummer IR1001R58", ID_CARD, "IR1001R58"),
    # da, sv, no
    ("pasnummer 206123456", PASSPORT, "206123456"),
    ("Passnummer: 88888888", PASSPORT, "88888888"),
    ("ID-kortnummer 123456789", ID_CARD, "123456789"),
    # fi
    ("passin numero XP8271602", PASSPORT, "XP8271602"),
    ("henkilökortin numero 123456789", ID_CARD, "123456789"),
    # pl
    ("numer paszportu ZS0000177", PASSPORT, "ZS0000177"),
    ("Numer mojego paszportu to ZS0000177.", PASSPORT, "ZS0000177"),
    ("numer dowodu osobistego ABS123456", ID_CARD, "ABS123456"),
    # cs, sk
    ("číslo pasu 40000000", PASSPORT, "40000000"),
    ("Číslo mého pasu je 40000000.", PASSPORT, "40000000"),
    ("číslo občanského průkazu 000123456", ID_CARD, "000123456"),
    # hu, ro, hr, sl, el, bg, et, lv, lt, is
    ("útlevélszám BA1234567", PASSPORT, "BA1234567"),
    ("numărul pașaportului 051234567", PASSPORT, "051234567"),
    ("broj putovnice 012345678", PASSPORT, "012345678"),
    ("številka potnega lista PB1234567", PASSPORT, "PB1234567"),
    ("αριθμός διαβατηρίου AB1234567", PASSPORT, "AB1234567"),
    ("номер на паспорт 381234567", PASSPORT, "381234567"),
    ("passi number K0123456", PASSPORT, "K0123456"),
    ("pases numurs LV1234567", PASSPORT, "LV1234567"),
    ("paso numeris 20000001", PASSPORT, "20000001"),
    ("vegabréfsnúmer A1234567", PASSPORT, "A1234567"),
    ("αριθμός ταυτότητας AB123456", ID_CARD, "AB123456"),
    # "number" abbreviated, with or without its dot: "n.", "nro", "n:o", "núm.", "n.°"
    ("Il mio passaporto n. è YA0000000.", PASSPORT, "YA0000000"),
    ("N. di passaporto YA0000000", PASSPORT, "YA0000000"),
    ("passi nro: XP8271602", PASSPORT, "XP8271602"),
    ("passin n:o XP8271602", PASSPORT, "XP8271602"),
    ("núm. de pasaporte PAA000000", PASSPORT, "PAA000000"),
    ("pasaporte n.° PAA000000", PASSPORT, "PAA000000"),
    ("no. de passeport 18RF12345", PASSPORT, "18RF12345"),
    ("passport nr. 533380006", PASSPORT, "533380006"),
    ("Reisepass Nr. C01X00T47", PASSPORT, "C01X00T47"),
    ("Nr. des Reisepasses: C01X00T47", PASSPORT, "C01X00T47"),
    ("č. cestovního pasu 40000000", PASSPORT, "40000000"),
    # "number" written on to the name, in the Germanic and Nordic languages
    ("Paspoortnr.: XR1001R58", PASSPORT, "XR1001R58"),
    ("paspoortnr XR1001R58", PASSPORT, "XR1001R58"),
    ("Mitt Passnr är 88888888.", PASSPORT, "88888888"),
    ("Pasnr. 206123456", PASSPORT, "206123456"),
    ("Reisepassnr. C01X00T47", PASSPORT, "C01X00T47"),
    ("Passinro: XP8271602", PASSPORT, "XP8271602"),
    ("Ausweisnr. L01X00T47", ID_CARD, "L01X00T47"),
    ("ID-kortnr. 123456789", ID_CARD, "123456789"),
    ("identiteitskaartnr. IR1001R58", ID_CARD, "IR1001R58"),
    # Finnish possessive suffixes: "my passport's number"
    ("Passin numeroni on XP8271602.", PASSPORT, "XP8271602"),
    ("Passinumerosi on XP8271602.", PASSPORT, "XP8271602"),
    ("Henkilökortin numeroni on 123456789.", ID_CARD, "123456789"),
    # the document named, then a verb or an article, then "number"
    ("Mein Reisepass hat die Nummer C01X00T47.", PASSPORT, "C01X00T47"),
    ("Mein Ausweis hat die Nummer L01X00T47.", ID_CARD, "L01X00T47"),
    ("My passport has the number 123456789.", PASSPORT, "123456789"),
    ("my passport's number is 123456789", PASSPORT, "123456789"),
    ("Mon passeport porte le numéro 12AB34567.", PASSPORT, "12AB34567"),
    ("Mi pasaporte tiene el número XDA123456.", PASSPORT, "XDA123456"),
    ("Il mio passaporto ha il numero YA0000000.", PASSPORT, "YA0000000"),
    ("O meu passaporte tem o número CB123456.", PASSPORT, "CB123456"),
    ("Mijn paspoort heeft het nummer XR1001R58.", PASSPORT, "XR1001R58"),
    ("Mitt pass har nummer 88888888.", PASSPORT, "88888888"),
    ("Passissani on numero XP8271602.", PASSPORT, "XP8271602"),
    ("Mój paszport ma numer ZS0000177.", PASSPORT, "ZS0000177"),
    ("Můj pas má číslo 40000000.", PASSPORT, "40000000"),
]


@pytest.mark.parametrize(("text", "kind", "value"), FOUND)
def test_a_number_after_its_label_is_found(text: str, kind: str, value: str) -> None:
    assert found(text) == [(kind, value)]


NOT_FOUND = [
    # No label.
    "Bring form C01X00T47 to the office.",
    "Your booking reference is 12AB34567.",
    # A label, but the first word holding a digit has not the shape of a number.
    "passport number and the date of issue (2026-01-01)",
    "Passport number: 9 characters, letters and digits.",
    "passport number 12345",
    "passport number 1234567890",
    # Letters only, or one digit: a placeholder, not a number.
    "passport number XXXXXXXXX",
    "passport number ABCDEFGH1",
    # The sentence ended before the number.
    "Write your passport number. Form PR12345 is the one to use.",
    "passport number:\nPR12345",
    # Too far after the label.
    "passport number, which you find on the photo page of it, C01X00T47",
    # The label inside a word, or another document.
    "passportnumber C01X00T47",
    "Passport office opening hours 08:30-12:30.",
    "The passport fee is 85.00 EUR (form PA2026 01).",
    # "number" glued to a word that is no document's name.
    "Bestellnr. C01X00T47",
    "Kundennr.: 12AB34567",
    # A document named, then something else's number: only verbs and articles may stand
    # between the name and "number".
    "Bring your passport and the form number FR123456.",
    "passport application number 12AB34567",
    "Mein Reisepass und die Antragsnummer C01X00T47",
    "Mein Reisepass hat die Vorgangsnummer C01X00T47.",
    # One language's name with another's words: "pas" is French for "not".
    "Il ne faut pas le numéro 12AB34567 ici.",
    "Ce n'est pas le numéro 12AB34567 qui compte.",
    # "no" is a word too: after a verb, it is not "number".
    "Your passport is no longer needed: bring form PA123456.",
    # Too many words between the name and "number".
    "My passport has had the the number 123456789.",
    # A Finnish suffix that is not a possessive.
    "passin numeroa XP8271602",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_a_near_miss_is_not_found(text: str) -> None:
    assert found(text) == []


def test_the_window_is_what_the_module_says() -> None:
    label = "passport number"
    at_the_edge = label + "," + " " * (LABEL_WINDOW - 1) + "C01X00T47"
    one_further = label + "," + " " * LABEL_WINDOW + "C01X00T47"

    assert found(at_the_edge) == [(PASSPORT, "C01X00T47")]
    assert found(one_further) == []


def test_redaction_names_the_document() -> None:
    text = "Passport number C01X00T47, ID card number L01X00T47."
    assert redact(text, scan(text)) == (
        "Passport number [passport number removed], ID card number [ID card number removed]."
    )


def test_a_sample_number_published_in_the_wiki_is_allowed() -> None:
    from wikitool.screening.personal_data import published_contacts

    published = published_contacts(["Your passport number looks like C01X00T47."])
    assert scan("My passport number is C01X00T47.", published) == []


def test_every_label_fits_the_reach_looked_back() -> None:
    parser = getattr(re, "_parser")  # noqa: B009 - re's parser is private
    width = parser.parse(_LABEL_RE.pattern, _LABEL_RE.flags).getwidth()[1]
    assert width <= MAX_LABEL_LENGTH


def reference(text: str) -> list[tuple[str, int, int]]:
    """Every word of a number's shape, judged one by one (no gate on labels' first words)."""
    numbers = []
    for word in re.finditer(r"[A-Za-z0-9]+", text):
        shaped = 6 <= len(word.group()) <= 12 and sum(c.isdigit() for c in word.group()) >= 2
        number = _document_number(text, word.start(), word.end()) if shaped else None
        if number is not None:
            numbers.append(number)
    return numbers


fragments = st.one_of(
    st.sampled_from(
        [
            "passport number ", "Passport No. ", "numéro de passeport ", "Reisepassnummer ",
            "pasaporte nº ", "ID card no. ", "carte d’identité n° ", "ſ", "İ", "K", ". ",
            "\n", " ", "is ", ", ", "2026-01-01 ", "no ", "pas ",
            "Passnr ", "passi nro ", "Passin numeroni ", "Mein Reisepass hat die Nummer ",
            "Passissani on numero ", "Můj pas má číslo ", "has the ", "passport ",
        ]
    ),
    st.sampled_from(["C01X00T47", "123456789", "12AB34567", "880692310285", "AB1", "PR12345"]),
    st.text(string.ascii_letters + string.digits + " .:", max_size=12),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=st.lists(fragments, max_size=12).map("".join))
def test_the_label_gate_finds_what_judging_every_word_finds(text: str) -> None:
    assert list(document_numbers(text)) == reference(text)


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("passport number " * 12_000, id="labels only"),
        pytest.param("no " * 60_000 + "123456", id="a label's first word, far from a number"),
        pytest.param("pas 12 pas 34 " * 7_000, id="labels and short numbers"),
        pytest.param("pas " + "a" * 200_000 + "1", id="a long word"),
        pytest.param("pas " * 1_000 + "1" * 200_000, id="a long number"),
    ],
)
def test_hostile_text_is_read_in_linear_time(hostile: str) -> None:
    # CPU time of this process: other jobs on a busy machine do not count against it.
    started = time.process_time()
    list(document_numbers(hostile))
    assert time.process_time() - started < 0.5
