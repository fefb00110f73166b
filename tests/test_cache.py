"""The check cache: reused only for unchanged files, never trusted when stale or damaged."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_cli
from glossary.cache import cache_file


def test_an_edit_after_a_cached_run_is_seen(project: Path, capsys) -> None:
    assert run_cli(capsys, "check", "terms")[0] == 0
    assert cache_file(project / "terms").exists()
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace("category: metrics", "category: metricz"), "utf-8"
    )
    code, out, _ = run_cli(capsys, "check", "terms")
    assert code == 1
    assert "error[invalid-value]: category: 'metricz' is not allowed here." in out


def test_a_same_size_edit_within_the_same_second_is_seen(project: Path, capsys) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    before = churn.stat()
    assert run_cli(capsys, "check", "terms")[0] == 0
    churn.write_text(
        churn.read_text("utf-8")
        .replace("category: metrics", "category: metricz")
        .replace("tags: [saas, retention]", "tags: [saas, retentio]"),
        "utf-8",
    )
    os.utime(churn, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert run_cli(capsys, "check", "terms")[0] == 1


def test_a_deleted_file_drops_out_and_its_references_break(project: Path, capsys) -> None:
    assert run_cli(capsys, "check", "terms")[0] == 0
    (project / "terms" / "retention-rate.yaml").unlink()
    code, out, _ = run_cli(capsys, "check", "terms")
    assert code == 1
    assert "error[unknown-ref]: relations[0].target: 'retention-rate' is not a concept." in out


def test_a_damaged_cache_is_rebuilt(project: Path, capsys) -> None:
    assert run_cli(capsys, "check", "terms")[0] == 0
    cache_file(project / "terms").write_bytes(b"\x00garbage")
    code, out, _ = run_cli(capsys, "check", "terms")
    assert (code, out) == (0, "3 file(s) checked: 0 error(s), 0 warning(s).\n")


def test_checking_one_file_still_resolves_references_to_its_neighbours(
    project: Path, capsys
) -> None:
    code, out, _ = run_cli(capsys, "check", "--strict", "terms/churn-rate.yaml")
    assert (code, out) == (0, "1 file(s) checked: 0 error(s), 0 warning(s).\n")
