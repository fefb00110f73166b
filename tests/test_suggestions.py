""" "Did you mean …?" for a relation target that is not a concept: ids, and every
designation in every language (acronyms, Korean and Chinese terms), on the real corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "terms", tmp_path / "terms")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _retarget(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert f"target: {old}\n" in text
    path.write_text(text.replace(f"target: {old}\n", f"target: {new}\n", 1), "utf-8")


CASES = [  # (file, the target there, typed instead, the expected suggestion)
    # an acronym found among every language's terms
    ("sales-accepted-lead", "marketing-qualified-lead", "mql", "marketing-qualified-lead"),
    # not the id that merely starts with the acronym (cac-payback-period)
    ("ltv-to-cac-ratio", "customer-acquisition-cost", "CAC", "customer-acquisition-cost"),
    # a Korean designation
    (
        "cac-payback-period",
        "customer-acquisition-cost",
        "고객 획득 비용",
        "customer-acquisition-cost",
    ),
    # a misspelt id
    (
        "sales-ready-lead",
        "marketing-qualified-lead",
        "marketing-qualified-leads",
        "marketing-qualified-lead",
    ),
]


def test_an_unknown_target_suggests_the_concept_it_names(corpus: Path, capsys) -> None:
    for file, target, typed, _ in CASES:
        _retarget(corpus / "terms" / f"{file}.yaml", target, typed)
    code, out, _ = run_cli(capsys, "check", "--no-cache", "terms")
    assert code == 1
    found = [line.split(": ", 3)[-1] for line in out.splitlines() if "[unknown-ref]" in line]
    assert found == [
        f"'{typed}' is not a concept. Did you mean '{suggestion}'?"
        for _, _, typed, suggestion in sorted(CASES)
    ]


def test_a_target_like_nothing_gets_no_suggestion(corpus: Path, capsys) -> None:
    _retarget(
        corpus / "terms" / "sales-accepted-lead.yaml", "marketing-qualified-lead", "zebra-crossing"
    )
    code, out, _ = run_cli(capsys, "check", "--no-cache", "terms/sales-accepted-lead.yaml")
    assert code == 1
    assert out.splitlines()[0].endswith(
        "error[unknown-ref]: relations[1].target: 'zebra-crossing' is not a concept."
    )
