"""Localized diagnostics: gettext catalogs maintained with Babel, complete in every
language, compiled from their sources, and used by the CLI from --lang or the environment."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from conftest import ROOT, run_cli
from glossary.i18n import catalogs, resolve_language

LOCALE = ROOT / "tooling" / "glossary" / "locale"
PLACEHOLDER = re.compile(r"{(\w+)}")


def _catalog(lang: str):
    with open(LOCALE / catalogs()[lang] / "LC_MESSAGES" / "glossary.po", "rb") as handle:
        return read_po(handle)


def _extracted() -> set[str]:
    found = extract_from_dir(
        str(ROOT / "tooling" / "glossary"),
        method_map=[("**.py", "python")],
        keywords={"N_": None, "_": None, "gettext": None, "NP_": (1, 2)},
    )
    return {message for _, _, message, _, _ in found if message}  # a pair: singular, plural


def test_the_template_lists_every_message_in_the_code() -> None:
    with open(LOCALE / "glossary.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert _extracted() == template, "run the pybabel extract/update commands in glossary/i18n.py"


@pytest.mark.parametrize("lang", sorted(catalogs()))
def test_every_message_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        if not all(strings) or message.fuzzy:
            problems.append(("untranslated", message.id))
        elif any(set(PLACEHOLDER.findall(string)) != wanted for string in strings):
            problems.append(("placeholders", message.id, message.string))
    assert {m.id for m in catalog if m.id} >= _extracted()
    assert problems == []


def _messages(catalog) -> dict:
    """What a catalog translates, without its header (which names the Babel version that wrote it)."""

    def plain(value):  # a plural's forms come as a list from .mo files, a tuple from .po files
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {
        plain(message.id): plain(message.string)
        for message in catalog
        if message.id and not message.fuzzy
    }


@pytest.mark.parametrize("lang", sorted(catalogs()))
def test_compiled_catalogs_match_their_sources(lang: str) -> None:
    with open(LOCALE / catalogs()[lang] / "LC_MESSAGES" / "glossary.mo", "rb") as handle:
        compiled = read_mo(handle)
    assert _messages(compiled) == _messages(_catalog(lang)), (
        "run pybabel compile (see glossary/i18n.py)"
    )


@pytest.mark.parametrize(
    "requested, environ, expected",
    [
        ("ko", {}, "ko"),
        ("zh-Hant", {}, "zh-Hant"),
        ("zh-Hans", {}, "zh-Hans"),
        ("en", {"LANG": "ko_KR.UTF-8"}, "en"),
        (None, {"LANG": "ko_KR.UTF-8"}, "ko"),
        (None, {"LANG": "zh_TW.UTF-8"}, "zh-Hant"),
        (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "ko_KR.UTF-8"}, "zh-Hans"),
        (None, {"LANG": "zh_HK"}, "zh-Hant"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANGUAGE": "fr:ko"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_comes_from_the_option_or_the_environment(
    requested, environ, expected
) -> None:
    assert resolve_language(requested, environ) == expected


def _first_line(out: str) -> str:
    return out.splitlines()[0]


@pytest.mark.parametrize("lang", ["ko", "zh-Hans", "zh-Hant"])
def test_check_speaks_the_requested_language(project: Path, capsys, lang: str) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace("category: metrics", "category: metricz"), "utf-8"
    )
    code, out, _ = run_cli(capsys, "check", "--lang", lang, "terms")
    english = "'metricz' is not allowed here. Did you mean 'metrics'?"
    line = _first_line(out)
    assert code == 1
    assert line.startswith("terms/churn-rate.yaml:3:11: error[invalid-value]: category: ")
    assert english not in line and "metricz" in line and "'metrics'" in line
    run_cli(capsys, "check", "--lang", "en", "terms")


def test_the_environment_chooses_the_language_of_a_real_run(project: Path) -> None:
    (project / "terms" / "churn-rate.yaml").write_text("", "utf-8")
    english = subprocess.run(
        [sys.executable, "-m", "glossary", "check", "terms"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": ""},
    )
    taiwan = subprocess.run(
        [sys.executable, "-m", "glossary", "check", "terms"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"LANG": "zh_TW.UTF-8", "PATH": ""},
    )
    assert "the file is empty." in english.stdout
    assert "the file is empty." not in taiwan.stdout
    assert taiwan.stdout.splitlines()[0].startswith(
        "terms/churn-rate.yaml:1:1: error[empty-file]: "
    )


def test_review_takes_several_languages_and_speaks_the_environments_language(
    project: Path, capsys
) -> None:
    code, out, err = run_cli(capsys, "review", "churn-rate", "--lang", "ko", "--lang", "zh-Hant")
    assert code == 0, err
    assert out.splitlines()[0].startswith("terms/churn-rate.yaml: ko ")
    assert "recorded as reviewed" in out
