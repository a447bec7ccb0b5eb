"""Phone numbers in text, found with libphonenumber's matcher on short runs of digits.

Read in international form (``+44 ...``, ``0044 ...``) for any country, and in national
form for the regions the caller names (the guide's own: ``wikitool.locales.regions``)
and then the regions in ``PHONE_REGIONS``. A national number that does not start with a
trunk ``0`` (North American, Danish, Spanish, Italian mobile numbers) may be written as
one bare run of digits only in the caller's regions, where people write their numbers
that way ("34412345" in Denmark); in the other regions it must be written in groups
(``(201) 555-0123``, ``612 34 56 78``), as a bare run of nine or ten digits is there far
more often a case or order number. Dates, date ranges, a number with a year after a dash
("3152-2026") and Brazilian postcodes ("01310-100") are never phone numbers. The matcher
is the costly step, so it sees only short runs, and at most ``PHONE_CHECK_BUDGET``
distinct runs per scan.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

# National phone formats understood besides international ones (which any region reads).
PHONE_REGIONS: tuple[str, ...] = ("GB", "IE", "FR", "BE", "NL", "DE", "IT", "ES", "US")
# Distinct digit runs checked with the phone matcher in one scan (up to 2 ms each).
PHONE_CHECK_BUDGET = 200


def count_digits(value: str) -> int:
    """How many ASCII digits ``value`` holds."""
    return sum("0" <= ch <= "9" for ch in value)


def digits(value: str) -> str:
    """``value``'s ASCII digits alone."""
    return "".join(ch for ch in value if "0" <= ch <= "9")


# Digits and the separators people put between them, after an optional "+" or "(";
# possessive, so linear. Written to open with one character class ("[+(]?[0-9]" would
# not), so that re skips in C to the next candidate instead of trying every position.
_PHONE_SEPARATORS = " \u00a0\u2009\u202f().\\-\u2010-\u2015/"
# At most this many separators between two digits: "(201) - 555-0123" has four.
MAX_SEPARATORS = 4
_PHONE_RUN_RE = re.compile(
    rf"[+(0-9](?:(?<=[+(])[0-9]|(?<=[0-9]))"
    rf"(?:[{_PHONE_SEPARATORS}]{{0,{MAX_SEPARATORS}}}[0-9])*+\)?"
)
# A group of more digits than any phone number has (E.164: 15) cannot be part of one.
_LONG_DIGITS_RE = re.compile(r"[0-9]{18,}")
_MIN_PHONE_DIGITS = 7
# Runs longer than this are cut at spaces before the matcher sees them.
_MAX_PIECE = 64
_SEPARATOR_RE = re.compile(f"[{_PHONE_SEPARATORS}]")
# Dates ("22.11.2026", "2026-11-22") are the commonest digit runs in a guide. The matcher
# refuses a date on its own but not always one in a range ("01.02.2026 - 15.03.2026");
# lone dates are skipped before the matcher, which also keeps them out of the budget.
_DATE_RE = re.compile(r"[0-9]{1,4}([./-])[0-9]{1,2}\1[0-9]{1,4}")
# start, end, and the E.164 digits and national significant number.
_PhoneHit = tuple[int, int, tuple[str, str]]
# The regions searched in order, and those of them that are local (see the docstring).
_Regions = tuple[tuple[str, ...], frozenset[str]]
_phone_cache: dict[tuple[str, _Regions], tuple[_PhoneHit, ...]] = {}
_PHONE_CACHE_SIZE = 4096


def phone_spans(
    text: str, regions: Sequence[str] | None = None
) -> Iterator[tuple[int, int, frozenset[str]]]:
    """Each phone number in ``text``: ``(start, end, keys)``, the keys being its digits as
    written, in E.164 and its national significant number, to compare with an allowlist.
    National forms are read for ``regions`` first, then for ``PHONE_REGIONS``. Runs past
    the budget are reported unchecked."""
    searched = _searched_regions(tuple(regions or ()))
    checked: set[str] = set()
    for start, end in phone_pieces(text):
        # One character of context each side lets the matcher refuse a number glued to a
        # word ("REF2026..."); a neighbouring digit would only confuse it.
        before = start - 1 if start > 0 and not text[start - 1].isdigit() else start
        after = end + 1 if end < len(text) and not text[end].isdigit() else end
        piece = text[before:after]
        if piece not in checked and len(checked) >= PHONE_CHECK_BUDGET:
            # Over budget whatever the cache holds, so the result never depends on it.
            raw = text[start:end]
            yield start, end, frozenset({digits(raw)})
            continue
        checked.add(piece)
        hits = _phone_cache.get((piece, searched))
        if hits is None:
            hits = _phones_in(piece, searched)
            if len(_phone_cache) >= _PHONE_CACHE_SIZE:
                _phone_cache.clear()
            _phone_cache[piece, searched] = hits
        for hit_start, hit_end, keys in hits:
            if _not_a_phone_here(text, before + hit_start, before + hit_end):
                continue
            raw = piece[hit_start:hit_end]
            yield before + hit_start, before + hit_end, frozenset({digits(raw), *keys})


# Labels of the registration numbers of companies and agencies that guides print (a VAT,
# CVR, SIREN, UID, KvK, CNPJ... number): a number right after one is not a phone number.
_COMPANY_LABEL_RE = re.compile(
    r"(?:\b(?:CVR|SIRE[NT]|ABN|EIN|VAT|UID|KvK|NIP|REGON|CNPJ|I[ČC]O|BCE|KBO|CIF|HRB|HRA"
    r"|org(?:anisations)?\.?\s?nr|organi[sz]ation number|Y-tunnus|partita IVA|P\.\s?IVA"
    r"|USt-?Id(?:Nr)?|business number|company (?:no|number)|entreprise|ondernemingsnummer"
    r"|Firmenbuch(?:nummer)?|Handelsregister(?:nummer)?)"
    r"|CHE)[\s.:#°º-]*(?:n[ro]\.?|n[º°]|number|nummer|numéro|no\.)?[\s.:#-]*\Z",
    re.IGNORECASE,
)
# How far before a number its label is looked for.
_LABEL_REACH = 48


def _not_a_phone_here(text: str, start: int, end: int) -> bool:
    """Whether the text around a number says it is something else: a company's
    registration number by its label, or a piece of a longer code ("CHE-973.194.554")."""
    if start >= 2 and text[start - 1] in _JOINERS and text[start - 2].isalnum():
        return True
    if end + 1 < len(text) and text[end] in _JOINERS and text[end + 1].isalnum():
        return True
    return _COMPANY_LABEL_RE.search(text, max(0, start - _LABEL_REACH), start) is not None


def phone_pieces(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` short enough for the phone matcher and holding enough digits."""
    for run in _PHONE_RUN_RE.finditer(text):
        position = run.start()
        for long_digits in _LONG_DIGITS_RE.finditer(text, run.start(), run.end()):
            yield from _short_pieces(text, position, long_digits.start())
            position = long_digits.end()
        yield from _short_pieces(text, position, run.end())


def _short_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end:
        stop = end
        if stop - start > _MAX_PIECE:
            cut = text.rfind(" ", start + 1, start + _MAX_PIECE)
            stop = cut if cut > start else start + _MAX_PIECE
        piece = text[start:stop].strip(" \u00a0\u2009\u202f")
        if not _DATE_RE.fullmatch(piece) and count_digits(piece) >= _MIN_PHONE_DIGITS:
            yield start, stop
        start = stop


@functools.lru_cache(maxsize=256)
def _searched_regions(regions: tuple[str, ...]) -> _Regions:
    """``regions`` libphonenumber knows (the local ones), then ``PHONE_REGIONS``, each once."""
    local = tuple(
        dict.fromkeys(r.upper() for r in regions if r.upper() in phonenumbers.SUPPORTED_REGIONS)
    )
    return tuple(dict.fromkeys([*local, *PHONE_REGIONS])), frozenset(local)


# Never phone numbers, whatever a numbering plan allows: a date with its year inside the
# match (a range "01.02.2026 - 15.03.2026"), a number and a year ("3152-2026"), a Brazilian
# postcode ("01310-100").
_NOT_A_PHONE_RE = re.compile(
    r"[0-9]{1,2}([./-])[0-9]{1,2}\1(?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}([./-])[0-9]{1,2}\2[0-9]"
    r"|^[0-9]{3,5}[-/](?:19|20)[0-9]{2}$|^[0-9]{5}-[0-9]{3}$"
)
# A match glued by one of these to more digits is a piece of a longer number
# ("2026/035901"); "<" marks machine-readable lines (payment slips, passports).
_JOINERS = "/.-"


def _fragment(piece: str, start: int, end: int) -> bool:
    """Whether ``piece[start:end]`` is part of a longer number or a machine-readable line."""
    before, after = piece[max(0, start - 2) : start], piece[end : end + 2]
    return (
        "<" in before[-1:] + after[:1]
        or (len(before) == 2 and before[1] in _JOINERS and before[0].isdigit())
        or (len(after) == 2 and after[0] in _JOINERS + "+" and after[1].isdigit())
    )


def _phones_in(piece: str, regions: _Regions) -> tuple[_PhoneHit, ...]:
    """Valid phone numbers in ``piece``: (start, end, (E.164 digits, national number))."""
    hits: dict[tuple[int, int], tuple[str, str]] = {}
    searched, local = regions
    whole = False
    for region in searched:
        if whole:
            # One number holds every digit of the piece (an international number, or a
            # national one of an earlier region): no other region can find more.
            break
        for match in PhoneNumberMatcher(piece, region, leniency=Leniency.VALID):
            span = (match.start, match.end)
            if span in hits or _NOT_A_PHONE_RE.search(match.raw_string):
                continue
            if _fragment(piece, match.start, match.end):
                continue
            if not _plausibly_written(match.raw_string, region, region in local):
                continue
            e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
            national = phonenumbers.national_significant_number(match.number)
            hits[span] = (digits(e164), national)
            whole = whole or not count_digits(piece[: match.start] + piece[match.end :])
    return tuple((start, end, keys) for (start, end), keys in hits.items())


def _plausibly_written(raw: str, region: str, local: bool) -> bool:
    """International numbers and numbers with a trunk 0 stand as written, and so does a
    bare run of digits in a local region; others need groups."""
    if raw.startswith("+") or digits(raw).startswith("0"):
        return True
    if not _SEPARATOR_RE.search(raw):
        return local
    return any(True for _ in PhoneNumberMatcher(raw, region, leniency=Leniency.STRICT_GROUPING))
