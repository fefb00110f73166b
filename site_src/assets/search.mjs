// Term lookup on top of Material's search: whatever a reader types into the search box
// (an acronym, a Korean word with its particle, a Chinese term in either script, a
// synonym, an old machine translation, another language's term) is looked up in a
// compact lexicon of every designation, and the concepts it names are put at the top of
// Material's result list. Material's own full-text results follow unchanged.

const HANGUL = /[\uac00-\ud7a3]/
const MAX_HITS = 8

export function normalize(text) {
  return String(text).normalize("NFKC").toLowerCase().replace(/[\s\-_/·・]+/g, " ").trim()
}

function lowerBound(keys, value) {
  let low = 0, high = keys.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (keys[middle] < value) low = middle + 1
    else high = middle
  }
  return low
}

// Forms of the query to look up: as typed, without spaces, and with Korean particles
// taken off the end (리드를 → 리드, 파이프라인에서는 → 파이프라인).
export function variants(query, particles) {
  const forms = new Set([query, query.replace(/ /g, "")])
  for (const form of [...forms]) {
    let current = [form]
    for (let round = 0; round < 2; round++) {
      const next = []
      for (const word of current) {
        for (const particle of particles) {
          if (word.length > particle.length && word.endsWith(particle) && HANGUL.test(word.slice(-particle.length - 1, -particle.length))) {
            next.push(word.slice(0, -particle.length))
          }
        }
      }
      next.forEach((word) => forms.add(word))
      current = next
    }
  }
  return [...forms].filter(Boolean)
}

// Concepts the query names, best first: an exact designation, then one the query begins,
// then one found inside an unspaced query, then one that contains the query.
export function lookup(lexicon, rawQuery) {
  const query = normalize(rawQuery)
  if (!query) return []
  const { keys, refs } = lexicon
  const scores = new Map()
  const add = (position, score) => {
    const ref = refs[position]
    // ref = (concept * 3 + status) * languages + language (glossary.search.lexicon_keys)
    const languages = lexicon.languages
    const language = ref % languages
    const status = Math.floor(ref / languages) % 3
    const concept = Math.floor(ref / (languages * 3))
    const total = score - status * 3 - (language === lexicon.lang ? 0 : 1)
    if (!scores.has(concept) || scores.get(concept).score < total) scores.set(concept, { score: total, key: keys[position] })
  }
  const forms = variants(query, lexicon.particles)
  forms.forEach((form, index) => {
    const exact = index === 0 ? 100 : 95
    let position = lowerBound(keys, form)
    for (let seen = 0; position < keys.length && keys[position].startsWith(form) && seen < 200; position++, seen++) {
      add(position, keys[position] === form ? exact : 60 - Math.min(20, keys[position].length - form.length))
    }
  })
  if (!query.includes(" ") && query.length <= 24) {
    for (let length = query.length - 1; length >= 2; length--) {
      for (let start = 0; start + length <= query.length; start++) {
        const part = query.slice(start, start + length)
        const position = lowerBound(keys, part)
        for (let at = position; at < keys.length && keys[at] === part; at++) add(at, 40 + 3 * length)
      }
    }
  }
  if (scores.size < MAX_HITS && query.length >= 2) {
    for (let position = 0; position < keys.length; position++) {
      if (keys[position].includes(query)) add(position, 30)
    }
  }
  return [...scores.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
    .slice(0, MAX_HITS)
    .map(([concept, hit]) => ({ concept: lexicon.concepts[concept], matched: hit.key }))
}

// ---- in the page -----------------------------------------------------------------

let lexicon = null
let loading = null

function load(base) {
  if (!loading) {
    loading = fetch(new URL("search-lexicon.json", base)).then((response) => response.json())
      .then((data) => { lexicon = data; return data })
      .catch(() => { loading = null })
  }
  return loading
}

function item(hit, base) {
  const [id, label, short] = hit.concept
  const li = document.createElement("li")
  li.className = "md-search-result__item gl-search-hit"
  const link = document.createElement("a")
  link.className = "md-search-result__link"
  link.tabIndex = -1
  link.href = new URL(`terms/${id}/`, base).toString()
  const article = document.createElement("article")
  article.className = "md-search-result__article md-typeset"
  const icon = document.createElement("div")
  icon.className = "md-search-result__icon md-icon"
  const title = document.createElement("h1")
  title.textContent = label
  const text = document.createElement("p")
  if (normalize(label) !== hit.matched) {
    const matched = document.createElement("mark")
    matched.textContent = hit.matched
    text.append(matched, " · ")
  }
  text.append(short)
  article.append(icon, title, text)
  link.append(article)
  li.append(link)
  return li
}

function show(list, input, base) {
  const query = input.value
  list.querySelectorAll(".gl-search-hit").forEach((old) => old.remove())
  if (!lexicon || !normalize(query)) return
  const hits = lookup(lexicon, query)
  list.prepend(...hits.map((hit) => item(hit, base)))
  list.dataset.glQuery = query
}

function setup() {
  const input = document.querySelector("[data-md-component=search-query]")
  const list = document.querySelector(".md-search-result__list")
  if (!input || !list || input.dataset.glLexicon) return
  input.dataset.glLexicon = "1"
  const base = new URL(document.querySelector("script[src$='search.mjs']")?.src || "assets/search.mjs", window.location.href)
  const root = new URL("../", base)
  const refresh = () => show(list, input, root)
  input.addEventListener("focus", () => load(root).then(refresh), { once: true })
  input.addEventListener("input", () => (lexicon ? refresh() : load(root).then(refresh)))
  // Material redraws its list as its own results arrive: put the term hits back on top.
  new MutationObserver(() => {
    if (lexicon && normalize(input.value) && !list.querySelector(".gl-search-hit")) refresh()
  }).observe(list, { childList: true })
}

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined") window.document$.subscribe(setup)
  else setup()
}

