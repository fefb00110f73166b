"""Flashcards and quizzes in real Chromium on the built fixture site: a flashcard session
whose schedule advances and survives a reload, driven from the keyboard; a quiz answered
right and wrong, its summary, and the shared link that reproduces the summary."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def _state(page, lang: str) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('glossary:cards:{lang}') || '{{}}'"))


def test_a_flashcard_session_advances_the_schedule_and_survives_a_reload(
    page, site_url: str
) -> None:
    page.goto(f"{site_url}en/practice/?deck=category:metrics")
    front = page.locator("[data-front]")
    front.wait_for()
    assert page.locator("[data-deck]").input_value() == "category:metrics"
    stats = page.locator("[data-stats]")
    assert stats.inner_text() == "Due now: 0 · New: 6 · Learned: 0"
    first = front.inner_text()
    assert page.locator("[data-card-kind]").inner_text() == "Term → definition"
    assert page.locator("[data-status]").inner_text() == f"Term → definition: {first}"
    assert page.locator("[data-back]").is_hidden()

    page.keyboard.press("Space")  # nothing focused: the page's own key
    assert page.locator("[data-back]").is_visible()
    assert page.evaluate("document.activeElement.dataset.grade") == "3"
    assert "/en/terms/" in page.locator("[data-back] a").get_attribute("href")
    page.keyboard.press("ArrowRight")  # good
    assert page.locator("[data-back]").is_hidden()
    second = front.inner_text()
    assert second != first
    assert stats.inner_text() == "Due now: 0 · New: 5 · Learned: 1"
    assert page.evaluate("document.activeElement.dataset.flip") == ""  # the flip button

    page.keyboard.press("Enter")  # on the focused button
    page.keyboard.press("1")  # again: back to box 1, shown again this session
    cards = _state(page, "en")["cards"]
    assert [value[0] for value in cards.values()] == [2, 1]
    assert len(cards) == 2

    page.reload()
    front.wait_for()
    assert stats.inner_text() == "Due now: 0 · New: 4 · Learned: 1"
    assert front.inner_text() not in (first, second)
    page.locator("[data-flip]").click()
    page.locator('[data-grade="4"]').click()
    assert [value[0] for value in _state(page, "en")["cards"].values()] == [2, 1, 3]


def test_cards_across_languages_show_the_other_language_as_such(page, site_url: str) -> None:
    page.goto(f"{site_url}ko/practice/")
    page.locator("[data-front]").wait_for()
    for kind in ("td", "dt", "avoid"):
        page.locator(f'[data-kind="{kind}"]').uncheck()
    page.locator('[data-kind="x:en"]').check()
    assert page.locator("[data-card-kind]").inner_text() == "영어 용어"
    page.evaluate("document.activeElement.blur()")  # a key on the checkbox is the checkbox's
    page.keyboard.press("Space")
    back = page.locator("[data-back]")
    assert back.get_attribute("lang") == "en"
    page.keyboard.press("3")
    front = page.locator("[data-front]")
    assert front.get_attribute("lang") == "en"  # the other way round next


def _quiz(page, site_url: str, path: str, seed: str) -> list[dict]:
    page.goto(f"{site_url}{path}#s={seed}")
    page.locator("[data-prompt]").wait_for()
    src = page.locator("[data-quiz]").get_attribute("data-src")
    return page.evaluate(
        "async (src) => (await (await fetch(new URL(src, location.href))).json())",
        src,
    )["seeds"][seed]


def _answer(page, question: dict, right: bool) -> None:
    if "o" in question:
        index = question["a"] if right else (question["a"] + 1) % len(question["o"])
        page.locator("[data-options] input").nth(index).check()
    else:
        value = question["a"] * (100 if question["unit"] == "percent" else 1)
        page.locator("#gl-quiz-number").fill(str(value if right else value * 3 + 1))
    page.locator("[data-check]").click()


def test_a_quiz_answered_right_and_wrong_ends_with_a_shareable_summary(page, site_url: str) -> None:
    questions = _quiz(page, site_url, "en/quiz/metrics/", "2")
    assert page.locator("[data-progress]").inner_text() == f"Question 1 of {len(questions)}"
    assert page.locator("[data-prompt]").inner_text() == questions[0]["p"]

    page.locator("[data-check]").click()  # nothing chosen yet
    problem = page.locator("[data-problem]")
    assert problem.inner_text() in ("Choose an answer.", "Type a number.")

    _answer(page, questions[0], right=True)
    feedback = page.locator("[data-feedback]")
    assert feedback.locator("p").first.inner_text() == "Right."
    assert questions[0]["x"].split("\n")[0] in feedback.inner_text()
    link = feedback.locator("a")
    assert link.inner_text() == f"Read about {questions[0]['t']}"
    assert link.get_attribute("href") == questions[0]["link"]
    assert page.evaluate("document.activeElement.dataset.next") == ""
    page.keyboard.press("Enter")

    _answer(page, questions[1], right=False)
    assert feedback.locator("p").first.inner_text() == "Not quite."
    assert "Right answer: " in feedback.inner_text()
    page.locator("[data-next]").click()

    for question in questions[2:]:
        _answer(page, question, right=True)
        page.locator("[data-next]").click()
    summary = page.locator("[data-summary]")
    assert summary.is_visible()
    total = len(questions)
    assert page.locator("[data-score]").inner_text() == (
        f"You answered {total - 1} of {total} questions correctly."
    )
    results = page.locator("[data-results] li")
    assert results.count() == total
    assert results.nth(1).inner_text().startswith("Not quite.")
    assert page.evaluate("document.activeElement.dataset.summary") == ""

    share = page.locator("[data-share]")
    share.click()
    assert page.locator("[data-copied]").is_visible()
    shared = page.url
    assert "#s=2&a=" in shared

    other = page.context.new_page()  # a colleague opens the link
    other.goto(shared)
    other.locator("[data-score]").wait_for()
    assert other.locator("[data-score]").inner_text() == page.locator("[data-score]").inner_text()
    assert (
        other.locator("[data-results]").inner_text() == page.locator("[data-results]").inner_text()
    )
    other.close()


def test_the_home_and_category_pages_lead_to_practice(page, site_url: str) -> None:
    page.goto(f"{site_url}zh-hant/")
    page.get_by_role("link", name="字卡", exact=True).click()
    page.locator("[data-front]").wait_for()  # loaded by instant navigation too
    page.goto(f"{site_url}zh-hant/categories/metrics/")
    page.get_by_role("link", name="做本類測驗").click()
    page.locator("[data-prompt]").wait_for()
    assert page.title().startswith("測驗：指標")
