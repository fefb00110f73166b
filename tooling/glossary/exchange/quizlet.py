"""Quizlet's import: one card per line, the term and its definition separated by a tab
(Quizlet's default "between term and definition: tab, between cards: new line"). Quizlet
asks for either side by itself, so only the term → definition cards are written. A tab or
line break inside a text would start another field or card: any run of white space
becomes one space."""

from __future__ import annotations

from glossary.exchange.cards import Deck

KIND = "term"


def quizlet_text(text: str) -> str:
    return " ".join(text.split())


def format_quizlet(deck: Deck) -> bytes:
    lines = [
        f"{quizlet_text(card.front)}\t{quizlet_text(card.back)}\n"
        for card in deck.cards
        if card.kind == KIND
    ]
    return "".join(lines).encode("utf-8")
