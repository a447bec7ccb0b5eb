"""Checksummed identifiers the personal-data scanner looks for: national ID numbers and cards.

Every scheme pairs a tight pattern (the number's written shape) with a python-stdnum
validator (check digit, embedded birth date), so a random number of the right length is
rarely taken for an identity number. Schemes whose checksum is weak on a bare digit run
(a 9-digit BSN passes its 11-test one time in eleven) are only looked for after a label
such as "BSN" or "NHS number", where a number really is an identity number.

The United Kingdom's National Insurance number is deliberately absent: it has no check
digit, so its shape alone would flag ordinary reference numbers such as "HB123456A".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum import luhn
from stdnum.be import nn as be_nn
from stdnum.de import idnr as de_idnr
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fi import hetu as fi_hetu
from stdnum.fr import nir as fr_nir
from stdnum.gb import nhs as gb_nhs
from stdnum.ie import pps as ie_pps
from stdnum.it import codicefiscale as it_codicefiscale
from stdnum.nl import bsn as nl_bsn
from stdnum.pl import pesel as pl_pesel
from stdnum.se import personnummer as se_personnummer
from stdnum.us import ssn as us_ssn

# A number must stand alone: not glued to a word, nor part of a longer dotted, dashed or
# slashed number such as a date or a case reference ("REF-2026-004512").
_BEFORE = r"(?<![\w.\-/])"
_AFTER = r"(?![\w]|[.\-/]\w)"
# How far before a number its label ("BSN", "NHS number") may stand.
CONTEXT_WINDOW = 48


@dataclass(frozen=True)
class IdScheme:
    """One national identity number scheme: where it is used, its shape, its checksum."""

    country: str
    pattern: re.Pattern[str]
    is_valid: Callable[[str], bool]
    context: re.Pattern[str] | None = None
    # Set when a number is one whole word of exactly this many ASCII letters and digits
    # that need not hold any digit (the codice fiscale): find_id_numbers then looks for it
    # word by word rather than around runs of digits.
    word_length: int | None = None


def _shape(body: str, flags: int = 0) -> re.Pattern[str]:
    # ASCII: stdnum expects the digits 0-9, not every Unicode decimal digit.
    return re.compile(_BEFORE + "(?:" + body + ")" + _AFTER, flags | re.ASCII)


def _label(words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + words + r")\b", re.IGNORECASE)


def _us_ssn_is_valid(number: str) -> bool:
    # The dashed shape is required by the pattern; stdnum adds the area/group/serial rules
    # and refuses the numbers known to be published (078-05-1120 and others).
    return bool(us_ssn.is_valid(number))


SCHEMES: tuple[IdScheme, ...] = (
    IdScheme("Spain", _shape(r"\d{8}-?[A-HJ-NP-TV-Z]", re.IGNORECASE), es_dni.is_valid),
    IdScheme("Spain", _shape(r"[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z]", re.IGNORECASE), es_nie.is_valid),
    IdScheme(
        "France",
        _shape(r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}"),
        fr_nir.is_valid,
    ),
    IdScheme(
        "Italy",
        _shape(
            r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
            r"[A-Z][0-9LMNPQRSTUV]{3}[A-Z]",
            re.IGNORECASE,
        ),
        it_codicefiscale.is_valid,
        word_length=16,
    ),
    IdScheme("Belgium", _shape(r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}"), be_nn.is_valid),
    IdScheme("Sweden", _shape(r"(?:\d{2})?\d{6}[-+]\d{4}"), se_personnummer.is_valid),
    IdScheme("Finland", _shape(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]"), fi_hetu.is_valid),
    IdScheme("United States", _shape(r"\d{3}-\d{2}-\d{4}"), _us_ssn_is_valid),
    IdScheme("Ireland", _shape(r"\d{7}[A-W][ABWTXZ]?"), ie_pps.is_valid),
    IdScheme(
        "Netherlands",
        _shape(r"\d{4}\.\d{2}\.\d{3}|\d{3} ?\d{3} ?\d{3}"),
        nl_bsn.is_valid,
        _label(r"BSN|burgerservicenummer|sofinummer|citizen service number"),
    ),
    IdScheme(
        "United Kingdom",
        _shape(r"\d{3}[ -]?\d{3}[ -]?\d{4}"),
        gb_nhs.is_valid,
        _label(r"NHS"),
    ),
    IdScheme("Poland", _shape(r"\d{11}"), pl_pesel.is_valid, _label(r"PESEL")),
    IdScheme(
        "Germany",
        _shape(r"\d{2} ?\d{3} ?\d{3} ?\d{3}"),
        de_idnr.is_valid,
        _label(r"Steuer-?ID|Steuer-?Identifikationsnummer|IdNr|tax ID"),
    ),
)

# What find_id_numbers relies on about the pattern of every scheme without a word_length
# (a new scheme must keep to it or change it); tests/screening/test_fast_matching.py
# checks that find_id_numbers finds exactly what each pattern finds over the whole text.
# A number of such a scheme:
# - holds at least this many digits (a NIE "X1234567L", a PPS number "1234567T");
_MIN_DIGITS = 7
# - has at most this many other characters between two of its digits ("2B " of a NIR);
_MAX_GAP = 2
# - and at most this many before its first digit ("X-" of a NIE) or after its last
#   ("-K" of a DNI, "FT" of a PPS number);
_MAX_LEAD = 2
_MAX_TRAIL = 2
# - the lookahead closing its pattern (_AFTER) reads this many characters past its end.
_LOOKAHEAD = 2
# Stretches of at least _MIN_DIGITS digits, no more than _MAX_GAP characters apart: every
# such number lies within one, give or take its lead and trail. Possessive, so linear;
# starting with a digit, so re skips in C over the text between them.
_DIGIT_RUN_RE = re.compile(f"[0-9](?:[^0-9]{{0,{_MAX_GAP}}}[0-9]){{{_MIN_DIGITS - 1},}}+")


def find_id_numbers(text: str) -> Iterator[tuple[IdScheme, re.Match[str]]]:
    """Every match of every scheme's pattern in ``text``: for each scheme of
    :data:`SCHEMES` in turn, exactly the matches of ``scheme.pattern.finditer(text)``.

    Not checked against the scheme's label or checksum.
    """
    # Each pattern opens with a lookbehind, which keeps re from skipping ahead to a likely
    # first character, so run over the whole text a pattern is tried at every position
    # (0.1 ms per pattern for a 4 KB guide). Here the patterns only run where a number can
    # be: near runs of digits, or on words of the right length.
    windows = _number_windows(text)
    for scheme in SCHEMES:
        if scheme.word_length is not None:
            for start in _word_starts(text, scheme.word_length):
                match = scheme.pattern.match(text, start)
                if match:
                    yield scheme, match
            continue
        for start, end in windows:
            # The lookbehind still sees the text before ``start``; ``end`` leaves room for
            # the lookahead, which would otherwise take ``end`` for the end of the text.
            for match in scheme.pattern.finditer(text, start, end):
                yield scheme, match


def _number_windows(text: str) -> list[tuple[int, int]]:
    """Disjoint spans of ``text`` that hold every number of the digit-based schemes and all
    the characters their patterns read to match it."""
    windows: list[tuple[int, int]] = []
    for run in _DIGIT_RUN_RE.finditer(text):
        start = max(0, run.start() - _MAX_LEAD)
        end = run.end() + _MAX_TRAIL + _LOOKAHEAD
        # Overlapping windows are merged: searched one by one, the stretch they share
        # could give the same match twice.
        if windows and start < windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


@functools.cache
def _word_re(length: int) -> re.Pattern[str]:
    # One search skips, in C, every word shorter or longer than ``length`` (with the
    # character after it) and stops at the next word of exactly ``length`` characters,
    # which group 1 then holds; a search that finds none ends at the end of the text.
    # Possessive throughout, so linear. ASCII, as \w is in the patterns.
    return re.compile(
        rf"(?:\w{{0,{length - 1}}}+\W|\w{{{length + 1},}}+)*+(\w{{{length}}})?", re.ASCII
    )


def _word_starts(text: str, length: int) -> Iterator[int]:
    """Where the words of exactly ``length`` ASCII letters, digits and underscores start."""
    for match in _word_re(length).finditer(text):
        if match.group(1) is not None:
            yield match.start(1)


# Issuer prefixes (ranges over the first digits) and the lengths each issuer uses. A
# Luhn-valid number outside these is some other kind of number (one in ten pass Luhn).
_CARD_ISSUERS: tuple[tuple[int, int, frozenset[int]], ...] = (
    (4, 4, frozenset({13, 16, 19})),  # Visa
    (51, 55, frozenset({16})),  # Mastercard
    (2221, 2720, frozenset({16})),  # Mastercard 2-series
    (34, 34, frozenset({15})),  # American Express
    (37, 37, frozenset({15})),
    (6011, 6011, frozenset(range(16, 20))),  # Discover
    (644, 649, frozenset(range(16, 20))),
    (65, 65, frozenset(range(16, 20))),
    (62, 62, frozenset(range(16, 20))),  # UnionPay
    (3528, 3589, frozenset(range(16, 20))),  # JCB
    (300, 305, frozenset(range(14, 20))),  # Diners Club
    (36, 36, frozenset(range(14, 20))),
    (38, 39, frozenset(range(16, 20))),
    (2200, 2204, frozenset(range(16, 20))),  # Mir
    (5018, 5018, frozenset(range(12, 20))),  # Maestro
    (5020, 5020, frozenset(range(12, 20))),
    (5038, 5038, frozenset(range(12, 20))),
    (5893, 5893, frozenset(range(12, 20))),
    (6304, 6304, frozenset(range(12, 20))),
    (6759, 6763, frozenset(range(12, 20))),
)


def is_card_number(digits: str) -> bool:
    """Whether ``digits`` (digits only) is a plausible payment card number.

    It must pass the Luhn check and start with a known issuer prefix at a length that
    issuer uses.
    """
    if not (digits.isascii() and digits.isdigit()) or not luhn.is_valid(digits):
        return False
    for low, high, lengths in _CARD_ISSUERS:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width]) <= high:
            return True
    return False
