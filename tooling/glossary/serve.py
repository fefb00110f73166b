"""``glossary serve``: build the site once (serving the previous preview meanwhile, if
there is one), then rebuild what an edit changed and reload the browser. Only changed
pages are rewritten and MkDocs rebuilds only those (its "dirty" mode), so an edited term
shows up within about a second or two."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.livereload import LiveReloadServer, _timestamp

from glossary.config import load_config
from glossary.emit import read_base_config, site_settings
from glossary.messages import MESSAGES, render_message
from glossary.reuse import forget_record
from glossary.site import BuildOptions, Project, build_site, finish, generate, prepare

log = logging.getLogger("glossary.serve")


def _build_languages(config_files: dict[str, Path], languages: Iterable[str], dirty: bool) -> None:
    for lang, path in config_files.items():
        if lang in languages:
            mkdocs_build(load_mkdocs_config(config_file=str(path)), dirty=dirty)


class _Server(LiveReloadServer):
    listening = threading.Event()  # replaced per server before it starts

    def server_activate(self) -> None:
        """Listening: the preview's address may be printed now."""
        super().server_activate()
        self.listening.set()

    def reload_browsers(self) -> None:
        """Make open pages reload: the site changed outside the server's own rebuilds
        (the first build, swapped in whole)."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()


class _Progress(logging.Handler):
    """Says which stage of the first build is running (``glossary.progress``)."""

    def emit(self, record: logging.LogRecord) -> None:
        code = f"serve-progress-{getattr(record, 'stage', '')}"
        if code in MESSAGES:
            print(render_message(code, {}), flush=True)


def _quiet_third_parties() -> None:
    """Only warnings from MkDocs and jieba. jieba sets its own logger to DEBUG, with a
    handler of its own, when Material's search plugin imports it: set it back after."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def serve(root: Path, host: str, port: int) -> int:
    project = Project(root)
    config = load_config()
    url = f"http://{host}:{port}/"
    base = read_base_config(project.base_config)
    settings = site_settings(base, url)
    out = project.build / "serve"
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    _quiet_third_parties()
    # each rebuild is deliberately "dirty" (only changed pages): no need to warn every time
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: "'dirty' build" not in record.getMessage()
    )
    building = threading.Lock()  # the first build and the rebuilds after an edit

    def first_build() -> bool:
        """The whole site, built aside (MkDocs runs the languages in parallel) and swapped
        in at once, as ``glossary build`` does: a previous preview stays served meanwhile."""
        start = time.perf_counter()
        progress = logging.getLogger("glossary.progress")
        handler = _Progress()
        progress.addHandler(handler)
        progress.setLevel(logging.DEBUG)
        progress.propagate = False
        try:
            with building:
                result = build_site(project, out, config=config, options=BuildOptions(url))
        finally:
            progress.removeHandler(handler)
        if not result.ok:
            print(result.report.format_text(), file=sys.stderr)
            if not result.report.diagnostics:
                for run in result.runs:
                    if not run.ok:
                        print(run.output, file=sys.stderr)
            kept = "serve-kept" if (out / "index.html").is_file() else "serve-failed"
            print(render_message(kept, {}), file=sys.stderr, flush=True)
            return False
        seconds = f"{time.perf_counter() - start:.1f}"
        print(render_message("serve-built", {"seconds": seconds}), flush=True)
        return True

    def rebuild() -> None:
        """The build's own steps (``site.generate``, ``prepare``, ``finish``) with MkDocs
        run in this process on the languages that changed, keeping unchanged pages."""
        start = time.perf_counter()
        with building:
            # the same record of inputs as glossary build: pages the preview wrote (with
            # its own site address) are not taken for the build's, and the other way round
            generated = generate(project, config, settings)
            if not generated.ok:
                print(generated.report.format_text(), file=sys.stderr)
                print(render_message("serve-kept", {}), file=sys.stderr, flush=True)
                return
            config_files = prepare(project, config, settings, out)
            forget_record(project.build, out)  # changed in place: no longer what it records
            _build_languages(config_files, generated.changed, dirty=True)
            finish(project, config, settings, out, generated, generated.changed)
        seconds = f"{time.perf_counter() - start:.2f}"
        log.info(render_message("serve-rebuilt", {"seconds": seconds}))

    server = _Server(builder=rebuild, host=host, port=port, root=str(out), polling_interval=0.2)
    server.watch(str(project.terms))
    server.watch(str(project.site_src))
    previous = (out / "index.html").is_file()
    if not previous:
        print(render_message("serve-building", {}), flush=True)
        first_build()
    thread = threading.Thread(target=server.serve, name="preview", daemon=True)
    try:
        server.listening = threading.Event()
        thread.start()
        server.listening.wait(30)
        kind = "serve-serving-previous" if previous else "serve-serving"
        print(render_message(kind, {"url": url}), flush=True)
        if previous and first_build():
            server.reload_browsers()
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
