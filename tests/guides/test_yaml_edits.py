"""Front-matter edits keep the comment lines where the author put them: before what
they introduce, whatever is added, removed or moved around them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wikitool.guides.plain_yaml import dump_yaml, load_plain_yaml
from wikitool.guides.yaml_edits import insert_item, move_item, remove_entry, set_entry

FRONT = """\
fees:  # checked 2026-10-06
  - label: Online
    amount: 86  # the cheapest
  # paper costs more: checked by hand
  - label: Paper
    amount: 95
# how long it takes
time: not stated
tags:
  - passport
  # the rest are for search
  - travel
  - renewal
"""

Edit = Callable[[Any], None]

EDITS: list[tuple[str, Edit, str]] = [
    # (case, the edit, FRONT after it)
    ("a new key last in an item", lambda d: set_entry(d["fees"][0], "note", "Card only."),
     FRONT.replace("# the cheapest\n", "# the cheapest\n    note: Card only.\n")),
    ("a new key last in the last item", lambda d: set_entry(d["fees"][1], "note", "Cheque."),
     FRONT.replace("    amount: 95\n", "    amount: 95\n    note: Cheque.\n")),
    ("a value changed", lambda d: set_entry(d["fees"][1], "amount", 99),
     FRONT.replace("amount: 95", "amount: 99")),
    ("an equal value", lambda d: set_entry(d["fees"][0], "amount", 86), FRONT),
    ("a list set whole, one item more", lambda d: set_entry(d, "tags", ["passport", "travel", "renewal", "id"]),
     FRONT + "  - id\n"),
    ("a mapping set whole, one key changed", lambda d: set_entry(d["fees"], 1, {"label": "Paper", "amount": 99}),
     FRONT.replace("amount: 95", "amount: 99")),
    ("an item added last", lambda d: insert_item(d["fees"], 2, {"label": "Fast", "amount": 160}),
     FRONT.replace("    amount: 95\n", "    amount: 95\n  - label: Fast\n    amount: 160\n")),
    ("an item added first", lambda d: insert_item(d["tags"], 0, "id"),
     FRONT.replace("tags:\n", "tags:\n  - id\n")),
    ("the first item removed", lambda d: remove_entry(d["fees"], 0),
     FRONT.replace("  - label: Online\n    amount: 86  # the cheapest\n", "")),
    ("the first item removed after an introduction", lambda d: remove_entry(d["tags"], 0),
     FRONT.replace("tags:\n  - passport\n", "tags:\n")),
    ("the first key removed", lambda d: remove_entry(d, "fees"),
     FRONT[FRONT.index("# how long it takes\n"):]),
    ("the last item removed", lambda d: remove_entry(d["fees"], 1),
     FRONT.replace("  - label: Paper\n    amount: 95\n", "")),
    ("a middle item removed", lambda d: remove_entry(d["tags"], 1),
     FRONT.replace("  - travel\n", "")),
    ("a key removed", lambda d: remove_entry(d["fees"][1], "amount"),
     FRONT.replace("    amount: 95\n", "")),
    ("an item moved last", lambda d: move_item(d["tags"], 0, 2),
     FRONT.replace("  - passport\n  # the rest are for search\n  - travel\n  - renewal\n",
                   "  # the rest are for search\n  - travel\n  - renewal\n  - passport\n")),
    ("an intro kept when the first item goes", lambda d: (insert_item(d["tags"], 0, "id"), remove_entry(d["tags"], 1)),
     FRONT.replace("  - passport\n", "  - id\n")),
    ("an item moved first", lambda d: move_item(d["fees"], 1, 0),
     FRONT.replace("  - label: Online\n    amount: 86  # the cheapest\n  # paper costs more: checked by hand\n"
                   "  - label: Paper\n    amount: 95\n",
                   "  - label: Paper\n    amount: 95\n  - label: Online\n    amount: 86  # the cheapest\n"
                   "  # paper costs more: checked by hand\n")),
]


@pytest.mark.parametrize(("edit", "expected"), [row[1:] for row in EDITS], ids=[row[0] for row in EDITS])
def test_comment_lines_stay_before_what_they_introduce(edit: Edit, expected: str) -> None:
    data = load_plain_yaml(FRONT, path="guide.md", first_line=2)

    edit(data)

    assert dump_yaml(data) == expected
