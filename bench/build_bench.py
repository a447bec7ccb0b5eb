"""Site build time on a synthetic wiki: ``wikitool build`` against plain MkDocs and git plugins.

Three builds of the same wiki, side by side in one run, each as its own process:

- ``wikitool build``: exports main's tree and runs MkDocs with the ``wikitool`` plugin
  (at-a-glance panel, freshness, history, changes page, sanitizing);
- plain ``mkdocs build``: the wiki's own mkdocs.yml without the ``wikitool`` plugin;
- ``mkdocs build`` with mkdocs-git-revision-date-localized-plugin and
  mkdocs-git-authors-plugin instead (the usual way to show dates and authors from git).

The targets: wikitool within 1.15x of plain in CPU (issues 5 and 12) and within 1.10x
(issue 14, at 500 and 2,000 guides), and faster than the git plugins.

The git plugins are not project dependencies; install them into the venv for the bench::

    .venv/bin/pip install mkdocs-git-revision-date-localized-plugin mkdocs-git-authors-plugin

Run::

    .venv/bin/python bench/build_bench.py                          # 2,000 guides, 10,000 commits
    .venv/bin/python bench/build_bench.py --guides 500 --commits 2000 --repeat 3
    .venv/bin/python bench/build_bench.py --wiki /tmp/wiki          # reuse a generated wiki
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import yaml  # type: ignore[import-untyped]
from synthetic_wiki import make_synthetic_wiki

from wikitool.publishing.scratch import memory_dir

VENV_BIN = Path(sys.executable).parent
TARGET_RATIO = 1.10
"""Issue 14's full build target, the strictest (issues 5 and 12 ask for 1.15x)."""
GIT_PLUGINS = {
    "git-revision-date-localized": "mkdocs-git-revision-date-localized-plugin",
    "git-authors": "mkdocs-git-authors-plugin",
}
PACKAGES = ["mkdocs", "mkdocs-material", "dulwich", "nh3", *GIT_PLUGINS.values()]


@dataclass
class Contender:
    """One way of building the site, and its timings."""

    name: str
    command: list[str]
    """The build's command; ``{out}`` stands for the folder it writes."""
    out: Path
    """Where its sites go: ``out-1``, ``out-2``... one a round."""
    seconds: list[float]
    """Wall-clock time of each build."""
    cpu: list[float] = field(default_factory=list)
    """CPU time (user + system, the process and every git it ran) of each build."""
    pages: int = 0
    skipped: str = ""


def _plugin_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def write_configs(wiki: Path) -> tuple[Path, Path]:
    """Write the plain and the git-plugin MkDocs configs beside the wiki's own mkdocs.yml.

    Both are the wiki's config without the ``wikitool`` plugin; the second adds the two
    git plugins, set up as their documentation suggests for "last updated" and authors.
    The files are untracked: ``wikitool build`` reads main's tree and never sees them.
    """
    config = yaml.safe_load((wiki / "mkdocs.yml").read_text("utf-8"))
    plugins = [p for p in config.get("plugins", ["search"]) if _plugin_name(p) != "wikitool"]
    plain = {**config, "plugins": plugins}
    with_git = {
        **config,
        "plugins": [
            *plugins,
            {"git-revision-date-localized": {"type": "date", "enable_creation_date": True}},
            "git-authors",
        ],
    }
    paths = wiki / "bench-plain.yml", wiki / "bench-git-plugins.yml"
    for path, data in zip(paths, (plain, with_git), strict=True):
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return paths


def missing_git_plugins() -> list[str]:
    """The git plugin packages that are not installed."""
    installed = {ep.name for ep in metadata.entry_points(group="mkdocs.plugins")}
    return [package for name, package in GIT_PLUGINS.items() if name not in installed]


def run_once(contender: Contender) -> None:
    """Build once, from scratch, into a new folder, and record the wall-clock and CPU time.

    No site is deleted while the rounds run (``remove_sites`` after the last): see
    ``sites_folder`` for what deleting a thousand files costs the next build on a disk.
    """
    out = contender.out.with_name(f"{contender.out.name}-{len(contender.seconds) + 1}")
    command = [part.replace("{out}", str(out)) for part in contender.command]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(
            f"{contender.name} failed (exit {done.returncode}):\n{done.stderr[-3000:]}"
        )
    contender.seconds.append(elapsed)
    contender.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    contender.pages = sum(1 for _ in out.rglob("index.html"))


def remove_sites(contender: Contender) -> None:
    """Delete the sites of every round (and of an earlier run)."""
    for site in contender.out.parent.glob(f"{contender.out.name}-*"):
        shutil.rmtree(site, ignore_errors=True)


SITES_ROOM = 4 << 30
"""Free memory the sites of a run need to be written in memory."""


def sites_folder(work: Path) -> Path:
    """Where the builds write their sites: in memory when it has room (as for
    ``wikitool.publishing.scratch.memory_dir``; ``TMPDIR`` set means the disk).

    What a build costs in CPU is the question; on this machine's disk (ext4 without a
    journal) creating a file costs from 40 to 650 us depending on how many files any
    process on the machine deleted in the last minute (ext4 then scans past each inode
    freed recently, ``recently_deleted`` in its inode allocator): the same build's
    system time ranged from 0.2 to 1.3 s, and more for the build that writes more
    files, whatever it does with its CPU. In memory each file costs about 11 us. On
    either, each round writes new folders and none is deleted until the last round:
    deleting the last round's site right before a build is what made the disk slow.
    """
    memory = memory_dir(SITES_ROOM)  # where wikitool's own builds put their scratch files
    return Path(memory) / f"wikitool-bench-sites-{os.getpid()}" if memory else work


def byte_compile_wikitool() -> None:
    """Byte-compile the wikitool package the builds import, as installing it does.

    With ``PYTHONDONTWRITEBYTECODE`` set (some CI and agent shells set it) and a source
    checkout, every round would compile wikitool's hundred modules from source again:
    about 0.5 G instructions (0.1 s of CPU) a build that no installed wikitool pays,
    while MkDocs, installed by pip, is byte-compiled. The child process imports the
    same wikitool as the timed builds (same interpreter, same environment).
    """
    subprocess.run(
        [
            str(VENV_BIN / "python"),
            "-c",
            "import compileall, os, wikitool; "
            "compileall.compile_dir(os.path.dirname(wikitool.__file__), quiet=1)",
        ],
        check=True,
    )


def versions() -> str:
    """Python, packages, git and the machine, on one line each."""
    lines = [f"python {platform.python_version()}"]
    for package in PACKAGES:
        try:
            lines.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{package} (not installed)")
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    cores = os.cpu_count()
    lines += [git, f"{platform.machine()}, {cores} cores, {platform.system()} {platform.release()}"]
    return "\n".join(lines)


def table(contenders: list[Contender]) -> str:
    """A Markdown table: median wall-clock and CPU seconds, their ratios to plain MkDocs,
    pages. Medians, because a shared machine's noise comes and goes during a run."""
    plain = next(c for c in contenders if c.name == "plain mkdocs build")
    rows = [
        "| build | wall (s) | vs plain | CPU (s) | vs plain | pages |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in contenders:
        if c.skipped:
            rows.append(f"| {c.name} | - | - | - | - | {c.skipped} |")
            continue
        wall, cpu = median(c.seconds), median(c.cpu)
        rows.append(
            f"| {c.name} | {wall:.1f} | {wall / median(plain.seconds):.2f}x"
            f" | {cpu:.1f} | {cpu / median(plain.cpu):.2f}x | {c.pages:,} |"
        )
    return "\n".join(rows)


def verdict(contenders: list[Contender]) -> list[str]:
    """Whether wikitool met the issue's targets, on CPU time (steady on a busy machine)."""
    by_name = {c.name: c for c in contenders if not c.skipped}
    ours_each, plain_each = by_name["wikitool build"].cpu, by_name["plain mkdocs build"].cpu
    ours = median(ours_each)
    # Each round builds both one after the other: the ratio within a round is the fairest
    # comparison on a machine whose load changes, and its median the figure to quote.
    ratio = median(a / b for a, b in zip(ours_each, plain_each, strict=True))
    lines = [
        f"wikitool / plain = {ratio:.2f}x CPU, median of {len(ours_each)} rounds "
        f"(target <= {TARGET_RATIO}x): " + ("met" if ratio <= TARGET_RATIO else "MISSED")
    ]
    git = by_name.get("mkdocs + git plugins")
    if git:
        theirs = median(git.cpu)
        lines.append(
            f"wikitool vs git plugins: {ours:.1f} s vs {theirs:.1f} s CPU: "
            + ("faster" if ours < theirs else "NOT faster")
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse the options, generate or reuse the wiki, build it three ways, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--guides", type=int, default=2000, help="guides (2000)")
    parser.add_argument("--commits", type=int, default=10_000, help="commits (10000)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per contender (1)")
    parser.add_argument("--wiki", type=Path, help="a wiki made by synthetic_wiki.py to reuse")
    parser.add_argument("--workdir", type=Path, help="keep the wiki (and sites) here")
    parser.add_argument(
        "--sites",
        type=Path,
        help="write the sites here (default: a folder in /dev/shm when it has room, else "
        "the workdir; see sites_folder)",
    )
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="wikitool-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    wiki = args.wiki
    if wiki is None:
        wiki = work / "wiki"
        if wiki.exists():
            shutil.rmtree(wiki)
        print(f"Generating {args.guides:,} guides, {args.commits:,} commits in {wiki} ...")
        made = make_synthetic_wiki(wiki, guides=args.guides, commits=args.commits)
        print(f"  done in {made.seconds:.1f} s")
    plain_yml, git_yml = write_configs(wiki)
    sites = args.sites or sites_folder(work)
    sites.mkdir(parents=True, exist_ok=True)
    print(f"Sites written in {sites}")
    byte_compile_wikitool()
    mkdocs, wikitool = str(VENV_BIN / "mkdocs"), str(VENV_BIN / "wikitool")
    contenders = [
        Contender(
            "wikitool build",
            [wikitool, "--repo", str(wiki), "build", "--out", "{out}"],
            sites / "site-wikitool",
            [],
        ),
        Contender(
            "plain mkdocs build",
            [mkdocs, "build", "-q", "-f", str(plain_yml), "-d", "{out}"],
            sites / "site-plain",
            [],
        ),
        Contender(
            "mkdocs + git plugins",
            [mkdocs, "build", "-q", "-f", str(git_yml), "-d", "{out}"],
            sites / "site-git",
            [],
        ),
    ]
    missing = missing_git_plugins()
    if missing:
        contenders[2].skipped = "not installed: pip install " + " ".join(missing)
        print(f"Skipping the git plugins: .venv/bin/pip install {' '.join(missing)}")
    for contender in contenders:
        remove_sites(contender)
    # Round robin, so a busy moment on the machine does not hit one contender only.
    for round_ in range(args.repeat):
        for contender in contenders:
            if contender.skipped:
                continue
            run_once(contender)
            print(
                f"  round {round_ + 1}: {contender.name}: {contender.seconds[-1]:.1f} s"
                f" ({contender.cpu[-1]:.1f} s CPU)"
            )

    for contender in contenders:
        remove_sites(contender)
    print()
    guides = sum(1 for p in (wiki / "content").rglob("*.md") if p.name != "index.md")
    commits = subprocess.run(
        ["git", "-C", str(wiki), "rev-list", "--count", "main"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    print(f"{time.strftime('%Y-%m-%d')}: {guides:,} guides, {int(commits):,} commits on main")
    print(versions())
    print()
    print(table(contenders))
    print()
    print("\n".join(verdict(contenders)))
    if args.sites is None and sites != work:
        shutil.rmtree(sites, ignore_errors=True)  # memory is not kept after the run
        print(f"\nWiki: {work}")
    else:
        print(f"\nWiki: {work}, sites: {sites}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
