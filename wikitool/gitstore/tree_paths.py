"""The file paths of a commit's tree, as a set that reads only what ``in`` asks about."""

from __future__ import annotations

from collections.abc import Iterator

from wikitool.gitstore.merge import blob_ids
from wikitool.gitstore.store import WikiStore


class TreePaths(set[str]):
    """The paths of ``commit``'s files under ``prefix`` ending in ``suffix``, lazily.

    Checking a guide's links asks whether a handful of paths exist; listing the whole
    tree of a 2,000-guide wiki for that costs more than the rest of a submission or a
    merge. ``in`` looks the path up in the folders on its way; anything else (iterating,
    ``len``) lists the tree first, so the set behaves as the full set would. Paths
    ``add``-ed count as well (the guide a suggestion creates).

    A lookup finds plain files only; the listing also holds symlinks and submodules,
    which a wiki does not have (publishing refuses them).
    """

    def __init__(self, store: WikiStore, commit: str, prefix: str = "", suffix: str = "") -> None:
        super().__init__()
        self._store, self._commit, self._listed = store, commit, False
        self._prefix, self._suffix = prefix, suffix

    def __contains__(self, path: object) -> bool:
        if self._listed or not isinstance(path, str) or super().__contains__(path):
            return super().__contains__(path)
        if not (path.startswith(self._prefix) and path.endswith(self._suffix)):
            return False
        return blob_ids(self._store, self._commit, [path])[path] is not None

    def __iter__(self) -> Iterator[str]:
        self._list()
        return super().__iter__()

    def __len__(self) -> int:
        self._list()
        return super().__len__()

    def _list(self) -> None:
        if not self._listed:
            files = self._store.files(self._commit, self._prefix)
            self.update(f.path for f in files if f.path.endswith(self._suffix))
            self._listed = True
