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
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

REFERENCE = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real"
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
