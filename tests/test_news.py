"""What's new (issue #18): the dates of changes come from git, one ``git log`` for every
term file; term pages say when they last changed, in the page language's date format; a
What's new page and an Atom feed per language list the recent changes; without a history
(a copy without .git, no git, a shallow clone) the build still succeeds and the page says
why; dates are the commits', so a rebuild of a commit is byte-identical, and a commit that
changes only the history still updates the pages of an incremental build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from browser import serve_directory
from conftest import GATES, ROOT, make_site_project
from glossary.config import load_config
from glossary.history import (
    NO_GIT,
    NO_REPOSITORY,
    SHALLOW,
    Change,
    History,
    load_history,
    parse_log,
)
from glossary.render import SiteSettings
from glossary.site import Project, build_site, generate, language_inputs
from glossary.ui import ui_strings

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SETTINGS = SiteSettings("https://glossary.example.com/", "")
SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(root: Path, *args: str, when: str | None = None) -> str:
    """Run git in ``root`` as a fixed author, committing at ``when`` (ISO 8601, UTC)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
        **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}),
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def touch(path: Path, note: str) -> None:
    """Change a term file without changing what it says (a YAML comment)."""
    path.write_text(path.read_text("utf-8") + f"# {note}\n", "utf-8")


def make_history(root: Path) -> Path:
    """The fixture project as a repository with a known history: everything but the
    retention rate committed on 1 September; the retention rate added on 20 November;
    on 28 November the churn rate changed twice and the sales lead once."""
    root.mkdir(exist_ok=True)
    make_site_project(root)
    retention = root / "terms" / "retention-rate.yaml"
    kept = retention.read_text("utf-8")
    retention.unlink()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Glossary", when="2026-09-01T10:00:00Z")
    retention.write_text(kept, "utf-8")
    git(root, "add", "terms")
    git(root, "commit", "-q", "-m", "Retention rate", when="2026-11-20T09:00:00Z")
    for concept, when in (
        ("churn-rate", "2026-11-28T08:00:00Z"),
        ("sales-lead", "2026-11-28T12:00:00Z"),
        ("churn-rate", "2026-11-28T17:30:00Z"),
    ):
        touch(root / "terms" / f"{concept}.yaml", when)
        git(root, "commit", "-q", "-am", f"{concept} reviewed", when=when)
    return root


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with its git history, built (the real pipeline and MkDocs)."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    root = make_history(tmp_path_factory.mktemp("history"))
    result = build_site(Project(root), root / "site", SETTINGS.site_url)
    assert result.ok, [run.output[-2000:] for run in result.runs if not run.ok]
    return root / "site"


# ------------------------------------------------------------------------ reading the log


def test_the_log_gives_each_files_changes_by_day_newest_first() -> None:
    log = "\n".join(
        [
            "\x1e1796479800",  # 2026-12-05T14:10:00Z
            "",
            "M\tchurn-rate.yaml",
            "A\tpaths/week-1.yaml",  # a learning path, not a concept
            "\x1e1796461200",  # 2026-12-05T09:00:00Z, the same day
            "",
            "M\tchurn-rate.yaml",
            "A\tlead.yaml",
            "\x1e1796000000",  # 2026-11-30
            "",
            "A\tchurn-rate.yaml",
            "D\tlead.yaml",  # an older file of the same name, deleted before it came back
            "\x1e1795000000",
            "",
            "A\tlead.yaml",
        ]
    )
    assert parse_log(log) == {
        "churn-rate": (
            Change("2026-12-05", "2026-12-05T14:10:00Z"),
            Change("2026-11-30", "2026-11-30T00:53:20Z", added=True),
        ),
        "lead": (Change("2026-12-05", "2026-12-05T09:00:00Z", added=True),),
    }


@needs_git
def test_the_history_of_every_file_takes_two_git_calls_and_well_under_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On the real glossary (its own repository): one log for all files, whatever their
    number, and a check whether the clone is shallow."""
    if load_history(ROOT / "terms").unavailable:
        pytest.skip("the repository's history is not available here (a copy without .git)")
    calls = []
    real = subprocess.run

    def counted(command, **kwargs):
        calls.append(command)
        return real(command, **kwargs)

    monkeypatch.setattr(subprocess, "run", counted)
    start = time.perf_counter()
    history = load_history(ROOT / "terms")
    seconds = time.perf_counter() - start
    files = len(list((ROOT / "terms").glob("*.yaml")))
    assert len(calls) == 2 and files > 200
    assert len(history.changes) >= files - 5  # all but files not committed yet
    assert seconds < 0.5, f"{seconds:.2f} s"


@needs_git
def test_a_shallow_clone_has_no_history_rather_than_wrong_dates(tmp_path: Path) -> None:
    source = make_history(tmp_path / "source")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", "shallow")
    assert load_history(tmp_path / "shallow" / "terms") == History(unavailable=SHALLOW)
    full = load_history(source / "terms")
    assert full.updated("annual-recurring-revenue") == Change(
        "2026-09-01", "2026-09-01T10:00:00Z", added=True
    )


def test_without_git_or_a_repository_there_is_no_history(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    assert load_history(tmp_path / "terms", git="no-such-git") == History(unavailable=NO_GIT)
    if shutil.which("git"):
        assert load_history(tmp_path / "terms") == History(unavailable=NO_REPOSITORY)


# ------------------------------------------------------------------------ the built site


@pytest.mark.parametrize(
    ("lang", "concept", "day", "shown"),
    [
        ("en", "churn-rate", "2026-11-28", "November 28, 2026"),
        ("ko", "churn-rate", "2026-11-28", "2026년 11월 28일"),
        ("zh-Hans", "retention-rate", "2026-11-20", "2026年11月20日"),
        ("zh-Hant", "annual-recurring-revenue", "2026-09-01", "2026年9月1日"),
    ],
)
def test_a_term_page_says_when_it_last_changed_as_its_language_writes_dates(
    history_site: Path, lang: str, concept: str, day: str, shown: str
) -> None:
    html = (history_site / SLUGS[lang] / "terms" / concept / "index.html").read_text("utf-8")
    label = ui_strings()[lang]["last_updated"]
    assert re.findall(r'<p class="gl-updated">.*?</p>', html) == [
        f'<p class="gl-updated"><span class="gl-label">{label}</span> '
        f'<time datetime="{day}">{shown}</time></p>'
    ]


def _news(site: Path, slug: str) -> str:
    html = (site / slug / "whats-new" / "index.html").read_text("utf-8")
    return html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]


def _days(article: str) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(day heading, [(kind heading, [linked concept ids])]) in the page's order."""
    days = []
    for part in re.split(r"<h2 id=\"d-", article)[1:]:
        heading = re.search(r'^[\d-]+">([^<]+)<', part).group(1)
        kinds = []
        for block in part.split('<h3 class="gl-news-kind">')[1:]:
            kind, _, rest = block.partition("</h3>")
            kinds.append((kind, re.findall(r'href="\.\./terms/([\w-]+)/"', rest)))
        days.append((heading, kinds))
    return days


def test_whats_new_lists_the_recent_changes_by_day_newest_first(history_site: Path) -> None:
    article = _news(history_site, "en")
    assert (
        "Concepts added or changed in the 30 days up to the latest change, on November 28, "
        "2026; newest first." in article
    )
    assert _days(article) == [
        ("November 28, 2026", [("Changed", ["churn-rate", "sales-lead"])]),
        ("November 20, 2026", [("Added", ["retention-rate"])]),
    ]  # 1 September is more than 30 days before: left out


def test_whats_new_speaks_the_pages_language(history_site: Path) -> None:
    article = _news(history_site, "ko")
    assert "마지막 변경일인 2026년 11월 28일까지 30일 동안" in article
    assert _days(article) == [
        ("2026년 11월 28일", [("수정된 개념", ["churn-rate", "sales-lead"])]),
        ("2026년 11월 20일", [("추가된 개념", ["retention-rate"])]),
    ]
    assert [day for day, _ in _days(_news(history_site, "zh-hant"))] == [
        "2026年11月28日",
        "2026年11月20日",
    ]


def _feed(site: Path, slug: str) -> ET.Element:
    return ET.fromstring((site / slug / "feed.xml").read_bytes())


@pytest.mark.parametrize("lang", list(SLUGS))
def test_the_atom_feed_has_what_atom_requires_in_the_pages_language(
    history_site: Path, lang: str
) -> None:
    slug, ui = SLUGS[lang], ui_strings()[lang]
    feed = _feed(history_site, slug)
    base = f"{SETTINGS.site_url}{slug}/"
    assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == lang
    assert feed.findtext(f"{ATOM}id") == f"{base}whats-new/"
    assert feed.findtext(f"{ATOM}title") == ui["news_feed_title"]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-28T17:30:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == ui["site_name"]
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{base}feed.xml", "alternate": f"{base}whats-new/"}
    entries = feed.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids)) == 3
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == ["2026-11-28T17:30:00Z", "2026-11-28T12:00:00Z", "2026-11-20T09:00:00Z"]
    for entry in entries:
        [link] = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("type") == "text/html"
        page = link.get("href").removeprefix(SETTINGS.site_url)
        assert (history_site / page / "index.html").is_file()
        assert entry.findtext(f"{ATOM}summary").strip()
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[2] == ui["news_added_entry"].format(term=_name(history_site, slug))
    assert titles[0].startswith(ui["news_changed_entry"].format(term=""))


def _name(site: Path, slug: str) -> str:
    html = (site / slug / "terms" / "retention-rate" / "index.html").read_text("utf-8")
    return re.search(r'<h1 id="term">([^<]+)<', html).group(1)


def test_the_feed_speaks_korean_on_the_korean_site(history_site: Path) -> None:
    entry = _feed(history_site, "ko").find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "수정: 고객 이탈률"
    assert entry.findtext(f"{ATOM}summary") == (
        "기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다."
    )


@pytest.mark.parametrize("page", ["index.html", "whats-new/index.html"])
def test_pages_offer_the_feed_in_their_head_and_the_news_page_links_it(
    history_site: Path, page: str
) -> None:
    html = (history_site / "zh-hans" / page).read_text("utf-8")
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'href="https://glossary.example.com/zh-hans/feed.xml" title="销售术语表：最近更新">'
    ) in head
    if page.startswith("whats-new"):
        assert '<a href="../feed.xml" type="application/atom+xml">用阅读器订阅这些更新</a>' in html


# ------------------------------------------------------------------------ without history


def test_a_copy_without_git_builds_and_says_why_it_shows_no_dates(built_site: Path) -> None:
    """The shared fixture site is built from a copy without .git (as from a tarball)."""
    site = built_site / "site"
    for lang, slug in SLUGS.items():
        ui = ui_strings()[lang]
        assert ui[f"news_unavailable_{NO_REPOSITORY}"] in _news(site, slug)
        assert not (site / slug / "feed.xml").exists()
        assert "application/atom+xml" not in (site / slug / "index.html").read_text("utf-8")
        term = (site / slug / "terms" / "churn-rate" / "index.html").read_text("utf-8")
        assert "gl-updated" not in term and ui["last_updated"] not in term
    assert "고객 유지율" not in _news(site, "ko")  # no list of concepts without dates


def test_without_git_the_build_still_makes_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site_project(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    generated = generate(Project(root), load_config(), SETTINGS)
    assert generated.ok and generated.rendered == set(SLUGS)
    page = (root / "build" / "docs" / "zh-hant" / "whats-new.md").read_text("utf-8")
    assert ui_strings()["zh-Hant"][f"news_unavailable_{NO_GIT}"] in page


# ------------------------------------------------------------------------ rebuilds


def _generated(root: Path) -> dict[str, bytes]:
    docs = root / "build" / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and p.suffix in (".md", ".xml")
    }


@needs_git
def test_a_commit_builds_byte_identical_pages_in_any_checkout(tmp_path: Path) -> None:
    """The dates are the commits': a fresh clone (new file times), built later, makes the
    same pages to the byte."""
    source = make_history(tmp_path / "source")
    first = generate(Project(source), load_config(), SETTINGS)
    time.sleep(1.1)  # a build that read the clock would now differ
    git(tmp_path, "clone", "-q", str(source), "clone")
    clone = tmp_path / "clone"
    second = generate(Project(clone), load_config(), SETTINGS)
    assert first.ok and second.ok
    pages = _generated(source)
    assert "en/feed.xml" in pages and "ko/whats-new.md" in pages
    assert pages == _generated(clone)


@needs_git
def test_a_commit_that_changes_only_the_history_updates_an_incremental_build(
    tmp_path: Path,
) -> None:
    root = make_history(tmp_path / "project")
    config, project = load_config(), Project(root)
    assert generate(project, config, SETTINGS).rendered == set(SLUGS)
    churn = root / "terms" / "churn-rate.yaml"
    touch(churn, "an edit not committed yet: what pages show is unchanged")
    assert generate(project, config, SETTINGS).rendered == frozenset()
    git(root, "commit", "-q", "-am", "churn rate reviewed", when="2026-12-02T10:00:00Z")
    again = generate(project, config, SETTINGS)
    assert again.rendered == set(SLUGS)  # the files say the same; only their dates moved
    docs = root / "build" / "docs"
    assert '<time datetime="2026-12-02">2026년 12월 2일</time>' in (
        docs / "ko" / "terms" / "churn-rate.md"
    ).read_text("utf-8")
    assert "## December 2, 2026 { #d-2026-12-02 }" in (docs / "en" / "whats-new.md").read_text(
        "utf-8"
    )


def test_the_history_is_part_of_every_languages_inputs() -> None:
    config = load_config()
    before = History({"lead": (Change("2026-11-28", "2026-11-28T08:00:00Z"),)})
    after = History({"lead": (Change("2026-12-02", "2026-12-02T08:00:00Z"),)})
    one = language_inputs({}, config, history=before)
    two = language_inputs({}, config, history=after)
    assert all(one[lang] != two[lang] for lang in config.language_tags)
    assert language_inputs({}, config, history=before) == one


# ------------------------------------------------------------------------ quality gates


@pytest.mark.gates
def test_whats_new_with_its_lists_and_dated_term_pages_are_valid_html(
    history_site: Path,
) -> None:
    """The gates' sample (test_gates.py) holds the What's new page of a build without
    history; this is the page with its lists, and a term page with its date."""
    jar = GATES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = [f"{slug}/{page}" for slug in SLUGS.values() for page in VALIDATED]
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", *pages],
        cwd=history_site,
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    assert [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"] == []


VALIDATED = ("whats-new/index.html", "terms/churn-rate/index.html", "index.html")


@pytest.mark.parametrize("lang", ["ko", "zh-Hans", "zh-Hant"])
def test_whats_new_with_its_lists_speaks_the_readers_language(
    browser, history_site: Path, lang: str
) -> None:
    from test_interface_language import _strings, problems

    context = browser.new_context(locale={"ko": "ko-KR"}.get(lang, "zh-TW"))
    try:
        page = context.new_page()
        with serve_directory(history_site) as url:
            page.goto(f"{url}{SLUGS[lang]}/whats-new/")
            assert page.locator(".gl-news-kind").count() == 2
            assert problems(_strings(page), lang) == []
    finally:
        context.close()
