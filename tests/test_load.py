"""Loading term files: YAML 1.2 values, marks, and hostile input that must become a
clear diagnostic (never a traceback, never a hang)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from glossary.load import load_document, load_text, position_in, resolve_scalar, text_anchors
from glossary.model import text_of


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


# Placing a character of a value in the source (a word inside a folded definition, an
# escape in a quoted one), for diagnostics that point inside a text.

VALUES = {
    "folded Korean": "d: >-\n  영업 기회는 CRM에 등록된\n  거래 건입니다. 판매 주기를\n\n    더 들여 쓴 줄\n  끝.\n",
    "folded Chinese": "d: >-\n  商机是经过认定的销售\n  机会，每个商机都有\n  下一步。\n",
    "literal": "d: |\n  first line\n    indented more\n  last\n",
    "plain over lines": "d: a plain value that\n  goes on over\n  three lines\n",
    "double-quoted": 'd: "say \\"oppty\\" \\\\ caf\\u00e9 \\x41 and\n  go on \\\n  joined"\n',
    "single-quoted": "d: 'it''s a ''sales chance''\n  on two lines'\n",
    "flow mapping": "d: {en: Open sales chances, ko: 진행 중인 기회 금액, zh-Hans: 在手商机金额}\n",
    "space dropped": "d: 客户 流失率上升\n",
}


def _places(source: str, unspaced: bool):
    """For every string of ``source``: the text as pages show it, and where each of its
    characters is placed."""
    doc = load_text(Path("t.yaml"), source)
    lines = source.split("\n")
    for where, value in doc.strings:
        text = text_of(value, unspaced)
        anchors = text_anchors(lines, doc.mark(where), text)
        yield text, anchors, [position_in(anchors, i) for i in range(len(text))]


@pytest.mark.parametrize("unspaced", [False, True], ids=["spaced", "unspaced"])
@pytest.mark.parametrize("name", sorted(VALUES))
def test_every_character_of_a_value_is_placed_on_itself(name: str, unspaced: bool) -> None:
    lines = VALUES[name].split("\n")
    for text, anchors, places in _places(VALUES[name], unspaced):
        assert min(anchors[2::3]) > 0, f"{text!r} could not be followed"
        for char, (line, column) in zip(text, places, strict=True):
            if char.isspace():
                continue
            found = lines[line - 1][column - 1]
            assert found == char or found == "\\", (text, char, line, column, found)


def test_a_word_in_a_folded_block_is_placed_on_its_own_line() -> None:
    [(text, _, places)] = _places(VALUES["folded Korean"], unspaced=False)
    assert places[text.index("판매 주기")] == (3, 12)
    assert places[text.index("더 들여")] == (5, 5)


def test_a_chinese_word_split_by_folding_is_placed_at_its_first_character() -> None:
    [(text, _, places)] = _places(VALUES["folded Chinese"], unspaced=True)
    assert "销售机会" in text
    assert places[text.index("销售机会")] == (2, 11)
    assert places[text.index("销售机会") + 2] == (3, 3)


def test_escapes_are_placed_at_their_backslash() -> None:
    [(text, _, places)] = _places(VALUES["double-quoted"], unspaced=False)
    assert text == 'say "oppty" \\ café A and go on joined'
    assert places[text.index('"')] == (1, 9)
    assert places[text.index("oppty")] == (1, 11)
    assert places[text.index("é")] == (1, 25)
    assert places[text.index("joined")] == (3, 3)


def test_anchors_stay_small_one_per_line() -> None:
    [(_, anchors, _)] = _places(VALUES["folded Korean"], unspaced=False)
    assert len(anchors) == 3 * 4  # four lines of text, one (offset, line, column) each


def test_a_text_that_cannot_be_followed_points_at_its_value() -> None:
    anchors = text_anchors(["d: something else"], (1, 4), "another text")
    assert position_in(anchors, 0) == (1, 4)
    assert position_in(anchors, 7) == (1, 4)
