// Term lookup: whatever a reader types into the search box (an acronym, a Korean word with
// its particle, a Chinese term in either script or both, a synonym, an old machine
// translation, another language's term, pinyin, 초성, an acronym spelled in Hangul, a
// typo) is looked up in the lexicon that glossary.search builds, and the concepts it
// names come back best first. The lexicon is sharded: only the files a query needs are
// fetched, through the `load(name)` function the page (or a test) provides.

const HANGUL = /[\uac00-\ud7a3]/
const CJK = /[\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3\u1100-\u11ff]/
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/
const LATIN = /^[a-z0-9][a-z0-9 .&'+]*$/
export const MAX_HITS = 8
const DESIGNATION = 0, PART = 1, READING = 2 // glossary.search: what a key is to its concept
const WORDS = 3 // a hit for the words of a definition

export function normalize(text) {
  return String(text).normalize("NFKC").toLowerCase().replace(/[\s\-_/·・]+/g, " ").trim()
}

// A Korean keyboard joins two consonants typed alone into one letter (ㄱ+ㅅ → ㄳ, which
// NFKC makes a final consonant): a 초성 query needs them apart again.
const CLUSTERS = {
  "\u11aa": "\u1100\u1109", "\u11ac": "\u1102\u110c", "\u11ad": "\u1102\u1112",
  "\u11b0": "\u1105\u1100", "\u11b1": "\u1105\u1106", "\u11b2": "\u1105\u1107",
  "\u11b3": "\u1105\u1109", "\u11b4": "\u1105\u1110", "\u11b5": "\u1105\u1111",
  "\u11b6": "\u1105\u1112", "\u11b9": "\u1107\u1109",
}
export function splitClusters(text) {
  return text.replace(/[\u11aa\u11ac\u11ad\u11b0-\u11b6\u11b9]/g, (c) => CLUSTERS[c])
}

// Each character of the other Chinese script in its Simplified form (銷售线索 → 销售线索),
// with the table glossary.search.fold_table gives (only what the keys need).
export function foldScript(text, table) {
  let out = ""
  for (const char of text) out += table[char] || char
  return out
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

// Optimal string alignment distance (a swap of neighbours counts once), or max + 1 as soon
// as it must exceed max.
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before = null
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1)
      current.push(value)
      best = Math.min(best, value)
    }
    if (best > max) return max + 1
    before = previous
    previous = current
  }
  return previous[b.length]
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

// The shard a key falls in: the last one whose first key is not after it.
function shardOf(firsts, key) {
  let low = 0, high = firsts.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (firsts[middle] <= key) low = middle + 1
    else high = middle
  }
  return Math.max(0, low - 1)
}

export class Lexicon {
  constructor(load) {
    this.load = load
    this.files = new Map()
  }

  file(name) {
    if (!this.files.has(name)) {
      const loading = this.load(name)
      loading.catch(() => this.files.delete(name)) // try again on the next query
      this.files.set(name, loading)
    }
    return this.files.get(name)
  }

  manifest() {
    return this.file("index.json")
  }

  // Concepts the query names, best first: [{concept: [id, label, short], matched, kind}].
  async lookup(rawQuery) {
    const manifest = await this.manifest()
    const query = splitClusters(normalize(rawQuery))
    if (!query) return []
    const fold = HAN.test(query) ? await this.file("fold.json") : null
    const plan = planProbes(manifest, query, fold)
    const words = planWords(manifest, query, fold)
    const shards = await this.shards(new Set([...plan.shards, ...words.shards]))
    const scores = new Map()
    score(manifest, plan, shards, scores)
    scoreWords(manifest, words.terms, shards, scores)
    const typed = query.replace(/ /g, "")
    if (LATIN.test(query) && /[a-z]/.test(query) && typed.length >= 4 && best(scores) < 40) {
      const groups = [...new Set([query[0], query[1]])].filter((first) => manifest.typos.includes(first))
      const candidates = await Promise.all(groups.map((first) => this.file(`t-${first}.json`)))
      candidates.forEach((group) => scoreTypos(manifest, group, query, scores))
    }
    const top = [...scores.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, MAX_HITS)
    const chunks = await Promise.all(top.map(([concept]) => this.file(`c${Math.floor(concept / manifest.chunk)}.json`)))
    return top.map(([concept, hit], index) => ({
      concept: chunks[index][concept % manifest.chunk],
      matched: hit.kind === READING || hit.kind === WORDS ? null : hit.key,
      kind: hit.kind,
    }))
  }

  async shards(names) {
    const loaded = await Promise.all([...names].map((name) => this.file(`${name}.json`)))
    return new Map([...names].map((name, index) => [name, loaded[index]]))
  }
}

const letters = (text) => text.replace(/ /g, "").length

function best(scores) {
  let top = -Infinity
  for (const hit of scores.values()) top = Math.max(top, hit.score)
  return top
}

// What to look up: each form of the query exactly and as a prefix, and, in unspaced
// Chinese or Korean, every stretch of it exactly; with the shards those keys fall in.
function planProbes(manifest, query, fold) {
  const forms = variants(query, manifest.particles).map((form, index) => ({ form, exact: index === 0 ? 100 : 95 }))
  if (fold) {
    for (const { form } of [...forms]) {
      const folded = foldScript(form, fold)
      if (!forms.some((known) => known.form === folded)) forms.push({ form: folded, exact: 93 })
    }
  }
  const parts = []
  if (!query.includes(" ") && query.length <= 24 && CJK.test(query)) {
    const whole = new Set([query, fold ? foldScript(query, fold) : query])
    for (const text of whole) {
      for (let length = text.length - 1; length >= 2; length--) {
        for (let start = 0; start + length <= text.length; start++) parts.push(text.slice(start, start + length))
      }
    }
  }
  const shards = new Set()
  for (const table of tables(manifest)) {
    for (const { form } of forms) {
      const first = shardOf(table.firsts, form)
      shards.add(`${table.prefix}${first}`)
      // a prefix may run on into the next shard
      if (first + 1 < table.firsts.length && table.firsts[first + 1].startsWith(form)) shards.add(`${table.prefix}${first + 1}`)
    }
  }
  for (const part of parts) {
    if (manifest.shards.length) shards.add(`k${shardOf(manifest.shards, part)}`)
  }
  return { forms, parts: [...new Set(parts)], shards }
}

// The two sorted sequences of keys: those every site shares (designations and their
// parts) and this site's readings (pinyin, 초성, acronyms in Hangul).
function tables(manifest) {
  return [
    { prefix: "k", firsts: manifest.shards },
    { prefix: "r", firsts: manifest.readings },
  ].filter((table) => table.firsts.length)
}

function unpack(manifest, ref) {
  // ref = ((concept * kinds + kind) * statuses + status) * languages + language
  const languages = manifest.languages
  const language = ref % languages
  let rest = Math.floor(ref / languages)
  const status = rest % manifest.statuses
  rest = Math.floor(rest / manifest.statuses)
  return { language, status, kind: rest % manifest.kinds, concept: Math.floor(rest / manifest.kinds) }
}

function add(manifest, scores, key, ref, points) {
  const { language, status, kind, concept } = unpack(manifest, ref)
  const total = points(kind) - status * 3 - (language === manifest.lang ? 0 : 1)
  if (Number.isNaN(total)) return
  const known = scores.get(concept)
  if (!known || known.score < total) scores.set(concept, { score: total, key, kind })
}

// Points, before the status and language adjustments, by what matched: a designation as
// typed (100) or in another form of the query (95, folded 93), one the query begins (40–60),
// a designation inside an unspaced query (40 + 3 per character); below them a reading
// typed whole (80) or begun (25–45), and the end of a designation (30–36).
function score(manifest, plan, shards, scores) {
  for (const table of tables(manifest)) {
    for (const { form, exact } of plan.forms) scoreForm(manifest, table, form, exact, shards, scores)
  }
  for (const part of plan.parts) {
    const shard = shards.get(`k${shardOf(manifest.shards, part)}`)
    if (!shard) continue
    for (let at = lowerBound(shard.keys, part); at < shard.keys.length && shard.keys[at] === part; at++) {
      add(manifest, scores, part, shard.refs[at], (kind) => (kind === DESIGNATION ? 40 + 3 * part.length : NaN))
    }
  }
}

// The keys of one table that begin with the form (at most 200 of them).
function scoreForm(manifest, table, form, exact, shards, scores) {
  let number = shardOf(table.firsts, form)
  let shard = shards.get(`${table.prefix}${number}`)
  if (!shard) return
  let position = lowerBound(shard.keys, form)
  for (let seen = 0; seen < 200; seen++, position++) {
    if (position >= shard.keys.length) {
      shard = shards.get(`${table.prefix}${++number}`)
      if (!shard) return
      position = 0
    }
    const key = shard.keys[position]
    if (!key.startsWith(form)) return
    const extra = letters(key) - letters(form) // a space is no extra to type
    add(manifest, scores, key, shard.refs[position], (kind) => {
      if (kind === DESIGNATION) return extra === 0 ? exact : 60 - Math.min(20, extra) - (exact < 95 ? 1 : 0)
      if (kind === READING) return extra === 0 ? exact - 20 : 45 - Math.min(20, extra)
      return extra === 0 ? 36 : 32 - Math.min(10, extra)
    })
  }
}

// ---- the words of definitions (glossary.search.text_tokens) ---------------------------

const TOKENS = /[a-z0-9]+|[\uac00-\ud7a3]+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+/g

// What to look for in definitions: each word of the query (the last one, still being
// typed, as a beginning; a Korean one also without its particle), and each two
// neighbouring Chinese or Japanese characters; words most definitions have are skipped.
export function wordTerms(query, particles, common) {
  const runs = query.match(TOKENS) || []
  const terms = []
  runs.forEach((run, index) => {
    const prefix = index === runs.length - 1 && !query.endsWith(" ")
    if (HANGUL.test(run[0])) {
      const stems = particles.filter((p) => run.length > p.length && run.endsWith(p)).map((p) => run.slice(0, -p.length))
      terms.push({ forms: [run, ...stems], prefix })
    } else if (/[a-z0-9]/.test(run[0])) {
      if (run.length >= 2) terms.push({ forms: [run], prefix })
    } else if (run.length === 1) {
      terms.push({ forms: [run], prefix: true })
    } else {
      for (let i = 0; i + 2 <= run.length; i++) terms.push({ forms: [run.slice(i, i + 2)], prefix: false })
    }
  })
  return terms.filter((term) => term.prefix || !term.forms.every((form) => common.has(form)))
}

function planWords(manifest, query, fold) {
  if (!manifest.words?.length) return { terms: [], shards: [] }
  manifest.commonSet ??= new Set(manifest.common)
  const terms = wordTerms(fold ? foldScript(query, fold) : query, manifest.particles, manifest.commonSet)
  const shards = new Set()
  for (const term of terms) {
    for (const form of term.forms) {
      const first = shardOf(manifest.words, form)
      shards.add(`w${first}`)
      if (term.prefix && first + 1 < manifest.words.length && manifest.words[first + 1].startsWith(form)) shards.add(`w${first + 1}`)
    }
  }
  return { terms, shards: [...shards] }
}

// The concepts whose definition has a form of the term (or, for a prefix, one of the
// first 50 words beginning with it).
function conceptsWith(manifest, term, shards) {
  const found = new Set()
  for (const form of term.forms) {
    let number = shardOf(manifest.words, form)
    let shard = shards.get(`w${number}`)
    let position = shard ? lowerBound(shard.keys, form) : 0
    for (let seen = 0; shard && seen < 50; seen++, position++) {
      if (position >= shard.keys.length) {
        shard = shards.get(`w${++number}`)
        position = 0
        if (!shard) break
      }
      const key = shard.keys[position]
      if (term.prefix ? !key.startsWith(form) : key !== form) break
      let concept = -1
      for (const gap of shard.docs[position]) found.add((concept += gap))
    }
  }
  return found
}

// A definition with every word of the query: 26 points, below every designation but
// above a typo (8–14); one with at least half of them, below the typos (2, -4, …).
function scoreWords(manifest, terms, shards, scores) {
  if (!terms.length) return
  const counts = new Map()
  for (const term of terms) {
    for (const concept of conceptsWith(manifest, term, shards)) counts.set(concept, (counts.get(concept) || 0) + 1)
  }
  for (const [concept, count] of counts) {
    if (count * 2 < terms.length) continue
    const points = count === terms.length ? 26 : 2 - 6 * (terms.length - count - 1)
    const known = scores.get(concept)
    if (!known || known.score < points) scores.set(concept, { score: points, key: null, kind: WORDS })
  }
}

// The typo fallback: Latin designations within one or two edits of the query (one for a
// query of four letters), or of its beginning while it is being typed.
function scoreTypos(manifest, group, query, scores) {
  const max = query.length <= 4 ? 1 : 2
  for (let position = 0; position < group.keys.length; position++) {
    const key = group.keys[position]
    let distance = editDistance(query, key, max)
    let points = 20
    if (distance > max && key.length > query.length) {
      points = 10
      for (const length of [query.length - 1, query.length, query.length + 1]) {
        if (length < key.length) distance = Math.min(distance, editDistance(query, key.slice(0, length), max))
      }
    }
    if (distance <= max) add(manifest, scores, key, group.refs[position], () => points - 6 * distance)
  }
}
