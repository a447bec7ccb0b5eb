"""The folders of the next incremental build, made ready while ``publish --watch`` waits.

A release of a 2,000-guide wiki holds about 2,000 folders (a page is
``<page>/index.html``). On a journaling file system making a folder costs about 0.3 ms
of system time and deleting one about 1 ms, while hard-linking or unlinking a file in
one costs a tenth of that: 0.6 s to make a release's folders and 2 s to delete them, on
this project's virtual disk, against 0.1 s to link its 4,000 files. So a watch keeps
one spare tree of empty folders, made ready in a background thread after each publish:

- the release pruned after the switch (renamed out of the releases by
  ``Releases.retire``), its files unlinked and its folders kept: what pruning would have
  deleted becomes the next release's folders, and nothing is deleted at all;
- while fewer than ``--keep`` releases exist, the live release's folders made anew.

The next incremental build takes the spare as its site folder (one rename) before it
renders, and links the live release's files into it (``incremental._link_the_rest``:
folders missing are made, folders the live release lacks removed). Old releases beyond
the one kept as the spare are deleted in another thread, which nothing waits for.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
from pathlib import Path

from wikitool.publishing.releases import RETIRED, SITE


class SpareFolders:
    """One spare tree of empty folders (``<spare>/site/...``) for the next build's site."""

    def __init__(self) -> None:
        self._spare: Path | None = None
        """A folder whose ``site`` holds folders only, once the preparing thread is done."""
        self._preparing: threading.Thread | None = None
        self._deleting: list[threading.Thread] = []
        self._stop = threading.Event()
        """Set when the build needs the spare now: folders not yet made are made by it."""

    def prepare(self, retired: list[Path], live_site: Path, folder: Path) -> None:
        """In the background: keep the newest of ``retired`` (old releases renamed out of
        the releases' ``folder``) as the spare, emptied of its files, and delete the rest;
        with none retired and no spare yet, make ``live_site``'s folders anew."""
        self._finish_preparing()
        if self._spare is not None and not self._spare.exists():
            self._spare = None  # deleted by another publisher's prune, a day old
        keep = retired[-1] if retired and self._spare is None else None
        doomed = [path for path in retired if path != keep]
        if doomed:
            thread = threading.Thread(target=_delete, args=(doomed,), daemon=True)
            thread.start()
            self._deleting = [t for t in self._deleting if t.is_alive()] + [thread]
        if keep is None and self._spare is not None:
            return
        self._stop.clear()
        self._preparing = threading.Thread(
            target=self._prepare, args=(keep, live_site, folder), daemon=True
        )
        self._preparing.start()

    def take(self, site: Path) -> bool:
        """Move the spare's folders to ``site`` (not there yet); False when there is no
        spare. A spare still being made is taken as far as it got."""
        self._stop.set()
        self._finish_preparing()
        spare, self._spare = self._spare, None
        if spare is None:
            return False
        try:
            os.rename(spare / SITE, site)
        except OSError:
            _delete([spare])  # deleted by someone else, or in the way: build without it
            return False
        _delete([spare])  # empty now: one folder
        return True

    def close(self) -> None:
        """Stop preparing, wait for the deletions, and delete the spare."""
        self._stop.set()
        self._finish_preparing()
        for thread in self._deleting:
            thread.join()
        self._deleting = []
        if self._spare is not None:
            _delete([self._spare])
            self._spare = None

    def _finish_preparing(self) -> None:
        if self._preparing is not None:
            self._preparing.join()
            self._preparing = None

    def _prepare(self, retired: Path | None, live_site: Path, folder: Path) -> None:
        try:
            if retired is not None:
                _unlink_files(retired)
                self._spare = retired
            else:
                spare = folder / f"{RETIRED}spare-{secrets.token_hex(6)}"
                (spare / SITE).mkdir(parents=True)
                self._spare = spare  # usable as far as it gets
                _make_folders(live_site, spare / SITE, self._stop)
        except OSError:
            # No spare: the build makes its folders itself.
            if retired is not None and self._spare is None:
                _delete([retired])


def _unlink_files(root: Path) -> None:
    """Unlink every file under ``root`` (its folders stay): files of an old release are
    shared with newer ones by hard links, so only the names go."""
    for folder, _dirs, names in os.walk(root):
        for name in names:
            os.unlink(os.path.join(folder, name))


def _make_folders(source: Path, target: Path, stop: threading.Event) -> None:
    for folder, dirs, _names in os.walk(source):
        if stop.is_set():
            return
        relative = os.path.relpath(folder, source)
        base = target if relative == "." else target / relative
        for name in dirs:
            os.makedirs(base / name, exist_ok=True)


def _delete(paths: list[Path]) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
