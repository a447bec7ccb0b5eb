"""Readers never see a gap: while ``wikitool publish --watch`` publishes ten commits (full
builds, one of them failing on a broken ``mkdocs.yml``), readers polling every page of
the site through a real HTTP server on the live link get only 200 answers (and the
site's own 404 page for an unknown path), each page whole and byte for byte the page of
one release.

Three processes, as in a deployment: the watch, the web server (``wikitool serve
--site``, which opens each file through the link afresh, as nginx does) and the readers
(threads of the test). The watch starts with main live (it publishes nothing then) and
stops on Ctrl+C (SIGINT) with exit 0.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits
from watching import ROOT, WIKITOOL, WatchProcess

RunCli = Callable[..., Result]
Git = Callable[..., str]
GUIDE = "content/vehicles/pay-a-parking-fine.md"
GUIDE_PAGE = "vehicles/pay-a-parking-fine/"
UNKNOWN = "no-such-guide/"
NOT_FOUND_PAGE = "404.html"
READERS = 2
PUBLISHES = 10
FAILING = 4
"""Which publish fails: its commit breaks mkdocs.yml, the next one mends it."""
BROKEN_CONFIG = ("site_name:", "theme: [unclosed\nsite_name:")
FIXED_CONFIG = BROKEN_CONFIG[::-1]
TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


@pytest.fixture
def server(live: Path) -> Iterator[str]:
    """``wikitool serve --site`` on the live link, on a free port; its base URL."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [str(WIKITOOL), "serve", "--site", str(live), "--port", "0"],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        said = process.stdout.readline()
        found = re.search(r"on (http://127\.0\.0\.1:\d+/)", said)
        assert found, said
        yield found.group(1)
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def live(tmp_path: Path, wiki: Path, run_cli: RunCli) -> Path:
    """The live link, published once from main."""
    path = tmp_path / "www" / "guides"
    result = run_cli("--repo", str(wiki), "publish", "--out", str(path), "--keep", "20")
    assert result.exit_code == 0, result.output
    return path


def _site_paths(site: Path) -> list[str]:
    """Every page of a built site as a reader asks for it, and its data files."""
    pages = sorted(
        str(p.relative_to(site)).removesuffix("index.html")
        for p in site.rglob("*.html")
        if p.name != NOT_FOUND_PAGE
    )
    return [*pages, "search/search_index.json", "changes.xml", "sitemap.xml"]


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _file_of(path: str) -> str:
    return path + "index.html" if path == "" or path.endswith("/") else path


class Readers:
    """Threads reading every path again and again until stopped: what they saw (path,
    status, digest of the body) and what was wrong."""

    def __init__(self, base: str, paths: list[str]) -> None:
        self.base = base
        self.paths = paths
        self.seen: set[tuple[str, int, str]] = set()
        self.failures: list[str] = []
        self.answers = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._read, args=(n,)) for n in range(READERS)
        ]

    def __enter__(self) -> Readers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _read(self, offset: int) -> None:
        # Each reader starts at another place, so every path is read during a switch.
        order = self.paths[offset::READERS] + self.paths
        while not self._stop.is_set():
            for path in order:
                status, body = self._get(path)
                is_page = path == "" or path.endswith(("/", ".html"))
                complete = not is_page or b"</html>" in body[-64:]
                with self._lock:
                    self.answers += 1
                    self.seen.add((path, status, hashlib.sha256(body).hexdigest()))
                    if status != (404 if path == UNKNOWN else 200) or not complete:
                        self.failures.append(f"{path}: {status}, {len(body)} bytes")

    def _get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError as error:
            return 0, str(error).encode()


def test_readers_get_only_whole_pages_of_one_release_during_ten_publishes_one_failing(
    wiki: Path, live: Path, server: str, git: Git
) -> None:
    paths = _site_paths(live)
    watch = WatchProcess(wiki, live, "--debounce", "0", "--keep", "20")
    try:
        watch.next_line("Watching main of .*")
        with Readers(server, [*paths, UNKNOWN]) as readers:
            for n in range(PUBLISHES):
                # Each line is the publish of the commit just made: main was live at the
                # start, so the watch published nothing then.
                if n == FAILING:
                    commit_guide_edits(wiki, git, "mkdocs.yml", BROKEN_CONFIG)
                    commit = git(wiki, "rev-parse", "main")[:12]
                    watch.next_line(rf"{TIME} failed {commit} .*: the site did not build: .*")
                    continue
                if n == FAILING + 1:  # mended in the same commit (`commit -a`) as the edit
                    config = wiki / "mkdocs.yml"
                    config.write_text(config.read_text().replace(*FIXED_CONFIG, 1))
                commit_guide_edits(wiki, git, GUIDE, ("## Steps\n\n1. ", f"## Steps\n\n1. {n}. "))
                commit = git(wiki, "rev-parse", "main")[:12]
                watch.next_line(rf"{TIME} published {commit}: .*")
        assert watch.stop(signal.SIGINT) == 0
        watch.next_line("Stopped watching")
    finally:
        watch.kill()

    releases = [p / "site" for p in live.with_name("guides.releases").iterdir() if p.name[0] != "."]
    assert len(releases) == PUBLISHES  # the first, and the nine that built
    assert readers.failures == []
    # Each answer is, byte for byte, the file of one release (no mix, no half).
    released = {
        (path, _digest(site / (NOT_FOUND_PAGE if path == UNKNOWN else _file_of(path))))
        for site in releases
        for path in [*paths, UNKNOWN]
    }
    assert {(path, digest) for path, _, digest in readers.seen} <= released
    guide_versions = {digest for path, _, digest in readers.seen if path == GUIDE_PAGE}
    assert len(guide_versions) >= 3, "the readers were not reading while releases switched"
    assert readers.answers > 3 * len(paths)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--rev", "main"], "Error: --site builds nothing: drop --rev"),
        (["--intake-url", "http://127.0.0.1:8001"], "Error: --site builds nothing: drop --intake-url"),
    ],
)  # fmt: skip
def test_serve_site_serves_a_built_site_and_builds_nothing(
    tmp_path: Path, run_cli: RunCli, args: list[str], error: str
) -> None:
    result = run_cli("serve", "--site", str(tmp_path), *args)

    assert (result.exit_code, result.stderr.splitlines()[-1]) == (2, error)
