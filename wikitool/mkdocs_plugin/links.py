"""Links in the generated fragments: the link templates of ``mkdocs.yml`` and links
relative to the page they appear on.

A link template (``suggest_url``, ``report_url``) is checked when the configuration is
loaded, so a typo fails the build rather than a reader's click.
"""

from __future__ import annotations

from string import Formatter
from urllib.parse import quote, urlsplit

from mkdocs.config.base import BaseConfigOption, ValidationError
from mkdocs.utils import get_relative_url

PLACEHOLDERS = ("path", "url", "commit")
_SAMPLE = {"path": "x.md", "url": "x/", "commit": "0" * 40}
_SAFE_SCHEMES = ("", "http", "https", "mailto")
_NAMES = "placeholders: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def check_link_template(template: str) -> str:
    """``template`` if it is a link template; otherwise why not.

    Raises:
        ValueError: a malformed format string, a placeholder other than ``{path}``,
            ``{url}`` or ``{commit}`` (or one with a format spec, conversion, attribute
            or index), or a link that is not http(s), mailto or relative.
    """
    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in Formatter().parse(template)
            if name is not None
        ]
    except ValueError as exc:
        raise ValueError(f"{template!r} is not a valid link template ({exc}; {_NAMES})") from exc
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            shown = (
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            raise ValueError(
                f"{template!r} is not a valid link template: {shown} is not a placeholder "
                f"({_NAMES})"
            )
    scheme = urlsplit(template.format(**_SAMPLE)).scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        raise ValueError(
            f"{template!r} is not a valid link template: links must be http(s), mailto or relative "
            f"to the site, not {scheme}:"
        )
    return template


class LinkTemplate(BaseConfigOption[str]):
    """A plugin option holding a link template (``check_link_template``)."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = check_link_template(default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"a link template must be text, not {type(value).__name__}")
        try:
            return check_link_template(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


def fill_link(template: str, *, path: str, url: str, commit: str) -> str:
    """The link for one page: the template with its placeholders URL-encoded."""
    return template.format(
        path=quote(path, safe="/"), url=quote(url, safe="/"), commit=quote(commit)
    )


def relative(target: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``target`` (a site-root-relative URL, maybe
    with a query or fragment); absolute URLs are returned as they are."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("/"):
        return target
    path = get_relative_url(parts.path or "./", from_url)
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{path}{query}{fragment}"
