// Term lookup on top of Material's search: the concepts a query names (see
// search-lookup.mjs) are put at the top of Material's result list, and Material's own
// full-text results follow unchanged. Nothing of it is fetched until the reader focuses
// the search box (or presses its shortcut): then the lookup code and the lexicon's
// manifest, and per query only the shards and concept names it needs. Material's own
// index and worker wait for the same moment (partials/search-deferred.html).

let lexicon = null // a Lexicon once the lookup module is loaded
let starting = null

function start(root) {
  if (!starting) {
    window.__glossarySearch?.want()
    starting = import(new URL("assets/search-lookup.mjs", root).toString())
      .then((module) => {
        const load = (name) => fetch(new URL(`search-lexicon/${name}`, root)).then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.url}`)
          return response.json()
        })
        const made = { module, lexicon: new module.Lexicon(load) }
        made.lexicon.manifest().catch(() => {})
        lexicon = made
        return made
      })
      .catch((error) => {
        starting = null
        throw error
      })
  }
  return starting
}

function item(hit, base, normalize) {
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
  if (hit.matched && !normalize(label).includes(hit.matched)) { // what matched, unless the title shows it
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

function setup() {
  const input = document.querySelector("[data-md-component=search-query]")
  const list = document.querySelector(".md-search-result__list")
  if (!input || !list || input.dataset.glLexicon) return
  input.dataset.glLexicon = "1"
  const base = new URL(document.querySelector("script[src$='search.mjs']")?.src || "assets/search.mjs", window.location.href)
  const root = new URL("../", base)
  let shown = { query: null, hits: [] }
  let asked = 0

  const render = () => {
    list.querySelectorAll(".gl-search-hit").forEach((old) => old.remove())
    if (!lexicon || shown.query !== input.value) return
    list.prepend(...shown.hits.map((hit) => item(hit, root, lexicon.module.normalize)))
    list.dataset.glQuery = shown.query
    list.dataset.glAt = String(performance.now()) // when, for tooling/bench/search_speed.py
  }
  const refresh = async () => {
    const query = input.value
    const ticket = ++asked
    const { module, lexicon: terms } = await start(root)
    const hits = module.normalize(query) ? await terms.lookup(query) : []
    if (ticket !== asked || input.value !== query) return // a later keystroke took over
    shown = { query, hits }
    render()
  }
  input.addEventListener("focus", () => start(root).then(refresh, () => {}))
  input.addEventListener("input", () => refresh().catch(() => {}))
  // a shared search (?q=) is typed in and focused before this module runs
  if (input.value || document.activeElement === input) refresh().catch(() => {})
  // Material redraws its list as its own results arrive: put the term hits back on top.
  new MutationObserver(() => {
    if (shown.hits.length && shown.query === input.value && !list.querySelector(".gl-search-hit")) render()
  }).observe(list, { childList: true })
}

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined") window.document$.subscribe(setup)
  else setup()
}
