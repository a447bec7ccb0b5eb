"""Every national ID scheme of screening/id_schemes.py: a valid number is found, one that
fails its check (or its format, where the scheme has no check) is not, and a near miss
(no label where one is needed, a longer number, the wrong separators) is not.

Valid numbers are python-stdnum's own documentation examples or computed with its check
digit functions, and the published specimen numbers of each scheme; none is a real
person's.
"""

from __future__ import annotations

import re
import time

import pytest
from stdnum.pt import nif as pt_nif

from wikitool.screening.id_schemes import CONTEXT_WINDOW, SCHEMES
from wikitool.screening.identifiers import find_id_numbers
from wikitool.screening.labels import fold
from wikitool.screening.personal_data import NATIONAL_ID_PREFIX, redact, scan

PT_NIF = "12345678" + pt_nif.calc_check_digit("12345678")

# (country, text with a valid number, the number, text with a failing one, near miss)
TABLE = [
    # --- found after a label ---------------------------------------------------------
    ("Netherlands", "Mijn BSN is 111222333.", "111222333", "BSN 111222334", "Order 111222333"),
    (
        "Netherlands",
        "onderwijsnummer 1012.22.331",
        "1012.22.331",
        "onderwijsnummer 1002.52.333",
        "klas 1012.22.331",
    ),
    (
        "United Kingdom",
        "NHS number 943 476 5919",
        "943 476 5919",
        "NHS 943 476 5918",
        "943 476 5919",
    ),
    ("United Kingdom", "my UTR: 1955839661", "1955839661", "UTR 2955839661", "Ref 1955839661"),
    ("United Kingdom", "UPN B801200005001", "B801200005001", "UPN A801200005001", "B801200005001"),
    (
        "United Kingdom",
        "National Insurance number AB123456C",
        "AB123456C",
        "National Insurance number BG123456C",
        "Form AB123456C",
    ),
    ("Poland", "PESEL: 44051401359", "44051401359", "PESEL 44051401358", "nr 44051401359"),
    (
        "Germany",
        "Steuer-ID 36 574 261 809",
        "36 574 261 809",
        "Steuer-ID 36 574 261 808",
        "Az. 36 574 261 809",
    ),
    (
        "Germany",
        "Steuernummer 181/815/08155",
        "181/815/08155",
        "Steuernummer 181/815/081",
        "Aktenzeichen 181/815/08155",
    ),
    ("Austria", "SVNR 1237 010180", "1237 010180", "SVNR 2237 010180", "Kundennummer 1237 010180"),
    (
        "Austria",
        "Abgabenkontonummer 59-119/9013",
        "59-119/9013",
        "Abgabenkontonummer 59-119/9014",
        "Zahl 59-119/9013",
    ),
    (
        "Denmark",
        "CPR-nummer 211062-5629",
        "211062-5629",
        "CPR-nummer 321062-5629",
        "sag 211062-5629",
    ),
    ("Iceland", "kennitala 120174-3399", "120174-3399", "kennitala 120174-3398", "mál 120174-3399"),
    (
        "Estonia",
        "isikukood 36805280109",
        "36805280109",
        "isikukood 36805280108",
        "arve 36805280109",
    ),
    (
        "Lithuania",
        "asmens kodas 33309240064",
        "33309240064",
        "asmens kodas 33309240164",
        "33309240064",
    ),
    (
        "Latvia",
        "personas kods 161175-19997",
        "161175-19997",
        "personas kods 161375-19997",
        "lieta 161175-19997",
    ),
    ("Bulgaria", "ЕГН 8032056031", "8032056031", "ЕГН 8019010008", "№ 8032056031"),
    ("Bulgaria", "ЛНЧ 7111 042 925", "7111 042 925", "ЛНЧ 7111 042 922", "№ 7111 042 925"),
    ("Croatia", "OIB: HR 33392005961", "HR 33392005961", "OIB 33392005962", "broj 33392005961"),
    ("Greece", "ΑΜΚΑ 01013099997", "01013099997", "ΑΜΚΑ 01013099999", "αρ. 01013099997"),
    ("Greece", "ΑΦΜ 094259216", "094259216", "ΑΦΜ 123456781", "αρ. 094259216"),
    ("Portugal", f"NIF {PT_NIF}", PT_NIF, "NIF 123456788", f"fatura {PT_NIF}"),
    (
        "Czech Republic or Slovakia",
        "rodné číslo 7103192745",
        "7103192745",
        "rodné číslo 7103192746",
        "faktura 7103192745",
    ),
    (
        "Finland",
        "veronumero 123456789123",
        "123456789123",
        "veronumero 12345678912A",
        "123456789123",
    ),
    ("Liechtenstein", "PEID 1234567", "1234567", "PEID 12345678901234", "Konto 1234567"),
    ("Canada", "SIN: 123-456-782", "123-456-782", "SIN 123-456-783", "sin 123-456-782"),
    ("Canada", "PHN 9698 658 215", "9698 658 215", "PHN 9698 648 215", "file 9698 658 215"),
    ("Australia", "TFN 123 456 782", "123 456 782", "TFN 999 999 999", "invoice 123 456 782"),
    ("New Zealand", "IRD number 49-098-576", "49-098-576", "IRD number 136-410-133", "49-098-576"),
    ("United States", "SSN 536904399", "536904399", "SSN 078051120", "order 536904399"),
    ("United States", "ITIN 912 90 3456", "912 90 3456", "ITIN 912 93 4567", "912 90 3456"),
    ("United States", "ATIN 912-93-4567", "912-93-4567", "ATIN 912-93-456", "lot 912-93-4567"),
    ("United States", "PTIN P01594846", "P01594846", "PTIN Q01594846", "part P01594846"),
    ("Belgium", "eID 591191706458", "591191706458", "eID 591191706459", "ref 591191706458"),
    # --- found bare: a strong check, or the scheme's own separators ---------------------
    ("Belgium", "BIS 98.47.28-997.65", "98.47.28-997.65", "98.47.28-997.66", "98.47.28-997.65.1"),
    ("Belgium", "carte 591-1917064-58", "591-1917064-58", "591-1917064-59", "591-1917064-58-1"),
    ("France", "NIF 3023217600053", "3023217600053", "3023217600054", "30232176000531"),
    (
        "France",
        "n° fiscal 30 23 217 600 053",
        "30 23 217 600 053",
        "30 23 217 600 054",
        "9701987765432",
    ),
    ("Norway", "fødselsnummer 151086 95088", "151086 95088", "151086 95077", "151086-95088-1"),
    (
        "Switzerland",
        "AHV 756.9217.0769.85",
        "756.9217.0769.85",
        "756.9217.0769.84",
        "123.4567.8910.19",
    ),
    ("Switzerland", "AHV-Nr. 7569217076985", "7569217076985", "7569217076984", "75692170769851"),
    ("Romania", "CNP 1630615123457", "1630615123457", "1630615123458", "1632215123457"),
    ("Slovenia", "EMŠO 0101006500006", "0101006500006", "0101006500007", "01010065000061"),
    ("Brazil", "CPF 390.533.447-05", "390.533.447-05", "231.002.999-00", "390.533.447=05"),
    ("Brazil", "CPF 39053344705", "39053344705", "23100299900", "390533447051"),
    ("Portugal", "CC 00000000 0 ZZ4", "00000000 0 ZZ4", "00000000 0 ZZ3", "00000000 A ZZ4"),
    ("Czech Republic or Slovakia", "RČ 710319/2745", "710319/2745", "710319/2746", "1103492745"),
    ("United Kingdom", "NI AB 12 34 56 C", "AB 12 34 56 C", "QQ 12 34 56 C", "AB 12 34 56 E"),
    ("United States", "ITIN 912-90-3456", "912-90-3456", "912-93-4567", "9129-03456"),
    # The example of the check digit rule's own description.
    ("Germany", "RVNR 10010490A443", "10010490A443", "RVNR 10010490A444", "10010490A4431"),
    (
        "Germany",
        "RV-Nr. 10 010490 A 44 3",
        "10 010490 A 44 3",
        "10 013490 A 44 3",
        "10-010490-A44-3",
    ),
]


def ids(text: str) -> list[tuple[str, str]]:
    """(kind, value) of the national ID numbers found in ``text``."""
    return [
        (f.kind, text[f.start : f.end]) for f in scan(text) if f.kind.startswith(NATIONAL_ID_PREFIX)
    ]


@pytest.mark.parametrize(("country", "text", "value"), [(row[0], row[1], row[2]) for row in TABLE])
def test_a_valid_number_is_found(country: str, text: str, value: str) -> None:
    assert ids(text) == [(f"{NATIONAL_ID_PREFIX} ({country})", value)]


@pytest.mark.parametrize(("country", "text"), [(row[0], row[3]) for row in TABLE])
def test_a_number_failing_its_check_is_not_found(country: str, text: str) -> None:
    assert ids(text) == []


@pytest.mark.parametrize(("country", "text"), [(row[0], row[4]) for row in TABLE])
def test_a_near_miss_is_not_found(country: str, text: str) -> None:
    assert ids(text) == []


def test_every_scheme_has_a_row_that_it_finds() -> None:
    finders: set[int] = set()
    for _, text, value, _, _ in TABLE:
        for scheme, match in find_id_numbers(text):
            if match.group() == value and scheme.is_valid(value):
                finders.add(id(scheme))
    missing = [s.country for s in SCHEMES if s.word_length is None and id(s) not in finders]
    # The Spanish, French NIR, Italian, Swedish, Finnish HETU, US SSN and Irish schemes
    # have their rows in test_personal_data.py.
    assert set(missing) <= {"Spain", "France", "Sweden", "Finland", "United States", "Ireland"}


@pytest.mark.parametrize(
    "text",
    [
        # Labels in any case, across a line break, with a typographic apostrophe.
        "Tax File Number 123 456 782",
        "social security\nnumber 1237 010180",
        "numéro d’assurance sociale 123-456-782",
        # A label up to CONTEXT_WINDOW characters before the number.
        "CPR-nummer (see your yellow health card): 211062-5629",
        # An inflected form.
        "Kennitalan mín er 120174-3399.",
    ],
)
def test_labels_are_read_as_people_write_them(text: str) -> None:
    assert len(ids(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # An acronym in lower case is another word: "sin" is Spanish for "without".
        "sin 123-456-782 no se puede",
        # A label must stand whole, not inside a word.
        "XCPR 211062-5629",
        # A scheme without a check digit needs its own label, not a generic one.
        "Enter your tax number in box 12. Reference 2026004512 is ours.",
        "tax number 123456789123",
        # Too far before the number.
        "CPR-nummer: you find it on the card the municipality sent you, 211062-5629",
    ],
)
def test_what_is_not_a_label(text: str) -> None:
    assert ids(text) == []


def test_a_label_names_the_scheme_ahead_of_a_bare_one() -> None:
    # 211062-5629 also has the Swedish personnummer's shape; the label says Danish.
    assert ids("CPR 211062-5629") == [("national ID number (Denmark)", "211062-5629")]


def test_new_schemes_are_redacted_with_the_id_placeholder() -> None:
    text = "CPF 390.533.447-05, AHV 756.9217.0769.85, TFN 123 456 782."
    assert redact(text, scan(text)) == (
        "CPF [ID number removed], AHV [ID number removed], TFN [ID number removed]."
    )


def longest_match(pattern: re.Pattern[str]) -> int:
    """The most characters ``pattern`` can match, as re's own parser reckons it."""
    parser = getattr(re, "_parser")  # noqa: B009 - re's parser is private
    return int(parser.parse(pattern.pattern, pattern.flags).getwidth()[1])


def test_every_labelled_scheme_keeps_its_label_within_reach() -> None:
    # has_label looks CONTEXT_WINDOW characters back; a longer label could never be
    # found whole.
    for scheme in SCHEMES:
        assert (scheme.context is None) == (scheme.labels is None)
        if scheme.context is not None:
            assert longest_match(scheme.context) <= CONTEXT_WINDOW, scheme.country


def test_fold_keeps_every_character_in_place() -> None:
    # The label gate reads offsets in the folded text as offsets in the text.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert len(fold(everything)) == len(everything)


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("CPR " * 50_000, id="labels only"),
        pytest.param("tax number 1 " * 15_000, id="labels and short numbers"),
        pytest.param("social security " * 12_000 + "123 456 782", id="labels, one number"),
        pytest.param("AB 12 34 56 " * 16_000, id="National Insurance prefixes"),
    ],
)
def test_hostile_text_is_read_in_linear_time(hostile: str) -> None:
    started = time.process_time()
    scan(hostile)
    assert time.process_time() - started < 0.5
