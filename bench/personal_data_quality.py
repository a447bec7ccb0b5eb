"""Precision and recall of the personal-data scanner, and its speed beside main's.

By default the corpus is the one ``bench/personal_data_corpus.py`` generates (1,000+
positives in 21 locales, 1,000+ near misses, made without the scanner). Recall is
reported per category and per locale, and precision, on the tuning split and on the
held-back split (20% by hash, never looked at while tuning) separately; then the
scanner's milliseconds per KB of text beside the scanner of main at the start of this
work (``--baseline REV``, run from ``git archive`` of that revision in a subprocess), each
from an empty cache, over the corpus (short sentences, nearly all holding a number: the
worst case) and over the reference wiki's guides (whole pages, as a submission is
screened; the speed target is judged there).
An item counts as found when a finding of its kind covers all of it (a finding may take
in the label before a passport or ID number); any other finding is a false positive.
Each sample is scanned with the phone regions of its guide's language, as a submission is.

The hand-written corpus ``bench/corpus/personal_data.yaml`` (exact spans and kinds) is
checked with ``--corpus PATH``.

Usage:
    .venv/bin/python bench/personal_data_quality.py [--verbose] [--no-baseline]
    .venv/bin/python bench/personal_data_quality.py --corpus PATH [--verbose]

Exits 1 when a target is missed on the held-back split (recall >= 0.97 in every
category and locale, precision >= 0.97, under 1 ms per KB); with ``--corpus``, when
precision or recall is below 0.95.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from wikitool.screening.personal_data import published_contacts, scan

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus" / "personal_data.yaml"
TARGET = 0.95
RECALL_TARGET = 0.97
PRECISION_TARGET = 0.97
MS_PER_KB_TARGET = 1.0
# main when this bench was written: the scanner timed side by side.
BASELINE = "5657e85"


@dataclass(frozen=True)
class Quality:
    """How the scanner did on a corpus: counts and the mistakes behind them."""

    samples: int
    near_misses: int
    true_positives: int
    false_positives: int
    false_negatives: int
    mistakes: tuple[str, ...]
    seconds: float

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load_corpus(path: Path = CORPUS) -> dict[str, Any]:
    """The corpus as plain data: ``published``, ``positives`` and ``near_misses``."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def evaluate(corpus: dict[str, Any]) -> Quality:
    """Run every corpus sentence through the scanner and count hits and mistakes."""
    allowlist = published_contacts(corpus.get("published", []))
    true_positives = false_positives = false_negatives = 0
    mistakes: list[str] = []
    started = time.perf_counter()
    for sample in corpus["positives"]:
        text: str = sample["text"]
        expected = {_expected_span(text, item) for item in sample["found"]}
        found = {(f.kind, f.start, f.end) for f in scan(text, allowlist)}
        true_positives += len(expected & found)
        for kind, start, end in sorted(found - expected, key=lambda item: item[1]):
            false_positives += 1
            mistakes.append(f"unexpected {kind} {text[start:end]!r} in {text!r}")
        for kind, start, end in sorted(expected - found, key=lambda item: item[1]):
            false_negatives += 1
            mistakes.append(f"missed {kind} {text[start:end]!r} in {text!r}")
    for near_miss in corpus["near_misses"]:
        text = near_miss["text"]
        for finding in scan(text, allowlist):
            false_positives += 1
            value = text[finding.start : finding.end]
            mistakes.append(f"{near_miss['about']}: {finding.kind} {value!r} in {text!r}")
    return Quality(
        samples=len(corpus["positives"]),
        near_misses=len(corpus["near_misses"]),
        true_positives=true_positives,
        false_positives=false_positives,
        false_negatives=false_negatives,
        mistakes=tuple(mistakes),
        seconds=time.perf_counter() - started,
    )


def _expected_span(text: str, item: dict[str, str]) -> tuple[str, int, int]:
    value = str(item["value"])
    start = text.find(value)
    if start < 0:
        raise ValueError(f"corpus error: {value!r} does not occur in {text!r}")
    return item["kind"], start, start + len(value)


# --- the generated corpus -------------------------------------------------------------


def generated_corpus() -> Any:
    """bench/personal_data_corpus.py's corpus (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "personal_data_corpus", BENCH / "personal_data_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module.generate()


@dataclass
class Tally:
    """Counts for one split: items found and missed per category and per locale, false
    positives, and the mistakes behind them."""

    found: dict[str, int]
    expected: dict[str, int]
    false_positives: int = 0
    mistakes: list[str] | None = None

    def recall(self, key: str) -> float:
        return self.found[key] / self.expected[key] if self.expected[key] else 1.0

    @property
    def true_positives(self) -> int:
        return self.found["all"]

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0


def _kind_matches(expected: str, kind: str) -> bool:
    if expected == "national ID number":
        return kind.startswith("national ID number")
    if expected == "passport number":
        return "passport" in kind.lower() or kind.startswith("national ID number")
    return kind == expected


def tally(corpus: Any, held_back: bool) -> Tally:
    """Scan the samples of one split and count."""
    result = Tally(defaultdict(int), defaultdict(int), 0, [])
    assert result.mistakes is not None
    allowlist = published_contacts(corpus.published)
    for sample in corpus.positives:
        if sample.held_back != held_back:
            continue
        findings = _scan(sample.text, allowlist, sample.lang)
        matched = set()
        for item in sample.items:
            start = sample.text.index(item.value)
            end = start + len(item.value)
            keys = ("all", f"category {sample.category}", f"locale {sample.locale}")
            for key in keys:
                result.expected[key] += 1
            hit = next(
                (
                    f
                    for f in findings
                    if _kind_matches(item.kind, f.kind) and f.start <= start and f.end >= end
                ),
                None,
            )
            if hit is None:
                result.mistakes.append(
                    f"missed {sample.category} {item.value!r} in {sample.text!r}"
                )
                continue
            matched.add(hit)
            for key in keys:
                result.found[key] += 1
        for finding in findings:
            if finding not in matched:
                result.false_positives += 1
                value = sample.text[finding.start : finding.end]
                result.mistakes.append(f"unexpected {finding.kind} {value!r} in {sample.text!r}")
    for near in corpus.near_misses:
        if near.held_back != held_back:
            continue
        for finding in _scan(near.text, allowlist, near.lang):
            result.false_positives += 1
            value = near.text[finding.start : finding.end]
            result.mistakes.append(f"{near.category}: {finding.kind} {value!r} in {near.text!r}")
    return result


def _scan(text: str, allowlist: set[str], lang: str) -> list[Any]:
    """``scan`` with the phone regions of ``lang``, when the scanner takes them (main's
    before this bench did not: ``--baseline-quality`` runs it)."""
    if "regions" not in inspect.signature(scan).parameters:
        return scan(text, allowlist)
    from wikitool.locales.regions import phone_regions

    return scan(text, allowlist, phone_regions(lang))


def meets_targets(result: Tally) -> bool:
    """Recall >= 0.97 in every category and locale, and precision >= 0.97."""
    return result.precision >= PRECISION_TARGET and all(
        result.recall(key) >= RECALL_TARGET for key in result.expected
    )


def report(name: str, result: Tally) -> list[str]:
    """The lines printed for one split."""
    lines = [
        f"{name}: {result.expected['all']} items, recall {result.recall('all'):.3f}, "
        f"precision {result.precision:.3f} ({result.false_positives} false positives)"
    ]
    for prefix in ("category ", "locale "):
        keys = sorted(k for k in result.expected if k.startswith(prefix))
        cells = [f"{k.removeprefix(prefix)} {result.recall(k):.3f}" for k in keys]
        lines.append(f"  recall by {prefix.strip()}: " + ", ".join(cells))
    return lines


# --- speed ---------------------------------------------------------------------------


def ms_per_kb(texts: list[tuple[str, str]], repeat: int = 5) -> float:
    """The best of ``repeat`` runs of this process's scanner over ``texts`` (text, lang),
    in milliseconds of CPU (this process's: on a shared machine, other jobs' load does
    not count) per KB of UTF-8; regions are passed when the scanner takes them."""
    takes_regions = "regions" in inspect.signature(scan).parameters
    if takes_regions:
        from wikitool.locales.regions import phone_regions
    size = sum(len(text.encode()) for text, _ in texts) / 1024
    prepared = [(text, phone_regions(lang) if takes_regions else None) for text, lang in texts]
    from wikitool.screening import phones

    best = float("inf")
    for _ in range(repeat):
        # Every run from an empty cache of phone checks, as a fresh process meets text.
        phones._phone_cache.clear()
        started = time.process_time()
        for text, regions in prepared:
            if regions is None:
                scan(text)
            else:
                scan(text, (), regions)
        best = min(best, time.process_time() - started)
    return best * 1000 / size


def baseline_ms_per_kb(texts: list[tuple[str, str]], revision: str) -> float:
    """:func:`ms_per_kb` of the scanner at ``revision``, run from ``git archive`` of it."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(BENCH.parent), "archive", revision, "wikitool"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        (Path(folder) / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        # Regions are inferred by the code here (bench/ beside it), not the baseline's.
        env = dict(os.environ, PYTHONPATH=folder)
        out = subprocess.run(
            [sys.executable, __file__, "--time-only", str(Path(folder) / "texts.json")],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
        ).stdout
    return float(out.strip())


def _corpus_texts(corpus: Any) -> list[tuple[str, str]]:
    return [(s.text, s.lang) for s in (*corpus.positives, *corpus.near_misses)]


def guide_texts() -> list[tuple[str, str]]:
    """The reference wiki's pages (``content/``), as whole guides are screened."""
    pages = sorted((BENCH.parent / "content").rglob("*.md"))
    return [(page.read_text(encoding="utf-8"), "en") for page in pages]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scanner's quality and speed; 0 when the held-back split meets the targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a hand-written corpus YAML file")
    parser.add_argument("--verbose", action="store_true", help="list the tuning split's mistakes")
    parser.add_argument("--no-baseline", action="store_true", help="do not time main's scanner")
    parser.add_argument("--baseline", default=BASELINE, help="revision timed side by side")
    parser.add_argument("--time-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_only:
        texts = [tuple(pair) for pair in json.loads(args.time_only.read_text(encoding="utf-8"))]
        print(f"{ms_per_kb(texts):.4f}")  # type: ignore[arg-type]
        return 0
    if args.corpus:
        return _hand_written(args.corpus, args.verbose)
    corpus = generated_corpus()
    print(
        f"personal-data scanner: {len(corpus.positives)} samples with personal data, "
        f"{len(corpus.near_misses)} near misses, "
        f"{len({s.locale for s in corpus.positives})} locales"
    )
    print(
        f"machine: {platform.uname().system} {platform.uname().release} "
        f"{platform.uname().machine}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    tuning = tally(corpus, held_back=False)
    held = tally(corpus, held_back=True)
    for line in report("tuning split", tuning) + report("held-back split", held):
        print(line)
    speed = 0.0
    for name, texts in (
        ("the corpus", _corpus_texts(corpus)),
        ("the reference guides", guide_texts()),
    ):
        ms = ms_per_kb(texts)
        size = sum(len(t.encode()) for t, _ in texts) / 1024
        line = f"speed over {name} ({len(texts)} texts, {size:.0f} KB): {ms:.3f} ms/KB"
        if not args.no_baseline:
            line += (
                f"; main at {args.baseline}: {baseline_ms_per_kb(texts, args.baseline):.3f} ms/KB"
            )
        print(line)
        speed = ms  # the target is judged on whole guides, as a submission is screened
    assert tuning.mistakes is not None
    shown = tuning.mistakes if args.verbose else tuning.mistakes[:10]
    for mistake in shown:
        print(f"  - {mistake}")
    if len(shown) < len(tuning.mistakes):
        print(f"  ... and {len(tuning.mistakes) - len(shown)} more in the tuning split (--verbose)")
    met = meets_targets(held) and speed < MS_PER_KB_TARGET
    print("targets on the held-back split: " + ("met" if met else "NOT met"))
    return 0 if met else 1


def _hand_written(path: Path, verbose: bool) -> int:
    quality = evaluate(load_corpus(path))
    print(
        f"personal-data scanner: {quality.samples} samples with personal data, "
        f"{quality.near_misses} near misses ({quality.seconds * 1000:.0f} ms)"
    )
    print(
        f"  true positives {quality.true_positives}, false positives "
        f"{quality.false_positives}, false negatives {quality.false_negatives}"
    )
    print(f"  precision {quality.precision:.3f} (target >= {TARGET})")
    print(f"  recall    {quality.recall:.3f} (target >= {TARGET})")
    shown = quality.mistakes if verbose else quality.mistakes[:10]
    for mistake in shown:
        print(f"  - {mistake}")
    if len(shown) < len(quality.mistakes):
        print(f"  ... and {len(quality.mistakes) - len(shown)} more (--verbose)")
    return 0 if quality.precision >= TARGET and quality.recall >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
