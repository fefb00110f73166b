"""A build stopped halfway: the previous site stays, and nothing of the stopped build is left
behind (no staging folder, no MkDocs process still running), whether it was asked to stop
(SIGTERM) or killed outright (SIGKILL, cleaned up by the next build)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import make_site_project


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent to collect it."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _is_mkdocs(pid: int) -> bool:
    try:
        return b"mkdocs" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def built_once(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the built fixture project: its site is the previous, published one."""
    root = tmp_path / "project"
    shutil.copytree(built_site, root, symlinks=True)
    return root


def _start_build_and_wait_for_mkdocs(root: Path) -> tuple[subprocess.Popen, list[int]]:
    build = subprocess.Popen(
        [sys.executable, "-m", "glossary", "build"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    mkdocs: list[int] = []

    def started() -> bool:
        mkdocs[:] = [pid for pid in _children(build.pid) if _is_mkdocs(pid)]
        return bool(mkdocs)

    assert _wait_for(started, 60), "MkDocs never started"
    assert _staging(root), "the build stages the new site beside the old one"
    return build, mkdocs


def _staging(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site.new-"))


def test_sigterm_stops_mkdocs_and_removes_the_staging_folder(built_once: Path) -> None:
    index = (built_once / "site" / "en" / "index.html").read_bytes()
    build, mkdocs = _start_build_and_wait_for_mkdocs(built_once)
    build.send_signal(signal.SIGTERM)
    build.communicate(timeout=60)
    assert build.returncode != 0
    assert [pid for pid in mkdocs if _alive(pid)] == []
    assert _staging(built_once) == []
    assert (built_once / "site" / "en" / "index.html").read_bytes() == index


def test_after_sigkill_mkdocs_ends_and_the_next_build_removes_the_staging_folder(
    built_once: Path,
) -> None:
    index = (built_once / "site" / "en" / "index.html").read_bytes()
    build, mkdocs = _start_build_and_wait_for_mkdocs(built_once)
    left = _staging(built_once)
    os.kill(build.pid, signal.SIGKILL)
    build.communicate(timeout=60)
    assert _wait_for(lambda: not any(_alive(pid) for pid in mkdocs), 30), (
        "MkDocs outlived the build"
    )
    assert _staging(built_once) == left  # nothing could clean up after SIGKILL ...
    assert (built_once / "site" / "en" / "index.html").read_bytes() == index
    done = subprocess.run(
        [sys.executable, "-m", "glossary", "build"], cwd=built_once, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert _staging(built_once) == []  # ... so the next build did
    # the replaced site is removed in the background
    assert _wait_for(lambda: not any(built_once.glob(".site.*")), 30)


def test_a_staging_folder_of_a_running_build_is_left_alone(tmp_path: Path) -> None:
    from glossary.emit import staging_dir

    root = make_site_project(tmp_path)
    mine = staging_dir(root / "site")  # this process is running: its folder stays
    stale = root / ".site.new-999999999-abc"  # no such process
    old_style = root / ".site.new-k2j3"  # named before folders carried their builder's pid
    stale.mkdir()
    old_style.mkdir()
    again = staging_dir(root / "site")
    assert mine.is_dir() and again.is_dir()
    assert not stale.exists() and not old_style.exists()
