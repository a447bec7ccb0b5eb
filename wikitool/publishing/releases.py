"""Releases: each publish is a whole site in its own folder beside the live path, and the
live path is a symlink switched from one release to the next with rename(2).

The layout (Capistrano's, with the record kept out of what is served)::

    PATH                                 -> PATH.releases/<id>/site  (a relative symlink)
    PATH.releases/<id>/site/             one built site, never changed once live
    PATH.releases/<id>/release.json      {"commit", "published", "pages", "kept"}: not served
    PATH.releases/.building-<id>/        a release being built and checked, never live
    PATH.releases/.retired-<...>/        an old release pruned, being deleted or reused
                                         (``publish --watch``: spare_folders.py)
    PATH.releases/.lock                  held while switching, so publishers take turns

``<id>`` is the UTC time to the millisecond and the short commit
(``20261206T201500.123Z-0a6f22190058``): sorting ids sorts releases by age. A reader's
web server follows ``PATH`` on every request, and rename(2) replaces the symlink in one
step, so every request is answered from one whole release, the old or the new.
POSIX only (symlinks and ``flock``), as the web servers it serves.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from wikitool.errors import ReleaseError

SITE = "site"
RECORD = "release.json"
BUILDING = ".building-"
RETIRED = ".retired-"
LOCK = ".lock"
ABANDONED_SECONDS = 24 * 3600
"""A folder still building after a day was left by a killed publish (a 2,000-guide
build takes about a minute), and is deleted by the next prune; so is one retired a day
ago (a watch reuses or deletes its own within seconds)."""


@dataclass(frozen=True)
class Release:
    """One published release: its folder, the commit it shows and when it was made."""

    path: Path
    commit: str
    published: str
    pages: int
    rolled_back: bool = False
    """Switched away from by a rollback: a later rollback passes over it."""
    kept: Mapping[str, str | None] = field(default_factory=dict)
    """The guides its build held back: each one's path -> the commit whose version the
    release shows (``None``: no page), so the next publish keeps the same version."""

    @property
    def id(self) -> str:
        """The folder's name: UTC time and short commit, sorted by age."""
        return self.path.name

    @property
    def site(self) -> Path:
        """The built site the live path points at."""
        return self.path / SITE


class Releases:
    """The releases of one live path, ``PATH``, kept in ``PATH.releases/``."""

    def __init__(self, out: Path) -> None:
        """Args:
            out: the live path readers' web server serves.

        Raises:
            ReleaseError: ``out`` is a file or a real folder (not a release's symlink), or
                ``PATH.releases`` is not a folder.
        """
        # abspath, not resolve: resolving would follow the live symlink into a release.
        self.out = Path(os.path.abspath(out))
        self.folder = self.out.with_name(self.out.name + ".releases")
        if not self.out.is_symlink() and self.out.is_dir():
            raise ReleaseError(
                f"{self.out} is a folder, not the link publish switches: move it away "
                f"(mv {self.out} {self.out}.old) and publish again"
            )
        if not self.out.is_symlink() and self.out.exists():
            raise ReleaseError(f"{self.out} is a file: --out names the folder readers are served")
        if self.folder.exists() and not self.folder.is_dir():
            raise ReleaseError(f"{self.folder} is a file: publish keeps its releases there")

    def all(self) -> list[Release]:
        """Every complete release, oldest first (a folder without its record is not one)."""
        if not self.folder.is_dir():
            return []
        found = [_read_release(p) for p in self.folder.iterdir() if not p.name.startswith(".")]
        return sorted((r for r in found if r is not None), key=lambda r: r.id)

    def live(self) -> Release | None:
        """The release ``PATH`` points at, or ``None`` (no link yet, or one elsewhere)."""
        if not self.out.is_symlink():
            return None
        target = Path(os.path.normpath(self.out.parent / os.readlink(self.out)))
        if target.name != SITE or target.parent.parent != self.folder:
            return None
        return _read_release(target.parent)

    @contextmanager
    def building(self, commit: str) -> Iterator[Path]:
        """A new, empty folder to build ``commit``'s release in; removed if the block
        fails, so a failed build leaves nothing behind. Finish it with :meth:`add`.

        Raises:
            ReleaseError: ``PATH.releases`` cannot be made (a file in the way, no right).
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReleaseError(f"cannot make {self.folder}: {exc.strerror}") from exc
        while True:
            # Exclusive mkdir: two publishers in the same millisecond get two ids.
            path = self.folder / f"{BUILDING}{_new_id(commit)}"
            try:
                path.mkdir()
                break
            except FileExistsError:
                continue
        try:
            yield path
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise

    def add(
        self,
        building: Path,
        commit: str,
        pages: int,
        kept: Mapping[str, str | None] | None = None,
    ) -> Release:
        """Record a built and checked release and give it its final name (not live yet)."""
        published = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        release = Release(building, commit, published, pages, kept=dict(kept or {}))
        _write_record(release)
        final = self.folder / building.name.removeprefix(BUILDING)
        building.rename(final)
        return replace(release, path=final)

    def remove(self, release: Release) -> None:
        """Delete a release that is not live (a failed switch, or pruning)."""
        shutil.rmtree(release.path, ignore_errors=True)

    @contextmanager
    def switching(self) -> Iterator[None]:
        """Hold the releases' lock: one publisher at a time switches, tags and prunes."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / LOCK, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def switch_to(self, release: Release) -> None:
        """Point ``PATH`` at ``release`` in one step: a new symlink under a temporary name,
        renamed over the old one (rename(2) replaces it atomically)."""
        target = f"{self.folder.name}/{release.id}/{SITE}"
        temporary = self.out.with_name(f".{self.out.name}.switch-{secrets.token_hex(6)}")
        try:
            os.symlink(target, temporary)
            os.replace(temporary, self.out)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise ReleaseError(f"could not switch {self.out} to {release.id}: {exc}") from exc

    def previous(self) -> Release:
        """The release a rollback goes to: the newest one older than the live one that
        was not itself rolled back from.

        Raises:
            ReleaseError: ``PATH`` is not a release's link, or there is no older release.
        """
        live = self.live()
        if live is None:
            raise ReleaseError(f"{self.out} is not linked to a release of {self.folder}")
        older = [r for r in self.all() if r.id < live.id and not r.rolled_back]
        if not older:
            raise ReleaseError(f"{self.out} has no release to roll back to before {live.id}")
        return older[-1]

    def mark_rolled_back(self, release: Release) -> None:
        """Record that a rollback switched away from ``release``."""
        _write_record(replace(release, rolled_back=True))

    def prune(self, keep: int) -> list[Release]:
        """Delete all but the newest ``keep`` releases, never the live one, and what a
        publish killed mid-build left; returns the releases deleted."""
        old = self.retire(keep)
        for release in old:
            self.remove(release)
        return old

    def retire(self, keep: int) -> list[Release]:
        """Take all but the newest ``keep`` releases, never the live one, out of the
        releases in one rename each (``.retired-<id>``: no longer listed, nor rolled back
        to), for the caller to delete or reuse; delete what a publish killed mid-build
        or a stopped watch left a day ago. Returns the releases retired, oldest first,
        at their new paths."""
        live = self.live()
        releases = self.all()
        live_id = live.id if live is not None else None
        old = [r for r in releases[: max(len(releases) - keep, 0)] if r.id != live_id]
        retired = []
        for release in old:
            path = self.folder / f"{RETIRED}{release.id}"
            try:
                release.path.rename(path)
                os.utime(path)  # retired now, whatever its age: not abandoned
            except OSError:
                continue  # gone already: another publisher pruned it
            retired.append(replace(release, path=path))
        abandoned = time.time() - ABANDONED_SECONDS
        for leftover in (*self.folder.glob(f"{BUILDING}*"), *self.folder.glob(f"{RETIRED}*")):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < abandoned:
                    shutil.rmtree(leftover, ignore_errors=True)
        return retired


def check_keep(keep: int) -> None:
    """Raises ReleaseError unless ``keep`` (releases kept) counts the live one at least."""
    if keep < 1:
        raise ReleaseError(f"--keep {keep}: keep at least 1 release, the live one")


def _new_id(commit: str) -> str:
    now = datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z-{commit[:12]}"


def _read_release(path: Path) -> Release | None:
    try:
        data = json.loads((path / RECORD).read_text(encoding="utf-8"))
        kept = data.get("kept", {})
        return Release(
            path,
            str(data["commit"]),
            str(data["published"]),
            int(data["pages"]),
            bool(data.get("rolled_back", False)),
            {str(p): None if c is None else str(c) for p, c in kept.items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # not a release: being deleted, or not ours


def _write_record(release: Release) -> None:
    data: dict[str, object] = {
        "commit": release.commit,
        "published": release.published,
        "pages": release.pages,
    }
    if release.rolled_back:
        data["rolled_back"] = True
    if release.kept:
        data["kept"] = dict(release.kept)
    temporary = release.path / f".{RECORD}.tmp"
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, release.path / RECORD)
