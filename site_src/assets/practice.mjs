// Flashcards (the practice page): cards built from the language's cards.json (made by
// glossary/practice.py, fetched once the page opens; nothing else is fetched after, so a
// session goes on offline), scheduled by the Leitner system (leitner.mjs), kept in
// localStorage under glossary:cards:<lang> (in memory only where storage is refused).
import { counts, grade, nextDue, parseStates, pick, serializeStates } from "./leitner.mjs"

const KEYS = { 1: 1, 2: 2, 3: 3, 4: 4, ArrowLeft: 1, ArrowDown: 2, ArrowRight: 3, ArrowUp: 4 }

// The concepts of a deck: "all", "category:<key>" or "path:<id>" (in the path's order).
export function deckConcepts(data, deck) {
  const [kind, key] = deck.split(":")
  if (kind === "category") return data.concepts.filter((c) => c.cat === key)
  if (kind === "path") {
    const byId = new Map(data.concepts.map((c) => [c.id, c]))
    return (data.paths[key] || []).map((id) => byId.get(id)).filter(Boolean)
  }
  return data.concepts
}

// The cards of a deck, one kind after another (a concept's two sides are never in a row
// when new): "td" term → definition, "dt" definition → term, "x:<lang>" / "y:<lang>" the
// term into and from another language, "avoid:<n>" a wording to avoid.
export function buildCards(data, deck, kinds) {
  const concepts = deckConcepts(data, deck)
  const cards = []
  for (const kind of kinds) {
    for (const c of concepts) {
      if (kind === "td" || kind === "dt") cards.push({ id: `${c.id}|${kind}`, kind, concept: c })
      else if (kind.startsWith("x:")) {
        const lang = kind.slice(2)
        if (!c.other || !c.other[lang]) continue
        cards.push({ id: `${c.id}|x:${lang}`, kind: "x", lang, concept: c })
        cards.push({ id: `${c.id}|y:${lang}`, kind: "y", lang, concept: c })
      } else if (kind === "avoid") {
        ;(c.avoid || []).forEach((pair, n) => cards.push({ id: `${c.id}|avoid:${n}`, kind, n, concept: c }))
      }
    }
  }
  return cards
}

// What each side of a card shows: [text, language tag or "" for the page's, is a term].
export function sides(card, text) {
  const c = card.concept
  if (card.kind === "td") return { front: [c.term, "", true], back: [c.def, "", false] }
  if (card.kind === "dt") return { front: [c.clue, "", false], back: [c.term, "", true] }
  if (card.kind === "x") return { front: [c.term, "", true], back: [c.other[card.lang], card.lang, true] }
  if (card.kind === "y") return { front: [c.other[card.lang], card.lang, true], back: [c.term, "", true] }
  const [wording, reason] = c.avoid[card.n]
  return {
    front: [fill(text.practice_avoid_front, { wording }), "", false],
    back: [fill(text.practice_avoid_back, { term: c.term }) + (reason ? " " + reason : ""), "", false],
  }
}

export function kindLabel(card, text) {
  if (card.kind === "x" || card.kind === "y") return fill(text.practice_kind_x, { language: text.languages[card.lang] })
  return text[`practice_kind_${card.kind}`]
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole))
}

// ---- storage -----------------------------------------------------------------------

function storage(key) {
  let memory = null
  return {
    load() {
      try {
        return parseStates(window.localStorage.getItem(key))
      } catch {
        return parseStates(memory)
      }
    },
    save(states) {
      memory = serializeStates(states)
      try {
        window.localStorage.setItem(key, memory)
      } catch {} // private mode: the session still works, it is just not kept
    },
  }
}

// ---- the page ----------------------------------------------------------------------

function put(element, [value, lang, term]) {
  element.textContent = value
  element.classList.toggle("gl-card__term", term)
  if (lang) element.lang = lang
  else element.removeAttribute("lang")
}

export function mount(root) {
  if (root.dataset.mounted) return
  root.dataset.mounted = "1"
  const text = JSON.parse(root.dataset.text)
  const $ = (name) => root.querySelector(`[data-${name}]`)
  const store = storage(`glossary:cards:${root.dataset.lang}`)
  const deckSelect = $("deck")
  const wanted = new URLSearchParams(window.location.search).get("deck")
  if (wanted && [...deckSelect.options].some((o) => o.value === wanted)) deckSelect.value = wanted
  let data = null
  let states = store.load()
  let cards = []
  let current = null
  let flipped = false

  const show = () => {
    const now = Date.now()
    const ids = cards.map((c) => c.id)
    const tally = counts(ids, states, now)
    $("stats").textContent = fill(text.practice_stats, tally)
    const id = pick(ids, states, now)
    current = cards.find((c) => c.id === id) || null
    flipped = false
    $("card").hidden = !current
    $("grades").hidden = true
    $("back").hidden = true
    $("flip").hidden = !current
    if (!current) {
      const next = nextDue(ids, states)
      const done = cards.length === 0 ? text.practice_empty : text.practice_done
      const when = next ? " " + fill(text.practice_next_due, { date: new Intl.DateTimeFormat(text.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(next)) }) : ""
      $("done").textContent = done + when
      $("done").hidden = false
      $("status").textContent = done
      return
    }
    $("done").hidden = true
    const face = sides(current, text)
    $("card-kind").textContent = kindLabel(current, text)
    put($("front"), face.front)
    put($("back"), face.back)
    const link = document.createElement("a")
    link.href = new URL(`../terms/${current.concept.id}/`, new URL(root.dataset.src, window.location.href)).toString()
    link.textContent = fill(text.practice_read, { term: current.concept.term })
    $("back").append(document.createElement("br"), link)
    $("status").textContent = `${kindLabel(current, text)}: ${face.front[0]}`
  }

  const flip = () => {
    if (!current || flipped) return
    flipped = true
    $("back").hidden = false
    $("flip").hidden = true
    $("grades").hidden = false
    $("status").textContent = sides(current, text).back[0]
    root.querySelector('[data-grade="3"]').focus()
  }

  const rate = (value) => {
    if (!current || !flipped) return
    states[current.id] = grade(states[current.id], value, Date.now())
    store.save(states)
    show()
    if (current) $("flip").focus()
  }

  const rebuild = () => {
    if (!data) return
    const kinds = [...root.querySelectorAll("[data-kind]")].filter((box) => box.checked).map((box) => box.dataset.kind)
    cards = buildCards(data, deckSelect.value, kinds)
    states = store.load() // another tab may have practised meanwhile
    show()
  }

  $("flip").addEventListener("click", flip)
  root.querySelectorAll("[data-grade]").forEach((button) => button.addEventListener("click", () => rate(Number(button.dataset.grade))))
  deckSelect.addEventListener("change", rebuild)
  root.querySelectorAll("[data-kind]").forEach((box) => box.addEventListener("change", rebuild))
  // keys work wherever the focus is, except in a field or on a link, and only while the
  // page shows this practice (instant navigation keeps the document)
  const onKey = (event) => {
    if (!root.isConnected) return document.removeEventListener("keydown", onKey)
    const target = event.target instanceof Element ? event.target : document.body
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest("select, input, textarea, a, [contenteditable]")) return
    if (target !== document.body && !root.contains(target)) return
    if (!flipped && (event.key === " " || event.key === "Enter")) {
      if (target.closest("button")) return // the button does it
      event.preventDefault()
      flip()
    } else if (flipped && event.key in KEYS) {
      event.preventDefault()
      rate(KEYS[event.key])
    }
  }
  document.addEventListener("keydown", onKey)
  root.hidden = false
  fetch(new URL(root.dataset.src, window.location.href))
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status))
      return response.json()
    })
    .then((loaded) => {
      data = loaded
      rebuild()
    })
    .catch(() => {
      $("done").textContent = text.practice_error
      $("done").hidden = false
      $("card").hidden = true
    })
}

function mountAll() { document.querySelectorAll("[data-practice]").forEach(mount) }

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined") window.document$.subscribe(mountAll)
  else mountAll()
}
