"""What changed in one guide, when and why (``wikitool history GUIDE``).

Read from ``main``'s first-parent line with the site's one-pass history reader
(:mod:`wikitool.history`), so the command shows exactly what the published page's
"recent changes" shows: one entry per merge, with the suggestion's summary, and renames
followed back to the guide's earlier names.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikitool.errors import NotFoundError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.log import Repository
from wikitool.guides.paths import CONTENT_DIR, typed_guide_path
from wikitool.history import HistoryIndex, read_log

_STATUS = {"A": "added", "M": "changed", "D": "deleted", "R": "renamed"}


@dataclass(frozen=True)
class GuideChange:
    """One change to a guide on main."""

    commit: str
    time: int
    """Seconds since the epoch (the commit's committer date)."""
    author: str
    summary: str
    status: str
    """``added``, ``changed``, ``renamed`` or ``deleted``."""
    path: str
    old_path: str | None
    suggestion_ids: tuple[str, ...]
    credited: tuple[str, ...] = ()
    """Citizens credited by name (they asked to be)."""

    @property
    def suggested(self) -> bool:
        """Whether it came from a citizen's suggestion."""
        return bool(self.suggestion_ids)

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form (stable keys)."""
        return {
            "commit": self.commit,
            "time": self.time,
            "author": self.author,
            "summary": self.summary,
            "status": self.status,
            "path": self.path,
            "old_path": self.old_path,
            "suggestion_ids": list(self.suggestion_ids),
            "suggested": self.suggested,
            "credited": list(self.credited),
        }


def guide_history(store: WikiStore, guide: str) -> list[GuideChange]:
    """The changes to ``guide`` (as it is named on main today) on main, newest first;
    ``guide`` as a person types it (see :func:`typed_guide_path`).

    Raises:
        UnsafePathError: ``guide`` is not a guide path.
        NotFoundError: main never had such a guide.
    """
    path = typed_guide_path(guide)
    prefix = CONTENT_DIR + "/"
    main = store.main()
    commits = read_log(Repository(git_dir=store.git_dir, revision=main, prefix=prefix))
    authors = {c.id: c.author for c in commits}
    changes = HistoryIndex(commits, prefix).of(path.removeprefix(prefix))
    if not changes:
        raise NotFoundError(f"{path} has no history on main: is the path right?")
    return [
        GuideChange(
            commit=change.commit,
            time=int(change.date.timestamp()),
            author=authors.get(change.commit, ""),
            summary=change.subject,
            status=_STATUS.get(change.status, "changed"),
            path=prefix + change.path,
            old_path=prefix + change.old_path if change.old_path else None,
            suggestion_ids=change.suggestion_ids,
            credited=change.credited,
        )
        for change in changes
    ]
