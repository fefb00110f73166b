"""quiz: quizzes generated from the glossary at build time (issue #18, part 3).

A quiz is drawn from a scope (the whole glossary, a category, a learning path) with a
seed: ``random.Random`` seeded with a string is the same on every machine and run, so the
same glossary and seed give the same quiz. Questions:

- ``term``: which term matches this definition (the concept's own names blanked out);
- ``avoid``: which of these wordings the glossary advises against, and why;
- ``letter``: which letter of an acronym framework (BANT, CHAMP, MEDDIC) stands for one of
  its parts, the letters read from the parts' English names (``part-of`` relations);
- ``translate``: the term in another language;
- ``compute`` / ``solve``: a metric's result from generated inputs, or an input from the
  result and the others, worked out with the formula engine (``glossary.formula``) and,
  in the browser, with the calculator's evaluator on the same AST.

Distractors come from the concepts a reader could confuse with the answer: related ones
first, then the same category sharing a tag, the same category, a shared tag."""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from glossary.config import Config, language
from glossary.formula.display import (
    decimals_for,
    format_value,
    render_expression,
    resolved_decimals,
)
from glossary.formula.evaluate import evaluate
from glossary.formula.examples import localize_example
from glossary.formula.grammar import FormulaError
from glossary.formula.metric import RESULT, Metric
from glossary.link import Linked
from glossary.particles import attach_particles
from glossary.practice import _language_name, clue, partner_languages, render_practice, title_in
from glossary.render import (
    LanguageView,
    Page,
    SiteSettings,
    _alternates,
    _front_matter,
    first_sentence,
)

QUESTIONS = 10  # a quiz's length, unless its learning path says otherwise
SEEDS = (1, 2, 3, 4, 5)  # the quizzes built for each scope; a page offers them in turn
OPTIONS = 4  # answers offered by a multiple-choice question
KINDS = ("term", "avoid", "letter", "translate", "compute", "solve")
FACTORS = (0.5, 0.6, 0.75, 0.8, 1.2, 1.25, 1.5, 2.0)  # a worked example's values, varied
UI_KEYS = (
    "quiz_progress",
    "quiz_check",
    "quiz_next",
    "quiz_finish",
    "quiz_right",
    "quiz_wrong",
    "quiz_answer_was",
    "quiz_read",
    "quiz_score",
    "quiz_your_answer",
    "quiz_no_answer",
    "quiz_choose",
    "quiz_number",
    "quiz_again",
    "quiz_copied",
    "quiz_error",
)


@dataclass(frozen=True)
class Question:
    """One question as the page asks it: the ``prompt`` (interface words), what it is asked
    about (``quote``: a definition, or ``givens``: a metric's values), and either
    ``options`` with the index of the right one, or a number worked out by ``ast`` from
    ``env`` (within ``tolerance``) and shown as ``shown``."""

    kind: str
    concept: str
    prompt: str
    explanation: str
    quote: str = ""
    givens: tuple[tuple[str, str], ...] = ()
    options: tuple[str, ...] = ()
    answer: int | float = 0
    ast: list | None = field(default=None, repr=False)
    env: dict | None = field(default=None, repr=False)
    unit: str = ""
    tolerance: float = 0.0
    shown: str = ""
    currency: str = ""
    distractors: tuple[str, ...] = field(default=(), repr=False)  # their concepts

    def data(self, link: str, term: str) -> dict:
        """The question as the page's script takes it (``link``: the concept's page, named
        ``term``)."""
        out: dict = {"k": self.kind, "c": self.concept, "t": term, "link": link}
        out["p"] = self.prompt
        out["x"] = self.explanation
        if self.quote:
            out["q"] = self.quote
        if self.givens:
            out["g"] = [list(g) for g in self.givens]
        if self.options:
            out |= {"o": list(self.options), "a": self.answer}
        else:
            out |= {"ast": self.ast, "env": self.env, "unit": self.unit}
            out |= {"tol": self.tolerance, "a": self.answer, "shown": self.shown}
            out |= {"cur": self.currency} if self.unit == "currency" else {}
        return out


@dataclass(frozen=True)
class Scope:
    """What a quiz is drawn from: ``key`` names its data file, ``path`` its page."""

    key: str
    path: str  # the page, e.g. "quiz/metrics.md"
    title: str
    ids: tuple[str, ...]
    questions: int = QUESTIONS


class QuizMaker:
    """The questions one language's pages can ask, and quizzes drawn from them."""

    def __init__(self, view: LanguageView):
        self.view = view
        self.lang, self.ui, self.linked = view.lang, view.ui, view.linked
        self.source = view.config.source_language
        self.unspaced = language(self.lang).is_unspaced
        self._pooled: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}

    # ---- who could be taken for whom ---------------------------------------------

    @cached_property
    def _groups(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The concepts of each category and of each tag, by id."""
        by_category: dict[str, list[str]] = {}
        by_tag: dict[str, list[str]] = {}
        for cid in sorted(self.linked.concepts):
            concept = self.linked.concepts[cid]
            by_category.setdefault(concept.category or "", []).append(cid)
            for tag in concept.tags:
                by_tag.setdefault(tag, []).append(cid)
        return by_category, by_tag

    def _tiers(self, cid: str) -> Iterator[list[str]]:
        """The others in tiers, nearest first: related, same category sharing a tag, same
        category, a shared tag, the rest (worked out only as far as they are asked for)."""
        concept = self.linked.concepts[cid]
        by_category, by_tag = self._groups
        related = sorted({t for _, t in self.linked.relations.get(cid, ())} - {cid})
        tagged = {other for tag in concept.tags for other in by_tag.get(tag, ())}
        same = [o for o in by_category.get(concept.category or "", ()) if o != cid]
        done = {cid, *related}
        yield related
        for tier in (
            [o for o in same if o in tagged],
            [o for o in same if o not in tagged],
            sorted(tagged - set(same)),
        ):
            yield [o for o in tier if o not in done]
            done.update(tier)
        yield [o for o in sorted(self.linked.concepts) if o not in done]

    def neighbours(self, cid: str, rng: random.Random) -> Iterator[str]:
        """The concepts a reader could take ``cid`` for, nearest first (each tier in an
        order drawn from ``rng``, shuffled only when reached)."""
        for tier in self._tiers(cid):
            shuffled = list(tier)
            rng.shuffle(shuffled)
            yield from shuffled

    def _choose(
        self,
        answer: str,
        candidates: Iterator[tuple[str, str]],
        rng: random.Random,
        forbidden: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> tuple[tuple[str, ...], int, tuple[str, ...]] | None:
        """The options (the answer among OPTIONS - 1 distinct distractors, shuffled), the
        answer's index and the distractors' concepts; None when too few are at hand."""
        seen = {answer.casefold()} | {f.casefold() for f in forbidden}
        picked: list[tuple[str, str]] = []
        for cid, text in candidates:
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                picked.append((cid, text))
                if len(picked) == OPTIONS - 1:
                    break
        if len(picked) < 2:
            return None
        options = [answer, *(text for _, text in picked)]
        rng.shuffle(options)
        return tuple(options), options.index(answer), tuple(cid for cid, _ in picked)

    def _entry(self, cid: str):
        entry = self.linked.concepts[cid].entry(self.lang)
        return entry if entry and entry.preferred and entry.definition else None

    def _say(self, key: str, **values: str) -> str:
        """An interface sentence with ``values`` filled in: Korean particles made to agree,
        and in Chinese a space between a Latin name and the Han characters around it, as
        the glossary writes (在 BANT 中)."""
        mark = "\x00"  # where a value starts and ends
        text = "".join(
            literal + (f"{mark}{values[name]}{mark}" if name is not None else "")
            for literal, name, _, _ in string.Formatter().parse(self.ui[key])
        )
        if self.unspaced:
            text = re.sub(f"(?<=[\u3400-\u9fff]){mark}(?=[A-Za-z0-9])", " ", text)
            text = re.sub(f"(?<=[A-Za-z0-9]){mark}(?=[\u3400-\u9fff])", " ", text)
        return attach_particles(text.replace(mark, ""))

    # ---- the questions -----------------------------------------------------------

    def ask_term(self, cid: str, rng: random.Random) -> Question | None:
        entry = self._entry(cid)
        if entry is None:
            return None
        concept = self.linked.concepts[cid]
        names = (
            (other, title_in(self.linked.concepts[other], self.lang))
            for other in self.neighbours(cid, rng)
            if self._entry(other)
        )
        chosen = self._choose(title_in(concept, self.lang), names, rng)
        if chosen is None:
            return None
        options, answer, distractors = chosen
        return Question(
            "term",
            cid,
            self.ui["quiz_ask_term"],
            first_sentence(entry.definition, 400),
            quote=clue(self.view, concept, entry),
            options=options,
            answer=answer,
            distractors=distractors,
        )

    @cached_property
    def _deprecated(self) -> set[str]:
        return {
            d.term.casefold()
            for concept in self.linked.concepts.values()
            if (entry := concept.entry(self.lang))
            for d in entry.designations
            if d.status in ("deprecated", "superseded")
        }

    def ask_avoid(self, cid: str, rng: random.Random) -> Question | None:
        entry = self._entry(cid)
        wordings = [
            d
            for d in (entry.designations if entry else ())
            if d.status in ("deprecated", "superseded")
        ]
        if entry is None or not wordings:
            return None
        wrong = rng.choice(wordings)
        own = [(cid, d.term) for d in entry.designations if d.status in ("preferred", "admitted")]
        rng.shuffle(own)
        others = (
            (other, e.preferred.term)
            for other in self.neighbours(cid, rng)
            if (e := self.linked.concepts[other].entry(self.lang)) and e.preferred
        )
        candidates = itertools.chain(own[:1], others)
        chosen = self._choose(wrong.term, candidates, rng, self._deprecated)
        if chosen is None:
            return None
        options, answer, distractors = chosen
        explanation = self._say(
            "quiz_explain_avoid",
            wording=wrong.term,
            concept=self.view.title(cid),
            reason=wrong.reason or "",
        )
        return Question(
            "avoid",
            cid,
            self.ui["quiz_ask_avoid"],
            explanation.strip(),
            options=options,
            answer=answer,
            distractors=distractors,
        )

    @cached_property
    def letters(self) -> dict[str, tuple[str, dict[str, str]]]:
        """Each acronym framework's letters and the letter each of its parts stands for,
        read from the English names of the parts (BANT: budget → B)."""
        out = {}
        for cid, concept in self.linked.concepts.items():
            entry = concept.entry(self.source)
            if not entry or not entry.preferred or not entry.preferred.is_abbreviation:
                continue
            acronym = entry.preferred.term.upper()
            parts = {}
            for kind, part in self.linked.relations.get(cid, ()):
                if kind != "has-part" or not (own := self.linked.concepts[part].entry(self.source)):
                    continue
                initials = [
                    d.term[0].upper()
                    for d in own.designations
                    if d.status in ("preferred", "admitted") and d.term
                ]
                letter = next((i for i in initials if i in acronym), None)
                if letter:
                    parts[part] = letter
            if len(set(parts.values())) >= 3:
                out[cid] = (acronym, parts)
        return out

    def ask_letter(self, cid: str, rng: random.Random) -> Question | None:
        """Which letter of a framework the part ``cid`` stands for."""
        frameworks = sorted(f for f, (_, parts) in self.letters.items() if cid in parts)
        if not frameworks or not self._entry(cid):
            return None
        framework = rng.choice(frameworks)
        acronym, parts = self.letters[framework]
        options = tuple(dict.fromkeys(letter for letter in acronym if letter.isalpha()))
        letter = parts[cid]
        entry = self._entry(cid)
        name = title_in(self.linked.concepts[framework], self.lang) or acronym
        part = self.view.title(cid)
        return Question(
            "letter",
            cid,
            self._say("quiz_ask_letter", framework=name, part=part),
            self._say("quiz_explain_letter", framework=name, letter=letter, part=part)
            + ("" if self.unspaced else " ")
            + first_sentence(entry.definition if entry else "", 300),
            options=options,
            answer=options.index(letter),
            distractors=tuple(sorted(p for p in parts if parts[p] != letter)),
        )

    def ask_translate(self, cid: str, rng: random.Random) -> Question | None:
        concept = self.linked.concepts[cid]
        if not self._entry(cid):
            return None
        other = rng.choice(partner_languages(self.view))
        answer = title_in(concept, other)
        if not answer or answer.casefold() == title_in(concept, self.lang).casefold():
            return None  # the same name in both (MEDDIC): nothing to ask
        names = ((o, title_in(self.linked.concepts[o], other)) for o in self.neighbours(cid, rng))
        chosen = self._choose(answer, names, rng)
        if chosen is None:
            return None
        options, index, distractors = chosen
        values = {
            "term": title_in(concept, self.lang),
            "language": _language_name(self.view, other),
        }
        return Question(
            "translate",
            cid,
            self._say("quiz_ask_translate", **values),
            self._say("quiz_explain_translate", answer=answer, **values),
            options=options,
            answer=index,
            distractors=distractors,
        )

    # ---- metrics -----------------------------------------------------------------

    def _show(self, metric: Metric, name: str, value: float, currency: str) -> str:
        item = metric.result if name == RESULT else metric.input(name)
        per = metric.result.get("per") if name == RESULT else None
        return format_value(
            value,
            item.get("unit", "number"),
            self.lang,
            currency,
            item.get("decimals"),
            self.ui,
            per,
        )

    def _label(self, metric: Metric, name: str) -> str:
        if name == RESULT:
            return self.view.title(metric.concept)
        labels = metric.input(name).get("label") or {}
        return labels.get(self.lang) or labels.get(self.source) or name

    def _values(self, metric: Metric, rng: random.Random) -> tuple[dict, str] | None:
        """Inputs varied from the first worked example (in the page language's currency and
        market), rounded as a person would write them, within the inputs' bounds."""
        if not metric.examples:
            return None
        local = localize_example(metric, metric.examples[0], self.lang, self.source)
        for _ in range(20):
            env = {}
            for item in metric.inputs:
                base = local.inputs.get(item["name"])
                if base is None:
                    return None
                unit = item.get("unit", "")
                value = _rounded(base * rng.choice(FACTORS), unit)
                if unit == "percent" and 0 < base < 1 and not 0 < value < 1:
                    value = base  # a share stays a share: no 100 % margin
                env[item["name"]] = value
            if all(_within(metric.input(n), v) for n, v in env.items()):
                try:
                    result = evaluate(metric.ast, env)
                except FormulaError:
                    continue
                if result > 0:
                    return env, local.currency
        return None

    def _tolerance(self, unit: str, decimals: int | None, currency: str, value: float) -> float:
        """How far a typed answer may be from the exact one: half of the last digit shown,
        or half a percent of the value (the reader rounds along the way)."""
        digits = decimals_for(unit, resolved_decimals(unit, decimals), currency)[1]
        digits += 2 if unit == "percent" else 0
        return max(0.5 * 10**-digits, abs(value) * 0.005)

    def _shows_exactly(self, metric: Metric, env: dict, currency: str) -> bool:
        result = evaluate(metric.ast, env)
        unit, decimals = metric.result.get("unit", "number"), metric.result.get("decimals")
        return math.isclose(_round_shown(result, unit, decimals, currency), result, rel_tol=1e-9)

    def ask_metric(self, cid: str, rng: random.Random, solve: bool) -> Question | None:
        metric = self.linked.metrics.get(cid)
        if metric is None or not self._entry(cid):
            return None
        made = self._values(metric, rng)
        for _ in range(12 if solve else 0):
            # worked back from a result shown rounded, an input would come out crooked
            # (60.24 customers): values whose result shows exactly are looked for first
            if made is None or self._shows_exactly(metric, *made):
                break
            made = self._values(metric, rng)
        if made is None:
            return None
        env, currency = made
        shown = {n: self._show(metric, n, v, currency) for n, v in env.items()}
        result = evaluate(metric.ast, env)
        if solve:
            if not metric.inverses:
                return None
            target = rng.choice(sorted(metric.inverses))
            item = metric.input(target)
            unit, decimals = item.get("unit", "number"), item.get("decimals")
            # the reader sees the result as shown: the answer is worked back from that
            stated = _round_shown(
                result, metric.result.get("unit", "number"), metric.result.get("decimals"), currency
            )
            given = {n: v for n, v in env.items() if n != target} | {RESULT: stated}
            ast = metric.inverses[target]
            shown[RESULT] = self._show(metric, RESULT, stated, currency)
            givens = [(self._label(metric, RESULT), shown[RESULT])]
            givens += [(self._label(metric, n), shown[n]) for n in env if n != target]
            prompt_key = "quiz_ask_solve"
        else:
            target, ast, given = RESULT, metric.ast, env
            unit = metric.result.get("unit", "number")
            decimals = metric.result.get("decimals")
            givens = [(self._label(metric, n), shown[n]) for n in env]
            prompt_key = "quiz_ask_compute"
        try:
            answer = evaluate(ast, given)
        except FormulaError:
            return None
        plausible = answer > 0 if target == RESULT else _within(metric.input(target), answer)
        if not plausible:
            return None
        everything = {**given, target: answer}
        answer_text = self._show(metric, target, answer, currency)
        formula = f"{self._label(metric, RESULT)} = " + render_expression(
            metric.ast, lambda n: self._label(metric, n), lambda n: self._number(n, currency)
        )
        worked = render_expression(
            metric.ast,
            lambda n: self._show(metric, n, everything[n], currency),
            lambda n: self._number(n, currency),
        )
        label = self._label(metric, target)
        return Question(
            "solve" if solve else "compute",
            cid,
            self._say(prompt_key, label=_lower(label, self.lang)),
            f"{formula}\n{worked} = {self._show(metric, RESULT, everything[RESULT], currency)}",
            givens=tuple(givens),
            answer=answer,
            ast=ast,
            env=given,
            unit=unit,
            tolerance=self._tolerance(unit, decimals, currency, answer),
            shown=answer_text,
            currency=currency,
        )

    def _number(self, number: float, currency: str) -> str:
        return format_value(number, "number", self.lang, currency, 6)

    # ---- a quiz ------------------------------------------------------------------

    def makers(self) -> dict[str, Callable[[str, random.Random], Question | None]]:
        return {
            "term": self.ask_term,
            "avoid": self.ask_avoid,
            "letter": self.ask_letter,
            "translate": self.ask_translate,
            "compute": lambda cid, rng: self.ask_metric(cid, rng, solve=False),
            "solve": lambda cid, rng: self.ask_metric(cid, rng, solve=True),
        }

    def applicable(self, kind: str, cid: str) -> bool:
        if kind == "avoid":
            entry = self._entry(cid)
            return bool(
                entry and any(d.status in ("deprecated", "superseded") for d in entry.designations)
            )
        if kind == "letter":
            return any(cid in parts for _, parts in self.letters.values())
        if kind in ("compute", "solve"):
            return cid in self.linked.metrics
        return self._entry(cid) is not None

    def _pools(self, ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """The concepts of ``ids`` each kind of question can ask about."""
        if ids not in self._pooled:
            self._pooled[ids] = {
                kind: tuple(cid for cid in ids if self.applicable(kind, cid)) for kind in KINDS
            }
        return self._pooled[ids]

    def quiz(self, ids: tuple[str, ...], seed: int, count: int, key: str = "") -> list[Question]:
        """``count`` questions about ``ids`` (fewer if they do not allow that many): the
        kinds taken in turn, each about a concept not asked about yet."""
        rng = random.Random(f"{key}:{self.lang}:{seed}")
        makers = self.makers()
        pools = {kind: list(pool) for kind, pool in self._pools(ids).items()}
        kinds = [kind for kind in KINDS if pools[kind]]
        rng.shuffle(kinds)
        for pool in pools.values():
            rng.shuffle(pool)
        asked: set[str] = set()
        questions: list[Question] = []
        while len(questions) < count and any(pools[kind] for kind in kinds):
            for kind in kinds:
                while pools[kind] and len(questions) < count:
                    cid = pools[kind].pop()
                    if cid in asked and any(c not in asked for c in pools[kind]):
                        pools[kind].insert(0, cid)
                        continue
                    made = makers[kind](cid, rng)
                    if made is not None:
                        questions.append(made)
                        asked.add(cid)
                        break
        return questions


def _rounded(value: float, unit: str) -> float:
    """A generated value as a person writes it: whole counts and days, whole percents,
    two significant digits otherwise."""
    if value == 0:
        return 0.0
    if unit == "percent":
        return max(round(value, 2), 0.01) if value > 0 else round(value, 2)
    if unit in ("count", "days", "months", "years"):
        value = max(1.0, value)
    digits = 1 - int(math.floor(math.log10(abs(value))))
    rounded = round(value, digits)
    if unit in ("count", "days", "months", "years"):
        rounded = float(max(1, round(rounded)))
    return float(rounded)


def _round_shown(value: float, unit: str, decimals: int | None, currency: str) -> float:
    """``value`` as the page shows it (rounded to the digits it is formatted with)."""
    digits = decimals_for(unit, resolved_decimals(unit, decimals), currency)[1]
    return round(value, digits + (2 if unit == "percent" else 0))


def _within(item: dict, value: float) -> bool:
    if not math.isfinite(value):
        return False
    if item.get("min") is not None and value < item["min"]:
        return False
    if item.get("max") is not None and value > item["max"]:
        return False
    return not (item.get("exclusive_min") is not None and value <= item["exclusive_min"])


def _lower(label: str, lang: str) -> str:
    """A label inside an English sentence: "Gross margin" → "gross margin" (not ARR)."""
    if language(lang).script != "Latn" or len(label) < 2 or label[1].isupper():
        return label
    return label[0].lower() + label[1:]


# ---- pages ---------------------------------------------------------------------------


def quiz_scopes(
    view: LanguageView, paths: dict[str, tuple[str, tuple[str, ...], int | None]] | None = None
) -> list[Scope]:
    """The quizzes of a language: everything, each category, each learning path that
    asks for one (``paths``: id → title, concepts, number of questions)."""
    concepts = view.linked.concepts
    scopes = [Scope("all", "quiz/index.md", view.ui["quiz_all"], tuple(sorted(concepts)))]
    for key in view.config.categories:
        ids = tuple(sorted(cid for cid, c in concepts.items() if c.category == key))
        if ids:
            scopes.append(
                Scope(key, f"quiz/{key}.md", view.config.category_name(key, view.lang), ids)
            )
    for pid, (title, ids, questions) in (paths or {}).items():
        if questions:
            scopes.append(Scope(f"path-{pid}", f"paths/{pid}/quiz.md", title, ids, questions))
    return scopes


def _data_file(scope: Scope) -> str:
    return scope.path.removesuffix(".md") + ".json" if scope.key != "all" else "quiz/all.json"


def render_quizzes(
    view: LanguageView, paths: dict[str, tuple[str, tuple[str, ...], int | None]] | None = None
) -> list[Page]:
    """Each quiz page of a language and its questions (one file per quiz, ``SEEDS`` quizzes
    in each)."""
    maker = QuizMaker(view)
    pages = []
    text = json.dumps({key: view.ui[key] for key in UI_KEYS}, ensure_ascii=False)
    for scope in quiz_scopes(view, paths):
        depth = scope.path.count("/") + (0 if scope.path.endswith("/index.md") else 1)
        root = "../" * depth
        url = scope.path.removesuffix("index.md").removesuffix(".md")
        url = url if url.endswith("/") else url + "/"
        data_file = _data_file(scope)
        quizzes = {
            str(seed): [
                q.data(f"{root}terms/{q.concept}/", view.title(q.concept))
                for q in maker.quiz(scope.ids, seed, scope.questions, scope.key)
            ]
            for seed in SEEDS
        }
        title = (
            view.ui["quiz_title"]
            if scope.key == "all"
            else view.ui["quiz_title_of"].format(name=scope.title)
        )
        meta = {
            "title": title,
            "description": view.ui["quiz_intro"],
            "glossary": {"alternates": _alternates(view, None, url)},
            "search": {"exclude": True},
        }
        body = view.render(
            "quiz.md.j2",
            depth,
            title=title,
            src=root + data_file,
            text=text,
            practice=f"{root}practice/"
            + ("" if scope.key == "all" else f"?deck={_deck(scope.key)}"),
        )
        pages.append(Page(view.lang, scope.path, _front_matter(meta) + body))
        pages.append(
            Page(
                view.lang,
                data_file,
                json.dumps(
                    {"lang": view.lang, "seeds": quizzes}, ensure_ascii=False, separators=(",", ":")
                ),
            )
        )
    return pages


def _deck(key: str) -> str:
    return f"path:{key.removeprefix('path-')}" if key.startswith("path-") else f"category:{key}"


def render_practice_pages(
    linked: Linked, config: Config, lang: str, settings: SiteSettings
) -> list[Page]:
    """The flashcards page and the quizzes of one language, with their data files (the
    build adds them to ``render.render_language``'s pages: rendering them there would
    make ``render`` import the modules that import it)."""
    view = LanguageView(linked, config, lang, settings)
    paths = learning_paths(view)
    return [
        *render_practice(view, {pid: (title, ids) for pid, (title, ids, _) in paths.items()}),
        *render_quizzes(view, paths),
    ]


def learning_paths(view: LanguageView) -> dict[str, tuple[str, tuple[str, ...], int | None]]:
    """Each learning path (``Linked.paths``, in order) as decks and quizzes need it: its
    title in the page's language, its concepts in order, the number of questions of its
    quiz (None: no quiz)."""
    out = {}
    source = view.config.source_language
    for pid, path in view.linked.paths.items():
        text = path.text(view.lang, source)
        ids = tuple(cid for cid in path.concepts if cid in view.linked.concepts)
        out[pid] = (text.title if text else pid, ids, path.quiz_questions)
    return out
