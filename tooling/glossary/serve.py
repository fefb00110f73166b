"""``glossary serve``: build the site once, then rebuild what an edit changed and reload
the browser. Only changed pages are rewritten and MkDocs rebuilds only those (its
"dirty" mode), so an edited term shows up within about a second or two."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.livereload import LiveReloadServer

from glossary.config import load_config
from glossary.emit import read_base_config, site_settings, write_root
from glossary.messages import render_message
from glossary.render import lang_slug
from glossary.search import rewrite_index
from glossary.site import Inputs, Project, docs_dir, generate, prepare

log = logging.getLogger("glossary.serve")


def _build_languages(config_files: dict[str, Path], languages: set[str], dirty: bool) -> None:
    for lang, path in config_files.items():
        if lang in languages:
            mkdocs_build(load_mkdocs_config(config_file=str(path)), dirty=dirty)


def serve(root: Path, host: str, port: int) -> int:
    project = Project(root)
    config = load_config()
    settings = site_settings(read_base_config(project.base_config), f"http://{host}:{port}/")
    out = project.build / "serve"
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    # each rebuild is deliberately "dirty" (only changed pages): no need to warn every time
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: "'dirty' build" not in record.getMessage()
    )

    def rebuild(dirty: bool = True) -> bool:
        start = time.perf_counter()
        # the same record of inputs as glossary build: pages the preview wrote (with its
        # own site address) are not taken for the build's, and the other way round
        inputs = Inputs(project, config, settings)
        report, pages, changed, api = generate(
            project, config, settings, docs_dir(project), inputs.select
        )
        if report.exit_code() != 0:
            print(report.format_text(), file=sys.stderr)
            print(render_message("serve-kept", {}), file=sys.stderr)
            return False
        pages, api = inputs.record(pages, api)
        config_files = prepare(project, config, settings, out)
        languages = set(config.language_tags) if not dirty else changed
        _build_languages(config_files, languages, dirty)
        for lang in languages:
            rewrite_index(out / lang_slug(lang), docs_dir(project) / lang_slug(lang))
        write_root(out, config, settings, pages, api)
        log.info(render_message("serve-rebuilt", {"seconds": f"{time.perf_counter() - start:.2f}"}))
        return True

    out.mkdir(parents=True, exist_ok=True)
    rebuild(dirty=False)

    def rebuild_changed() -> None:
        rebuild()

    server = LiveReloadServer(
        builder=rebuild_changed, host=host, port=port, root=str(out), polling_interval=0.2
    )
    server.watch(str(project.terms))
    server.watch(str(project.site_src))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
