"""Which version of the guide model a guide follows, and whether this wikitool knows it.

A guide says ``model: N`` in its front matter; a guide without it follows version 1. A
guide written for a newer model than this wikitool knows (another deployment's, or
this one's after an upgrade rolled back) is refused whole, with one line saying so:
reading it by the old rules would publish its facts wrongly or drop them.
docs/guide-model-v2.md describes the next version.
"""

from __future__ import annotations

from collections.abc import Mapping

MODEL_KEY = "model"
CURRENT_MODEL = 2
"""The newest guide model this wikitool reads and writes."""


def model_version_problem(data: Mapping[str, object]) -> str | None:
    """The one line that refuses a guide of a model this wikitool cannot read, or ``None``
    (the schema reports a ``model`` that is no whole number)."""
    version = data.get(MODEL_KEY, CURRENT_MODEL)
    if isinstance(version, bool) or not isinstance(version, int):
        return None
    if version > CURRENT_MODEL:
        return (
            f"model: {version} is a newer guide model than this wikitool reads (up to "
            f"{CURRENT_MODEL}): upgrade wikitool before you check, build or edit this guide"
        )
    return None
