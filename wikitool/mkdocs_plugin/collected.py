"""What the plugin learns during a build, for the generated pages and files to read:
every page's facts, the wiki's history and the build's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wikitool.guides.page_source import PageSource
from wikitool.guides.steps import Steps
from wikitool.history import Change, HistoryIndex
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.review.policy import DEFAULT_DELETE_CONTACTS_AFTER


@dataclass
class PageInfo:
    """What the plugin learnt about one page while reading it."""

    src: str
    """The page's path in the docs folder (``travel/renew.md``)."""
    url: str
    title: str
    """Plain text (escape before use)."""
    summary: str = ""
    guide: GuideFacts | None = None
    """Set for a guide with front matter; ``None`` for any other page."""
    steps: Steps | None = None
    """A guide's steps section as ``guides/steps.py`` reads it (``None``: it has none)."""
    step_texts: list[list[str]] = field(default_factory=list)
    """The text of each step, list by list in page order, as the page shows it."""
    source: PageSource | None = None
    """A guide's front matter and body as read from its file (MkDocs' reading of it:
    no BOM, LF line endings)."""


@dataclass
class SiteFacts:
    """The build's pages (in reading order) and history, and where it stands."""

    history: HistoryIndex | None = None
    commit: str = ""
    """The commit built ("" when unknown)."""
    intake_url: str = ""
    """Where suggestions and feedback go, checked, ending in "/" ("" for nowhere)."""
    today: date = field(default_factory=date.today)
    language: str = "en"
    """The site's default language (``theme.language``): pages that are not guides."""
    pages: dict[str, PageInfo] = field(default_factory=dict)
    delete_contacts_after: int = DEFAULT_DELETE_CONTACTS_AFTER
    """Days contact details are kept after the decision (``review-policy.yaml`` at the
    commit built), which the suggestion page promises (``privacy_notice.py``)."""

    def history_of(self, src: str) -> list[Change]:
        """The changes to one page, newest first (none without history)."""
        return self.history.of(src) if self.history is not None else []

    def guides(self) -> list[PageInfo]:
        """The guide pages read so far."""
        return [info for info in self.pages.values() if info.guide is not None]
