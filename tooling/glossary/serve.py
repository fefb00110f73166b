"""``glossary serve``: build the site once, then rebuild what an edit changed and reload
the browser. Only changed pages are rewritten and MkDocs rebuilds only those (its
"dirty" mode), so an edited term shows up within about a second or two."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.livereload import LiveReloadServer

from glossary.config import load_config
from glossary.emit import read_base_config, site_settings
from glossary.messages import render_message
from glossary.site import Project, finish, generate, prepare

log = logging.getLogger("glossary.serve")


def _build_languages(config_files: dict[str, Path], languages: Iterable[str], dirty: bool) -> None:
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
        """The build's own steps (``site.generate``, ``prepare``, ``finish``) with MkDocs
        run in this process on the languages that changed, keeping unchanged pages."""
        start = time.perf_counter()
        # the same record of inputs as glossary build: pages the preview wrote (with its
        # own site address) are not taken for the build's, and the other way round
        generated = generate(project, config, settings)
        if not generated.ok:
            print(generated.report.format_text(), file=sys.stderr)
            print(render_message("serve-kept", {}), file=sys.stderr)
            return False
        config_files = prepare(project, config, settings, out)
        languages = set(config.language_tags) if not dirty else set(generated.changed)
        _build_languages(config_files, languages, dirty)
        finish(project, config, settings, out, generated, languages)
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
