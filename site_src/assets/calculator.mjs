// Metric calculators. The formula arrives as a JSON AST built by the Python side
// (glossary/formula); this module only evaluates it: no parser, no eval. The same file
// is loaded by the site (as a module) and by `node --test` (tests/js).

// The page's locale (for Intl) and each value's decimals come with the calculator's data,
// from the language table and the units' defaults on the Python side.
const TEMPLATES = { days: "unit_days", months: "unit_months", years: "unit_years", ratio: "unit_ratio" }
const PERIODS = { day: "per_day", month: "per_month", quarter: "per_quarter", year: "per_year" }
const SYMBOLS = { "+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7" }
const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, neg: 3, num: 4, var: 4 }

export class FormulaError extends Error {
  constructor(code) { super(code); this.code = code }
}

// Same operations in the same order as glossary.formula.evaluate: identical doubles.
export function evaluate(ast, env) {
  const value = evalNode(ast, env)
  if (!Number.isFinite(value)) throw new FormulaError("not-finite")
  return value === 0 ? 0 : value
}

function evalNode(node, env) {
  const kind = node[0]
  if (kind === "num") return Number(node[1])
  if (kind === "var") {
    if (!Object.prototype.hasOwnProperty.call(env, node[1])) throw new FormulaError("missing-input")
    return Number(env[node[1]])
  }
  if (kind === "neg") return -evalNode(node[1], env)
  const left = evalNode(node[1], env)
  const right = evalNode(node[2], env)
  if (kind === "+") return left + right
  if (kind === "-") return left - right
  if (kind === "*") return left * right
  if (right === 0) throw new FormulaError("division-by-zero")
  return left / right
}

export function fractionDigits(unit, decimals, currency) {
  if (unit === "currency") {
    if (decimals == null) {
      const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      return [digits.minimumFractionDigits, digits.maximumFractionDigits]
    }
    return [decimals, decimals]
  }
  return [0, decimals == null ? 2 : decimals]
}

// Mirrors glossary.formula.display.format_value (Babel rounding set to half-up); ``locale``
// is an Intl locale, ``decimals`` already resolved (null only for a currency's own digits);
// ``per`` is a rate's period ("$5,000.00 per day"), worded by ``text``.
export function formatValue(value, unit, locale, currency, decimals, text, per) {
  const shown = formatUnit(value, unit, locale, currency, decimals, text)
  const period = PERIODS[per]
  return period && text ? text[period].replace("{n}", () => shown) : shown  // "$" is no pattern
}

function formatUnit(value, unit, locale, currency, decimals, text) {
  value = value === 0 ? 0 : value
  const [min, max] = fractionDigits(unit, decimals, currency)
  const options = { minimumFractionDigits: min, maximumFractionDigits: max }
  if (unit === "currency") return new Intl.NumberFormat(locale, { ...options, style: "currency", currency }).format(value)
  if (unit === "percent") return new Intl.NumberFormat(locale, { ...options, style: "percent" }).format(value)
  const number = new Intl.NumberFormat(locale, options).format(value)
  const template = TEMPLATES[unit]
  return template && text ? text[template].replace("{n}", number) : number
}

// What a reader typed: fullwidth digits (NFKC), grouping commas, spaces and a percent
// sign are accepted; anything else is not a number.
export function parseNumber(raw) {
  const text = String(raw ?? "").normalize("NFKC").replace(/[\s,_]/g, "").replace(/%$/, "")
  if (text === "") return { empty: true }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return { invalid: true }
  return { value: Number(text) }
}

export function renderExpression(node, show, parent = 0, right = false) {
  const kind = node[0]
  if (kind === "num") return show.num(node[1])
  if (kind === "var") return show.var(node[1])
  if (kind === "neg") return "\u2212" + renderExpression(node[1], show, PRECEDENCE.neg)
  const mine = PRECEDENCE[kind]
  const text = renderExpression(node[1], show, mine) + " " + SYMBOLS[kind] + " " +
    renderExpression(node[2], show, mine, kind === "-" || kind === "/")
  return mine < parent || (right && mine === parent) ? "(" + text + ")" : text
}

// ---- the calculator on a term page -------------------------------------------------

function field(root, name) { return root.querySelector(`[data-field="${name}"]`) }

function toDisplay(input, value) { return input.unit === "percent" ? value * 100 : value }

function fromDisplay(input, value) { return input.unit === "percent" ? value / 100 : value }

function plain(input, value, locale) {
  const shown = toDisplay(input, value)
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false }).format(shown)
}

function boundText(input, bound, data, currency) {
  return formatValue(bound, input.unit, data.locale, currency, input.unit === "currency" ? null : input.decimals, data.text)
}

function checkBounds(input, value, data, currency) {
  const say = (key, bound) => data.text[key].replace("{label}", input.label).replace("{bound}", boundText(input, bound, data, currency))
  if (input.min != null && value < input.min) return say("error_below", input.min)
  if (input.max != null && value > input.max) return say("error_above", input.max)
  if (input.exclusive_min != null && value <= input.exclusive_min) return say("error_not_above", input.exclusive_min)
  return null
}

export function calculate(data, fields, target, currency) {
  const all = [...data.inputs, data.result]
  const env = {}
  for (const input of all) {
    if (input.name === target) continue
    const parsed = parseNumber(fields[input.name])
    if (parsed.empty) return { error: data.text.error_missing.replace("{label}", input.label), field: input.name }
    if (parsed.invalid) return { error: data.text.error_invalid.replace("{label}", input.label), field: input.name }
    const value = fromDisplay(input, parsed.value)
    const problem = input.name === "result" ? null : checkBounds(input, value, data, currency)
    if (problem) return { error: problem, field: input.name }
    env[input.name] = value
  }
  const ast = target === "result" ? data.ast : data.inverses[target]
  let value
  try {
    value = evaluate(ast, env)
  } catch (error) {
    return { error: data.text.error_division, field: null }
  }
  const solved = all.find((input) => input.name === target)
  const problem = target === "result" ? null : checkBounds(solved, value, data, currency)
  if (problem) return { error: problem, field: target }
  env[target] = value
  return { value, env }
}

// The reader's currency: the picker's, on calculators that count money (they alone have
// one), else the page's.
function currencyOf(root, data) {
  const picker = root.querySelector("[data-currency]")
  return picker ? picker.value : data.currency
}

function update(root, data) {
  const target = root.querySelector("[data-solve]").value
  const currency = currencyOf(root, data)
  const fields = {}
  for (const input of [...data.inputs, data.result]) {
    const element = field(root, input.name)
    element.readOnly = input.name === target
    element.closest(".gl-calc__row").classList.toggle("gl-calc__row--solved", input.name === target)
    element.removeAttribute("aria-invalid")
    fields[input.name] = element.value
  }
  const outcome = calculate(data, fields, target, currency)
  const error = root.querySelector(".gl-calc__error")
  const output = root.querySelector(".gl-calc__result")
  const formula = root.querySelector(".gl-calc__formula")
  if (outcome.error) {
    error.textContent = outcome.error
    error.hidden = false
    output.textContent = ""
    formula.textContent = ""
    if (outcome.field) field(root, outcome.field).setAttribute("aria-invalid", "true")
    return
  }
  error.hidden = true
  error.textContent = ""
  const all = [...data.inputs, data.result]
  const solved = all.find((input) => input.name === target)
  field(root, target).value = plain(solved, outcome.value, data.locale)
  const show = (name) => {
    const input = all.find((i) => i.name === name)
    return formatValue(outcome.env[name], input.unit, data.locale, currency, input.decimals, data.text, input.per)
  }
  const result = show("result")
  output.textContent = `${solved.label} = ${show(target)}`
  formula.textContent = renderExpression(data.ast, { num: (n) => formatValue(n, "number", data.locale, currency, 6, data.text), var: show }) + " = " + result
  const query = new URLSearchParams({ solve: target })
  for (const input of all) if (input.name !== target) query.set(input.name, String(outcome.env[input.name]))
  // amounts travel with their currency, so a link opened in another language keeps them
  if (root.querySelector("[data-currency]")) query.set("currency", currency)
  root.querySelector(".gl-calc__share").href = "?" + query.toString()
}

function restore(root, data) {
  const query = new URLSearchParams(window.location.search)
  const solve = root.querySelector("[data-solve]")
  if (query.has("solve") && [...solve.options].some((o) => o.value === query.get("solve"))) solve.value = query.get("solve")
  const currency = root.querySelector("[data-currency]")
  if (currency && query.has("currency") && [...currency.options].some((o) => o.value === query.get("currency"))) currency.value = query.get("currency")
  for (const input of [...data.inputs, data.result]) {
    const parsed = parseNumber(query.get(input.name))
    if (query.has(input.name) && parsed.value !== undefined) field(root, input.name).value = plain(input, parsed.value, data.locale)
  }
}

export function mount(root) {
  if (root.dataset.mounted) return
  const data = JSON.parse(root.dataset.calc)
  root.dataset.mounted = "1"
  restore(root, data)
  root.addEventListener("input", () => update(root, data))
  root.addEventListener("change", () => update(root, data))
  root.querySelector(".gl-calc__share").addEventListener("click", (event) => {
    event.preventDefault()
    const url = new URL(event.currentTarget.href, window.location.href).toString()
    window.history.replaceState(null, "", url)
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {})
    root.querySelector(".gl-calc__copied").hidden = false
  })
  root.hidden = false
  update(root, data)
}

function mountAll() { document.querySelectorAll(".gl-calc[data-calc]").forEach(mount) }

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined") window.document$.subscribe(mountAll)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll)
  else mountAll()
}
