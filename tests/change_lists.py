"""Change lists a citizen's form editor may send, and the ones refused, shared by the
``suggest submit`` and intake tables: both must refuse each with the same line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guide_edits import commit_guide_edits

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
SHORT_GUIDE = GUIDE.removeprefix("content/")

FOURTH_FEE = (
    "    note: Includes the renewal fee. Book online; in person only.\n",
    "    note: Includes the renewal fee. Book online; in person only.\n"
    "  - label: Replacement of a damaged passport\n    amount: 120\n    currency: EUR\n",
)
"""Staff add a fourth fee on main after the citizen's base (``OLD_BASE`` below)."""

OLD_BASE = "OLD_BASE"
"""Stands for the revision before ``FOURTH_FEE`` in a row's base and error."""

REFUSED_CHANGES: list[tuple[str, object, str | None, str]] = [
    # (case, changes, base, the error line; SRC: is where the suggestion came from)
    ("an empty required field", [{"field": "documents[0].name", "set": ""}], None,
     f"changes[0] (documents[0].name): {GUIDE}:28: documents[0].name: must be at least 1 characters long"),
    ("a non-numeric amount", [{"field": "fees[0].amount", "set": "86 euros"}], None,
     f"changes[0] (fees[0].amount): {GUIDE}:12: fees[0].amount: must be a number, not the text '86 euros'"),
    ("an unknown currency", [{"field": "fees[1].currency", "set": "VLR"}], None,
     f"changes[0] (fees[1].currency): {GUIDE}:16: fees[1].currency: 'VLR' is not an ISO 4217 currency code (such as EUR, GBP, USD or CAD)"),
    ("a currency that is not a code", [{"field": "fees[1].currency", "set": "euros"}], None,
     f"changes[0] (fees[1].currency): {GUIDE}:16: fees[1].currency: must be a three-letter currency code in capitals, like EUR"),
    ("a removed last step", [{"step": 0, "remove": True}] * 7, None,
     "changes[6] (steps[0]): is the only step of its list: a list of steps needs at least one; reword it instead"),
    ("a field that does not exist", [{"field": "fees[1].amount", "set": 96}, {"field": "fees[7].amount", "set": 89}], None,
     "changes[1] (fees[7].amount): no such field in the guide at base BASE"),
    ("a key under a field that does not exist", [{"field": "fee[0].amount", "set": 89}], None,
     "changes[0] (fee[0].amount): no such field in the guide at base BASE"),
    ("a field the base did not have yet", [{"field": "fees[3].amount", "set": 130}], OLD_BASE,
     "changes[0] (fees[3].amount): no such field in the guide at base OLD_BASE"),
    ("a step that does not exist", [{"step": 7, "text": "Wait."}], None,
     "changes[0] (steps[7]): no such step in the guide at base BASE (it has 7 steps: steps[0] to steps[6])"),
    ("a section that does not exist", [{"section": "Opening hours", "text": "9 to 5."}], None,
     "changes[0] (section 'Opening hours'): no such section in the guide at base BASE"),
    ("the steps as a section", [{"section": "Steps", "text": "1. Go."}], None,
     "changes[0] (section 'Steps'): change the steps one by one, with step entries"),
    ("inserting past the end of a list", [{"field": "documents", "insert": 4, "value": {"name": "Photo", "required": True}}], None,
     "changes[0] (documents): cannot insert at place 4: the list has 3 items in the guide at base BASE"),
    ("inserting into a value that is not a list", [{"field": "title", "insert": 0, "value": "x"}], None,
     "changes[0] (title): is not a list: insert adds an item to a list"),
    ("moving past the end of a list", [{"field": "channels[0]", "move": 3}], None,
     "changes[0] (channels[0]): cannot move to place 3: the list has 3 items in the guide at base BASE"),
    ("a field the guide model does not have", [{"field": "colour", "set": "red"}], None,
     f"changes[0] (colour): {GUIDE}:67: unknown field 'colour'"),
    ("an unknown key in a new item", [{"field": "documents", "insert": 3, "value": {"name": "Photo", "colour": "red"}}], None,
     f"changes[0] (documents): {GUIDE}:37: documents[3]: unknown field 'colour'"),
    ("personal data in a step", [{"step": 4, "text": "Pay the fee, or call Ana on +44 20 7946 0958."}], None,
     f"changes[0] (steps[4]): {GUIDE}: personal data is not allowed in a guide: phone number (***58) on line 91; remove it and submit again"),
    ("personal data in a step below a new document",
     [{"field": "documents", "insert": 0, "value": {"name": "Photo", "required": True}},
      {"step": 0, "insert": "before", "text": "Ring Ana on +44 20 7946 0958."}, {"step": 5, "text": "Pay."}], None,
     f"changes[1] (steps[0]): {GUIDE}: personal data is not allowed in a guide: phone number (***58) on line 89; remove it and submit again"),
    ("raw HTML in a section", [{"section": "Get help", "text": "<script>alert(1)</script>"}], None,
     f"changes[0] (section 'Get help'): {GUIDE}:109: unsafe HTML element <script>"),
    ("a change that changes nothing", [{"field": "fees[0].amount", "set": 86}], None,
     f"{GUIDE}: the suggested content is the same as the published guide"),
    # Malformed entries: refused as read, before the guide is looked at.
    ("not a list", {"field": "fees[0].amount", "set": 89}, None, "SRC: changes must be a list of changes"),
    ("an empty list", [], None, "SRC: changes is empty: say what you changed"),
    ("too many changes", [{"field": "fees[0].amount", "set": 89}] * 101, None,
     "SRC: changes has more than 100 entries: send the whole guide as content instead"),
    ("an entry that is not an object", ["fees[0].amount = 89"], None,
     "SRC: changes[0]: must be an object with field, step or section"),
    ("an unknown key", [{"field": "fees[0].amount", "set": 89, "colour": "red"}], None,
     "SRC: changes[0]: unknown key 'colour' in a field change"),
    ("both set and remove", [{"field": "fees[0].amount", "set": 89, "remove": True}], None,
     "SRC: changes[0] (fees[0].amount): needs exactly one of set, insert, remove, move"),
    ("neither set nor remove", [{"field": "fees[0].amount"}], None,
     "SRC: changes[0] (fees[0].amount): needs exactly one of set, insert, remove, move"),
    ("a field and a step at once", [{"field": "fees[0].amount", "step": 0, "set": 89}], None,
     "SRC: changes[0]: needs exactly one of field, step and section"),
    ("a field that is not a path", [{"field": "fees.0.amount; rm -rf", "set": 89}], None,
     "SRC: changes[0]: field must be a path such as fees[1].amount, got 'fees.0.amount; rm -rf'"),
    ("a field that is a number", [{"field": 3, "set": 89}], None,
     "SRC: changes[0]: field must be a path such as fees[1].amount, got '3'"),
    ("a null value", [{"field": "fees[0].note", "set": None}], None,
     "SRC: changes[0] (fees[0].note): a value cannot be empty (null): use remove"),
    ("remove: false", [{"field": "fees[0]", "remove": False}], None,
     "SRC: changes[0] (fees[0]): remove must be true"),
    ("a move to text", [{"field": "channels[0]", "move": "2"}], None,
     "SRC: changes[0] (channels[0]): move must be a place in the list (0, 1, ...)"),
    ("a move of a whole list", [{"field": "channels", "move": 2}], None,
     "SRC: changes[0] (channels): move takes a list item, such as channels[0]"),
    ("insert without a value", [{"field": "documents", "insert": 0}], None,
     "SRC: changes[0] (documents): insert needs the new item as value"),
    ("a value with set", [{"field": "fees[0].amount", "set": 89, "value": 90}], None,
     "SRC: changes[0] (fees[0].amount): value goes with insert; set takes its own value"),
    ("a step before the first", [{"step": -1, "text": "Go."}], None, "SRC: changes[0]: step must be a step's place (0, 1, ...)"),
    ("a step as text", [{"step": "3", "text": "Go."}], None, "SRC: changes[0]: step must be a step's place (0, 1, ...)"),
    ("a step's text on two lines", [{"step": 2, "text": "Go.\nThen stop."}], None,
     "SRC: changes[0] (steps[2]): a step's text is one line"),
    ("an empty step", [{"step": 2, "text": "  "}], None, "SRC: changes[0] (steps[2]): text is empty"),
    ("insert in the middle", [{"step": 2, "insert": "between", "text": "Go."}], None,
     'SRC: changes[0] (steps[2]): insert must be "before" or "after"'),
    ("an unknown key in a step change", [{"step": 2, "text": "Go.", "move": 1}], None,
     "SRC: changes[0]: unknown key 'move' in a step change"),
    ("a section's text that is a number", [{"section": "Get help", "text": 5}], None,
     "SRC: changes[0] (section 'Get help'): text must be text"),
    ("a heading in a section's text", [{"section": "Get help", "text": "Call us.\n\n## Elsewhere"}], None,
     "SRC: changes[0] (section 'Get help'): text cannot hold a heading"),
    ("an underlined heading in a section's text", [{"section": "Get help", "text": "Elsewhere\n---------"}], None,
     "SRC: changes[0] (section 'Get help'): text cannot hold a heading"),
    ("a field path too long to be one", [{"field": "a" * 201, "set": 1}], None,
     f"SRC: changes[0]: field must be a path such as fees[1].amount, got '{'a' * 40}...'"),
]


def commit_fourth_fee(wiki: Path, git: Callable[..., str]) -> str:
    """Add a fourth fee on main; returns the revision before it (the citizen's base)."""
    before = git(wiki, "rev-parse", "main").strip()
    commit_guide_edits(wiki, git, GUIDE, FOURTH_FEE)
    return before
