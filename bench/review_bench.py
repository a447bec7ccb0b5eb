"""Benchmark staff review on a large wiki: ``review list`` over 1,000 open suggestions, and
``review merge`` when main has moved since the suggestion's base (a three-way merge).

Targets (issue 4): ``review list`` <= 1 s for 1,000 open suggestions in a 2,000-guide
wiki; ``merge`` needing a three-way merge <= 100 ms median.

Set-up (not timed): a synthetic wiki (``synthetic_wiki.py``); a first wave of
suggestions submitted on main's tip through ``suggestion_submit``; a few of them approved
and merged so main moves on; a second wave on the new tip. One suggestion in ten changes
a fee (a sensitive field: two approvals); the rest reword a step. The backlog then holds
``--suggestions`` open suggestions, the first wave stale, some in conflict.

Timed:

- ``review list`` in-process: cold (no index: every suggestion read once and indexed),
  warm (median of 5), and after one new comment (one entry read again);
- ``wikitool review list --json`` as a user runs it (a new process each time: Python
  start-up and imports included), median of 3;
- ``review merge`` of first-wave suggestions, each needing a three-way merge because the
  previous one moved main: median and worst over ``--merges`` (target: <= 50 ms CPU);
- the same merge as a new ``wikitool review merge`` process finds it: nothing in memory
  (the store opened afresh, the published contacts only in their cache file);
- ``suggestion_submit`` right after a merge (main's new tree seen for the first time: its
  published contacts are derived from the previous tree's) and the next one on the same
  tree, median of ``--submit-rounds`` pairs (target: the first within 2x of the next);
- counting the published contacts of every guide with no cache (what a wiki pays once).

Each figure is given as wall-clock and CPU seconds: on a shared machine the wall clock
also counts the time spent waiting for a CPU. ``--reuse`` times again on the wiki and
backlog a previous run left in ``--out`` (each run merges ``--merges`` more of them).

Usage::

    python bench/review_bench.py [--out bench/out/review] [--guides 2000] [--commits 3000]
                                 [--suggestions 1000] [--merges 20] [--submit-rounds 10]
                                 [--reuse]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from synthetic_wiki import make_synthetic_wiki, suggested_edit

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve, review_comment
from wikitool.review.listing import index_path, review_list
from wikitool.review.merge import review_merge
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.published_contacts import (
    cache_path,
    forget_in_memory,
    published_contacts_at,
)
from wikitool.suggestions.submission import suggestion_submit

ANA = Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid")
BEN = Identity("Ben Osei", "ben.osei@passports.veloria.invalid")
FEE = re.compile(r"^(\s+amount: )(\d+)$", re.MULTILINE)
FIRST_WAVE_MERGES = 10
T = TypeVar("T")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _guides(store: WikiStore) -> list[str]:
    return [
        f.path
        for f in store.files(store.main(), "content/")
        if f.path.endswith(".md") and not f.path.endswith("/index.md")
    ]


def _suggestion(store: WikiStore, path: str, rng: random.Random) -> SuggestionInput:
    text = (store.read(store.main(), path) or b"").decode("utf-8")
    fee = FEE.search(text)
    if fee is not None and rng.random() < 0.1:
        new = str(int(fee.group(2)) + rng.randint(1, 9))
        content = text[: fee.start(2)] + new + text[fee.end(2) :]
        return SuggestionInput(guide=path, content=content, summary=f"Fee is now {new} euros")
    content, summary = suggested_edit(text, rng)
    return SuggestionInput(guide=path, content=content, summary=summary)


def _submit_wave(store: WikiStore, count: int, rng: random.Random, guides: list[str]) -> list[str]:
    ids: list[str] = []
    started = time.perf_counter()
    while len(ids) < count:
        result = suggestion_submit(store, _suggestion(store, rng.choice(guides), rng))
        if result.duplicate_of is None:
            ids.append(result.id)
        if len(ids) % 100 == 0 and result.duplicate_of is None:
            _say(f"  {len(ids)}/{count} submitted ({time.perf_counter() - started:.0f} s)")
    return ids


def _approve_twice(store: WikiStore, suggestion_id: str) -> None:
    review_approve(store, suggestion_id, staff=ANA)
    review_approve(store, suggestion_id, staff=BEN)


class Timing(NamedTuple):
    """Wall-clock and CPU seconds (user + system, this process and its children).

    Both are reported: on a shared machine the wall clock includes waiting for a CPU,
    the CPU time does not (but neither includes waiting for the disk).
    """

    wall: float
    cpu: float


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(function: Callable[..., T], *args: object, **kwargs: object) -> tuple[Timing, T]:
    wall, cpu = time.perf_counter(), _cpu()
    result = function(*args, **kwargs)
    return Timing(time.perf_counter() - wall, _cpu() - cpu), result


def _median(timings: list[Timing], scale: float = 1.0, digits: int = 3) -> dict[str, float]:
    return {
        "wall": round(statistics.median(t.wall for t in timings) * scale, digits),
        "cpu": round(statistics.median(t.cpu for t in timings) * scale, digits),
    }


def _backlog(out: Path, guides: int, commits: int, suggestions: int) -> Path:
    """Generate the wiki and submit the suggestions (not timed); returns the wiki's path."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _say(f"Generating a {guides:,}-guide wiki with {commits:,} commits...")
    wiki = make_synthetic_wiki(out / "wiki", guides=guides, commits=commits)
    rng = random.Random(4)
    first_wave = suggestions // 2 + FIRST_WAVE_MERGES
    with WikiStore.open(wiki.path) as store:
        paths = _guides(store)
        _say(f"Submitting {first_wave} suggestions on main's tip...")
        wave_a = _submit_wave(store, first_wave, rng, paths)
        _say(f"Merging {FIRST_WAVE_MERGES} of them so main moves on...")
        for suggestion_id in wave_a[:FIRST_WAVE_MERGES]:
            _approve_twice(store, suggestion_id)
            review_merge(store, suggestion_id, staff=BEN)
        second_wave = suggestions - (first_wave - FIRST_WAVE_MERGES)
        _say(f"Submitting {second_wave} suggestions on the new tip...")
        _submit_wave(store, second_wave, rng, paths)
    return wiki.path


def _merge(store: WikiStore, suggestion_id: str) -> Timing:
    timing, outcome = _timed(review_merge, store, suggestion_id, staff=BEN)
    assert outcome.three_way, suggestion_id
    return timing


def _submissions_after_merges(wiki: Path, to_merge: list[str]) -> dict[str, object]:
    """After each merge, two submissions: the first on main's new tree, then the next."""
    _say(f"{len(to_merge)} rounds of a merge, then two submissions...")
    first, second = [], []
    rng = random.Random(6)
    with WikiStore.open(wiki) as store:
        paths = _guides(store)
        for suggestion_id in to_merge:
            review_merge(store, suggestion_id, staff=BEN)
            for timings in (first, second):
                suggestion = _suggestion(store, rng.choice(paths), rng)
                timings.append(_timed(suggestion_submit, store, suggestion)[0])
    first_ms, second_ms = _median(first, 1000, 1), _median(second, 1000, 1)
    return {
        "submit_after_merge_rounds": len(first),
        "submit_first_after_merge_median_ms": first_ms,
        "submit_next_median_ms": second_ms,
        "submit_first_vs_next_cpu": round(first_ms["cpu"] / second_ms["cpu"], 2),
    }


def _full_count(wiki: Path) -> dict[str, object]:
    """Published contacts of every guide with nothing cached: what a wiki pays once."""
    with WikiStore.open(wiki) as store:
        cache_path(store).unlink(missing_ok=True)
        forget_in_memory()
        timing, contacts = _timed(published_contacts_at, store, store.main())
    return {"published_contacts": len(contacts), "contacts_full_count_s": _median([timing])}


def run(
    out: Path,
    guides: int,
    commits: int,
    suggestions: int,
    merges: int,
    reuse: bool,
    submit_rounds: int = 10,
) -> dict[str, object]:
    """Build the wiki and backlog in ``out`` (or reuse them) and time list and merge."""
    wiki = out / "wiki"
    if not (reuse and wiki.is_dir()):
        wiki = _backlog(out, guides, commits, suggestions)
    results: dict[str, object] = {"guides": guides, "commits": commits}
    with WikiStore.open(wiki) as store:
        index_path(store).unlink(missing_ok=True)
        cold, rows = _timed(review_list, store)
        warm = [_timed(review_list, store)[0] for _ in range(5)]
        flags = {
            name: sum(1 for r in rows if name in r.verdict.flags)
            for name in ("stale", "guide-changed", "conflict", "sensitive")
        }
        candidates = [r.entry.id for r in rows if r.verdict.stale and not r.verdict.conflicts]
        review_comment(store, rows[-1].entry.id, staff=ANA, text="Checking.")
        after_event, _ = _timed(review_list, store)
    results.update(
        open_suggestions=len(rows),
        flags=flags,
        list_cold_s=_median([cold]),
        list_warm_s=_median(warm),
        list_after_one_event_s=_median([after_event]),
    )

    command = [str(Path(sys.executable).parent / "wikitool"), "--repo", str(wiki)]
    cli = [
        _timed(subprocess.run, [*command, "review", "list", "--json"], check=True,
               stdout=subprocess.DEVNULL)[0]
        for _ in range(3)
    ]  # fmt: skip
    startup = [
        _timed(subprocess.run, [*command, "--version"], check=True, stdout=subprocess.DEVNULL)[0]
        for _ in range(3)
    ]
    results.update(list_cli_s=_median(cli), cli_startup_s=_median(startup))

    fresh_merges = max(3, merges // 4)
    chosen = candidates[: merges + fresh_merges + submit_rounds]
    _say(f"Merging {merges} stale suggestions (three-way merges)...")
    merge_times = []
    with WikiStore.open(wiki) as store:
        for suggestion_id in chosen:
            _approve_twice(store, suggestion_id)
        for suggestion_id in chosen[:merges]:
            merge_times.append(_merge(store, suggestion_id))
    _say(f"Merging {fresh_merges} more, each as a new process would...")
    fresh_times = []
    for suggestion_id in chosen[merges : merges + fresh_merges]:
        forget_in_memory()
        with WikiStore.open(wiki) as store:
            fresh_times.append(_merge(store, suggestion_id))
    results.update(
        merges=len(merge_times),
        merge_median_ms=_median(merge_times, 1000, 1),
        merge_max_ms={
            "wall": round(max(t.wall for t in merge_times) * 1000, 1),
            "cpu": round(max(t.cpu for t in merge_times) * 1000, 1),
        },
        merge_new_process_median_ms=_median(fresh_times, 1000, 1),
    )
    results.update(_submissions_after_merges(wiki, chosen[merges + fresh_merges :]))
    results.update(_full_count(wiki))
    subprocess.run(["git", "-C", str(wiki), "fsck", "--full", "--strict", "--no-progress"],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench/out/review"))
    parser.add_argument("--guides", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--suggestions", type=int, default=1000)
    parser.add_argument("--merges", type=int, default=20)
    parser.add_argument("--submit-rounds", type=int, default=10)
    parser.add_argument(
        "--reuse", action="store_true", help="time again on the wiki and backlog already in --out"
    )
    args = parser.parse_args(argv)
    results = run(
        args.out,
        args.guides,
        args.commits,
        args.suggestions,
        args.merges,
        args.reuse,
        args.submit_rounds,
    )
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
