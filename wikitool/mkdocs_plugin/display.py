"""How labels and values read to a citizen, in the page's language: the labels from
the gettext catalogues (``wikitool/locales``), money, numbers and dates from Babel.

Every label a page shows is asked for here with ``display._("...")`` or
``display.plural(...)``; ``tests/locales/test_catalogues.py`` finds those calls and
asserts each label is in every catalogue.

A page in a language with no catalogue of its own (``it``, ``ar``, ``pl``...) gets its
labels in English, the catalogues' last fallback. WCAG 2.1 3.1.2 (Language of Parts)
asks such a passage to say so, or a screen reader reads "What it costs" as Italian: every
label a display gives as HTML (``html``, ``plural``, ``option_html``, ``money_html``)
then has each of its literal parts in ``<span lang="en" dir="ltr">``, its fields (an
agency, a date, a number: in the page's language) left outside. The ``dir`` isolates
the English words, so a right-to-left page does not reorder their punctuation; it is
written on left-to-right pages too, as the labels' direction is their language's, not
the page's, and one attribute string a display is simpler than one a page direction.
Text given as plain text (``_``: attribute values, JSON for scripts and JSON-LD) is left
as it is: an attribute cannot say its own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from html import escape
from string import Formatter
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_date
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import NullTranslations

from wikitool.locales.catalogues import labels_language, translations
from wikitool.locales.language import DEFAULT_LANGUAGE, formatting_locale, page_language


@dataclass(frozen=True)
class Display:
    """The labels and formats of one language (``lang``, a BCP 47 tag Babel knows)."""

    lang: str
    labels: NullTranslations
    locale: Locale
    label_attributes: str = ""
    """`` lang="en" dir="ltr"`` when the labels are not in the page's language (it has
    no catalogue), for an element that holds only a label; ``""`` when they are."""
    _known: dict[Any, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Each label, escaped label, number, amount and date asked for so far, as this
    display gives it: a build asks each display for the same few hundred of them tens of
    thousands of times (gettext's fallback chain and Babel are the slow part)."""

    @staticmethod
    def of(tag: object, default: str = DEFAULT_LANGUAGE) -> Display:
        """The display of a page in ``tag``; ``default`` when the tag is not one we know."""
        return _display(page_language(tag, page_language(default)))

    def _(self, message: str) -> str:
        """The label ``message`` (its English text, the msgid) in this language."""
        known = self._known.get(message)
        if known is None:
            known = self._keep(message, self.labels.gettext(message))
        return known

    def html(self, message: str, **values: str) -> str:
        """The label escaped, its ``{name}`` fields filled with ``values`` (HTML already);
        its words marked English when the page's language has no catalogue (``_marked``)."""
        key = ("html", message)
        known = self._known.get(key)
        if known is None:
            known = self._keep(key, self._marked(escape(self._(message), quote=False)))
        return known.format(**values)

    def option_html(self, message: str, value: str = "") -> str:
        """``<option value="">Every situation</option>``: the label, which an option cannot
        hold in a ``<span>``, says its language on the element itself."""
        text = self.label_text(message)
        return f'<option value="{escape(value)}"{self.label_attributes}>{text}</option>'

    def label_text(self, message: str) -> str:
        """The label escaped, unmarked: for an element that holds only it and says its
        language itself with ``label_attributes`` (SVG's ``<text>`` and ``<title>``, where
        an HTML ``<span>`` would end the SVG)."""
        return escape(self._(message), quote=False)

    def _marked(self, text: str) -> str:
        """``text`` (an escaped label, its ``{fields}`` left to fill) with each literal
        part in a span saying its language, when it is not the page's."""
        if not self.label_attributes:
            return text
        parts = []
        for literal, name, spec, conversion in Formatter().parse(text):
            words = literal.strip()
            if words:
                start, end = literal.split(words, 1)[0], literal.rsplit(words, 1)[1]
                literal = f"{start}<span{self.label_attributes}>{words}</span>{end}"
            parts.append(literal.replace("{", "{{").replace("}", "}}"))
            if name is not None:
                field = name + (f"!{conversion}" if conversion else "")
                parts.append("{" + field + (f":{spec}" if spec else "") + "}")
        return "".join(parts)

    def plural(self, singular: str, plural: str, count: int, **values: str) -> str:
        """``{count} guide`` / ``{count} guides`` by this language's plural rules, as
        escaped HTML; ``{count}`` is the number in this language's digits."""
        key = ("plural", singular, plural, count)
        known = self._known.get(key)
        if known is None:
            text = escape(self.labels.ngettext(singular, plural, count), quote=False)
            known = self._keep(key, self._marked(text))
        return known.format(count=self.number(count), **values)

    def number(self, value: float) -> str:
        """``1,200`` in English, ``1 200`` in French."""
        # The type too: 2 and 2.0 may not read the same.
        key = ("number", type(value), value)
        known = self._known.get(key)
        if known is None:
            known = self._keep(key, format_decimal(value, locale=self.locale))
        return known

    def long_date(self, value: date | datetime) -> str:
        """``6 October 2026``, ``6 octobre 2026``, ``6. Oktober 2026``."""
        day = value.date() if isinstance(value, datetime) else value
        key = ("long_date", day)
        known = self._known.get(key)
        if known is None:
            known = self._keep(key, babel_date(day, format="long", locale=self.locale))
        return known

    def time_element(self, moment: date | datetime) -> str:
        """``<time datetime="2026-10-06">6 October 2026</time>`` for a date or a moment."""
        day = moment.date() if isinstance(moment, datetime) else moment
        key = ("time", day)
        known = self._known.get(key)
        if known is None:
            words = escape(self.long_date(day))
            known = self._keep(key, f'<time datetime="{day.isoformat()}">{words}</time>')
        return known

    def percent(self, share: float) -> str:
        """``67%``, ``67 %`` for a share from 0 to 1 (whole per cents)."""
        return format_percent(share, locale=self.locale)

    def month(self, day: date) -> str:
        """``November 2026``, ``novembre 2026``: the month of ``day``, standing alone."""
        return babel_date(day, format="LLLL y", locale=self.locale)

    def money(self, amount: float, currency: str) -> str:
        """``€85.00``, ``86,00 €``, ``JP¥500`` (plain text); a zero amount is ``Free``."""
        if amount == 0:
            return self._("Free")
        key = ("money", type(amount), amount, currency)
        known = self._known.get(key)
        if known is None:
            known = self._keep(key, format_currency(amount, currency, locale=self.locale))
        return known

    def money_html(self, amount: float, currency: str) -> str:
        """``money`` as escaped HTML: a zero amount is the label ``Free``."""
        return self.html("Free") if amount == 0 else escape(self.money(amount, currency))

    def _keep(self, key: object, value: str) -> str:
        # Bounded for a long-running `publish --watch`: each day brings new dates.
        if len(self._known) >= _MAX_KNOWN:
            self._known.clear()
        self._known[key] = value
        return value


def note_html(text: str) -> str:
    """A fact's note after it (`` <span class="wt-note">...</span>``), or ``""``."""
    return f' <span class="wt-note">{escape(text)}</span>' if text else ""


_MAX_KNOWN = 16384
"""How many values a display keeps (a 500-guide build in one language keeps 2,800)."""


@lru_cache(maxsize=64)
def _display(tag: str) -> Display:
    locale = formatting_locale(tag)
    labels = Locale.parse(labels_language(tag))
    attributes = ""
    if labels.language != locale.language:
        name = str(labels).replace("_", "-")
        attributes = f' lang="{name}" dir="{labels.text_direction}"'
    return Display(tag, translations(tag), locale, attributes)


ENGLISH = Display.of(DEFAULT_LANGUAGE)
"""The display of a page that names no language, and of the site by default."""
