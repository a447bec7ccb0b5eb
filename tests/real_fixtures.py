"""Real procedures of several governments, written as guides of model 2, and a wiki that
holds them.

Each fixture is ``tests/fixtures/real/<gov>/<slug>.md``: a public procedure told in our
own words with only the facts its ``sources`` state. They live outside ``content/`` (the
reference wiki's administration stays fictional); ``build_real_wiki`` copies the
reference wiki, adds each government as a category of its own and commits it, so
``check``, ``build`` and a browser read the fixtures as any wiki's guides.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from wikitool.guides.frontmatter import parse_guide
from wikitool.locales.catalogues import translations
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

REFERENCE = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real"
STOCK_CLAIMS = ("Free", "Same day", "Up to", "Not stated by the agency")
"""The panel's stock phrases a guide must never get unless it states them."""
STAFF = Identity("Fixture Staff", "fixtures@agency.invalid")
FIXED_TIME = 1_796_558_400  # 2026-12-06 12:00 UTC, the day the sources were read

GOVERNMENTS = {
    "gov-uk": "United Kingdom (GOV.UK)",
    "fr": "France (service-public.fr)",
    "us": "United States (vote.gov)",
    "ca": "Canada (Canada.ca)",
    "de": "Germany (Personalausweis)",
}
"""Each government's folder and the title of its category page."""


@dataclass(frozen=True)
class RealFixture:
    """One real procedure: where its file is and what its front matter says."""

    path: Path

    @property
    def government(self) -> str:
        return self.path.parent.name

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def content_path(self) -> str:
        """Its path under ``content/`` in the wiki ``build_real_wiki`` makes."""
        return f"{self.government}/{self.path.name}"

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def data(self) -> dict[str, Any]:
        """The front matter as plain data (dates as ISO strings)."""
        return parse_guide(self.text, f"content/{self.content_path}").data()

    @property
    def lang(self) -> str:
        return str(self.data["lang"])

    @property
    def situations(self) -> dict[str, str]:
        return dict(self.data.get("situations") or {})

    def fees(self) -> list[dict[str, Any]]:
        """Every fee the guide lists, those in a choose_one group included."""
        fees = self.data.get("fees")
        if not isinstance(fees, list):
            return []
        return [fee for item in fees for fee in item.get("choose_one", [item])]

    def stated_claims(self) -> dict[str, bool]:
        """For each of ``STOCK_CLAIMS``, whether the guide's own facts call for it."""
        data = self.data
        times = data["time"] if isinstance(data.get("time"), list) else []
        return {
            "Free": data.get("fees") == "free" or any(f["amount"] == 0 for f in self.fees()),
            "Same day": any(t.get("value") == 0 or t.get("max") == 0 for t in times),
            "Up to": any(t["kind"] == "maximum" and "value" in t for t in times),
            "Not stated by the agency": "not stated" in (data.get("fees"), data.get("time")),
        }

    def label(self, msgid: str) -> str:
        """A label of the site in the guide's language."""
        return translations(self.lang).gettext(msgid)

    def claim_phrase(self, claim: str) -> str:
        """A stock claim as the panel words it in the guide's language ("Up to" without
        its time)."""
        if claim == "Up to":
            return self.label("Up to {duration}").split("{duration}")[0].strip()
        return self.label(claim)

    def claims_shown(self, text: str) -> dict[str, bool]:
        """For each of ``STOCK_CLAIMS``, whether ``text`` (a panel's) says it."""
        return {claim: self.claim_phrase(claim) in text for claim in STOCK_CLAIMS}

    def __str__(self) -> str:
        return f"{self.government}/{self.slug}"


def real_fixtures() -> tuple[RealFixture, ...]:
    """Every real fixture, by government then name."""
    return tuple(RealFixture(path) for path in sorted(FIXTURES.glob("*/*.md")))


def _category_index(government: str) -> str:
    title = GOVERNMENTS[government]
    return (
        f"---\ntitle: {title}\nsummary: Real public procedures of {title}, as test fixtures.\n"
        f"---\n\nReal procedures, told in our own words from the sources each guide names.\n"
    )


def write_real_source(source: Path) -> Path:
    """Write into ``source`` the reference wiki plus every real fixture; returns ``source``."""
    for part in ("content", "theme"):
        shutil.copytree(REFERENCE / part, source / part)
    shutil.copy(REFERENCE / "mkdocs.yml", source / "mkdocs.yml")
    for fixture in real_fixtures():
        folder = source / "content" / fixture.government
        if not folder.exists():
            folder.mkdir()
            (folder / "index.md").write_text(_category_index(fixture.government), "utf-8")
        shutil.copy(fixture.path, folder / fixture.path.name)
    return source


def build_real_wiki(root: Path) -> Path:
    """A wiki repository at ``root / "wiki"`` holding the reference wiki and every real
    fixture, committed on main; returns the repository's path."""
    write_real_source(root / "source")
    init_wiki(root / "wiki", source=root / "source", author=STAFF, when=FIXED_TIME)
    return root / "wiki"
