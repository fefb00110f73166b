"""The language the tools speak. Messages are English in the code, marked with ``N_``,
and translated through gettext catalogs in ``locale/`` that are maintained with Babel:

    pybabel extract -F tooling/glossary/locale/babel.cfg -k N_ -k NP_:1,2 --no-location \
        --sort-output --no-wrap -o tooling/glossary/locale/glossary.pot tooling/glossary
    pybabel update --no-wrap -i tooling/glossary/locale/glossary.pot \
        -d tooling/glossary/locale -D glossary
    pybabel compile -d tooling/glossary/locale -D glossary

``NP_`` marks a counted noun ("{count} concept", "{count} concepts"): gettext picks the
form for the number with the catalog's plural rule (Korean and Chinese have one form).

The language comes from ``--lang`` or, failing that, from LC_ALL, LC_MESSAGES, LANG or
LANGUAGE, matched with Babel against the language table's locales (``ko_KR.UTF-8`` →
``ko``, ``zh_TW`` → ``zh-Hant``, ``zh_CN`` → ``zh-Hans``)."""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError

from glossary.config import Config, load_config

DOMAIN = "glossary"
# The language messages are shown in: chosen once by the command (its --lang or the
# environment), read wherever a message is rendered.
_LANGUAGE: ContextVar[str] = ContextVar("glossary_message_language", default="en")


def locale_dir() -> str:
    return str(resources.files("glossary").joinpath("locale"))


def catalogs() -> dict[str, str]:
    """The message catalogs, by language tag (the language table's ``messages``)."""
    return {lang.tag: lang.messages for lang in load_config().languages if lang.messages}


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    catalog = catalogs().get(lang)
    if catalog is None:
        return _gettext.NullTranslations()
    from babel.support import Translations

    return Translations.load(locale_dir(), [catalog], DOMAIN)


def resolve_language(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """A configured language tag for an explicit request or the environment."""
    environ = os.environ if environ is None else environ
    candidates = (
        [requested]
        if requested
        else [environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    )
    config = load_config()
    for candidate in candidates:
        if not candidate or candidate in ("C", "POSIX"):
            continue
        match = _configured_language(candidate.split(":")[0].split(".")[0].split("@")[0], config)
        if match:
            return match
        if requested:
            break
    return config.source_language


def _configured_language(name: str, config: Config) -> str | None:
    """The configured language a locale name asks for: same language and, when the name
    implies a script (``zh_TW`` → Hant, ``zh_CN`` → Hans), the same script."""
    try:
        wanted = Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    for language in config.languages:
        own = Locale.parse(language.locale)
        if own.language == wanted.language and wanted.script in (None, own.script):
            return language.tag
    return None


def use_language(lang: str) -> None:
    _LANGUAGE.set(lang)


def current_language() -> str:
    return _LANGUAGE.get()


def gettext(text: str) -> str:
    return translations(_LANGUAGE.get()).gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(_LANGUAGE.get()).ngettext(singular, plural, count)
