"""Find personal data in text a citizen sends, before any of it is written to git.

Looked for: e-mail addresses, phone numbers, IBANs, payment card numbers, national ID
numbers, and passport and ID card numbers. Precision comes from structure, not
guesswork: phone numbers must be valid numbers in libphonenumber's metadata, IBANs and
national ID numbers must pass their check digits, card numbers must pass Luhn and start
with a brand's IIN range, passport and ID card numbers must follow their label. Numbers
the wiki already publishes (an agency's helpline, its fee account) are passed in as an
allowlist.

Phone numbers are found by :mod:`wikitool.screening.phones` (in the regions the caller
names), national ID numbers by :mod:`wikitool.screening.identifiers` (the schemes:
:mod:`wikitool.screening.id_schemes`), card numbers by :mod:`wikitool.screening.cards`,
passport and ID card numbers by :mod:`wikitool.screening.document_numbers`. The text is
read through :mod:`wikitool.screening.normalised`, so disguised values are found, and
reported at the span of the original that holds all of them.

Every pattern is linear in the length of the text. The phone number matcher is the one
costly step, so it only sees short runs of digits and separators, and at most
``PHONE_CHECK_BUDGET`` distinct runs per scan; text with more than that is hostile or
machine-made, and the runs left over are reported unchecked ("fail closed") rather than
let through.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import stdnum
from phonenumbers import PhoneNumberFormat
from stdnum import iban

from wikitool.screening import cards as cards_module
from wikitool.screening import document_numbers as document_numbers_module
from wikitool.screening import id_schemes as id_schemes_module
from wikitool.screening import identifiers as identifiers_module
from wikitool.screening import labels as labels_module
from wikitool.screening import normalised as normalised_module
from wikitool.screening import phones as phones_module
from wikitool.screening.cards import card_spans
from wikitool.screening.document_numbers import KIND_ID_CARD, KIND_PASSPORT, document_numbers
from wikitool.screening.identifiers import find_id_numbers
from wikitool.screening.normalised import Normalised, normalise
from wikitool.screening.phones import PHONE_REGIONS, digits, phone_pieces, phone_spans
from wikitool.screening.positions import line_starts, position

KIND_EMAIL = "e-mail address"
KIND_PHONE = "phone number"
KIND_IBAN = "IBAN"
KIND_CARD = "payment card number"
NATIONAL_ID_PREFIX = "national ID number"


_PLACEHOLDERS = {
    KIND_EMAIL: "[e-mail removed]",
    KIND_PHONE: "[phone number removed]",
    KIND_IBAN: "[IBAN removed]",
    KIND_CARD: "[card number removed]",
    KIND_PASSPORT: "[passport number removed]",
    KIND_ID_CARD: "[ID card number removed]",
}
_ID_PLACEHOLDER = "[ID number removed]"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: what it is and where, never the value itself.

    ``line`` and ``column`` count from 1; ``start`` and ``end`` are offsets in the text
    (``text[start:end]`` is the value); ``preview`` is a redacted hint such as
    ``a***@example.org`` or ``***42`` that is safe to print in a report.
    """

    kind: str
    line: int
    column: int
    start: int
    end: int
    preview: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.kind} {self.preview}"


@dataclass(frozen=True)
class _Candidate:
    kind: str
    start: int
    end: int
    # Normalized forms compared with the allowlist.
    keys: frozenset[str]
    # Lower wins when two candidates overlap: an IBAN holds digit runs a phone matcher
    # would also accept, and an e-mail address can hold digits.
    rank: int


def scan(
    text: str, allowlist: Collection[str] = (), regions: Sequence[str] | None = None
) -> list[Finding]:
    """Find the personal data in ``text``, in order of position.

    The text is read as :func:`~wikitool.screening.normalised.normalise` reads it (other
    digits, look-alike letters, invisible characters, spaced digits and spelt-out
    addresses undone), and each finding's offsets, line and column are in ``text`` as
    given, covering everything the value was written with.

    Args:
        text: any text (a guide, a summary, a rationale).
        allowlist: contacts already published in the wiki, raw (``"0800 555 0142"``) or
            as returned by :func:`published_contacts`; they are not reported.
        regions: the regions (ISO 3166 codes) whose national phone formats to read first,
            usually ``wikitool.locales.regions.phone_regions`` of the guide's language and
            the wiki's country; ``PHONE_REGIONS`` are read as well.

    Returns:
        The findings, sorted by ``start``; they never overlap.
    """
    allowed: set[str] = set()
    for entry in allowlist:
        allowed |= _entry_keys(entry)
    normalised = normalise(text)
    kept = [c for c in _screen(normalised.text, regions) if not c.keys & allowed]
    lines = line_starts(text) if kept else []
    return [_finding(normalised, c, lines) for c in kept]


def published_contacts(texts: Iterable[str]) -> set[str]:
    """Normalized contacts and numbers found in published guides, to pass to :func:`scan`.

    Mostly helplines, agency e-mail addresses and fee accounts, but every kind counts: a
    sample ID number a guide shows as an example is public by the same token, and a
    suggestion repeating what the wiki already says adds no personal data. E-mail
    addresses are lowercased; numbers are reduced to their digits and letters (phone
    numbers also to E.164 digits). The digits of every run that could be a phone number
    count too, whatever country's format it is written in, so a helpline written in a
    format the scanner reads only for some guides is still allowed everywhere.
    """
    contacts: set[str] = set()
    for text in texts:
        normalised = normalise(text).text
        found = _screen(normalised, None)
        for candidate in found:
            contacts |= candidate.keys
        # Runs inside another kind of finding (an IBAN's digits) are that finding's.
        spans = [(c.start, c.end) for c in found if c.kind != KIND_PHONE]
        for start, end in phone_pieces(normalised):
            if not any(s < end and start < e for s, e in spans):
                contacts.add(digits(normalised[start:end]))
    return contacts


def scan_address(
    address: str, allowlist: Collection[str] = (), regions: Sequence[str] | None = None
) -> list[Finding]:
    """:func:`scan` for a page path or heading id, whose words are joined by ``-``, ``_``
    and ``/`` (``identity-and-travel/call-ana-07700900123.md``): read as the words they
    are, or a number glued to a word would pass for part of a code. Offsets are the
    address's own (each joiner is read as one space)."""
    words = address.removesuffix(".md").translate(_ADDRESS_JOINERS)
    return scan(words, allowlist, regions)


_ADDRESS_JOINERS = str.maketrans("-_/", "   ")


@functools.cache
def scanner_version() -> str:
    """A digest that changes whenever what :func:`published_contacts` finds could change:
    the scanner's code and the versions of the libraries whose data it uses. Results kept
    across runs (the cache of a wiki's published contacts) are filed under it."""
    digest = hashlib.sha256()
    modules = (
        __file__,
        identifiers_module.__file__,
        id_schemes_module.__file__,
        labels_module.__file__,
        cards_module.__file__,
        document_numbers_module.__file__,
        phones_module.__file__,
        normalised_module.__file__,
    )
    for module in modules:
        assert module is not None
        digest.update(Path(module).read_bytes())
    digest.update(cards_module.RANGES_FILE.read_bytes())
    digest.update(f"{phonenumbers.__version__} {stdnum.__version__}".encode())
    return digest.hexdigest()[:12]


def redact(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with each finding replaced by a placeholder such as ``[e-mail removed]``.

    Findings that overlap one already replaced, or fall outside the text, are skipped.
    """
    parts: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < position or finding.end > len(text) or finding.start >= finding.end:
            continue
        parts.append(text[position : finding.start])
        parts.append(_PLACEHOLDERS.get(finding.kind, _ID_PLACEHOLDER))
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def _screen(text: str, regions: Sequence[str] | None) -> list[_Candidate]:
    candidates = [
        *_emails(text),
        *_ibans(text),
        *_cards(text),
        *_national_ids(text),
        *_document_numbers(text),
        *(
            _Candidate(KIND_PHONE, start, end, keys, 4)
            for start, end, keys in phone_spans(text, regions)
        ),
    ]
    return _without_overlaps(candidates)


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    starts: list[int] = []
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.rank, c.start, c.start - c.end)):
        index = bisect.bisect_right(starts, candidate.start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            continue
        starts.insert(index, candidate.start)
        kept.insert(index, candidate)
    return kept


# --- e-mail addresses -------------------------------------------------------------------

# The local part is matched possessively and capped at 64 characters (RFC 5321), so a long
# run of word characters costs at most 64 steps per start and never backtracks.
_EMAIL_RE = re.compile(
    r"(?<![\w!#$%&'*+/=?^`{|}~-])"
    r"(?P<local>[\w!#$%&'*+/=?^`{|}~.-]{1,64}+)"
    r"@(?P<domain>[\w-]{1,63}(?:\.[\w-]{1,63}){1,10})"
)
# "logo@2x.png" is an image name, not an address.
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "pdf"})


def _emails(text: str) -> Iterator[_Candidate]:
    if "@" not in text:
        return
    for match in _EMAIL_RE.finditer(text):
        # Dots cannot start a local part or repeat in it: in "see...ana@example.org" the
        # address starts after the last run of dots.
        local = match["local"].rsplit("..", 1)[-1].lstrip(".")
        start = match.end("local") - len(local)
        if not local or local.endswith("."):
            continue
        domain = _valid_domain(match["domain"])
        if domain is None:
            continue
        end = match.start("domain") + len(domain)
        yield _Candidate(KIND_EMAIL, start, end, frozenset({text[start:end].lower()}), 0)


def _valid_domain(domain: str) -> str | None:
    """The longest prefix of ``domain`` made of valid labels ending in a top-level domain."""
    labels = domain.split(".")
    while len(labels) >= 2:
        tld = labels[-1]
        if (
            2 <= len(tld) <= 63
            and tld.isalpha()
            and tld.lower() not in _FILE_SUFFIXES
            and all(label and label[0] != "-" and label[-1] != "-" for label in labels)
        ):
            return ".".join(labels)
        labels.pop()
    return None


# --- IBANs ----------------------------------------------------------------------------

# Country code, check digits, then 11 to 30 characters, optionally grouped with spaces.
_IBAN_RE = re.compile(
    r"(?<![\w])[A-Z]{2}[0-9]{2}(?:[ \u00a0]?[A-Z0-9]){11,30}+", re.ASCII | re.IGNORECASE
)


# An IBAN's first check digit, with what must come before it (two letters, not glued to
# a word) checked by a lookbehind. Opening with a digit, it lets re skip in C from one
# digit to the next; _IBAN_RE, which opens with a lookbehind, is tried at every position.
_IBAN_CHECK_DIGIT_RE = re.compile(
    r"[0-9](?<=(?<![\w])[A-Z]{2}[0-9])(?=[0-9])", re.ASCII | re.IGNORECASE
)


def _iban_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_IBAN_RE.finditer(text)``, found faster."""
    position = 0
    for check_digit in _IBAN_CHECK_DIGIT_RE.finditer(text):
        # Every match starts two characters before such a digit; like finditer, look for
        # the next one only after the end of the last.
        start = check_digit.start() - 2
        if start < position:
            continue
        match = _IBAN_RE.match(text, start)
        if match:
            position = match.end()
            yield match


def _ibans(text: str) -> Iterator[_Candidate]:
    for match in _iban_matches(text):
        # The pattern may run on into the next word ("... 7654 32 and"): take the longest
        # prefix that ends at a word boundary and passes the mod-97 check.
        for end in range(match.end(), match.start() + 14, -1):
            if (end < len(text) and text[end].isalnum()) or text[end - 1].isspace():
                continue
            value = text[match.start() : end]
            # The mod-97 check and the country's length and format, but not the national
            # bank registries (check_country), which lag behind real accounts.
            if iban.is_valid(value.replace("\u00a0", " "), check_country=False):
                yield _Candidate(KIND_IBAN, match.start(), end, _alnum_keys(value), 1)
                break


# --- payment card numbers ---------------------------------------------------------------


def _cards(text: str) -> Iterator[_Candidate]:
    for start, end in card_spans(text):
        # "+4915123455672" is a German mobile number that also passes as a Visa card: a
        # card number is never written after a "+", nor in a machine-readable line ("<").
        if text[max(0, start - 1) : start] in ("+", "<"):
            continue
        yield _Candidate(KIND_CARD, start, end, _alnum_keys(text[start:end]), 2)


# --- national ID numbers ----------------------------------------------------------------


def _national_ids(text: str) -> Iterator[_Candidate]:
    # Scheme by scheme, as find_id_numbers gives them: when two schemes claim the same
    # span, _without_overlaps keeps the first.
    for scheme, match in find_id_numbers(text):
        if _passes(scheme.is_valid, match.group()):
            kind = f"{NATIONAL_ID_PREFIX} ({scheme.country})"
            yield _Candidate(kind, match.start(), match.end(), _alnum_keys(match.group()), 3)


def _document_numbers(text: str) -> Iterator[_Candidate]:
    # Ranked with national ID numbers: a label says what the number is.
    for kind, start, end in document_numbers(text):
        yield _Candidate(kind, start, end, _alnum_keys(text[start:end]), 3)


def _passes(is_valid: Callable[[str], bool], value: str) -> bool:
    # A validator that trips over odd input counts as "not this scheme" rather than
    # aborting the whole scan.
    try:
        return bool(is_valid(value))
    except (ValueError, TypeError, ArithmeticError, LookupError):
        return False


# --- normalization and reporting --------------------------------------------------------


def _alnum_keys(value: str) -> frozenset[str]:
    return frozenset({"".join(ch for ch in value if ch.isascii() and ch.isalnum()).upper()})


_PHONE_LIKE_RE = re.compile(r"\+?[0-9 \u00a0().\-/]{5,40}")


# Cached: the same allowlist (every contact on the wiki) comes with every scan, and
# parsing a number in each region costs far more than the lookup.
@functools.lru_cache(maxsize=8192)
def _entry_keys(entry: str) -> frozenset[str]:
    """The normalized forms of one allowlist entry, as comparable with a candidate's keys."""
    value = entry.strip()
    if "@" in value:
        return frozenset({value.lower().removeprefix("mailto:")})
    keys = set(_alnum_keys(value)) - {""}
    if _PHONE_LIKE_RE.fullmatch(value):
        # "0800 555 0142" must also match "+44 800 555 0142": add the E.164 digits for
        # every region in which the entry is a valid number.
        regions: Iterable[str | None] = (None,) if value.startswith("+") else PHONE_REGIONS
        for region in regions:
            try:
                number = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                keys.add(digits(phonenumbers.format_number(number, PhoneNumberFormat.E164)))
    return frozenset(keys)


def _finding(normalised: Normalised, candidate: _Candidate, line_starts: list[int]) -> Finding:
    start, end = normalised.original_span(candidate.start, candidate.end)
    line, column = position(line_starts, start)
    return Finding(
        kind=candidate.kind,
        line=line,
        column=column,
        start=start,
        end=end,
        # From the value as read, so the hint shows no invisible or look-alike characters.
        preview=_preview(candidate.kind, normalised.text[candidate.start : candidate.end]),
    )


def _preview(kind: str, value: str) -> str:
    if kind == KIND_EMAIL:
        local, _, domain = value.rpartition("@")
        return f"{local[:1]}***@{domain}"
    characters = [ch for ch in value if ch.isalnum()]
    tail = "".join(characters[-2:])
    if kind == KIND_IBAN:
        return f"{''.join(characters[:2]).upper()}***{tail}"
    return f"***{tail}"
