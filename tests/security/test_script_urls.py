"""A link or image whose URL becomes a script URL once decoded is refused and dropped.

A browser strips only ASCII spaces and controls before a URL's scheme, so
``\\u00a0javascript:`` or ``javascript%3A`` are inert relative links there; but another
reader (a feed reader, a converter, a browser bug) may decode further. The submission
screen refuses them (``screening/markup.py``) and the site's sanitizer drops them from
every page (``mkdocs_plugin/sanitize.py``, with the same judgement, ``dangerous_scheme``),
whoever committed them.
"""

from __future__ import annotations

from html import unescape
from urllib.parse import unquote

import pytest
from html_tree import parse_html
from site_history import INIT_TIME, STAFF, BuiltSite, commit_to_main, isolated_git

from wikitool.gitstore import WikiStore
from wikitool.mkdocs_plugin.sanitize import sanitize_html
from wikitool.publishing.publish import build_site
from wikitool.screening.markup import find_unsafe_markup
from wikitool.services.wiki_init import init_wiki

# (what hides the scheme, the URL, its scheme)
URLS = [
    ("no-break space", "\u00a0javascript:alert(1)", "javascript"),
    ("ogham space mark", "\u1680javascript:alert(1)", "javascript"),
    ("en quad", "\u2000vbscript:msgbox(1)", "vbscript"),
    ("hair space", "\u200adata:text/html;base64,PHNjcmlwdD4=", "data"),
    ("line separator", "\u2028javascript:alert(1)", "javascript"),
    ("paragraph separator", "\u2029javascript:alert(1)", "javascript"),
    ("medium mathematical space", "\u205fjavascript:alert(1)", "javascript"),
    ("ideographic space", "\u3000data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("several of them", "\u00a0\u3000\u2028 javascript:alert(1)", "javascript"),
    ("a percent-encoded letter", "%6Aavascript:alert(1)", "javascript"),
    ("a percent-encoded colon", "javascript%3Aalert(1)", "javascript"),
    ("a percent-encoded no-break space", "%C2%A0javascript:alert(1)", "javascript"),
    ("a numeric entity", "&#106;avascript:alert(1)", "javascript"),
    ("an entity no-break space", "&nbsp;javascript:alert(1)", "javascript"),
    ("an entity tab inside the scheme", "java&Tab;script:alert(1)", "javascript"),
    ("an entity colon", "vbscript&colon;msgbox(1)", "vbscript"),
]
# A reference definition's destination ends at the first space, tab or newline, for
# Python-Markdown and the screen alike: there these leave a harmless "java" and text.
INLINE_ONLY = [
    ("a tab inside the scheme", "java\tscript:alert(1)", "javascript"),
    ("a newline inside the scheme", "java\nscript:alert(1)", "javascript"),
]

# Where a citizen's guide can put a URL, and what the screen calls each place.
PLACES = {
    "link": ("Read [the form]({url}) first.", "URL in a Markdown link or image"),
    "image": ("![the form]({url})", "URL in a Markdown link or image"),
    "angle brackets": ("Read [the form](<{url}>) first.", "URL in a Markdown link or image"),
    "reference": ("Read [the form][f] first.\n\n[f]: {url}", "URL in a link reference definition"),
    "raw link": ('<a href="{url}">the form</a>', "URL in <a>"),
    "raw image": ('<img src="{url}" alt="">', "URL in <img>"),
}


def _cases(urls: list[tuple[str, str, str]], places: list[str]) -> list[object]:
    return [
        pytest.param(place, url, scheme, id=f"{place}-{case}")
        for case, url, scheme in urls
        for place in places
    ]


@pytest.mark.parametrize(
    ("place", "url", "scheme"),
    _cases(URLS, list(PLACES))
    + _cases(INLINE_ONLY, ["link", "image", "angle brackets", "raw link"]),
)
def test_the_submission_screen_refuses_it(place: str, url: str, scheme: str) -> None:
    template, where = PLACES[place]

    found = find_unsafe_markup("## Steps\n\n" + template.format(url=url) + "\n")

    # First by position (a raw link's "</a>" is refused as raw HTML after it).
    assert found[0].message == f"{scheme}: {where}"


@pytest.mark.parametrize(
    ("tag", "url"), [(tag, url) for tag in ("a", "img") for _, url, _ in URLS + INLINE_ONLY]
)
def test_the_sanitizer_drops_it(tag: str, url: str) -> None:
    attribute = "href" if tag == "a" else "src"
    cleaned = parse_html(sanitize_html(f'<p><{tag} {attribute}="{url}" alt="x">form</{tag}></p>'))

    assert [el.attrs for el in cleaned.find_all(tag)] in (
        [{"alt": "x"}] if tag == "img" else [{"rel": "noopener noreferrer"}],
    )


SAFE = [
    "https://services.veloria.invalid/passport/renew?step=data:1",
    "/identity-and-travel/renew-an-adult-passport/",
    "mailto:renewals@passports.veloria.invalid",
    "tel:+44800555014",
    "data-protection/",
    "#javascript-is-not-needed",
]


@pytest.mark.parametrize("url", SAFE)
def test_ordinary_links_are_kept(url: str) -> None:
    assert find_unsafe_markup(f"Read [the form]({url}) first.\n") == []
    cleaned = parse_html(sanitize_html(f'<a href="{url}">form</a>'))
    assert cleaned.find("a").attrs["href"] == url


GUIDE = "identity-and-travel/script-links.md"


def _staff_guide(published: str) -> str:
    """The passport guide with one hostile link or image per URL, labelled by number."""
    lines = []
    for number, (_, url, _) in enumerate(URLS + INLINE_ONLY):
        lines.append(f"Markdown link {number}: [link {number}]({url})")
        lines.append(f"Markdown image {number}: ![image {number}]({url.replace('(1)', '')})")
        lines.append(f'Raw link {number}: <a href="{url}">raw {number}</a>')
        lines.append(f'Raw image {number}: <img src="{url}" alt="raw image {number}">')
        lines.append("")
    lines.append("Control: [the online service](https://services.veloria.invalid/passport/renew)")
    return published.replace("## Steps\n", "\n".join(lines) + "\n\n## Steps\n", 1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki plus a guide full of hidden script URLs, committed by staff
    straight to main (no screen runs), and built."""
    root = tmp_path_factory.mktemp("script-urls")
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=INIT_TIME)
        with WikiStore.open(root / "wiki") as store:
            passport = store.read(
                store.main(), "content/identity-and-travel/renew-an-adult-passport.md"
            )
            assert passport is not None
            guide = _staff_guide(passport.decode()).replace(
                "title: Renew an adult passport", "title: Script links"
            )
            commit_to_main(store, {GUIDE: guide.encode()}, "Add links\n", when=INIT_TIME + 60)
            built = build_site(store, root / "site", strict=False)
    return BuiltSite(root / "wiki", built.site_dir, built.commit)


def test_the_built_page_has_no_such_href_or_src(site: BuiltSite) -> None:
    body = parse_html(site.page(GUIDE)).find("article")
    links = {a.text.strip(): a.attrs for a in body.find_all("a") if a.text.strip()}
    images = {img.attrs.get("alt", ""): img.attrs for img in body.find_all("img")}

    count = len(URLS + INLINE_ONLY)
    for number in range(count):
        for label in (f"link {number}", f"raw {number}"):
            if label in links:  # a Markdown link Python-Markdown did not read as one is text
                assert "href" not in links[label], (label, links[label])
        for alt in (f"image {number}", f"raw image {number}"):
            if alt in images:
                assert "src" not in images[alt], (alt, images[alt])
    assert sum(f"raw {n}" in links for n in range(count)) == count  # the raw ones all stay
    assert links["the online service"]["href"] == "https://services.veloria.invalid/passport/renew"


def test_the_page_holds_no_url_that_decodes_to_a_script_anywhere(site: BuiltSite) -> None:
    page = parse_html(site.page(GUIDE))
    for element in page.iter():
        for name in ("href", "src"):
            value = element.attrs.get(name)
            if value is None:
                continue
            assert not _script_scheme(value), (element.tag, name, value)


def _script_scheme(url: str) -> bool:
    """An independent reading of a script URL, not the screen's: the scheme once the
    percent-escapes and entities a page may carry are undone (twice) and every character
    but printable ASCII is dropped."""
    plain = unquote(unescape(unquote(unescape(url)))).lower()
    plain = "".join(ch for ch in plain if ch.isascii() and ch.isprintable() and ch != " ")
    return plain.startswith(("javascript:", "vbscript:", "data:", "livescript:"))
