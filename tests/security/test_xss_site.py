"""Script a member of staff commits straight to main is neutralized at build, as a real
browser proves.

Staff can push anything to ``main``, past every check a suggestion goes through, and may
even switch on Markdown extensions that let text add HTML attributes (``attr_list``,
``md_in_html``). So the site must neutralize whatever the wiki holds. One guide per
payload is committed with real git; the site is built with ``build_site``; Debian's
chromium loads each page, hovers, focuses and clicks everything in it, and then no dialog
has opened, no script from the content has run (``window.__xss``, ``document.title``),
the page has not navigated away, and nothing was requested from any host but the
loopback server.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import build, launch_chromium, page_path, serving
from hostile_markup import (
    FRONT_MATTER_PAYLOADS,
    OFFSITE,
    PAYLOADS,
    RUN,
    Payload,
    with_body_payload,
    with_front_matter_payload,
)
from playwright.sync_api import Browser, Dialog, Page, Playwright, Request
from wiki_state import GUIDE

from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

pytestmark = pytest.mark.browser

STAFF = Identity("Rogue Staff", "rogue@agency.invalid")
TIMEOUT_MS = 5_000

BODY = [(p, "body") for p in PAYLOADS]
FRONT_MATTER = [(p, "front matter") for p in FRONT_MATTER_PAYLOADS]


def guide_for(payload: Payload, where: str) -> str:
    """The path (under ``content/``) of the guide that carries ``payload``."""
    slug = re.sub(r"[^a-z0-9]+", "-", payload.name.lower()).strip("-")
    prefix = "xss-fm" if where == "front matter" else "xss"
    return f"identity-and-travel/{prefix}-{slug}.md"


def _hostile_guide(passport: str, payload: Payload, where: str) -> str:
    if where == "front matter":
        return with_front_matter_payload(passport, payload)
    title = f"Attack {guide_for(payload, where).split('/')[1].removesuffix('.md')}"
    titled = passport.replace("title: Renew an adult passport", f"title: {title}", 1)
    return with_body_payload(titled, payload)


def _git(repo: Path, *args: str) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "TZ": "UTC",
    }
    subprocess.run(
        ["git", "-C", str(repo), "-c", f"user.name={STAFF.name}", "-c", f"user.email={STAFF.email}", *args],
        check=True, capture_output=True, env=env,
    )  # fmt: skip


@dataclass(frozen=True)
class HostileSite:
    """The built site with one hostile guide per payload, served on loopback."""

    base_url: str

    def url(self, payload: Payload, where: str) -> str:
        return self.base_url + page_path(guide_for(payload, where))


def build_hostile_site(root: Path) -> Path:
    """The reference wiki plus every payload, committed to main by staff with real git
    (``attr_list`` and ``md_in_html`` switched on), built into ``root / "site"``."""
    wiki = root / "wiki"
    init_wiki(wiki, author=STAFF, when=1_790_000_000)
    passport = (wiki / GUIDE).read_text(encoding="utf-8")
    for payload, where in BODY + FRONT_MATTER:
        target = wiki / "content" / guide_for(payload, where)
        target.write_text(_hostile_guide(passport, payload, where), encoding="utf-8")
    config = wiki / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "markdown_extensions:\n", "markdown_extensions:\n  - attr_list\n  - md_in_html\n", 1
        ),
        encoding="utf-8",
    )
    _git(wiki, "add", "content", "mkdocs.yml")
    _git(wiki, "commit", "-q", "-m", "Add guides straight to main, no review")
    # Not strict: the attacks make MkDocs warn (missing images); readers are the point.
    return build(root, strict=False).site_dir


CONTROL_PAGE = "/control-unsanitized/"


def _unsanitized_control_page(site: Path) -> None:
    """A copy of a built guide with script put back into its body after the build."""
    built = (site / page_path(guide_for(PAYLOADS[0], "body")).strip("/") / "index.html").read_text()
    injected = f'<script>{RUN}</script><img src="{OFFSITE}/pixel.gif" onerror="{RUN}">'
    assert '<div class="wt-body">' in built
    control = site / CONTROL_PAGE.strip("/") / "index.html"
    control.parent.mkdir()
    control.write_text(built.replace('<div class="wt-body">', f'<div class="wt-body">{injected}', 1))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileSite]:
    """Every payload in a guide of its own, built and served on loopback."""
    site = build_hostile_site(tmp_path_factory.mktemp("xss-site"))
    _unsanitized_control_page(site)
    with serving(site) as base_url:
        yield HostileSite(base_url)


@pytest.fixture(scope="module")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless, driven by playwright, unable to resolve any host but
    127.0.0.1 (so a request elsewhere fails at once, and is still seen as a request)."""
    launched = launch_chromium(
        playwright_driver, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    )
    yield launched
    launched.close()


@dataclass
class Visit:
    """The reader's tab, and what it did while the current page was looked at."""

    page: Page
    dialogs: list[str]
    offsite: list[str]


@pytest.fixture(scope="module")
def reader_tab(chromium: Browser) -> Iterator[Visit]:
    """One tab for the module that records (and dismisses) dialogs and records every
    request to a host other than 127.0.0.1, frames and workers included.

    Each test loads its page into it: a new document starts with a new ``window``, and
    reusing the tab costs a third of the CPU of opening one per page.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    seen = Visit(context.new_page(), [], [])

    def dismiss(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    def record(request: Request) -> None:
        if urlsplit(request.url).hostname != "127.0.0.1":
            seen.offsite.append(request.url)

    seen.page.on("dialog", dismiss)
    seen.page.on("request", record)
    yield seen
    context.close()


@pytest.fixture
def visit(reader_tab: Visit) -> Visit:
    """The reader's tab, on a blank page, with nothing recorded yet."""
    reader_tab.page.goto("about:blank")
    reader_tab.dialogs.clear()
    reader_tab.offsite.clear()
    return reader_tab


# Hover and focus everything in the article, click everything in the guide's body except
# links that go somewhere over http(s) and what is inside them (a step's "Suggest a
# change" holds a span): a handler, a script URL or a form that survived the build
# would run or submit now.
INTERACT = """() => {
  const article = document.querySelector('article') || document.body;
  for (const el of article.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'pointerdown']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  const body = document.querySelector('.wt-body') || article;
  for (const el of body.querySelectorAll('*')) {
    const link = el.closest('a');
    if (link instanceof HTMLAnchorElement && /^https?:$/.test(link.protocol)) continue;
    el.click();
  }
}"""

# Whatever the DOM (as the browser parsed it: mutation XSS happens here) still holds
# that could run script or reach another host.
LEFTOVERS = """() => {
  const found = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc', 'poster'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.push(`<${el.localName} ${name}>`);
      if (urlAttributes.includes(name) && /^[\\s\\u0000-\\u001f]*(javascript|vbscript|data):/i.test(a.value)) {
        found.push(`<${el.localName} ${name}=${a.value.slice(0, 40)}>`);
      }
    }
  }
  for (const el of document.querySelectorAll('base, meta[http-equiv], iframe, frame, object, embed')) {
    found.push(`<${el.localName}>`);
  }
  for (const el of document.querySelectorAll('script')) {
    if (el.type === 'application/ld+json') {
      // Structured data holds the front matter as JSON text: it must stay JSON.
      try { JSON.parse(el.textContent); } catch (e) { found.push('JSON-LD that is not JSON'); }
    } else if (el.textContent.includes('__xss')) {
      found.push('<script> with the payload');
    }
  }
  const body = document.querySelector('.wt-body');
  if (body === null) found.push('no .wt-body: the guide did not render as a guide');
  else for (const el of body.querySelectorAll(
      'script, style, link, form, input, button, textarea, select, svg, math, template, noscript, [style]')) {
    found.push(`<${el.localName}> in the guide's body`);
  }
  return found;
}"""


@dataclass(frozen=True)
class Seen:
    """Every trace of script from the content, after a reader looked at a page."""

    dialogs: list[str]
    navigated_to: str | None
    xss_marker: object
    title_changed: bool
    offsite: list[str]
    leftovers: list[str]

    @property
    def traces(self) -> dict[str, object]:
        """The traces there are (empty: the page is safe)."""
        found = {
            "dialogs": self.dialogs,
            "navigated to": self.navigated_to,
            "window.__xss": self.xss_marker,
            "document.title set": self.title_changed,
            "offsite requests": self.offsite,
            "left in the DOM": self.leftovers,
        }
        return {name: value for name, value in found.items() if value}


def read_like_a_reader(visit: Visit, url: str) -> Seen:
    """Load ``url``, move, tab, hover, focus and click, then collect what happened."""
    page = visit.page
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} was not built"
    page.mouse.move(640, 400)
    page.keyboard.press("Tab")
    page.evaluate(INTERACT)
    # Timers a payload might have set (a meta refresh, an iframe loading) get their turn.
    page.wait_for_timeout(100)
    return Seen(
        dialogs=visit.dialogs,
        navigated_to=page.url if page.url != url else None,
        xss_marker=page.evaluate("window.__xss"),
        title_changed=page.title() == "XSS",
        offsite=visit.offsite,
        leftovers=page.evaluate(LEFTOVERS),
    )


@pytest.mark.parametrize(("payload", "where"), BODY + FRONT_MATTER, ids=lambda v: str(v))
def test_a_hostile_page_runs_nothing_in_a_real_browser(
    hostile_site: HostileSite, visit: Visit, payload: Payload, where: str
) -> None:
    seen = read_like_a_reader(visit, hostile_site.url(payload, where))
    assert seen.traces == {}


def test_the_reader_sees_script_that_does_run(hostile_site: HostileSite, visit: Visit) -> None:
    """The checks above can fail: a page with the payload put back after the build
    (as a site without sanitizing would serve it) shows every trace."""
    seen = read_like_a_reader(visit, hostile_site.base_url + CONTROL_PAGE)
    assert seen.dialogs == ["1", "1"]  # the script and the onerror handler
    assert seen.xss_marker == 1
    assert seen.title_changed
    assert seen.offsite == [f"{OFFSITE}/pixel.gif"]
    assert seen.leftovers == ["<img onerror>", "<script> with the payload", "<script> in the guide's body"]
