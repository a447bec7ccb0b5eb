"""check_guide from many threads at once gives exactly what checking one by one gives.

The intake checks suggestions in several threads. Python-Markdown instances are not
thread-safe (a conversion keeps its lines, stash and parse tree on the instance), so each
thread must render with its own: one shared instance makes these results wrong.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from guide_samples import GUIDE, GUIDE_PATH, TODAY, WIKI_PATHS, edit

from wikitool.guides.checks import check_guide
from wikitool.model import Problem

STEPS = GUIDE[GUIDE.index("## Steps") : GUIDE.index("## Get help")]
THREADS = 8
ROUNDS = 5

# Guides that pass, and guides whose problems differ in the Steps section (the Markdown
# part) and elsewhere, so that a mix-up between two checks in flight shows.
VALID = {
    "valid": GUIDE,
    "steps as raw HTML": edit(GUIDE, STEPS, "## Steps\n\n<ol><li>Get a photo.</li></ol>\n\n"),
    "long list of steps": edit(
        GUIDE, STEPS, "## Steps\n\n" + "".join(f"{n}. See [{n}](#s{n}).\n" for n in range(1, 60))
    ),
    "list far down": edit(GUIDE, STEPS, "## Steps\n\n" + "Read this.\n\n" * 40 + "1. Go.\n\n"),
}
_INVALID = {
    "bulleted steps": edit(GUIDE, STEPS, "## Steps\n\n- Get a digital passport photo.\n\n"),
    "list after a paragraph": edit(GUIDE, STEPS, "## Steps\n\nFirst:\n1. Get a photo.\n\n"),
    "steps only in code": edit(GUIDE, STEPS, "## Steps\n\n```\n1. Get a photo.\n```\n\n"),
    "no Steps section": edit(GUIDE, "## Steps\n", "## Stages\n"),
    "HTML title": edit(GUIDE, "title: Renew an adult passport", "title: <b>Renew</b>"),
    "fee as text": edit(GUIDE, "amount: 86\n", "amount: eighty\n"),
    "passed review date": edit(GUIDE, "review_by: 2027-03-14", "review_by: 2026-01-01"),
}
# Each also names itself in a link to a missing page: no two results are alike.
INVALID = {
    name: f"{text}\nSee [the {name} page]({name.replace(' ', '-')}.md).\n"
    for name, text in _INVALID.items()
}
VARIANTS = VALID | INVALID


@pytest.fixture
def frequent_thread_switches() -> Iterator[None]:
    """Switch threads every 10 microseconds (not every 5 ms) so that unsafe sharing between
    two checks in flight shows up in a short test."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(interval)


def check(text: str) -> list[Problem]:
    return check_guide(GUIDE_PATH, text.encode(), set(WIKI_PATHS), TODAY)


def test_the_valid_guides_pass_and_the_others_each_have_their_own_problems() -> None:
    assert [check(text) for text in VALID.values()] == [[]] * len(VALID)
    results = {tuple(check(text)) for text in INVALID.values()}
    assert len(results) == len(INVALID) and () not in results


def test_checks_in_many_threads_at_once_match_checks_one_by_one(
    frequent_thread_switches: None,
) -> None:
    expected = {name: check(text) for name, text in VARIANTS.items()}
    names = list(VARIANTS)
    start = threading.Barrier(THREADS)
    found: dict[tuple[int, int, str], list[Problem]] = {}
    failures: list[BaseException] = []

    def checker(number: int) -> None:
        try:
            start.wait()
            # Each thread its own order, so different guides are in flight together.
            order = names[number:] + names[:number]
            for round_ in range(ROUNDS):
                for name in order if round_ % 2 else reversed(order):
                    found[number, round_, name] = check(VARIANTS[name])
        except BaseException as error:  # reported below, with the thread that raised
            failures.append(error)

    threads = [threading.Thread(target=checker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    wrong = {key: problems for key, problems in found.items() if problems != expected[key[2]]}
    assert wrong == {}
    assert len(found) == THREADS * ROUNDS * len(names)
