"""Data-driven tests of ``glossary check``: every positive fixture is clean, and every
negative fixture gives exactly the diagnostics written beside it (``<case>.expected``).
Regenerate the expected files with ``pytest --update-goldens`` and review the diff."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

POSITIVE = FIXTURES / "check" / "positive"
NEGATIVE = FIXTURES / "check" / "negative"
# a folder of positive files is a case of its own, checked beside the single files: its
# concepts refer to each other (the single files are every test project's terms)
POSITIVE_CASES = sorted(p.name for p in POSITIVE.iterdir() if p.is_dir())
CASES = sorted(
    p.stem if p.is_file() else p.name
    for p in NEGATIVE.iterdir()
    if p.suffix == ".yaml" or p.is_dir()
)


def test_positive_fixtures_are_clean_even_with_strict(project: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "check", "--strict", "terms")
    assert code == 0, out
    assert out.strip() == "3 file(s) checked: 0 error(s), 0 warning(s)."


@pytest.mark.parametrize("case", POSITIVE_CASES)
def test_positive_fixture_folder_is_clean_even_with_strict(
    case: str, project: Path, capsys
) -> None:
    files = sorted((POSITIVE / case).glob("*.yaml"))
    for path in files:
        shutil.copy(path, project / "terms" / path.name)
    code, out, _ = run_cli(capsys, "check", "--strict", "terms")
    assert code == 0, out
    assert out.strip() == f"{3 + len(files)} file(s) checked: 0 error(s), 0 warning(s)."


@pytest.mark.parametrize("case", CASES)
def test_negative_fixture(case: str, project: Path, capsys, update_goldens: bool) -> None:
    source = NEGATIVE / case
    files = sorted(source.glob("*.yaml")) if source.is_dir() else [NEGATIVE / f"{case}.yaml"]
    for path in files:
        shutil.copy(path, project / "terms" / path.name)
    code, out, err = run_cli(capsys, "check", *(f"terms/{p.name}" for p in files))
    expected_file = (source / "expected.txt") if source.is_dir() else NEGATIVE / f"{case}.expected"
    if update_goldens:
        expected_file.write_text(out, encoding="utf-8")
    assert out == expected_file.read_text(encoding="utf-8")
    assert code == (1 if "error[" in out else 0)
    assert "Traceback" not in out + err


def test_a_schema_rule_without_its_own_sentence_still_reads_plainly() -> None:
    from glossary.load import load_text
    from glossary.validate import SchemaChecker

    checker = SchemaChecker({"type": "object", "properties": {"n": {"multipleOf": 5}}})
    doc = load_text(Path("t.yaml"), "n: 7\n")
    [problem] = checker.iter_errors(doc)
    assert problem.format_text() == "t.yaml:1:4: error[schema-error]: n: 7 is not a multiple of 5."
