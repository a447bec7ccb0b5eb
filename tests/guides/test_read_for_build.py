"""What the build reads of a guide before rendering it: the guide, or what would stop the
build, at its line (``publishing.held_back.read_for_build``)."""

from __future__ import annotations

import pytest
from guide_samples import GUIDE, GUIDE_PATH

from wikitool.guides.page_source import PageSource
from wikitool.model import Problem
from wikitool.publishing.held_back import read_for_build

RAW = GUIDE.encode("utf-8")
STEPS_LINE = 53


def _on_line(line: int, text: bytes) -> bytes:
    lines = RAW.split(b"\n")
    lines[line - 1] += text
    return b"\n".join(lines)


@pytest.mark.parametrize(
    ("raw", "line", "says"),
    [
        (_on_line(3, b" \xff\xfe"), 3, "not UTF-8 text (invalid start byte at byte"),
        (_on_line(STEPS_LINE + 2, b" \xc3"), STEPS_LINE + 2, "not UTF-8 text"),
        (RAW.replace(b"\n---\n", b"\n--\n", 1), 1, "front matter is not closed"),
        (RAW.replace(b"summary:", b"summary: &a x\nnote: *a\nsummary2:", 1), 3, "aliases"),
        (_on_line(STEPS_LINE + 2, b" `<![` here"), STEPS_LINE + 2, "HTML reader fails"),
    ],
    ids=["not-utf8-in-front-matter", "not-utf8-in-body", "unclosed", "alias", "cdata-like"],
)
def test_what_stops_the_build_is_one_problem_at_its_line(raw: bytes, line: int, says: str) -> None:
    problem = read_for_build(GUIDE_PATH, raw)
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line) == (GUIDE_PATH, line)
    assert says in problem.message


@pytest.mark.parametrize(
    "raw",
    [RAW, b"\xef\xbb\xbf" + RAW, RAW.replace(b"\n", b"\r\n"), RAW.replace(b"\n", b"\r")],
    ids=["plain", "byte-order-mark", "crlf", "cr"],
)
def test_a_guide_mkdocs_reads_is_read_as_mkdocs_reads_it(raw: bytes) -> None:
    page = read_for_build(GUIDE_PATH, raw)
    assert isinstance(page, PageSource)
    assert page.data is not None and page.data["title"] == "Renew an adult passport"
    assert "\r" not in page.body and "## Steps" in page.body
