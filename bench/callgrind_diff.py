"""Where two builds' instructions differ, function by function (callgrind's C functions).

CPU seconds on a shared machine move by 20 to 40 % from one minute to the next;
instruction counts do not. Count each build whole under callgrind, then compare::

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=plain.out \\
        .venv/bin/mkdocs build -q -f WIKI/bench-plain.yml -d /tmp/plain
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=wikitool.out \\
        .venv/bin/wikitool --repo WIKI build --out /tmp/wikitool
    .venv/bin/python bench/callgrind_diff.py plain.out wikitool.out [--inclusive] [--top 40]

(``build_bench.py`` writes ``bench-plain.yml`` beside the wiki's ``mkdocs.yml``.) Each
line: the difference, both counts, the function. Python code shows as the interpreter's
own functions (``_PyEval_EvalFrameDefault``); what a library does in C or Rust (libyaml,
nh3, the JSON encoder, UTF-8 encoding, the garbage collector) shows by name.
"""

from __future__ import annotations

import argparse
import re
import subprocess

_LINE = re.compile(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*?)(?: \[.*\])?$")


def counts(path: str, inclusive: bool) -> dict[str, int]:
    """Instructions per function (file paths dropped) in one callgrind output."""
    mode = f"--inclusive={'yes' if inclusive else 'no'}"
    shown = subprocess.run(
        ["callgrind_annotate", "--threshold=100", mode, path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table: dict[str, int] = {}
    for line in shown.splitlines():
        match = _LINE.match(line)
        if match is None or "PROGRAM TOTALS" in line:
            continue
        where = match.group(2)
        name = where.split(":", 1)[-1] if "/" in where.split(":", 1)[0] else where
        table[name] = table.get(name, 0) + int(match.group(1).replace(",", ""))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--inclusive", action="store_true", help="count callees too")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    before, after = counts(args.before, args.inclusive), counts(args.after, args.inclusive)
    rows = sorted(((after.get(k, 0) - before.get(k, 0), k) for k in before | after), reverse=True)
    for difference, name in rows[: args.top]:
        print(
            f"{difference / 1e6:+10.1f} M  {before.get(name, 0) / 1e6:10.1f} ->"
            f" {after.get(name, 0) / 1e6:10.1f}  {name}"
        )


if __name__ == "__main__":
    main()
