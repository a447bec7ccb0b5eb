"""Check every guide on a revision of the wiki (``wikitool check``)."""

from __future__ import annotations

import stat
from datetime import date

from wikitool.gitstore import WikiStore
from wikitool.guides.checks import check_guide, check_index_page
from wikitool.guides.paths import CONTENT_DIR, is_guide_path, is_page_path
from wikitool.model import Problem
from wikitool.suggestions.guide_regions import CONFIG_PATH, country_setting_problem


def check_wiki(
    store: WikiStore, *, rev: str = "main", strict: bool = False, today: date | None = None
) -> list[Problem]:
    """Every problem in the guides and index pages of ``rev`` (default ``main``), and in
    the wiki's settings of ``mkdocs.yml`` that wikitool reads, sorted.

    Reads the committed tree, never the working tree: what is checked is what would be
    published.
    """
    commit = store.resolve(rev)
    files = [f for f in store.files(commit, CONTENT_DIR + "/") if is_page_path(f.path)]
    existing = {f.path for f in files}
    day = today or date.today()
    problems: list[Problem] = []
    # The wiki's country decides the phone formats suggestions are screened in.
    country = country_setting_problem(store, commit)
    if country is not None:
        problems.append(Problem(CONFIG_PATH, None, country))
    for entry in files:
        if not stat.S_ISREG(entry.mode):
            # MkDocs follows symlinks: one would publish whatever file it points at.
            problems.append(Problem(entry.path, None, "is a symlink or submodule, not a file"))
            continue
        raw = store.blob(entry.blob_id)
        if is_guide_path(entry.path):
            problems.extend(check_guide(entry.path, raw, existing, day, strict))
        else:
            problems.extend(check_index_page(entry.path, raw, existing))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
