"""The diff of one guide between two versions: fields, words, and line counts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from wikitool.diffing.changes import FieldChange, GuideDiff, GuideStatus
from wikitool.diffing.fields import field_changes
from wikitool.diffing.hunks import LineRun, line_hunks, text_lines
from wikitool.diffing.numstat import count_lines
from wikitool.diffing.situations_affected import affected_situations, text_situations
from wikitool.errors import GuideError
from wikitool.guides.frontmatter import GuideSource, parse_guide

# A top-level front matter key as written: "fees:" at the start of a line.
_TOP_LEVEL_KEY_RE = re.compile(r"""(?:"([^"]+)"|'([^']+)'|([^\s#'"\-][^:#]*?))[ \t]*:(?:\s|$)""")
_FRONT_MATTER_END_RE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def guide_diff(path: str, old: bytes | None, new: bytes | None) -> GuideDiff:
    """Compare two versions of a guide for a reviewer.

    Front matter is compared field by field and the body line by line, then word by
    word within edited lines. When a side cannot be parsed as a guide, the whole files
    are compared line by line instead, and ``fallback_reason`` says why.

    Args:
        path: the guide's path, for the report and error messages.
        old: the guide as it was; None for a new guide.
        new: the guide as proposed; None for a deleted guide.

    Returns:
        The diff. Never raises: any input gives a diff, at worst a line diff.
    """
    added_lines, removed_lines = count_lines(old or b"", new or b"")
    status = _status(old, new)
    try:
        old_source = parse_guide(old, path) if old is not None else None
        new_source = parse_guide(new, path) if new is not None else None
    except GuideError as error:
        return _fallback_diff(path, old, new, status, added_lines, removed_lines, str(error))

    old_data = old_source.data() if old_source is not None else {}
    new_data = new_source.data() if new_source is not None else {}
    fields = field_changes(
        old_data,
        new_data,
        old_line_of=old_source.line_of if old_source is not None else None,
        new_line_of=new_source.line_of if new_source is not None else None,
    )
    if _only_the_wording_of_the_front_matter_changed(old_source, new_source, fields):
        body = line_hunks(_whole_file(old_source), _whole_file(new_source))
    else:
        body = line_hunks(_body(old_source), _body(new_source))
    return GuideDiff(
        path=path,
        status=status,
        fields=fields,
        body=body,
        added_lines=added_lines,
        removed_lines=removed_lines,
        changed_keys={change.key for change in fields},
        affects=affected_situations(
            old_data, new_data, fields, text_situations(old_source, new_source, body)
        ),
    )


def _status(old: bytes | None, new: bytes | None) -> GuideStatus:
    if old == new:
        return "unchanged"
    if old is None:
        return "new"
    if new is None:
        return "deleted"
    return "changed"


def _only_the_wording_of_the_front_matter_changed(
    old: GuideSource | None, new: GuideSource | None, fields: list[FieldChange]
) -> bool:
    """Same data written differently (a comment, quotes, key order): show the text."""
    if old is None or new is None or fields:
        return False
    return (old.opening, old.yaml_text, old.closing) != (new.opening, new.yaml_text, new.closing)


def _body(source: GuideSource | None) -> LineRun:
    if source is None:
        return LineRun(())
    return LineRun(text_lines(source.body), first_line=source.body_line)


def _whole_file(source: GuideSource | None) -> LineRun:
    if source is None:
        return LineRun(())
    header = [source.opening, *text_lines(source.yaml_text), source.closing]
    return LineRun([*header, *text_lines(source.body)], markdown_from=len(header))


def _fallback_diff(
    path: str,
    old: bytes | None,
    new: bytes | None,
    status: GuideStatus,
    added_lines: int,
    removed_lines: int,
    reason: str,
) -> GuideDiff:
    """A line diff of the whole files, for a side that is not a readable guide."""
    old_run = _raw_run(old)
    new_run = _raw_run(new)
    body = line_hunks(old_run, new_run)
    changed_keys: set[str] = set()
    for hunk in body:
        for line in hunk.lines:
            if line.kind == "context":
                continue
            if line.old_line is not None:
                changed_keys.update(_key_at(old_run, line.old_line - 1))
            if line.new_line is not None:
                changed_keys.update(_key_at(new_run, line.new_line - 1))
    return GuideDiff(
        path=path,
        status=status,
        fields=[],
        body=body,
        added_lines=added_lines,
        removed_lines=removed_lines,
        changed_keys=changed_keys,
        fallback_reason=reason,
    )


def _raw_run(raw: bytes | None) -> LineRun:
    if raw is None:
        return LineRun(())
    lines = text_lines(raw.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    return LineRun(lines, markdown_from=_front_matter_length(lines))


def _front_matter_length(lines: Sequence[str]) -> int:
    """How many leading lines look like front matter (0 if the file has none)."""
    if not lines or not lines[0].rstrip().startswith("---"):
        return 0
    for index in range(1, len(lines)):
        if _FRONT_MATTER_END_RE.fullmatch(lines[index]):
            return index + 1
    return len(lines)


def _key_at(run: LineRun, index: int) -> set[str]:
    """The top-level key whose value holds line ``index``, if it is in the front matter.

    Front matter that does not parse can still be read this far, so a review policy
    keyed on sensitive fields (fees, documents...) is not blinded by a syntax error.
    """
    if not 0 < index < run.markdown_from:
        return set()
    for line in reversed(run.lines[1 : index + 1]):
        key = top_level_key(line)
        if key is not None:
            return {key}
    return set()


def top_level_key(line: str) -> str | None:
    """The top-level front matter key a line starts (``fees:``, ``"fees":``, ``'fees':``),
    or ``None`` for an indented, list, comment or blank line, or a line with no key."""
    if line[:1] in (" ", "\t", "-", "#", ""):
        return None
    match = _TOP_LEVEL_KEY_RE.match(line)
    if match is None:
        return None
    return next(group for group in match.groups() if group is not None).strip()
