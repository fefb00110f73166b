"""cli: the ``glossary`` command. It parses the command line, hands it to the command's
module (``glossary.commands``) and turns an unexpected failure into one line, never a
traceback."""

from __future__ import annotations

import os
import sys

from glossary.commands import build_parser
from glossary.i18n import resolve_language, use_language


def run() -> None:
    """Console entry point: exit without tearing down a large loaded glossary object by
    object (that alone took seconds on 10,000 concepts)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    # messages follow the environment; a command whose --lang names the messages'
    # language (check, status, calc) switches to it
    use_language(resolve_language())
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # never a traceback for an editor
        print(
            f"glossary {args.command}: unexpected failure: {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return 1
