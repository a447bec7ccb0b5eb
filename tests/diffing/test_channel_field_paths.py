"""A change to ``channels`` or ``deadlines`` reads in words: a channel by its label
(``channels[By post].addresses[1]: added``), a deadline by its label, and such a change
is sensitive by default."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from wikitool.diffing.fields import field_changes
from wikitool.review.changes import FileSummary, sensitive_fields
from wikitool.review.policy import DEFAULT_SENSITIVE_FIELDS

ONLINE = {"id": "online", "type": "online", "label": "Online", "urls": ["https://a.invalid/"]}
POST = {"id": "by-post", "type": "post", "label": "By post", "addresses": ["PO Box 1"]}
OLD: dict[str, Any] = {
    "channels": [ONLINE, POST],
    "deadlines": [{"label": "Apply", "date": "2027-03-31", "channels": ["by-post"]}],
}


def _changed(edit: Any) -> list[str]:
    new = copy.deepcopy(OLD)
    edit(new)
    return [f"{c.path}: {c.change}" for c in field_changes(OLD, new)]


@pytest.mark.parametrize(
    ("edit", "read"),
    [
        (lambda g: g["channels"][1]["addresses"].append("PO Box 2"),
         ["channels[By post].addresses[1]: added"]),
        (lambda g: g["channels"][0].update(label="Apply online"),
         ["channels[Apply online].label: changed"]),
        (lambda g: g["channels"].pop(0), ["channels[Online]: removed"]),
        (lambda g: g["channels"].insert(1, {"id": "by-email", "type": "email", "label": "E-mail",
                                            "emails": ["a@b.invalid"]}),
         ["channels[E-mail]: added"]),
        (lambda g: g["channels"][1].update(id="post"), ["channels[By post].id: changed"]),
        (lambda g: g["deadlines"][0].update(date="2027-04-30"), ["deadlines[Apply].date: changed"]),
        (lambda g: g.pop("channels"), ["channels[Online]: removed", "channels[By post]: removed"]),
        (lambda g: g["channels"].reverse(), ["channels[Online]: moved"]),
    ],
)  # fmt: skip
def test_channels_and_deadlines_read_by_their_label(edit: Any, read: list[str]) -> None:
    assert _changed(edit) == read


@pytest.mark.parametrize("key", ["apply", "channels", "deadlines"])
def test_ways_to_apply_and_deadlines_are_sensitive_by_default(key: str) -> None:
    change = FileSummary("content/a/b.md", "1" * 40, "2" * 40, 1, 1, (key, "summary"))

    assert sensitive_fields([change], DEFAULT_SENSITIVE_FIELDS) == (key,)
