"""The "Suggest a change" link after each fact of a guide page: each fee, time, condition,
document, way to apply and deadline of the panel (in every situation's section too) and
each step, pointing at the suggestion page with that fact's field (README, "Suggesting
from the site": ``suggest/?guide=<path>&field=fees[2]``, the ``changes`` syntax; a step
is ``steps[N]``, its place counted from 0 through every list of the steps section).

Its visible words are short; the fact it is about follows for screen readers in a
visually hidden span ("Suggest a change to: Online renewal"). The theme shows it on
hover and focus where there is a pointer that hovers, and always on touch screens
(``wikitool.css``, ``.wt-fix``). A step's link is in the page's content, which the site's
search indexes: ``data-search-exclude`` keeps its words out of the index
(mkdocs-material's search honours it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import escape
from urllib.parse import quote, urlsplit

from wikitool.mkdocs_plugin.display import Display

NAME_CHARS = 60
"""Longest fact name read out after the link's words: a condition or a step may be a
long sentence, and the link follows it."""


@dataclass(frozen=True)
class FactLinks:
    """The links of one page: its suggestion link (``href``, unescaped, relative to the
    page) and the labels in the page's language. ``href`` ``""``: no links."""

    href: str = ""
    display: Display | None = None

    @staticmethod
    def to_suggestion_page(href: str, display: Display) -> FactLinks:
        """The links for a page whose "Suggest an edit" goes to ``href``: none when that is
        not a web page (a ``mailto:`` template), which could not open the field."""
        scheme = urlsplit(href).scheme.lower()
        return FactLinks(href if scheme in ("", "http", "https") else "", display)

    @cached_property
    def _parts(self) -> tuple[str, str, str]:
        # The page's every link shares all but its field and name: made once a page
        # (a guide has 10 to 40 facts and steps, and the build renders every guide).
        d = self.display
        assert d is not None
        joiner = "&" if "?" in self.href else "?"
        start = f' <a class="wt-fix" href="{escape(self.href + joiner)}field='
        before, _, after = d.html("to: {fact}", fact="\0").partition("\0")
        middle = (
            f'" data-search-exclude>{d.html("Suggest a change")}'
            f'<span class="wt-visually-hidden"> {before}'
        )
        return start, middle, f"{after}</span></a>"

    def link(self, field: str, name: str) -> str:
        """`` <a class="wt-fix" ...>`` for the fact at ``field`` named ``name`` (plain
        text), or ``""``: no links on this page, or a fact read from nowhere."""
        if not self.href or not field or self.display is None:
            return ""
        start, middle, end = self._parts
        return f"{start}{_quoted(field)}{middle}{_shown(name)}{end}"

    def label_link(self, field: str, message: str) -> str:
        """``link`` for a fact named by a label (``What it costs``, ``Online``), the
        label said in its own language when it is not the page's (``Display.html``)."""
        if not self.href or not field or self.display is None:
            return ""
        start, middle, end = self._parts
        return f"{start}{_quoted(field)}{middle}{self.display.html(message)}{end}"


@lru_cache(maxsize=1024)
def _quoted(field: str) -> str:
    # The same few fields (fees[0], steps[3]) on page after page.
    return escape(quote(field, safe=""))


@lru_cache(maxsize=4096)
def _shown(name: str) -> str:
    # A fact's link is made again in each situation's section of its panel, and the
    # same documents and ways to apply recur from guide to guide.
    return escape(short_name(name))


def short_name(name: str) -> str:
    """A fact's name on one line, cut to ``NAME_CHARS`` with an ellipsis."""
    shown = " ".join(name.split())
    if len(shown) > NAME_CHARS:
        shown = shown[: NAME_CHARS - 1].rstrip() + "\u2026"
    return shown


NO_LINKS = FactLinks()
"""For pages and outputs with no suggestion links (a guide rendered elsewhere)."""
