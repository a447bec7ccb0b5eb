"""What a suggestion gains after it was submitted is screened again before it reaches main.

``suggest submit`` refuses raw HTML and personal data, but a suggestion's branch can
change afterwards: staff amend it (``review checkout``, then ordinary commits), and
whoever can write the repository's refs (a compromised intake host) can move it. The
merge must not let either put script or someone's e-mail address on ``main``.
"""

from __future__ import annotations

import re

import pytest
from wiki_state import GUIDE

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.merge import review_merge
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

AMENDER = Identity("Dan Amend", "dan.amend@passports.veloria.invalid")
REVIEWER = Identity("Ben Osei", "ben.osei@passports.veloria.invalid")
MERGER = Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid")

AMENDMENTS = [
    ("a script", "<script>alert(1)</script>", "unsafe HTML element <script>"),
    ("an e-mail address", "Write to jane.doe@example.com if it is late.", "personal data"),
    ("a hidden character", "Pay the fee\u202e now.", "U+202E"),
]


@pytest.mark.parametrize(("case", "added", "refused_with"), AMENDMENTS, ids=[a[0] for a in AMENDMENTS])
def test_an_amendment_that_submit_would_refuse_is_not_merged(
    store: WikiStore, passport: str, case: str, added: str, refused_with: str
) -> None:
    fixed = passport.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    sid = suggestion_submit(store, SuggestionInput(GUIDE, fixed, "Say what comes first")).id
    branch = f"refs/heads/suggestions/{sid}"
    tip = store.ref(branch)
    assert tip is not None
    amended = store.write_files_commit(
        parents=[tip], base_tree=store.commit_info(tip).tree,
        changes={GUIDE: fixed.replace("\n## Steps", f"\n{added}\n\n## Steps", 1).encode()},
        message="Add a note\n", author=AMENDER, committer=AMENDER,
    )  # fmt: skip
    assert store.update_ref(branch, tip, amended)
    review_approve(store, sid, staff=REVIEWER)
    main = store.main()

    with pytest.raises(ReviewError, match=re.escape(refused_with)):
        review_merge(store, sid, staff=MERGER)
    assert store.main() == main
