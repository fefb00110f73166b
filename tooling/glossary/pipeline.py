"""The pipeline's front half, shared by ``glossary check`` and the site build:
discover → load → validate → model. Only ``load`` reads files; nothing here writes."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from glossary.cache import CACHE_DIR, cache_file, read_cache, stamp, write_cache
from glossary.config import Config, load_config
from glossary.diagnostics import Diagnostic, Report, diagnostic
from glossary.discover import discover, siblings
from glossary.formula.metric import known_inverses, learn_inverses, prime_inverses
from glossary.formula_check import iter_formula_errors
from glossary.index import Indexed, index_document, iter_index_errors
from glossary.load import load_document
from glossary.model import Concept, build_concept
from glossary.schema import build_schema
from glossary.validate import SchemaChecker, iter_document_errors
from glossary.workers import cores, fork_pool

PARALLEL_FROM = 400  # below this many files, starting worker processes costs more than it saves


@dataclass
class Glossary:
    """The report of everything checked and, when asked for, every concept that loaded."""

    report: Report = field(default_factory=Report)
    concepts: dict[str, Concept] = field(default_factory=dict)
    missing: list[Path] = field(default_factory=list)


class Checked(NamedTuple):
    """One file after the per-file stages: what it contributes to the cross-file checks,
    its diagnostics and (only when concepts are wanted) its concept."""

    path: Path
    indexed: Indexed | None
    problems: list
    concept: Concept | None = None
    # (expression, inverses) its formula's check solved, for the main process (a Future
    # while that check runs in the formula process, see FormulaSide)
    inverses: tuple | Future = ()


_CHECKERS: dict[int, tuple[Config, SchemaChecker]] = {}


def _checker_for(config: Config) -> SchemaChecker:
    """One compiled schema per configuration (and per worker process)."""
    if id(config) not in _CHECKERS:
        _CHECKERS[id(config)] = (config, SchemaChecker(build_schema(config)))
    return _CHECKERS[id(config)][1]


def check_file(
    path: Path,
    config: Config,
    verbose: bool = False,
    want_concept: bool = False,
    solver: FormulaSide | None = None,
) -> Checked:
    """load → schema → model → per-file checks for one file; never raises. With a
    ``solver``, a formula whose inverses are not known yet is checked there, beside
    the loading of the next files (``Checked.inverses`` then holds its future)."""
    checker = _checker_for(config)
    doc = load_document(path)
    problems = list(doc.diagnostics)
    if doc.data is None:
        return Checked(path, None, problems)
    try:
        problems += checker.iter_errors(doc, verbose)
        concept = build_concept(doc, config)
        problems += iter_document_errors(doc, concept, config)
        solved: tuple | Future = ()
        if concept.formula:
            expression = concept.formula.get("expression")
            if (
                solver is not None
                and isinstance(expression, str)
                and known_inverses(expression) is None
            ):
                solved = solver.submit(doc, config)
            else:
                formula_problems, solved = check_formula(doc, config)
                problems += formula_problems
        indexed = index_document(doc, config)
    except Exception as error:  # a bug must name the file, never show a traceback
        problems.append(_internal_error(path, error))
        return Checked(path, None, problems)
    return Checked(path, indexed, problems, concept if want_concept else None, solved)


def _internal_error(path: Path, error: Exception) -> Diagnostic:
    return diagnostic(
        str(path), (1, 1), "error", "internal-error", error=f"{type(error).__name__}: {error}"
    )


def check_formula(doc, config: Config) -> tuple[list, tuple]:
    """A formula block's diagnostics, and its expression's inverses as solved for them."""
    problems = list(iter_formula_errors(doc, config))
    formula = doc.data.get("formula")
    expression = formula.get("expression") if isinstance(formula, dict) else None
    inverses = known_inverses(expression) if isinstance(expression, str) else None
    return problems, (expression, inverses) if inverses is not None else ()


class FormulaSide:
    """One worker process that checks formulas (solving their inverses with sympy, whose
    import alone takes a third of a second) while the main process loads the other files.
    The process starts with the first formula that needs solving."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    @property
    def busy(self) -> bool:
        return self._pool is not None

    def submit(self, doc, config: Config) -> Future:
        if self._pool is None:
            self._pool = fork_pool(1)
        return self._pool.submit(check_formula, doc, config)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


def _settle(checked: Checked) -> Checked:
    """A checked file with its formula's result, if that was checked beside."""
    if not isinstance(checked.inverses, Future):
        return checked
    try:
        problems, solved = checked.inverses.result()
    except Exception as error:  # a bug must name the file, never show a traceback
        problems, solved = [_internal_error(checked.path, error)], ()
    return checked._replace(problems=checked.problems + problems, inverses=solved)


def _run_checks(
    paths: list[Path],
    config: Config,
    verbose: bool,
    want_concepts: bool,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[Checked]:
    """Per-file stages, spread over the machine's cores for large corpora; on small
    ones, formulas are solved in a process beside the main one. ``meanwhile`` runs in
    the main process while other processes finish their part."""
    work = partial(check_file, config=config, verbose=verbose, want_concept=want_concepts)
    workers = min(cores(), 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        solver = FormulaSide() if workers >= 2 else None
        try:
            checked = [work(path, solver=solver) for path in paths]
            if solver is not None and solver.busy:
                meanwhile()  # else nothing runs beside: the caller prepares when it needs to
            return [_settle(c) for c in checked]
        finally:
            if solver is not None:
                solver.close()
    with fork_pool(workers) as pool:
        results = pool.map(work, paths, chunksize=max(16, len(paths) // (workers * 8)))
        meanwhile()
        return list(results)


def _to_payload(checked: Checked) -> tuple:
    problems = tuple(tuple(d) for d in map(astuple_diagnostic, checked.problems))
    return tuple(checked.indexed) if checked.indexed else None, problems


def astuple_diagnostic(d: Diagnostic) -> tuple:
    return d.path, d.line, d.column, d.severity, d.code, d.field, d.params


def _from_payload(path: Path, payload: tuple) -> Checked:
    indexed, problems = payload
    return Checked(
        path, Indexed(*indexed) if indexed else None, [Diagnostic(*fields) for fields in problems]
    )


def _check_files(
    paths: list[Path],
    config: Config,
    verbose: bool,
    want_concepts: bool,
    use_cache: bool,
    meanwhile: Callable[[], object],
) -> list[Checked]:
    """Per-file results, reusing cached ones for files unchanged since the last run."""
    if not use_cache or verbose or want_concepts or config is not load_config():
        return _run_checks(paths, config, verbose, want_concepts, meanwhile)
    folders = {path.parent for path in paths}
    cached = {folder: read_cache(cache_file(folder)) for folder in folders}
    stamps = {path: stamp(path) for path in paths}
    results: dict[Path, Checked] = {}
    stale = []
    for path in paths:
        entry = cached[path.parent].get(str(path))
        if entry and tuple(entry[0]) == stamps[path]:
            results[path] = _from_payload(path, entry[1])
        else:
            stale.append(path)
    for checked in _run_checks(stale, config, verbose, want_concepts, meanwhile):
        results[checked.path] = checked
    for folder in folders:
        entries = cached[folder]
        changed = [p for p in stale if p.parent == folder]
        present = {str(p) for p in paths if p.parent == folder}
        if changed or entries.keys() - present:
            fresh = {k: v for k, v in entries.items() if k in present}
            fresh.update(
                (str(p), (stamps[p], _to_payload(results[p])))
                for p in changed
                if stamps[p] is not None
            )
            write_cache(cache_file(folder), fresh)
    return [results[path] for path in paths]


def load_glossary(
    paths: Iterable[Path],
    config: Config | None = None,
    verbose: bool = False,
    want_concepts: bool = False,
    use_cache: bool = True,
    meanwhile: Callable[[], object] = lambda: None,
) -> Glossary:
    """Check the term files under ``paths`` (and model them with ``want_concepts``);
    diagnostics are reported for those files only, though references resolve against
    every term file in their folders. ``meanwhile`` is called once, while worker
    processes (if any) are still busy: the caller's chance to prepare its next step."""
    config = config or load_config()
    targets, missing = discover(paths)
    for folder in dict.fromkeys(path.parent for path in targets):
        prime_inverses(folder.parent / CACHE_DIR / "inverses.json")
    scope = {str(p) for p in targets}
    glossary = Glossary(missing=missing)
    glossary.report.files = len(targets)
    index: list[Indexed] = []
    collecting = gc.isenabled()
    gc.disable()  # loading makes many small objects and no cycles: GC passes only cost time
    try:
        for checked in _check_files(
            siblings(targets), config, verbose, want_concepts, use_cache, meanwhile
        ):
            if str(checked.path) in scope:
                glossary.report.extend(checked.problems)
            if checked.indexed is not None:
                index.append(checked.indexed)
            if checked.concept is not None:
                glossary.concepts.setdefault(checked.concept.id, checked.concept)
            if isinstance(checked.inverses, tuple) and checked.inverses:  # settled by now
                learn_inverses(*checked.inverses)
        cross = list(iter_index_errors(index, config))
    except Exception as error:  # never a traceback
        cross = [
            diagnostic(
                "terms", (1, 1), "error", "internal-error", error=f"{type(error).__name__}: {error}"
            )
        ]
    finally:
        if collecting:
            # what loading made lives as long as the command: left in the youngest
            # generation, the next collections would walk all of it (0.7 s at 10,000
            # files). Frozen, it is still freed when unreferenced (it holds no cycles).
            gc.freeze()
            gc.enable()
    glossary.report.extend(d for d in cross if d.path in scope or d.path == "terms")
    return glossary
