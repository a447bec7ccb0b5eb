"""The phone regions a suggestion is screened in: the guide's language and the wiki's
country, ``extra.wikitool.country`` in ``mkdocs.yml`` on main."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import FIXED_TIME, STAFF
from main_commits import commit_to_main

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.suggestions.guide_regions import guide_regions

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
# Tagged values as a real mkdocs.yml has them, read as nothing (never imported).
TAGGED = (
    "emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
)


def _set_country(store: WikiStore, value: str) -> None:
    config = store.read(store.main(), "mkdocs.yml")
    assert config is not None and b"\nextra:\n" in config
    config = re.sub(rb"\n  wikitool:\n    country: .*\n", b"\n", config).replace(
        TAGGED.encode(), b""
    )
    config = config.replace(
        b"\nextra:\n", f"\nextra:\n  wikitool:\n    country: {value}\n".encode()
    )
    commit_to_main(
        store,
        {"mkdocs.yml": config + TAGGED.encode()},
        "Set the wiki's country",
        when=FIXED_TIME,
        author=STAFF,
        committer=STAFF,
    )


def test_regions_follow_the_guide_language_then_the_wiki_country(store: WikiStore) -> None:
    main = store.main()
    guide = store.read(main, GUIDE)

    assert guide_regions(store, main, guide) == ("US",)  # the reference guide is "en"
    assert guide_regions(store, main, "---\nlang: da\n---\nText\n") == ("DK",)
    assert guide_regions(store, main, "not a guide") == ()

    _set_country(store, "ie")

    assert guide_regions(store, store.main(), guide) == ("IE", "US")
    assert guide_regions(store, store.main(), None) == ("IE",)


BAD_COUNTRIES = ["XX", "Ireland", "419", "EU", "[IE]", "45"]


def test_a_country_that_is_not_an_iso_code_is_refused_naming_the_setting(
    store: WikiStore,
) -> None:
    # One wiki for the whole table: each value is a new commit of mkdocs.yml on main.
    for value in BAD_COUNTRIES:
        _set_country(store, value)

        with pytest.raises(WikitoolError) as refused:
            guide_regions(store, store.main(), None)

        assert str(refused.value).startswith("mkdocs.yml: extra.wikitool.country: "), value
        assert str(refused.value).endswith("is not an ISO 3166 country code such as DK or IE")


def test_check_names_a_country_that_is_not_an_iso_code(
    wiki: Path, store: WikiStore, run_cli: Callable[..., Result]
) -> None:
    def check() -> Result:
        return run_cli("--repo", str(wiki), "check")

    _set_country(store, "dk")
    assert check().exit_code == 0, check().output  # a code in lower case is one
    for value in BAD_COUNTRIES:
        _set_country(store, value)

        result = check()

        assert result.exit_code == 1, value
        [line] = [line for line in result.output.splitlines() if "mkdocs.yml" in line]
        assert line.startswith('mkdocs.yml: extra.wikitool.country: "'), value
        assert line.endswith('" is not an ISO 3166 country code such as DK or IE'), value


def test_a_bare_local_number_is_removed_from_the_summary_in_the_wiki_country(
    wiki: Path,
    store: WikiStore,
    run_cli: Callable[..., Result],
    suggestion_file: Callable[..., Path],
    fee_fix: str,
) -> None:
    summary = "Fix the fee, ring me on 34412345"

    def submit() -> list[str]:
        path = suggestion_file(guide=GUIDE, content=fee_fix, summary=summary)
        result = run_cli("--repo", str(wiki), "suggest", "submit", "--json", str(path))
        assert result.exit_code == 0, result.output
        warnings: list[str] = json.loads(result.stdout)["warnings"]
        return warnings

    assert submit() == []  # a Danish number means nothing to an American-English guide
    _set_country(store, "DK")

    assert submit() == ["summary: removed personal data (phone number)"]
