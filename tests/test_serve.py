"""``glossary serve``: a live preview that shows an edited term without a restart and
keeps the last good build while a term file is broken."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from browser import fetch, free_port, wait_until
from conftest import make_site_project
from glossary.site import Project, build_site


def wait_for(condition, seconds: float = 90) -> bool:
    return wait_until(condition, seconds) is not None


def test_an_edit_shows_up_and_a_broken_file_keeps_the_last_good_build(tmp_path: Path) -> None:
    root = make_site_project(tmp_path)
    project = Project(root)
    assert build_site(project, root / "site").ok
    port = free_port()
    url = f"http://127.0.0.1:{port}/ko/terms/churn-rate/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: "고객 이탈률" in fetch(url)), (tmp_path / "serve.log").read_text()
        churn = root / "terms" / "churn-rate.yaml"
        text = churn.read_text("utf-8")
        churn.write_text(
            text.replace("해지한 고객의 비율입니다.", "해지한 고객의 비율(분기 기준)입니다."),
            "utf-8",
        )
        assert wait_for(lambda: "비율(분기 기준)입니다" in fetch(url)), (
            tmp_path / "serve.log"
        ).read_text()
        churn.write_text(text.replace("category: metrics", "category: metricz"), "utf-8")
        assert wait_for(
            lambda: (
                "the preview keeps showing the last good build until these are fixed."
                in (tmp_path / "serve.log").read_text()
            )
        )
        assert "비율(분기 기준)입니다" in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert re.search(r"rebuilt in \d+\.\d\d s", output), output
    # the first build says what it is doing, then where to look; third parties stay quiet
    steps = [
        "Building the site for the preview…",
        "  checking the term files…",
        "  writing the pages…",
        "  building the pages of every language…",
        "  finishing the site…",
    ]
    lines = output.splitlines()
    assert lines[: len(steps)] == steps, output
    assert re.fullmatch(r"Site built in \d+\.\d s\.", lines[len(steps)]), output
    assert lines[len(steps) + 1] == f"Preview: http://127.0.0.1:{port}/ (Ctrl+C stops it)"
    assert "DEBUG" not in output and "prefix dict" not in output
    assert "error[invalid-value]: category: 'metricz' is not allowed here." in output
    assert "Traceback" not in output
    # the preview rewrote the build folder for its own address: the next build renders
    # every language again instead of publishing the preview's pages
    (root / "terms" / "churn-rate.yaml").write_text(text, "utf-8")
    result = build_site(project, root / "site")
    assert result.ok and result.rendered == {"en", "ko", "zh-Hans", "zh-Hant"}
    page = (root / "site" / "en" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert f"127.0.0.1:{port}" not in page and "/en/terms/churn-rate/" in page


def test_a_restarted_preview_serves_the_last_build_at_once_and_swaps_in_the_new_one(
    tmp_path: Path,
) -> None:
    root = make_site_project(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/ko/terms/churn-rate/"
    command = [sys.executable, "-m", "glossary", "serve", "--port", str(port)]
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with logs[0].open("w") as log:
        server = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert wait_for(lambda: "고객 이탈률" in fetch(url)), logs[0].read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)
    churn = root / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace("해지한 고객의 비율입니다.", "해지한 고객의 몫입니다."),
        "utf-8",
    )
    with logs[1].open("w") as log:
        server = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert wait_for(lambda: "Preview:" in logs[1].read_text(), 30), logs[1].read_text()
            shown = fetch(url)  # served while the new build runs
            assert wait_for(lambda: "몫입니다" in fetch(url)), logs[1].read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = logs[1].read_text()
    first = " (Ctrl+C stops it). It shows the last build until the new one is ready.\n"
    assert output.startswith(f"Preview: http://127.0.0.1:{port}/{first}"), output
    assert output.index("Site built in") > output.index("Preview:")
    assert "고객 이탈률" in shown
    assert "Traceback" not in output


def test_a_preview_started_on_a_broken_file_says_so_and_builds_once_it_is_fixed(
    tmp_path: Path,
) -> None:
    root = make_site_project(tmp_path)
    churn = root / "terms" / "churn-rate.yaml"
    text = churn.read_text("utf-8")
    churn.write_text(text.replace("category: metrics", "category: metricz"), "utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/ko/terms/churn-rate/"
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            assert wait_for(lambda: "Preview:" in log_path.read_text()), log_path.read_text()
            churn.write_text(text, "utf-8")
            assert wait_for(lambda: "고객 이탈률" in fetch(url)), log_path.read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = log_path.read_text()
    assert (
        "the preview has nothing to show until these are fixed; it rebuilds on every save."
        in output
    )
    assert "error[invalid-value]: category: 'metricz' is not allowed here." in output
    assert "Traceback" not in output
