"""What a reader sees on the site built from a wiki with real history (see conftest.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from html_tree import Element, parse_html
from site_history import (
    BIRTH,
    CARD_SUMMARY,
    FEE_SUBJECT,
    NEW_CARD,
    OLD_CARD,
    PASSPORT,
    PASSPORT_SUMMARY,
    RENAME_SUBJECT,
    UNCOMMITTED,
    UNMERGED,
    BuiltSite,
)

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.publishing.publish import build_site
from wikitool.review.decisions import review_approve
from wikitool.review.merge import review_merge
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

ATOM = "{http://www.w3.org/2005/Atom}"


def content(site: BuiltSite, src: str) -> Element:
    """The page's article: what the reader reads, without the navigation."""
    return parse_html(site.page(src)).find("article")


@pytest.mark.parametrize(
    ("src", "costs"),
    [
        (PASSPORT, "Online renewal: €85.00 Paper form by post: €95.00"),
        (BIRTH, "Registering the birth: Free Additional birth certificate: €12.00"),
        ("housing/apply-for-housing-benefit.md", "What it costs Free"),
    ],
)
def test_panel_shows_what_it_costs_from_the_front_matter(
    published: BuiltSite, src: str, costs: str
) -> None:
    panel = content(published, src).find("section", "wt-panel")

    assert costs in panel.text


def test_panel_answers_who_what_how_long_how_and_why(published: BuiltSite) -> None:
    panel = content(published, PASSPORT).find("section", "wt-panel")

    assert [dt.text for dt in panel.find_all("dt")] == [
        "What it costs",
        "How long it takes",
        "Who can apply",
        "What to bring",
        "How to apply",
        "Legal basis",
    ]
    assert "You are a Velorian citizen aged 18 or over." in panel.text
    assert "Proof of your name change, such as a marriage certificate (if it applies to you)" in (
        panel.text
    )
    assert "10 to 21 days" in panel.text
    assert "Online The quickest and cheapest way." in panel.text
    assert "services.veloria.invalid/passport/renew In person" in panel.text
    assert "Passport Office counters in Aldmere" in panel.text
    assert "Points. Veloria Passport Office, Renewals" in panel.text
    links = {a.text: a.attrs["href"] for a in panel.find_all("a")}
    assert links["Passports Act 2019, section 12"].startswith("https://laws.veloria.invalid/")


def test_guide_says_when_it_changed_and_when_its_agency_checked_it(published: BuiltSite) -> None:
    freshness = content(published, PASSPORT).find("div", "wt-freshness")

    assert freshness.text == (
        "Last updated 25 September 2026 · Checked by Veloria Passport Office on 6 October 2026".replace(
            " · ", " "
        )
    )
    assert freshness.attrs["data-wt-review-by"] == "2027-04-06"  # the script's cue
    assert not freshness.find_all(cls="wt-review")
    # What the script shows once that date passes: the same notice, worded by the build.
    later = freshness.find("template").content
    assert later is not None
    assert later.find("div", "wt-review").text == (
        "This guide may be out of date It was due to be checked again by 6 April 2027. "
        "Check the details with Veloria Passport Office before you apply."
    )


def test_notice_when_the_review_date_has_passed(published: BuiltSite) -> None:
    notice = content(published, BIRTH).find("div", "wt-review")

    assert notice.text == (
        "This guide may be out of date It was due to be checked again by 30 January 2026. "
        "Check the details with Civil Registry Service before you apply."
    )


def test_recent_changes_count_citizens_improvements(published: BuiltSite) -> None:
    changes = content(published, PASSPORT).find("section", "wt-changes")

    assert changes.find("p", "wt-changes__citizens").text == ("1 improvement suggested by citizens")
    recent = [li.text for li in changes.find("ul", "wt-changes__recent").find_all("li")]
    assert recent == [
        f"25 September 2026: {PASSPORT_SUMMARY} Suggested by a citizen",
        f"22 September 2026: {FEE_SUBJECT}",
        "21 September 2026: Start the wiki New",
    ]
    assert changes.find("details", "wt-history").find("summary").text == "Full history (3 changes)"


def test_moved_guide_keeps_its_history_and_its_old_address_redirects(
    published: BuiltSite,
) -> None:
    history = content(published, NEW_CARD).find("details", "wt-history")
    redirect = parse_html(published.page(OLD_CARD))

    assert [li.text for li in history.find_all("li")] == [
        f"24 September 2026: {RENAME_SUBJECT} Moved",
        f"23 September 2026: {CARD_SUMMARY} Suggested by a citizen",
        "21 September 2026: Start the wiki New",
    ]
    assert "1 improvement suggested by citizens" in content(published, NEW_CARD).text
    refresh = redirect.find("meta", None)
    assert [m.attrs for m in redirect.find_all("meta") if "http-equiv" in m.attrs] == [
        {"http-equiv": "refresh", "content": "0; url=../get-your-first-identity-card/"}
    ], refresh
    assert redirect.find("a").attrs["href"] == "../get-your-first-identity-card/"


@pytest.mark.parametrize(
    ("src", "suggest"),
    [
        (PASSPORT, "../../suggest/?guide=identity-and-travel/renew-an-adult-passport.md"),
        (NEW_CARD, "../../suggest/?guide=identity-and-travel/get-your-first-identity-card.md"),
    ],
)
def test_suggest_an_edit_and_report_a_problem_link_to_this_guide(
    published: BuiltSite, src: str, suggest: str
) -> None:
    article = content(published, src)

    button = article.find("a", "wt-suggest")
    report = article.find("p", "wt-report").find("a")

    assert (button.text, button.attrs["href"]) == ("Suggest an edit", suggest)
    assert (report.text, report.attrs["href"]) == (
        "Is something wrong on this page?",
        suggest + "&report=1",
    )


def test_guide_describes_itself_to_search_engines(published: BuiltSite) -> None:
    page = parse_html(published.page(PASSPORT))

    description = [
        m.attrs["content"] for m in page.find_all("meta") if m.attrs.get("name") == "description"
    ]
    blocks = [
        json.loads(s.raw_text)
        for s in page.find_all("script")
        if s.attrs.get("type") == "application/ld+json"
    ]

    assert description == [
        "Renew your Velorian passport online or by post if you are 18 or over and your "
        "passport is not lost, stolen or badly damaged."
    ]
    service, howto = blocks
    assert (service["@type"], service["name"]) == ("GovernmentService", "Renew an adult passport")
    assert service["offers"][0] == {
        "@type": "Offer",
        "name": "Online renewal",
        "price": "85.00",
        "priceCurrency": "EUR",
    }
    assert howto["@type"] == "HowTo"
    assert howto["step"][0]["text"].startswith("Get a passport photo. Photo booths in post")
    assert len(howto["step"]) == 7


def test_changes_page_and_feed_list_merged_changes(published: BuiltSite) -> None:
    changes = parse_html(published.page("changes.md"))
    feed = ET.fromstring(published.file("changes.xml"))

    entries = changes.find("article").find_all("li", "wt-feed__entry")
    card = next(e for e in entries if CARD_SUMMARY in e.text)
    assert card.text == f"{CARD_SUMMARY} Suggested by a citizen Apply for your first identity card"
    assert card.find("a").attrs["href"] == "../identity-and-travel/get-your-first-identity-card/"
    assert changes.find("h2", "wt-feed__day").text == "25 September 2026"
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[:4] == [PASSPORT_SUMMARY, RENAME_SUBJECT, CARD_SUMMARY, FEE_SUBJECT]
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert links[0] == "identity-and-travel/renew-an-adult-passport/"


def test_home_lists_topics_and_recently_updated_guides(published: BuiltSite) -> None:
    home = content(published, "index.md")

    topics = [a.text for a in home.find("ul", "wt-topics").find_all("a")]
    recent = [li.find("a").text for li in home.find("ul", "wt-recent").find_all("li")]

    assert topics[:2] == ["Business", "Family and civil status"] and len(topics) == 6
    assert recent[:3] == [
        "Renew an adult passport",
        "Apply for your first identity card",
        "Register a birth",
    ]
    assert home.find("section", "wt-home__recent").find_all("a")[-1].attrs["href"] == "changes/"


def test_only_mains_committed_tree_is_published(published: BuiltSite) -> None:
    pages = published.all_html()

    assert not [p for p, html in pages.items() if UNCOMMITTED in html or UNMERGED in html]
    assert "Pay the fee of 86 euros." in published.page(PASSPORT)


def test_no_page_asks_another_host_for_anything(published: BuiltSite) -> None:
    fetched: list[str] = []
    for path, html in published.all_html().items():
        for element in parse_html(html).iter():
            for name in ("src", "srcset", "poster", "data"):
                if name in element.attrs:
                    fetched.append(f"{path}: <{element.tag} {name}={element.attrs[name]}>")
            if element.tag == "link" and element.attrs.get("rel") not in ("canonical", "alternate"):
                fetched.append(f"{path}: <link href={element.attrs.get('href')}>")
    styles = "".join(p.read_text() for p in published.site.rglob("*.css"))

    offsite = [f for f in fetched if re.search(r"=\s*(https?:)?//", f)]
    assert offsite == []
    assert re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", styles) == []
    assert "fonts.googleapis.com" not in "".join(published.all_html().values())


def test_a_citizen_who_asked_to_be_credited_is_named_in_the_guides_history(
    wiki: Path, store: WikiStore, tmp_path: Path
) -> None:
    # What the suggestion page promises beside its checkbox: "Show my name with the
    # change in the guide's history (your e-mail address is never shown)".
    published = (store.read(store.main(), f"content/{PASSPORT}") or b"").decode()
    reviewer = Identity("Ben Osei", "ben.osei@passports.veloria.invalid")
    for step, author in [
        ("1. First, ", SuggestionAuthor("Rosa Marin", "rosa@example.org", credit=True)),
        ("1. Then, ", SuggestionAuthor("Kim Lee", "kim@example.org", credit=False)),
    ]:
        content = re.sub(r"(?m)^1\. ", step, published, count=1)
        sid = suggestion_submit(
            store, SuggestionInput(f"content/{PASSPORT}", content, f"Step by {author.name}", author=author)
        ).id
        review_approve(store, sid, staff=reviewer)
        review_merge(store, sid, staff=reviewer)

    built = build_site(store, tmp_path / "site")
    history = (built.site_dir / PASSPORT.removesuffix(".md") / "index.html").read_text()

    assert "Step by Rosa Marin (suggested by Rosa Marin)" in history
    assert "Step by Kim Lee" in history  # merged, but not credited:
    assert "suggested by Kim Lee" not in history
    assert "rosa@example.org" not in history and "kim@example.org" not in history
