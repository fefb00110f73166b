"""Shared fixtures: the repository root, fixture folders and a way to run the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder with a ``terms/`` holding the positive fixtures, as cwd."""
    terms = tmp_path / "terms"
    terms.mkdir()
    for path in (FIXTURES / "check" / "positive").glob("*.yaml"):
        shutil.copy(path, terms / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run ``glossary`` in this process (the real parser and pipeline) and capture output."""
    from glossary.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err
