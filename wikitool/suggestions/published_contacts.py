"""The phone numbers and e-mail addresses the wiki itself publishes (official helplines).

They are the personal-data scanner's allowlist: a citizen who quotes a helpline is not
leaking anyone's data.

Every merge moves ``main``, so a result kept per tree alone would be rebuilt from every
guide after each merge (0.5 s and more at 2,000 guides). What is derived from a guide is
therefore kept per guide *version* (blob id: the same bytes always publish the same
contacts), and a tree's result is derived from an already counted tree, usually its
first parent, by the few files that differ between them. A change to one guide costs
the screening of one guide.

A tree's result is kept as counts (contact -> how many guides publish it), not a set: a
contact removed from one guide stays published while another guide still shows it.

Both are kept in memory and in ``.git/wikitool/published-contacts-<scanner>.sqlite3``
(SQLite: the intake's worker processes and staff commands write it at once). The file
is only a cache: deleting it costs one full screening, and any error reading or writing
it falls back to screening. Its name carries a digest of the scanner's code, so a
scanner that finds differently starts a fresh cache instead of trusting old results.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from wikitool.errors import NotFoundError
from wikitool.gitstore import WikiStore, changed_files
from wikitool.gitstore.local_db import local_db
from wikitool.guides.paths import CONTENT_DIR, is_page_path
from wikitool.screening.personal_data import published_contacts, scanner_version

ANCESTOR_WALK = 64
"""How far back ``main``'s first-parent line is searched for a tree already counted."""
KEPT_TREES = 16
"""Trees whose counts stay in the cache file (each merge adds one; older ones go)."""
MEMORY_BLOBS = 8192
MEMORY_TREES = 8
_SQL_CHUNK = 500  # host parameters per query, well under SQLite's limit

# SQLite's default rollback journal, synced: the file feeds the personal-data allowlist,
# so a crash must not leave it saying something no guide says. (WAL would checkpoint
# and sync each time the short-lived connections here close.)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS blobs (blob TEXT PRIMARY KEY, contacts TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS trees (tree TEXT PRIMARY KEY, counts TEXT NOT NULL);
"""

Counts = dict[str, int]
T = TypeVar("T")


def published_contacts_at(store: WikiStore, commit: str) -> set[str]:
    """Normalized contacts published in the guides of ``commit``.

    The same set as :func:`~wikitool.screening.personal_data.published_contacts` over
    the text of every ``content/**.md`` file of ``commit``, at the cost of the guides
    that changed since a tree already counted (see the module docstring).
    """
    return set(_tree_counts(store, commit))


# -- counts per tree ---------------------------------------------------------------------


def _tree_counts(store: WikiStore, commit: str) -> Counts:
    tree = store.commit_info(commit).tree
    cache = _Cache(store)
    counts = _MEMORY.tree(tree)
    if counts is None:
        counts = cache.tree(tree)
        if counts is None:
            counts = _derived(store, cache, commit)
            if counts is None:
                counts = _counted(store, cache, commit)
            cache.keep(tree, counts)
        _MEMORY.keep_tree(tree, counts)
    _MEMORY.note_last(store, commit)
    return counts


def _derived(store: WikiStore, cache: _Cache, commit: str) -> Counts | None:
    """``commit``'s counts from a counted tree near it, or None when none is known."""
    try:
        source = _counted_source(store, cache, commit)
        if source is None:
            return None
        source_commit, source_counts = source
        changes = changed_files(store, source_commit, commit)
    except NotFoundError:
        return None  # history gone from under the source (git gc): count afresh
    changes = [c for c in changes if is_page_path(c.path)]
    blobs = _blob_contacts(
        store, cache, [b for c in changes for b in (c.old_blob, c.new_blob) if b]
    )
    counts = Counter(source_counts)
    for change in changes:
        if change.old_blob:
            counts.subtract(blobs[change.old_blob])
        if change.new_blob:
            counts.update(blobs[change.new_blob])
    if any(n < 0 for n in counts.values()):
        return None  # the source's counts were not what its tree publishes: count afresh
    return {contact: n for contact, n in counts.items() if n > 0}


def _counted_source(store: WikiStore, cache: _Cache, commit: str) -> tuple[str, Counts] | None:
    """The nearest first-parent ancestor of ``commit`` whose tree is counted, with its
    counts; else the tree this process counted last (a suggestion's old base)."""
    line = []
    for ancestor, tree in _first_parents(store, commit):
        counts = _MEMORY.tree(tree)
        if counts is not None:
            return ancestor, counts
        line.append((ancestor, tree))
    on_disk = cache.trees([tree for _, tree in line])
    for ancestor, tree in line:
        if tree in on_disk:
            return ancestor, on_disk[tree]
    last = _MEMORY.last(store)
    if last is not None:
        counts = _MEMORY.tree(store.commit_info(last).tree)
        if counts is not None:
            return last, counts
    return None


def _first_parents(store: WikiStore, commit: str) -> Iterator[tuple[str, str]]:
    info = store.commit_info(commit)
    for _ in range(ANCESTOR_WALK):
        if not info.parents:
            return
        info = store.commit_info(info.parents[0])
        yield info.id, info.tree


def _counted(store: WikiStore, cache: _Cache, commit: str) -> Counts:
    """Counts from every guide of ``commit`` (no counted tree to start from)."""
    blobs = [f.blob_id for f in store.files(commit, CONTENT_DIR + "/") if is_page_path(f.path)]
    contacts = _blob_contacts(store, cache, blobs)
    counts: Counter[str] = Counter()
    for blob in blobs:
        counts.update(contacts[blob])
    return dict(counts)


# -- contacts per guide version ----------------------------------------------------------


def _blob_contacts(store: WikiStore, cache: _Cache, blobs: list[str]) -> dict[str, frozenset[str]]:
    """The contacts each blob publishes: from memory, the cache file, or screening."""
    found: dict[str, frozenset[str]] = {}
    missing: list[str] = []
    for blob in dict.fromkeys(blobs):
        known = _MEMORY.blob(blob)
        if known is None:
            missing.append(blob)
        else:
            found[blob] = known
    if missing:
        from_disk = cache.blobs(missing)
        screened = {
            blob: frozenset(published_contacts([store.blob(blob).decode("utf-8", "replace")]))
            for blob in missing
            if blob not in from_disk
        }
        cache.screened(screened)
        for blob, contacts in (from_disk | screened).items():
            _MEMORY.keep_blob(blob, contacts)
            found[blob] = contacts
    return found


# -- in memory ---------------------------------------------------------------------------


class _Memory:
    """What this process already knows: bounded, shared by its threads.

    Blobs and trees are known by id, whose content never changes, so they serve every
    repository the process opens; the commit counted last is remembered per repository.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._blobs: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._trees: OrderedDict[str, Counts] = OrderedDict()
        self._last: dict[Path, str] = {}

    def blob(self, blob: str) -> frozenset[str] | None:
        with self._lock:
            return self._blobs.get(blob)

    def keep_blob(self, blob: str, contacts: frozenset[str]) -> None:
        with self._lock:
            self._blobs[blob] = contacts
            if len(self._blobs) > MEMORY_BLOBS:
                self._blobs.popitem(last=False)

    def tree(self, tree: str) -> Counts | None:
        with self._lock:
            counts = self._trees.get(tree)
            if counts is not None:
                self._trees.move_to_end(tree)
            return counts

    def keep_tree(self, tree: str, counts: Counts) -> None:
        with self._lock:
            self._trees[tree] = counts
            self._trees.move_to_end(tree)
            if len(self._trees) > MEMORY_TREES:
                self._trees.popitem(last=False)

    def note_last(self, store: WikiStore, commit: str) -> None:
        with self._lock:
            self._last[store.git_dir] = commit

    def last(self, store: WikiStore) -> str | None:
        """The commit of ``store`` counted most recently."""
        with self._lock:
            return self._last.get(store.git_dir)

    def clear(self) -> None:
        with self._lock:
            self._blobs.clear()
            self._trees.clear()
            self._last.clear()


_MEMORY = _Memory()


def forget_in_memory() -> None:
    """Drop what this process remembers (as a new process starts); the file stays."""
    _MEMORY.clear()


# -- on disk -----------------------------------------------------------------------------


def cache_path(store: WikiStore) -> Path:
    """The cache file of this wiki for the scanner running now."""
    return store.git_dir / "wikitool" / f"published-contacts-{scanner_version()}.sqlite3"


class _Cache:
    """The cache file; an error reading or writing it is a miss, never a failure.

    What one count screened is written with the count, in one transaction.
    """

    def __init__(self, store: WikiStore) -> None:
        self._path = cache_path(store)
        self._screened: dict[str, frozenset[str]] = {}

    def tree(self, tree: str) -> Counts | None:
        return self.trees([tree]).get(tree)

    def trees(self, trees: list[str]) -> dict[str, Counts]:
        rows = self._select("SELECT tree, counts FROM trees WHERE tree IN ({})", trees)
        return {tree: counts for tree, counts in _parsed(rows, _counts_from)}

    def blobs(self, blobs: list[str]) -> dict[str, frozenset[str]]:
        rows = self._select("SELECT blob, contacts FROM blobs WHERE blob IN ({})", blobs)
        return {blob: contacts for blob, contacts in _parsed(rows, _contacts_from)}

    def screened(self, contacts: dict[str, frozenset[str]]) -> None:
        """Blobs screened for the count under way, kept with it."""
        self._screened |= contacts

    def keep(self, tree: str, counts: Counts) -> None:
        """Keep ``tree``'s counts and the blobs screened for them; drop old trees."""
        blobs = [(blob, json.dumps(sorted(found))) for blob, found in self._screened.items()]
        try:
            with local_db(self._path, _SCHEMA) as db:
                db.executemany("INSERT OR IGNORE INTO blobs VALUES (?, ?)", blobs)
                db.execute(
                    "INSERT OR IGNORE INTO trees VALUES (?, ?)",
                    (tree, json.dumps(counts, sort_keys=True)),
                )
                # Each merge counts a new tree; the newest are those a next count starts from.
                db.execute(
                    "DELETE FROM trees WHERE rowid <= (SELECT max(rowid) FROM trees) - ?",
                    (KEPT_TREES,),
                )
        except (sqlite3.Error, OSError):
            pass  # a cache that cannot be written (a read-only repository) is only slower
        self._screened = {}

    def _select(self, query: str, keys: list[str]) -> list[tuple[str, str]]:
        if not keys or not self._path.exists():
            return []
        rows: list[tuple[str, str]] = []
        try:
            with local_db(self._path, _SCHEMA) as db:
                for chunk in _chunks(keys):
                    marks = ",".join("?" * len(chunk))
                    rows += db.execute(query.format(marks), chunk).fetchall()
        except (sqlite3.Error, OSError):
            return []
        return rows


def _counts_from(text: str) -> Counts:
    counts = json.loads(text)
    if not isinstance(counts, dict) or not all(isinstance(n, int) for n in counts.values()):
        raise ValueError("not counts")
    return counts


def _contacts_from(text: str) -> frozenset[str]:
    contacts = json.loads(text)
    if not isinstance(contacts, list) or not all(isinstance(c, str) for c in contacts):
        raise ValueError("not contacts")
    return frozenset(contacts)


def _parsed(rows: list[tuple[str, str]], parse: Callable[[str], T]) -> Iterator[tuple[str, T]]:
    """Rows whose value parses; one that does not (a damaged file) is a miss."""
    for key, text in rows:
        try:
            yield key, parse(text)
        except ValueError:
            continue


def _chunks(keys: Iterable[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    for key in keys:
        chunk.append(key)
        if len(chunk) == _SQL_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
