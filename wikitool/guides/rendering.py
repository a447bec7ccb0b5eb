"""Can the site render a guide's body? The two readers MkDocs runs on every page, run here
without MkDocs (which only ``publishing/`` and ``mkdocs_plugin/`` may import), so that
``check``, a submission and a merge refuse what would stop the build.

MkDocs (1.6) first feeds each page's raw Markdown to the HTML parser Python-Markdown ships
(its ``_RawHTMLPreprocessor``, collecting anchor ids), then converts it with
Python-Markdown. Either can raise on text every screen lets through: the HTML parser on
`` `<![` `` (an ``AssertionError``, even inside inline code), Python-Markdown on emphasis
nested thousands deep (a ``RecursionError``). The build cannot tell one page's failure
from the site's, so the page never gets that far.

The HTML pass costs microseconds and the build runs it before its own on every guide
(``publishing/held_back.py``); the conversion costs about a millisecond a guide, the
build's own conversion is its judge there.
"""

from __future__ import annotations

import re
import threading

import markdown  # type: ignore[import-untyped]  # ships no type information
from markdown.htmlparser import htmlparser  # type: ignore[import-untyped]

from wikitool.model import Problem

MARKDOWN_EXTENSIONS = ("toc", "tables", "fenced_code", "admonition")
"""What MkDocs always enables (toc, tables, fenced_code) and the reference wiki's
``markdown_extensions`` (tests/guides/test_rendering.py keeps them in step)."""


def html_reading_problem(path: str, body: str, body_line: int) -> Problem | None:
    """What MkDocs' raw-HTML pass over ``body`` raises, at the line it stopped on.

    Args:
        body_line: the file's line number of the body's first line.
    """
    parser = htmlparser.HTMLParser()
    try:
        parser.feed(body)
        parser.close()
    except Exception as exc:  # any failure there aborts the whole build
        line = max(parser.getpos()[0], 1)
        return Problem(
            path,
            body_line + line - 1,
            f"the site cannot render this line: its HTML reader fails ({_on_its_line(exc)}); "
            "write it another way",
        )
    return None


def rendering_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """The problem that would stop MkDocs rendering ``body``, if any (part of
    ``check_guide``: the same message for ``check``, a submission and a merge)."""
    problem = html_reading_problem(path, body, body_line)
    if problem is not None:
        return [problem]
    renderer = _thread_renderer()
    renderer.reset()  # before, not after: a conversion that raised leaves state behind
    try:
        renderer.convert(body)
    except Exception as exc:  # the build would stop on it
        reason = f"{type(exc).__name__}: {_one_line(exc)}"
        return [
            Problem(
                path,
                body_line,
                f"the site cannot render this page: Markdown fails on it ({reason})",
            )
        ]
    return []


def _on_its_line(exc: BaseException) -> str:
    # The HTML reader quotes the next 20 characters as a repr: keep those on its line.
    return _NEXT_LINES.sub("'", _one_line(exc))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


_NEXT_LINES = re.compile(r"\\n[^']*'")
_renderers = threading.local()


def _thread_renderer() -> markdown.Markdown:
    # An instance is not thread-safe, and loading its extensions costs a sixth of a short
    # conversion: one per thread, reset before each body.
    renderer: markdown.Markdown | None = getattr(_renderers, "markdown", None)
    if renderer is None:
        renderer = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
        _renderers.markdown = renderer
    return renderer
