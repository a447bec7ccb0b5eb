"""What the public stats count of one suggestion's log: when it was first answered by
staff and decided, as the log stood at "now" (``review/public_stats.py``), and the page
in the site's language."""

from __future__ import annotations

import pytest

from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.stats_page import BuiltStats, stats_fragment
from wikitool.review.events import EventKind, ReviewEvent, SuggestionState
from wikitool.review.public_stats import DAY, Timeline, public_stats, timeline

NOW = 1_796_126_400  # 1 December 2026, 12:00 UTC
ID = "01stats000000000000000000a"
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


def _log(*events: tuple[EventKind, float]) -> list[ReviewEvent]:
    """Events at so many days before NOW (negative: after it)."""
    data = {EventKind.SUBMITTED: {"Guide": GUIDE}}
    return [
        ReviewEvent(kind, ID, "x", time=NOW - round(days * DAY), data=data.get(kind, {}))
        for kind, days in events
    ]


S, C, P, A, M, R, AM = (
    EventKind.SUBMITTED,
    EventKind.COMMENT,
    EventKind.PLUS_ONE,
    EventKind.APPROVE,
    EventKind.MERGE,
    EventKind.REJECT,
    EventKind.AMEND,
)


@pytest.mark.parametrize(
    ("events", "state", "answered", "decided"),
    [
        ([(S, 10)], SuggestionState.OPEN, None, None),
        ([(S, 10), (P, 9)], SuggestionState.OPEN, None, None),  # a citizen's +1
        ([(S, 10), (AM, 9)], SuggestionState.OPEN, None, None),  # the branch moved
        ([(S, 10), (EventKind.SUPPORT, 9)], SuggestionState.OPEN, None, None),  # a citizen's
        ([(S, 10), (C, 9), (A, 8)], SuggestionState.OPEN, 9, None),
        ([(S, 10), (EventKind.QUESTION, 9), (EventKind.ANSWER, 8)], SuggestionState.OPEN, 9, None),  # staff asked
        ([(S, 10), (EventKind.ANSWER, 8)], SuggestionState.OPEN, None, None),  # the citizen's words
        ([(S, 10), (A, 8), (M, 7)], SuggestionState.MERGED, 8, 7),
        ([(S, 10), (R, 4)], SuggestionState.REJECTED, 4, 4),
        ([(S, 10), (R, -1)], SuggestionState.OPEN, None, None),  # decided after now
    ],
)
def test_timeline_at_now(
    events: list[tuple[EventKind, float]],
    state: SuggestionState,
    answered: float | None,
    decided: float | None,
) -> None:
    line = timeline(_log(*events), NOW)
    assert line is not None
    assert line.folder == "identity-and-travel"
    assert line.state is state
    assert line.first_response == (None if answered is None else NOW - answered * DAY)
    assert line.decided == (None if decided is None else NOW - decided * DAY)


def test_a_suggestion_sent_after_now_is_not_counted() -> None:
    assert timeline(_log((S, -1)), NOW) is None


def test_a_page_at_the_top_of_the_site_has_no_folder() -> None:
    event = ReviewEvent(S, ID, "x", time=NOW, data={"Guide": "content/about.md"})
    line = timeline([event], NOW)
    assert line is not None and line.folder == ""


def test_no_suggestions_make_empty_figures() -> None:
    stats = public_stats([], NOW)
    assert stats.overall.to_json() == {
        "open": 0,
        "responded": 0,
        "median_days_to_first_response": None,
        "accepted": 0,
        "rejected": 0,
        "share_accepted": None,
        "median_days_to_decision": None,
    }
    assert len(stats.months) == 12 and stats.months[-1].month == "2026-12"
    page = stats_fragment(BuiltStats(stats, "0" * 40), SiteFacts(language="en"))
    assert "Nobody has sent a suggestion yet." in page


def test_the_page_is_in_the_sites_language() -> None:
    line = Timeline(
        "identity-and-travel", SuggestionState.MERGED, NOW - 10 * DAY, NOW - 8 * DAY, NOW - 5 * DAY
    )
    page = stats_fragment(BuiltStats(public_stats([line], NOW), "0" * 40), SiteFacts(language="fr"))
    assert "Délai médian avant une décision</dt><dd>5 jours</dd>" in page
    assert "Part acceptée</dt><dd>100\xa0%</dd>" in page
    assert '<th scope="row">novembre 2026</th>' in page
    assert "identity-and-travel".capitalize().replace("-", " ") in page  # no index page read


def test_a_site_built_without_a_repository_says_so() -> None:
    page = stats_fragment(None, SiteFacts(language="en"))
    assert page == '<p class="wt-stats__none">This site was built without its review logs.</p>'
