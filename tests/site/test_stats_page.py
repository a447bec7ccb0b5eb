"""The public stats page and its ``stats.json``: exact figures from review logs written
at known times (``stats_logs``), as they stood at the built commit's date, in a real
``mkdocs build`` of the reference wiki."""

from __future__ import annotations

import calendar
import json
from pathlib import Path

import pytest
from html_tree import Element, parse_html
from site_history import isolated_git
from stats_logs import STAFF, write_review_logs

from wikitool.gitstore import WikiStore
from wikitool.publishing.publish import build_site
from wikitool.services.wiki_init import init_wiki

NOW = calendar.timegm((2026, 12, 1, 12, 0, 0))
"""The built commit's date: the stats' "now"."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stats")
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=NOW)
        with WikiStore.open(root / "wiki") as store:
            write_review_logs(store, NOW)
            build_site(store, root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def figures(site: Path) -> dict[str, object]:
    return json.loads((site / "stats" / "stats.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(site: Path) -> Element:
    return parse_html((site / "stats" / "index.html").read_text(encoding="utf-8"))


def _month(month: str, submitted: int = 0, accepted: int = 0, rejected: int = 0) -> dict:
    decided = accepted + rejected
    share = round(accepted / decided, 3) if decided else None
    return {
        "month": month,
        "submitted": submitted,
        "accepted": accepted,
        "rejected": rejected,
        "share_accepted": share,
    }


def test_stats_json_is_as_of_the_built_commit(figures: dict[str, object]) -> None:
    assert figures["version"] == 1
    assert figures["as_of"] == "2026-12-01T12:00:00Z"
    assert figures["window_days"] == 90
    assert isinstance(figures["commit"], str) and len(figures["commit"]) == 40


def test_stats_json_overall_figures_over_the_last_90_days(figures: dict[str, object]) -> None:
    # Answered within 90 days: ACCEPTED after 2 days, REJECTED after 5, WAITING after
    # half a day (FORGOTTEN's +1 is a citizen's, not an answer; OLD's is too long ago).
    assert figures["overall"] == {
        "open": 2,
        "responded": 3,
        "median_days_to_first_response": 2.0,
        "accepted": 1,
        "rejected": 1,
        "share_accepted": 0.5,
        "median_days_to_decision": 4.5,
    }


def test_stats_json_open_ages_ignore_what_happened_after_the_built_commit(
    figures: dict[str, object],
) -> None:
    # WAITING's rejection comes two days after "now": it is still open, 3 days old.
    assert figures["open_ages"] == {
        "median_days": 21.5,
        "oldest_days": 40.0,
        "groups": {"under_7_days": 1, "7_to_30_days": 0, "30_to_90_days": 1, "over_90_days": 0},
    }


def test_stats_json_by_category_named_as_the_menu_names_it(figures: dict[str, object]) -> None:
    assert figures["categories"] == [
        {
            "folder": "family-and-civil-status",
            "title": "Family and civil status",
            "open": 2,
            "responded": 1,
            "median_days_to_first_response": 0.5,
            "accepted": 0,
            "rejected": 0,
            "share_accepted": None,
            "median_days_to_decision": None,
        },
        {
            "folder": "identity-and-travel",
            "title": "Identity and travel",
            "open": 0,
            "responded": 2,
            "median_days_to_first_response": 3.5,
            "accepted": 1,
            "rejected": 1,
            "share_accepted": 0.5,
            "median_days_to_decision": 4.5,
        },
        {
            "folder": "vehicles",
            "title": "Vehicles",
            "open": 0,
            "responded": 0,
            "median_days_to_first_response": None,
            "accepted": 0,
            "rejected": 0,
            "share_accepted": None,
            "median_days_to_decision": None,
        },
    ]


def test_stats_json_by_month_the_last_twelve(figures: dict[str, object]) -> None:
    expected = {f"2026-{m:02d}": _month(f"2026-{m:02d}") for m in range(1, 13)}
    expected["2026-05"] = _month("2026-05", submitted=1, accepted=1)  # OLD
    expected["2026-10"] = _month("2026-10", submitted=1)  # FORGOTTEN
    expected["2026-11"] = _month("2026-11", submitted=3, accepted=1, rejected=1)
    assert figures["months"] == list(expected.values())  # LATER (December) not counted


def test_stats_json_and_page_name_nobody(site: Path) -> None:
    for path in ("stats/stats.json", "stats/index.html"):
        text = (site / path).read_text(encoding="utf-8")
        for private in ("Rita", "agency.invalid", "Citizen", "01stats", "Checked."):
            assert private not in text, (path, private)


def test_page_summary(page: Element) -> None:
    summary = page.find("dl", "wt-stats__summary")
    assert summary.text == (
        "Open suggestions 2 Median age of open suggestions 21.5 days "
        "Oldest open suggestion 40 days Median time to a first answer from staff 2 days "
        "Median time to a decision 4.5 days Share accepted 50%"
    )


def _rows(table: Element) -> list[list[str]]:
    return [
        [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]
        for row in table.find_all("tr")
    ]


def test_page_tables_have_captions_and_scoped_headers(page: Element) -> None:
    tables = page.find_all("table")
    assert [t.find("caption").text for t in tables] == [
        "Suggestions sent, accepted and not accepted each month",
        "Open suggestions, and decisions over the last 90 days, by category",
        "Open suggestions by how long they have waited",
    ]
    for table in tables:
        heads = table.find_all("th")
        assert heads and all(h.attrs.get("scope") in ("col", "row") for h in heads)


def test_page_category_table(page: Element) -> None:
    assert _rows(page.find_all("table")[1]) == [
        [
            "Category",
            "Open",
            "Accepted",
            "Not accepted",
            "Share accepted",
            "Median time to a first answer",
            "Median time to a decision",
        ],
        ["Family and civil status", "2", "0", "0", "None yet", "0.5 days", "None yet"],
        ["Identity and travel", "0", "1", "1", "50%", "3.5 days", "4.5 days"],
        ["Vehicles", "0", "0", "0", "None yet", "None yet", "None yet"],
    ]


def test_page_month_table_and_its_chart_agree(page: Element) -> None:
    rows = _rows(page.find_all("table")[0])
    assert rows[0] == ["Month", "Sent", "Accepted", "Not accepted", "Share accepted"]
    assert rows[5] == ["May 2026", "1", "1", "0", "100%"]
    assert rows[11] == ["November 2026", "3", "1", "1", "50%"]
    assert rows[12] == ["December 2026", "0", "0", "0", "None yet"]
    chart = page.find("svg", "wt-stats__chart")
    assert chart.attrs["role"] == "img"
    assert chart.attrs["aria-labelledby"] == "__wt-chart-title __wt-chart-desc"
    assert chart.find("title").text == "Suggestions accepted and not accepted, month by month"
    # Each month's two bars carry their numbers as text: readable without colour.
    labels = [t.text for t in chart.find_all("text")]
    assert labels[:2] == ["Accepted", "Not accepted"]
    assert labels[2 + 3 * 10 :] == ["November 2026", "1", "1", "December 2026", "0", "0"]
    assert chart.find("pattern").attrs["id"] == "__wt-hatch"


def test_page_offers_the_download_and_the_changes_page_links_to_it(
    site: Path, page: Element
) -> None:
    link = page.find("p", "wt-stats__download").find("a")
    assert link.attrs["href"] == "stats.json"
    changes = parse_html((site / "changes" / "index.html").read_text(encoding="utf-8"))
    assert changes.find("p", "wt-feed__stats").find("a").attrs["href"] == "../stats/"


def test_page_is_not_in_the_menu(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "How we answer suggestions" not in home
