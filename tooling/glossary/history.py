"""history: when each concept was added and changed, read from git (issue #18, "What's new").

One ``git log`` over the terms folder gives every term file's commits at once (a call per
file would cost a process per concept). Dates are commit dates, never the build's time,
so a given commit always builds the same pages. Outside git (a tarball, a machine without
git, a shallow clone whose history is cut off) there are no dates: ``History.unavailable``
says why, and the site says so instead of showing wrong ones."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# Why a build has no history (each has its sentence in ui.toml, ``news_unavailable_<reason>``)
NO_GIT = "no_git"  # git is not installed
NO_REPOSITORY = "no_repository"  # the terms are not in a git repository (a tarball, a copy)
SHALLOW = "shallow"  # a shallow clone: older commits are missing, so dates would be wrong
NO_COMMITS = "no_commits"  # the term files have never been committed
REASONS = (NO_GIT, NO_REPOSITORY, SHALLOW, NO_COMMITS)


@dataclass(frozen=True)
class Change:
    """What happened to a concept's file on one day (UTC): its last commit of that day,
    and whether the file was first committed that day."""

    day: str  # 2026-12-04
    time: str  # 2026-12-04T18:51:05Z, the day's last commit touching the file
    added: bool = False


@dataclass(frozen=True)
class History:
    """Each term file's changes by file stem (the concept id), newest day first; or, when
    there is no history, why not."""

    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    unavailable: str = ""  # one of REASONS, or "" when the history was read

    def updated(self, concept_id: str) -> Change | None:
        """The concept's last change, or None (no history, or never committed)."""
        changes = self.changes.get(concept_id)
        return changes[0] if changes else None

    def fingerprint(self) -> str:
        """A digest of everything pages show of the history (``site.language_inputs``)."""
        text = repr((self.unavailable, sorted(self.changes.items())))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_COMMIT = "\x1e"  # starts each commit's line in the log (then its Unix time)


def load_history(terms: Path, git: str = "git") -> History:
    """The history of the term files directly in ``terms`` (two git calls: whether the
    clone is shallow, then the log with each commit's files)."""
    base = [git, "-C", str(terms), "-c", "core.quotePath=false"]
    try:
        shallow = _run([*base, "rev-parse", "--is-shallow-repository"])
        if shallow is None:
            return History(unavailable=NO_REPOSITORY)
        if shallow.strip() == "true":
            return History(unavailable=SHALLOW)
        log = _run(
            [*base, "log", "--no-renames", "--relative", "--name-status"]
            + [f"--format={_COMMIT}%ct", "--", "."]
        )
    except OSError:  # no git executable (or not runnable)
        return History(unavailable=NO_GIT)
    if log is None:
        return History(unavailable=NO_REPOSITORY)
    changes = parse_log(log)
    return History(changes) if changes else History(unavailable=NO_COMMITS)


# set by a git hook, they would point git at another repository than the terms folder's
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR")


def _run(command: list[str]) -> str | None:
    """The command's output, or None when it failed (not a repository)."""
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        env=env,
    )
    return done.stdout if done.returncode == 0 else None


def parse_log(log: str) -> dict[str, tuple[Change, ...]]:
    """Changes per term file from ``git log --name-status`` output, newest first. Only
    files directly in the folder count (not ``paths/…``). A file deleted and later made
    again starts afresh: what happened before its deletion belonged to another concept."""
    days: dict[str, dict[str, Change]] = {}
    gone: set[str] = set()
    stamp = ""
    for line in log.split("\n"):  # not splitlines(): it splits at \x1e too
        if line.startswith(_COMMIT):
            stamp = _utc(int(line[1:]))
            continue
        status, _, name = line.partition("\t")
        if not name or "/" in name or not name.endswith(".yaml") or name in gone:
            continue
        if status.startswith("D"):
            gone.add(name)
            continue
        stem = name.removesuffix(".yaml")
        day = stamp[:10]
        known = days.setdefault(stem, {})
        if day not in known:  # commits come newest first: the day's last one is met first
            known[day] = Change(day, stamp)
        if status.startswith("A"):
            known[day] = Change(day, known[day].time, added=True)
            gone.add(name)  # anything older belongs to an earlier file of that name
    return {stem: tuple(by_day.values()) for stem, by_day in days.items()}


def _utc(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
