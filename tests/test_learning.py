"""Learning paths as data (issue #18): path files are found apart from term files, loaded
into ``LearningPath`` values in their order, handed to rendering as ``Linked.paths`` and
fingerprinted per language for the incremental build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli
from glossary.config import load_config
from glossary.discover import discover, discover_files
from glossary.learning import reading_amount
from glossary.pipeline import load_glossary
from glossary.site import language_inputs

PATHS = FIXTURES / "paths"
NEGATIVE = PATHS / "negative"
# a folder is a case of its own: its files are checked together
CASES = sorted(
    p.stem if p.is_file() else p.name for p in NEGATIVE.iterdir() if p.suffix != ".expected"
)


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


@pytest.mark.parametrize("case", CASES)
def test_bad_path_file(case: str, project: Path, capsys, update_goldens: bool) -> None:
    """Real path files with mistakes give exactly the diagnostics written beside them
    (``<case>.expected``; regenerate with ``pytest --update-goldens``)."""
    source = NEGATIVE / case
    files = sorted(source.glob("*.yaml")) if source.is_dir() else [NEGATIVE / f"{case}.yaml"]
    folder = project / "terms" / "paths"
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    code, out, err = run_cli(capsys, "check", *(f"terms/paths/{p.name}" for p in files))
    expected = (source / "expected.txt") if source.is_dir() else NEGATIVE / f"{case}.expected"
    if update_goldens:
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")
    assert code == (1 if "error[" in out else 0)
    assert "Traceback" not in out + err


def test_checking_terms_checks_their_paths_too(project: Path, capsys) -> None:
    folder = project / "terms" / "paths"
    folder.mkdir()
    shutil.copy(NEGATIVE / "empty-steps.yaml", folder / "empty-steps.yaml")
    code, out, _ = run_cli(capsys, "check", "terms")
    assert code == 1
    assert out.splitlines() == [
        "terms/paths/empty-steps.yaml:16:8: error[path-no-steps]: steps: the path has no steps. "
        "List its concepts in reading order, each as '- concept: <concept id>'.",
        "4 file(s) checked: 1 error(s), 0 warning(s).",
    ]
    code, out, _ = run_cli(capsys, "check", "terms/churn-rate.yaml")
    assert code == 0  # a term file alone: its paths are not in scope


def test_path_messages_speak_the_readers_language(project: Path, capsys) -> None:
    folder = project / "terms" / "paths"
    folder.mkdir()
    shutil.copy(NEGATIVE / "missing-language.yaml", folder / "missing-language.yaml")
    _, out, _ = run_cli(capsys, "check", "--lang", "ko", "terms/paths/missing-language.yaml")
    assert out.splitlines()[:2] == [
        "terms/paths/missing-language.yaml:2:1: error[path-missing-language]: 학습 경로에 zh-Hant "
        "제목과 목적이 없습니다. 'zh-Hant:' 섹션을 추가하고 'title:'과 'purpose:'를 작성하세요.",
        "terms/paths/missing-language.yaml:19:5: error[step-missing-language]: steps[1]: 2단계에 "
        "이 단계에서 읽는 이유를 적은 ko 문장이 없습니다. 'ko:'을 추가하고 이 개념을 이 단계에서 "
        "읽는 이유를 한 줄로 쓰세요.",
    ]


def test_path_files_point_editors_to_the_generated_schema() -> None:
    from glossary.learning import PATH_SCHEMA_LINE

    target = (ROOT / "terms" / "paths" / PATH_SCHEMA_LINE.split("=", 1)[1]).resolve()
    assert target == (ROOT / "tooling" / "glossary" / "data" / "path.schema.json")
    schema = __import__("json").loads(target.read_text("utf-8"))
    assert list(schema["properties"])[:6] == ["id", "order", "en", "ko", "zh-Hans", "zh-Hant"]
    assert set(schema["$defs"]["step"]["properties"]) == {
        "concept",
        "en",
        "ko",
        "zh-Hans",
        "zh-Hant",
    }
