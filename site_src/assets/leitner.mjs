// Flashcard scheduling by the Leitner system (Sebastian Leitner, "So lernt man lernen",
// 1972; https://en.wikipedia.org/wiki/Leitner_system): each card sits in a box; a card
// recalled moves up a box and waits longer before it is shown again, a card forgotten goes
// back to the first box. The four grades of the page map onto it: 1 again (back to box 1,
// shown again in this session), 2 hard (stays in its box), 3 good (up one box), 4 easy (up
// two). Box n waits INTERVAL_DAYS[n - 1] days, doubling as Leitner's boxes do. Pure: the
// page passes the time in, so node --test can drive it (tests/js/leitner.test.mjs).

export const BOXES = 5
export const INTERVAL_DAYS = [1, 2, 4, 8, 16]
export const AGAIN_MS = 60 * 1000 // a forgotten card comes back a minute later
const DAY_MS = 24 * 60 * 60 * 1000

// A card's new state ({box, due, seen}) after the reader graded it (1–4) at ``now`` (ms).
// A new card starts in box 1, as in Leitner's file.
export function grade(state, value, now) {
  const box = state ? state.box : 1
  const seen = (state ? state.seen : 0) + 1
  if (value === 1) return { box: 1, due: now + AGAIN_MS, seen }
  const next = Math.min(BOXES, Math.max(1, value === 2 ? box : box + (value === 4 ? 2 : 1)))
  return { box: next, due: now + INTERVAL_DAYS[next - 1] * DAY_MS, seen }
}

// The card to show next among ``cards`` (ids, in deck order) given their ``states``: the
// card due longest ago, else the first new one, else a card forgotten in this session
// (box 1, due within AGAIN_MS), else null: nothing to do until ``nextDue``.
export function pick(cards, states, now) {
  let due = null
  let learning = null
  for (const id of cards) {
    const state = states[id]
    if (!state) continue
    if (state.due <= now) {
      if (!due || state.due < states[due].due) due = id
    } else if (state.box === 1 && state.due - now <= AGAIN_MS && (!learning || state.due < states[learning].due)) {
      learning = id
    }
  }
  if (due) return due
  const fresh = cards.find((id) => !states[id])
  return fresh ?? learning
}

// How many cards of the deck are due now, new, and past box 1 (learned).
export function counts(cards, states, now) {
  const out = { due: 0, fresh: 0, learned: 0 }
  for (const id of cards) {
    const state = states[id]
    if (!state) out.fresh += 1
    else {
      if (state.due <= now) out.due += 1
      if (state.box > 1) out.learned += 1
    }
  }
  return out
}

// When the next card of the deck falls due (ms), or null when every card is new.
export function nextDue(cards, states) {
  let next = null
  for (const id of cards) if (states[id] && (next === null || states[id].due < next)) next = states[id].due
  return next
}

// The states kept in localStorage, read leniently: anything malformed is dropped.
export function parseStates(text) {
  let raw
  try {
    raw = JSON.parse(text || "{}")
  } catch {
    return {}
  }
  const cards = raw && typeof raw === "object" && raw.v === 1 && raw.cards && typeof raw.cards === "object" ? raw.cards : {}
  const out = {}
  for (const [id, value] of Object.entries(cards)) {
    if (Array.isArray(value) && value.length === 3 && value.every(Number.isFinite) && value[0] >= 1 && value[0] <= BOXES) {
      out[id] = { box: value[0], due: value[1], seen: value[2] }
    }
  }
  return out
}

export function serializeStates(states) {
  const cards = {}
  for (const [id, s] of Object.entries(states)) cards[id] = [s.box, s.due, s.seen]
  return JSON.stringify({ v: 1, cards })
}
