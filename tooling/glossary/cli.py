"""cli: the ``glossary`` command, a thin shell over the pipeline."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from glossary import __version__
from glossary.config import load_config
from glossary.i18n import resolve_language, use_language
from glossary.messages import render_message
from glossary.pipeline import load_glossary

REPO_ROOT = Path(__file__).resolve().parents[2]


def _command(
    sub: argparse._SubParsersAction, name: str, summary: str, example: str, details: str = ""
) -> argparse.ArgumentParser:
    epilog = (
        (textwrap.dedent(details).strip() + "\n\n" if details else "")
        + "Example:\n"
        + textwrap.indent(textwrap.dedent(example).strip(), "  ")
    )
    return sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = _command(
        sub,
        "check",
        "Check term files and report every problem with its line.",
        """
        glossary check                      # every file in terms/
        glossary check terms/churn-rate.yaml --strict
        glossary check --format json > report.json""",
        """
        Exit status: 0 when clean, 1 when there are errors (or warnings with --strict),
        2 when the command itself is used wrongly (for example a path that does not exist).""",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="term files or folders (default: terms/)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    check.add_argument(
        "--verbose",
        action="store_true",
        help="show every schema failure, not only the most relevant one",
    )
    check.add_argument(
        "--lang",
        metavar="TAG",
        help="language of the messages: en, ko, zh-Hans or zh-Hant "
        "(default: from LC_ALL, LC_MESSAGES or LANG)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="re-read every file instead of reusing results for unchanged ones",
    )
    check.set_defaults(run=run_check)

    build = _command(
        sub,
        "build",
        "Build the four-language site into site/ (or --site-dir).",
        """
        glossary build
        glossary build --site-dir public --site-url https://glossary.example.com/""",
        """
        The site is built aside and swapped into place only when every language built
        cleanly, so a failed build leaves the previous site untouched. The generated
        Markdown and MkDocs configurations stay in build/ for inspection.""",
    )
    build.add_argument(
        "--site-dir",
        type=Path,
        default=Path("site"),
        metavar="DIR",
        help="where the finished site goes (default: site/)",
    )
    build.add_argument(
        "--site-url",
        metavar="URL",
        help="public address of the site, for canonical links and the sitemap "
        "(default: site_url in mkdocs.yml)",
    )
    build.set_defaults(run=run_build)

    serve = _command(
        sub,
        "serve",
        "Preview the site with live reload while you edit terms.",
        """
        glossary serve                      # then open http://127.0.0.1:8000/
        glossary serve --port 8001""",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.set_defaults(run=run_serve)

    calc = _command(
        sub,
        "calc",
        "Calculate a metric, or solve its formula for any input.",
        """
        glossary calc annual-contract-value tcv=100000 one_time_fees=0 contract_years=4
        glossary calc churn-rate --solve customers_lost result=8 customers_start=100 --lang ko
        glossary calc commission sales_amount=100000 commission_rate=15 --format json""",
        """
        Give every input as NAME=VALUE (and the result as result=VALUE when solving for an
        input). Percentages are typed as percentages (15 for 15%); grouping commas and
        fullwidth digits are accepted. Messages and number formats follow --lang.""",
    )
    calc.add_argument("concept", help="the metric's id, e.g. annual-contract-value")
    calc.add_argument("values", nargs="*", metavar="NAME=VALUE", help="input values")
    calc.add_argument(
        "--solve",
        default="result",
        metavar="NAME",
        help="what to calculate: result (default) or the name of an input",
    )
    calc.add_argument(
        "--lang", default=None, help="en, ko, zh-Hans or zh-Hant (default: from the environment)"
    )
    calc.add_argument(
        "--currency", default=None, help="currency to format money in (default: the language's)"
    )
    calc.add_argument("--format", choices=("text", "json"), default="text")
    calc.set_defaults(run=run_calc)

    from glossary import editing, exchange

    editing.register(sub, _command)
    exchange.register(sub, _command)

    schema = _command(
        sub,
        "schema",
        "Print the term-file JSON Schema, or rewrite its committed copies.",
        """
        glossary schema > term.schema.json
        glossary schema --write             # after editing config.toml or term-schema.yaml""",
    )
    schema.add_argument(
        "--write",
        action="store_true",
        help="write term.schema.json and the editors' reference page",
    )
    schema.set_defaults(run=run_schema)
    return parser


def run_check(args: argparse.Namespace) -> int:
    paths = args.paths or [Path("terms")]
    glossary = load_glossary(paths, verbose=args.verbose, use_cache=not args.no_cache)
    if glossary.missing:
        for path in glossary.missing:
            print(render_message("path-not-found", {"path": path}), file=sys.stderr)
        return 2
    report = glossary.report
    if report.files == 0:
        print(render_message("no-files", {"paths": ", ".join(map(str, paths))}), file=sys.stderr)
        return 2
    print(report.format_json() if args.format == "json" else report.format_text())
    return report.exit_code(strict=args.strict)


def run_build(args: argparse.Namespace) -> int:
    from glossary.site import Project, build_site

    project = Project(Path.cwd())
    if not project.terms.is_dir():
        print(render_message("path-not-found", {"path": project.terms}), file=sys.stderr)
        return 2
    result = build_site(project, args.site_dir, args.site_url)
    if result.report.diagnostics or not result.pages:
        print(result.report.format_text(), file=sys.stderr)
    for run in result.runs:
        if not run.ok:
            print(f"mkdocs ({run.lang}) failed:\n{run.output}", file=sys.stderr)
    if not result.ok:
        print(render_message("build-failed", {"site": args.site_dir}), file=sys.stderr)
        return 1
    print(
        render_message(
            "build-done",
            {
                "pages": len(result.pages),
                "site": args.site_dir,
                "seconds": f"{result.generate_seconds + result.mkdocs_seconds:.1f}",
            },
        )
    )
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from glossary.serve import serve

    return serve(Path.cwd(), args.host, args.port)


def run_calc(args: argparse.Namespace) -> int:
    import json

    from glossary.formula.calculate import calculate, describe
    from glossary.formula.metric import RESULT, build_metric
    from glossary.pipeline import load_glossary

    lang = resolve_language(args.lang)
    path = Path("terms") / f"{args.concept}.yaml"
    glossary = (
        load_glossary([path], want_concepts=True, use_cache=False) if path.is_file() else None
    )
    concept = glossary.concepts.get(args.concept) if glossary else None
    if concept is None or not concept.formula:
        print(render_message("calc-unknown-metric", {"concept": args.concept}), file=sys.stderr)
        return 2
    metric = build_metric(concept.id, dict(concept.formula))
    names = [i["name"] for i in metric.inputs] + [RESULT]
    typed = {}
    for item in args.values:
        name, sep, value = item.partition("=")
        if not sep or name not in names:
            print(
                render_message("calc-bad-value", {"value": item, "names": ", ".join(names)}),
                file=sys.stderr,
            )
            return 2
        typed[name] = value
    if args.solve != RESULT and args.solve not in metric.inverses:
        print(
            render_message(
                "calc-cannot-solve",
                {"name": args.solve, "names": ", ".join([RESULT, *metric.inverses])},
            ),
            file=sys.stderr,
        )
        return 2
    entry = concept.entry(lang) or concept.entry("en")
    label = entry.preferred.term + (
        f" ({entry.abbreviations[0].term})" if entry.abbreviations else ""
    )
    outcome = calculate(metric, lang, typed, args.solve, label, args.currency)
    if outcome.error:
        print(
            json.dumps({"error": outcome.error}, ensure_ascii=False)
            if args.format == "json"
            else outcome.error,
            file=sys.stdout if args.format == "json" else sys.stderr,
        )
        return 1
    result = describe(metric, outcome, lang, args.solve, label, args.currency)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"{result['label']} = {result['formatted']}\n{result['formula']}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from glossary.schema import build_schema, expected_files, format_schema_json

    config = load_config()
    if not args.write:
        sys.stdout.write(format_schema_json(build_schema(config)))
        return 0
    for path, content in expected_files(REPO_ROOT, config).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


def run() -> None:
    """Console entry point: exit without tearing down a large loaded glossary object by
    object (that alone took seconds on 10,000 concepts)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if (
        extra
        and getattr(args, "command", None) == "calc"
        and all("=" in e and not e.startswith("-") for e in extra)
    ):
        args.values = [*args.values, *extra]  # NAME=VALUE pairs may follow options
    elif extra:
        parser.error("unrecognized arguments: " + " ".join(extra))
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    # --lang chooses the language messages are shown in for these commands; for others it
    # names content (review) and the environment decides
    requested = getattr(args, "lang", None) if args.command in ("check", "status", "calc") else None
    use_language(resolve_language(requested if isinstance(requested, str) else None))
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
