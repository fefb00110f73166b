"""Korean particles that agree with the word before them.

A Korean message written with both forms of a particle (``{label}은(는)``, ``을(를)``,
``이(가)``, ``과(와)``, ``(으)로``) gets the one the word calls for: 은/이/을/과/으로 after
a final consonant (받침), 는/가/를/와/로 after a vowel (and 로 after ㄹ as well). Numbers
and capital letters are judged by how they are read (``3``: 삼, ``ARR``: 알); a word whose
reading cannot be told from its spelling (``retention-rate``, ``SaaS``) keeps both forms.
A parenthesis before the particle is skipped, as Korean writing has the particle agree
with the word outside it (연간 반복 매출(ARR)을); closing quotes are looked through.

``site_src/assets/particles.mjs`` is the same rule for the browser; both are held to the
cases in ``tests/js/particles.json``."""

from __future__ import annotations

import re

# marker → (after a final consonant, after a vowel)
PAIRS = {
    "은(는)": ("은", "는"),
    "는(은)": ("은", "는"),
    "이(가)": ("이", "가"),
    "가(이)": ("이", "가"),
    "을(를)": ("을", "를"),
    "를(을)": ("을", "를"),
    "과(와)": ("과", "와"),
    "와(과)": ("과", "와"),
    "(으)로": ("으로", "로"),
}
_MARKER = re.compile("|".join(re.escape(marker) for marker in PAIRS))

NONE, RIEUL, OTHER = "none", "rieul", "other"  # the final sound: none, ㄹ, another consonant
_DIGITS = [OTHER, RIEUL, NONE, OTHER, NONE, NONE, OTHER, RIEUL, RIEUL, NONE]  # 영 일 이 삼 …
_LETTERS = {letter: NONE for letter in "ABCDEFGHIJKOPQSTUVWXYZ"} | {
    "L": RIEUL,  # 엘
    "M": OTHER,  # 엠
    "N": OTHER,  # 엔
    "R": RIEUL,  # 알
}
_CLOSING = "'\"’”」』》〉"
_OPENING = {")": "(", "）": "（", "]": "["}
_NUMBER = re.compile(r"[0-9][0-9,]*(\.[0-9]+)?$")


def attach_particles(text: str) -> str:
    """``text`` with every two-form particle replaced by the form its word calls for."""
    return _MARKER.sub(lambda match: _choose(text[: match.start()], match.group()), text)


def _choose(before: str, marker: str) -> str:
    final = final_sound(before)
    if final is None:
        return marker
    with_consonant, with_vowel = PAIRS[marker]
    if marker == "(으)로" and final == RIEUL:
        return with_vowel
    return with_vowel if final == NONE else with_consonant


def final_sound(text: str) -> str | None:
    """How the last word of ``text`` ends when read aloud: ``NONE`` (a vowel), ``RIEUL``
    (ㄹ) or ``OTHER`` (another consonant); None when it cannot be told."""
    text = _looked_through(text)
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return NONE if final == 0 else RIEUL if final == 8 else OTHER
    if last.isascii() and last.isdigit():
        return _number_sound(_NUMBER.search(text))
    if last == "%":
        return NONE  # 퍼센트
    word = re.search(r"[A-Za-z]+$", text)
    if word and word.group().isupper():
        return _LETTERS[last]  # an acronym is read letter by letter: ARR → 에이알알
    return None


def _looked_through(text: str) -> str:
    """``text`` without what a particle looks through at its end: closing quotes and a
    parenthesis: ``'매출(ARR)'`` → ``'매출``."""
    while True:
        text = text.rstrip().rstrip(_CLOSING).rstrip()
        start = text.rfind(_OPENING[text[-1]]) if text and text[-1] in _OPENING else -1
        if start <= 0:
            return text
        text = text[:start]


def _number_sound(match: re.Match[str] | None) -> str:
    """The final sound of a number read in Sino-Korean: 3 삼, 10 십, 100 백, 1,000 천,
    10,000 만 (and 십만 … 천만), 10⁸ 억, 10¹² 조; digits after a decimal point, and a
    lone zero (영), are read one by one."""
    digits = (match.group() if match else "0").replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    if "." in digits or zeros == 0 or zeros == len(digits):
        return _DIGITS[int(digits[-1])]
    return NONE if 12 <= zeros < 16 else OTHER  # 조 ends in a vowel; 십 백 천 만 억 경 do not
