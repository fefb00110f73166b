// Quizzes: the questions were generated at build time (glossary/quiz.py) and arrive as
// the quiz's JSON, fetched when the page opens. A metric question's answer is worked out
// here by the calculators' own evaluator from the AST and values it came with, the same
// doubles as the build's (tests/js/quiz.test.mjs holds them to it). The summary can be
// shared: #s=<seed>&a=<answers> reproduces it (#s=<seed> alone starts that quiz).
import { evaluate, parseNumber } from "./calculator.mjs"

// Whether ``response`` answers ``q``: an option's index, or a number as the reader sees it
// (a percent as a percent) within the question's tolerance.
export function isRight(q, response) {
  if (response === null || response === undefined) return false
  if (q.o) return response === q.a
  return Math.abs(response - expected(q)) <= q.tol
}

export function expected(q) { return q.o ? q.a : evaluate(q.ast, q.env) }

// A number typed for ``q``: {value} (percents made fractions), {empty} or {invalid}.
export function readNumber(q, raw) {
  const parsed = parseNumber(raw)
  if (parsed.empty) return { empty: true }
  if (parsed.value === undefined) return { invalid: true }
  return { value: q.unit === "percent" ? parsed.value / 100 : parsed.value }
}

// The fragment that reproduces a summary, and back: answers joined by "~", an option as
// its index, a number as its value, none as "-".
export function encodeResult(seed, responses) {
  const answers = responses.map((r) => (r === null || r === undefined ? "-" : String(r)))
  return `s=${encodeURIComponent(seed)}&a=${answers.map(encodeURIComponent).join("~")}`
}

export function decodeResult(fragment, questionsBySeed) {
  const params = new URLSearchParams(String(fragment).replace(/^#/, ""))
  const seed = params.get("s")
  const questions = seed !== null ? questionsBySeed[seed] : undefined
  if (!questions || !params.has("a")) return null
  const raw = params.get("a").split("~")
  if (raw.length !== questions.length) return null
  const responses = raw.map((item, i) => {
    if (item === "-") return null
    const number = Number(item)
    if (!Number.isFinite(number)) return null
    return questions[i].o ? (Number.isInteger(number) && number >= 0 && number < questions[i].o.length ? number : null) : number
  })
  return { seed, responses }
}

export function score(questions, responses) {
  return questions.reduce((total, q, i) => total + (isRight(q, responses[i]) ? 1 : 0), 0)
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole))
}

// ---- the page ----------------------------------------------------------------------

function shownResponse(q, response, locale) {
  if (response === null) return null
  if (q.o) return q.o[response]
  const shown = q.unit === "percent" ? response * 100 : response
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(shown) + (q.unit === "percent" ? "%" : "")
}

function answerText(q) { return q.o ? q.o[q.a] : q.shown }

function element(tag, className, textContent) {
  const made = document.createElement(tag)
  if (className) made.className = className
  if (textContent !== undefined) made.textContent = textContent
  return made
}

function termLink(q, text) {
  const link = element("a", "", fill(text.quiz_read, { term: q.t }))
  link.href = q.link
  return link
}

export function mount(root) {
  if (root.dataset.mounted) return
  root.dataset.mounted = "1"
  const text = JSON.parse(root.dataset.text)
  const $ = (name) => root.querySelector(`[data-${name}]`)
  let data = null
  let seeds = []
  let seed = null
  let questions = []
  let responses = []
  let index = 0
  const locale = document.documentElement.lang || "en"

  const ask = () => {
    const q = questions[index]
    $("progress").textContent = fill(text.quiz_progress, { n: index + 1, total: questions.length })
    $("prompt").textContent = q.p
    $("quote").hidden = !q.q
    $("quote").textContent = q.q || ""
    const givens = $("givens")
    givens.hidden = !q.g
    const table = element("table", "gl-quiz__givens gl-example-inputs")
    table.createTBody().append(...(q.g || []).map(([label, value]) => {
      const row = element("tr")
      const head = element("th", "", label)
      head.scope = "row"
      row.append(head, element("td", "", value))
      return row
    }))
    givens.replaceChildren(table)
    const options = $("options")
    options.replaceChildren(...(q.o || []).map((option, i) => {
      const label = element("label", "gl-quiz__option")
      const input = element("input")
      input.type = "radio"
      input.name = "gl-quiz-option"
      input.value = String(i)
      label.append(input, " ", element("span", "", option))
      return label
    }))
    $("number").hidden = Boolean(q.o)
    const number = root.querySelector("#gl-quiz-number")
    number.value = ""
    $("suffix").textContent = q.unit === "percent" ? "%" : q.cur || ""
    for (const input of root.querySelectorAll("[data-form] input")) input.disabled = false
    $("check").hidden = false
    $("problem").hidden = true
    $("feedback").replaceChildren()
    $("next").hidden = true
    $("summary").hidden = true
    $("form").hidden = false
    $("progress").hidden = false
  }

  const check = (event) => {
    event.preventDefault()
    const q = questions[index]
    let response
    if (q.o) {
      const chosen = root.querySelector('[data-options] input:checked')
      if (!chosen) return problem(text.quiz_choose)
      response = Number(chosen.value)
    } else {
      const typed = readNumber(q, root.querySelector("#gl-quiz-number").value)
      if (typed.value === undefined) return problem(text.quiz_number)
      response = typed.value
    }
    responses[index] = response
    $("problem").hidden = true
    for (const input of root.querySelectorAll("[data-form] input")) input.disabled = true
    $("check").hidden = true
    const right = isRight(q, response)
    const verdict = element("p", right ? "gl-quiz__right" : "gl-quiz__wrong", right ? text.quiz_right : text.quiz_wrong)
    const said = right ? [] : [element("p", "", fill(text.quiz_answer_was, { answer: answerText(q) }))]
    const why = element("p", "gl-quiz__explanation", q.x)
    const more = element("p")
    more.append(termLink(q, text))
    $("feedback").replaceChildren(verdict, ...said, why, more)
    const next = $("next")
    next.textContent = index + 1 < questions.length ? text.quiz_next : text.quiz_finish
    next.hidden = false
    next.focus()
  }

  const problem = (message) => {
    $("problem").textContent = message
    $("problem").hidden = false
  }

  const summarize = () => {
    const total = score(questions, responses)
    $("form").hidden = true
    $("progress").hidden = true
    $("next").hidden = true
    $("feedback").replaceChildren()
    $("score").textContent = fill(text.quiz_score, { score: total, total: questions.length })
    $("results").replaceChildren(...questions.map((q, i) => {
      const item = element("li", isRight(q, responses[i]) ? "gl-quiz__right" : "gl-quiz__wrong")
      const verdict = isRight(q, responses[i]) ? text.quiz_right : text.quiz_wrong
      item.append(element("strong", "", verdict), " ", element("span", "", q.p))
      if (q.q) item.append(element("span", "gl-quiz__quote", ` ${q.q}`))
      const given = shownResponse(q, responses[i], locale)
      item.append(element("br"), fill(text.quiz_your_answer + ": {a}", { a: given ?? text.quiz_no_answer }))
      if (!isRight(q, responses[i])) item.append(" · ", fill(text.quiz_answer_was, { answer: answerText(q) }))
      item.append(" · ", termLink(q, text))
      return item
    }))
    const hash = "#" + encodeResult(seed, responses)
    $("share").href = hash
    $("summary").hidden = false
    $("summary").focus()
  }

  const start = (chosen) => {
    seed = chosen
    questions = data.seeds[seed]
    responses = questions.map(() => null)
    index = 0
    if (questions.length) ask()
  }

  $("form").addEventListener("submit", check)
  const focusAnswer = () => {
    const first = root.querySelector(questions[index].o ? "[data-options] input" : "#gl-quiz-number")
    if (first) first.focus()
  }
  $("next").addEventListener("click", () => {
    index += 1
    if (index < questions.length) {
      ask()
      focusAnswer()
    } else summarize()
  })
  $("print").addEventListener("click", () => window.print())
  $("again").addEventListener("click", () => {
    window.history.replaceState(null, "", window.location.pathname + window.location.search)
    start(seeds[(seeds.indexOf(seed) + 1) % seeds.length])
    if (questions.length) focusAnswer()
  })
  $("share").addEventListener("click", (event) => {
    event.preventDefault()
    const url = new URL($("share").getAttribute("href"), window.location.href).toString()
    window.history.replaceState(null, "", url)
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {})
    $("copied").hidden = false
  })
  root.hidden = false
  fetch(new URL(root.dataset.src, window.location.href))
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status))
      return response.json()
    })
    .then((loaded) => {
      data = loaded
      seeds = Object.keys(data.seeds)
      const shared = decodeResult(window.location.hash, data.seeds)
      const asked = new URLSearchParams(window.location.hash.slice(1)).get("s")
      if (shared) {
        start(shared.seed)
        responses = shared.responses
        summarize()
      } else start(seeds.includes(asked) ? asked : seeds[Math.floor(Math.random() * seeds.length)])
    })
    .catch(() => {
      $("form").hidden = true
      $("feedback").textContent = text.quiz_error
    })
}

function mountAll() { document.querySelectorAll("[data-quiz]").forEach(mount) }

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined") window.document$.subscribe(mountAll)
  else mountAll()
}
