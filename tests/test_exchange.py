"""``glossary export`` and ``glossary import``: exact output on the fixture project,
TBX validated by the official TBX-Basic RNG and Schematron, lossless round trips on the
real corpus, and imports that report before they write and never overwrite a file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree, isoschematron

from conftest import FIXTURES, ROOT, run_cli, shared_folder
from glossary.config import load_config
from glossary.exchange.data import build_concepts, concept_data
from glossary.exchange.formats import read_import
from glossary.exchange.sheet import format_csv, format_designation, read_csv
from glossary.exchange.tbx import NS, xml_id
from glossary.pipeline import load_glossary

GOLDEN = FIXTURES / "exchange"
TBX = {"tbx": NS}
DRY_RUN = "Nothing written. Run again with --write to apply these changes; conflicting fields will then take the imported value."


def _export(capsys, fmt: str, path: Path, *options: str) -> bytes:
    code, out, err = run_cli(capsys, "export", "--format", fmt, "--output", str(path), *options)
    assert (code, out) == (0, ""), err
    return path.read_bytes()


def _import(capsys, path: Path, *options: str) -> tuple[int, str]:
    """Import ``path``, named relative to the project folder as an editor would type it."""
    code, out, err = run_cli(capsys, "import", str(path.relative_to(Path.cwd())), *options)
    assert err == ""
    return code, out


# --- exact output on the fixture project -------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "tbx"])
def test_export_matches_its_golden_file(
    fmt: str, project: Path, capsys, update_goldens: bool
) -> None:
    data = _export(capsys, fmt, project / f"out.{fmt}")
    golden = GOLDEN / f"project.{fmt}"
    if update_goldens:
        golden.write_bytes(data)
    assert data == golden.read_bytes()
    assert capsys.readouterr().err == ""


def test_export_says_where_it_wrote(project: Path, capsys) -> None:
    code, out, err = run_cli(capsys, "export", "--format", "json", "--output", "all.json")
    assert (code, out, err) == (0, "", "wrote 3 concept(s) to all.json.\n")


def test_export_writes_to_stdout_by_default(project: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "export", "--format", "json")
    assert code == 0
    assert out == (GOLDEN / "project.json").read_text("utf-8")


def test_json_carries_every_field_in_the_term_file_shape(project: Path, capsys) -> None:
    import jsonschema

    document = json.loads(_export(capsys, "json", project / "all.json"))
    assert document["languages"] == ["en", "ko", "zh-Hans", "zh-Hant"]
    assert [c["id"] for c in document["concepts"]] == [
        "churn-rate",
        "retention-rate",
        "script-in-definition",
    ]
    churn = document["concepts"][0]
    assert churn["ko"] == {
        "terms": [
            {"term": "고객 이탈률", "status": "preferred", "type": "full-form"},
            {
                "term": "처닝률",
                "status": "deprecated",
                "type": "full-form",
                "reason": "외래어를 소리 나는 대로 옮긴 비표준 표기입니다.",
            },
        ],
        "definition": "기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다.",
        "example": "지난 분기 고객 100곳 중 8곳이 떠나 이탈률이 8%였어요.",
    }
    assert churn["formula"]["examples"] == [
        {
            "inputs": {"customers_lost": 8, "customers_start": 100},
            "result": 0.08,
            "source": "000_c067659218adfcd0.txt",
        }
    ]
    assert document["concepts"][1]["tags"] == ["retention", "b2b"]
    assert document["concepts"][1]["sources"] == [
        {"title": "A published source", "publisher": "Example Press", "date": "2021-09-14"}
    ]
    schema = json.loads((ROOT / "tooling/glossary/data/term.schema.json").read_text("utf-8"))
    for concept in document["concepts"]:
        jsonschema.validate(concept, schema)


def test_csv_opens_in_excel_with_korean_intact(project: Path, capsys) -> None:
    raw = _export(capsys, "csv", project / "all.csv")
    assert raw.startswith(b"\xef\xbb\xbfid,language,preferred,abbreviations,admitted,deprecated,")
    assert raw.count(b"\r\n") == 13  # the header and 12 rows; line breaks inside cells stay \n
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["id"], r["language"]) for r in rows[:4]] == [
        ("churn-rate", "en"),
        ("churn-rate", "ko"),
        ("churn-rate", "zh-Hans"),
        ("churn-rate", "zh-Hant"),
    ]
    assert rows[1]["preferred"] == "고객 이탈률"
    assert (
        rows[1]["deprecated"] == "처닝률\n  reason: 외래어를 소리 나는 대로 옮긴 비표준 표기입니다."
    )
    assert rows[0]["tags"] == "saas\nretention"
    assert rows[0]["relations"] == "contrast:retention-rate"
    assert rows[1]["tags"] == rows[1]["category"] == ""  # concept-wide cells: first row only
    assert (
        rows[4]["sources"]
        == "title: A published source\n  publisher: Example Press\n  date: 2021-09-14"
    )


def test_csv_cells_keep_line_breaks_types_and_notes() -> None:
    designation = {
        "term": "CLM",
        "status": "superseded",
        "type": "acronym",
        "reason": "old name",
        "note": "first line\n  indented second line",
    }
    cell = format_designation(designation, "deprecated")
    assert cell == (
        "CLM\n  type: acronym\n  status: superseded\n  reason: old name\n"
        "  note: first line\n      indented second line"
    )
    header = "id,language,deprecated,notes\r\n"
    row = 'x,en,"' + cell + '","one\n  two\nthree"\r\n'
    items, problems = read_csv(Path("x.csv"), (header + row).encode("utf-8"), load_config())
    assert problems == []
    assert items == [{"id": "x", "en": {"terms": [designation], "notes": ["one\ntwo", "three"]}}]


def test_tbx_puts_each_field_in_its_data_category(project: Path, capsys) -> None:
    root = etree.fromstring(_export(capsys, "tbx", project / "all.tbx"))
    assert (
        root.get("type"),
        root.get("style"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ) == ("TBX-Basic", "dca", "en")
    entry = root.find(".//tbx:conceptEntry[@id='churn-rate']", TBX)
    assert entry.findtext("tbx:descrip[@type='subjectField']", namespaces=TBX) == "metrics"
    assert [(r.get("target"), r.text) for r in entry.findall("tbx:ref", TBX)] == [
        ("retention-rate", "contrast")
    ]
    assert [n.text for n in entry.findall("tbx:note", TBX)][:2] == ["tag: saas", "tag: retention"]
    assert (
        entry.findtext("tbx:adminGrp/tbx:note", namespaces=TBX)
        == "document: 000_c067659218adfcd0.txt"
    )
    ko = entry.find(
        "tbx:langSec[@xml:lang='ko']", {**TBX, "xml": "http://www.w3.org/XML/1998/namespace"}
    )
    assert ko.findtext("tbx:descripGrp/tbx:descrip[@type='definition']", namespaces=TBX).startswith(
        "기간 초"
    )
    preferred, deprecated = ko.findall("tbx:termSec", TBX)
    assert (
        preferred.findtext("tbx:termNote[@type='administrativeStatus']", namespaces=TBX)
        == "preferredTerm-admn-sts"
    )
    assert preferred.findtext("tbx:termNote[@type='termType']", namespaces=TBX) == "fullForm"
    assert preferred.findtext("tbx:descrip[@type='context']", namespaces=TBX).startswith(
        "지난 분기"
    )
    assert (
        deprecated.findtext("tbx:termNoteGrp/tbx:termNote", namespaces=TBX)
        == "deprecatedTerm-admn-sts"
    )
    assert (
        deprecated.findtext("tbx:termNoteGrp/tbx:note", namespaces=TBX)
        == "외래어를 소리 나는 대로 옮긴 비표준 표기입니다."
    )


def test_tbx_2008_matches_its_golden_file(project: Path, capsys, update_goldens: bool) -> None:
    data = _export(capsys, "tbx", project / "out.tbx", "--tbx-version", "2008")
    golden = GOLDEN / "project-2008.tbx"
    if update_goldens:
        golden.write_bytes(data)
    assert data == golden.read_bytes()
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        b'<martif type="TBX-Basic" xml:lang="en">\n  <martifHeader>\n'
    )


def test_translate_toolkit_reads_every_concept_language_and_term_of_tbx_2008(
    corpus: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """translate-toolkit's TBX reader (Weblate's glossary import) on the real corpus."""
    from translate.storage.tbx import tbxfile

    from glossary.exchange.tbx import STATUS

    monkeypatch.chdir(corpus)
    config = load_config()
    store = tbxfile.parsestring(_export(capsys, "tbx", corpus / "c.tbx", "--tbx-version", "2008"))
    concepts = load_glossary([Path("terms")], config=config, want_concepts=True).concepts
    read = {unit.getid(): unit for unit in store.units}
    assert sorted(read) == sorted(xml_id(concept_id) for concept_id in concepts)
    deprecated = 0
    for concept in concepts.values():
        unit = read[xml_id(concept.id)]
        for lang, entry in concept.entries.items():
            terms = [
                (t.text, t.administrative_status, t.deprecated) for t in unit.get_target_terms(lang)
            ]
            assert terms == [
                (d.term, STATUS[d.status], d.status == "deprecated") for d in entry.designations
            ], (concept.id, lang)
            deprecated += sum(1 for d in entry.designations if d.status == "deprecated")
    assert deprecated > 50  # forbidden terms in the tools that read TBX-Basic


def test_tbx_2008_keeps_reasons_links_and_notes_apart(project: Path, capsys) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace(
            "    - {term: churn rate, status: admitted}\n",
            "    - {term: churn rate, status: admitted}\n"
            "    - {term: churn, status: admitted, link: never, note: 'reason: looks like one'}\n"
            "    - {term: attrition, status: deprecated, reason: vague, note: 'note: a note'}\n",
        ),
        "utf-8",
    )
    raw = _export(capsys, "tbx", project / "all.tbx", "--tbx-version", "2008")
    root = etree.fromstring(raw)
    tigs = {t.findtext("term"): t for t in root.iter("tig")}
    assert [(n.tag, n.get("type"), n.text) for n in tigs["churn"][1:]] == [
        ("termNote", "administrativeStatus", "admittedTerm-admn-sts"),
        ("termNote", "termType", "fullForm"),
        ("note", None, "link: never"),
        ("note", None, "note: reason: looks like one"),
    ]
    assert [n.text for n in tigs["attrition"].findall("note")] == [
        "reason: vague",
        "note: note: a note",
    ]
    assert _import(capsys, project / "all.tbx") == (
        0,
        "No changes: terms/ already matches all.tbx.\n",
    )


def test_xml_ids_cannot_start_with_a_digit() -> None:
    assert (xml_id("30-60-90-day-plan"), xml_id("churn-rate")) == (
        "_30-60-90-day-plan",
        "churn-rate",
    )


# --- TBX-Basic validation with the official files -------------------------------------------

# lxml runs Schematron with XPath 1; these are the XPath 2 expressions of TBX-Basic_DCA.sch
# and their XPath 1 equivalents (each must be found, so a changed file fails loudly).
XPATH1 = {
    'queryBinding="xslt2"': 'queryBinding="xslt"',
    "matches(@target,'https?://.+')": "starts-with(@target,'http://') or starts-with(@target,'https://')",
    "./local-name()": "local-name()",
}


@pytest.fixture(scope="module")
def dca_validators() -> tuple[etree.RelaxNG, isoschematron.Schematron]:
    tbx_basic = shared_folder("standards", "tbx-basic")
    rng = etree.RelaxNG(etree.parse(str(tbx_basic / "TBXcoreStructV03.rng")))
    text = (tbx_basic / "TBX-Basic_DCA.sch").read_text("utf-8-sig")
    for xpath2, xpath1 in XPATH1.items():
        assert xpath2 in text
        text = text.replace(xpath2, xpath1)
    return rng, isoschematron.Schematron(etree.fromstring(text.encode("utf-8")), store_report=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's terms/ to export from and import into."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "terms", root / "terms")
    return root


def test_the_corpus_tbx_is_valid_tbx_basic(
    corpus: Path, dca_validators, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    document = etree.fromstring(_export(capsys, "tbx", corpus / "corpus.tbx"))
    rng, schematron = dca_validators
    assert rng.validate(document), rng.error_log
    assert schematron.validate(document), str(schematron.validation_report)[:2000]
    assert len(document.findall(".//tbx:conceptEntry", TBX)) == len(
        list((corpus / "terms").glob("*.yaml"))
    )


def test_the_validators_do_reject_what_tbx_basic_forbids(
    project: Path, dca_validators, capsys
) -> None:
    rng, schematron = dca_validators
    good = _export(capsys, "tbx", project / "all.tbx")
    wrong_category = etree.fromstring(good.replace(b'type="subjectField"', b'type="domain"'))
    assert rng.validate(wrong_category) and not schematron.validate(wrong_category)
    context_at_langsec = etree.fromstring(
        good.replace(b'<descrip type="definition">', b'<descrip type="context">', 1)
    )
    assert not schematron.validate(context_at_langsec)
    dangling = etree.fromstring(good.replace(b'target="retention-rate"', b'target="nowhere"'))
    assert not rng.validate(dangling)


# --- lossless round trips on the real corpus --------------------------------------------


@pytest.mark.parametrize(
    "fmt, options",
    [("json", ()), ("csv", ()), ("tbx", ()), ("tbx", ("--tbx-version", "2008"))],
    ids=["json", "csv", "tbx", "tbx-2008"],
)
def test_the_corpus_reads_back_unchanged(
    fmt: str, options: tuple[str, ...], corpus: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    path = corpus / f"corpus.{fmt}"
    raw = _export(capsys, fmt, path, *options)
    config = load_config()
    items, problems = read_import(fmt, path, raw, config)
    assert problems == []
    original = load_glossary([Path("terms")], config=config, want_concepts=True).concepts
    for concept in build_concepts(items, path, config):
        expected = original.pop(concept.id)
        if fmt == "csv":  # the CSV groups designations by column; their order is not kept
            for lang, entry in expected.entries.items():
                assert sorted(map(repr, concept.entries[lang].designations)) == sorted(
                    map(repr, entry.designations)
                )
            concept = expected.__class__(**{**concept.__dict__, "entries": expected.entries})
        assert concept == expected
    assert original == {}
    assert _import(capsys, path) == (0, f"No changes: terms/ already matches {path.name}.\n")


# --- import: report, conflicts, writing ----------------------------------------------------


def _edited_csv(project: Path, capsys, **cells: str) -> Path:
    """The fixture project's CSV export with ``cells`` (``row_column=value``) changed."""
    rows = list(
        csv.DictReader(
            io.StringIO(_export(capsys, "csv", project / "all.csv").decode("utf-8-sig"), newline="")
        )
    )
    for name, value in cells.items():
        index, column = name.split("_", 1)
        rows[int(index)][column] = value
    path = project / "edited.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, rows[0].keys(), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_import_reports_added_and_conflicting_fields_and_writes_nothing(
    project: Path, capsys
) -> None:
    before = {p: p.read_text("utf-8") for p in (project / "terms").glob("*.yaml")}
    path = _edited_csv(
        project,
        capsys,
        **{
            "1_definition": "기간 초 고객 중 해지한 고객의 비율입니다.",
            "0_notes": "Also called logo churn.",
            "4_definition": "",
        },
    )
    code, out = _import(capsys, path)
    assert code == 0
    assert out == (
        'terms/churn-rate.yaml:6:3: added: en.notes: ["Also called logo churn."]\n'
        'terms/churn-rate.yaml:15:15: conflict: ko.definition: "기간 초 고객 가운데 그 기간에 해지한 '
        '고객의 비율입니다." → "기간 초 고객 중 해지한 고객의 비율입니다."\n'
        "0 new concept(s), 1 added field(s), 1 conflicting field(s) in edited.csv.\n"
        + DRY_RUN
        + "\n"
    )
    assert {p: p.read_text("utf-8") for p in (project / "terms").glob("*.yaml")} == before


def test_import_write_changes_only_those_fields_and_keeps_the_layout(project: Path, capsys) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    before = churn.read_text("utf-8")
    path = _edited_csv(
        project,
        capsys,
        **{
            "1_definition": "기간 초 고객 중 해지한 고객의 비율입니다.",
            "0_notes": "Also called logo churn.",
            "1_deprecated": "처닝률\n  reason: 외래어 표기입니다.\n처닝\n  status: superseded\n  reason: 옛 표기입니다.",
        },
    )
    code, out = _import(capsys, path, "--write")
    assert code == 0
    assert out.splitlines()[:4] == [
        'terms/churn-rate.yaml:6:3: added: en.notes: ["Also called logo churn."]',
        'terms/churn-rate.yaml:14:7: conflict: ko: 처닝률: reason: "외래어를 소리 나는 대로 옮긴 '
        '비표준 표기입니다." → "외래어 표기입니다."',
        "terms/churn-rate.yaml:14:7: ko: added superseded 처닝 (reason: 옛 표기입니다.)",
        'terms/churn-rate.yaml:15:15: conflict: ko.definition: "기간 초 고객 가운데 그 기간에 해지한 '
        '고객의 비율입니다." → "기간 초 고객 중 해지한 고객의 비율입니다."',
    ]
    assert out.splitlines()[-2:] == [
        "0 new concept(s), 2 added field(s), 2 conflicting field(s) in edited.csv.",
        "Wrote 1 file(s); 2 conflicting field(s) took the imported value.",
    ]
    assert churn.read_text("utf-8") == before.replace(
        '  example: "We lost 8 of our 100 customers last quarter, so churn was 8%."\n',
        '  example: "We lost 8 of our 100 customers last quarter, so churn was 8%."\n'
        "  notes:\n    - Also called logo churn.\n",
        1,
    ).replace(
        "    - {term: 처닝률, status: deprecated, reason: 외래어를 소리 나는 대로 옮긴 비표준 표기입니다.}\n"
        "  definition: 기간 초 고객 가운데 그 기간에 해지한 고객의 비율입니다.\n",
        "    - {term: 처닝률, status: deprecated, reason: 외래어 표기입니다.}\n"
        "    - {term: 처닝, status: superseded, reason: 옛 표기입니다.}\n"
        "  definition: 기간 초 고객 중 해지한 고객의 비율입니다.\n",
    )
    assert run_cli(capsys, "check", "--no-cache", "terms")[0] == 0
    assert _import(capsys, path) == (0, "No changes: terms/ already matches edited.csv.\n")


def test_an_empty_cell_never_deletes(project: Path, capsys) -> None:
    path = _edited_csv(
        project,
        capsys,
        **{
            "0_definition": "",
            "0_tags": "",
            "0_sources": "",
            "1_preferred": "",
            "1_deprecated": "",
        },
    )
    assert _import(capsys, path) == (0, "No changes: terms/ already matches edited.csv.\n")


def test_one_added_synonym_reads_as_one_addition(project: Path, capsys) -> None:
    """A sheet with only some of the term columns: the synonym is added, nothing else."""
    churn = project / "terms" / "churn-rate.yaml"
    before = churn.read_text("utf-8")
    path = project / "synonym.csv"
    path.write_text(
        "id,language,preferred,admitted\r\nchurn-rate,ko,고객 이탈률,이탈율\r\n", "utf-8"
    )
    assert _import(capsys, path) == (
        0,
        "terms/churn-rate.yaml:14:7: ko: added admitted 이탈율\n"
        "0 new concept(s), 1 added field(s), 0 conflicting field(s) in synonym.csv.\n"
        + DRY_RUN
        + "\n",
    )
    assert _import(capsys, path, "--write")[0] == 0
    assert churn.read_text("utf-8") == before.replace(
        "    - {term: 처닝률, status: deprecated, reason: 외래어를 소리 나는 대로 옮긴 비표준 표기입니다.}\n",
        "    - {term: 처닝률, status: deprecated, reason: 외래어를 소리 나는 대로 옮긴 비표준 표기입니다.}\n"
        "    - {term: 이탈율, status: admitted}\n",
    )


def test_a_designation_left_out_is_kept(project: Path, capsys) -> None:
    path = _edited_csv(project, capsys, **{"1_deprecated": ""})
    assert _import(capsys, path) == (0, "No changes: terms/ already matches edited.csv.\n")


def test_a_new_preferred_term_replaces_the_preferred_one(project: Path, capsys) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    path = _edited_csv(project, capsys, **{"1_preferred": "이탈률"})
    code, out = _import(capsys, path, "--write")
    assert (code, out.splitlines()[0]) == (
        0,
        "terms/churn-rate.yaml:13:7: conflict: ko: preferred 고객 이탈률 → 이탈률",
    )
    assert "    - {term: 이탈률, status: preferred}\n" in churn.read_text("utf-8")
    assert "고객 이탈률" not in churn.read_text("utf-8")


NEW_CONCEPT = """\
# yaml-language-server: $schema=../tooling/glossary/data/term.schema.json
id: win-rate
category: metrics
tags: [saas]

en:
  terms:
    - term: win rate
      status: preferred
  definition: >-
    The share of closed deals that were won, counted over the same period for every rep so that
    teams can be compared.
  example: Our win rate is 30%.

ko:
  terms:
    - term: 수주율
      status: preferred
  definition: 종료된 딜 가운데 성사된 딜의 비율입니다.
  example: 이번 분기 수주율은 30%예요.

zh-Hans:
  terms:
    - term: 赢单率
      status: preferred
  definition: 已结束的交易中赢单所占的比例。
  example: 本季度赢单率是 30%。

zh-Hant:
  terms:
    - term: 贏單率
      status: preferred
  definition: 已結束的交易中贏單所佔的比例。
  example: 本季贏單率是 30%。

relations:
  - type: see-also
    target: churn-rate
"""

NEW_ROWS = [
    (
        "en",
        "win rate",
        "The share of closed deals that were won, counted over the same period for "
        "every rep so that teams can be compared.",
        "Our win rate is 30%.",
    ),
    ("ko", "수주율", "종료된 딜 가운데 성사된 딜의 비율입니다.", "이번 분기 수주율은 30%예요."),
    ("zh-Hans", "赢单率", "已结束的交易中赢单所占的比例。", "本季度赢单率是 30%。"),
    ("zh-Hant", "贏單率", "已結束的交易中贏單所佔的比例。", "本季贏單率是 30%。"),
]


def _csv_with_new_concept(project: Path) -> Path:
    path = project / "new.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(
            [
                "id",
                "language",
                "preferred",
                "definition",
                "example",
                "category",
                "tags",
                "relations",
            ]
        )
        for index, (lang, term, definition, example) in enumerate(NEW_ROWS):
            concept = ["metrics", "saas", "see-also:churn-rate"] if index == 0 else ["", "", ""]
            writer.writerow(["win-rate", lang, term, definition, example, *concept])
    return path


def test_import_write_creates_a_new_term_file(project: Path, capsys) -> None:
    path = _csv_with_new_concept(project)
    assert _import(capsys, path) == (
        0,
        (
            "terms/win-rate.yaml: new concept 'win-rate'.\n"
            "1 new concept(s), 0 added field(s), 0 conflicting field(s) in new.csv.\n"
            + DRY_RUN
            + "\n"
        ),
    )
    assert not (project / "terms" / "win-rate.yaml").exists()
    code, out = _import(capsys, path, "--write")
    assert (code, out.splitlines()[-1]) == (
        0,
        "Wrote 1 file(s); 0 conflicting field(s) took the imported value.",
    )
    assert (project / "terms" / "win-rate.yaml").read_text("utf-8") == NEW_CONCEPT
    assert (
        run_cli(capsys, "check", "--no-cache", "--strict", "terms/win-rate.yaml")[0] == 1
    )  # no sources: a warning
    assert run_cli(capsys, "check", "--no-cache", "terms")[0] == 0


def test_import_never_writes_over_an_existing_file(project: Path, capsys) -> None:
    broken = project / "terms" / "win-rate.yaml"
    broken.write_text("id: win-rate\ncategory: [\n", "utf-8")
    code, out = _import(capsys, _csv_with_new_concept(project), "--write")
    assert (code, out) == (
        1,
        (
            "terms/win-rate.yaml:1:1: error[import-exists]: the file already exists, so the new concept "
            "'win-rate' is not written there. Fix the existing file so that it loads as 'win-rate', or "
            "give the new concept another id.\n"
            "terms/win-rate.yaml: new concept 'win-rate'.\n"
            "Nothing written because of the error(s) above.\n"
        ),
    )
    assert broken.read_text("utf-8") == "id: win-rate\ncategory: [\n"


def test_nothing_is_written_when_a_resulting_file_would_fail_the_checks(
    project: Path, capsys
) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    before = churn.read_text("utf-8")
    path = _edited_csv(
        project,
        capsys,
        **{"2_definition": "期初客户中在本期內取消的客户所占的比例。", "0_notes": "Fills a gap."},
    )
    code, out = _import(capsys, path, "--write")
    assert code == 1
    assert out.splitlines()[0] == (
        "terms/churn-rate.yaml:22:23: error[wrong-script]: zh-Hans.definition: Traditional characters "
        "in zh-Hans text: 內. Use Simplified forms: 內 → 内."
    )
    assert out.splitlines()[-1] == "Nothing written because of the error(s) above."
    assert churn.read_text("utf-8") == before


def test_a_file_the_tool_cannot_round_trip_is_not_updated(project: Path, capsys) -> None:
    path = _edited_csv(project, capsys, **{"0_notes": "Fills a gap."})
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(churn.read_text("utf-8") + "category: metrics\n", "utf-8")  # a duplicate key
    code, out = _import(capsys, path, "--write")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "terms/churn-rate.yaml:1:1: error[import-cannot-update]: the file cannot be updated: "
    )
    assert out.splitlines()[0].endswith(" Fix it first ('glossary check' shows where).")


def test_reordered_designations_are_no_change(project: Path, capsys) -> None:
    raw = _export(capsys, "tbx", project / "all.tbx")
    root = etree.fromstring(raw)
    ko = root.find(".//tbx:conceptEntry[@id='churn-rate']/tbx:langSec[2]", TBX)
    first, second = ko.findall("tbx:termSec", TBX)
    first.addprevious(second)
    (project / "reordered.tbx").write_bytes(etree.tostring(root))
    assert _import(capsys, project / "reordered.tbx") == (
        0,
        "No changes: terms/ already matches reordered.tbx.\n",
    )


# --- problems in the imported file ---------------------------------------------------------


def test_csv_problems_are_reported_with_their_row(project: Path, capsys) -> None:
    path = project / "bad.csv"
    path.write_text(
        "id,language,preferred,deprecated,category,relations,formula,colour\r\n"
        "churn-rate,en,customer churn rate,,metrics,contrast,,red\r\n"
        "churn-rate,kr,고객 이탈률,,,,,\r\n"
        "churn-rate,en,customer churn rate,,,,,\r\n"
        ",ko,고객 이탈률,,,,,\r\n"
        'churn-rate,ko,고객 이탈률,"처닝률\n  why: 외래어",process,,"{",\r\n',
        "utf-8",
    )
    code, out = _import(capsys, path)
    assert code == 1
    assert out == (
        "bad.csv:1:1: error[import-unknown-column]: 'colour' is not a column of the glossary's CSV. "
        "Use the columns that 'glossary export --format csv' writes: id, language, preferred, "
        "abbreviations, admitted, deprecated, definition, example, notes, translated_from, category, "
        "tags, relations, sources, formula.\n"
        "bad.csv:2:1: error[import-bad-line]: relations: the line 'contrast' is not in the form "
        "'key:value'. See 'glossary import --help' for how cells hold several values.\n"
        "bad.csv:3:1: error[import-unknown-language]: language: 'kr' is not one of the glossary's "
        "languages. Use one of: en, ko, zh-Hans, zh-Hant.\n"
        "bad.csv:4:1: error[import-duplicate]: language: 'churn-rate (en)' appears more than once in "
        "the file (first at line 2). Keep one of them.\n"
        "bad.csv:5:1: error[import-no-id]: id: the row has no 'id'. Give every concept its id, "
        "like 'annual-contract-value'.\n"
        "bad.csv:6:1: error[import-bad-value]: deprecated: 'why' is not a valid designation key. "
        "Use one of: type, status, reason, note, link.\n"
        "bad.csv:6:1: error[import-bad-formula]: formula: the formula is not valid JSON: Expecting "
        "property name enclosed in double quotes. Copy the formula cell from a fresh export and edit "
        "it there.\n"
        "bad.csv:6:1: error[import-rows-disagree]: category: the rows of 'churn-rate' give different "
        "values for 'category' (first at line 2). Fill the concept-wide columns in on one row only.\n"
        "Nothing written because of the error(s) above.\n"
    )


SAVE_AS_UTF8 = (
    'Open it in Excel, choose File › Save As › "CSV UTF-8 (Comma delimited)", and import that file.'
)


@pytest.mark.parametrize(
    "lang, text, codec, named",
    [
        (
            "ko",
            "고객 이탈률",
            "cp949",
            'CP949 (EUC-KR), the code page in which Excel saves plain "CSV" in Korea',
        ),
        (
            "zh-Hans",
            "客户流失率",
            "gb18030",
            'GB18030 (GBK), the code page in which Excel saves plain "CSV" in mainland China',
        ),
        (
            "zh-Hant",
            "客戶流失率",
            "big5",
            'Big5, the code page in which Excel saves plain "CSV" in Taiwan and Hong Kong',
        ),
    ],
)
def test_a_csv_saved_in_a_legacy_code_page_is_one_error_naming_it(
    project: Path, capsys, lang: str, text: str, codec: str, named: str
) -> None:
    path = project / "legacy.csv"
    rows = "".join(f"churn-rate,{lang},{text}\r\n" for _ in range(3000))
    path.write_bytes(f"id,language,preferred\r\n{rows}".encode(codec))
    assert _import(capsys, path) == (
        1,
        f"legacy.csv:1:1: error[import-legacy-encoding]: the file is not UTF-8 but {named}; it "
        f"cannot hold every language of the glossary. {SAVE_AS_UTF8}\n"
        "Nothing written because of the error(s) above.\n",
    )


def test_a_csv_in_an_unclear_code_page_is_one_error(project: Path, capsys) -> None:
    path = project / "legacy.csv"
    path.write_bytes("id,language,preferred\r\nchurn-rate,kr,이탈\r\n".encode("cp949"))
    assert _import(capsys, path) == (
        1,
        "legacy.csv:1:1: error[import-not-utf8]: the file is not UTF-8 (byte 0xC0 cannot be read); "
        "it may be in a legacy code page such as CP949 (Korea), GB18030 (mainland China) or Big5 "
        f"(Taiwan). {SAVE_AS_UTF8}\nNothing written because of the error(s) above.\n",
    )


def _resaved(project: Path, capsys, separator: str, encoding: str, sep_line: bool) -> Path:
    """The fixture export as another spreadsheet program saves it."""
    text = _export(capsys, "csv", project / "all.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    if sep_line:
        out.write(f"sep={separator}\r\n")
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path = project / "resaved.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    "separator, encoding, sep_line",
    [
        (";", "utf-8-sig", False),
        (";", "utf-8", False),
        (";", "utf-8", True),
        ("\t", "utf-8", False),
        ("\t", "utf-8-sig", False),
        ("\t", "utf-16", False),  # Excel's "Unicode text"
    ],
    ids=["semicolon-bom", "semicolon", "sep-line", "tab", "tab-bom", "utf-16"],
)
def test_a_csv_with_semicolons_or_tabs_reads_the_same(
    project: Path, capsys, separator: str, encoding: str, sep_line: bool
) -> None:
    path = _resaved(project, capsys, separator, encoding, sep_line)
    assert _import(capsys, path) == (0, "No changes: terms/ already matches resaved.csv.\n")


def test_a_file_without_the_header_is_one_error(project: Path, capsys) -> None:
    path = project / "other.csv"
    path.write_text("Name|Language|Term\r\n" + "churn|ko|이탈률\r\n" * 4370, "utf-8")
    assert _import(capsys, path) == (
        1,
        "other.csv:1:1: error[import-no-header]: the first line is not the glossary's header: it "
        "does not name the columns 'id' and 'language', separated by commas, semicolons or tabs. "
        "Keep the first row of 'glossary export --format csv' (id, language, preferred, …) as the "
        "file's first line.\nNothing written because of the error(s) above.\n",
    )


RISKY = {  # values a spreadsheet would run as formulas, as editors could write them
    "definition": '=HYPERLINK("https://example.com","churn")',
    "example": "+8% churn last quarter was a shock.",
    "notes": "@team review this.",
}


def test_export_guards_against_formula_injection_and_reads_back_unchanged(
    project: Path, capsys
) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    text = churn.read_text("utf-8").replace(
        "  definition: The share of customers at the start of a period who cancel during it.\n",
        "  definition: " + json.dumps(RISKY["definition"]) + "\n"
        '  notes:\n    - "\'=already quoted"\n    - ' + json.dumps(RISKY["notes"]) + "\n",
    )
    text = text.replace(
        '  example: "We lost 8 of our 100 customers last quarter, so churn was 8%."\n',
        "  example: " + json.dumps(RISKY["example"]) + "\n",
    )
    text = text.replace(
        "    - {term: customer churn rate, status: preferred}\n",
        "    - {term: customer churn rate, status: preferred}\n    - {term: -churn, status: admitted}\n",
    )
    churn.write_text(text, "utf-8")
    raw = _export(capsys, "csv", project / "all.csv")
    english = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert english["definition"] == "'" + RISKY["definition"]
    assert english["example"] == "'" + RISKY["example"]
    assert english["notes"] == "''=already quoted\n@team review this."  # a cell's first line
    assert english["admitted"] == "'-churn\nchurn rate"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in english.values())
    assert _import(capsys, project / "all.csv") == (
        0,
        "No changes: terms/ already matches all.csv.\n",
    )
    items, problems = read_csv(project / "all.csv", raw, load_config())
    assert problems == []
    assert items[0]["en"]["definition"] == RISKY["definition"]
    assert items[0]["en"]["notes"] == ["'=already quoted", RISKY["notes"]]


def test_tbx_problems_are_reported_with_their_line(project: Path, capsys) -> None:
    raw = _export(capsys, "tbx", project / "all.tbx").decode("utf-8")
    path = project / "bad.tbx"
    path.write_text(
        raw.replace("preferredTerm-admn-sts", "preferred", 1).replace(
            "<note>tag: saas</note>", "<note>tag: saas</note><note>reviewed by Kim</note>", 1
        ),
        "utf-8",
    )
    code, out = _import(capsys, path)
    assert code == 1
    assert out == (
        "bad.tbx:20:1: warning[import-unknown-note]: the note 'reviewed by Kim' is not one that "
        "'glossary export' writes; it is not imported.\n"
        "bad.tbx:38:1: error[import-bad-value]: 'preferred' is not a valid administrative status. "
        "Use one of: preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, "
        "supersededTerm-admn-sts.\n"
        "Nothing written because of the error(s) above.\n"
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "<tbx",
            "bad.tbx:1:1: error[import-bad-file]: the file cannot be read as XML: "
            "Couldn't find end of Start Tag tbx line 1, line 1, column 5.",
        ),
        (
            '<xliff version="1.2"/>',
            "bad.tbx:1:1: error[import-not-tbx]: the file is not TBX: its root element is <xliff>, "
            "not <tbx> (TBX v3) or <martif> (TBX 2008). Export TBX-Basic (ISO 30042:2019 or 2008) "
            "from your tool.",
        ),
        (
            f'<tbx xmlns="{NS}"><text><body><conceptEntry><langSec xml:lang="ko"/></conceptEntry></body></text></tbx>',
            "bad.tbx:1:1: error[import-no-id]: the conceptEntry has no 'id'. Give every concept its "
            "id, like 'annual-contract-value'.",
        ),
    ],
)
def test_files_that_are_not_tbx_are_refused(
    content: str, message: str, project: Path, capsys
) -> None:
    (project / "bad.tbx").write_text(content, "utf-8")
    assert _import(capsys, project / "bad.tbx") == (
        1,
        message + "\nNothing written because of the error(s) above.\n",
    )


def test_a_tbx_concept_twice_is_an_error(project: Path, capsys) -> None:
    raw = _export(capsys, "tbx", project / "all.tbx").decode("utf-8")
    entry = raw[raw.index("<conceptEntry") : raw.index("</conceptEntry>") + len("</conceptEntry>")]
    (project / "twice.tbx").write_text(raw.replace(entry, entry + entry, 1), "utf-8")
    code, out = _import(capsys, project / "twice.tbx")
    assert code == 1
    assert (
        "error[import-duplicate]: 'churn-rate' appears more than once in the file (first at line 18)."
        in out
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "{",
            "bad.json:1:2: error[import-bad-file]: the file cannot be read as JSON: Expecting property "
            "name enclosed in double quotes.",
        ),
        (
            "[]",
            "bad.json:1:1: error[import-bad-file]: the file cannot be read as JSON: it has no list of 'concepts'.",
        ),
        (
            '{"concepts": [{"category": "metrics"}]}',
            "bad.json:1:1: error[import-no-id]: concepts[0]: the concept has no 'id'. Give every "
            "concept its id, like 'annual-contract-value'.",
        ),
    ],
)
def test_json_problems(content: str, message: str, project: Path, capsys) -> None:
    (project / "bad.json").write_text(content, "utf-8")
    assert _import(capsys, project / "bad.json") == (
        1,
        message + "\nNothing written because of the error(s) above.\n",
    )


def test_the_format_comes_from_the_file_name(project: Path, capsys) -> None:
    (project / "terms.txt").write_text("", "utf-8")
    assert run_cli(capsys, "import", "terms.txt") == (
        2,
        "",
        "cannot tell the format of terms.txt from its name; add --format csv, tbx or json.\n",
    )
    assert run_cli(capsys, "import", "nope.csv") == (2, "", "nope.csv: no such file or folder.\n")


def test_export_refuses_term_files_with_errors(project: Path, capsys) -> None:
    churn = project / "terms" / "churn-rate.yaml"
    churn.write_text(
        churn.read_text("utf-8").replace("category: metrics", "category: metric"), "utf-8"
    )
    code, out, err = run_cli(capsys, "export", "--format", "csv")
    assert (code, out) == (1, "")
    assert (
        err.splitlines()[-1] == "nothing was exported because the term files have the errors above."
    )


# --- the site publishes the JSON export -----------------------------------------------------


def test_the_site_publishes_the_json_export(built_site: Path) -> None:
    config = load_config()
    api = built_site / "site" / "api" / "terms.json"
    concepts = load_glossary([built_site / "terms"], config=config, want_concepts=True).concepts
    from glossary.exchange.json import format_json

    published = api.read_text("utf-8")
    assert json.loads(published) == json.loads(format_json(concepts.values(), config))
    assert published.count("\n") == 1  # compact: one line


def test_an_update_keeps_comments_blank_lines_and_quotes(project: Path, capsys) -> None:
    """A real term file in block style, with quoted hashes, blank lines and a comment:
    only the changed values' lines change."""
    term_file = project / "terms" / "annual-contract-value.yaml"
    shutil.copy(GOLDEN / term_file.name, term_file)
    original = term_file.read_text("utf-8")
    concept = load_glossary([term_file], want_concepts=True).concepts["annual-contract-value"]
    acv = json.loads(json.dumps(concept_data(concept, load_config())))
    acv["tags"].append("pricing")
    acv["relations"][0]["type"] = "broader"
    acv["ko"]["translated_from"]["notes"] = "12345678"
    acv["sources"][0]["note"] = "Worked example of a four-year contract."
    acv["formula"]["examples"][0]["inputs"]["contract_years"] = 5
    acv["formula"]["examples"][0]["result"] = {
        "en": 20000,
        "ko": 20000000,
        "zh-Hans": 200000,
        "zh-Hant": 600000,
    }
    (project / "edited.json").write_text(
        json.dumps({"concepts": [acv]}, ensure_ascii=False), "utf-8"
    )
    code, out = _import(capsys, project / "edited.json", "--write")
    assert (code, out.splitlines()[-1]) == (
        0,
        "Wrote 1 file(s); 5 conflicting field(s) took the imported value.",
    )
    assert term_file.read_text("utf-8") == original.replace(
        "tags: [saas, revenue, contracts]", "tags: [saas, revenue, contracts, pricing]"
    ).replace('    notes: "6beb6f0a"\n\nzh-Hans:', '    notes: "12345678"\n\nzh-Hans:').replace(
        "  - type: see-also\n    target: total-contract-value",
        "  - type: broader\n    target: total-contract-value",
    ).replace("four-year, $100,000 contract.", "four-year contract.").replace(
        "contract_years: 4\n      result: {en: 25000, ko: 25000000, zh-Hans: 250000, zh-Hant: 750000}",
        "contract_years: 5\n      result: {en: 20000, ko: 20000000, zh-Hans: 200000, zh-Hant: 600000}",
    )
    assert "# Written once, on this side" in term_file.read_text("utf-8")


def test_designations_keep_the_files_order_when_the_csv_regroups_them(
    project: Path, capsys
) -> None:
    term_file = project / "terms" / "annual-contract-value.yaml"
    abbreviation = "    - term: ACV\n      type: abbreviation\n      status: admitted\n"
    admitted = "    - term: 연간 계약 금액\n      status: admitted\n"
    text = (GOLDEN / term_file.name).read_text("utf-8")
    term_file.write_text(text.replace(abbreviation + admitted, admitted + abbreviation, 1), "utf-8")
    concept = load_glossary([term_file], want_concepts=True).concepts["annual-contract-value"]
    rows = list(
        csv.DictReader(
            io.StringIO(format_csv([concept], load_config()).decode("utf-8-sig"), newline="")
        )
    )
    assert rows[1]["abbreviations"] == "ACV" and rows[1]["admitted"] == "연간 계약 금액"
    rows[1]["deprecated"] = "연간 계약 값\n  reason: 어색한 직역입니다."
    with (project / "acv.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, rows[0].keys(), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    assert _import(capsys, project / "acv.csv", "--write")[0] == 0
    assert (
        admitted + abbreviation + "    - term: 연간 계약 값\n      status: deprecated\n"
        "      reason: 어색한 직역입니다.\n"
    ) in term_file.read_text("utf-8")


# --- source notes in every language -----------------------------------------------------

CHURN_NOTE = {
    "en": "Worked example with 100 customers at the start of the quarter.",
    "ko": "분기 초 고객 100곳으로 계산한 예시입니다.",
    "zh-Hans": "以季度初 100 个客户计算的示例。",
    "zh-Hant": "以季初 100 個客戶計算的範例。",
}


@pytest.mark.parametrize("fmt", ["json", "csv", "tbx"])
def test_a_source_note_in_every_language_reads_back(fmt: str, project: Path, capsys) -> None:
    path = project / f"all.{fmt}"
    raw = _export(capsys, fmt, path)
    items, problems = read_import(fmt, path, raw, load_config())
    assert problems == []
    [churn] = [c for c in build_concepts(items, path, load_config()) if c.id == "churn-rate"]
    assert [dict(s.note) for s in churn.sources] == [CHURN_NOTE]
    assert _import(capsys, path) == (0, f"No changes: terms/ already matches {path.name}.\n")


def test_each_formats_form_of_a_note_per_language(project: Path, capsys) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(_export(capsys, "csv", project / "all.csv").decode("utf-8-sig"), newline="")
        )
    )
    assert rows[0]["sources"] == "document: 000_c067659218adfcd0.txt\n" + "\n".join(
        f"  note.{lang}: {text}" for lang, text in CHURN_NOTE.items()
    )
    root = etree.fromstring(_export(capsys, "tbx", project / "all.tbx"))
    notes = root.findall(".//tbx:conceptEntry[@id='churn-rate']/tbx:adminGrp/tbx:note", TBX)
    assert [(n.get("{http://www.w3.org/XML/1998/namespace}lang"), n.text) for n in notes] == [
        (None, "document: 000_c067659218adfcd0.txt"),
        *((lang, f"note: {text}") for lang, text in CHURN_NOTE.items()),
    ]


def test_a_plain_note_and_notes_per_language_in_one_sheet_cell(project: Path, capsys) -> None:
    cell = "document: 000_c067659218adfcd0.txt\n  note: The English note.\n  note.ko: 한국어 메모입니다."
    path = _edited_csv(project, capsys, **{"0_sources": cell})
    items, problems = read_import("csv", path, path.read_bytes(), load_config())
    assert problems == []
    assert items[0]["sources"] == [
        {
            "document": "000_c067659218adfcd0.txt",
            "note": {"en": "The English note.", "ko": "한국어 메모입니다."},
        }
    ]


def test_importing_notes_per_language_writes_them_in_place(project: Path, capsys) -> None:
    term_file = project / "terms" / "annual-contract-value.yaml"
    shutil.copy(GOLDEN / term_file.name, term_file)
    original = term_file.read_text("utf-8")
    concept = load_glossary([term_file], want_concepts=True).concepts["annual-contract-value"]
    acv = json.loads(json.dumps(concept_data(concept, load_config())))
    acv["sources"][0]["note"] = {"en": acv["sources"][0]["note"], "ko": "4년 계약 예시입니다."}
    acv["sources"][1]["note"] = {"en": "Second.", "ko": "두 번째입니다."}
    (project / "notes.json").write_text(json.dumps({"concepts": [acv]}, ensure_ascii=False))
    assert _import(capsys, project / "notes.json", "--write")[0] == 0
    assert term_file.read_text("utf-8") == original.replace(
        "    note: Worked example of a four-year, $100,000 contract.\n",
        "    note:\n      en: Worked example of a four-year, $100,000 contract.\n"
        "      ko: 4년 계약 예시입니다.\n",
    ).replace(
        "  - document: 004_116e38107ccedba7.txt\n\n",
        "  - document: 004_116e38107ccedba7.txt\n    note:\n      en: Second.\n"
        "      ko: 두 번째입니다.\n\n",
    )
