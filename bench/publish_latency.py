"""How long a merged one-guide fix takes to reach readers with ``wikitool publish --watch``.

With ``publish --watch --debounce 0`` running on a synthetic wiki, each round commits a
one-guide fix to ``main`` the way a merge does (``WikiStore``: blob, tree, commit, then
``main`` moved), then polls the live path until the release shows it on the guide's
page, on the changes page and in the search index. The seconds from moving ``main`` to
all three are the latency (the incremental path). In the same run, a plain ``wikitool
publish`` of one more fix in a fresh process gives the full build's figure. Peak
memory: the watch process's ``VmHWM``.

Command line::

    python bench/publish_latency.py WIKI --rounds 7

``WIKI`` is a repository made by ``synthetic_wiki.py`` (generated first when missing,
with ``--guides`` and ``--commits``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic_wiki import make_synthetic_wiki

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.model import Identity

STAFF = Identity("Bench Staff", "staff@agency.invalid")
WIKITOOL = [sys.executable, "-c", "from wikitool.cli import main; main()"]


def _fix(store: WikiStore, guides: list[str], token: str, rng: random.Random) -> tuple[str, str]:
    """Commit a one-guide fix carrying ``token`` to main; returns (guide, moved-at time)."""
    guide = rng.choice(guides)
    tip = store.main()
    raw = store.read(tip, guide)
    assert raw is not None, guide
    old = raw.decode("utf-8")
    text = re.sub(r"^(\d+)\. ", rf"\g<1>. {token} ", old, count=1, flags=re.MULTILINE)
    assert text != old, guide
    commit = store.write_files_commit(
        parents=[tip],
        base_tree=store.commit_info(tip).tree,
        changes={guide: text.encode("utf-8")},
        message=f"Reword the first step ({token})",
        author=STAFF,
        committer=STAFF,
        when=int(time.time()),
    )
    moved = time.monotonic()
    assert store.update_ref(MAIN_REF, tip, commit)
    return guide, str(moved)


def _shows(live: Path, guide: str, token: str) -> bool:
    page = live / guide.removeprefix("content/").removesuffix(".md") / "index.html"
    try:
        return all(
            token in path.read_text(encoding="utf-8")
            for path in (page, live / "changes/index.html", live / "search/search_index.json")
        )
    except OSError:
        return False


def _wait(live: Path, guide: str, token: str, timeout: float = 180) -> float:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if _shows(live, guide, token):
            return time.monotonic()
        time.sleep(0.02)
    raise SystemExit(f"{token} never went live")


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wiki", type=Path)
    parser.add_argument("--guides", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if not args.wiki.exists():
        make_synthetic_wiki(args.wiki, guides=args.guides, commits=args.commits)
    rng = random.Random(1)
    with WikiStore.open(args.wiki) as store:
        guides = [
            f.path
            for f in store.files(store.main(), "content/")
            if f.path.endswith(".md") and not f.path.endswith("index.md")
        ]
    live = Path(tempfile.mkdtemp(prefix="publish-latency-")) / "guides"
    load_before = os.getloadavg()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    watch = subprocess.Popen(
        [*WIKITOOL, "--repo", str(args.wiki), "publish", "--out", str(live), "--watch",
         "--debounce", "0"],
        stdout=subprocess.PIPE, text=True, env=env,
    )
    assert watch.stdout is not None
    lines = []
    try:
        started = time.monotonic()
        lines.append(watch.stdout.readline())  # "Watching ..."
        lines.append(watch.stdout.readline())  # the first publish: a full build
        first = time.monotonic() - started
        latencies = []
        for round_ in range(args.rounds):
            token = f"Zq{os.getpid()}x{round_}"  # unique to this run: the wiki keeps fixes
            with WikiStore.open(args.wiki) as store:
                guide, moved = _fix(store, guides, token, rng)
            # Live first, then the log line: the publish goes on after the switch (the
            # tag, pruning an old release), which readers do not wait for.
            latencies.append(_wait(live, guide, token) - float(moved))
            lines.append(watch.stdout.readline())
        peak = _peak_kib(watch.pid)
    finally:
        watch.terminate()
        watch.wait(60)
    token = f"Zq{os.getpid()}full"
    with WikiStore.open(args.wiki) as store:
        guide, moved = _fix(store, guides, token, rng)
    full = subprocess.run(
        [*WIKITOOL, "--repo", str(args.wiki), "publish", "--out", str(live), "--json"],
        capture_output=True, text=True, env=env, check=True,
    )
    full_seconds = _wait(live, guide, token) - float(moved)
    for line in lines:
        print("watch:", line.rstrip())
    print("plain publish:", " ".join(full.stdout.split()))
    print(
        f"load average (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} after"
    )
    print(f"watch's first publish (full, fresh process): {first:.1f} s")
    print(
        "main moved -> live (watch, incremental): median "
        f"{statistics.median(latencies):.2f} s, min {min(latencies):.2f}, "
        f"max {max(latencies):.2f} over {len(latencies)} merges "
        f"({', '.join(f'{x:.2f}' for x in latencies)})"
    )
    print(f"main moved -> live (plain publish, full): {full_seconds:.1f} s")
    print(f"watch's peak memory (VmHWM): {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
