"""Migrate every guide of ``main`` to the current guide model (``wikitool migrate``).

All guides are rewritten in memory first (``guides.migration``); one that cannot be
migrated stops the whole run before anything is written. Then one commit on ``main``,
written with dulwich without a working tree, moves ``main`` by compare-and-swap; if
another writer moved it meanwhile, the migration is done again on the new tip.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field

from wikitool.errors import WikitoolError
from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.guides.migration import GuideMigration, migrate_guide
from wikitool.guides.model_version import CURRENT_MODEL
from wikitool.guides.paths import CONTENT_DIR, is_guide_path
from wikitool.model import TOOL_IDENTITY, Identity

MIGRATE_ATTEMPTS = 20
"""How many times the migration is redone when ``main`` moves under it."""


@dataclass(frozen=True)
class WikiMigration:
    """What ``wikitool migrate`` did (or, with ``--check``, would do)."""

    guides: tuple[GuideMigration, ...]
    """Every guide that changes (or would), in path order."""
    commit: str | None = None
    """The migration commit on main; None when nothing changed or only checked."""
    previous_main: str = ""
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "model": CURRENT_MODEL,
            "commit": self.commit,
            "previous_main": self.previous_main,
            "guides": [{"path": g.path, "changes": list(g.changes)} for g in self.guides],
        }


def plan_migration(store: WikiStore, commit: str) -> tuple[GuideMigration, ...]:
    """How each guide of ``commit`` changes, for the guides that do.

    Raises:
        GuideError: a guide cannot be read or migrated (the first, in path order).
    """
    planned = []
    for entry in store.files(commit, CONTENT_DIR + "/"):
        if not is_guide_path(entry.path) or not stat.S_ISREG(entry.mode):
            continue  # a symlink is `check`'s to report; it is no guide to rewrite
        migration = migrate_guide(store.blob(entry.blob_id), entry.path)
        if migration.changed:
            planned.append(migration)
    return tuple(planned)


def migrate_wiki(
    store: WikiStore, *, author: Identity, check: bool = False, when: int | None = None
) -> WikiMigration:
    """Rewrite every guide of ``main`` to the current model as one commit on ``main``.

    Args:
        store: the wiki repository.
        author: who migrates (the commit's author).
        check: only say what would change; write nothing.
        when: the commit time (seconds since the epoch; now by default).

    Returns:
        The guides changed and the commit (none when nothing changed or ``check``).

    Raises:
        GuideError: a guide cannot be migrated; nothing is written.
        WikitoolError: ``main`` kept moving while migrating.
    """
    for _ in range(MIGRATE_ATTEMPTS):
        main = store.main()
        planned = plan_migration(store, main)
        if check or not planned:
            return WikiMigration(planned, previous_main=main)
        commit = store.write_files_commit(
            parents=[main],
            base_tree=store.commit_info(main).tree,
            changes={g.path: g.text.encode("utf-8") for g in planned},
            message=_message(planned),
            author=author,
            committer=TOOL_IDENTITY,
            when=when,
        )
        if store.update_ref(MAIN_REF, main, commit, reason=f"migrate to model {CURRENT_MODEL}"):
            return WikiMigration(planned, commit, main, _work_tree_notes(store))
    raise WikitoolError("main kept changing while migrating; try again")


def _message(planned: tuple[GuideMigration, ...]) -> str:
    lines = [f"- {g.path}: {'; '.join(g.changes)}" for g in planned]
    return (
        f"Migrate {len(planned)} guide(s) to guide model {CURRENT_MODEL}\n\n"
        "Rewritten by wikitool migrate:\n" + "\n".join(lines) + "\n"
    )


def _work_tree_notes(store: WikiStore) -> list[str]:
    if store.checked_out_branch() != MAIN_REF:
        return []
    # main moved under the staff checkout without touching its files (as a merge does).
    return [
        f"the working tree at {store.work_tree} has main checked out and now shows this "
        "migration as if reverted: with no edits of your own there, "
        "`git reset --hard main` brings it up to date"
    ]
