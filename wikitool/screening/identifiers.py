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

import re
from collections.abc import Callable
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
