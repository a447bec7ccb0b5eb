"""Regenerate wikitool/screening/card_ranges.json: payment card brands, IIN ranges, lengths.

The ranges come from the npm package ``credit-card-type`` (Braintree, MIT licence),
which card forms across the web use to tell a card's brand as it is typed and which is
kept up to date as networks add ranges. No maintained Python package carries them:
``pycreditcard`` knows seven brands and one length each, ``creditcard-identifier`` has
no Mir, Verve, Troy or RuPay, and the others were last released years ago.

A few ranges it lacks are added below, each with its source; they are the only ranges
written by hand.

Usage (needs node and npm, which fetch the package from the npm registry)::

    python .ci/card_ranges.py > wikitool/screening/card_ranges.json
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "credit-card-type"
VERSION = "10.3.0"

# What credit-card-type leaves out that a citizen's card can be:
SUPPLEMENT = [
    # Visa's 13-digit numbers, still valid (the npm package creditcards-types 4.0.0
    # accepts 13, 16 and 19 digits: /^4\d{12}(\d{3}|\d{6})?$/).
    {"name": "Visa (13 digits)", "ranges": [[4, 4]], "lengths": [13]},
    # JCB's 15-digit numbers on its older prefixes 1800 and 2131 (ISO/IEC 7812 register
    # as listed in Wikipedia's "Payment card number" table).
    {"name": "JCB (15 digits)", "ranges": [[1800, 1800], [2131, 2131]], "lengths": [15]},
    # RuPay (India), whose ranges 60, 65, 353, 356 and 508 the Maestro, Discover and JCB
    # ranges above already hold; 81 and 82 they do not (same table).
    {"name": "RuPay", "ranges": [[81, 82]], "lengths": [16]},
]
# Brands found through another's ranges, said here so the coverage is written down:
# Dankort (5019) and Forbrugsforeningen (600722) lie in Maestro's ranges; Cartes
# Bancaires cards carry Visa or Mastercard numbers; Troy, Mir, Elo, Hipercard, Verve and
# UnionPay are in credit-card-type itself.


def card_types(workdir: Path) -> dict[str, dict[str, object]]:
    """credit-card-type's table of brands, as its own code exports it."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", str(workdir)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (tarball,) = workdir.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    module = workdir / "package" / "dist" / "lib" / "card-types.js"
    script = f"console.log(JSON.stringify(require({json.dumps(str(module))})))"
    output = subprocess.run(["node", "-e", script], check=True, capture_output=True, text=True)
    table: dict[str, dict[str, object]] = json.loads(output.stdout)
    return table


def brand(entry: dict[str, object]) -> dict[str, object]:
    """One brand as the data file holds it: ranges as [low, high] prefixes of one width."""
    ranges = []
    patterns = entry["patterns"]
    assert isinstance(patterns, list)
    for pattern in patterns:
        low, high = (pattern, pattern) if isinstance(pattern, int) else pattern
        assert len(str(low)) == len(str(high)), pattern
        ranges.append([low, high])
    return {"name": entry["niceType"], "ranges": ranges, "lengths": entry["lengths"]}


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        table = card_types(Path(workdir))
    data: dict[str, Any] = {
        "source": f"npm {PACKAGE} {VERSION} (MIT, Braintree), dist/lib/card-types.js",
        "generated_by": ".ci/card_ranges.py",
        "brands": [brand(entry) for entry in table.values()] + SUPPLEMENT,
    }
    # One brand a line, so that a new version's diff reads brand by brand.
    brands = ",\n".join(f"  {json.dumps(entry, ensure_ascii=False)}" for entry in data["brands"])
    sys.stdout.write(
        f'{{\n "source": {json.dumps(data["source"])},\n'
        f' "generated_by": {json.dumps(data["generated_by"])},\n'
        f' "brands": [\n{brands}\n ]\n}}\n'
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
