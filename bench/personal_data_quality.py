"""Precision and recall of the personal-data scanner on a labelled corpus.

The corpus (``bench/corpus/personal_data.yaml``) holds sentences with personal data, each
with the exact items the scanner must report, and near misses (dates, fees, case and form
numbers, postcodes, published helplines) on which it must report nothing. An item counts
as found only when a finding has the same kind and exactly the same span.

Usage:
    .venv/bin/python bench/personal_data_quality.py [--corpus PATH] [--verbose]

Prints the counts, precision and recall; exits 1 when either is below 0.95.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from wikitool.screening.personal_data import published_contacts, scan

CORPUS = Path(__file__).resolve().parent / "corpus" / "personal_data.yaml"
TARGET = 0.95


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


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scanner's precision and recall; 0 when both reach the target, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus YAML file")
    parser.add_argument("--verbose", action="store_true", help="list every mistake")
    args = parser.parse_args(argv)
    quality = evaluate(load_corpus(args.corpus))
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
    shown = quality.mistakes if args.verbose else quality.mistakes[:10]
    for mistake in shown:
        print(f"  - {mistake}")
    if len(shown) < len(quality.mistakes):
        print(f"  ... and {len(quality.mistakes) - len(shown)} more (--verbose)")
    return 0 if quality.precision >= TARGET and quality.recall >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
