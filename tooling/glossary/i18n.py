"""The language the tools speak. Messages are English in the code, marked with ``N_``,
and translated through gettext catalogs in ``locale/`` that are maintained with Babel:

    pybabel extract -F tooling/glossary/locale/babel.cfg -k N_ --no-location \
        -o tooling/glossary/locale/glossary.pot tooling/glossary
    pybabel update -i tooling/glossary/locale/glossary.pot -d tooling/glossary/locale -D glossary
    pybabel compile -d tooling/glossary/locale -D glossary

The language comes from ``--lang`` or, failing that, from LC_ALL, LC_MESSAGES, LANG or
LANGUAGE (``ko_KR.UTF-8`` → ``ko``, ``zh_TW`` → ``zh-Hant``, ``zh_CN`` → ``zh-Hans``)."""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from importlib import resources

DOMAIN = "glossary"
CATALOGS = {"ko": "ko", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}
_state = {"lang": "en"}


def locale_dir() -> str:
    return str(resources.files("glossary").joinpath("locale"))


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    if lang not in CATALOGS:
        return _gettext.NullTranslations()
    from babel.support import Translations

    return Translations.load(locale_dir(), [CATALOGS[lang]], DOMAIN)


def resolve_language(requested: str | None = None, environ: dict | None = None) -> str:
    """A configured language tag for an explicit request or the environment."""
    environ = os.environ if environ is None else environ
    candidates = (
        [requested]
        if requested
        else [environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    )
    for candidate in candidates:
        if not candidate or candidate in ("C", "POSIX"):
            continue
        tag = candidate.split(":")[0].split(".")[0].split("@")[0].replace("_", "-").lower()
        if tag.startswith("zh"):
            return (
                "zh-Hant" if any(part in tag for part in ("tw", "hk", "mo", "hant")) else "zh-Hans"
            )
        for known in ("ko", "en"):
            if tag == known or tag.startswith(known + "-"):
                return known
        if requested:
            break
    return "en"


def use_language(lang: str) -> None:
    _state["lang"] = lang


def current_language() -> str:
    return _state["lang"]


def gettext(text: str) -> str:
    return translations(_state["lang"]).gettext(text)
