"""The citizen's pages in the built site: "Suggest an edit", "Track your suggestion", each
guide's source for the editor, and the feedback widget when the site has an intake.

What the pages do in a browser is tested in tests/browser/test_suggest_*.py.
"""

from __future__ import annotations

import gzip
import json
import posixpath
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from html_tree import Element, parse_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from site_history import PASSPORT, STAFF, BuiltSite, isolated_git

from wikitool.errors import BuildError
from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.editor_labels import editor_settings
from wikitool.mkdocs_plugin.privacy_notice import delete_after_html, read_delete_after
from wikitool.mkdocs_plugin.suggest_pages import intake_url_from, sources_folder
from wikitool.publishing.publish import build_site
from wikitool.review.policy import POLICY_PATH
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.editable_parts import editable_parts

INTAKE = "https://intake.guides.example.org"
KEPT_POLICY = b"approvals: 1\ndelete_contacts_after: 30 days\n"
RunCli = Callable[..., Result]


@pytest.fixture(scope="module")
def with_intake(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki built with an intake for its forms, and a review policy that
    keeps contact details for another time than the default."""
    root = tmp_path_factory.mktemp("with-intake")
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=1_790_000_000)
        with WikiStore.open(root / "wiki") as store:
            commit_policy(store, KEPT_POLICY)
            built = build_site(store, root / "site", intake_url=INTAKE)
    return BuiltSite(root / "wiki", built.site_dir, built.commit)


def commit_policy(store: WikiStore, policy: bytes) -> str:
    """Commit ``policy`` as ``review-policy.yaml`` on main; returns the commit."""
    main = store.main()
    commit = store.write_files_commit(
        parents=[main],
        base_tree=store.commit_info(main).tree,
        changes={POLICY_PATH: policy},
        message="Set the review policy\n",
        author=STAFF,
        committer=STAFF,
    )
    assert store.update_ref(MAIN_REF, main, commit)
    return commit


def article(html: str) -> Element:
    return parse_html(html).find("article")


def by_id(root: Element, element_id: str) -> Element:
    found = [e for e in root.iter() if e.attrs.get("id") == element_id]
    assert len(found) == 1, element_id
    return found[0]


# -- each guide's source ------------------------------------------------------------------


def built_commit(site: Path) -> tuple[str, str]:
    """The commit the suggestion page names as base, and the one its sources' commit file
    names (suggest_pages.py): the script sends the first when the second agrees."""
    page = parse_html((site / "suggest" / "index.html").read_text(encoding="utf-8"))
    named = by_id(page, "__wt-suggest").attrs["data-wt-base"]
    return named, (site / "suggest" / "sources" / "commit.txt").read_text(encoding="ascii")


def test_every_guide_has_its_published_source_and_the_site_its_built_commit_as_base(
    published: BuiltSite,
) -> None:
    with WikiStore.open(published.repo) as store:
        guides = {
            f.path.removeprefix("content/"): store.blob(f.blob_id).decode("utf-8")
            for f in store.files(published.commit, "content/")
            if f.path.endswith(".md")
            and "/" in f.path.removeprefix("content/")
            and not f.path.endswith("/index.md")
        }

    sources = {
        p.relative_to(published.site / "suggest" / "sources").with_suffix(".md").as_posix(): p
        for p in (published.site / "suggest" / "sources").rglob("*.json")
    }

    assert sorted(sources) == sorted(guides)
    document = json.loads(sources[PASSPORT].read_text(encoding="utf-8"))
    parts = document.pop("parts")
    document.pop("about")  # what a report may be about: tests/site/test_fact_links.py
    assert document == {
        "guide": PASSPORT,
        "title": "Renew an adult passport",
        "url": "identity-and-travel/renew-an-adult-passport/",
        "content": guides[PASSPORT],
    }
    # What a change list addresses, as the change list counts it.
    assert parts == editable_parts(guides[PASSPORT], PASSPORT)
    assert parts["steps"][4]["text"].startswith("Pay the fee of")
    assert parts["sections"][0]["section"] == "Before you start"
    # What main holds, never the staff working tree's uncommitted edit.
    assert all(json.loads(p.read_text())["content"] == guides[g] for g, p in sources.items())
    # No source names the commit, so an unchanged guide's source is the same file in every
    # release; the suggestion page and the commit file beside the sources do.
    assert not [g for g, p in sources.items() if published.commit in p.read_text()]
    assert built_commit(published.site) == (published.commit, published.commit)


# -- the generated pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "title", "form", "no_script"),
    [
        ("suggest/index.html", "Suggest an edit", "__wt-form", "It needs JavaScript"),
        ("track/index.html", "Track your suggestion", "__wt-track-form", "It needs JavaScript"),
    ],
)
def test_suggest_and_track_pages_are_generated_with_their_forms_and_a_no_script_text(
    published: BuiltSite, page: str, title: str, form: str, no_script: str
) -> None:
    html = parse_html(published.file(page))
    content = html.find("article")

    assert content.find("h1").text == title
    assert no_script in content.find("div", "wt-noscript").text
    # Shown by the page's script; without it the reader sees only the text above.
    assert "hidden" in by_id(content, form).attrs
    assert "hidden" not in content.find("div", "wt-noscript").attrs
    assert [s.attrs["src"] for s in html.find_all("script") if "src" in s.attrs][-1].endswith(
        f"assets/javascripts/{page.split('/')[0]}.js"
    )


def _privacy_notice(site: BuiltSite) -> str:
    notice = article(site.file("suggest/index.html")).find("section", "wt-privacy")
    return " ".join(notice.text.split())


def test_the_suggestion_page_says_how_long_contact_details_are_kept_as_the_policy_does(
    published: BuiltSite, with_intake: BuiltSite
) -> None:
    kept = "We delete your name and e-mail address {} after the team decides on your suggestion."
    # The reference wiki has no review policy: the default. Built without an intake, it
    # gives no private link: the agency deletes them on request.
    offline = _privacy_notice(published)
    assert kept.format("90 days") in offline
    assert "Or sooner if you ask: contact the agency that owns the guide" in offline
    assert "Delete my contact details" not in offline
    # review-policy.yaml's delete_contacts_after: 30 days; the intake's private link.
    online = _privacy_notice(with_intake)
    assert kept.format("30 days") in online and "90 days" not in online
    assert (
        "You can delete them sooner yourself, at any time: open the private link we give you "
        'when you send your suggestion (and in our e-mails), and choose "Delete my contact '
        'details". They are never written' in online
    )


@pytest.mark.parametrize(
    ("language", "days", "said"),
    [("en", 1, "1 day"), ("en", 180, "180 days"), ("fr", 30, "30 jours"), ("de", 30, "30 Tage")],
)
def test_the_period_is_said_in_the_sites_language(language: str, days: int, said: str) -> None:
    facts = SiteFacts(language=language, delete_contacts_after=days)
    assert delete_after_html(facts) == said


def test_a_policy_the_build_cannot_read_is_a_warning_and_the_page_says_the_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with isolated_git(tmp_path):
        init_wiki(tmp_path / "wiki", author=STAFF, when=1_790_000_000)
        with WikiStore.open(tmp_path / "wiki") as store:
            commit = commit_policy(store, b"delete_contacts_after: soon\n")
            git_dir = store.git_dir
    config = load_config(str(tmp_path / "wiki" / "mkdocs.yml"))

    days = read_delete_after(BuildContext(repository=git_dir), config, commit)

    assert days == 90
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning == (
        "wikitool: the suggestion page cannot say how long contact details are kept (it says "
        "90 days): review-policy.yaml:1: delete_contacts_after must be a number of days from 1 "
        "to 3650, e.g. '90 days'"
    )


def _robots(html: str) -> list[str]:
    return [
        m.attrs.get("content", "")
        for m in parse_html(html).find_all("meta")
        if m.attrs.get("name") == "robots"
    ]


def test_suggest_and_track_pages_stay_out_of_navigation_and_search(published: BuiltSite) -> None:
    home = parse_html(published.page("index.md"))
    assert _robots(published.page("suggest.md")) == ["noindex"]
    assert _robots(published.page("track.md")) == ["noindex"]
    assert _robots(published.page(PASSPORT)) == []  # guides are for search engines to find
    nav_links = [a.attrs.get("href", "") for a in home.find_all("nav")[0].find_all("a")]
    index = json.loads(published.file("search/search_index.json"))

    assert not [href for href in nav_links if "suggest" in href or "track" in href]
    assert not [
        d["location"] for d in index["docs"] if d["location"].startswith(("suggest", "track"))
    ]


def test_without_an_intake_the_pages_download_and_guides_have_no_feedback_widget(
    published: BuiltSite,
) -> None:
    suggest = by_id(article(published.file("suggest/index.html")), "__wt-suggest")
    track = by_id(article(published.file("track/index.html")), "__wt-track")

    assert suggest.attrs["data-wt-intake"] == ""
    assert (suggest.attrs["data-wt-sources"], suggest.attrs["data-wt-track"]) == (
        "sources/",
        "../track/",
    )
    assert track.attrs["data-wt-intake"] == ""
    assert not article(published.page(PASSPORT)).find_all("section", "wt-feedback")
    assert "feedback.js" not in published.page(PASSPORT)
    # Nor the suggestions open on it: no intake to ask, so no section and no script.
    assert "data-wt-open" not in published.page(PASSPORT)
    assert "open-suggestions.js" not in published.page(PASSPORT)


def test_with_an_intake_the_pages_post_there_and_every_guide_has_a_feedback_widget(
    with_intake: BuiltSite,
) -> None:
    suggest = by_id(article(with_intake.file("suggest/index.html")), "__wt-suggest")
    guide = article(with_intake.page(PASSPORT))
    widget = guide.find("section", "wt-feedback")
    sections = [o.attrs["value"] for o in widget.find_all("option")]

    assert suggest.attrs["data-wt-intake"] == INTAKE + "/"
    assert widget.attrs["data-wt-intake"] == INTAKE + "/"
    assert widget.attrs["data-wt-page"] == PASSPORT
    assert "hidden" in widget.attrs  # shown by its script: no script, no dead form
    assert sections == [
        "",
        "before-you-start",
        "steps",
        "after-you-apply",
        "if-something-goes-wrong",
        "get-help",
    ]
    assert widget.find("a").attrs["href"] == (
        "../../suggest/?guide=identity-and-travel/renew-an-adult-passport.md&report=1"
    )
    sources = (with_intake.site / "suggest" / "sources").rglob("*.json")
    guides = [json.loads(p.read_text())["guide"] for p in sources]
    widgets = [article(with_intake.page(g)).find("section", "wt-feedback") for g in guides]
    assert len(guides) == 20  # every guide of the reference wiki
    assert [w.attrs["data-wt-page"] for w in widgets] == guides
    # The suggestions open on the guide: asked of the intake by its script, shown by it.
    listed = guide.find("section", "wt-open")
    assert (listed.attrs["data-wt-intake"], listed.attrs["data-wt-guide"]) == (INTAKE + "/", PASSPORT)
    assert "hidden" in listed.attrs
    assert json.loads(listed.attrs["data-wt-words"])["supporters"] == "Supporters: {count}"
    assert "open-suggestions.js" in with_intake.page(PASSPORT)


def test_honeypots_are_hidden_from_people_and_assistive_technology(
    with_intake: BuiltSite,
) -> None:
    pages = [with_intake.file("suggest/index.html"), with_intake.page(PASSPORT)]
    traps = [
        i
        for html in pages
        for i in parse_html(html).find_all("input")
        if i.attrs.get("name") == "website"
    ]

    assert len(traps) == 3  # the form, the guide's widget, the report box on the form
    for trap in traps:
        assert (trap.attrs["tabindex"], trap.attrs["autocomplete"]) == ("-1", "off")
    boxes = [d for html in pages for d in parse_html(html).find_all("div", "wt-honeypot")]
    assert [d.attrs.get("aria-hidden") for d in boxes] == ["true"] * 3


def test_scripts_are_files_of_the_site_never_inline_handlers(with_intake: BuiltSite) -> None:
    for path in [
        "suggest/index.html",
        "track/index.html",
        "identity-and-travel/renew-an-adult-passport/index.html",
    ]:
        html = parse_html(with_intake.file(path))
        handlers = [(e.tag, name) for e in html.iter() for name in e.attrs if name.startswith("on")]
        sources = [s.attrs["src"] for s in html.find_all("script") if "src" in s.attrs]

        assert handlers == [], path
        assert [src for src in sources if "//" in src or src.startswith("/")] == [], path
        assert any(src.endswith("assets/javascripts/wikitool.js") for src in sources), path


SCRIPT_BUDGET = 60 * 1024
"""The suggestion page's own scripts, gzipped (issue 13): a phone on a slow line."""


def test_the_suggestion_page_own_scripts_stay_under_60_kb_gzipped(with_intake: BuiltSite) -> None:
    html = parse_html(with_intake.file("suggest/index.html"))
    theirs = Path(__file__).resolve().parents[2] / "theme" / "assets" / "javascripts"
    loaded = [
        posixpath.normpath(posixpath.join("suggest", s.attrs["src"]))
        for s in html.find_all("script")
        if "src" in s.attrs and "/javascripts/" in s.attrs["src"]
    ]
    own = [path for path in loaded if (theirs / posixpath.basename(path)).is_file()]
    sizes = {
        path: len(gzip.compress((with_intake.site / path).read_bytes(), compresslevel=9))
        for path in own
    }

    assert "assets/javascripts/suggest-form.js" in own
    assert "assets/javascripts/suggest.js" in own
    assert sum(sizes.values()) < SCRIPT_BUDGET, sizes


def test_the_suggestion_page_gives_its_form_the_words_and_currencies(
    with_intake: BuiltSite,
) -> None:
    suggest = by_id(article(with_intake.file("suggest/index.html")), "__wt-suggest")
    settings = json.loads(suggest.attrs["data-wt-editor"])

    assert settings["default"] == "en"
    assert set(settings["labels"]) == {"en"}  # the reference wiki's guides are in English
    words = settings["labels"]["en"]
    assert words["lang"] == "en"
    assert words["fields"]["amount"] == "Amount"
    assert words["items"]["documents"] == ["Document {number}", "Add a document"]
    assert {"EUR", "GBP", "JPY"} <= set(settings["currencies"])
    assert "EUX" not in settings["currencies"]


@pytest.mark.parametrize(
    ("lang", "amount", "add"),
    [
        ("fr", "Montant", "Ajouter un document"),
        ("es-419", "Importe", "Añadir un documento"),
        ("de", "Betrag", "Unterlage hinzufügen"),
        ("xx-bogus", "Amount", "Add a document"),
    ],
)
def test_the_form_words_are_in_each_guide_language(lang: str, amount: str, add: str) -> None:
    settings = json.loads(editor_settings([lang], "en"))

    assert set(settings["labels"]) == {"en", lang}
    assert settings["labels"][lang]["fields"]["amount"] == amount
    assert settings["labels"][lang]["items"]["documents"][1] == add


# -- configuration ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("https://intake.example.org", "https://intake.example.org/"),
        ("http://127.0.0.1:8001/", "http://127.0.0.1:8001/"),
        ("https://example.org/intake", "https://example.org/intake/"),
        ("/", "/"),
        ("/intake", "/intake/"),
    ],
)
def test_intake_url_accepts_http_urls_and_site_paths(value: str | None, expected: str) -> None:
    assert intake_url_from({"wikitool": {"intake_url": value}}) == expected


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("javascript:alert(1)", "'javascript:alert(1)' is not an http(s) URL"),
        ("ftp://example.org", "'ftp://example.org' is not an http(s) URL"),
        ("intake.example.org", "'intake.example.org' is not an http(s) URL"),
        ("https://example.org/?x=1", "'https://example.org/?x=1' is not an http(s) URL"),
        ('https://example.org/"><script>', "is not an http(s) URL"),
        ("https://user@example.org", "'https://user@example.org' is not an http(s) URL"),
        (8001, "extra.wikitool.intake_url must be text"),
    ],
)
def test_intake_url_refuses_anything_else(value: object, error: str) -> None:
    with pytest.raises(ValueError) as raised:
        intake_url_from({"wikitool": {"intake_url": value}})

    assert error in str(raised.value)


def test_a_bad_intake_url_stops_wikitool_build_with_one_error(
    published: BuiltSite, tmp_path: Path
) -> None:
    with WikiStore.open(published.repo) as store, pytest.raises(BuildError) as raised:
        build_site(store, tmp_path / "site", intake_url="javascript:alert(1)")

    assert str(raised.value) == (
        "the site did not build: wikitool: extra.wikitool.intake_url 'javascript:alert(1)' "
        "is not an http(s) URL such as https://intake.example.org"
    )


@pytest.mark.parametrize(
    ("page", "folder"),
    [
        ("suggest.md", "suggest/sources"),
        ("suggest/index.md", "suggest/sources"),
        ("help/suggest.md", "help/suggest/sources"),
        ("index.md", "sources"),
    ],
)
def test_sources_are_written_beside_the_suggestion_page(page: str, folder: str) -> None:
    assert sources_folder(page) == folder


def test_build_command_takes_the_intake_url(wiki: Path, tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli(
        "--repo", str(wiki), "build", "--out", str(tmp_path / "site"),
        "--intake-url", "http://127.0.0.1:8001",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    suggest = by_id(
        article((tmp_path / "site" / "suggest" / "index.html").read_text()), "__wt-suggest"
    )
    assert suggest.attrs["data-wt-intake"] == "http://127.0.0.1:8001/"


def test_build_command_refuses_a_bad_intake_url(
    wiki: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    result = run_cli(
        "--repo", str(wiki), "build", "--out", str(tmp_path / "site"), "--intake-url", "nowhere"
    )

    assert result.exit_code == 1
    assert result.output == (
        "Error: the site did not build: wikitool: extra.wikitool.intake_url 'nowhere' is not "
        "an http(s) URL such as https://intake.example.org\n"
    )


# -- a plain mkdocs project -----------------------------------------------------------------


def _project(tmp_path: Path, pages: dict[str, str], options: str = " {}") -> Path:
    guide = "---\ntitle: A guide\nsummary: What it is about.\n---\n\n## Steps\n\n1. Do it.\n"
    for name, text in {"index.md": "# Home\n", "topic/a-guide.md": guide, **pages}.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Test\ntheme: mkdocs\nplugins:\n  - wikitool:{options}\n")
    return config


def test_a_theme_without_the_templates_shows_the_no_script_text(tmp_path: Path) -> None:
    config = _project(tmp_path, {})

    build(load_config(str(config), site_dir=str(tmp_path / "site"), strict=True))

    page = (tmp_path / "site" / "suggest" / "index.html").read_text()
    assert "It needs JavaScript" in page
    assert (
        json.loads((tmp_path / "site/suggest/sources/topic/a-guide.json").read_text())["guide"]
        == "topic/a-guide.md"
    )


@pytest.mark.parametrize(
    ("pages", "options", "error"),
    [
        (
            {"suggest.md": "# Mine\n"},
            " {}",
            "wikitool: suggest.md exists in the docs, but the plugin generates the suggest "
            "page there; set the plugin's suggest_page to another path",
        ),
        (
            {"track.md": "# Mine\n"},
            " {}",
            "wikitool: track.md exists in the docs, but the plugin generates the track "
            "page there; set the plugin's track_page to another path",
        ),
        ({}, "\n      track_page: /track", "wikitool: track_page '/track' must be a .md path"),
    ],
)
def test_generated_pages_do_not_overwrite_the_docs(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    pages: dict[str, str],
    options: str,
    error: str,
) -> None:
    config = _project(tmp_path, pages, options)

    with pytest.raises(Abort):
        build(load_config(str(config), site_dir=str(tmp_path / "site"), strict=True))

    assert error in caplog.text


def test_pages_can_be_switched_off(tmp_path: Path) -> None:
    config = _project(
        tmp_path, {"suggest.md": "# Mine\n"}, '\n      suggest_page: ""\n      track_page: ""'
    )

    build(load_config(str(config), site_dir=str(tmp_path / "site"), strict=True))

    mine = parse_html((tmp_path / "site" / "suggest" / "index.html").read_text())
    assert "Mine" in [h.text for h in mine.find_all("h1")]
    assert not (tmp_path / "site" / "suggest" / "sources").exists()
    assert not (tmp_path / "site" / "track").exists()


def test_the_built_commit_fills_links_and_sources_even_without_history(
    wiki: Path, store: WikiStore, git: Callable[..., str], tmp_path: Path
) -> None:
    config = wiki / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      suggest_url: suggest/?guide={path}\n",
            "      suggest_url: suggest/?guide={path}&base={commit}\n      history: false\n",
        )
    )
    git(wiki, "commit", "-qam", "Suggest links name the built commit; no history")

    built = build_site(store, tmp_path / "site")

    page = (built.site_dir / PASSPORT.removesuffix(".md") / "index.html").read_text()
    assert f"&amp;base={built.commit}" in page
    assert built_commit(built.site_dir) == (built.commit, built.commit)
