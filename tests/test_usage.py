"""``deprecated-in-text``: deprecated designations used in definitions, examples, notes and
calculator labels, found with the linker's matcher and placed at the character inside
folded and quoted values. The fixtures under ``tests/fixtures/check/*/deprecated-in-text``
run the whole check; these tests pin each rule on its own, and the real corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli
from glossary.config import load_config, parse_config
from glossary.diagnostics import configure
from glossary.i18n import use_language
from glossary.index import index_document
from glossary.load import load_document, load_text
from glossary.usage import is_quoted, iter_usage_errors, quotations

NEGATIVE = FIXTURES / "check" / "negative" / "deprecated-in-text"


@pytest.fixture(autouse=True)
def _messages_in_english() -> None:
    """Messages are pinned in English here, whatever language an earlier test chose."""
    use_language("en")


# --- what is reported, and what is not -------------------------------------------------------

CONFIG = load_config()


def _check(*texts: tuple[str, str], designations=None, config=CONFIG) -> list[str]:
    """Run the check on texts ``(lang, text)`` of one file against a small glossary."""
    glossary = designations or {
        "opportunity": [
            ("en", "opportunity", "preferred", False),
            ("en", "sales chance", "deprecated", False),
            ("en", "OPP", "deprecated", True),
            ("ko", "영업 기회", "preferred", False),
            ("ko", "기회", "deprecated", False),
            ("zh-Hans", "商机", "preferred", False),
            ("zh-Hans", "销售机会", "deprecated", False),
        ],
        "customer": [("ko", "고객", "preferred", False)],
        "contact": [("ko", "연락처", "preferred", False), ("ko", "고객", "deprecated", False)],
        "sales-chance-model": [("en", "sales chance model", "admitted", False)],
    }
    anchors = (0, 1, 1)
    files = [(f"terms/{cid}.yaml", cid, tuple(found), ()) for cid, found in glossary.items()] + [
        (
            "terms/t.yaml",
            "t",
            (),
            tuple((f"{lang}.definition", lang, text, anchors) for lang, text in texts),
        )
    ]
    return [f"{d.column}: {d.field}: {d.message} {d.fix}" for d in iter_usage_errors(files, config)]


def test_the_report_names_the_form_the_concept_and_the_preferred_term() -> None:
    assert _check(("ko", "이 기회를 놓치면 안 돼요.")) == [
        "3: ko.definition: '기회' is a deprecated ko term for 'opportunity'. Write '영업 기회' "
        "instead. Quote the word if the text is about the word itself, or mark it 'link: "
        "never' in terms/opportunity.yaml if it is an everyday word here."
    ]


@pytest.mark.parametrize(
    "lang, text, found",
    [
        ("ko", "기회를 살피세요", ["기회"]),  # a particle after the word
        ("ko", "기회비용", []),  # part of a longer Korean word
        ("ko", "영업 기회를 살피세요", []),  # inside a longer designation
        ("zh-Hans", "这个销售机会很大", ["销售机会"]),  # no word boundaries in Chinese
        ("en", "two sales chances left", ["sales chances"]),  # an English plural
        ("en", "our sales chance model", []),  # inside a longer designation
        ("en", "the OPP team", ["OPP"]),
        ("en", "an opp or OPPS", []),  # an abbreviation only as written, on word boundaries
        ("ko", "고객이 늘었다", []),  # deprecated for one concept, preferred for another
        ("en", "기회를 살피세요", []),  # only in the language it is deprecated in
    ],
)
def test_matching_follows_the_linker(lang: str, text: str, found: list[str]) -> None:
    reported = _check((lang, text))
    assert [line.split("'")[1] for line in reported] == found


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("그는 “기회”라고 했다", True),
        ("그는 ‘기회’라고 했다", True),
        ("‘기회 관리’라는 말", True),  # a phrase in quotation marks
        ("「销售机会」的说法", True),
        ("『销售机会』的说法", True),
        ('the word "sales chance" here', True),
        ("don't say 'sales chance' here", True),
        ("`OPP` in code", True),
        ("“이 기회는 이번 분기에 닫아요.”", False),  # speech: a sentence in quotation marks
        ("「这个销售机会下周签。」", False),
    ],
)
def test_a_quoted_word_or_phrase_is_not_reported(text: str, quoted: bool) -> None:
    lang = "zh-Hans" if "销售" in text else ("en" if text.isascii() else "ko")
    assert bool(_check((lang, text))) is not quoted


def test_quotation_marks_pair_up_around_apostrophes() -> None:
    text = "the customer’s ‘close’ and don't 'win' it"
    assert [text[s:e] for s, e in quotations(text)] == ["close", "win"]
    assert is_quoted(text, text.index("win"), text.index("win") + 3)
    assert not is_quoted(text, text.index("customer"), text.index("customer") + 8)


def test_another_concepts_term_covers_a_form_only_where_it_matches_itself() -> None:
    glossary = {
        "style-sheet": [("en", "CSS", "preferred", True)],  # an abbreviation: as written
        "suite": [("en", "suite", "preferred", False), ("en", "css", "deprecated", False)],
    }
    reported = _check(("en", "the CSS file and the css team"), designations=glossary)
    assert [line.split(":")[0] for line in reported] == ["22"]


def test_a_form_deprecated_for_two_concepts_names_both() -> None:
    glossary = {
        "account": [("ko", "어카운트", "preferred", False), ("ko", "계정", "deprecated", False)],
        "user-account": [
            ("ko", "사용자 계정", "preferred", False),
            ("ko", "계정", "deprecated", False),
        ],
    }
    assert [
        line.split("'")[3] for line in _check(("ko", "계정을 만든다"), designations=glossary)
    ] == [
        "account",
        "user-account",
    ]


def test_without_a_preferred_term_the_fix_says_so() -> None:
    glossary = {"opportunity": [("ko", "기회", "deprecated", False)]}
    assert _check(("ko", "기회를 잡자"), designations=glossary) == [
        "1: ko.definition: '기회' is a deprecated ko term for 'opportunity'. Write the concept's "
        "preferred ko term instead. Quote the word if the text is about the word itself, or "
        "mark it 'link: never' in terms/opportunity.yaml if it is an everyday word here."
    ]


def test_the_severity_is_configuration() -> None:
    text = (ROOT / "tooling" / "glossary" / "config.toml").read_text("utf-8")
    assert 'deprecated-in-text = "warning"' in text
    off = parse_config(text.replace('deprecated-in-text = "warning"', 'deprecated-in-text = "off"'))
    error = parse_config(
        text.replace('deprecated-in-text = "warning"', 'deprecated-in-text = "error"')
    )
    assert _check(("ko", "기회를 잡자"), config=off) == []
    assert {d.severity for d in _run_on_negative_fixture(CONFIG)} == {"warning"}
    assert {d.severity for d in _run_on_negative_fixture(error)} == {"error"}


def _run_on_negative_fixture(config):
    docs = [load_document(p) for p in sorted(NEGATIVE.glob("*.yaml"))]
    index = [index_document(doc, config) for doc in docs]
    files = [(i.path, i.id, i.designations, i.texts) for i in index if i]
    return list(configure(iter_usage_errors(files, config), config))


def test_reasons_notes_of_designations_and_link_never_forms_are_not_checked() -> None:
    doc = load_text(
        Path("terms/x.yaml"),
        "id: x\nko:\n  terms:\n"
        "    - {term: 영업 기회, status: preferred, note: 기회라고도 한다}\n"
        "    - {term: 기회, status: deprecated, reason: 기회는 모호하다}\n"
        "    - {term: 찬스, status: deprecated, link: never, reason: 일상어}\n"
        "  definition: 찬스가 오면 영업 기회로 만든다.\n",
    )
    indexed = index_document(doc, CONFIG)
    assert indexed is not None
    assert [t[:3] for t in indexed.texts] == [
        ("ko.definition", "ko", "찬스가 오면 영업 기회로 만든다.")
    ]
    assert [d[1] for d in indexed.designations] == ["영업 기회", "기회"]


def test_calculator_labels_are_checked_in_their_language() -> None:
    doc = load_document(NEGATIVE / "pipeline-coverage.yaml")
    indexed = index_document(doc, CONFIG)
    assert indexed is not None
    fields = {t[0] for t in indexed.texts}
    assert {
        "formula.inputs[0].label.en",
        "formula.variant.ko",
        "formula.alternatives[0].label.zh-Hans",
        "formula.examples[0].description.zh-Hant",
    } <= fields
    assert "formula.expression" not in fields


# --- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "ko",
            "terms/opportunity.yaml:21:20: warning[deprecated-in-text]: ko.definition: '기회'는 "
            "'opportunity'에 쓰지 말아야 할 ko 표현(deprecated)입니다. '영업 기회'로 바꾸세요. 단어 "
            "자체를 다루는 문장이면 따옴표로 묶고, 여기서 일상어로 쓴 것이라면 "
            "terms/opportunity.yaml에서 그 표현에 'link: never'를 붙이세요.",
        ),
        (
            "zh-Hans",
            "terms/opportunity.yaml:30:49: warning[deprecated-in-text]: zh-Hans.definition: "
            "'销售机会' 是 'opportunity' 不建议使用的 zh-Hans 说法（deprecated）。请改用 '商机'。"
            "如果这句话谈的正是这个词本身，请给它加上引号；如果这里只是当作普通词语使用，请在 "
            "terms/opportunity.yaml 中给这个说法加上 'link: never'。",
        ),
        (
            "zh-Hant",
            "terms/opportunity.yaml:38:15: warning[deprecated-in-text]: zh-Hant.example: "
            "'銷售機會' 是 'opportunity' 不建議使用的 zh-Hant 說法（deprecated）。請改用 '商機'。"
            "如果這句話談的正是這個詞本身，請替它加上引號；如果這裡只是當作一般詞語使用，請在 "
            "terms/opportunity.yaml 中替這個說法加上 'link: never'。",
        ),
    ],
)
def test_the_warning_speaks_every_language(project: Path, capsys, lang: str, line: str) -> None:
    for path in NEGATIVE.glob("*.yaml"):
        shutil.copy(path, project / "terms" / path.name)
    code, out, _ = run_cli(capsys, "check", "--lang", lang, "terms/opportunity.yaml")
    assert code == 0
    assert line in out.splitlines()


def test_strict_fails_on_a_deprecated_form_and_a_fixed_text_passes(project: Path, capsys) -> None:
    for path in NEGATIVE.glob("*.yaml"):
        shutil.copy(path, project / "terms" / path.name)
    target = project / "terms" / "opportunity.yaml"
    code, out, _ = run_cli(capsys, "check", "--strict", "terms/opportunity.yaml")
    assert code == 1 and "ko.example: '기회' is a deprecated" in out
    source = target.read_text("utf-8")
    target.write_text(source.replace('"이 기회는', '"이 영업 기회는'), "utf-8")
    _, out, _ = run_cli(capsys, "check", "--strict", "terms/opportunity.yaml")
    assert "ko.example" not in out


def test_a_cached_file_meets_the_designations_as_they_are_now(project: Path, capsys) -> None:
    for path in NEGATIVE.glob("*.yaml"):
        shutil.copy(path, project / "terms" / path.name)
    label = "formula.inputs[0].label.ko: '기회' is a deprecated ko term"
    first = run_cli(capsys, "check", "terms/pipeline-coverage.yaml")[1]
    assert label in first
    assert run_cli(capsys, "check", "terms/pipeline-coverage.yaml")[1] == first  # from the cache
    declaring = project / "terms" / "opportunity.yaml"
    source = declaring.read_text("utf-8")
    declaring.write_text(
        source.replace(
            "{term: 기회, status: deprecated,", "{term: 기회, status: deprecated, link: never,"
        ),
        "utf-8",
    )
    now = run_cli(capsys, "check", "terms/pipeline-coverage.yaml")[1]
    assert label not in now
    assert (
        now.count("warning[deprecated-in-text]") == first.count("warning[deprecated-in-text]") - 1
    )


# --- the real glossary ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> list:
    docs = [load_document(p) for p in sorted((ROOT / "terms").glob("*.yaml"))]
    return [i for i in (index_document(doc, CONFIG) for doc in docs) if i]


def test_the_glossary_uses_no_deprecated_form_in_its_texts(corpus) -> None:
    files = [(i.path, i.id, i.designations, i.texts) for i in corpus]
    deprecated = [d for i in corpus for d in i.designations if d[2] == "deprecated"]
    assert len(deprecated) > 150  # the check has plenty to look for
    assert [d.format_text() for d in iter_usage_errors(files, CONFIG)] == []


def test_every_everyday_word_exempted_from_the_check_is_used_in_a_text(corpus) -> None:
    """``link: never`` on a deprecated term says texts use it as an everyday word: it must
    not become a blanket way to silence the check."""
    exempted = [
        (path.stem, lang, item["term"])
        for path in sorted((ROOT / "terms").glob("*.yaml"))
        for lang, entry in (load_document(path).data or {}).items()
        if isinstance(entry, dict)
        for item in entry.get("terms") or ()
        if item.get("status") == "deprecated" and item.get("link") == "never"
    ]
    assert exempted
    texts = {(lang, text) for i in corpus for _, lang, text, _ in i.texts}
    unused = [
        (cid, lang, term)
        for cid, lang, term in exempted
        if not any(text_lang == lang and term in text for text_lang, text in texts)
    ]
    assert unused == []
