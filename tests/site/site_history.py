"""A published wiki with history: the reference wiki plus real commits.

The history, on top of ``wikitool init`` (21 September 2026):

- 22 September: staff change the passport's online renewal fee to 85 euros and set the
  birth guide's review date in the past;
- 23 September: a citizen's suggestion for the identity card guide is merged (a merge
  commit whose subject is the suggestion's summary, with a ``Suggestion-Id:`` trailer);
- 24 September: staff rename that guide (and fix the link to it);
- 25 September: a citizen's suggestion for the passport guide lands on main directly.

Then, never committed to main: an edit in the staff working tree and an open
suggestion branch. Neither may reach the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import main_commits
from isolation import isolated_environment

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.publishing.publish import build_site
from wikitool.services.wiki_init import init_wiki

STAFF = Identity("Site Staff", "staff@agency.invalid")
DAY = 86_400
INIT_TIME = 1_790_000_000  # 21 September 2026, 14:13 UTC

PASSPORT = "identity-and-travel/renew-an-adult-passport.md"
BIRTH = "family-and-civil-status/register-a-birth.md"
OLD_CARD = "identity-and-travel/apply-for-a-first-identity-card.md"
NEW_CARD = "identity-and-travel/get-your-first-identity-card.md"

FEE_SUBJECT = "Online renewal fee is now 85 euros"
CARD_SUGGESTION = "01card0000000000000000000a"
CARD_SUMMARY = "Say that the counter takes your photo if you have none"
RENAME_SUBJECT = "Rename the identity card guide"
PASSPORT_SUGGESTION = "01pass0000000000000000000b"
PASSPORT_SUMMARY = "Photo booths in post offices now give a photo code"
UNCOMMITTED = "UNCOMMITTED-WORKING-TREE-EDIT"
UNMERGED = "UNMERGED-SUGGESTION-TEXT"


def citizen(suggestion_id: str) -> Identity:
    """The pseudonymous author the tool gives a citizen's suggestion."""
    return Identity(f"Citizen {suggestion_id}", f"{suggestion_id}@suggestions.invalid")


@dataclass(frozen=True)
class BuiltSite:
    """A built site and the repository and commit it was built from."""

    repo: Path
    site: Path
    commit: str

    def page(self, src: str) -> str:
        """The HTML of the page built from ``content/<src>``."""
        stem = src.removesuffix(".md").removesuffix("index").rstrip("/")
        return (self.site / stem / "index.html").read_text(encoding="utf-8")

    def file(self, path: str) -> str:
        """A file of the site by its path in the site folder."""
        return (self.site / path).read_text(encoding="utf-8")

    def all_html(self) -> dict[str, str]:
        """Every HTML page of the site, by path."""
        return {
            p.relative_to(self.site).as_posix(): p.read_text(encoding="utf-8")
            for p in self.site.rglob("*.html")
        }


# Module fixtures run outside the per-test isolation: they isolate git with this.
isolated_git = isolated_environment


def edit(store: WikiStore, commit: str, path: str, old: str, new: str) -> bytes:
    """``path`` at ``commit`` with ``old`` replaced by ``new`` (which must be there)."""
    raw = store.read(commit, f"content/{path}")
    assert raw is not None and old.encode() in raw, (path, old)
    return raw.replace(old.encode(), new.encode(), 1)


def commit_to_main(
    store: WikiStore,
    changes: dict[str, bytes | None],
    message: str,
    *,
    when: int,
    author: Identity = STAFF,
    extra_parents: tuple[str, ...] = (),
) -> str:
    """Commit ``changes`` (paths under content/) on top of main and move main to it."""
    return main_commits.commit_to_main(
        store,
        {f"content/{path}": data for path, data in changes.items()},
        message,
        when=when,
        author=author,
        committer=STAFF,
        extra_parents=extra_parents,
    )


def give_history(store: WikiStore) -> None:
    """The four days of history described in this module's docstring."""
    main = store.main()
    commit_to_main(
        store,
        {
            PASSPORT: edit(store, main, PASSPORT, "amount: 86", "amount: 85"),
            BIRTH: edit(store, main, BIRTH, "review_by: 2027-01-30", "review_by: 2026-01-30"),
        },
        f"{FEE_SUBJECT}\n",
        when=INIT_TIME + DAY,
    )
    # A suggestion based on that revision, merged with a merge commit.
    base = store.main()
    card = edit(
        store,
        base,
        OLD_CARD,
        "Not needed if you have your photo taken at the counter.",
        "Not needed if the counter takes your photo, which is free.",
    )
    suggestion = store.write_files_commit(
        parents=[base],
        base_tree=store.commit_info(base).tree,
        changes={f"content/{OLD_CARD}": card},
        message=f"{CARD_SUMMARY}\n\nI had mine taken there.\n\n"
        f"Suggestion-Id: {CARD_SUGGESTION}\nBase: {base}\n",
        author=citizen(CARD_SUGGESTION),
        when=INIT_TIME + DAY + 3600,
    )
    commit_to_main(
        store,
        {OLD_CARD: card},
        f"{CARD_SUMMARY}\n\nSuggestion-Id: {CARD_SUGGESTION}\nReviewed-by: {STAFF}\n",
        when=INIT_TIME + 2 * DAY,
        extra_parents=(suggestion,),
    )
    main = store.main()
    index = "identity-and-travel/index.md"
    commit_to_main(
        store,
        {
            OLD_CARD: None,
            NEW_CARD: store.read(main, f"content/{OLD_CARD}"),
            index: edit(store, main, index, OLD_CARD.rsplit("/")[-1], NEW_CARD.rsplit("/")[-1]),
        },
        f"{RENAME_SUBJECT}\n",
        when=INIT_TIME + 3 * DAY,
    )
    main = store.main()
    commit_to_main(
        store,
        {
            PASSPORT: edit(
                store,
                main,
                PASSPORT,
                "Photo booths and most pharmacies",
                "Photo booths in post offices and most pharmacies",
            )
        },
        f"{PASSPORT_SUMMARY}\n\nSuggestion-Id: {PASSPORT_SUGGESTION}\nBase: {main}\n",
        when=INIT_TIME + 4 * DAY,
        author=citizen(PASSPORT_SUGGESTION),
    )


def build_published(root: Path) -> BuiltSite:
    """The reference wiki with the history above (and unpublished edits), built strictly."""
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=INIT_TIME)
        with WikiStore.open(root / "wiki") as store:
            give_history(store)
            main = store.main()
            # An open suggestion: a branch, never merged.
            branch = store.write_files_commit(
                parents=[main],
                base_tree=store.commit_info(main).tree,
                changes={
                    f"content/{PASSPORT}": edit(
                        store, main, PASSPORT, "Upload your photo", UNMERGED
                    )
                },
                message=f"{UNMERGED}\n\nSuggestion-Id: 01open000000000000000000000\n",
                author=citizen("01open000000000000000000000"),
                when=INIT_TIME + 5 * DAY,
            )
            store.update_ref("refs/heads/suggestions/01open000000000000000000000", None, branch)
            # An edit in the staff working tree, never committed.
            working = root / "wiki" / "content" / PASSPORT
            working.write_text(working.read_text().replace("Pay the fee", UNCOMMITTED))
            built = build_site(store, root / "site")
    assert built.commit == main
    return BuiltSite(root / "wiki", built.site_dir, built.commit)
