"""``wikitool publish``: a commit built into a new release, checked, switched live in one
step, and ``refs/tags/published`` moved to it; ``--rollback`` switches back.

Readers never see a gap: the build and the check happen in a folder no web server
serves, and the live path only ever changes by one rename(2) (``releases.py``). A
failed build or check removes its folder and changes nothing else.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

from wikitool.errors import MailError, ReleaseError, WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.publishing.held_back import HeldBack, LiveVersions
from wikitool.publishing.incremental import FULL, Plan, SiteSession
from wikitool.publishing.publish import build_site
from wikitool.publishing.release_check import check_release
from wikitool.publishing.releases import SITE, Releases, check_keep

PUBLISHED_REF = "refs/tags/published"
"""The commit readers are shown, as the intake's ``--published-rev`` reads it."""
DEFAULT_KEEP = 5
TAG_ATTEMPTS = 5
FRESH_PROCESS = "a plain publish builds in full (publish --watch keeps a build loaded)"


@dataclass(frozen=True)
class Published:
    """What a publish or a rollback made live."""

    commit: str
    release: Path
    pages: int
    seconds: float
    pruned: int = 0
    """Old releases deleted to keep ``keep``."""
    held_back: tuple[HeldBack, ...] = ()
    """The guides this release holds back, each with ``path``, ``line`` and ``reason``:
    its page is the one of the release it replaced (``kept_published``), or absent."""
    plan: Plan | None = None
    """Incremental or full, and why (``incremental.py``); ``None`` for a rollback."""


def publish(
    store: WikiStore,
    out: Path,
    *,
    rev: str = "main",
    intake_url: str | None = None,
    keep: int = DEFAULT_KEEP,
    session: SiteSession | None = None,
) -> Published:
    """Build ``rev`` into a new release beside ``out``, check it, switch ``out`` to it,
    move ``refs/tags/published`` to its commit and keep the newest ``keep`` releases.

    With a ``session`` (``--watch`` keeps one), only the pages a commit changed are
    rendered when it can (``incremental.py``); without, the build is a full one.

    Raises:
        NotFoundError: ``rev`` is not a commit.
        ReleaseError: ``out`` cannot be a release's link, or ``keep`` is below 1.
        BuildError: the site did not build or is not whole; nothing live changed. (A
            guide the build would stop on is held back instead: see ``held_back``.)
    """
    started = time.monotonic()
    check_keep(keep)
    releases = Releases(out)
    commit = store.resolve(rev)
    live = releases.live()
    published = LiveVersions(live.commit, live.kept) if live is not None else None
    with releases.building(commit) as building:
        if session is None:
            built = build_site(
                store, building / SITE, rev=commit, intake_url=intake_url, published=published
            )
            plan = Plan(FULL, FRESH_PROCESS, rendered=built.pages)
        else:
            from_live = (live.commit, live.site) if live is not None else None
            built, plan = session.build(store, building / SITE, commit, from_live, published)
        check_release(store, built)
        kept = {held.path: held.kept_from for held in built.held_back}
        release = releases.add(building, commit, built.pages, kept)
        if session is not None:
            session.released(release.site)
    with releases.switching():
        try:
            releases.switch_to(release)
        except ReleaseError:
            releases.remove(release)
            raise
        _move_published(store, commit, "wikitool publish")
        if session is None:
            pruned = releases.prune(keep)
        else:
            # A watch reuses an old release's folders for its next build and deletes the
            # rest in the background: no deleting before the next publish can start.
            pruned = releases.retire(keep)
            session.recycle([r.path for r in pruned], release.site, releases.folder)
    # "published", to citizens who asked to hear back (sent where mail is sent). The site
    # is live whatever the outbox says: if it cannot be written now, the next sender's
    # pass finds "published" and queues it.
    # Imported here: the mail and the status rules (with the personal-data screen they
    # load) are a tenth of a second that `wikitool build`, which imports this module
    # with the command line, never needs.
    from wikitool.review.notify import notify_all

    with contextlib.suppress(MailError):
        notify_all(store, published_commit=commit)
    seconds = time.monotonic() - started
    return Published(
        commit, release.path, built.pages, seconds, len(pruned), built.held_back, plan
    )


def rollback(store: WikiStore, out: Path) -> Published:
    """Switch ``out`` back to the release before the live one and move
    ``refs/tags/published`` back to its commit.

    Raises:
        ReleaseError: ``out`` is not a release's link, or no older release is kept.
    """
    started = time.monotonic()
    releases = Releases(out)
    with releases.switching():
        live = releases.live()
        target = releases.previous()
        releases.switch_to(target)
        if live is not None:
            releases.mark_rolled_back(live)
        _move_published(store, target.commit, "wikitool publish --rollback")
    return Published(target.commit, target.path, target.pages, time.monotonic() - started)


def _move_published(store: WikiStore, commit: str, reason: str) -> None:
    # Compare-and-swap like every ref: a hand-moved tag in between is read again.
    try:
        for _ in range(TAG_ATTEMPTS):
            old = store.ref(PUBLISHED_REF)
            if old == commit or store.update_ref(PUBLISHED_REF, old, commit, reason=reason):
                return
        problem = "it kept moving under us"
    except WikitoolError as exc:
        problem = str(exc)
    # The site is already live: say so, and how to make the tag tell the truth.
    raise ReleaseError(
        f"{commit[:12]} is live but {PUBLISHED_REF} was not moved ({problem}): "
        f"git update-ref {PUBLISHED_REF} {commit}"
    )
