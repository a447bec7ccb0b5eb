"""One guide rewritten from model 1 to model 2 (``wikitool migrate``), round trip.

ruamel's round trip keeps comments, key order, quoting and every untouched line; only
the fields model 2 says differently are replaced, each at the place it had:

- ``model: 2`` becomes the first key;
- ``fees: []`` (model 1's "free") becomes ``fees: free``;
- ``processing_time {min_days, max_days, note}`` becomes one ``time`` entry of kind
  ``maximum`` in days, read as model 1's page read it: ``max_days: 0`` ("Same day") a
  maximum of 0 days, a ``min_days`` of 0 or none "up to" ``max_days``, a ``min_days``
  equal to ``max_days`` that one number (model 2 has no "exactly": "up to" is what is
  sure), a range otherwise; the note kept;
- ``apply.online/in_person/by_post`` becomes ``channels``, one each (ids ``online``,
  ``in-person``, ``by-post``), labelled in the guide's language, url, place, address
  and note carried.

A guide already of model 2 is left as it is; one of a newer model is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from wikitool.errors import GuideError
from wikitool.guides.frontmatter import GuideSource, dump_guide, parse_guide
from wikitool.guides.model_version import CURRENT_MODEL, MODEL_KEY, model_version_problem
from wikitool.guides.yaml_edits import replace_key
from wikitool.locales.catalogues import N_, translations
from wikitool.locales.language import DEFAULT_LANGUAGE

FROM_MODEL = 1
"""The model a guide is migrated from (a guide without ``model`` follows it)."""

# apply's key -> (channel id, channel type, label msgid, the field holding where to go)
_APPLY_WAYS = {
    "online": ("online", "online", N_("Online"), "url"),
    "in_person": ("in-person", "in_person", N_("In person"), "where"),
    "by_post": ("by-post", "post", N_("By post"), "address"),
}


@dataclass(frozen=True)
class GuideMigration:
    """What migrating one guide does: its ``changes`` in words and its new ``text``
    (the original text when nothing changes)."""

    path: str
    changes: tuple[str, ...]
    text: str

    @property
    def changed(self) -> bool:
        """Whether the guide is rewritten."""
        return bool(self.changes)


def migrate_guide(raw: bytes | str, path: str) -> GuideMigration:
    """Rewrite one guide of model 1 as model 2, keeping every line it need not change.

    Args:
        raw: the guide file's bytes (or text).
        path: its path, for messages.

    Returns:
        The changes (none for a guide already of model 2) and the new text.

    Raises:
        GuideError: one line: the guide cannot be read, is of a newer model than this
            wikitool knows, or says a thing twice or malformed (``apply`` and
            ``channels``, ``processing_time`` without ``max_days``...), so it cannot be
            migrated without guessing.
    """
    guide = parse_guide(raw, path)
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    front = guide.front_matter
    version = _model(guide)
    if version == CURRENT_MODEL:
        return GuideMigration(path, (), text)
    lang = front.get("lang")
    labels = translations(lang if isinstance(lang, str) else DEFAULT_LANGUAGE)
    changes = [f"model: {CURRENT_MODEL} added"]
    changes += _free_fees(guide)
    changes += _time(guide)
    changes += _channels(guide, labels.gettext)
    if MODEL_KEY in front:
        front.pop(MODEL_KEY)
    front.insert(0, MODEL_KEY, CURRENT_MODEL)
    return GuideMigration(path, tuple(changes), dump_guide(guide))


def _model(guide: GuideSource) -> int:
    data = guide.data()
    problem = model_version_problem(data)
    line = guide.line_of([MODEL_KEY])
    if problem is not None:
        raise GuideError(guide.path, problem, line)
    version = data.get(MODEL_KEY, FROM_MODEL)
    if isinstance(version, bool) or version not in (FROM_MODEL, CURRENT_MODEL):
        raise GuideError(guide.path, f"model: {version} is not a guide model (1 or 2)", line)
    return int(version)


def _free_fees(guide: GuideSource) -> list[str]:
    fees = guide.front_matter.get("fees")
    if not isinstance(fees, list) or fees:
        return []
    guide.front_matter["fees"] = "free"
    return ["fees: [] -> fees: free"]


def _time(guide: GuideSource) -> list[str]:
    front = guide.front_matter
    if "processing_time" not in front:
        return []
    if "time" in front:
        _refuse(guide, "processing_time", "give either time or processing_time, not both")
    legacy = front["processing_time"]
    legacy = legacy if isinstance(legacy, dict) else {}
    most, least = legacy.get("max_days"), legacy.get("min_days", 0)
    if not isinstance(most, int) or not isinstance(least, int) or most < 0 or least < 0:
        _refuse(guide, "processing_time", "needs max_days (and min_days) as whole numbers")
    entry = CommentedMap(kind="maximum")
    if 0 < least < most:
        entry["min"], entry["max"] = least, most
    else:
        # 0 days is "Same day"; a min of 0 or equal to max leaves the most it takes.
        entry["value"] = most
    entry["unit"] = "days"
    if legacy.get("note") is not None:
        entry["note"] = legacy["note"]
    replace_key(front, "processing_time", "time", CommentedSeq([entry]))
    return ["processing_time -> time (kind: maximum, in days)"]


def _channels(guide: GuideSource, gettext: Any) -> list[str]:
    front = guide.front_matter
    if "apply" not in front:
        return []
    if "channels" in front:
        _refuse(guide, "apply", "give the ways to apply either as apply or as channels, not both")
    ways = front["apply"]
    if not isinstance(ways, dict) or not ways or any(w not in _APPLY_WAYS for w in ways):
        _refuse(guide, "apply", "has ways other than online, in_person and by_post")
    channels = CommentedSeq()
    for way, item in ways.items():
        channel_id, kind, label, reach = _APPLY_WAYS[way]
        place = item.get(reach) if isinstance(item, dict) else None
        if not isinstance(place, str) or not place.strip():
            _refuse(guide, "apply", f"apply.{way} has no {reach}")
        channel = CommentedMap(id=channel_id, type=kind, label=gettext(label))
        if reach == "url":
            channel["urls"] = CommentedSeq([place])
        elif reach == "address":
            channel["addresses"] = CommentedSeq([place])
        else:
            channel["where"] = place
        if item.get("note") is not None:
            channel["note"] = item["note"]
        channels.append(channel)
    replace_key(front, "apply", "channels", channels)
    ids = ", ".join(channel["id"] for channel in channels)
    return [f"apply -> channels ({ids})"]


def _refuse(guide: GuideSource, key: str, message: str) -> NoReturn:
    raise GuideError(guide.path, f"cannot migrate: {key}: {message}", guide.line_of([key]))
