"""Loading term files: YAML 1.2 values, marks, and hostile input that must become a
clear diagnostic (never a traceback, never a hang)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, run_cli
from glossary.load import load_document, load_text, resolve_scalar


def test_yaml_12_scalars_stay_text_and_numbers_stay_numbers() -> None:
    assert [resolve_scalar(t) for t in ("no", "on", "yes", "off", "2021-09-14", "0755")] == [
        "no",
        "on",
        "yes",
        "off",
        "2021-09-14",
        755,
    ]
    assert [resolve_scalar(t) for t in ("true", "False", "~", "", "1.5", "-2", "0x1F", "0o17")] == [
        True,
        False,
        None,
        None,
        1.5,
        -2,
        31,
        15,
    ]


def test_a_list_of_yaml_11_booleans_stays_text() -> None:
    doc = load_text(Path("t.yaml"), "id: x\ntags: [no, on, yes]\n")
    assert doc.data["tags"] == ["no", "on", "yes"]


def test_values_keep_line_and_column() -> None:
    doc = load_document(FIXTURES / "check" / "positive" / "retention-rate.yaml")
    assert doc.data["tags"] == ["retention", "b2b"]
    assert doc.data["sources"][0]["date"] == "2021-09-14"
    assert doc.mark(("tags", 1)) == (5, 19)
    assert doc.mark(("en", "terms"), key=True) == (7, 3)


def test_a_value_without_its_own_mark_points_at_its_parent() -> None:
    doc = load_text(Path("t.yaml"), "id: x\nen:\n  terms: []\n")
    assert doc.mark(("en", "terms", 3, "term")) == (3, 10)


def _check_bytes(project: Path, capsys, name: str, content: bytes) -> tuple[int, str]:
    (project / "terms" / name).write_bytes(content)
    code, out, err = run_cli(capsys, "check", f"terms/{name}")
    assert "Traceback" not in out + err
    return code, out


def test_ten_megabyte_file_is_refused_without_parsing(project: Path, capsys) -> None:
    code, out = _check_bytes(
        project, capsys, "huge.yaml", b"id: huge\n" + b"# padding\n" * 1_000_000
    )
    assert code == 1
    assert out.splitlines()[0] == (
        "terms/huge.yaml:1:1: error[file-too-large]: the file is 10000009 bytes; a term file may "
        "be at most 1048576 bytes. Keep one concept per file and remove pasted material."
    )


def test_binary_garbage_is_not_a_text_file(project: Path, capsys) -> None:
    code, out = _check_bytes(
        project, capsys, "garbage.yaml", b"id: x\n\x89PNG\r\n\x1a\n\x00\x00\x0dIHDR"
    )
    assert code == 1
    assert out.splitlines()[0] == (
        "terms/garbage.yaml:4:1: error[binary-file]: the file contains a NUL byte, so it is not a "
        "text file. Check that this is the YAML file you meant to save."
    )


def test_latin1_text_names_the_byte_and_its_place(project: Path, capsys) -> None:
    code, out = _check_bytes(
        project, capsys, "latin.yaml", "id: latin\ncategory: caf\u00e9\n".encode("latin-1")
    )
    assert code == 1
    assert out.splitlines()[0] == (
        "terms/latin.yaml:2:14: error[not-utf8]: the file is not valid UTF-8 (byte 0xE9 cannot be "
        "read). Save the file with UTF-8 encoding."
    )


def test_a_byte_order_mark_is_accepted(project: Path, capsys) -> None:
    source = (project / "terms" / "churn-rate.yaml").read_bytes()
    (project / "terms" / "churn-rate.yaml").write_bytes(b"\xef\xbb\xbf" + source)
    code, out, _ = run_cli(capsys, "check", "--strict", "terms")
    assert code == 0, out


def test_an_unreadable_path_is_reported_not_raised(project: Path, capsys) -> None:
    (project / "terms" / "folder.yaml").mkdir()
    doc = load_document(project / "terms" / "folder.yaml")
    assert doc.data is None
    assert doc.diagnostics[0].code == "unreadable"
    assert doc.diagnostics[0].message.startswith("the file cannot be read: ")


def test_folded_chinese_lines_join_without_a_space_but_korean_keeps_its_spaces() -> None:
    from glossary.config import load_config
    from glossary.model import build_concept

    doc = load_text(
        Path("t.yaml"),
        "id: t\nzh-Hans:\n  terms: []\n  definition: >-\n    取决\n    于客户，ARR\n    很高。\n"
        "ko:\n  terms: []\n  definition: >-\n    리드를\n    만났다.\n",
    )
    concept = build_concept(doc, load_config())
    assert concept.entry("zh-Hans").definition == "取决于客户，ARR 很高。"
    assert concept.entry("ko").definition == "리드를 만났다."
