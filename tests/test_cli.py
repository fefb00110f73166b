"""The ``glossary`` command line: help, exit codes, output formats and failure safety."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from glossary.commands import build_parser


def _commands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, command, "--help")
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: glossary {command}" in out
    assert "Example:" in out
    example = out.split("Example:", 1)[1]
    assert f"glossary {command}" in example


def test_top_level_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "--help")
    out = capsys.readouterr().out
    for command in _commands():
        assert command in out
    assert "Example:" in out


def test_no_command_prints_help_and_exits_2(capsys) -> None:
    code, out, _ = run_cli(capsys)
    assert code == 2
    assert "usage: glossary" in out


def test_clean_files_exit_0(project: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "check", "terms")
    assert (code, out) == (0, "3 file(s) checked: 0 error(s), 0 warning(s).\n")


def test_default_path_is_terms(project: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "check")
    assert (code, out) == (0, "3 file(s) checked: 0 error(s), 0 warning(s).\n")


def test_warnings_pass_unless_strict(project: Path, capsys) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace(
            "  example: 「上一季 100 個客戶流失了 8 個，流失率是 8%。」\n", ""
        ),
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "check", "terms")
    assert code == 0
    assert out.splitlines()[0] == (
        "terms/churn-rate.yaml:22:1: warning[missing-example]: zh-Hant: the zh-Hant entry has no "
        "example. Add 'example:' with a sentence a sales rep would say."
    )
    code, _, _ = run_cli(capsys, "check", "--strict", "terms")
    assert code == 1


def test_a_missing_path_is_a_usage_error(project: Path, capsys) -> None:
    code, out, err = run_cli(capsys, "check", "terms/nope.yaml")
    assert (code, out, err) == (2, "", "terms/nope.yaml: no such file or folder.\n")


def test_a_folder_without_term_files_is_a_usage_error(project: Path, capsys) -> None:
    (project / "empty").mkdir()
    code, out, err = run_cli(capsys, "check", "empty")
    assert (code, err) == (2, "no term files (*.yaml) found in empty.\n")


def test_an_unknown_option_is_a_usage_error(project: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "check", "--strcit")
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --strcit" in capsys.readouterr().err


def test_json_output_carries_every_field(project: Path, capsys) -> None:
    (project / "terms" / "churn-rate.yaml").write_text(
        (project / "terms" / "churn-rate.yaml")
        .read_text("utf-8")
        .replace("category: metrics", "category: metric"),
        "utf-8",
    )
    code, out, _ = run_cli(capsys, "check", "--format", "json", "terms")
    report = json.loads(out)
    assert code == 1
    assert (report["files"], report["errors"], report["warnings"]) == (3, 1, 0)
    assert report["diagnostics"] == [
        {
            "path": "terms/churn-rate.yaml",
            "line": 3,
            "column": 11,
            "severity": "error",
            "code": "invalid-value",
            "field": "category",
            "params": {"value": "metric", "hint": "Did you mean 'metrics'?"},
            "message": "'metric' is not allowed here.",
            "fix": "Did you mean 'metrics'?",
        }
    ]


def test_an_unexpected_failure_names_the_file_and_shows_no_traceback(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary.pipeline

    def broken(doc, config):
        raise RuntimeError("boom")

    monkeypatch.setattr(glossary.pipeline, "build_concept", broken)
    code, out, err = run_cli(capsys, "check", "--no-cache", "terms/churn-rate.yaml")
    assert code == 1
    assert out.splitlines()[0] == (
        "terms/churn-rate.yaml:1:1: error[internal-error]: unexpected failure while checking this "
        "file (RuntimeError: boom). Please report this together with the file."
    )
    assert "Traceback" not in out + err


def test_the_installed_console_script_runs(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "glossary", "check", "terms"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (
        0,
        "3 file(s) checked: 0 error(s), 0 warning(s).\n",
    )


def test_the_repository_corpus_passes_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "glossary", "check", "--strict", "terms"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
