"""Commit straight to ``main`` at the object level, as staff editing the wiki would."""

from __future__ import annotations

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.model import Identity


def commit_to_main(
    store: WikiStore,
    changes: dict[str, bytes | None],
    message: str,
    *,
    when: int,
    author: Identity,
    committer: Identity,
    extra_parents: tuple[str, ...] = (),
) -> str:
    """Commit ``changes`` (repository paths; ``None`` deletes) on main's tip and move main."""
    tip = store.main()
    commit = store.write_files_commit(
        parents=[tip, *extra_parents],
        base_tree=store.commit_info(tip).tree,
        changes=changes,
        message=message,
        author=author,
        committer=committer,
        when=when,
    )
    assert store.update_ref(MAIN_REF, tip, commit)
    return commit
