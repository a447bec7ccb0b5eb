"""Labels that say what a number is ("BSN", "Reisepassnummer"), and where they may stand.

A label is a phrase matched whole and in any case ("tax number", "Tax Number"), or an
acronym matched as written ("SIN", which in lower case is a Spanish word). Looking for
a hundred labels at every position of a text is slow in ``re`` (an alternation matched
ignoring case is tried position by position), so the scanner first finds where the
first word of some label stands, with one case-sensitive pass over the text in lower
case that ``re`` skips through in C, and looks for whole labels only there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

try:  # The regex engine's own table of characters equal ignoring case beyond lower().
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - other Pythons: the lower case alone
    _EXTRA_CASES = {}

_WORD_RE = re.compile(r"\w+")
_WORD_CHARACTER_RE = re.compile(r"\w")


def _canonical_characters() -> dict[int, str]:
    """Each character that ``re`` takes for another ignoring case, beyond ``lower()``
    ("ſ" for "s", "ς" for "σ"), mapped to one member of its class."""
    classes: dict[int, set[int]] = {}
    for char, others in _EXTRA_CASES.items():
        members = {char, *others}
        for member in list(members):
            members |= classes.get(member, set())
        for member in members:
            classes[member] = members
    return {char: chr(min(members)) for char, members in classes.items() if char != min(members)}


_CANONICAL = _canonical_characters()
_NEEDS_CANONICAL_RE = re.compile("[" + "".join(map(chr, sorted(_CANONICAL))) + "]")


def fold(text: str) -> str:
    """``text`` in lower case, character for character (same length), with the
    characters ``re`` takes for one another ignoring case made one."""
    # "İ" is the one character whose lower() is two; re takes it for "i".
    folded = text.replace("\u0130", "i").lower()
    if _NEEDS_CANONICAL_RE.search(folded):
        folded = folded.translate(_CANONICAL)
    return folded


@dataclass(frozen=True)
class Labels:
    """A set of labels: ``alternation`` matches any of them (ignoring case, but for the
    acronyms), ``first_words`` are their first words folded with :func:`fold`."""

    alternation: str
    first_words: frozenset[str]

    def pattern(self) -> re.Pattern[str]:
        """Any of the labels, standing as whole words."""
        return re.compile(r"(?<!\w)(?:" + self.alternation + r")(?!\w)", re.IGNORECASE)


def labels(phrases: Iterable[str], acronyms: Iterable[str] = ()) -> Labels:
    """The labels ``phrases`` (any case; a space stands for one or two white space
    characters, line breaks too) and ``acronyms`` (as written). Each must start with a
    word character."""
    alternatives: list[tuple[str, str]] = []
    for phrase in phrases:
        alternatives.append((phrase, re.escape(phrase).replace(r"\ ", r"\s{1,2}")))
    for acronym in acronyms:
        alternatives.append((acronym, "(?-i:" + re.escape(acronym) + ")"))
    first_words = set()
    for text, _ in alternatives:
        word = _WORD_RE.match(fold(text))
        if word is None:
            raise ValueError(f"a label must start with a word character: {text!r}")
        first_words.add(word.group())
    # Longest first, so that "CPR-nummer" is taken whole rather than "CPR".
    alternatives.sort(key=lambda item: -len(item[0]))
    return Labels("|".join(regex for _, regex in alternatives), frozenset(first_words))


def merged(*sets: Labels) -> Labels:
    """One set holding every label of ``sets``."""
    return Labels(
        "|".join(f"(?:{s.alternation})" for s in sets),
        frozenset().union(*(s.first_words for s in sets)),
    )


class FirstWords:
    """Finds where, in a text, a word stands that starts some label of a set."""

    def __init__(self, words: Iterable[str]) -> None:
        # Case-sensitive literals on folded text, as a trie: at each position re tries
        # one character per level rather than every word.
        self._re = re.compile(_trie_pattern(set(words)) + r"(?!\w)")

    def starts(self, text: str) -> list[int]:
        """The sorted offsets in ``text`` of every such word (a superset of where a
        label of the set starts)."""
        folded = fold(text)
        return [
            match.start()
            for match in self._re.finditer(folded)
            if match.start() == 0 or not _WORD_CHARACTER_RE.match(folded, match.start() - 1)
        ]


def _trie_pattern(words: set[str]) -> str:
    """A pattern matching exactly ``words`` (trying longer ones first), as a trie."""
    by_first: dict[str, set[str]] = {}
    ends_here = "" in words
    for word in words:
        if word:
            by_first.setdefault(word[0], set()).add(word[1:])
    branches = [
        re.escape(first) + _trie_pattern(rests) for first, rests in sorted(by_first.items())
    ]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # An optional rest: the word may end here, after the longer words were tried.
    return f"(?:{group})?" if ends_here else group


def any_between(starts: list[int], low: int, high: int) -> bool:
    """Whether some offset of the sorted ``starts`` lies in ``[low, high)``."""
    index = bisect.bisect_left(starts, low)
    return index < len(starts) and starts[index] < high
