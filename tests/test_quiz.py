"""Flashcards' data and quizzes made from the real glossary (issue #18, parts 2 and 3): the
same glossary and seed give the same quiz, distractors are near the answer but never it,
metric questions are worked out by the formula engine, and the practice and quiz scripts
stay within their size budget."""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT
from glossary.config import load_config
from glossary.formula.display import format_value
from glossary.formula.evaluate import evaluate
from glossary.formula.metric import RESULT
from glossary.link import link_glossary
from glossary.pipeline import load_glossary
from glossary.practice import card_data, mask_names
from glossary.quiz import SEEDS, QuizMaker, quiz_scopes, render_practice_pages
from glossary.render import LanguageView, SiteSettings
from glossary.ui import ui_strings

LANGUAGES = ("en", "ko", "zh-Hans", "zh-Hant")
SETTINGS = SiteSettings("https://glossary.example.com/", "")
FIRST_WEEK = ("lead", "opportunity", "sales-pipeline", "nope")
QUIZ_METRICS = ROOT / "tests" / "js" / "quiz-metrics.json"


@pytest.fixture(scope="module")
def linked():
    checked = load_glossary([ROOT / "terms"], want_concepts=True)
    linked = link_glossary(checked.concepts, load_config())
    return replace(linked, metrics=checked.metrics, paths=checked.paths)


def view_of(linked, lang: str) -> LanguageView:
    return LanguageView(linked, load_config(), lang, SETTINGS)


@pytest.fixture(scope="module")
def quizzes(linked) -> dict[str, list]:
    """Every quiz of every language: (language, scope, seed, questions)."""
    out = {}
    for lang in LANGUAGES:
        view = view_of(linked, lang)
        maker = QuizMaker(view)
        out[lang] = [
            (scope, seed, maker.quiz(scope.ids, seed, scope.questions, scope.key))
            for scope in quiz_scopes(view)
            for seed in SEEDS
        ]
    return out


def _questions(quizzes, lang=None):
    for language, made in quizzes.items():
        if lang in (None, language):
            for _, _, questions in made:
                yield from ((language, q) for q in questions)


def test_the_same_glossary_and_seed_give_the_same_quiz(linked) -> None:
    scope = quiz_scopes(view_of(linked, "ko"))[0]
    first = QuizMaker(view_of(linked, "ko")).quiz(scope.ids, 3, 10, scope.key)
    again = QuizMaker(view_of(linked, "ko")).quiz(scope.ids, 3, 10, scope.key)
    other = QuizMaker(view_of(linked, "ko")).quiz(scope.ids, 4, 10, scope.key)
    assert [q.data("", "") for q in first] == [q.data("", "") for q in again]
    assert [q.data("", "") for q in first] != [q.data("", "") for q in other]
    assert len(first) == 10


def test_every_quiz_is_full_and_mixes_kinds(linked, quizzes) -> None:
    for lang, made in quizzes.items():
        for scope, seed, questions in made:
            assert len(questions) == 10, (lang, scope.key, seed)
            assert len({q.concept for q in questions}) >= 8, (lang, scope.key, seed)
            available = QuizMaker(view_of(linked, lang))._pools(scope.ids)
            wanted = min(3, sum(1 for pool in available.values() if pool))
            assert len({q.kind for q in questions}) >= wanted, (lang, scope.key, seed)
    kinds = {q.kind for _, q in _questions(quizzes)}
    assert kinds == {"term", "avoid", "letter", "translate", "compute", "solve"}


def test_distractors_differ_from_the_answer_and_come_from_its_neighbours(linked, quizzes) -> None:
    relations = linked.relations
    far = []
    for lang, q in _questions(quizzes):
        if not q.options:
            continue
        assert len(q.options) == len(set(q.options)) >= 3, q
        assert q.options[int(q.answer)] not in {
            q.options[i] for i in range(len(q.options)) if i != q.answer
        }
        if q.kind not in ("term", "translate"):
            continue
        concept = linked.concepts[q.concept]
        for other_id in q.distractors:
            other = linked.concepts[other_id]
            near = (
                any(target == other_id for _, target in relations[q.concept])
                or other.category == concept.category
                or set(other.tags) & set(concept.tags)
            )
            if not near:
                far.append((lang, q.concept, other_id))
    assert far == []


def test_a_definition_question_does_not_give_its_term_away(quizzes) -> None:
    for lang, q in _questions(quizzes):
        if q.kind == "term":
            answer = q.options[int(q.answer)]
            name = answer.split(" (")[0].split("（")[0].split("(")[0]
            if name.isascii():  # a whole word: "prospecting" does not name a prospect
                assert not re.search(rf"\b{re.escape(name)}\b", q.quote, re.I), q.quote
            else:
                assert name not in q.quote, (lang, q.quote)


def test_masking_keeps_other_words_whole() -> None:
    assert mask_names("Leads and a leader: lead.", ["lead"], "en") == "___ and a leader: ___."
    assert mask_names("리드를 검증합니다", ["리드"], "ko") == "＿＿를 검증합니다"


def test_avoid_questions_offer_one_deprecated_wording_and_say_why(linked, quizzes) -> None:
    found = 0
    for lang, q in _questions(quizzes):
        if q.kind != "avoid":
            continue
        found += 1
        deprecated = {
            d.term
            for c in linked.concepts.values()
            if (e := c.entry(lang))
            for d in e.designations
            if d.status in ("deprecated", "superseded")
        }
        assert [o for o in q.options if o in deprecated] == [q.options[int(q.answer)]]
        entry = linked.concepts[q.concept].entry(lang)
        wording = next(d for d in entry.designations if d.term == q.options[int(q.answer)])
        assert wording.reason and wording.reason in q.explanation
    assert found > 20


def test_framework_letters_are_read_from_the_term_files(linked) -> None:
    letters = QuizMaker(view_of(linked, "en")).letters
    assert letters["bant"] == (
        "BANT",
        {"budget": "B", "authority": "A", "need": "N", "timeline": "T"},
    )
    assert letters["champ"][1] == {
        "challenges": "C",
        "authority": "A",
        "budget": "M",
        "prioritization": "P",
    }
    assert letters["meddic"][1]["economic-buyer"] == "E"
    assert letters["meddic"][1]["champion"] == "C"
    import random

    question = QuizMaker(view_of(linked, "ko")).ask_letter("need", random.Random(1))
    assert question is not None
    assert question.prompt == "BANT에서 ‘니즈’를 나타내는 글자는 무엇입니까?"
    assert question.options == ("B", "A", "N", "T") and question.answer == 2
    assert question.explanation.startswith("BANT에서 N은 니즈를 뜻합니다. 니즈는")


def test_metric_questions_are_worked_out_by_the_formula_engine(linked, quizzes) -> None:
    checked = 0
    for lang, q in _questions(quizzes):
        if q.kind not in ("compute", "solve"):
            continue
        checked += 1
        metric = linked.metrics[q.concept]
        assert evaluate(q.ast, q.env) == q.answer
        unit = metric.result if q.kind == "compute" else None
        if q.kind == "solve":
            # the answer put back into the formula gives the result the question states
            target = next(i["name"] for i in metric.inputs if i["name"] not in q.env)
            values = {**{k: v for k, v in q.env.items() if k != RESULT}, target: q.answer}
            assert math.isclose(evaluate(metric.ast, values), q.env[RESULT], rel_tol=1e-9)
            unit = metric.input(target)
        assert unit is not None
        shown = format_value(
            q.answer,
            unit.get("unit", "number"),
            lang,
            q.currency or None,
            unit.get("decimals"),
            ui_strings()[lang],
            unit.get("per") if q.kind == "compute" else None,
        )
        assert q.shown == shown
    assert checked > 50


def test_amounts_are_in_the_page_languages_currency(linked) -> None:
    import random

    for lang, sign in (("en", "$"), ("ko", "₩"), ("zh-Hans", "¥"), ("zh-Hant", "$")):
        question = QuizMaker(view_of(linked, lang)).ask_metric(
            "customer-acquisition-cost", random.Random(7), solve=False
        )
        assert question is not None and question.unit == "currency"
        assert sign in question.givens[0][1], question.givens
        assert question.currency == load_config().language(lang).currency


def test_a_solved_input_comes_out_as_a_person_would_write_it(quizzes) -> None:
    """The result is stated exactly, so working back gives the input that was drawn."""
    crooked = [
        (lang, q.concept, q.shown)
        for lang, q in _questions(quizzes)
        if q.kind == "solve" and q.unit == "count" and q.answer != round(q.answer)
    ]
    assert len(crooked) <= 2, crooked


def test_the_quiz_fixture_for_the_browser_is_current(linked, update_goldens: bool) -> None:
    """Metric questions as the browser gets them: tests/js/quiz.test.mjs evaluates them
    with the calculator's evaluator and must find the build's answers."""
    view = view_of(linked, "ko")
    scope = next(s for s in quiz_scopes(view) if s.key == "metrics")
    maker = QuizMaker(view)
    cases = [
        q.data("", "")
        for seed in SEEDS
        for q in maker.quiz(scope.ids, seed, scope.questions, scope.key)
        if q.kind in ("compute", "solve")
    ]
    text = json.dumps(cases, ensure_ascii=False, indent=0) + "\n"
    if update_goldens:
        QUIZ_METRICS.write_text(text, "utf-8")
    assert QUIZ_METRICS.read_text("utf-8") == text, "run pytest --update-goldens"


def test_the_pages_and_their_data_files(linked) -> None:
    pages = {
        p.path: p.text for p in render_practice_pages(linked, load_config(), "zh-Hant", SETTINGS)
    }
    categories = [
        key
        for key in load_config().categories
        if any(c.category == key for c in linked.concepts.values())
    ]
    assert set(pages) == {
        "practice/index.md",
        "practice/cards.json",
        "quiz/index.md",
        "quiz/all.json",
        *(f"quiz/{key}.md" for key in categories),
        *(f"quiz/{key}.json" for key in categories),
        *(f"paths/{pid}/quiz.{ext}" for pid in linked.paths for ext in ("md", "json")),
    }
    assert len(linked.paths) >= 4
    quiz = json.loads(pages["quiz/metrics.json"])
    assert sorted(quiz["seeds"]) == [str(s) for s in SEEDS]
    assert quiz["seeds"]["1"][0]["link"].startswith("../../terms/")
    assert 'data-src="../../quiz/metrics.json"' in pages["quiz/metrics.md"]
    assert 'src="../../assets/quiz.mjs"' in pages["quiz/metrics.md"]
    assert 'data-src="../practice/cards.json"' in pages["practice/index.md"]
    assert '<option value="category:metrics">指標</option>' in pages["practice/index.md"]


def test_cards_hold_every_kind_the_page_offers(linked) -> None:
    data = card_data(view_of(linked, "zh-Hant"), {})
    bant = next(c for c in data["concepts"] if c["id"] == "bant")
    assert bant["term"] == "BANT" and bant["other"] == {"en": "BANT"}
    assert ["領先資格框架", bant["avoid"][0][1]] == bant["avoid"][0]
    assert "BANT" not in bant["clue"] and bant["def"].startswith("BANT 是")
    english = card_data(view_of(linked, "en"), {})
    lead = next(c for c in english["concepts"] if c["id"] == "lead")
    assert set(lead["other"]) == {"ko", "zh-Hans", "zh-Hant"}


def test_practice_and_quiz_scripts_stay_within_15_kb_gzipped() -> None:
    assets = ROOT / "site_src" / "assets"
    names = ["practice.mjs", "leitner.mjs", "quiz.mjs"]
    size = sum(len(gzip.compress((assets / name).read_bytes(), 9)) for name in names)
    assert size <= 15 * 1024, f"{size} bytes gzipped"


def test_every_practice_and_quiz_word_is_in_every_language() -> None:
    strings = ui_strings()
    keys = {k for k in strings["en"] if k.startswith(("practice_", "quiz_"))}
    assert len(keys) > 50
    for lang in LANGUAGES:
        assert keys <= set(strings[lang]), lang
        for key in keys:
            if lang != "en":
                assert strings[lang][key] != strings["en"][key] or "{" in key, (lang, key)


def test_data_files_are_not_counted_as_pages(tmp_path: Path) -> None:
    from glossary.site import RenderWork, _render_task

    config = load_config()
    checked = load_glossary([ROOT / "tests" / "fixtures" / "site" / "terms"], want_concepts=True)
    linked = link_glossary(checked.concepts, config)
    made = _render_task(RenderWork(linked, config, SETTINGS, [], tmp_path), "en")
    assert all(path.endswith(".md") for path in made.pages["en"])
    assert (tmp_path / "en" / "practice" / "cards.json").is_file()


def test_learning_paths_get_a_deck_and_a_quiz_of_their_length(linked) -> None:
    """Each learning path (``Linked.paths``) gets a deck on the flashcards page and, when
    it asks for one, a quiz of its length at ``paths/<id>/quiz/``."""
    from glossary.learning import LearningPath, PathText, Step

    def path(pid: str, titles: dict, concepts: tuple, questions: int | None) -> LearningPath:
        texts = {lang: PathText(title, "") for lang, title in titles.items()}
        return LearningPath(pid, 1, texts, tuple(Step(c) for c in concepts), questions)

    week = path("week-1", {"en": "Your first week", "ko": "첫 주"}, FIRST_WEEK, 3)
    plain = path("plain", {"en": "Plain"}, (), None)
    with_paths = replace(linked, paths={"week-1": week, "plain": plain})
    pages = {
        p.path: p.text for p in render_practice_pages(with_paths, load_config(), "ko", SETTINGS)
    }
    assert '<option value="path:week-1">첫 주</option>' in pages["practice/index.md"]
    assert '<option value="path:plain">Plain</option>' in pages["practice/index.md"]
    cards = json.loads(pages["practice/cards.json"])
    assert cards["paths"]["week-1"] == ["lead", "opportunity", "sales-pipeline"]
    assert "paths/plain/quiz.md" not in pages
    quiz = json.loads(pages["paths/week-1/quiz.json"])
    assert [len(questions) for questions in quiz["seeds"].values()] == [3] * len(SEEDS)
    assert {q["c"] for qs in quiz["seeds"].values() for q in qs} <= {
        "lead",
        "opportunity",
        "sales-pipeline",
    }
    page = pages["paths/week-1/quiz.md"]
    assert 'data-src="../../../paths/week-1/quiz.json"' in page
    assert "퀴즈: 첫 주" in page and 'href="../../../practice/?deck=path:week-1"' in page
    assert quiz["seeds"]["1"][0]["link"].startswith("../../../terms/")
