"""The shape of the ``glossary`` package: its imports form no cycle, and dependencies point
the right way (the engine never reaches out to the edges that use it).

Imports are read with ``ast``, at module level and inside functions alike: a function-level
import that closes a cycle is still a cycle, only a hidden one."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from conftest import ROOT

TOOLING = ROOT / "tooling"
PACKAGE = TOOLING / "glossary"

# A rule is (what it is about, which modules, which modules they must not import).
RULES = [
    ("the formula engine knows no interface strings", "glossary.formula", "glossary.ui"),
    ("the formula engine knows no command", "glossary.formula", "glossary.commands"),
    ("the formula engine knows no loader", "glossary.formula", "glossary.load"),
    ("the model does not import the loader", "glossary.model", "glossary.load"),
    *(
        ("checks do not import the skeleton writer", check, "glossary.skeleton")
        for check in (
            "glossary.validate",
            "glossary.index",
            "glossary.translation",
            "glossary.status",
            "glossary.formula_check",
        )
    ),
    *(
        ("exchange formats do not import the dispatch", fmt, "glossary.exchange.formats")
        for fmt in (
            "glossary.exchange.data",
            "glossary.exchange.json",
            "glossary.exchange.sheet",
            "glossary.exchange.tbx",
            "glossary.exchange.cards",
            "glossary.exchange.anki",
            "glossary.exchange.quizlet",
        )
    ),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(TOOLING).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _known(name: str) -> str | None:
    """The module an import of ``name`` runs: ``name`` itself, else its nearest parent."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterable[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:  # relative: resolved against the importing module's package
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        package = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
        base = f"{package}.{base}" if base else package
    for alias in node.names:  # ``from package import module`` imports that module
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def imports_of(module: str) -> set[str]:
    """Every glossary module ``module`` imports, anywhere in its code."""
    tree = ast.parse(MODULES[module].read_text("utf-8"), str(MODULES[module]))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update(filter(None, map(_known, _imported(module, node))))
    found.discard(module)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan), as a path
    ``a → b → … → a``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_through(group, graph) for group in sorted(groups)]


def _path_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle from the group's first module back to itself."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {group}")


def test_the_import_graph_has_no_cycle() -> None:
    cycles = [" → ".join(cycle) for cycle in find_cycles(GRAPH)]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_a_cycle_is_found_and_shown() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]


def _within(prefix: str) -> list[str]:
    return [m for m in MODULES if m == prefix or m.startswith(prefix + ".")]


@pytest.mark.parametrize(
    ("rule", "modules", "forbidden"), RULES, ids=[f"{r[1]} !-> {r[2]}" for r in RULES]
)
def test_dependencies_point_the_right_way(rule: str, modules: str, forbidden: str) -> None:
    assert _within(modules), f"{modules} does not exist"
    broken = [
        f"{module} imports {target}"
        for module in _within(modules)
        for target in sorted(GRAPH[module])
        if target in _within(forbidden)
    ]
    assert broken == [], rule


def test_only_the_cli_dispatches_to_commands() -> None:
    users = {
        module
        for module, targets in GRAPH.items()
        if any(t.startswith("glossary.commands") for t in targets)
        and not module.startswith("glossary.commands")
    }
    assert users == {"glossary.cli"}


def test_help_loads_no_configuration_and_no_stage() -> None:
    """``glossary --help`` lists every command without importing them, and without reading
    the configuration (the language table's module is imported by i18n, not read)."""
    code = (
        "import sys, glossary.cli\n"
        "glossary.cli.build_parser().format_help()\n"
        "assert glossary.config.load_config.cache_info().currsize == 0\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('glossary'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(TOOLING)},
    )
    assert result.stdout.split() == [
        "glossary",
        "glossary.cli",
        "glossary.commands",
        "glossary.config",
        "glossary.i18n",
    ]


# Module-level containers that are filled after import. Forked workers would inherit
# whatever the main process had put there: state must travel as arguments instead (see
# glossary.workers). The one exception is that module's own slot, which only a worker's
# initializer writes.
MUTATED_ALLOWED = {("glossary.workers", "_WORK")}
_MUTATORS = {"append", "extend", "update", "setdefault", "clear", "pop", "add", "insert", "remove"}


def _module_containers(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        value = getattr(node, "value", None)
        mutable = isinstance(value, (ast.Dict, ast.List, ast.Set)) or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in ("dict", "list", "set", "defaultdict")
        )
        if mutable:
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _mutated(tree: ast.Module, names: set[str]) -> set[str]:
    """The names that some function of the module changes in place."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                target = None
                if isinstance(inner, (ast.Assign, ast.AugAssign, ast.Delete)):
                    for t in getattr(inner, "targets", None) or [inner.target]:  # type: ignore[attr-defined]
                        if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
                            target = t.value.id
                elif (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr in _MUTATORS
                    and isinstance(inner.func.value, ast.Name)
                ):
                    target = inner.func.value.id
                if target in names:
                    found.add(target)
    return found


def test_no_module_level_state_is_changed_after_import() -> None:
    changed = {
        (module, name)
        for module, path in MODULES.items()
        for tree in [ast.parse(path.read_text("utf-8"))]
        for name in _mutated(tree, _module_containers(tree))
    }
    assert changed - MUTATED_ALLOWED == set()
