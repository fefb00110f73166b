"""Search on the real glossary, in real Chromium: every query of the evaluation set
(tests/search_queries.yaml) finds its concept in the top five, nine in ten at the top."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from glossary.search import build_lexicon, normalize

sys.path.insert(0, str(ROOT / "tooling" / "bench"))
from search_eval import evaluate_site, load_queries, summarize

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from glossary.site import Project, build_site

    root = tmp_path_factory.mktemp("real")
    for name in ("terms", "site_src"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    result = build_site(Project(root), root / "site")
    assert result.ok, [run.output[-2000:] for run in result.runs if not run.ok]
    return root / "site"


def test_the_evaluation_set_covers_every_pattern_in_every_language() -> None:
    queries = load_queries()
    assert set(queries) == {"en", "ko", "zh-Hans", "zh-Hant"}
    for lang, items in queries.items():
        assert len(items) >= 25, lang
        patterns = {item["pattern"].split(" (")[0] for item in items}
        assert {"acronym", "synonym", "deprecated", "other language"} <= patterns, lang
    assert {"particle"} <= {i["pattern"] for i in queries["ko"]}
    for lang in ("zh-Hans", "zh-Hant"):
        assert {"unspaced phrase", "other script"} <= {i["pattern"] for i in queries[lang]}


def test_recall_on_the_real_glossary(real_site: Path, browser) -> None:
    results = evaluate_site(real_site, browser)
    report = {lang: summarize(outcomes) for lang, outcomes in results.items()}
    misses = {
        lang: [
            (o["query"], o["expect"], o["found"])
            for o in outcomes
            if o["expect"] not in o["found"][:5]
        ]
        for lang, outcomes in results.items()
    }
    assert all(s["recall@5"] == 1 for s in report.values()), misses
    assert all(s["recall@1"] >= 0.9 for s in report.values()), report


def test_search_still_finds_definition_text(real_site: Path, browser) -> None:
    from browser import serve_directory

    with serve_directory(real_site) as url:
        page = browser.new_page()
        page.goto(f"{url}en/")
        box = page.locator("[data-md-component=search-query]")
        box.click()
        box.press_sequentially("evenly over the contract term")
        page.locator(".md-search-result__item a[href*='annual-contract-value']").first.wait_for(
            timeout=10000
        )
        page.close()


def test_the_lexicon_holds_every_designation_in_both_chinese_scripts(real_site: Path) -> None:
    import json

    lexicon = json.loads((real_site / "zh-hant" / "search-lexicon.json").read_text("utf-8"))
    keys = set(lexicon["keys"])
    assert {
        "转换铅",
        "轉換鉛",
        "特別提款權",
        "特别提款权",
        "acv",
        "연간 계약 가치",
        "연간계약가치",
    } <= keys
    assert lexicon["keys"] == sorted(lexicon["keys"], key=lambda k: k.encode("utf-16-be"))


def test_normalize_folds_width_case_and_separators() -> None:
    assert normalize("  ＡＣＶ ") == "acv"
    assert normalize("Closed-Won") == "closed won"
    assert normalize("B2B\u3000營收") == "b2b 營收"


def test_a_missing_concept_language_falls_back_to_the_source_language() -> None:
    from glossary.config import load_config
    from glossary.link import link_glossary
    from glossary.model import Concept, Designation, Entry

    entry = Entry("en", (Designation("lead", "preferred"),), definition="A person. More.")
    concept = Concept("lead", "leads", {"en": entry})
    lexicon = build_lexicon(
        link_glossary({"lead": concept}, load_config()), "ko", ["en", "ko", "zh-Hans", "zh-Hant"]
    )
    assert lexicon["concepts"] == [["lead", "lead", "A person."]]
    assert lexicon["keys"] == ["lead"]
