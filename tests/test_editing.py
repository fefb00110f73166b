"""The editors' commands through the real CLI on real files: ``glossary new`` (a skeleton
that check turns into a to-do list), stale translations and ``glossary review`` (which
edits one block and nothing else), ``glossary status``, and the pre-commit hook."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_cli
from glossary.load import SCHEMA_LINE
from glossary.model import Entry
from glossary.translation import field_hash, text_hash

CHURN = Path("terms/churn-rate.yaml")
EN_DEFINITION = (
    "  definition: The share of customers at the start of a period who cancel during it.\n"
)
SOURCES_HASH = "5ab2faaa"  # of churn-rate's one English source note
KO_EXAMPLE = '  example: "지난 분기 고객 100곳 중 8곳이 떠나 이탈률이 8%였어요."\n'
KO_RECORD = (
    '  translated_from:\n    definition: "550d5020"\n    example: "32e985ad"\n'
    f'    sources: "{SOURCES_HASH}"\n'
)

NEW_OUT = """\
created terms/lead-velocity-rate.yaml. Still to write:
  line 10, en.definition: Write what the concept is, in 2–4 sentences.
  line 11, en.example: Write one sentence a sales rep would say, using the preferred term.
  line 15, ko.terms[0].term: Write the ko term.
  line 17, ko.definition: Write what the concept is, in 2–4 sentences.
  line 18, ko.example: Write one sentence a sales rep would say, using the preferred term.
  line 22, zh-Hans.terms[0].term: Write the zh-Hans term.
  line 24, zh-Hans.definition: Write what the concept is, in 2–4 sentences.
  line 25, zh-Hans.example: Write one sentence a sales rep would say, using the preferred term.
  line 29, zh-Hant.terms[0].term: Write the zh-Hant term.
  line 31, zh-Hant.definition: Write what the concept is, in 2–4 sentences.
  line 32, zh-Hant.example: Write one sentence a sales rep would say, using the preferred term.
  the concept has no relations to other concepts. Add at least one entry under 'relations:'.
  the concept cites no sources. Add the seed document or publication it is based on under 'sources:'.
  the concept is in 'metrics', whose concepts are calculated, but has no formula. Add 'formula:' \
with the expression, its inputs and a worked example ('glossary new' writes one, commented out, to \
fill in); a concept of the category with no standard formula is listed under 'without_formula' in \
config.toml.
Then run 'glossary check terms/lead-velocity-rate.yaml' until it reports no errors.
"""


def _placeholder(line: int, column: int, field: str, fix: str) -> str:
    return (
        f"terms/lead-velocity-rate.yaml:{line}:{column}: error[placeholder]: {field}: "
        f"the text is still the placeholder 'TODO'. {fix}"
    )


DEFINE = "Write what the concept is, in 2–4 sentences."
FILL_TEXT = "Replace it with the real text."
NO_FORMULA = (
    "the concept is in 'metrics', whose concepts are calculated, but has no formula. Add "
    "'formula:' with the expression, its inputs and a worked example ('glossary new' writes one, "
    "commented out, to fill in); a concept of the category with no standard formula is listed "
    "under 'without_formula' in config.toml."
)
EXAMPLE = "Write one sentence a sales rep would say, using the preferred term."

# ---------------------------------------------------------------- glossary new


def test_new_writes_a_skeleton_whose_only_problems_are_what_to_fill(project: Path, capsys) -> None:
    code, out, err = run_cli(
        capsys, "new", "lead-velocity-rate", "--category", "metrics", "--en", "lead velocity rate"
    )
    assert (code, out, err) == (0, NEW_OUT, "")
    text = (project / "terms" / "lead-velocity-rate.yaml").read_text("utf-8")
    assert text.splitlines()[:8] == [
        SCHEMA_LINE,
        "id: lead-velocity-rate",
        "category: metrics",
        "# tags: [saas, b2b]",
        "",
        "en:",
        "  terms:",
        "    - term: lead velocity rate",
    ]
    code, out, _ = run_cli(capsys, "check", "--no-cache", "terms/lead-velocity-rate.yaml")
    assert code == 1
    assert out.splitlines() == [
        "terms/lead-velocity-rate.yaml:2:1: warning[no-relations]: the concept has no relations "
        "to other concepts. Add at least one entry under 'relations:'.",
        "terms/lead-velocity-rate.yaml:2:1: warning[no-sources]: the concept cites no sources. "
        "Add the seed document or publication it is based on under 'sources:'.",
        "terms/lead-velocity-rate.yaml:2:1: warning[no-formula]: " + NO_FORMULA,
        _placeholder(10, 15, "en.definition", DEFINE),
        _placeholder(11, 12, "en.example", EXAMPLE),
        _placeholder(15, 13, "ko.terms[0].term", "Write the ko term."),
        _placeholder(17, 15, "ko.definition", DEFINE),
        _placeholder(18, 12, "ko.example", EXAMPLE),
        _placeholder(22, 13, "zh-Hans.terms[0].term", "Write the zh-Hans term."),
        _placeholder(24, 15, "zh-Hans.definition", DEFINE),
        _placeholder(25, 12, "zh-Hans.example", EXAMPLE),
        _placeholder(29, 13, "zh-Hant.terms[0].term", "Write the zh-Hant term."),
        _placeholder(31, 15, "zh-Hant.definition", DEFINE),
        _placeholder(32, 12, "zh-Hant.example", EXAMPLE),
        "1 file(s) checked: 11 error(s), 3 warning(s).",
    ]


def _uncomment_formula(text: str) -> str:
    """The skeleton's formula as an editor uncomments it: '# ' removed from 'formula:' on."""
    head, formula = text.split("# formula:\n")
    return head + "formula:\n" + formula.replace("# ", "")


def test_a_metric_skeleton_has_a_formula_to_uncomment(project: Path, capsys) -> None:
    run_cli(capsys, "new", "lead-velocity-rate", "--category", "metrics", "--en", "velocity")
    path = project / "terms" / "lead-velocity-rate.yaml"
    text = path.read_text("utf-8")
    assert text.endswith(
        "# formula:\n#   expression: part / whole\n#   result:\n#     unit: percent\n"
        "#   inputs:\n#     - name: part\n#       unit: count\n#       min: 0\n"
        "#       label:\n#         en: TODO\n#         ko: TODO\n#         zh-Hans: TODO\n"
        "#         zh-Hant: TODO\n"
        "#     - name: whole\n#       unit: count\n#       exclusive_min: 0\n"
        "#       label:\n#         en: TODO\n#         ko: TODO\n#         zh-Hans: TODO\n"
        "#         zh-Hant: TODO\n"
        "#   examples:\n#     - inputs: {part: 8, whole: 100}\n#       result: 0.08\n"
    )
    assert "# Units: currency, percent, ratio, count, days, months, years, score, number.\n" in text
    path.write_text(_uncomment_formula(text), "utf-8")
    code, out, _ = run_cli(capsys, "check", "--no-cache", "terms/lead-velocity-rate.yaml")
    formula_lines = [line for line in out.splitlines() if "formula" in line]
    assert formula_lines == [  # uncommented, it is valid: only its labels are still to write
        _placeholder(line, column, f"formula.inputs[{index}].label.{lang}", FILL_TEXT)
        for index, first in ((0, 56), (1, 64))
        for line, lang, column in (
            (first, "en", 13),
            (first + 1, "ko", 13),
            (first + 2, "zh-Hans", 18),
            (first + 3, "zh-Hant", 18),
        )
    ]


def test_a_skeleton_of_another_category_has_no_formula(project: Path, capsys) -> None:
    run_cli(capsys, "new", "cold-calling", "--category", "process", "--en", "cold calling")
    assert "formula" not in (project / "terms" / "cold-calling.yaml").read_text("utf-8")
    code, out, _ = run_cli(capsys, "check", "--no-cache", "terms/cold-calling.yaml")
    assert "no-formula" not in out


def test_a_filled_in_skeleton_is_clean(project: Path, capsys) -> None:
    run_cli(
        capsys,
        "new",
        "lead-velocity-rate",
        "--category",
        "metrics",
        "--en",
        "lead velocity rate",
        "--ko",
        "리드 증가율",
        "--zh-Hans",
        "线索增长率",
        "--zh-Hant",
        "名單成長率",
    )
    path = project / "terms" / "lead-velocity-rate.yaml"
    text = path.read_text("utf-8").replace(
        "  definition: TODO\n", "  definition: Growth of leads.\n"
    )
    text = text.replace("  example: TODO\n", '  example: "Leads grew 10%."\n')
    text = _uncomment_formula(text).replace(": TODO\n", ": Leads\n")
    path.write_text(
        text + "relations:\n  - {type: see-also, target: churn-rate}\n"
        "sources:\n  - document: 000_c067659218adfcd0.txt\n",
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "check", "--strict", "terms")
    assert (code, out) == (0, "4 file(s) checked: 0 error(s), 0 warning(s).\n")


def test_new_never_overwrites(project: Path, capsys) -> None:
    before = (project / CHURN).read_bytes()
    code, out, err = run_cli(capsys, "new", "churn-rate", "--category", "metrics")
    assert (code, out) == (1, "")
    assert (
        err
        == "terms/churn-rate.yaml already exists; 'glossary new' never overwrites a file. Edit it, or choose another id.\n"
    )
    assert (project / CHURN).read_bytes() == before


@pytest.mark.parametrize(
    "concept_id, message",
    [
        (
            "../x",
            "error[invalid-format]: id: '../x' is not a valid id. Use lowercase ASCII letters, "
            "digits and single hyphens, like 'annual-contract-value'.",
        ),
        (
            "Churn_Rate",
            "error[invalid-format]: id: 'Churn_Rate' is not a valid id. Use lowercase ASCII "
            "letters, digits and single hyphens, like 'annual-contract-value'.",
        ),
        ("a" * 81, "error[too-long]: id: the text is longer than 80 characters."),
    ],
)
def test_new_refuses_an_id_check_would_refuse(
    concept_id: str, message: str, project: Path, capsys
) -> None:
    code, out, err = run_cli(capsys, "new", concept_id, "--category", "metrics")
    assert (code, out, err) == (2, "", message + "\n")
    assert sorted(p.name for p in (project / "terms").iterdir()) == [
        "churn-rate.yaml",
        "retention-rate.yaml",
        "script-in-definition.yaml",
    ]


def test_new_quotes_what_yaml_would_misread(project: Path, capsys) -> None:
    code, _, _ = run_cli(capsys, "new", "2024", "--category", "business", "--en", "no")
    text = (project / "terms" / "2024.yaml").read_text("utf-8")
    assert code == 0
    assert 'id: "2024"\n' in text and '    - term: "no"\n' in text
    assert yaml.safe_load(text)["en"]["terms"][0]["term"] == "no"


def test_new_needs_a_terms_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "new", "lead", "--category", "leads")
    assert (code, err) == (2, "terms: no such file or folder.\n")


def test_placeholders_are_not_duplicate_terms_and_notes_to_self_are_found(
    project: Path, capsys
) -> None:
    for concept_id in ("first-draft", "second-draft"):
        run_cli(capsys, "new", concept_id, "--category", "leads")
    path = project / "terms" / "retention-rate.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "    - Retention is the complement",
            "    - 'TODO: ask finance'\n    - Retention is the complement",
        ),
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "check", "terms")
    assert "duplicate-term" not in out
    assert (
        "terms/retention-rate.yaml:12:8: error[placeholder]: en.notes[0]: the text is still the "
        "placeholder 'TODO: ask finance'. Replace it with the real text."
    ) in out.splitlines()


# ---------------------------------------------------------------- stale translations and review


def test_the_hash_ignores_spacing_and_normalisation_only() -> None:
    assert (
        text_hash("The share of customers at the start of a period who cancel during it.")
        == "550d5020"
    )
    assert (
        text_hash("The share of customers\n  at the start of a period who cancel during it. ")
        == "550d5020"
    )
    assert text_hash("\u1100\u1161") == text_hash("\uac00")  # decomposed and composed Hangul
    assert (
        text_hash("The share of customers at the start of a period who cancel or lapse during it.")
        == "69fa2d2d"
    )


def test_notes_are_hashed_as_one_list() -> None:
    def notes_hash(*notes: str) -> str | None:
        return field_hash(Entry("en", (), notes=notes), "notes")

    assert notes_hash("One", "Two") == hashlib.blake2b(b"One\nTwo", digest_size=4).hexdigest()
    assert notes_hash("One", "Two") != notes_hash("One Two")
    assert notes_hash("One", "Two") != notes_hash("Two", "One")
    assert notes_hash() is None


def test_review_records_the_source_version_after_the_section(project: Path, capsys) -> None:
    before = (project / CHURN).read_text("utf-8")
    code, out, err = run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    assert (code, out, err) == (
        0,
        "terms/churn-rate.yaml: ko definition, example, sources recorded as reviewed against the "
        "current en text.\n",
        "",
    )
    assert (project / CHURN).read_text("utf-8") == before.replace(
        KO_EXAMPLE, KO_EXAMPLE + KO_RECORD
    )
    code, out, _ = run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    assert (code, out) == (
        0,
        "terms/churn-rate.yaml: ko was already recorded against the current en text.\n",
    )


def test_an_edited_source_makes_the_translation_stale_until_reviewed(project: Path, capsys) -> None:
    run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    reviewed = (project / CHURN).read_bytes()
    edited = reviewed.replace(b"who cancel during it.", b"who cancel or lapse during it.")
    (project / CHURN).write_bytes(edited)

    code, out, _ = run_cli(capsys, "check", "terms")
    assert (code, out) == (
        0,
        (
            "terms/churn-rate.yaml:15:15: warning[stale-translation]: ko.definition: the en definition "
            "changed since this translation was made from it. Review the translation against the "
            "current en text, then run 'glossary review churn-rate --lang ko --field definition'.\n"
            "3 file(s) checked: 0 error(s), 1 warning(s).\n"
        ),
    )
    assert run_cli(capsys, "check", "--strict", "terms")[0] == 1

    code, out, _ = run_cli(capsys, "review", "churn-rate", "--lang", "ko", "--field", "definition")
    assert (code, out) == (
        0,
        "terms/churn-rate.yaml: ko definition recorded as reviewed against the current en text.\n",
    )
    after = (project / CHURN).read_bytes()
    assert after == edited.replace(b'definition: "550d5020"', b'definition: "69fa2d2d"')
    assert run_cli(capsys, "check", "--strict", "terms")[:2] == (
        0,
        "3 file(s) checked: 0 error(s), 0 warning(s).\n",
    )


def test_an_edited_english_source_note_makes_the_translated_notes_stale(
    project: Path, capsys
) -> None:
    run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    edited = (
        (project / CHURN)
        .read_text("utf-8")
        .replace("with 100 customers at the start", "with 100 accounts at the start")
    )
    (project / CHURN).write_text(edited, "utf-8")
    code, out, _ = run_cli(capsys, "check", "terms/churn-rate.yaml")
    assert (code, out.splitlines()[0]) == (
        0,
        "terms/churn-rate.yaml:34:3: warning[stale-translation]: ko.sources: the en sources "
        "changed since this translation was made from it. Review the translation against the "
        "current en text, then run 'glossary review churn-rate --lang ko --field sources'.",
    )
    code, out, _ = run_cli(capsys, "review", "churn-rate", "--lang", "ko", "--field", "sources")
    assert (code, out) == (
        0,
        "terms/churn-rate.yaml: ko sources recorded as reviewed against the current en text.\n",
    )
    assert (project / CHURN).read_text("utf-8") == edited.replace(
        f'sources: "{SOURCES_HASH}"',
        f'sources: "{text_hash("Worked example with 100 accounts at the start of the quarter.")}"',
    )
    assert run_cli(capsys, "check", "--strict", "terms")[0] == 0


def test_refolding_the_source_is_not_a_change(project: Path, capsys) -> None:
    run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    text = (
        (project / CHURN)
        .read_text("utf-8")
        .replace(
            EN_DEFINITION,
            (
                "  definition: >-\n    The share of customers at the start\n    of a period who cancel during it.\n"
            ),
        )
    )
    (project / CHURN).write_text(text, "utf-8")
    assert run_cli(capsys, "check", "--strict", "terms")[0] == 0


COMMENTED = """\
# yaml-language-server: $schema=../tooling/glossary/data/term.schema.json\r
id: commented\r
category: crm   # reviewed by the CRM team\r
en:\r
    terms:\r
    - term: pipeline review   # spacing kept\r
      status: preferred\r
    definition: >-\r
        A meeting that walks through every open deal.\r
    notes: ['One', "Two"]\r
ko:\r
    # translator: Mina\r
    terms: [{term: 파이프라인 리뷰, status: preferred}]\r
    translated_from: {definition: "00000000"}   # old record\r
    definition: |\r
        진행 중인 모든 거래를 하나씩 점검하는 회의입니다.\r
    notes:\r
    - 하나\r
    - '둘'\r
\r
# zh sections follow\r
zh-Hans:\r
    terms: [{term: 管道评审, status: preferred}]\r
    definition: 逐一检查所有进行中交易的会议。\r
zh-Hant:\r
    terms: [{term: 管道審查, status: preferred}]\r
    definition: 逐一檢查所有進行中交易的會議。"""


def test_review_keeps_every_other_byte(project: Path, capsys) -> None:
    path = project / "terms" / "commented.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.encode("utf-8"))
    os.chmod(path, 0o640)
    code, out, _ = run_cli(
        capsys, "review", "terms/commented.yaml", "--lang", "ko", "--lang", "zh-Hant"
    )
    assert (code, out) == (
        0,
        (
            "terms/commented.yaml: ko definition, notes recorded as reviewed against the current en text.\n"
            "terms/commented.yaml: zh-Hant definition recorded as reviewed against the current en text.\n"
        ),
    )
    definition = text_hash("A meeting that walks through every open deal.")
    notes = hashlib.blake2b(b"One\nTwo", digest_size=4).hexdigest()  # notes: one list
    expected = COMMENTED.replace(
        '    translated_from: {definition: "00000000"}   # old record\r\n',
        f'    translated_from:\r\n        definition: "{definition}"\r\n        notes: "{notes}"\r\n',
    )
    expected += f'\r\n    translated_from:\r\n        definition: "{definition}"\r\n'
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def _ko_section(project: Path, section: str) -> None:
    text = (project / CHURN).read_text("utf-8")
    start, end = text.index("ko:\n"), text.index("zh-Hans:\n")
    (project / CHURN).write_text(text[:start] + section + text[end:], "utf-8")


@pytest.mark.parametrize(
    "args, section, message",
    [
        (["nope"], None, "terms/nope.yaml: no such file or folder."),
        (
            [],
            "ko: [\n",
            "terms/churn-rate.yaml cannot be edited safely until its errors are fixed: run 'glossary check terms/churn-rate.yaml'.",
        ),
        ([], "", "terms/churn-rate.yaml has no ko section to review."),
        (
            ["--field", "notes"],
            None,
            "terms/churn-rate.yaml: ko has no notes translated from en, so there is nothing to review.",
        ),
        (
            [],
            "ko: {terms: [{term: 이탈률, status: preferred}], definition: 정의}\n",
            "terms/churn-rate.yaml: the ko section is not written as indented 'key: value' lines, so the review cannot be recorded in it.",
        ),
        (
            [],
            'ko:\n  terms: [{term: 이탈률, status: preferred}]\n  definition: "둘째 줄이\n들여쓰기 없음"\n',
            "terms/churn-rate.yaml was left unchanged: recording the review would have changed more than 'translated_from'. Please report this together with the file.",
        ),
    ],
)
def test_review_refuses_what_it_cannot_record_and_changes_nothing(
    args: list[str], section: str | None, message: str, project: Path, capsys
) -> None:
    if section is not None:
        _ko_section(project, section)
    before = (project / CHURN).read_bytes()
    concept = args[0] if args and not args[0].startswith("-") else "churn-rate"
    options = args if concept == "churn-rate" else args[1:]
    code, out, err = run_cli(capsys, "review", concept, "--lang", "ko", *options)
    assert (out, err) == ("", message + "\n")
    assert code == (2 if concept == "nope" else 1)
    assert (project / CHURN).read_bytes() == before


def test_review_of_several_languages_records_all_or_nothing(project: Path, capsys) -> None:
    text = (project / CHURN).read_text("utf-8")
    start = text.index("zh-Hant:\n")
    (project / CHURN).write_text(
        text[:start] + "zh-Hant: {terms: [{term: 客戶流失率, status: preferred}], "
        "definition: 期初客戶中取消的比例。}\n" + text[text.index("relations:") :],
        "utf-8",
    )
    before = (project / CHURN).read_bytes()
    code, out, err = run_cli(capsys, "review", "churn-rate", "--lang", "ko", "--lang", "zh-Hant")
    assert (code, out) == (1, "")
    assert (
        err
        == "terms/churn-rate.yaml: the zh-Hant section is not written as indented 'key: value' lines, so the review cannot be recorded in it.\n"
    )
    assert (project / CHURN).read_bytes() == before


def test_review_of_an_entry_without_texts_records_nothing(project: Path, capsys) -> None:
    _ko_section(project, "ko:\n  terms: [{term: 이탈률, status: preferred}]\n")
    text = (project / CHURN).read_text("utf-8")
    (project / CHURN).write_text(
        text.replace("      ko: 분기 초 고객 100곳으로 계산한 예시입니다.\n", "")
    )
    code, out, _ = run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    assert (code, out) == (
        0,
        "terms/churn-rate.yaml: the ko entry has no translated definition, example, notes or source notes to record.\n",
    )


def test_a_failed_write_leaves_the_file_and_no_temporary(
    project: Path, capsys, monkeypatch
) -> None:
    before = (project / CHURN).read_bytes()

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run_cli(capsys, "review", "churn-rate", "--lang", "ko")
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert (project / CHURN).read_bytes() == before
    assert sorted(p.name for p in (project / "terms").iterdir()) == [
        "churn-rate.yaml",
        "retention-rate.yaml",
        "script-in-definition.yaml",
    ]


# ---------------------------------------------------------------- glossary status


def _status_project(project: Path, capsys) -> None:
    """One stale, one incomplete concept in every language, one missing translation."""
    run_cli(
        capsys,
        "new",
        "lead-velocity-rate",
        "--category",
        "metrics",
        "--en",
        "lead velocity rate",
        "--ko",
        "리드 증가율",
    )
    run_cli(capsys, "review", "churn-rate", "--lang", "ko", "--lang", "zh-Hans")
    churn = (project / CHURN).read_text("utf-8")
    (project / CHURN).write_text(
        churn.replace("who cancel during it.", "who cancel or lapse during it."), "utf-8"
    )
    retention = project / "terms" / "retention-rate.yaml"
    text = retention.read_text("utf-8")
    retention.write_text(text[: text.index("zh-Hant:")] + text[text.index("relations:") :], "utf-8")
    capsys.readouterr()


STATUS_TEXT = """\
Translation status of 4 concepts in terms

English (en), the source language: 3 of 4 concepts complete, 1 incomplete, 0 missing.
  Incomplete, still to write:
    lead-velocity-rate: definition, example
한국어 (ko): 3 of 4 concepts complete, 1 incomplete, 0 missing; 1 field in 1 concept stale, \
4 fields in 2 concepts never reviewed.
  Incomplete, still to write:
    lead-velocity-rate: definition, example
  Stale, the en text changed since the translation (review it, then run 'glossary review'):
    churn-rate: definition
  Never reviewed (run 'glossary review' once a translator has checked it):
    retention-rate: definition, example
    script-in-definition: definition, example
简体中文 (zh-Hans): 3 of 4 concepts complete, 1 incomplete, 0 missing; 1 field in 1 concept \
stale, 4 fields in 2 concepts never reviewed.
  Incomplete, still to write:
    lead-velocity-rate: term, definition, example
  Stale, the en text changed since the translation (review it, then run 'glossary review'):
    churn-rate: definition
  Never reviewed (run 'glossary review' once a translator has checked it):
    retention-rate: definition, example
    script-in-definition: definition, example
繁體中文 (zh-Hant): 2 of 4 concepts complete, 1 incomplete, 1 missing; 0 fields stale, 5 fields \
in 2 concepts never reviewed.
  Incomplete, still to write:
    lead-velocity-rate: term, definition, example
  Missing, no zh-Hant section yet:
    retention-rate
  Never reviewed (run 'glossary review' once a translator has checked it):
    churn-rate: definition, example, sources
    script-in-definition: definition, example

Total, one entry per concept and language: 11 of 16 entries complete, 4 incomplete, 1 missing; \
2 fields in 2 entries stale, 13 fields in 6 entries never reviewed.
"""


def test_status_text_for_people(project: Path, capsys) -> None:
    _status_project(project, capsys)
    code, out, err = run_cli(capsys, "status")
    assert (code, out, err) == (0, STATUS_TEXT, "")


STATUS_KO = [
    "terms에 있는 개념 4개의 번역 현황",
    "",
    "한국어(ko): 개념 4개 중 완료 3개, 미완성 1개, 누락 0개. 갱신 필요: 개념 1개의 필드 1개, "
    "미검토: 개념 2개의 필드 4개.",
]
STATUS_ZH = {
    "zh-Hans": [
        "terms 中 4 个概念的翻译状态",
        "",
        "简体中文（zh-Hans）：4 个概念中，完成 3 个，未完成 1 个，缺失 0 个；1 个概念中的 1 个字段"
        "已过时，2 个概念中的 4 个字段从未审校。",
    ],
    "zh-Hant": [
        "terms 中 4 個概念的翻譯狀態",
        "",
        "繁體中文（zh-Hant）：4 個概念中，完成 2 個，未完成 1 個，缺少 1 個；0 個欄位已過時，"
        "2 個概念中的 5 個欄位從未審閱。",
    ],
}


@pytest.mark.parametrize("lang", ["ko", "zh-Hans", "zh-Hant"])
def test_status_counts_in_the_readers_own_words(project: Path, capsys, lang: str) -> None:
    _status_project(project, capsys)
    code, out, _ = run_cli(capsys, "status", "--lang", lang)
    assert code == 0
    assert out.splitlines()[:3] == (STATUS_KO if lang == "ko" else STATUS_ZH[lang])
    total = out.splitlines()[-1]
    assert (
        total
        == {
            "ko": "합계(개념과 언어마다 항목 하나): 항목 4개 중 완료 3개, 미완성 1개, 누락 0개. "
            "갱신 필요: 항목 1개의 필드 1개, 미검토: 항목 2개의 필드 4개.",
            "zh-Hans": "合计（每个概念的每种语言各算一个条目）：4 个条目中，完成 3 个，未完成 1 个，"
            "缺失 0 个；1 个条目中的 1 个字段已过时，2 个条目中的 4 个字段从未审校。",
            "zh-Hant": "總計（每個概念的每種語言各算一個項目）：4 個項目中，完成 2 個，未完成 1 個，"
            "缺少 1 個；0 個欄位已過時，2 個項目中的 5 個欄位從未審閱。",
        }[lang]
    )


def test_status_of_one_language_as_json_for_tools(project: Path, capsys) -> None:
    _status_project(project, capsys)
    code, out, _ = run_cli(capsys, "status", "--lang", "zh-Hant", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "concepts": 4,
        "source_language": "en",
        "languages": [
            {
                "lang": "zh-Hant",
                "name": "繁體中文",
                "source": False,
                "complete": 2,
                "incomplete": 1,
                "missing": 1,
                "stale": 0,
                "unreviewed": 5,
                "concepts": {
                    "incomplete": {"lead-velocity-rate": ["term", "definition", "example"]},
                    "missing": ["retention-rate"],
                    "stale": {},
                    "unreviewed": {
                        "churn-rate": ["definition", "example", "sources"],
                        "script-in-definition": ["definition", "example"],
                    },
                },
            }
        ],
        "totals": {
            "entries": 4,
            "complete": 2,
            "incomplete": 1,
            "missing": 1,
            "stale": 0,
            "unreviewed": 5,
        },
    }


def test_status_counts_only_the_files_asked_for_and_says_what_it_left_out(
    project: Path, capsys
) -> None:
    (project / "terms" / "broken.yaml").write_text("id: [\n", "utf-8")
    code, out, err = run_cli(
        capsys, "status", "--lang", "en", "terms/churn-rate.yaml", "terms/broken.yaml"
    )
    assert code == 0
    assert err == "1 file left out of these counts: unreadable ('glossary check' shows why).\n"
    assert out == (
        "Translation status of 1 concept in terms/churn-rate.yaml, terms/broken.yaml\n\n"
        "English (en), the source language: 1 of 1 concept complete, 0 incomplete, 0 missing.\n\n"
        "Total, one entry per concept and language: 1 of 1 entry complete, 0 incomplete, "
        "0 missing; 0 fields stale, 0 fields never reviewed.\n"
    )


def test_the_repository_corpus_records_every_translation() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "glossary", "status", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    totals = json.loads(result.stdout)["totals"]
    assert (totals["stale"], totals["unreviewed"]) == (0, 0)


# ---------------------------------------------------------------- editor integration


def test_the_pre_commit_hook_checks_changed_term_files(project: Path) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    [repo] = config["repos"]
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert sorted(hooks) == ["glossary-check", "mypy", "ruff-check", "ruff-format"]
    assert all(hook["language"] == "system" for hook in hooks.values())  # nothing downloaded
    hook = hooks["glossary-check"]
    assert (repo["repo"], hook["language"], hook["pass_filenames"]) == ("local", "system", True)
    matches = re.compile(hook["files"]).search
    assert matches("terms/churn-rate.yaml") and not matches(
        "tests/fixtures/check/positive/churn-rate.yaml"
    )
    assert not matches("terms/notes.md")
    changed = ["terms/churn-rate.yaml", "terms/retention-rate.yaml"]
    entry = hook["entry"].split()
    assert entry[0] == "glossary"
    result = subprocess.run(
        [sys.executable, "-m", "glossary", *entry[1:], *changed],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (
        0,
        "2 file(s) checked: 0 error(s), 0 warning(s).\n",
    )
