"""Can the site render a guide's body? The HTML reader MkDocs runs on every page, run here
without MkDocs (which only ``publishing/`` and ``mkdocs_plugin/`` may import), so that
``check``, a submission and a merge refuse what would stop the build.

MkDocs (1.6) first feeds each page's raw Markdown to the HTML parser Python-Markdown ships
(its ``_RawHTMLPreprocessor``, collecting anchor ids). That parser raises on text every
screen lets through: `` `<![` `` (an ``AssertionError``, even inside inline code, since
the pass sees the raw text). The build cannot tell one page's failure from the site's,
so the page must never get that far.

Two things are left to the build, which holds back the one guide they break
(``publishing/held_back.py``), because judging them here would let one request occupy an
intake worker for seconds or minutes:

- Python-Markdown's own conversion, which can raise too (emphasis nested thousands deep:
  a ``RecursionError``) but is quadratic on some inputs (4,000 links in one paragraph
  take 29 s of CPU) and costs a millisecond a guide, more than every other check;
- a body with more than ``MAX_TAG_OPENINGS`` ``<``: the reader is quadratic on
  constructs it cannot close (each ``<a `` scans the rest of the text: 2,000 of them in
  216 KB take 1.8 s). Guides have next to none (raw HTML is refused outside code).
"""

from __future__ import annotations

import re

from markdown.htmlparser import htmlparser  # type: ignore[import-untyped]

from wikitool.model import Problem

MAX_TAG_OPENINGS = 200
"""Above this many ``<`` in a body, the HTML reader's pass is left to the build (at most
about 0.2 s of CPU for the largest body the intake takes)."""
# The reader quotes the next 20 characters as a repr: the error keeps those on its line.
_NEXT_LINES = re.compile(r"\\n[^']*'")


def rendering_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """What MkDocs' raw-HTML pass over ``body`` raises, at the line it stopped on (part
    of ``check_guide``: the same message for ``check``, a submission and a merge; the
    build's probe of every guide too).

    Args:
        body_line: the file's line number of the body's first line.
    """
    if body.count("<") > MAX_TAG_OPENINGS:
        return []
    parser = htmlparser.HTMLParser()
    try:
        parser.feed(body)
        parser.close()
    except Exception as exc:  # any failure there aborts the whole build
        line = max(parser.getpos()[0], 1)
        said = " ".join(str(exc).split())[:200] or type(exc).__name__
        reason = _NEXT_LINES.sub("'", said)
        return [
            Problem(
                path,
                body_line + line - 1,
                f"the site cannot render this line: its HTML reader fails ({reason}); "
                "write it another way",
            )
        ]
    return []
