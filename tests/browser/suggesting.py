"""A citizen's side of the wiki in a real browser: a site built with an intake, and the
intake itself, both on loopback.

The intake is the real Starlette app on uvicorn in a thread, allowed to be called from the
site's origin only (CORS), with no rate limit unless a test asks for one. The site is built from the wiki's ``main``
with ``intake_url`` pointing at it, and can be rebuilt in place after staff merge.
Test modules import this by name (``from suggesting import ...``), like ``browsing``.
"""

from __future__ import annotations

import re
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from browsing import STAFF, serving
from intake_server import serving_intake
from isolation import isolated_environment
from playwright.sync_api import Locator, Page

from wikitool.gitstore import WikiStore
from wikitool.intake.server import bind_socket
from wikitool.intake.settings import IntakeSettings
from wikitool.publishing.publish import BuildResult, build_site
from wikitool.services.mail_delivery import MailDelivery
from wikitool.services.wiki_init import init_wiki

INIT_TIME = 1_790_000_000  # 21 September 2026
SUGGESTION_ID = re.compile(r"^[0-9a-hjkmnp-tv-z]{26}$")


@dataclass
class CitizenSite:
    """A wiki, its site served on loopback, and the intake the site's forms post to."""

    repo: Path
    site_dir: Path
    base_url: str
    intake_url: str
    commit: str

    def url(self, page: str) -> str:
        """A page's URL from its path under ``content/`` (``a/b.md`` -> ``/a/b/``)."""
        return f"{self.base_url}/{page.removesuffix('.md')}/"

    def suggest_url(self, guide: str, *, report: bool = False) -> str:
        """The suggestion page for ``guide`` (its path under ``content/``)."""
        return f"{self.base_url}/suggest/?guide={guide}" + ("&report=1" if report else "")

    def track_url(self, suggestion_id: str) -> str:
        """The tracking page of a suggestion."""
        return f"{self.base_url}/track/?id={suggestion_id}"

    def rebuild(self) -> BuildResult:
        """Build ``main`` again into the served folder, as a deployment does after a merge."""
        with isolated_build_env(self.repo.parent), WikiStore.open(self.repo) as store:
            built = build_site(store, self.site_dir, intake_url=self.intake_url)
        self.commit = built.commit
        return built


# No user git config or wikitool variable reaches a build or the intake.
isolated_build_env = isolated_environment


@contextmanager
def citizen_site(
    root: Path,
    *,
    with_intake: bool = True,
    rate_limit: int = 0,
    mail: MailDelivery | None = None,
    published_rev: str | None = None,
) -> Iterator[CitizenSite]:
    """A new wiki under ``root``, its site and (unless ``with_intake`` is false) its
    intake, allowing ``rate_limit`` writes per minute (0: any number), sending mail
    through ``mail`` when given and knowing the live site's revision from
    ``published_rev`` (``intake serve --published-rev``, e.g. ``refs/tags/published``,
    which ``wikitool publish`` moves), served on 127.0.0.1 until the context ends."""
    with isolated_build_env(root):
        init_wiki(root / "wiki", author=STAFF, when=INIT_TIME)
    site_dir = root / "site"
    site_dir.mkdir()
    # Both addresses are needed before either starts: the site is built with the
    # intake's URL, and the intake allows the site's origin.
    sock = bind_socket("127.0.0.1", 0)
    intake_url = f"http://127.0.0.1:{sock.getsockname()[1]}" if with_intake else ""
    with serving(site_dir) as base_url:
        site = CitizenSite(root / "wiki", site_dir, base_url, intake_url, "")
        site.rebuild()
        if not with_intake:
            sock.close()
            yield site
            return
        with running_intake(
            sock, root / "wiki", base_url, rate_limit, mail, published_rev=published_rev
        ):
            yield site


def everything_in_git(repo: Path) -> str:
    """Every commit, trailer and patch on every ref (branches, reviews, archive)."""
    done = subprocess.run(
        ["git", "-C", str(repo), "log", "--all", "-p", "--format=raw"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@contextmanager
def running_intake(
    sock: socket.socket,
    repo: Path,
    origin: str,
    rate_limit: int,
    mail: MailDelivery | None = None,
    *,
    published_rev: str | None = None,
) -> Iterator[None]:
    """``wikitool intake serve`` for ``repo`` on ``sock``, in a thread."""
    settings = IntakeSettings(
        repo=repo,
        allow_origins=(origin,),
        rate_limit=rate_limit,
        mail=mail,
        mail_interval=0.2,
        published_rev=published_rev,
    )
    with serving_intake(settings, sock):
        yield


# -- on the suggestion page ------------------------------------------------------------------


def editor(page: Page) -> Locator:
    """The guide's text, found by its label as a screen reader user finds it."""
    return page.get_by_label("The guide's text")


def open_editor(page: Page, url: str) -> Locator:
    """Open the suggestion page, open "Edit the whole source" (the form comes first) and
    wait for the guide's text to load."""
    page.goto(url)
    page.locator("#__wt-form").wait_for(state="visible")
    disclosure = page.locator("#__wt-source")
    if disclosure.get_attribute("open") is None:
        page.locator("#__wt-source-title").click()
    field = editor(page)
    field.wait_for(state="visible")
    page.wait_for_function(
        "document.getElementById('__wt-content').value.length > 0", timeout=5_000
    )
    return field


def change_text(field: Locator, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the editor, as typing would."""
    text = field.input_value()
    assert old in text, old
    field.fill(text.replace(old, new, 1))


def tracking_id(page: Page) -> str:
    """The suggestion number the page shows once a suggestion is sent."""
    number = page.locator("#__wt-done-id").inner_text().strip()
    assert SUGGESTION_ID.match(number), number
    return number
