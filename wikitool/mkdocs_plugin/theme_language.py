"""Which of mkdocs-material's own language partials a page in another language than the
site's uses: the theme's strings (search, "Skip to content", the menu) are the theme's,
translated in ``material/templates/partials/languages/``; ours are in our catalogues."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from babel import Locale

_LANGUAGES = files("material") / "templates" / "partials" / "languages"


@lru_cache(maxsize=64)
def theme_language(locale: Locale) -> str:
    """The theme's name for ``locale``'s partial (``pt-BR``, ``zh-Hant``, ``fr``), nearest
    first; ``""`` when the theme has none (the page then keeps the site's)."""
    names = [
        f"{locale.language}-{locale.territory}" if locale.territory else "",
        f"{locale.language}-{locale.script}" if locale.script else "",
        locale.language,
    ]
    for name in names:
        if name and (_LANGUAGES / f"{name}.html").is_file():
            return name
    return ""
