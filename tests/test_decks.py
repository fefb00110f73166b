"""Flashcard decks (issue #18, part 4): ``glossary export --format anki, apkg, quizlet``,
read back as Anki reads them (the text file's headers and columns, the package's SQLite
collection) and imported by Anki's own importer (the ``anki`` package), on the fixture
project and on the real glossary; and the decks a site build makes and links."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from genanki import guid_for

from conftest import FIXTURES, ROOT, make_site_project, run_cli, run_glossary
from glossary.decks import deck_stem
from glossary.exchange.anki import MODEL_CHANGED, MODEL_ID
from glossary.exchange.cards import MASK, deck_id, mask_names
from glossary.model import Designation

GOLDEN = FIXTURES / "decks"
HEADERS = ("separator", "html", "notetype", "deck", "tags column", "deck column", "guid column")


def _export(capsys, *options: str, output: str = "deck.out") -> bytes:
    code, out, err = run_cli(capsys, "export", "--output", output, *options)
    assert (code, out) == (0, ""), err
    return Path(output).read_bytes()


def parse_anki(data: bytes) -> tuple[dict[str, str], list[list[str]]]:
    """The headers and the rows of an Anki text file, as Anki's importer splits them."""
    text = data.decode("utf-8")
    assert not text.startswith("\ufeff")  # a byte order mark would hide the first header
    lines = text.split("\n")
    assert lines.pop() == ""
    headers = {}
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        headers[key] = value
    return headers, [line.split("\t") for line in lines]


def _rows(capsys, *options: str, output: str = "deck.out") -> dict[str, list[str]]:
    """GUID → row of the Anki text export."""
    _, rows = parse_anki(_export(capsys, *options, output=output))
    return {row[4]: row for row in rows}


# --- the Anki text file --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang", "suffix"),
    [("anki", "en", "txt"), ("anki", "ko", "txt"), ("quizlet", "zh-Hant", "tsv")],
)
def test_deck_matches_its_golden_file(
    fmt: str, lang: str, suffix: str, project: Path, capsys, update_goldens: bool
) -> None:
    data = _export(capsys, "--format", fmt, "--lang", lang)
    golden = GOLDEN / f"project-{lang}.{suffix}"
    if update_goldens:
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_the_headers_preset_note_type_deck_and_columns(project: Path, capsys) -> None:
    headers, rows = parse_anki(_export(capsys, "--format", "anki", "--lang", "ko"))
    assert headers == {
        "separator": "tab",
        "html": "true",
        "notetype": "Basic",
        "deck": "세일즈 용어집",
        "tags column": "3",
        "deck column": "4",
        "guid column": "5",
    }
    assert tuple(headers) == HEADERS
    assert {len(row) for row in rows} == {5}
    assert {row[3] for row in rows} == {"세일즈 용어집"}


def test_each_concept_gives_its_cards_with_guids_from_id_language_and_kind(
    project: Path, capsys
) -> None:
    rows = _rows(capsys, "--format", "anki", "--lang", "ko")
    kinds = ("term", "definition", "to-source", "from-source")
    expected = {
        guid_for(concept, "ko", kind): concept
        for concept in ("churn-rate", "retention-rate", "script-in-definition")
        for kind in kinds
    }
    assert rows.keys() == expected.keys()
    churn = {kind: rows[guid_for("churn-rate", "ko", kind)][:3] for kind in kinds}
    tags = "glossary::category::metrics glossary::tag::saas glossary::tag::retention"
    assert churn == {
        "term": ["고객 이탈률", "기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다.", tags],
        "definition": [
            "기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다.",
            "고객 이탈률",
            tags,
        ],
        "to-source": ["고객 이탈률", "customer churn rate", tags],
        "from-source": ["customer churn rate", "고객 이탈률", tags],
    }
    english = _rows(capsys, "--format", "anki", "--lang", "en", output="en.txt")
    assert len(english) == 6  # English has no cards to or from itself


def test_a_term_never_injects_html(project: Path, capsys) -> None:
    data = _export(capsys, "--format", "anki")
    rows = {row[4]: row for row in parse_anki(data)[1]}
    term = rows[guid_for("script-in-definition", "en", "term")]
    assert term[:2] == [
        "&lt;b&gt;markup&lt;/b&gt; term",
        "Text may contain &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; other markup; "
        "it is kept as text and escaped when published.",
    ]
    assert set(re.findall(r"<[^>]*>", data.decode())) == set()


def test_guids_stay_across_runs_and_an_edit_of_another_concept(project: Path, capsys) -> None:
    first = _rows(capsys, "--format", "anki", "--lang", "zh-Hans")
    assert _rows(capsys, "--format", "anki", "--lang", "zh-Hans") == first
    term = project / "terms" / "retention-rate.yaml"
    term.write_text(
        term.read_text("utf-8").replace("期初客户中到期末仍是客户的比例。", "期末仍是客户的比例。"),
        "utf-8",
    )
    edited = _rows(capsys, "--format", "anki", "--lang", "zh-Hans")
    assert edited.keys() == first.keys()
    changed = sorted(guid for guid in first if edited[guid] != first[guid])
    assert changed == sorted(
        guid_for("retention-rate", "zh-Hans", k) for k in ("term", "definition")
    )


def test_a_definition_does_not_give_its_term_away() -> None:
    names = [
        Designation("churn rate", "preferred"),
        Designation("CAC", "admitted", "acronym"),
        Designation("need", "admitted", link="never"),
        Designation("고객 이탈률", "preferred"),
        Designation("이탈률", "admitted"),
    ]
    assert mask_names("Churn rates differ; CAC, not cac or CACTUS, is the need.", names) == (
        f"{MASK} differ; {MASK}, not cac or CACTUS, is the need."
    )
    assert mask_names("고객 이탈률은 월 2%입니다. 이탈률이 오르면", names) == (
        f"{MASK}은 월 2%입니다. {MASK}이 오르면"
    )


# --- Anki's own importer ---------------------------------------------------------------


@pytest.fixture
def collection(tmp_path: Path):
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def _note(col: Collection, guid: str):
    return col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", guid))


def _import_text(col: Collection, path: Path):
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def test_anki_imports_the_text_file_into_its_deck_and_updates_it(
    project: Path, capsys, collection: Collection
) -> None:
    path = project / "ko.txt"
    _export(capsys, "--format", "anki", "--lang", "ko", output=str(path))
    log = _import_text(collection, path)
    assert (len(log.new), len(log.updated)) == (12, 0)
    assert "세일즈 용어집" in {deck.name for deck in collection.decks.all_names_and_ids()}
    note = _note(collection, guid_for("churn-rate", "ko", "term"))
    assert note.fields == ["고객 이탈률", "기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다."]
    assert note.note_type()["name"] == "Basic"
    assert sorted(note.tags) == [
        "glossary::category::metrics",
        "glossary::tag::retention",
        "glossary::tag::saas",
    ]
    term = project / "terms" / "churn-rate.yaml"
    term.write_text(term.read_text("utf-8").replace("해지한 고객의", "떠난 고객의"), "utf-8")
    _export(capsys, "--format", "anki", "--lang", "ko", output=str(path))
    log = _import_text(collection, path)
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 2, 10)
    assert collection.note_count() == 12


# --- the Anki package ------------------------------------------------------------------


def _collection_of(package: bytes, tmp_path: Path) -> sqlite3.Connection:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "package.apkg"
    path.write_bytes(package)
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(tmp_path / "collection.anki2")


def test_the_package_holds_the_notes_of_the_text_file(
    project: Path, capsys, tmp_path: Path
) -> None:
    options = ("--lang", "ko", "--category", "metrics")
    package = _export(capsys, "--format", "apkg", *options, output="m.apkg")
    assert _export(capsys, "--format", "apkg", *options, output="again.apkg") == package
    text = _rows(capsys, "--format", "anki", *options)
    db = _collection_of(package, tmp_path)
    notes = {
        guid: (mid, mod, tags.split(), fields.split("\x1f"))
        for guid, mid, mod, tags, fields in db.execute(
            "SELECT guid, mid, mod, tags, flds FROM notes"
        )
    }
    assert notes.keys() == text.keys() and len(notes) == 8
    for guid, (mid, mod, tags, fields) in notes.items():
        assert (mid, mod, fields, tags) == (
            MODEL_ID,
            MODEL_CHANGED,
            text[guid][:2],
            text[guid][2].split(),
        )
    models, decks = (json.loads(v) for v in db.execute("SELECT models, decks FROM col").fetchone())
    assert list(models) == [str(MODEL_ID)]
    assert [f["name"] for f in models[str(MODEL_ID)]["flds"]] == ["Front", "Back"]
    deck = decks[str(deck_id("ko", "metrics"))]
    assert deck["name"] == "세일즈 용어집::지표" == text[next(iter(text))][3]
    assert db.execute("SELECT DISTINCT did FROM cards").fetchall() == [(deck["id"],)]
    assert db.execute("SELECT count(*) FROM cards").fetchone() == (8,)


def _git(project: Path, *args: str, when: int) -> None:
    stamp = f"{when} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_anki_updates_a_note_whose_concept_changed_in_a_newer_package(
    project: Path, capsys, tmp_path: Path, collection: Collection
) -> None:
    """A note carries the time its term file was last committed, so a package made after
    a change is newer than the copy in the collection for that concept's notes only."""
    _git(project, "init", "-q", when=0)
    _git(project, "add", "terms", when=0)
    _git(project, "commit", "-qm", "terms", when=1_800_000_000)
    first = project / "first.apkg"
    _export(capsys, "--format", "apkg", "--lang", "ko", output=str(first))
    db = _collection_of(first.read_bytes(), tmp_path / "read")
    assert {mod for (mod,) in db.execute("SELECT mod FROM notes")} == {1_800_000_000}

    def imported(path: Path):
        request = ImportAnkiPackageRequest(
            package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False)
        )
        return collection.import_anki_package(request).log

    log = imported(first)
    assert (len(log.new), len(log.updated)) == (12, 0)
    term = project / "terms" / "churn-rate.yaml"
    term.write_text(term.read_text("utf-8").replace("해지한 고객의", "떠난 고객의"), "utf-8")
    _git(project, "commit", "-qam", "churn", when=1_800_000_100)
    second = project / "second.apkg"
    _export(capsys, "--format", "apkg", "--lang", "ko", output=str(second))
    log = imported(second)
    assert (len(log.new), len(log.updated)) == (0, 4)
    assert collection.note_count() == 12
    note = _note(collection, guid_for("churn-rate", "ko", "term"))
    assert note.fields[1] == "기간 초 고객 가운데 그 기간에 떠난 고객의 비율입니다."


# --- Quizlet ---------------------------------------------------------------------------


def test_quizlet_gets_one_line_per_concept_without_tabs_or_breaks_inside(
    project: Path, capsys
) -> None:
    term = project / "terms" / "retention-rate.yaml"
    term.write_text(
        term.read_text("utf-8").replace(
            "  definition: The share of customers at the start of a period who are still customers at its end.",
            '  definition: "The share of customers\\tat the start\\nof a period who stay."',
        ),
        "utf-8",
    )
    lines = _export(capsys, "--format", "quizlet").decode("utf-8").split("\n")
    assert lines.pop() == ""
    assert [line.count("\t") for line in lines] == [1, 1, 1]
    assert (
        "customer retention rate\tThe share of customers at the start of a period who stay."
        in lines
    )


# --- learning paths --------------------------------------------------------------------


@pytest.fixture
def with_path(project: Path) -> Path:
    """The fixture project with a learning path (retention after churn)."""
    (project / "terms" / "paths").mkdir()
    shutil.copy(
        FIXTURES / "paths" / "positive" / "keeping-customers.yaml",
        project / "terms" / "paths" / "keeping-customers.yaml",
    )
    return project


def test_a_paths_deck_holds_its_steps_in_order_with_the_same_guids(with_path: Path, capsys) -> None:
    headers, rows = parse_anki(
        _export(capsys, "--format", "anki", "--lang", "zh-Hant", "--path", "keeping-customers")
    )
    assert headers["deck"] == "銷售術語表::留住客戶"
    assert [row[0] for row in rows][::4] == ["客戶流失率", "客戶留存率"]  # the steps' order
    everything = _rows(capsys, "--format", "anki", "--lang", "zh-Hant", output="all.txt")
    assert {row[4] for row in rows} <= everything.keys()  # one note, whichever deck brings it
    code, out, err = run_cli(
        capsys, "export", "--format", "anki", "--path", "keeping-customer", "--output", "x"
    )
    assert (code, out, err) == (
        2,
        "",
        "'keeping-customer' is not a learning path (a file in terms/paths/). "
        "Did you mean 'keeping-customers'?\n",
    )


# --- the command line ------------------------------------------------------------------


def test_export_says_what_it_wrote(project: Path, capsys) -> None:
    code, out, err = run_cli(
        capsys, "export", "--format", "apkg", "--lang", "zh-hant", "--output", "t.apkg"
    )
    assert (code, out, err) == (0, "", "wrote 12 card(s) from 3 concept(s) to t.apkg.\n")
    code, out, err = run_cli(capsys, "export", "--format", "quizlet", "--output", "q.tsv")
    assert (code, out, err) == (0, "", "wrote 3 card(s) from 3 concept(s) to q.tsv.\n")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ("--format", "anki", "--lang", "fr"),
            "'fr' is not one of the glossary's languages. Use one of: en, ko, zh-Hans, zh-Hant.\n",
        ),
        (
            ("--format", "anki", "--category", "metric"),
            "'metric' is not a category of the glossary. Did you mean 'metrics'?\n",
        ),
        (
            ("--format", "quizlet", "--category", "x"),
            "'x' is not a category of the glossary. Use one of: metrics, leads, process, "
            "methodology, roles, marketing, crm, deals, customer-success, business.\n",
        ),
        (
            ("--format", "csv", "--category", "metrics"),
            "--category is for --format anki, apkg or quizlet; csv always holds every concept.\n",
        ),
        (
            ("--format", "json", "--path", "week-1"),
            "--path is for --format anki, apkg or quizlet; json always holds every concept.\n",
        ),
        (
            ("--format", "apkg", "--path", "week-1"),
            "'week-1' is not a learning path (a file in terms/paths/).\n",
        ),
        (
            ("--format", "tbx", "--lang", "ko"),
            "--lang is for --format anki, apkg or quizlet; tbx always holds every concept.\n",
        ),
    ],
)
def test_a_wrong_deck_option_is_one_line_saying_what_to_use(
    project: Path, capsys, options: tuple[str, ...], message: str
) -> None:
    assert run_cli(capsys, "export", *options) == (2, "", message)


def test_a_deck_with_no_card_exports_nothing(project: Path, capsys) -> None:
    assert run_cli(capsys, "export", "--format", "anki", "--category", "roles") == (
        1,
        "",
        "nothing was exported: no concept in 'roles' has both a term and a definition in en.\n",
    )


def test_a_package_is_not_written_to_a_terminal(project: Path) -> None:
    import pty

    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tooling"), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [os.sys.executable, "-m", "glossary", "export", "--format", "apkg"],
        cwd=project,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        timeout=120,
    )
    os.close(terminal)
    os.close(controller)
    assert (done.returncode, done.stderr) == (
        2,
        "an Anki package is a binary file; write it to a file with --output FILE.apkg.\n",
    )


def test_deck_messages_speak_the_readers_language(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tooling"), "LANG": "ko_KR.UTF-8"}
    done = run_glossary(project, "export", "--format", "anki", "--category", "metric", env=env)
    assert (done.returncode, done.stderr) == (
        2,
        "'metric'은(는) 이 용어집의 분류가 아닙니다. 'metrics'을(를) 입력하려고 하셨나요?\n",
    )


# --- the real glossary -----------------------------------------------------------------


def test_the_real_glossary_exports_a_deck_per_language(tmp_path: Path) -> None:
    concepts = len(list((ROOT / "terms").glob("*.yaml")))
    for lang in ("en", "ko", "zh-Hans", "zh-Hant"):
        text = tmp_path / f"{lang}.txt"
        done = run_glossary(
            ROOT, "export", "--format", "anki", "--lang", lang, "--output", str(text)
        )
        assert done.returncode == 0, done.stderr
        cards, studied = re.fullmatch(
            rf"wrote (\d+) card\(s\) from (\d+) concept\(s\) to {re.escape(str(text))}\.\n",
            done.stderr,
        ).groups()
        headers, rows = parse_anki(text.read_bytes())
        assert tuple(headers) == HEADERS
        assert {len(row) for row in rows} == {5}
        assert len({row[4] for row in rows}) == len(rows) == int(cards)
        assert int(studied) == concepts  # every concept is complete in every language
        assert not any(re.search(r"<(?!br>)", row[0] + row[1]) for row in rows)
        quizlet = tmp_path / f"{lang}.tsv"
        done = run_glossary(
            ROOT, "export", "--format", "quizlet", "--lang", lang, "--output", str(quizlet)
        )
        lines = quizlet.read_text("utf-8").splitlines()
        assert len(lines) == concepts and all(line.count("\t") == 1 for line in lines)
    week = tmp_path / "week-1.txt"
    done = run_glossary(
        ROOT,
        "export",
        "--format",
        "anki",
        "--lang",
        "ko",
        "--path",
        "week-1",
        "--output",
        str(week),
    )
    assert done.returncode == 0, done.stderr
    headers, rows = parse_anki(week.read_bytes())
    assert headers["deck"] == "세일즈 용어집::입사 첫 주"
    assert [row[0] for row in rows[:8:4]] == ["리드", "영업 기회"]


# --- the site --------------------------------------------------------------------------


def test_the_site_links_each_categorys_decks_and_serves_them(built_site: Path) -> None:
    site = built_site / "site"
    page = (site / "ko" / "categories" / "metrics" / "index.html").read_text("utf-8")
    stem = deck_stem("ko", "metrics")
    assert (
        '<p class="gl-decks">이 분류를 플래시카드로 익히기: '
        f'<a href="../../decks/{stem}.apkg" download>Anki 덱(.apkg)</a> · '
        f'<a href="../../decks/{stem}.txt" download>Anki 가져오기용 텍스트(.txt)</a> · '
        f'<a href="../../decks/{stem}.tsv" download>Quizlet 가져오기용 텍스트(.tsv)</a></p>'
    ) in page
    overview = (site / "zh-hant" / "categories" / "index.html").read_text("utf-8")
    assert f'<a href="../decks/{deck_stem("zh-Hant", "all")}.apkg" download>' in overview
    assert "gl-decks" not in (site / "en" / "tags" / "index.html").read_text("utf-8")
    for lang, slug in (("en", "en"), ("ko", "ko"), ("zh-Hans", "zh-hans"), ("zh-Hant", "zh-hant")):
        names = sorted(p.name for p in (site / slug / "decks").iterdir())
        assert names == sorted(
            f"{deck_stem(lang, scope)}.{suffix}"
            for scope in ("all", "crm", "leads", "metrics")
            for suffix in ("apkg", "txt", "tsv")
        )
    headers, rows = parse_anki((site / "ko" / "decks" / f"{stem}.txt").read_bytes())
    assert headers["deck"] == "세일즈 용어집::지표" and len(rows) == 12
    with zipfile.ZipFile(site / "ko" / "decks" / f"{stem}.apkg") as archive:
        assert archive.namelist() == ["collection.anki2", "media"]


def test_decks_are_made_again_only_for_the_languages_an_edit_changes(tmp_path: Path) -> None:
    from glossary.config import load_config
    from glossary.emit import read_base_config, site_settings
    from glossary.site import Project, docs_dir, generate

    project = Project(make_site_project(tmp_path))
    settings = site_settings(read_base_config(project.base_config))
    decks = docs_dir(project)

    def stamps() -> dict[str, int]:
        return {
            p.relative_to(decks).as_posix(): p.stat().st_mtime_ns for p in decks.glob("*/decks/*")
        }

    assert generate(project, load_config(), settings).rendered == {"en", "ko", "zh-Hans", "zh-Hant"}
    first = stamps()
    assert len(first) == 4 * 4 * 3
    assert generate(project, load_config(), settings).rendered == frozenset()
    assert stamps() == first
    term = project.terms / "churn-rate.yaml"
    term.write_text(term.read_text("utf-8").replace("해지한 고객의", "떠난 고객의"), "utf-8")
    assert generate(project, load_config(), settings).rendered == {"ko"}
    changed = sorted(name for name, ns in stamps().items() if ns != first[name])
    assert changed == [
        f"ko/decks/{deck_stem('ko', scope)}.{suffix}"
        for scope in ("all", "metrics")
        for suffix in ("apkg", "tsv", "txt")
    ]
    text = (decks / "ko" / "decks" / f"{deck_stem('ko', 'metrics')}.txt").read_text("utf-8")
    assert "떠난 고객의" in text


def test_a_path_page_links_its_decks(tmp_path: Path) -> None:
    from glossary.config import load_config
    from glossary.emit import read_base_config, site_settings
    from glossary.site import Project, docs_dir, generate

    root = make_site_project(tmp_path)
    (root / "terms" / "paths").mkdir()
    shutil.copy(
        FIXTURES / "paths" / "positive" / "keeping-customers.yaml", root / "terms" / "paths"
    )
    project = Project(root)
    assert generate(project, load_config(), site_settings(read_base_config(project.base_config))).ok
    docs = docs_dir(project) / "ko"
    page = (docs / "paths" / "keeping-customers.md").read_text("utf-8")
    stem = deck_stem("ko", "path-keeping-customers")
    assert (
        '<p class="gl-decks">이 학습 경로를 플래시카드로 익히기: '
        f'<a href="../../decks/{stem}.apkg" download>Anki 덱(.apkg)</a>'
    ) in page
    for suffix in ("apkg", "txt", "tsv"):
        assert (docs / "decks" / f"{stem}.{suffix}").is_file()
    headers, rows = parse_anki((docs / "decks" / f"{stem}.txt").read_bytes())
    assert headers["deck"] == "세일즈 용어집::고객 유지" and len(rows) == 8
