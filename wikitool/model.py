"""Plain data shared by every layer: problems found in guides, people who act on the wiki."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one file: printed as ``path:line: message``."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def to_json(self) -> dict[str, object]:
        """The stable JSON form used by ``--json`` output."""
        return {
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "severity": self.severity,
        }


# Characters git forbids or mangles in an identity line, plus every control and
# invisible formatting character: an identity comes from untrusted input.
_IDENTITY_FORBIDDEN = re.compile(r"[<>\x00-\x1f\x7f]")
_IDENTITY_RE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>\s*$")


def _clean_identity_part(text: str, limit: int) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"})
    text = _IDENTITY_FORBIDDEN.sub("", text)
    return " ".join(text.split())[:limit].strip(" .,:;\"'")


@dataclass(frozen=True)
class Identity:
    """A person or tool as git records it: ``Name <email>``, always safe to write.

    Construct with :meth:`sanitized` from untrusted input; the name and e-mail then never
    hold ``<``, ``>``, newlines or control characters, so ``git fsck --strict`` accepts them.
    """

    name: str
    email: str

    @classmethod
    def sanitized(cls, name: str, email: str) -> Identity:
        """An identity with unsafe characters removed and a non-empty name."""
        clean_name = _clean_identity_part(name, 100) or "Anonymous"
        clean_email = _clean_identity_part(email, 200).replace(" ", "")
        return cls(clean_name, clean_email)

    @classmethod
    def parse(cls, text: str) -> Identity | None:
        """Parse ``Name <email>``; ``None`` when the text is not of that form."""
        match = _IDENTITY_RE.match(text)
        if match is None or not match.group("name").strip():
            return None
        return cls.sanitized(match.group("name"), match.group("email"))

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def git_bytes(self) -> bytes:
        """The identity as git stores it in a commit header."""
        return str(self).encode("utf-8")


TOOL_IDENTITY = Identity("wikitool", "wikitool@noreply.invalid")
"""The committer of every commit the tool writes on someone's behalf."""
