"""``wikitool publish --watch``: publish ``main`` each time it moves, until told to stop.

The loop reads ``refs/heads/main`` with dulwich every ``POLL_SECONDS`` (one read of a
41-byte file; dulwich re-reads ``packed-refs`` only when that file changed), so it needs
no inotify, works on any file system the repository is on, and sees every way ``main``
moves: ``review merge``, ``migrate``, a staff ``git push`` or ``git commit``. Once main
has moved, it waits until main has stood still for ``debounce`` seconds (a burst of
merges makes one publish), then publishes that exact commit with
:func:`deployment.publish`: a failed build leaves the live site as it was and the loop
goes on watching. At the start it publishes when the live release is not main's tip.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wikitool.errors import WikitoolError
from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.publishing.deployment import DEFAULT_KEEP, Published, publish
from wikitool.publishing.incremental import SiteSession
from wikitool.publishing.releases import Releases, check_keep

DEFAULT_DEBOUNCE = 1.0
"""Seconds main must stand still before it is published."""
POLL_SECONDS = 0.25
"""How often main is read: a quarter of a second adds little to a publish's latency."""


@dataclass(frozen=True)
class Failed:
    """A publish that failed: nothing live changed."""

    commit: str
    reason: str
    live: str | None
    """The commit the live release still shows, if any."""
    seconds: float


Outcome = Published | Failed
"""What one publish of the loop did, handed to the caller's ``report``."""


class MainWatch:
    """Publishes ``main`` to a live path each time it moves: :meth:`run` until stopped."""

    def __init__(
        self,
        store: WikiStore,
        out: Path,
        *,
        intake_url: str | None = None,
        keep: int = DEFAULT_KEEP,
        debounce: float = DEFAULT_DEBOUNCE,
        poll: float = POLL_SECONDS,
    ) -> None:
        """Raises:
        ReleaseError: ``out`` cannot be a release's link, or ``keep`` is below 1:
            refused before watching starts.
        """
        check_keep(keep)
        Releases(out)  # refuses an --out that cannot be a release's link
        self.store = store
        self.out = out
        self.intake_url = intake_url
        self.keep = keep
        self.debounce = debounce
        self.poll = poll
        self.session = SiteSession(intake_url=intake_url)
        """The last build kept loaded: a commit that only changed pages renders those."""

    def run(self, stop: threading.Event, report: Callable[[Outcome], None]) -> None:
        """Publish main each time it moves (and at once if the live release is not its
        tip), handing each outcome to ``report``, until ``stop`` is set.

        A commit is published once, whether it succeeds or fails: a failed one is tried
        again only when main moves on. A publish under way when ``stop`` is set is
        finished first, so the live path and ``refs/tags/published`` always agree.
        """
        try:
            self._run(stop, report)
        finally:
            self.session.close()

    def _run(self, stop: threading.Event, report: Callable[[Outcome], None]) -> None:
        handled = _live_commit(self.out)
        collect_at: float | None = None
        while not stop.is_set():
            tip = self.store.ref(MAIN_REF)
            if tip is None or tip == handled:
                if collect_at is not None and time.monotonic() >= collect_at:
                    # The build freezes the objects it starts with (publish.build_site),
                    # so the cyclic garbage of the build before would be carried into
                    # every later one: about 1.3 MB more a publish of a 30-page wiki.
                    # Collected once main has stood still a poll after a publish, not
                    # between a merge and its publish: a full collection of a 2,000-guide
                    # build kept loaded takes 0.2 to 0.6 s.
                    gc.collect()
                    collect_at = None
                stop.wait(self.poll)
                continue
            settled = _settled(self.store, tip, self.debounce, self.poll, stop)
            # Main moved back to what is live (a bad commit reset away): nothing to do.
            if settled is not None and settled not in (handled, _live_commit(self.out)):
                report(self._publish(settled))
                collect_at = time.monotonic() + self.poll
            handled = settled or handled

    def _publish(self, commit: str) -> Outcome:
        started = time.monotonic()
        # The repository opened afresh for each publish: a `git gc` since the last one
        # may have replaced the packs a long-lived handle would still be reading.
        store = WikiStore.open(self.store.work_tree or self.store.git_dir)
        try:
            return publish(
                store,
                self.out,
                rev=commit,
                intake_url=self.intake_url,
                keep=self.keep,
                session=self.session,
            )
        # Every failure, not only WikitoolError: a bug one commit trips in the build
        # must not end the watch, or the next good commit would never be published.
        except Exception as exc:
            reason = str(exc) if isinstance(exc, WikitoolError) else f"{type(exc).__name__}: {exc}"
            return Failed(commit, reason, _live_commit(self.out), time.monotonic() - started)
        finally:
            store.close()


def _settled(
    store: WikiStore, tip: str, debounce: float, poll: float, stop: threading.Event
) -> str | None:
    """Main's tip once it has not moved for ``debounce`` seconds (``None``: stopped, or
    main deleted)."""
    still_since = time.monotonic()
    while not stop.wait(min(poll, debounce) if debounce > 0 else 0):
        now = store.ref(MAIN_REF)
        if now is None:
            return None
        if now != tip:
            tip, still_since = now, time.monotonic()
        elif time.monotonic() - still_since >= debounce:
            return tip
    return None


def _live_commit(out: Path) -> str | None:
    try:
        live = Releases(out).live()
    except WikitoolError:
        return None  # someone put a file or folder where the link was
    return live.commit if live is not None else None
