"""A passport guide with three situations (in the country, abroad, a child under 16),
as an agency would write it in model 2 (step groups limited with ``{when: ...}``
included), and a wiki that publishes it: for the site's
tests of the panel's situations and for the browser's."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

REFERENCE = Path(__file__).resolve().parents[2]
SITUATIONS_GUIDE = "identity-and-travel/get-a-passport.md"
FIXED_TIME = 1_790_000_000  # 2026-09-21

SITUATIONS = {
    "in-country": "You live in Veloria",
    "abroad": "You live abroad",
    "child": "The passport is for a child under 16",
}
FRONT_MATTER: dict[str, Any] = {
    "model": 2,
    "title": "Get a passport",
    "summary": "Apply for a Velorian passport at home or abroad, for yourself or a child.",
    "category": "identity-and-travel",
    "agency": "Veloria Passport Office",
    "owner": "Passport Office guidance team",
    "last_reviewed": date(2026, 10, 6),
    "review_by": date(2099, 4, 6),
    "lang": "en",
    "situations": SITUATIONS,
    "fees": [
        {"id": "home", "label": "Adult passport", "amount": 96, "currency": "EUR",
         "when": ["in-country"]},
        {"id": "abroad", "label": "Adult passport", "amount": 120, "currency": "EUR",
         "when": ["abroad"]},
        {"label": "Courier return", "amount": 12, "currency": "EUR", "adds_to": "abroad"},
        {"choose_one": [
            {"label": "Child passport online", "amount": 50, "currency": "EUR"},
            {"label": "Child passport on paper", "amount": 58, "currency": "EUR"},
        ], "when": ["child"]},
    ],
    "time": [
        {"kind": "typical", "value": 3, "unit": "weeks", "when": ["in-country", "child"]},
        {"kind": "maximum", "value": 10, "unit": "weeks", "when": ["abroad"]},
    ],
    "documents": [
        {"name": "A passport photo taken in the last month"},
        {"name": "Proof of your address abroad", "when": ["abroad"]},
        {"name": "Consent of both parents", "when": ["child"]},
    ],
    "eligibility": ["You are a Velorian citizen."],
    "channels": [
        {"id": "online", "type": "online", "label": "Online",
         "urls": ["https://services.veloria.invalid/passport"]},
        {"id": "embassy", "type": "in_person", "label": "At an embassy",
         "where": "The Velorian embassy or consulate nearest to you", "when": ["abroad"]},
    ],
    "deadlines": [
        {"label": "Book your appointment", "offset": {"weeks": 6, "before": "you travel"},
         "channels": ["embassy"]},
    ],
    "legal_basis": [{"title": "Passports Act 2019"}],
}  # fmt: skip

BODY = """
Use this service to get a Velorian passport.

## Steps

### Apply in Veloria {when: in-country, child}

1. Fill in the application online.
2. Pay the fee.

### Apply from abroad {when: abroad}

1. Book an appointment at the embassy.
2. Bring your documents and pay the fee there.
"""


def guide_text(front_matter: dict[str, Any] = FRONT_MATTER, body: str = BODY) -> str:
    """The guide's Markdown, front matter first."""
    header = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True)
    return f"---\n{header}---\n{body}"


def situations_wiki(root: Path, guides: dict[str, str]) -> Path:
    """The reference wiki with ``guides`` (path under ``content/``: Markdown) added,
    made with ``init_wiki`` in ``root / "wiki"``; returns that directory."""
    source = root / "source"
    for part in ("content", "theme"):
        shutil.copytree(REFERENCE / part, source / part)
    shutil.copy(REFERENCE / "mkdocs.yml", source / "mkdocs.yml")
    for path, text in guides.items():
        (source / "content" / path).write_text(text, encoding="utf-8")
    init_wiki(root / "wiki", source=source, author=Identity("Staff", "s@x.invalid"), when=FIXED_TIME)
    return root / "wiki"
