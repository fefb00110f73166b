"""The pipeline's front half, shared by ``glossary check`` and the site build:
discover → load → validate → model, per file, then the checks across files. Only ``load``
reads term files; the only thing written here is the check cache (``cache.py``)."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from glossary.cache import CACHE_DIR, cache_file, read_cache, stamp, write_cache
from glossary.config import Config, load_config
from glossary.diagnostics import Diagnostic, Report, diagnostic
from glossary.discover import concepts_folder, discover_files, siblings
from glossary.formula.metric import Metric, Solution, SolvedInverses
from glossary.formula_check import check_formula_block
from glossary.index import Indexed, index_document, iter_index_errors
from glossary.learning import LearningPath, check_paths
from glossary.load import Document, load_document
from glossary.model import Concept, build_concept
from glossary.schema import build_path_schema, build_schema
from glossary.validate import SchemaChecker, attribute_causes, iter_document_errors
from glossary.workers import Pool, cores, fork_map

PARALLEL_FROM = 400  # below this many files, starting worker processes costs more than it saves


@dataclass
class CheckResult:
    """What checking the term files found: the report, every concept that loaded (when
    asked for), the paths that did not exist, and the formulas' solved inverses (which the
    site's metrics reuse)."""

    report: Report = field(default_factory=Report)
    concepts: dict[str, Concept] = field(default_factory=dict)
    missing: list[Path] = field(default_factory=list)
    solved: SolvedInverses = field(default_factory=SolvedInverses)
    metrics: dict[str, Metric] = field(default_factory=dict)  # by concept, with the concepts
    paths: dict[str, LearningPath] = field(default_factory=dict)  # learning paths, in order


@dataclass(frozen=True)
class CheckContext:
    """What every file's check needs, made once per run (and inherited by workers)."""

    config: Config
    checker: SchemaChecker
    solved: SolvedInverses
    verbose: bool = False
    want_concepts: bool = False


class FileResult(NamedTuple):
    """One file after the per-file stages: what it contributes to the cross-file checks,
    its diagnostics, (only when concepts are wanted) its concept, and its formula's
    inverses as solved for its check (a Future while a formula process solves them)."""

    path: Path
    indexed: Indexed | None
    problems: list
    concept: Concept | None = None
    solution: tuple[str, Solution] | Future | None = None
    metric: Metric | None = None  # its formula, parsed and solved (with the concept)


def check_file(context: CheckContext, path: Path, formulas: Pool | None = None) -> FileResult:
    """load → schema → model → per-file checks for one file; never raises. Given a
    ``formulas`` pool, a formula whose inverses are not known yet is checked there, beside
    the loading of the next files."""
    doc = load_document(path)
    problems = list(doc.diagnostics)
    if doc.data is None:
        return FileResult(path, None, problems)
    try:
        problems += context.checker.iter_errors(doc, context.verbose)
        concept = build_concept(doc, context.config)
        problems += iter_document_errors(doc, concept, context.config)
        solution: tuple[str, Solution] | Future | None = None
        metric = None
        if concept.formula:
            expression = concept.formula.get("expression")
            if (
                formulas is not None
                and isinstance(expression, str)
                and context.solved.get(expression) is None
            ):
                solution = formulas.submit(doc)
            else:
                formula_problems, solution, metric = check_formula(context, doc)
                problems += formula_problems
        indexed = index_document(doc, context.config)
        problems = attribute_causes(problems, context.config)
    except Exception as error:  # a bug must name the file, never show a traceback
        problems.append(_internal_error(path, error))
        return FileResult(path, None, problems)
    if not context.want_concepts:
        return FileResult(path, indexed, problems, None, solution)
    return FileResult(path, indexed, problems, concept, solution, metric)


def _check_one(context: CheckContext, path: Path) -> FileResult:
    return check_file(context, path)


def _internal_error(path: Path, error: Exception) -> Diagnostic:
    return diagnostic(
        str(path), (1, 1), "error", "internal-error", error=f"{type(error).__name__}: {error}"
    )


def check_formula(
    context: CheckContext, doc: Document
) -> tuple[list[Diagnostic], tuple[str, Solution] | None, Metric | None]:
    """A formula block's diagnostics, its expression's inverses as solved for them, and
    its metric (the formula parsed once, for the site build too)."""
    problems, metric = check_formula_block(doc, context.config, context.solved)
    formula = doc.data.get("formula")
    expression = formula.get("expression") if isinstance(formula, dict) else None
    if not isinstance(expression, str):
        return problems, None, metric
    solution = context.solved.get(expression)
    return problems, (expression, solution) if solution is not None else None, metric


def _settle(context: CheckContext, result: FileResult) -> FileResult:
    """A checked file with its formula's check, if that ran in the formula process."""
    if not isinstance(result.solution, Future):
        return result
    try:
        problems, solution, metric = result.solution.result()
    except Exception as error:  # a bug must name the file, never show a traceback
        problems, solution, metric = [_internal_error(result.path, error)], None, None
    if not context.want_concepts:
        metric = None
    return result._replace(problems=result.problems + problems, solution=solution, metric=metric)


def _run_checks(context: CheckContext, paths: list[Path]) -> list[FileResult]:
    """Per-file stages, spread over the machine's cores for large corpora; on small
    ones, formulas are solved in a process beside the main one (sympy's import alone
    takes a third of a second, solving a formula a tenth)."""
    workers = min(cores(), 8)
    if len(paths) >= PARALLEL_FROM and workers >= 2:
        chunk = max(16, len(paths) // (workers * 8))
        return fork_map(_check_one, context, paths, chunksize=chunk)
    if workers < 2:
        return [check_file(context, path) for path in paths]
    with Pool(check_formula, context, 1) as formulas:
        results = [check_file(context, path, formulas) for path in paths]
        return [_settle(context, result) for result in results]


def _to_payload(result: FileResult) -> tuple:
    problems = tuple(tuple(d) for d in map(diagnostic_fields, result.problems))
    return tuple(result.indexed) if result.indexed else None, problems


def diagnostic_fields(d: Diagnostic) -> tuple:
    """A diagnostic as plain values (for the marshal cache)."""
    return d.path, d.line, d.column, d.severity, d.code, d.field, d.params, d.after


def _from_payload(path: Path, payload: tuple) -> FileResult:
    indexed, problems = payload
    return FileResult(
        path, Indexed(*indexed) if indexed else None, [Diagnostic(*fields) for fields in problems]
    )


def _check_files(context: CheckContext, paths: list[Path], use_cache: bool) -> list[FileResult]:
    """Per-file results, reusing cached ones for files unchanged since the last run."""
    config = context.config
    if not use_cache or context.verbose or context.want_concepts or config is not load_config():
        return _run_checks(context, paths)
    folders = {path.parent for path in paths}
    cached = {folder: read_cache(cache_file(folder)) for folder in folders}
    stamps = {path: stamp(path) for path in paths}
    results: dict[Path, FileResult] = {}
    stale = []
    for path in paths:
        entry = cached[path.parent].get(str(path))
        if entry and tuple(entry[0]) == stamps[path]:
            results[path] = _from_payload(path, entry[1])
        else:
            stale.append(path)
    for result in _run_checks(context, stale):
        results[result.path] = result
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


def inverses_cache(terms: Path) -> Path:
    """Where the solved inverses of a terms folder's formulas are kept between runs."""
    return terms.parent / CACHE_DIR / "inverses.json"


def load_glossary(
    paths: Iterable[Path],
    config: Config | None = None,
    verbose: bool = False,
    want_concepts: bool = False,
    use_cache: bool = True,
) -> CheckResult:
    """Check the term and learning-path files under ``paths`` (and model them with
    ``want_concepts``); diagnostics are reported for those files only, though references
    resolve against every term file in their folders (a path file's: the terms folder
    holding its ``paths`` folder) and path files are compared with their folder's."""
    config = config or load_config()
    targets, path_targets, missing = discover_files(paths)
    path_folders = list(dict.fromkeys(map(concepts_folder, path_targets)))
    folders = list(dict.fromkeys([*(path.parent for path in targets), *path_folders]))
    solved = SolvedInverses.read(*map(inverses_cache, folders))
    context = CheckContext(
        config, SchemaChecker(build_schema(config)), solved, verbose, want_concepts
    )
    scope = {str(p) for p in [*targets, *path_targets]}
    result = CheckResult(Report(config=config), missing=missing, solved=solved)
    result.report.files = len(targets) + len(path_targets)
    index: list[Indexed] = []
    collecting = gc.isenabled()
    gc.disable()  # loading makes many small objects and no cycles: GC passes only cost time
    try:
        for checked in _check_files(context, siblings(targets, path_folders), use_cache):
            if str(checked.path) in scope:
                result.report.extend(checked.problems)
            if checked.indexed is not None:
                index.append(checked.indexed)
            if checked.concept is not None:
                result.concepts.setdefault(checked.concept.id, checked.concept)
            if checked.metric is not None and checked.concept is not None:
                result.metrics.setdefault(checked.concept.id, checked.metric)
            if isinstance(checked.solution, tuple):  # solved in a worker: learnt here
                solved.learn(*checked.solution)
        cross = list(iter_index_errors(index, config))
        if path_targets:
            files = [load_document(path) for path in siblings(path_targets)]
            checker = SchemaChecker(build_path_schema(config))
            result.paths, path_problems = check_paths(files, index, config, checker, verbose)
            cross += path_problems
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
    result.report.extend(d for d in cross if d.path in scope or d.path == "terms")
    return result
