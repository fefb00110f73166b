"""Shared fixtures: the repository root, fixture folders and a way to run the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# The workplace's shared material beside the clone (seed documents, official TBX-Basic
# files). A clone on its own has none: the tests that read it are skipped, saying why.
SHARED = ROOT.parent / "shared"
GATES = ROOT / "tests" / "gates" / "node_modules"
PREREQUISITES = {
    "gates": (
        lambda: GATES.is_dir() and shutil.which("java") is not None,
        "the quality checkers (npm ci --prefix tests/gates) and Java (apt-get install default-jre-headless)",
    ),
    "browser": (
        lambda: Path(CHROMIUM).exists(),
        "Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
    "node": (
        lambda: shutil.which("node") is not None,
        "Node.js 18 or newer (apt-get install nodejs)",
    ),
}


def shared_folder(*parts: str) -> Path:
    """A folder of the shared material, or a skip naming what is missing."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(
            f"needs {'/'.join(('..', 'shared', *parts))} beside the clone (not part of the repository)"
        )
    return folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite golden files from the current output instead of comparing",
    )
    parser.addoption(
        "--gates-site",
        type=Path,
        metavar="DIR",
        help="run the quality gates on this built site instead of building the real glossary",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stop at once, with one message, when a selected test needs a program that is not
    installed (rather than a traceback per test)."""
    for item in items:  # a test that drives the browser needs it, marked or not
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("browser")
    needed = {
        marker for item in items for marker in PREREQUISITES if item.get_closest_marker(marker)
    }
    missing = [PREREQUISITES[m][1] for m in sorted(needed) if not PREREQUISITES[m][0]()]
    if missing:
        pytest.exit(
            "The selected tests need programs that are not installed: "
            + "; ".join(missing)
            + ". .ci/run installs them on Debian; or deselect them with -m 'not browser and not node and not gates'.",
            returncode=4,
        )


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are pinned in English: tests never inherit the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder with a ``terms/`` holding the positive fixtures, as cwd."""
    terms = tmp_path / "terms"
    terms.mkdir()
    for path in (FIXTURES / "check" / "positive").glob("*.yaml"):
        shutil.copy(path, terms / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_glossary(
    root: Path, *args: str, env: dict | None = None, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run ``glossary`` as its own process in ``root``, as an editor does, capturing output."""
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def run_cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run ``glossary`` in this process (the real parser and pipeline) and capture output."""
    from glossary.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def make_site_project(target: Path) -> Path:
    """A small but complete project: the repository's mkdocs.yml and site_src, and the
    positive check fixtures plus the site fixtures as its terms."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", target / "site_src")
    terms = target / "terms"
    terms.mkdir()
    for folder in (FIXTURES / "check" / "positive", FIXTURES / "site" / "terms"):
        for path in folder.glob("*.yaml"):
            shutil.copy(path, terms / path.name)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once by ``glossary build`` (the real pipeline and MkDocs)."""
    root = make_site_project(tmp_path_factory.mktemp("site-project"))
    result = run_glossary(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"built 114 pages into site in \d+\.\d s\.\n", result.stdout), result.stdout
    return root


@pytest.fixture(scope="session")
def published_port() -> int:
    """The local port the published site is built for and served on."""
    from browser import free_port

    return free_port()


@pytest.fixture(scope="session")
def published_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, published_port: int
) -> Path:
    """The real glossary's site as it would be published, built once per run for the
    address it is served at here (canonical links and the sitemap then point at pages a
    checker can follow), or the site given with ``--gates-site``."""
    given = request.config.getoption("--gates-site")
    if given is not None:
        return given.resolve()
    from glossary.site import Project, build_site

    root = tmp_path_factory.mktemp("published")
    for name in ("terms", "site_src"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    url = f"http://127.0.0.1:{published_port}/"
    result = build_site(Project(root), root / "site", url)
    assert result.ok, [run.output[-2000:] for run in result.runs if not run.ok]
    return root / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built fixture site, served like a real host."""
    from browser import serve_directory

    with serve_directory(built_site / "site") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    """A fresh page; the test fails if the page throws a script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []
