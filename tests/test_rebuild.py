"""Rebuilding the site: MkDocs runs only for the languages whose inputs changed, the others
keep the previous site's folder (hard-linked into the new one), and what is site-wide
(root pages, sitemap, redirects, ``_headers``, URL manifest, search files) is made anew, so
that the result is the very site a clean build of the same inputs makes. Real builds of the
fixture project, real MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import make_site_project
from glossary.site import Project, build_site

SLUGS = {"en": "en", "ko": "ko", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs dates its own sitemaps with the day of the build: builds compared here are
    of the same day even when a test runs over midnight."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _differing(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """``diff -r``: the paths only one side has or that differ."""
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def _build(root: Path) -> tuple[set[str], list[str], set[str]]:
    result = build_site(Project(root), root / "site")
    assert result.ok, [run.output for run in result.runs if not run.ok]
    return result.rendered, sorted(run.lang for run in result.runs), result.reused


def _clean_build_of(root: Path, where: Path) -> dict[str, bytes]:
    """The site a first build of ``root``'s inputs makes, in a fresh project."""
    where.mkdir()
    shutil.copy(root / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(root / "site_src", where / "site_src")
    shutil.copytree(root / "terms", where / "terms")
    assert _build(where)[1] == sorted(SLUGS)
    return _files(where / "site")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_korean_edit_runs_mkdocs_for_korean_only_and_gives_a_clean_builds_site(
    tmp_path: Path,
) -> None:
    root = make_site_project(_folder(tmp_path / "project"))
    site = root / "site"
    assert _build(root) == (set(SLUGS), sorted(SLUGS), set())
    first = _files(site)
    inode = (site / "en" / "index.html").stat().st_ino

    assert _build(root) == (set(), [], set(SLUGS))  # nothing changed: nothing is done
    assert _differing(_files(site), first) == []

    _edit(
        root / "terms" / "churn-rate.yaml",
        "definition: 기간 초 고객 가운데",
        "definition: 어떤 기간의 초에 있던 고객 가운데",
    )
    assert _build(root) == ({"ko"}, ["ko"], {"en", "zh-Hans", "zh-Hant"})
    edited = _files(site)
    for lang, slug in SLUGS.items():
        mine = {name: data for name, data in edited.items() if name.startswith(f"{slug}/")}
        before = {name: data for name, data in first.items() if name.startswith(f"{slug}/")}
        if lang == "ko":
            assert "ko/terms/churn-rate/index.html" in _differing(mine, before)
        else:
            assert _differing(mine, before) == [], lang
    assert "어떤 기간의 초에 있던" in edited["ko/terms/churn-rate/index.html"].decode()
    assert (site / "en" / "index.html").stat().st_ino == inode  # lent: the same file
    assert _differing(edited, _clean_build_of(root, tmp_path / "clean")) == []


def test_site_wide_files_follow_a_change_that_no_language_rebuilds(tmp_path: Path) -> None:
    """Dropping a concept's old id (``replaces``) changes no page MkDocs makes: every
    folder is lent, and the old address's redirect page leaves the site with ``_redirects``
    and the URL manifest, as in a clean build."""
    root = make_site_project(_folder(tmp_path / "project"))
    site = root / "site"
    _build(root)
    assert (site / "en" / "terms" / "lead" / "index.html").is_file()
    _edit(root / "terms" / "sales-lead.yaml", "replaces: [lead]", "")
    assert _build(root)[1:] == ([], set(SLUGS))
    assert not (site / "en" / "terms" / "lead").exists()
    assert b"/terms/lead/" not in (site / "_redirects").read_bytes()
    assert _differing(_files(site), _clean_build_of(root, tmp_path / "clean")) == []


def test_a_change_to_the_stylesheet_or_an_override_rebuilds_every_language(
    tmp_path: Path,
) -> None:
    root = make_site_project(_folder(tmp_path / "project"))
    _build(root)
    css = root / "site_src" / "assets" / "glossary.css"
    css.write_text(css.read_text("utf-8") + "\n/* a change */\n", "utf-8")
    assert _build(root)[1:] == (sorted(SLUGS), set())
    assert (
        (root / "site" / "ko" / "assets" / "glossary.css")
        .read_text("utf-8")
        .endswith("/* a change */\n")
    )
    override = root / "site_src" / "overrides" / "main.html"
    override.write_text(override.read_text("utf-8") + "\n{# a change #}\n", "utf-8")
    assert _build(root)[1:] == (sorted(SLUGS), set())
    _edit(root / "site_src" / "ko" / "guide" / "editing.md", "\n", "\n\n")
    assert _build(root)[1:] == (["ko"], {"en", "zh-Hans", "zh-Hant"})


def test_a_failed_build_that_lent_folders_leaves_the_previous_site_intact(
    tmp_path: Path,
) -> None:
    """The lent files are the published site's own (hard links): a failed build must
    neither move nor change them, and leaves no staging folder."""
    root = make_site_project(_folder(tmp_path / "project"))
    site = root / "site"
    _build(root)
    published = _files(site)
    (root / "site_src" / "ko" / "broken.md").write_text(
        "# Broken\n\n[missing](nowhere.md)\n", "utf-8"
    )
    result = build_site(Project(root), site)
    assert not result.ok
    assert [run.lang for run in result.runs] == ["ko"] and result.reused == {
        "en",
        "zh-Hans",
        "zh-Hant",
    }
    assert _differing(_files(site), published) == []
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def test_a_rebuild_with_nothing_changed_reports_what_the_build_reported(tmp_path: Path) -> None:
    """The record keeps the check's report (warnings, their causes) exactly: a build that
    reads nothing new repeats it without checking again."""
    from glossary.pipeline import diagnostic_fields, load_glossary
    from glossary.reuse import SiteRecord, read_record, write_record

    checked = load_glossary([Path(__file__).parent / "fixtures" / "check" / "negative"])
    diagnostics = checked.report.diagnostics
    assert any(d.severity == "warning" for d in diagnostics)
    assert any(d.params for d in diagnostics) and any(d.after for d in diagnostics)
    site = _folder(tmp_path / "site")
    record = SiteRecord(
        "inputs", {}, {}, [], [], [list(diagnostic_fields(d)) for d in diagnostics], 3
    )
    write_record(tmp_path, site, record)
    again = read_record(tmp_path, site)
    assert again is not None and again.report_diagnostics() == diagnostics
    (site / "new").mkdir()  # the folder changed: no longer the site the record describes
    assert read_record(tmp_path, site) is None
