"""Untrusted text made safe to print on a terminal.

Summaries, rationale, diffs, names, comments, feedback, guide paths and anything read
from git come from people we do not trust. A terminal obeys some characters instead of
printing them: an escape sequence can clear the reviewer's screen, retitle the window or
hide a hyperlink; a carriage return or backspace can overwrite what was printed; a bidi
override or a zero-width character can make text read differently from what is merged.

The rule, in one place: every character a terminal would act on or not show is replaced
by a visible code, never removed, so a reviewer sees that a hostile edit is there:

* C0 and C1 controls (categories ``Cc``) as ``\\x1b``, ``\\x9b``, ``\\x0d``...;
* every other hidden character as ``<U+202E>``: invisible formatting (``Cf``: bidi
  overrides and isolates, zero-width characters, the byte order mark), line and paragraph
  separators (``Zl``, ``Zp``), surrogates (``Cs``), private use (``Co``) and unassigned
  code points (``Cn``).

Without its ESC (or 8-bit CSI/OSC byte) the rest of an escape sequence is plain text, so
no sequence of any kind (CSI, OSC titles and hyperlinks, DCS, APC, PM, SOS) survives.
With ``multiline``, line breaks and tabs are kept and a CRLF line ending becomes LF; a
lone carriage return is always shown as ``\\x0d``. The result is printable (plus ``\\n``
and ``\\t`` when multiline), so making it safe twice changes nothing. ARCHITECTURE.md
("Untrusted text on a terminal") says where the CLI calls it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_CACHE_LIMIT = 4096
"""Distinct characters each table remembers; past that it computes without keeping."""


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control and invisible character shown as a visible code.

    Args:
        text: untrusted text.
        multiline: keep line breaks (CRLF becomes LF) and tabs; otherwise they are
            shown as ``\\x0a`` and ``\\x09``, so the text stays on one line.

    Returns:
        Text a terminal prints as it reads, with no escape sequence in it.
    """
    if text.isprintable():  # the common case: no control, separator or hidden character
        return text
    if multiline:
        return text.replace("\r\n", "\n").translate(_MULTILINE)
    return text.translate(_ONE_LINE)


def json_terminal_safe(json_text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with every control and hidden
    character written as a ``\\uXXXX`` escape: the same data once parsed, and nothing a
    terminal would act on when it is printed. Such characters can only stand inside JSON
    strings, where the escape means the same character."""
    if json_text.isprintable():
        return json_text
    return json_text.translate(_JSON)


def _code(char: str) -> str:
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"<U+{point:04X}>"


def _json_code(char: str) -> str:
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(units[i : i + 2]):04x}" for i in range(0, len(units), 2))


class _Codes(dict[int, str]):
    """A ``str.translate`` table from each character to itself or its code, filled the
    first time a character is seen (Unicode is too large to list)."""

    def __init__(self, kept: str, code: Callable[[str], str] = _code) -> None:
        super().__init__()
        self.kept, self.code = kept, code

    def __missing__(self, point: int) -> str:
        char = chr(point)
        if char in self.kept or unicodedata.category(char) not in _HIDDEN_CATEGORIES:
            shown = char
        else:
            shown = self.code(char)
        if len(self) < _CACHE_LIMIT:
            self[point] = shown
        return shown


_ONE_LINE = _Codes(kept="")
_MULTILINE = _Codes(kept="\n\t")
_JSON = _Codes(kept="\n", code=_json_code)  # dumps' indentation; its strings escape \n
