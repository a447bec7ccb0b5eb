"""Is this text at all? The one judgement, made at the edge before any other.

Python strings can hold what no UTF-8 file or database can: a lone surrogate (U+D800 to
U+DFFF, which a JSON ``"\\ud800"`` escape or a YAML ``\\uD800`` produces) makes git,
SQLite and the HTTP response fail to encode it, half way through a write. The
noncharacters (U+FDD0 to U+FDEF and the last two code points of every plane, U+FFFE,
U+FFFF, U+1FFFE...) are valid UTF-8 but reserved for a program's internal use, never
for text people exchange. NUL (U+0000) is Unicode, but no text: git refuses it in a
commit message (``git fsck --strict``: nulInCommit) and C code reads it as the end of the
string; a JSON ``"\\u0000"`` escape brings it past any check of the raw bytes. None of
them has a place in anything a citizen or reader sends, so each is refused whole, naming
the field, before any check reads the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

# One character class each: a class mixing astral code points with the rest makes re
# about ten times slower, and a guide is checked on every submission.
_BMP_RE = re.compile("[\x00\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


class InvalidCharacter(NamedTuple):
    """A code point that is not text: where it is (0-based offset) and what."""

    offset: int
    code_point: int

    @property
    def description(self) -> str:
        """E.g. "U+D800 (a lone surrogate)"."""
        if self.code_point == 0:
            kind = "a NUL character"
        elif 0xD800 <= self.code_point <= 0xDFFF:
            kind = "a lone surrogate"
        else:
            kind = "a noncharacter"
        return f"U+{self.code_point:04X} ({kind})"


def invalid_character(text: str) -> InvalidCharacter | None:
    """The first NUL, lone surrogate or noncharacter in ``text``, or None when it is text."""
    if text.isascii():
        offset = text.find("\x00")
        return None if offset < 0 else InvalidCharacter(offset, 0)
    found = _BMP_RE.search(text)
    end = len(text) if found is None else found.start()
    for astral in _ASTRAL_RE.finditer(text, 0, end):
        # The last two code points of every plane (U+1FFFE, U+1FFFF ... U+10FFFF).
        if ord(astral.group()) & 0xFFFE == 0xFFFE:
            return InvalidCharacter(astral.start(), ord(astral.group()))
    return None if found is None else InvalidCharacter(found.start(), ord(found.group()))


_FIELD_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")


def invalid_text_field(data: object, name: str = "") -> str | None:
    """The first string in decoded JSON or YAML ``data`` (keys included) that is not valid
    Unicode text, as one line naming its field: ``author.email contains U+D800 (a lone
    surrogate), which is not text``; None when every string is text.

    ``name`` is the path of ``data`` itself (``changes[2].set``); lists are walked by index.
    """
    if isinstance(data, str):
        found = invalid_character(data)
        if found is None:
            return None
        return f"{name or 'the text'} contains {found.description}, which is not text"
    if isinstance(data, Mapping):
        for key, value in data.items():
            # A key is shown only when it looks like a field name: it came from the
            # sender and may hold a line break or anything else.
            shown = key if isinstance(key, str) and _FIELD_NAME.fullmatch(key) else "?"
            field = f"{name}.{shown}" if name else shown
            if isinstance(key, str) and invalid_character(key) is not None:
                return invalid_text_field(key, f"{name or 'a'} field name")
            problem = invalid_text_field(value, field)
            if problem is not None:
                return problem
    elif isinstance(data, list | tuple):
        for index, item in enumerate(data):
            problem = invalid_text_field(item, f"{name}[{index}]")
            if problem is not None:
                return problem
    return None
