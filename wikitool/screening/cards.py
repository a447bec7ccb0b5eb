"""Payment card numbers: a Luhn-valid number of a length some brand issues in its IIN ranges.

The brands, their IIN ranges (prefixes of the first digits) and lengths are data,
``card_ranges.json``, made from a maintained public source by ``.ci/card_ranges.py``
(which names it); nothing here is a hand-written list of issuers. A Luhn-valid number
outside every range, or of a length its brand does not issue, is some other kind of
number (one in ten of any digits pass Luhn).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path

from stdnum import luhn

RANGES_FILE = Path(__file__).with_name("card_ranges.json")

# 12 to 19 digits, optionally grouped by spaces or dashes, not part of a longer run, nor
# after a "+" (an international phone number). The lookbehinds stand after the first
# digit (the "." in them is that digit), so that re can skip in C from one digit to the
# next instead of trying them at every position.
_CARD_RE = re.compile(r"[0-9](?<![0-9+].)(?<![0-9][ -].)(?:[ -]?[0-9]){11,18}+(?![ -]?[0-9])")

# By length: (prefix width, lowest prefix, highest prefix) of every range issuing it.
_Ranges = dict[int, tuple[tuple[int, int, int], ...]]


@functools.cache
def _ranges() -> _Ranges:
    data = json.loads(RANGES_FILE.read_text(encoding="utf-8"))
    by_length: dict[int, set[tuple[int, int, int]]] = {}
    for brand in data["brands"]:
        for length in brand["lengths"]:
            for low, high in brand["ranges"]:
                by_length.setdefault(length, set()).add((len(str(low)), low, high))
    return {length: tuple(sorted(ranges)) for length, ranges in by_length.items()}


def is_card_number(digits: str) -> bool:
    """Whether ``digits`` (digits only) is a plausible payment card number: it passes the
    Luhn check and starts with the IIN range of a brand issuing numbers of its length."""
    if not (digits.isascii() and digits.isdigit()) or not luhn.is_valid(digits):
        return False
    return any(
        low <= int(digits[:width]) <= high for width, low, high in _ranges().get(len(digits), ())
    )


def card_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each payment card number written in ``text``."""
    for match in _CARD_RE.finditer(text):
        value = match.group()
        if is_card_number(value.replace(" ", "").replace("-", "")):
            yield match.start(), match.end()
