"""Finding the national identity numbers of :mod:`wikitool.screening.id_schemes` in text.

Each scheme's pattern, run over a whole text, would be tried at every position; here the
patterns only run where a number can be: near runs of digits, or on words of the right
length. A scheme that needs a label runs only where some label stands near.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from wikitool.screening.id_schemes import CONTEXT_WINDOW, SCHEMES, IdScheme
from wikitool.screening.labels import FirstWords, any_between

__all__ = ["CONTEXT_WINDOW", "SCHEMES", "IdScheme", "find_id_numbers", "has_label"]

# What find_id_numbers relies on about the pattern of every scheme without a word_length
# (a new scheme must keep to it or change it); tests/screening/test_fast_matching.py
# checks that find_id_numbers finds exactly what each pattern finds over the whole text.
# A number of such a scheme:
# - holds at least this many digits (a National Insurance number "AB123456C");
_MIN_DIGITS = 6
# - has at most this many other characters between two of its digits (" ZZ" of a
#   Portuguese "00000000 0 ZZ4");
_MAX_GAP = 3
# - and at most this many before its first digit ("AB " of a National Insurance number,
#   "HR " of an OIB) or after its last ("-K" of a DNI, "FT" of a PPS number);
_MAX_LEAD = 3
_MAX_TRAIL = 2
# - the lookahead closing its pattern (_AFTER) reads this many characters past its end.
_LOOKAHEAD = 2
# Stretches of at least _MIN_DIGITS digits, no more than _MAX_GAP characters apart: every
# such number lies within one, give or take its lead and trail. Possessive, so linear;
# starting with a digit, so re skips in C over the text between them.
_DIGIT_RUN_RE = re.compile(f"[0-9](?:[^0-9]{{0,{_MAX_GAP}}}[0-9]){{{_MIN_DIGITS - 1},}}+")
# Where the first word of some scheme's label stands: a labelled scheme's number can
# only be near one.
_FIRST_WORDS = FirstWords(word for s in SCHEMES if s.labels for word in s.labels.first_words)


def _any_of(schemes: list[IdScheme]) -> re.Pattern[str]:
    """A pattern matching wherever one of ``schemes``' patterns matches: searched in a
    window, it says whether any of them needs running there."""
    return re.compile(
        "|".join(
            f"(?{'i' if s.pattern.flags & re.IGNORECASE else ''}:{s.pattern.pattern})"
            for s in schemes
        ),
        re.ASCII,
    )


# Most windows hold a date, a time or an amount that no scheme's pattern matches.
_ANY_BARE_NUMBER_RE = _any_of([s for s in SCHEMES if s.word_length is None and not s.context])
_ANY_LABELLED_NUMBER_RE = _any_of([s for s in SCHEMES if s.word_length is None and s.context])


def has_label(scheme: IdScheme, text: str, start: int) -> bool:
    """Whether a number of ``scheme`` starting at ``start`` in ``text`` has the label the
    scheme asks for (always, for a scheme that asks for none): a label ending within
    :data:`CONTEXT_WINDOW` characters before it."""
    if scheme.context is None:
        return True
    return scheme.context.search(text, max(0, start - CONTEXT_WINDOW), start) is not None


def find_id_numbers(text: str) -> Iterator[tuple[IdScheme, re.Match[str]]]:
    """Every match of every scheme's pattern in ``text`` that has the scheme's label: for
    each scheme of :data:`SCHEMES` in turn, exactly the matches of
    ``scheme.pattern.finditer(text)`` for which :func:`has_label` holds.

    Not checked against the scheme's checksum.
    """
    # Each pattern opens with a lookbehind, which keeps re from skipping ahead to a likely
    # first character, so run over the whole text a pattern is tried at every position
    # (0.1 ms per pattern for a 4 KB guide). Here the patterns only run where a number can
    # be: near runs of digits, or on words of the right length; and the labelled ones
    # only in windows with a label of any scheme in or just before them.
    windows = _number_windows(text)
    label_starts = _FIRST_WORDS.starts(text) if windows else []
    bare = [window for window in windows if _ANY_BARE_NUMBER_RE.search(text, *window)]
    # A label ends within CONTEXT_WINDOW before its number, so starts no earlier.
    labelled = [
        (start, end)
        for start, end in windows
        if any_between(label_starts, start - CONTEXT_WINDOW, end)
        and _ANY_LABELLED_NUMBER_RE.search(text, start, end)
    ]
    for scheme in SCHEMES:
        if scheme.word_length is not None:
            for start in _word_starts(text, scheme.word_length):
                match = scheme.pattern.match(text, start)
                if match and has_label(scheme, text, match.start()):
                    yield scheme, match
            continue
        for start, end in bare if scheme.context is None else labelled:
            # The lookbehind still sees the text before ``start``; ``end`` leaves room for
            # the lookahead, which would otherwise take ``end`` for the end of the text.
            for match in scheme.pattern.finditer(text, start, end):
                if has_label(scheme, text, match.start()):
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
