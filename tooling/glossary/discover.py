"""discover: which term files and learning-path files a command works on.

Learning paths (issue #18) live beside the concepts, one file per path in a ``paths``
folder of the terms folder (``terms/paths/week-1.yaml``): a YAML file whose folder is
named ``paths`` is a path file, never a term file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

PATHS_FOLDER = "paths"  # terms/paths/<id>.yaml


def is_path_file(path: Path) -> bool:
    """Whether ``path`` is a learning-path file rather than a term file."""
    return path.parent.name == PATHS_FOLDER


def _walk(folder: Path) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [os.path.join(dirpath, f) for f in filenames if f.endswith(".yaml")]
    return sorted(found)


class Discovered(NamedTuple):
    terms: list[Path]  # term files, in a stable order
    paths: list[Path]  # learning-path files
    missing: list[Path]  # the given paths that do not exist


def discover_files(paths: Iterable[Path]) -> Discovered:
    """Term and path files under ``paths`` (files as given, folders searched for
    ``*.yaml``), each kind in a stable order, and the paths that do not exist."""
    found: dict[Path, None] = {}
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.update(dict.fromkeys(map(Path, _walk(path))))
        elif path.is_file():
            found[path] = None
        else:
            missing.append(path)
    terms = [path for path in found if not is_path_file(path)]
    return Discovered(terms, [path for path in found if is_path_file(path)], missing)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Term files under ``paths`` and the paths that do not exist (path files left out)."""
    found = discover_files(paths)
    return found.terms, found.missing


def siblings(targets: list[Path], folders: Iterable[Path] = ()) -> list[Path]:
    """The targets plus the other term files in their folders (and in ``folders``), so
    that references to concepts outside the files being checked still resolve."""
    folders = dict.fromkeys([*(path.parent for path in targets), *folders])
    extra = [
        Path(os.path.join(folder, name))
        for folder in folders
        if folder.is_dir()
        for name in sorted(os.listdir(folder))
        if name.endswith(".yaml")
    ]
    return list(dict.fromkeys([*targets, *extra]))


def concepts_folder(path_file: Path) -> Path:
    """The terms folder a path file's steps refer to: the folder holding its ``paths``."""
    return path_file.parent.parent
