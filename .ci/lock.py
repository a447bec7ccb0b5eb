"""Print the locked dependency set: every package ``wikitool[test]`` needs, transitively,
pinned at the version installed in this environment (the versions the tests ran with).

Run with the project's virtualenv (``make lock`` writes ``requirements.lock``); the
audit (``make audit``) checks that file for known vulnerabilities.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
EXTRAS = ("test",)


def _declared() -> list[Requirement]:
    """The project's own requirements, read from pyproject.toml (the installed metadata of
    an editable install is as old as the install)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in EXTRAS:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def _closure() -> dict[str, str]:
    """Canonical name -> installed version, for everything the project needs, transitively."""
    pinned: dict[str, str] = {}
    todo = [(r.name, tuple(sorted(r.extras))) for r in _declared()]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            sys.exit(f"error: {name} is required but not installed: run make test first")
        pinned[canonicalize_name(dist.metadata["Name"])] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            wanted = requirement.marker is None or any(
                requirement.marker.evaluate({"extra": extra}) for extra in ("", *extras)
            )
            if wanted:
                todo.append((requirement.name, tuple(sorted(requirement.extras))))
    return pinned


def main() -> None:
    print("# The locked dependency set: wikitool[test] and everything it needs, at the")
    print("# versions the test suite ran with. Regenerate with `make lock`; audited by")
    print("# `make audit` (pip-audit).")
    for name, version in sorted(_closure().items()):
        print(f"{name}=={version}")


if __name__ == "__main__":
    main()
