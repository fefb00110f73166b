"""discover: which term files a command works on."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def _walk(folder: Path) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [os.path.join(dirpath, f) for f in filenames if f.endswith(".yaml")]
    return sorted(found)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Term files under ``paths`` (files as given, folders searched for ``*.yaml``),
    in a stable order, and the paths that do not exist."""
    found: dict[Path, None] = {}
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.update(dict.fromkeys(map(Path, _walk(path))))
        elif path.is_file():
            found[path] = None
        else:
            missing.append(path)
    return list(found), missing


def siblings(targets: list[Path]) -> list[Path]:
    """The targets plus the other term files in their folders, so that references to
    concepts outside the files being checked still resolve."""
    folders = dict.fromkeys(path.parent for path in targets)
    extra = [
        Path(os.path.join(folder, name))
        for folder in folders
        for name in sorted(os.listdir(folder))
        if name.endswith(".yaml")
    ]
    return list(dict.fromkeys([*targets, *extra]))
