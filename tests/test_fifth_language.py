"""The language table is the one place that knows the languages: a glossary with a fifth
language (Japanese), configured in a copy of config.toml and nowhere else, checks and
builds into a complete site with no change to the code."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, make_site_project, run_glossary
from glossary.search import read_site_lexicon

JAPANESE = """
[[languages]]
tag = "ja"
name = "日本語"
required = false
slug = "ja"
locale = "ja_JP"
intl = "ja-JP"
theme = "ja"
search = ["ja", "en"]
currency = "JPY"
collation = "latin"
script = "Jpan"
messages = ""
"""
# a Japanese section for one concept, written as an editor would (a folded line is
# joined without a space, as in Chinese)
CHURN = """ja:
  terms:
    - term: 解約率
      status: preferred
    - term: チャーンレート
      status: admitted
  definition: >-
    一定期間に失った顧客の割合で、期首の顧客数に対する
    解約した顧客数の比率です。
  example: "「今四半期の解約率は 8% でした。」"
"""

ZH_HANT_NOTE = "      zh-Hant: 以季初 100 個客戶計算的範例。\n"
JA_NOTE = "      ja: 期首の顧客 100 社で計算した例です。\n"  # the source's note, in Japanese too


@pytest.fixture(scope="module")
def japanese_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("fifth-language"))
    config = root / "glossary.toml"
    text = (ROOT / "tooling" / "glossary" / "config.toml").read_text("utf-8")
    config.write_text(
        text.replace(
            "\n# Severity of each soft check", JAPANESE + "\n# Severity of each soft check", 1
        ),
        "utf-8",
    )
    churn = root / "terms" / "churn-rate.yaml"
    data = churn.read_text("utf-8")
    data = data.replace("\nrelations:", "\n" + CHURN + "\nrelations:", 1)
    churn.write_text(data.replace(ZH_HANT_NOTE, ZH_HANT_NOTE + JA_NOTE, 1), "utf-8")
    env = {**os.environ, "GLOSSARY_CONFIG": str(config)}
    for command in (["check", "--strict", "--no-cache"], ["build"]):
        result = run_glossary(root, *command, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_every_concept_has_a_page_in_the_fifth_language(japanese_site: Path) -> None:
    english = sorted(p.parent.name for p in (japanese_site / "en" / "terms").glob("*/index.html"))
    japanese = sorted(p.parent.name for p in (japanese_site / "ja" / "terms").glob("*/index.html"))
    assert english and japanese == english


def test_the_fifth_language_page_speaks_its_language(japanese_site: Path) -> None:
    page = (japanese_site / "ja" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert re.search(r'<html[^>]* lang="ja"', page)
    assert "解約率" in page and "チャーンレート" in page
    assert "期首の顧客数に対する解約した顧客数" in page  # the folded line joined without a space
    assert "期首の顧客 100 社で計算した例です。" in page and "with 100 customers" not in page
    # Material's own Japanese words (its "ja" pack), e.g. the search placeholder
    assert 'placeholder="検索"' in page
    # the other languages link to it, with its own name
    korean = (japanese_site / "ko" / "terms" / "churn-rate" / "index.html").read_text("utf-8")
    assert 'hreflang="ja"' in korean and "日本語" in korean


def test_the_root_sitemap_and_search_know_the_fifth_language(japanese_site: Path) -> None:
    assert "/ja/" in (japanese_site / "index.html").read_text("utf-8")
    sitemap = (japanese_site / "sitemap.xml").read_text("utf-8")
    assert 'hreflang="ja"' in sitemap and "/ja/terms/churn-rate/" in sitemap
    manifest, (keys, _) = read_site_lexicon(japanese_site / "ja")
    assert manifest["languages"] == 5
    assert "解約率" in keys
    _, (korean, _) = read_site_lexicon(japanese_site / "ko")
    assert "解約率" in korean  # a Japanese term finds the concept from any section
