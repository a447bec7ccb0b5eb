"""The public "How we answer suggestions" page (``/stats/``) and its ``stats.json``.

The figures are ``review/public_stats.py``'s, read from the review logs as they stood at
the built commit's date (so a build of a commit gives the same page whenever it runs).
The page shows them in the site's language: a summary, a chart of decisions by month
(inline SVG, readable without colour: accepted bars solid, the others hatched, each with
its number beside it) with the same figures in a table, and tables by category and by
how long open suggestions have waited. Never a name, an e-mail or a word anyone wrote.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.display import Display
from wikitool.review.public_stats import WINDOW_DAYS, Month, PublicStats, read_public_stats

log = get_plugin_logger(__name__)

STATS_FILE = "stats.json"
"""Written beside the page (``stats/stats.json``)."""
FORMAT_VERSION = 1
STATS_INTRO = (
    "How many suggestions citizens have sent, how quickly we answer them, and how many we accept.\n"
)


@dataclass(frozen=True)
class BuiltStats:
    """The figures and the commit they were read at."""

    stats: PublicStats
    commit: str


def read_stats(context: BuildContext, config: MkDocsConfig, commit: str) -> BuiltStats | None:
    """The figures at ``commit``'s date (``HEAD`` when ``""``), or ``None`` without a
    repository. One pass over the review logs; none at all costs opening the repository."""
    git_dir = context.git_dir(Path(config.docs_dir))
    if git_dir is None:
        return None
    try:
        with WikiStore.open(git_dir) as store:
            built = store.resolve(commit or "HEAD")
            now = store.commit_info(built).commit_time
            return BuiltStats(read_public_stats(store, now), built)
    except WikitoolError as exc:
        log.warning("the stats page shows no figures: %s", exc)
        return None


# -- the page -----------------------------------------------------------------------------


def stats_fragment(built: BuiltStats | None, facts: SiteFacts) -> str:
    """The page's figures, in the site's language."""
    d = Display.of(facts.language)
    if built is None:
        none = d.html("This site was built without its review logs.")
        return f'<p class="wt-stats__none">{none}</p>'
    stats = built.stats
    as_of = d.time_element(datetime.fromtimestamp(stats.now, UTC))
    intro = d.html(
        "Figures as of {date}. Times to answer and to decide, and the share accepted, are "
        "over the last {days} days.",
        date=as_of,
        days=d.number(WINDOW_DAYS),
    )
    download = (
        f'<p class="wt-stats__download"><a href="{STATS_FILE}" download>'
        f"{d.html('Download these figures (stats.json)')}</a></p>"
    )
    return (
        f'<div class="wt-stats"><p>{intro}</p>'
        f"{_summary(stats, d)}{_by_month(stats.months, d)}"
        f"{_by_category(stats, facts, d)}{_ages(stats, d)}{download}</div>"
    )


def _days(value: float | None, d: Display) -> str:
    if value is None:
        return d.html("None yet")
    if value.is_integer():
        return d.plural("{count} day", "{count} days", int(value))
    # A part of a day reads as many in each of the four languages (CLDR plural rules
    # are for whole numbers in gettext).
    return d.html("{days} days", days=d.number(value))


def _share(value: float | None, d: Display) -> str:
    return d.html("None yet") if value is None else escape(d.percent(value))


def _summary(stats: PublicStats, d: Display) -> str:
    overall = stats.overall
    facts = [
        (d.html("Open suggestions"), d.number(overall.open)),
        (d.html("Median age of open suggestions"), _days(stats.median_open_age_days, d)),
        (d.html("Oldest open suggestion"), _days(stats.oldest_open_age_days, d)),
        (
            d.html("Median time to a first answer from staff"),
            _days(overall.median_days_to_first_response, d),
        ),
        (d.html("Median time to a decision"), _days(overall.median_days_to_decision, d)),
        (d.html("Share accepted"), _share(overall.share_accepted, d)),
    ]
    rows = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts)
    return (
        f'<h2 id="__wt-stats-glance">{d.html("At a glance")}</h2>'
        f'<dl class="wt-stats__summary">{rows}</dl>'
    )


def _table(ident: str, caption: str, heads: list[str], rows: list[list[str]]) -> str:
    """A data table: the first cell of each row is its header. Scrolls sideways on its
    own on a narrow screen, and can be focused to do so from the keyboard."""
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    body = "".join(
        f'<tr><th scope="row">{row[0]}</th>{"".join(f"<td>{c}</td>" for c in row[1:])}</tr>'
        for row in rows
    )
    return (
        f'<div class="wt-stats__table" role="region" tabindex="0" aria-labelledby="{ident}">'
        f'<table class="wt-stats__data"><caption id="{ident}">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _month_name(month: Month, d: Display) -> str:
    year, number = (int(part) for part in month.month.split("-"))
    return escape(d.month(date(year, number, 1)))


def _by_month(months: list[Month], d: Display) -> str:
    rows = [
        [
            _month_name(m, d),
            d.number(m.submitted),
            d.number(m.accepted),
            d.number(m.rejected),
            _share(m.share_accepted, d),
        ]
        for m in months
    ]
    table = _table(
        "__wt-stats-months",
        d.html("Suggestions sent, accepted and not accepted each month"),
        [
            d.html("Month"),
            d.html("Sent"),
            d.html("Accepted"),
            d.html("Not accepted"),
            d.html("Share accepted"),
        ],
        rows,
    )
    return (
        f'<h2 id="__wt-stats-by-month">{d.html("Decisions by month")}</h2>'
        f"{month_chart(months, d)}{table}"
    )


# The chart's geometry, in the SVG's own units (it scales to the column's width).
_WIDTH, _LABEL, _BAR, _GAP, _ROW = 360, 124, 14, 2, 40
_LEGEND = 36


def month_chart(months: list[Month], d: Display) -> str:
    """Accepted and not accepted suggestions per month as horizontal bars: accepted
    solid, not accepted hatched and outlined, each bar's number written after it, so
    neither colour nor the bars' length is needed to read it. ``currentColor`` keeps the
    theme's text contrast in light and dark schemes."""
    most = max([1] + [max(m.accepted, m.rejected) for m in months])
    span = _WIDTH - _LABEL - 36
    height = _LEGEND + _ROW * len(months)
    # Inside SVG a <span> would end the drawing: its labels say their language on their
    # own elements (Display.label_attributes).
    said = d.label_attributes
    accepted, rejected = d.label_text("Accepted"), d.label_text("Not accepted")
    title = d.label_text("Suggestions accepted and not accepted, month by month")
    desc = d.label_text("The table after the chart gives the same figures.")
    parts = [
        f'<svg class="wt-stats__chart" role="img" viewBox="0 0 {_WIDTH} {height}" '
        'aria-labelledby="__wt-chart-title __wt-chart-desc" focusable="false">'
        f'<title id="__wt-chart-title"{said}>{title}</title>'
        f'<desc id="__wt-chart-desc"{said}>{desc}</desc>'
        '<defs><pattern id="__wt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" '
        'stroke="currentColor" stroke-width="2.5"/></pattern></defs>',
        _legend_item(0, "currentColor", accepted, said),
        _legend_item(_WIDTH // 2, "url(#__wt-hatch)", rejected, said),
    ]
    for row, month in enumerate(months):
        y = _LEGEND + row * _ROW
        parts.append(
            f'<text x="{_LABEL - 8}" y="{y + _BAR + 4}" text-anchor="end">'
            f"{_month_name(month, d)}</text>"
        )
        for bar, (count, fill) in enumerate(
            ((month.accepted, "currentColor"), (month.rejected, "url(#__wt-hatch)"))
        ):
            top = y + bar * (_BAR + _GAP)
            length = round(span * count / most, 1)
            if count:
                parts.append(
                    f'<rect x="{_LABEL}" y="{top}" width="{length}" height="{_BAR}" '
                    f'fill="{fill}" stroke="currentColor"/>'
                )
            parts.append(
                f'<text x="{_LABEL + length + 6}" y="{top + _BAR - 3}">{d.number(count)}</text>'
            )
    parts.append("</svg>")
    return f'<figure class="wt-stats__figure">{"".join(parts)}</figure>'


def _legend_item(x: int, fill: str, label: str, said: str) -> str:
    return (
        f'<rect x="{x}" y="4" width="18" height="18" fill="{fill}" stroke="currentColor"/>'
        f'<text x="{x + 26}" y="18"{said}>{label}</text>'
    )


def category_title(folder: str, facts: SiteFacts, d: Display) -> str:
    """A folder named as the menu names it (its ``index.md`` title), plain text."""
    if not folder:
        return d._("Other pages")
    info = facts.pages.get(f"{folder}/index.md")
    return info.title if info is not None else folder.replace("-", " ").capitalize()


def _by_category(stats: PublicStats, facts: SiteFacts, d: Display) -> str:
    rows = [
        [
            escape(category_title(folder, facts, d)),
            d.number(figures.open),
            d.number(figures.accepted),
            d.number(figures.rejected),
            _share(figures.share_accepted, d),
            _days(figures.median_days_to_first_response, d),
            _days(figures.median_days_to_decision, d),
        ]
        for folder, figures in stats.folders.items()
    ]
    if not rows:
        return (
            f'<h2 id="__wt-stats-by-category">{d.html("By category")}</h2>'
            f"<p>{d.html('Nobody has sent a suggestion yet.')}</p>"
        )
    return f'<h2 id="__wt-stats-by-category">{d.html("By category")}</h2>' + _table(
        "__wt-stats-categories",
        d.html(
            "Open suggestions, and decisions over the last {days} days, by category",
            days=d.number(WINDOW_DAYS),
        ),
        [
            d.html("Category"),
            d.html("Open"),
            d.html("Accepted"),
            d.html("Not accepted"),
            d.html("Share accepted"),
            d.html("Median time to a first answer"),
            d.html("Median time to a decision"),
        ],
        rows,
    )


def _ages(stats: PublicStats, d: Display) -> str:
    labels = {
        "under_7_days": d.html("Under 7 days"),
        "7_to_30_days": d.html("7 to 30 days"),
        "30_to_90_days": d.html("30 to 90 days"),
        "over_90_days": d.html("Over 90 days"),
    }
    rows = [[labels[key], d.number(count)] for key, count in stats.open_ages.items()]
    return f'<h2 id="__wt-stats-ages">{d.html("How long open suggestions have waited")}</h2>' + (
        _table(
            "__wt-stats-open-ages",
            d.html("Open suggestions by how long they have waited"),
            [d.html("Waiting"), d.html("Open suggestions")],
            rows,
        )
    )


# -- stats.json ------------------------------------------------------------------------------


def stats_json(built: BuiltStats, facts: SiteFacts) -> dict[str, object]:
    """The download's content (README, "The stats page", documents each field)."""
    stats = built.stats
    d = Display.of(facts.language)
    return {
        "version": FORMAT_VERSION,
        "as_of": datetime.fromtimestamp(stats.now, UTC).isoformat().replace("+00:00", "Z"),
        "commit": built.commit,
        "window_days": WINDOW_DAYS,
        "overall": stats.overall.to_json(),
        "open_ages": {
            "median_days": stats.median_open_age_days,
            "oldest_days": stats.oldest_open_age_days,
            "groups": stats.open_ages,
        },
        "categories": [
            {"folder": folder, "title": category_title(folder, facts, d), **figures.to_json()}
            for folder, figures in stats.folders.items()
        ],
        "months": [m.to_json() for m in stats.months],
    }


def write_stats_json(
    built: BuiltStats | None, facts: SiteFacts, page_url: str, config: MkDocsConfig
) -> None:
    """Write ``stats.json`` beside the page (nothing without figures)."""
    if built is None:
        return
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    target = Path(config.site_dir) / folder / STATS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(stats_json(built, facts), ensure_ascii=False, indent=2)
    target.write_text(text + "\n", encoding="utf-8")
