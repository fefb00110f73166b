"""The ``glossary`` commands, one module each (as in mkdocs' ``commands/``): a thin shell
over a pipeline stage that declares its options, calls the stage and prints.

A command's module is imported only when that command runs or shows its help, so
``glossary --help`` and every command start without the others' dependencies and without
reading the configuration. Each module defines:

* ``EXAMPLE``: shown under "Example:" in its help (a test fails without one), and
  ``DETAILS``, text above it, if any (``details()`` when it depends on the configuration);
* ``add_arguments(parser)`` and ``run(args)``, which returns the exit code;
* ``take_extra(args, extra)``, if the command claims arguments argparse left over; it
  returns those that are still unrecognized."""

from __future__ import annotations

import argparse
import importlib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from glossary import __version__


@dataclass(frozen=True)
class Command:
    name: str
    module: str  # in this package
    summary: str


COMMANDS = (  # in the order ``glossary --help`` lists them
    Command("check", "check", "Check term files and report every problem with its line."),
    Command("build", "build", "Build the four-language site into site/ (or --site-dir)."),
    Command("serve", "serve", "Preview the site with live reload while you edit terms."),
    Command("calc", "calc", "Calculate a metric, or solve its formula for any input."),
    Command("new", "new", "Start a concept file with every language stubbed."),
    Command("review", "review", "Record that a translation matches the current source text."),
    Command("status", "status", "Show how complete each language is and what is stale."),
    Command(
        "export",
        "export",
        "Export terms/ as JSON, CSV or TBX-Basic, or flashcards for Anki or Quizlet.",
    ),
    Command(
        "import", "import_", "Compare a CSV, TBX or JSON file with terms/; apply it with --write."
    ),
    Command(
        "schema", "schema", "Print the term-file JSON Schema, or rewrite its committed copies."
    ),
)


def help_epilog(example: str, details: str = "") -> str:
    return (
        (textwrap.dedent(details).strip() + "\n\n" if details else "")
        + "Example:\n"
        + textwrap.indent(textwrap.dedent(example).strip(), "  ")
    )


class CommandParser(argparse.ArgumentParser):
    """A command's parser, completed from the command's module the first time it parses."""

    def __init__(self, *args: Any, module: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.module_name = f"{__name__}.{module}"
        self.module: ModuleType | None = None

    def load(self) -> ModuleType:
        if self.module is None:
            module = importlib.import_module(self.module_name)
            module.add_arguments(self)
            details = (
                module.details() if hasattr(module, "details") else getattr(module, "DETAILS", "")
            )
            self.epilog = help_epilog(module.EXAMPLE, details)
            self.set_defaults(run=module.run)
            self.module = module
        return self.module

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        module = self.load()
        parsed, extra = super().parse_known_args(args, namespace)
        if extra and hasattr(module, "take_extra"):
            extra = module.take_extra(parsed, extra)
        return parsed, extra


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glossary",
        description="Validate the Sales Glossary's term files and publish them as a site.",
        epilog=(
            "Example:\n  glossary check terms/\n\n"
            "Run 'glossary COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"glossary {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for command in COMMANDS:
        sub.add_parser(
            command.name,
            module=command.module,
            help=command.summary,
            description=command.summary,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    return parser
