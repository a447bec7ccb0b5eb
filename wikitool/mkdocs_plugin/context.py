"""What a build knows beyond ``mkdocs.yml``: the typed hand-over from ``wikitool build``.

``wikitool build`` exports ``main``'s tree to a temporary folder (no ``.git`` there), so it
tells the plugin where the real repository is, which commit it built and where citizens'
suggestions go, by setting ``plugin.context`` after ``load_config``.

A plain ``mkdocs build`` or ``mkdocs serve`` has no such hand-over: the same values may
then come from ``extra.wikitool`` in ``mkdocs.yml`` (``intake_url`` is the usual one), and
history from the repository around ``docs_dir``. A value the build hands over wins over
``extra.wikitool``'s.

The theme's templates read none of this: the plugin hands each page what it needs as the
``wikitool`` template variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from wikitool.errors import WikitoolError
from wikitool.gitstore.log import discover_repository
from wikitool.mkdocs_plugin.suggest_pages import check_intake_url

EXTRA_KEY = "wikitool"


@dataclass(frozen=True)
class BuildContext:
    """The build's facts; ``None`` means not given (the plugin falls back as above)."""

    repository: Path | None = None
    """The git directory to read history from (``None``: the one around ``docs_dir``)."""
    commit: str | None = None
    """The commit being built (``None``: that repository's ``HEAD``)."""
    intake_url: str | None = None
    """Where the suggestion form and feedback widget post (unchecked; ``""``: nowhere)."""
    held_back: Mapping[str, str | None] | None = None
    """The guides the build holds back: repository path -> the commit whose version the
    site shows (``None``: no page). Their history, page and "What changed" alike, stops
    there (``history_source.py``)."""

    @classmethod
    def from_extra(cls, extra: Mapping[str, object]) -> BuildContext:
        """What ``extra.wikitool`` in ``mkdocs.yml`` says (a plain ``mkdocs build``).

        Raises:
            WikitoolError: ``extra.wikitool`` is not a mapping, or ``repository`` or
                ``commit`` is not text.
            ValueError: ``intake_url`` is not text (its value is checked where it is used).
        """
        settings = extra.get(EXTRA_KEY)
        if settings is None:
            return cls()
        if not isinstance(settings, Mapping):
            raise WikitoolError(f"extra.{EXTRA_KEY} must be a mapping of settings")
        for key in ("repository", "commit"):
            if settings.get(key) is not None and not isinstance(settings[key], str):
                raise WikitoolError(f"extra.{EXTRA_KEY}.{key} must be text")
        intake_url = settings.get("intake_url")
        if intake_url is not None and not isinstance(intake_url, str):
            check_intake_url(intake_url)  # raises, naming the setting
        repository = settings.get("repository")
        return cls(
            repository=Path(repository) if repository else None,
            commit=settings.get("commit") or None,
            intake_url=intake_url,
        )

    def git_dir(self, docs_dir: Path) -> Path | None:
        """The git directory the build reads from: the one handed over, else the one
        around ``docs_dir`` (``None``: there is none)."""
        if self.repository is not None:
            return self.repository
        found = discover_repository(docs_dir)
        return found.git_dir if found is not None else None

    def over(self, fallback: BuildContext) -> BuildContext:
        """This context, with what it does not say taken from ``fallback``."""
        given = {f.name: getattr(self, f.name) for f in fields(self)}
        return replace(fallback, **{k: v for k, v in given.items() if v is not None})
