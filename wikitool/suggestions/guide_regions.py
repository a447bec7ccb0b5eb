"""The phone regions a guide's text is screened in: its language and the wiki's country.

The wiki's country is ``extra.wikitool.country`` in ``mkdocs.yml`` on the commit screened
against (an ISO 3166 code such as ``DK``; optional), read from git like the rest of the
wiki, so changing it is a reviewed change. How the regions follow from the guide's
``lang`` and the country is :func:`wikitool.locales.regions.phone_regions`.
"""

from __future__ import annotations

import functools
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from wikitool.errors import GuideError, WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.guides.page_source import read_page
from wikitool.locales.regions import country_problem, phone_regions

CONFIG_PATH = "mkdocs.yml"
COUNTRY_SETTING = "extra.wikitool.country"


def guide_regions(store: WikiStore, commit: str, guide: str | bytes | None) -> tuple[str, ...]:
    """The regions to read phone numbers in for ``guide`` (its text, if known) at ``commit``.

    Raises:
        WikitoolError: ``mkdocs.yml`` names a country that is not an ISO 3166 code.
    """
    return phone_regions(_lang_of(guide), wiki_country(store, commit))


def wiki_country(store: WikiStore, commit: str) -> str | None:
    """``extra.wikitool.country`` of ``mkdocs.yml`` at ``commit``, upper case, or ``None``.

    Raises:
        WikitoolError: the setting is there but not an ISO 3166 country code.
    """
    config = store.read(commit, CONFIG_PATH)
    return _country_in(config) if config else None


class _AnyTagConstructor(SafeConstructor):
    """Reads ``mkdocs.yml``'s ``!!python/name:`` and ``!ENV`` values as nothing: only plain
    settings are wanted, and nothing is ever imported or looked up."""


_AnyTagConstructor.add_multi_constructor("", lambda loader, suffix, node: None)


def country_setting_problem(store: WikiStore, commit: str) -> str | None:
    """What is wrong with ``extra.wikitool.country`` in ``mkdocs.yml`` at ``commit``, as
    one line naming the setting (``wikitool check`` reports it), or ``None``."""
    config = store.read(commit, CONFIG_PATH)
    return _setting_problem(_country_value(config)) if config else None


def _setting_problem(value: object) -> str | None:
    """The one line saying what is wrong with the setting's value, or ``None``."""
    if value is None:
        return None
    problem = country_problem(value)
    return f"extra.wikitool.{problem}" if problem is not None else None


@functools.lru_cache(maxsize=16)
def _country_in(config: bytes) -> str | None:
    value = _country_value(config)
    problem = _setting_problem(value)
    if problem is not None:
        raise WikitoolError(f"{CONFIG_PATH}: {problem}")
    return None if value is None else str(value).upper()


@functools.lru_cache(maxsize=16)
def _country_value(config: bytes) -> object:
    """The setting as written (any YAML value), or ``None`` when it is not there."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _AnyTagConstructor
    try:
        data: Any = yaml.load(config)
    except (YAMLError, ValueError):
        return None  # the build reports a broken mkdocs.yml; screening reads no country
    return _setting(data, COUNTRY_SETTING.split("."))


def _setting(data: Any, keys: list[str]) -> object:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _lang_of(guide: str | bytes | None) -> object:
    if guide is None:
        return None
    text = guide.decode("utf-8", "replace") if isinstance(guide, bytes) else guide
    try:
        data = read_page(text, "guide").data
    except GuideError:
        return None  # unreadable front matter: the checks refuse it; read no language
    return data.get("lang") if data else None
