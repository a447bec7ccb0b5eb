"""Phone numbers in text, found with libphonenumber's matcher on short runs of digits.

Read in international form (``+44 ...``, ``0044 ...``) for any country, and in national
form for the regions in ``PHONE_REGIONS``. A national number that does not start with a
trunk ``0`` (North American, Spanish, Italian mobile numbers) must be written in groups
(``(201) 555-0123``, ``612 34 56 78``): bare runs of nine or ten digits are far more
often case or order numbers than phone numbers. The matcher is the costly step, so it
sees only short runs, and at most ``PHONE_CHECK_BUDGET`` distinct runs per scan.
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
_PHONE_RUN_RE = re.compile(
    rf"[+(0-9](?:(?<=[+(])[0-9]|(?<=[0-9]))(?:[{_PHONE_SEPARATORS}]{{0,3}}[0-9])*+\)?"
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
_phone_cache: dict[tuple[str, tuple[str, ...]], tuple[_PhoneHit, ...]] = {}
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
            raw = piece[hit_start:hit_end]
            yield before + hit_start, before + hit_end, frozenset({digits(raw), *keys})


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
def _searched_regions(regions: tuple[str, ...]) -> tuple[str, ...]:
    """``regions`` libphonenumber knows, then ``PHONE_REGIONS``, each once."""
    known = [r.upper() for r in regions if r.upper() in phonenumbers.SUPPORTED_REGIONS]
    return tuple(dict.fromkeys([*known, *PHONE_REGIONS]))


def _phones_in(piece: str, regions: tuple[str, ...]) -> tuple[_PhoneHit, ...]:
    """Valid phone numbers in ``piece``: (start, end, (E.164 digits, national number))."""
    hits: dict[tuple[int, int], tuple[str, str]] = {}
    for region in regions:
        for match in PhoneNumberMatcher(piece, region, leniency=Leniency.VALID):
            span = (match.start, match.end)
            if span in hits or _DATE_RE.fullmatch(match.raw_string):
                continue
            if not _plausibly_written(match.raw_string, region):
                continue
            e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
            national = phonenumbers.national_significant_number(match.number)
            hits[span] = (digits(e164), national)
    return tuple((start, end, keys) for (start, end), keys in hits.items())


def _plausibly_written(raw: str, region: str) -> bool:
    """International numbers and numbers with a trunk 0 stand as written; others need groups."""
    if raw.startswith("+") or digits(raw).startswith("0"):
        return True
    if not _SEPARATOR_RE.search(raw):
        return False
    return any(True for _ in PhoneNumberMatcher(raw, region, leniency=Leniency.STRICT_GROUPING))
