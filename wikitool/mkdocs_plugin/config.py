"""The ``wikitool`` plugin's options in ``mkdocs.yml`` (all optional)::

plugins:
  - search
  - wikitool:
      suggest_url: suggest/?guide={path}
      changes_page: changes.md
      feed: changes.xml

Link templates are checked as the configuration loads (``links.LinkTemplate``).

Where the site's suggestion form and feedback widget post to is not a plugin option but
``extra.wikitool.intake_url``, or ``wikitool build --intake-url`` in its place, which
hands it over with the other facts of the build (``context.BuildContext``).
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from wikitool.mkdocs_plugin.links import LinkTemplate


class WikitoolConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the ``wikitool`` plugin."""

    enabled = c.Type(bool, default=True)
    """Switch the plugin off (pages are then neither sanitized nor enriched)."""

    history = c.Type(bool, default=True)
    """Read git history for dates and changes. Off, or with no repository, pages show none."""

    suggest_url = LinkTemplate(default="suggest/?guide={path}")
    """The "Suggest an edit" link. ``{path}`` is the guide's path under the docs folder
    (``travel/renew.md``), ``{url}`` its page URL, ``{commit}`` the published commit; all
    URL-encoded. A relative value is relative to the site's root; an absolute one must be
    http(s) or mailto."""

    report_url = LinkTemplate(default="suggest/?guide={path}&report=1")
    """The "Is something wrong on this page?" link; same placeholders as ``suggest_url``."""

    suggest_page = c.Type(str, default="suggest.md")
    """Where the generated "Suggest an edit" page lives in the docs (empty: no page);
    ``suggest_url`` and ``report_url`` should point at it. Each guide's source is written
    beside it, ``suggest/sources/<path>.json``. Needs the theme's ``suggest.html``."""

    track_page = c.Type(str, default="track.md")
    """Where the generated "Track your suggestion" page lives (empty: no page). Needs the
    theme's ``track.html``."""

    recent_changes = c.Type(int, default=5)
    """How many changes a guide page lists before its full history."""

    changes_page = c.Type(str, default="changes.md")
    """Where the generated "What changed" page lives in the docs (empty: no page)."""

    changes_title = c.Type(str, default="What changed")
    """The title of that page."""

    changes_limit = c.Type(int, default=100)
    """How many changes that page and the feed list."""

    stats_page = c.Type(str, default="stats.md")
    """Where the generated "How we answer suggestions" page lives in the docs (empty: no
    page); its figures are written beside it as ``stats.json``."""

    stats_title = c.Type(str, default="How we answer suggestions")
    """The title of that page."""

    feed = c.Type(str, default="changes.xml")
    """Where the Atom feed of changes is written in the site (empty: no feed)."""

    home_recent = c.Type(int, default=6)
    """How many recently updated guides the home page lists (0: none)."""

    home_topics = c.Type(bool, default=True)
    """List the categories (folders with an index page) on the home page."""

    redirects = c.Type(bool, default=True)
    """Leave a page at a moved guide's old address that forwards to the new one."""
    cache_navigation = c.Type(bool, default=True)
    """Render each navigation link once for the whole build, not once per page
    (``nav_cache.py``; the pages are the same either way)."""
