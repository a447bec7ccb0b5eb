"""Text as the personal-data scanner reads it: disguises undone, every offset traceable.

People (and scripts) hide a number or an address from a scanner without hiding it from a
reader: other digits (``٠٧٧٠٠``, fullwidth ``０７７００``), look-alike letters (Cyrillic
``а`` for ``a``), zero-width and bidi characters inside it, digits spaced or dotted one by
one (``0 7 7 0 0  9 0 0 1 2 3``), an address spelt out (``ana at example dot org``,
``ana (at) example [dot] org``, ``ana arroba ejemplo punto com``). :func:`normalise`
undoes them in two passes:

1. character by character: zero-width, bidi and other invisible format characters
   removed; every decimal digit (Unicode ``Nd``) to its ASCII digit; fullwidth,
   mathematical and other compatibility forms to ASCII by NFKC when that gives ASCII;
   common Cyrillic and Greek homoglyphs and dashes by a small table;
2. on that text: runs of single digits joined, and spelt-out addresses joined.

Every edit is recorded, so a span found in the normalised text maps back to the span of
the original that it came from (:meth:`Normalised.original_span`), which covers the
invisible characters inside it: redacting that span removes all of it.

Only non-ASCII characters are looked at one by one (found by one regular expression), so
ASCII text costs two regex scans.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Invisible characters a scanner must see through: zero-width (space, joiners, word
# joiner and invisible operators), bidi marks, embeddings, overrides and isolates, the
# soft hyphen, the Mongolian vowel separator, the byte order mark, and tag characters.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)

# Letters that look like ASCII in Cyrillic and Greek (the ones Unicode's confusables list
# maps to a single ASCII letter and that occur in spoofed addresses). Read as ASCII only
# in a run of such letters that touches ASCII letters, digits or an address's punctuation
# ("аna@ехample.org"): a Greek or Bulgarian word on its own ("ΑΦΜ", "ЕГН") stays itself,
# so the labels of its identifiers are still found.
_LOOKALIKES = str.maketrans(
    "аекорсухѕіјԁԛԝһАВЕКМНОРСТХЅІЈҮ"  # Cyrillic
    "οαρινκυΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",  # Greek
    "aekopcyxsijdqwhABEKMHOPCTXSIJYoapivkuABEZHIKMNOPTYX",
)
# Dashes, the minus sign and dots that NFKC leaves alone.
_PUNCTUATION = str.maketrans(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00b7\u2022\u3002", "-------..."
)
# What a look-alike letter must touch to be read as ASCII.
_ADDRESS_CHARACTERS = frozenset("@._-+")

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """What one non-ASCII character reads as: ``""`` if invisible, else ASCII or itself
    (look-alike letters aside: :func:`_folded_characters` decides those)."""
    if ch in _INVISIBLE or "\U000e0000" <= ch <= "\U000e007f":
        return ""
    mapped = ch.translate(_PUNCTUATION)
    if mapped != ch:
        return mapped
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    if unicodedata.category(ch) == "Lo":
        return ch  # "º" of "n.º" and "ª" are letters of their own, not "o" and "a"
    compatible = unicodedata.normalize("NFKC", ch)
    # Only whole ASCII results: "ｅ" -> "e", "𝟕" -> "7", "＠" -> "@", a no-break space ->
    # " "; not "½" -> "1⁄2". Several letters ("ﬁ" -> "fi") are still one word.
    if compatible.isascii() and (len(compatible) == 1 or compatible.isalnum()):
        return compatible
    return ch


# One edit: the normalised text's [start, end) stands for the original's [start, end).
_Edit = tuple[int, int, int, int]


class _OffsetMap:
    """Offsets of an edited text mapped back to the text before the edits."""

    def __init__(self, edits: list[_Edit]) -> None:
        self._edits = edits
        self._starts = [edit[0] for edit in edits]

    def start(self, offset: int) -> int:
        """Where a span starting at ``offset`` starts before the edits."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        _, new_end, old_start, old_end = self._edits[index]
        return old_start if offset < new_end else old_end + offset - new_end

    def end(self, offset: int) -> int:
        """Where a span ending at ``offset`` ends before the edits (edits inside or at its
        end are included whole)."""
        index = bisect.bisect_left(self._starts, offset) - 1
        if index < 0:
            return offset
        _, new_end, _, old_end = self._edits[index]
        return old_end if offset <= new_end else old_end + offset - new_end


def _apply(text: str, replacements: Iterator[tuple[int, int, str]]) -> tuple[str, _OffsetMap]:
    """``text`` with each ``(start, end, new)`` (in order, not overlapping) replaced; edits
    that touch are merged, so each offset of the result has one meaning."""
    parts: list[str] = []
    edits: list[_Edit] = []
    position = 0
    length = 0
    for start, end, new in replacements:
        if start < position:
            continue
        parts.append(text[position:start])
        length += start - position
        if edits and edits[-1][3] == start:
            new_start, _, old_start, _ = edits[-1]
            edits[-1] = (new_start, length + len(new), old_start, end)
        else:
            edits.append((length, length + len(new), start, end))
        parts.append(new)
        length += len(new)
        position = end
    parts.append(text[position:])
    return "".join(parts), _OffsetMap(edits)


@dataclass(frozen=True)
class Normalised:
    """A text as the scanner reads it, and the way back to the original."""

    original: str
    text: str
    _maps: tuple[_OffsetMap, ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of :attr:`original` that ``text[start:end]`` came from."""
        for offset_map in reversed(self._maps):
            start, end = offset_map.start(start), offset_map.end(end)
        return start, end


def normalise(text: str) -> Normalised:
    """``text`` with digits, look-alikes, invisible characters and spelt-out digits and
    addresses read as a scanner must read them (see the module's docstring)."""
    maps: list[_OffsetMap] = []
    current = text
    if not current.isascii():
        current, offset_map = _apply(current, _folded_characters(current))
        maps.append(offset_map)
    joins = sorted([*_spaced_digits(current), *_spelt_addresses(current)])
    if joins:
        current, offset_map = _apply(current, iter(joins))
        maps.append(offset_map)
    return Normalised(text, current, tuple(maps))


def _folded_characters(text: str) -> Iterator[tuple[int, int, str]]:
    for run in _NON_ASCII_RE.finditer(text):
        spoofed = _touches_ascii(text, run.start() - 1) or _touches_ascii(text, run.end())
        for index, ch in enumerate(run.group(), run.start()):
            folded = _fold(ch)
            if folded == ch and spoofed:
                folded = ch.translate(_LOOKALIKES)
            if folded != ch:
                yield index, index + 1, folded


def _touches_ascii(text: str, index: int) -> bool:
    if not 0 <= index < len(text):
        return False
    ch = text[index]
    return ch.isascii() and (ch.isalnum() or ch in _ADDRESS_CHARACTERS)


# --- digits spaced or dotted one by one ------------------------------------------------

# Seven or more single digits, each apart from the next by one to three spaces, dots,
# dashes or slashes ("0 7 7 0 0  9 0 0 1 2 3", "0.7.7.0.0.9.0.0.1.2.3"), after an optional
# "+". Possessive, so linear.
_SPACED_DIGITS_RE = re.compile(
    r"(?<![\w.+])(?:\+[ .]?)?[0-9](?:[ \u00a0./-]{1,3}+[0-9](?![0-9])){6,}+(?![\w])"
)


def _spaced_digits(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _SPACED_DIGITS_RE.finditer(text):
        value = match.group()
        yield match.start(), match.end(), "".join(ch for ch in value if ch.isdigit() or ch == "+")


# --- addresses spelt out -------------------------------------------------------------

# The "@" in words, as people write it to fool harvesters: "at" alone is ordinary English
# ("apply at gov.uk"), so it only counts with brackets or with a dot spelt out too.
_DOT_WORDS = "dot|punto|punkt|point|ponto|punt|prikk|kropka|te[cč]ka|pont"
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
# An "@" in words or brackets, or with space around it. Written to open with a character
# class (then check what came before), so that re skips in C to the next candidate; what
# stands around the word is checked after.
_AT_RE = re.compile(
    r"[acksmz@](?<!\w.)(?:(?<=a)(?:t|rroba|robase|penstaartje)\b|(?<=c)hiocciola\b|(?<=k)lammeraffe\b"
    r"|(?<=s)nabel-a\b|(?<=m)a[lł]pa\b|(?<=z)avin[aá][cč]\b|(?<=@))",
    re.IGNORECASE,
)
_SPACE = frozenset(" \t\n\u00a0")
# Whether any dot may be spelt out: without one, an English "at" is just "at".
_SPELT_DOT_HINTS = (
    *("dot", "punt", "punk", "point", "ponto", "prikk", "kropka", "tečka", "tecka", "pont"),
    *(".]", ".)", ".}", ".>"),
)
_DOT_RE = re.compile(rf"(?:{_DOT_WORDS})\b|[(\[{{<]\s*\.", re.IGNORECASE)
_DOT_RE = re.compile(
    rf"\s*{_OPEN}\s*(?:{_DOT_WORDS}|\.)\s*{_CLOSE}\s*|\s+(?:{_DOT_WORDS})\s+|\s+\.\s+|\.",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(r"[\w-]{1,63}")
_LOCAL_WORD_RE = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]{1,64}\Z")
# How far before an "at" a local part is looked for.
_LOCAL_REACH = 160


def _spelt_addresses(text: str) -> Iterator[tuple[int, int, str]]:
    spelt_dot: bool | None = None
    for at in _AT_RE.finditer(text):
        token = _at_token(text, at.start(), at.end())
        if token is None:
            continue
        start, end, plain = token
        if plain:
            # "apply at gov.uk": an English "at" counts only with a dot spelt out too.
            if spelt_dot is None:
                lowered = text.lower()
                spelt_dot = any(hint in lowered for hint in _SPELT_DOT_HINTS)
            if not spelt_dot:
                continue
        local = _local_part(text, start)
        if local is None:
            continue
        local_start, local_value, local_spelt = local
        domain = _domain(text, end)
        if domain is None:
            continue
        domain_end, domain_value, domain_spelt = domain
        if plain and not (domain_spelt or local_spelt):
            continue
        if plain and _is_at_token(text, *_next_word(text, domain_end)):
            continue  # "me at ana dot ruiz at ...": the domain is the next one's local part
        yield local_start, domain_end, f"{local_value}@{domain_value}"


def _at_token(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The at-sign spelt or spaced that the word or "@" at ``text[start:end]`` is part of:
    its span with the space and brackets around it, and whether it is a plain "at"."""
    if start >= end:
        return None
    before, after = text[start - 1 : start], text[end : end + 1]
    if before in _OPENERS and after in _CLOSERS and _OPENERS[before] == after:
        start, end = start - 1, end + 1
        plain = False
    elif before in _SPACE and after in _SPACE:
        plain = text[start:end].lower() == "at"
    elif text[start:end] == "@" and (before in _SPACE or after in _SPACE):
        plain = False
    else:
        return None
    while start > 0 and text[start - 1] in _SPACE:
        start -= 1
    while end < len(text) and text[end] in _SPACE:
        end += 1
    return start, end, plain


def _is_at_token(text: str, start: int, end: int) -> bool:
    return (
        _AT_RE.fullmatch(text, start, end) is not None and _at_token(text, start, end) is not None
    )


_OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_CLOSERS = frozenset(_OPENERS.values())
_WORD_RE = re.compile(r"\s*([^\s]{1,12})")


def _next_word(text: str, position: int) -> tuple[int, int]:
    match = _WORD_RE.match(text, position)
    return (match.start(1), match.end(1)) if match else (position, position)


def _local_part(text: str, end: int) -> tuple[int, str, bool] | None:
    """The local part ending at ``end``: its start, its value with dots, whether a dot in
    it was spelt out."""
    labels: list[str] = []
    spelt = False
    stop = end
    floor = max(0, end - _LOCAL_REACH)
    while True:
        word = _LOCAL_WORD_RE.search(text, max(floor, stop - 64), stop)
        if word is None:
            break
        labels.append(word.group())
        start = word.start()
        # A dot before it, written or spelt, joins one more word to the local part.
        dot = _dot_before(text, start, floor)
        if dot is None:
            break
        stop, was_spelt = dot
        spelt = spelt or was_spelt
    if not labels:
        return None
    return start, ".".join(reversed(labels)), spelt


@functools.lru_cache(maxsize=1)
def _dot_before_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{_DOT_RE.pattern})\Z", re.IGNORECASE)


def _dot_before(text: str, end: int, floor: int) -> tuple[int, bool] | None:
    # A word must come before the dot, or it is punctuation ("Write. ana at ...").
    match = _dot_before_re().search(text, max(floor, end - 16), end)
    if match is None or match.start() == 0 or not _is_word_char(text[match.start() - 1]):
        return None
    return match.start(), match.group() != "."


def _domain(text: str, start: int) -> tuple[int, str, bool] | None:
    """The domain starting at ``start``: its end, its value, whether a dot was spelt."""
    labels: list[tuple[int, str, bool]] = []
    position = start
    spelt = False
    while True:
        label = _LABEL_RE.match(text, position)
        if label is None:
            break
        labels.append((label.end(), label.group(), spelt))
        dot = _DOT_RE.match(text, label.end())
        if dot is None or len(labels) > 10:
            break
        spelt = spelt or dot.group() != "."
        position = dot.end()
    # The longest run of labels that ends in a top-level domain.
    while len(labels) >= 2:
        end, tld, tld_spelt = labels[-1]
        if 2 <= len(tld) <= 24 and tld.isalpha() and tld.isascii():
            return end, ".".join(value for _, value, _ in labels), tld_spelt
        labels.pop()
    return None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"
