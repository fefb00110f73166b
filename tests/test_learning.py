"""Learning paths as data (issue #18): path files are found apart from term files, loaded
into ``LearningPath`` values in their order, handed to rendering as ``Linked.paths`` and
fingerprinted per language for the incremental build."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT
from glossary.config import load_config
from glossary.discover import discover, discover_files
from glossary.learning import reading_amount
from glossary.pipeline import load_glossary
from glossary.site import language_inputs

PATHS = FIXTURES / "paths"


def _with_path(project: Path, name: str = "keeping-customers.yaml") -> Path:
    folder = project / "terms" / "paths"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(PATHS / "positive" / name, folder / name))


def test_path_files_are_found_apart_from_term_files(project: Path) -> None:
    path = _with_path(project)
    found = discover_files([Path("terms")])
    assert found.paths == [Path("terms/paths/keeping-customers.yaml")]
    assert path.relative_to(project) not in found.terms
    assert len(found.terms) == 3
    assert discover([Path("terms")])[0] == found.terms  # term commands never see paths


def test_a_path_loads_into_values_in_its_order(project: Path) -> None:
    _with_path(project)
    checked = load_glossary([Path("terms")], want_concepts=True)
    assert checked.report.exit_code(strict=True) == 0, checked.report.format_text()
    assert checked.report.files == 4
    [path] = checked.paths.values()
    assert repr(path) == "LearningPath(id='keeping-customers', order=1, quiz_questions=5)"
    assert path.concepts == ("churn-rate", "retention-rate")
    assert path.text("ko", "en").title == "고객 유지"
    assert path.steps[1].why["zh-Hant"] == "再看它的反面：留下的客戶。"


def test_one_path_file_checks_against_the_terms_beside_its_folder(project: Path) -> None:
    _with_path(project)
    checked = load_glossary([Path("terms/paths/keeping-customers.yaml")])
    assert checked.report.files == 1
    assert checked.report.exit_code(strict=True) == 0, checked.report.format_text()
    assert list(checked.paths) == ["keeping-customers"]


def test_linked_glossary_carries_the_paths_in_order(project: Path) -> None:
    from glossary.link import link_glossary

    _with_path(project)
    second = project / "terms" / "paths" / "second.yaml"
    text = (PATHS / "positive" / "keeping-customers.yaml").read_text("utf-8")
    second.write_text(text.replace("id: keeping-customers", "id: second"), "utf-8")
    first = project / "terms" / "paths" / "keeping-customers.yaml"
    first.write_text(text.replace("order: 1", "order: 2"), "utf-8")
    checked = load_glossary([Path("terms")], want_concepts=True)
    assert list(checked.paths) == ["second", "keeping-customers"]
    from dataclasses import replace

    linked = replace(link_glossary(checked.concepts, load_config()), paths=checked.paths)
    assert [p.order for p in linked.paths.values()] == [1, 2]


def test_a_path_edit_changes_the_fingerprint_of_its_language_only(project: Path) -> None:
    path = _with_path(project)
    config = load_config()
    before = load_glossary([Path("terms")], want_concepts=True)
    prints = language_inputs(before.concepts, config, before.paths)
    assert prints != language_inputs(before.concepts, config)  # paths count
    path.write_text(
        path.read_text("utf-8").replace("먼저 잃은 고객부터 봅니다.", "먼저 떠난 고객을 봅니다."),
        "utf-8",
    )
    after = load_glossary([Path("terms")], want_concepts=True)
    changed = language_inputs(after.concepts, config, after.paths)
    assert [lang for lang in prints if prints[lang] != changed[lang]] == ["ko"]
    path.write_text(path.read_text("utf-8").replace("quiz:\n  questions: 5\n", ""), "utf-8")
    again = load_glossary([Path("terms")], want_concepts=True)
    assert all(
        v != changed[k] for k, v in language_inputs(again.concepts, config, again.paths).items()
    )


def test_reading_speed_counts_words_in_english_and_characters_in_cjk() -> None:
    assert reading_amount("one two three four", "Latn") == 4 / 200
    assert reading_amount("고객 이탈률", "Kore") == 5 / 500
    assert reading_amount("客户流失率", "Hans") == 5 / 255


def test_the_repository_paths_load() -> None:
    checked = load_glossary([ROOT / "terms"], want_concepts=True)
    for path in checked.paths.values():
        assert set(path.concepts) <= set(checked.concepts)
