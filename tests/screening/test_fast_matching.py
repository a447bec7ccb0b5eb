"""The scanner's shortcuts find exactly what the plain patterns find.

Run over a whole text, a pattern that opens with a lookbehind or an optional character is
tried at every position. The scanner looks for national ID numbers only around digits and
in words of the right length, and for card numbers, IBANs and phone numbers from digit to
digit. The plain ways (each pattern over the whole text, then the label and checksum
checks) are kept here as the reference: slow but obviously right.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitool.screening.cards import _CARD_RE
from wikitool.screening.identifiers import CONTEXT_WINDOW, SCHEMES, IdScheme, find_id_numbers
from wikitool.screening.personal_data import (
    _IBAN_RE,
    NATIONAL_ID_PREFIX,
    _iban_matches,
    _national_ids,
)
from wikitool.screening.phones import _PHONE_RUN_RE, _PHONE_SEPARATORS, MAX_SEPARATORS

Match = tuple[str, int, int, str]


def labelled(scheme: IdScheme, text: str, start: int) -> bool:
    """Whether a label of the scheme (if it asks for one) ends within CONTEXT_WINDOW
    characters before ``start``."""
    if scheme.context is None:
        return True
    return bool(scheme.context.search(text, max(0, start - CONTEXT_WINDOW), start))


def reference_matches(text: str) -> list[Match]:
    """Scheme by scheme, every match of its pattern over the whole text, after its label
    where it asks for one."""
    return [
        (scheme.country, match.start(), match.end(), match.group())
        for scheme in SCHEMES
        for match in scheme.pattern.finditer(text)
        if labelled(scheme, text, match.start())
    ]


def found_matches(text: str) -> list[Match]:
    return [
        (scheme.country, match.start(), match.end(), match.group())
        for scheme, match in find_id_numbers(text)
    ]


def reference_national_ids(text: str) -> list[tuple[str, int, int]]:
    """The ID numbers the scanner must report: matches after a label where the scheme
    asks for one, that pass the scheme's checksum."""
    found = []
    for scheme in SCHEMES:
        for match in scheme.pattern.finditer(text):
            if not labelled(scheme, text, match.start()):
                continue
            try:
                valid = bool(scheme.is_valid(match.group()))
            except (ValueError, TypeError, ArithmeticError, LookupError):
                valid = False
            if valid:
                kind = f"{NATIONAL_ID_PREFIX} ({scheme.country})"
                found.append((kind, match.start(), match.end()))
    return found


def reported_national_ids(text: str) -> list[tuple[str, int, int]]:
    return [(candidate.kind, candidate.start, candidate.end) for candidate in _national_ids(text)]


# Where the windows around digits and the word search could go wrong: a number at either
# end of the text, lead and trail letters, separators just past the number, words of 15,
# 16 and 17 characters, non-ASCII letters and digits beside a number.
BOUNDARIES = [
    ("X-2482300W", [("Spain", "X-2482300W")]),
    ("NIE:X-2482300W.", [("Spain", "X-2482300W")]),
    ("6433435FT", [("Ireland", "6433435FT")]),
    ("6433435FT.5", []),
    ("6433435FT-", [("Ireland", "6433435FT")]),
    ("12345678Z 12345678-Z", [("Spain", "12345678Z"), ("Spain", "12345678-Z")]),
    ("é12345678Z", [("Spain", "12345678Z")]),
    ("\u066312345678Z", [("Spain", "12345678Z")]),
    ("a12345678Z", []),
    ("2 95 10 99 126 111 93", [("France", "2 95 10 99 126 111 93")]),
    ("253072B07300470", [("France", "253072B07300470")]),
    ("2 53 07 2B 073 004 70", [("France", "2 53 07 2B 073 004 70")]),
    ("85.07.30-033.28/", [("Belgium", "85.07.30-033.28")]),
    ("85.07.30-033.28/1", []),
    # Schemes share shapes: the label and the checksum tell them apart later.
    (
        "880320-0016 880320+0016",
        [
            ("Sweden", "880320-0016"),
            ("Sweden", "880320+0016"),
            ("Finland", "880320-0016"),
            ("Finland", "880320+0016"),
        ],
    ),
    # A label lets a labelled scheme in, ahead of the bare ones.
    (
        "NHS 880320-0016",
        [("United Kingdom", "880320-0016"), ("Sweden", "880320-0016"), ("Finland", "880320-0016")],
    ),
    (
        "CPR 211062-5629",
        [("Denmark", "211062-5629"), ("Sweden", "211062-5629"), ("Finland", "211062-5629")],
    ),
    # The longest lead, gap and trail the digit windows allow.
    ("AB 12 34 56 C", [("United Kingdom", "AB 12 34 56 C")]),
    (
        "OIB: HR 33392005961",
        [
            ("Croatia", "HR 33392005961"),
            ("Belgium", "33392005961"),
            ("Norway", "33392005961"),
            ("Brazil", "33392005961"),
        ],
    ),
    ("00000000 0 ZZ4", [("Portugal", "00000000 0 ZZ4")]),
    ("UPN B801200005001.", [("United Kingdom", "B801200005001")]),
    ("131052A308T", [("Finland", "131052A308T")]),
    ("BSN 1112.22.333", [("Netherlands", "1112.22.333")]),
    ("RSSMRAURTMLARSNL", [("Italy", "RSSMRAURTMLARSNL")]),
    ("cf rssmra85t10a562s.", [("Italy", "rssmra85t10a562s")]),
    ("RSSMRA85T10A562SX", []),
    ("XRSSMRA85T10A562", []),
    ("/RSSMRA85T10A562S", []),
    ("RSSMRA85T10A562S-x", []),
    ("RSSMRA85T10A562S-", [("Italy", "RSSMRA85T10A562S")]),
    ("ſSSMRA85T10A562S RSSMRA85T10A562S", [("Italy", "RSSMRA85T10A562S")]),
    ("Appointment on 2026-10-06, fee 85.00 EUR.", []),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDARIES)
def test_finds_what_each_pattern_finds_over_the_whole_text(
    text: str, expected: list[tuple[str, str]]
) -> None:
    matches = found_matches(text)

    assert matches == reference_matches(text)
    assert [(country, value) for country, _, _, value in matches] == expected


# Valid numbers of every scheme (python-stdnum's documentation examples and the corpus),
# written the ways the patterns allow, including a codice fiscale with every digit
# replaced by a letter (omocodia).
VALID_NUMBERS = [
    "12345678Z", "54362315-K", "X-2482300W", "X2482300W", "2 95 10 99 126 111 93",
    "253072B07300470", "253072A07300443", "2 53 07 2B 073 004 70", "2 53 07 2A 073 004 43",
    "RSSMRA85T10A562S", "RCCMNL83S18D969H", "RSSMRAURTMLARSNL", "85.07.30-033.28",
    "85.07.30 033.28", "85073003328", "880320-0016", "880320+0016", "19880320-0016",
    "131052-308T", "131052A308T", "536-90-4399", "6433435F", "6433435FT", "1234567TW",
    "111222333", "1112.22.333", "943 476 5919", "943-476-5919", "44051401359", "02070803628",
    "36 574 261 809", "36574261809",
    "1237 010180", "181/815/08155", "59-119/9013", "211062-5629", "120174-3399",
    "36805280109", "33309240064", "161175-19997", "8032056031", "7111 042 925",
    "HR 33392005961", "01013099997", "094259216", "123 456 789", "7103192745", "710319/2745",
    "1234567", "123-456-782", "9698 658 215", "123 456 782", "49-098-576", "536904399",
    "912-90-3456", "912 90 3456", "P-00634642", "591191706458", "591-1917064-58",
    "1012.22.331", "1955839661", "B801200005001", "AB123456C", "AB 12 34 56 C",
    "151086 95088", "756.9217.0769.85", "1630615123457", "0101006500006", "390.533.447-05",
    "39053344705", "00000000 0 ZZ4", "3023217600053", "30 23 217 600 053", "10010490A443",
    "10 010490 A 44 3",
]  # fmt: skip

# What a pattern's lookbehind and lookahead read beside a number: nothing, one or two
# characters, among them those that glue a number to a longer one ("/1", ".5", "-x").
EDGE_CHARACTERS = " .-/+,xXA5_é\u0663"
EDGES = [
    "",
    *EDGE_CHARACTERS,
    *(first + second for first in EDGE_CHARACTERS for second in EDGE_CHARACTERS),
]


def test_finder_matches_every_pattern_beside_every_edge() -> None:
    # Every valid number with every edge before it and every edge after it: where a
    # window cut too short would show (the lookahead after "6433435FT" reads two more
    # characters). Exhaustive rather than drawn, so that it never misses one.
    for number in VALID_NUMBERS:
        for edge in EDGES:
            for text in (edge + number, number + edge, f"{edge}{number} {edge}"):
                assert found_matches(text) == reference_matches(text), text


LABELS = [
    "BSN ", "NHS number: ", "PESEL ", "Steuer-ID ", "tax ID ", "IdNr ", "burgerservicenummer",
    "DNI ", "NIE ", "SSN ", "PPS ", "CF ", "codice fiscale ", "CPR ", "kennitala ", "SIN ",
    "sin ", "Tax Number: ", "Steuernummer ", "ΑΜΚΑ ", "ЕГН ", "rodné číslo ", "NINO ",
    "St.-Nr. ", "p.k. ", "numéro d’assurance sociale ", "social  security\nnumber ",
]  # fmt: skip
SEPARATORS = [
    " ", "  ", "-", ".", "/", "+", ",", ":", "_", "\n", "(", ")", "é", "\u00a0", "ſ",
    "\u212a", "\u0663", "x", "X", "A", "B", "F", "K", "T", "W", "Z", "FT", "2A", "-K",
    ".5", "-x", "/1", "+0", "X-",
]  # fmt: skip
DATES = ["2026-10-06", "22.11.2026", "22/11/2026", "1.250,00", "0800 555 0142"]

valid_numbers = st.sampled_from(VALID_NUMBERS)


@st.composite
def near_valid_numbers(draw: st.DrawFn) -> str:
    """A valid number with one character replaced, dropped or added."""
    number = draw(valid_numbers)
    index = draw(st.integers(0, len(number) - 1))
    other = draw(st.sampled_from("0123456789 -.+ABKLMTWXZ"))
    edit = draw(st.sampled_from(["replace", "drop", "add"]))
    if edit == "replace":
        return number[:index] + other + number[index + 1 :]
    if edit == "drop":
        return number[:index] + number[index + 1 :]
    return number[:index] + other + number[index:]


# Shaped like a codice fiscale (letters where the digits may be), mostly not a valid one.
OMOCODIA = "0123456789LMNPQRSTUV"
codice_fiscale_shapes = st.builds(
    "".join,
    st.tuples(
        st.text(string.ascii_uppercase, min_size=6, max_size=6),
        st.text(OMOCODIA, min_size=2, max_size=2),
        st.sampled_from("ABCDEHLMPRST"),
        st.text(OMOCODIA, min_size=2, max_size=2),
        st.sampled_from(string.ascii_uppercase),
        st.text(OMOCODIA, min_size=3, max_size=3),
        st.sampled_from(string.ascii_uppercase),
    ),
)
numbers = st.one_of(
    valid_numbers,
    near_valid_numbers(),
    codice_fiscale_shapes,
    st.text("0123456789", min_size=1, max_size=12),
)
# A number stands alone as often as it is glued to something.
around = st.one_of(
    st.sampled_from(["", " ", "\n", ", "]), st.sampled_from(SEPARATORS), st.sampled_from(EDGES)
)
fragments = st.one_of(
    st.builds(lambda before, number, after: before + number + after, around, numbers, around),
    st.sampled_from(LABELS),
    st.sampled_from(DATES),
    st.text(string.ascii_letters + string.digits, min_size=1, max_size=18),
    st.text(max_size=4),
)
texts = st.lists(fragments, min_size=1, max_size=25).map("".join)


@settings(max_examples=1000, deadline=None)
@given(text=texts)
def test_finder_matches_every_pattern_over_the_whole_text(text: str) -> None:
    assert found_matches(text) == reference_matches(text)


@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_scanner_reports_the_id_numbers_the_plain_scan_reports(text: str) -> None:
    assert reported_national_ids(text) == reference_national_ids(text)


# --- card numbers, IBANs and phone numbers ---------------------------------------------

# _CARD_RE and _PHONE_RUN_RE as they were written first, with their lookbehind or
# optional sign in front.
PLAIN_CARD_RE = re.compile(r"(?<![0-9+])(?<![0-9][ -])[0-9](?:[ -]?[0-9]){11,18}+(?![ -]?[0-9])")
PLAIN_PHONE_RUN_RE = re.compile(
    rf"[+(]?[0-9](?:[{_PHONE_SEPARATORS}]{{0,{MAX_SEPARATORS}}}[0-9])*+\)?"
)
ACCOUNT_NUMBERS = [
    "4111 1111 1111 1111", "4111111111111111", "5555-5555-5555-4444", "3782 822463 10005",
    "3056 9309 0259 04", "GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819",
    "DE89 3704 0044 0532 0130 00", "FR14 2004 1010 0505 0001 3M02 606", "gb29 nwbk 6016",
    "NL91ABNA0417164300", "BE68 5390 0754 7034", "+44 20 7946 0958", "(201) 555-0123",
    "+(0)20\u20097946\u20100958", "0800 555 0142",
]  # fmt: skip
digit_texts = st.lists(
    st.one_of(
        st.sampled_from(ACCOUNT_NUMBERS),
        st.sampled_from(EDGES),
        st.sampled_from(["GB", "DE", "AB", "x9", " 12", "-3", "+", "(", ")", "+(", "(+", "\n"]),
        st.text("0123456789 -", min_size=1, max_size=20),
        st.text(f"0123456789+(){_PHONE_SEPARATORS}", min_size=1, max_size=12),
        st.text(string.ascii_letters + string.digits + " ", min_size=1, max_size=20),
    ),
    min_size=1,
    max_size=12,
).map("".join)


def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


@settings(max_examples=500, deadline=None)
@given(text=digit_texts)
def test_card_pattern_matches_as_written_first(text: str) -> None:
    assert spans(_CARD_RE.finditer(text)) == spans(PLAIN_CARD_RE.finditer(text))


@settings(max_examples=500, deadline=None)
@given(text=digit_texts)
def test_phone_run_pattern_matches_as_written_first(text: str) -> None:
    assert spans(_PHONE_RUN_RE.finditer(text)) == spans(PLAIN_PHONE_RUN_RE.finditer(text))


@settings(max_examples=500, deadline=None)
@given(text=digit_texts)
def test_iban_matches_are_those_of_the_iban_pattern(text: str) -> None:
    assert spans(_iban_matches(text)) == spans(_IBAN_RE.finditer(text))


def test_account_and_phone_matchers_beside_every_edge() -> None:
    for number in ACCOUNT_NUMBERS:
        for edge in EDGES:
            for text in (edge + number, number + edge, f"{edge}{number} {edge}{number}"):
                assert spans(_CARD_RE.finditer(text)) == spans(PLAIN_CARD_RE.finditer(text)), text
                assert spans(_PHONE_RUN_RE.finditer(text)) == spans(
                    PLAIN_PHONE_RUN_RE.finditer(text)
                ), text
                assert spans(_iban_matches(text)) == spans(_IBAN_RE.finditer(text)), text
