// Leitner scheduling (site_src/assets/leitner.mjs) and the cards a deck is made of
// (site_src/assets/practice.mjs): pure functions, driven with a fixed clock.
import { test } from "node:test"
import assert from "node:assert/strict"
import { AGAIN_MS, counts, grade, INTERVAL_DAYS, nextDue, parseStates, pick, serializeStates } from "../../site_src/assets/leitner.mjs"
import { buildCards, deckConcepts, sides } from "../../site_src/assets/practice.mjs"

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2025, 0, 6, 9, 0)

test("a new card starts in box 1: good moves it to box 2, easy to 3, hard keeps it, again shows it again soon", () => {
  assert.deepEqual(grade(undefined, 3, NOW), { box: 2, due: NOW + INTERVAL_DAYS[1] * DAY, seen: 1 })
  assert.deepEqual(grade(undefined, 4, NOW), { box: 3, due: NOW + INTERVAL_DAYS[2] * DAY, seen: 1 })
  assert.deepEqual(grade(undefined, 2, NOW), { box: 1, due: NOW + INTERVAL_DAYS[0] * DAY, seen: 1 })
  assert.deepEqual(grade(undefined, 1, NOW), { box: 1, due: NOW + AGAIN_MS, seen: 1 })
})

test("a card climbs one box per good answer, waits twice as long each time, and stops at the last box", () => {
  let state
  const waits = []
  for (let i = 0; i < 6; i++) {
    state = grade(state, 3, NOW)
    waits.push((state.due - NOW) / DAY)
  }
  assert.deepEqual(waits, [2, 4, 8, 16, 16, 16])
  assert.equal(state.box, 5)
  assert.equal(state.seen, 6)
  const forgotten = grade(state, 1, NOW)
  assert.equal(forgotten.box, 1)
  assert.equal(grade(state, 2, NOW).box, 5)
})

test("the next card: the one due longest ago, then new ones in deck order, then one forgotten this session", () => {
  const cards = ["a", "b", "c", "d"]
  const states = {
    a: { box: 2, due: NOW + DAY, seen: 1 },
    b: { box: 3, due: NOW - 2 * DAY, seen: 2 },
    c: { box: 2, due: NOW - DAY, seen: 1 },
  }
  assert.equal(pick(cards, states, NOW), "b")
  states.b = grade(states.b, 3, NOW)
  assert.equal(pick(cards, states, NOW), "c")
  states.c = grade(states.c, 1, NOW)
  assert.equal(pick(cards, states, NOW), "d")
  states.d = grade(states.d, 3, NOW)
  assert.equal(pick(cards, states, NOW), "c", "the forgotten card comes back before the session ends")
  states.c = grade(states.c, 3, NOW)
  assert.equal(pick(cards, states, NOW), null)
  assert.equal(nextDue(cards, states), NOW + DAY)
  assert.equal(pick(cards, states, NOW + DAY), "a")
  assert.deepEqual(counts(cards, states, NOW + DAY), { due: 1, fresh: 0, learned: 4 })
  assert.deepEqual(counts(["x", "a"], states, NOW), { due: 0, fresh: 1, learned: 1 })
})

test("states survive a round trip through storage; anything malformed is dropped", () => {
  const states = { "lead|td": { box: 2, due: NOW, seen: 1 } }
  assert.deepEqual(parseStates(serializeStates(states)), states)
  assert.deepEqual(parseStates(null), {})
  assert.deepEqual(parseStates("not json"), {})
  assert.deepEqual(parseStates('{"v":2,"cards":{}}'), {})
  assert.deepEqual(parseStates('{"v":1,"cards":{"a":[9,1,1],"b":"x","c":[2,5,1]}}'), { c: { box: 2, due: 5, seen: 1 } })
})

const DATA = {
  lang: "ko",
  concepts: [
    { id: "lead", cat: "leads", term: "리드", def: "리드는 …", clue: "＿＿는 …", other: { en: "lead" } },
    { id: "bant", cat: "methodology", term: "BANT", def: "BANT는 …", clue: "＿＿는 …", avoid: [["리드 자격", "이유"]] },
    { id: "churn-rate", cat: "metrics", term: "고객 이탈률", def: "…", clue: "…", other: { en: "churn rate" } },
  ],
  paths: { "week-1": ["churn-rate", "lead", "missing"] },
}
const TEXT = { practice_avoid_front: "‘{wording}’ 대신?", practice_avoid_back: "‘{term}’을(를) 씁니다." }

test("decks: everything, a category, a path in its own order", () => {
  assert.deepEqual(deckConcepts(DATA, "all").map((c) => c.id), ["lead", "bant", "churn-rate"])
  assert.deepEqual(deckConcepts(DATA, "category:leads").map((c) => c.id), ["lead"])
  assert.deepEqual(deckConcepts(DATA, "path:week-1").map((c) => c.id), ["churn-rate", "lead"])
  assert.deepEqual(deckConcepts(DATA, "path:nope"), [])
})

test("cards come one kind after another, both ways across languages, and one per wording to avoid", () => {
  const cards = buildCards(DATA, "all", ["td", "dt", "x:en", "avoid"])
  assert.deepEqual(cards.map((c) => c.id), [
    "lead|td", "bant|td", "churn-rate|td",
    "lead|dt", "bant|dt", "churn-rate|dt",
    "lead|x:en", "lead|y:en", "churn-rate|x:en", "churn-rate|y:en",
    "bant|avoid:0",
  ])
  const [front, back] = ["front", "back"].map((side) => sides(cards[7], TEXT)[side])
  assert.deepEqual(front, ["lead", "en", true])
  assert.deepEqual(back, ["리드", "", true])
  assert.deepEqual(sides(cards[3], TEXT).front, ["＿＿는 …", "", false])
  assert.deepEqual(sides(cards.at(-1), TEXT), {
    front: ["‘리드 자격’ 대신?", "", false],
    back: ["‘BANT’을(를) 씁니다. 이유", "", false],
  })
})
