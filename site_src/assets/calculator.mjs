// Metric calculators. The formula arrives as a JSON AST built by the Python side
// (glossary/formula); this module only evaluates it: no parser, no eval. The same file
// is loaded by the site (as a module) and by `node --test` (tests/js).
import { attachParticles } from "./particles.mjs"

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
// ``per`` is a rate's period ("$5,000.00 per day"), worded by ``text``; ``reading`` is how
// the reader spells amounts of their own currency (the data's ``readings``), if shown.
export function formatValue(value, unit, locale, currency, decimals, text, per, reading) {
  let shown = formatUnit(value, unit, locale, currency, decimals, text)
  if (reading && unit === "currency" && text && text.amount_reading && reading.currency === currency) {
    shown = withReading(shown, value, currency, decimals, text, reading)
  }
  const period = PERIODS[per]
  return period && text ? text[period].replace("{n}", () => shown) : shown  // "$" is no pattern
}

// ``value``, or 0 when it shows as zero with ``digits`` fraction digits (shown_value).
export function shownValue(value, digits) {
  return value === 0 || Math.abs(value) < Number(`5e-${digits + 1}`) ? 0 : value
}

function withReading(shown, value, currency, decimals, text, reading) {
  const digits = fractionDigits("currency", decimals, currency)[1]
  const rounded = new Intl.NumberFormat("en-US", { useGrouping: false, minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(shownValue(value, digits))
  const words = readAmount(rounded, reading)
  return words ? text.amount_reading.replace("{amount}", () => shown).replace("{reading}", () => words) : shown
}

function formatUnit(value, unit, locale, currency, decimals, text) {
  const [min, max] = fractionDigits(unit, decimals, currency)
  value = shownValue(value, max + (unit === "percent" ? 2 : 0))
  const options = { minimumFractionDigits: min, maximumFractionDigits: max }
  if (unit === "currency") return new Intl.NumberFormat(locale, { ...options, style: "currency", currency }).format(value)
  if (unit === "percent") return new Intl.NumberFormat(locale, { ...options, style: "percent" }).format(value)
  const number = new Intl.NumberFormat(locale, options).format(value)
  const template = TEMPLATES[unit]
  return template && text ? text[template].replace("{n}", number) : number
}

// ---- numbers as readers type them (glossary.formula.amounts) ------------------------
// Fullwidth digits (NFKC), grouping commas, spaces, a sign (also U+2212), a trailing
// percent sign, and Korean and Chinese numeral units (5000만, 2억 5,000만, 2.5亿, 30萬)
// from the table the page's data carries (``units``: tooling/glossary/data/amount-units.json).
// Values are exact decimals (BigInt digits × 10^exp) until the one rounding to a double.
const PLAIN = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/
const PART = "(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)"

function decimalOf(text) {
  const [mantissa, exponent = "0"] = text.toLowerCase().split("e")
  const [whole, fraction = ""] = mantissa.split(".")
  return { digits: BigInt((whole + fraction) || "0"), exp: Number(exponent) - fraction.length }
}

function addDecimals(a, b) {
  const exp = Math.min(a.exp, b.exp)
  return { digits: a.digits * 10n ** BigInt(a.exp - exp) + b.digits * 10n ** BigInt(b.exp - exp), exp }
}

function withUnits(text, table) {
  if (!table) return null
  for (const word of table.currency_words) {
    if (text.endsWith(word)) { text = text.slice(0, -word.length); break }
  }
  const units = Object.keys(table.units).join("")
  if (!units || !new RegExp(`^(?:${PART}[${units}]+)+${PART}?$`, "u").test(text)) return null
  let total = { digits: 0n, exp: 0 }
  let last = Infinity
  for (const [, number, names] of text.matchAll(new RegExp(`(${PART})([${units}]*)`, "gu"))) {
    const powers = [...names].map((u) => table.units[u])
    if (powers.some((p, i) => i > 0 && powers[i - 1] >= p)) return null  // 억만 is not a unit
    const power = powers.reduce((a, b) => a + b, 0)
    if (power >= last) return null  // largest first
    last = power
    const part = decimalOf(number)
    total = addDecimals(total, { digits: part.digits, exp: part.exp + power })
  }
  return total
}

// The decimal written out, without exponent or trailing zeros (plain_decimal in Python).
export function plainDecimal(sign, d) {
  let digits = d.digits.toString()
  let exp = d.exp
  if (d.digits === 0n) return "0"
  while (digits.endsWith("0")) { digits = digits.slice(0, -1); exp += 1 }
  let text
  if (exp >= 0) text = digits + "0".repeat(exp)
  else if (digits.length > -exp) text = digits.slice(0, exp) + "." + digits.slice(exp)
  else text = "0." + "0".repeat(-exp - digits.length) + digits
  return (sign < 0 ? "-" : "") + text
}

// The power of ten of the first digit (Decimal.adjusted); past ±LIMIT a value is no double.
const LIMIT = 400
export function adjusted(d) { return d.digits === 0n ? 0 : d.digits.toString().length + d.exp - 1 }

function toNumber(sign, d, shift = 0) {
  const value = sign * Number(`${d.digits}e${d.exp + shift}`)
  return value === 0 ? 0 : value
}

// What a reader typed: { empty }, { invalid }, or { value, sign, decimal, percent } where
// ``percent`` says it ended with %, ``decimal`` is exact; ``tooLarge`` past a double.
export function parseNumber(raw, table) {
  let text = String(raw ?? "").normalize("NFKC").replace(/[\s,_]/g, "")
  if (text === "") return { empty: true }
  const percent = text.endsWith("%")
  if (percent) text = text.slice(0, -1)
  const sign = text[0] === "-" || text[0] === "\u2212" ? -1 : 1
  if (["-", "+", "\u2212"].includes(text[0])) text = text.slice(1)
  let decimal = PLAIN.test(text) ? decimalOf(text) : percent ? null : withUnits(text, table)
  if (decimal === null) return { invalid: true, percent }
  const magnitude = adjusted(decimal)
  if (magnitude > LIMIT) return { tooLarge: true, percent }
  if (magnitude < -LIMIT) decimal = { digits: 0n, exp: 0 }
  const value = toNumber(sign, decimal)
  if (!Number.isFinite(value)) return { tooLarge: true, percent }
  return { value, sign, decimal, percent }
}

// ---- amounts in words (read_amount in Python) ----------------------------------------

const grouped = (n) => n.toLocaleString("en-US")

// ``text``: the amount as shown, rounded ("250000000.00"); ``spec``: the reader's reading.
export function readAmount(text, spec) {
  const sign = text.startsWith("-") ? "-" : ""
  const amount = decimalOf(sign ? text.slice(1) : text)
  const units = spec.units
  const whole = amount.exp >= 0 ? amount.digits * 10n ** BigInt(amount.exp) : amount.digits / 10n ** BigInt(-amount.exp)
  const exact = amount.exp >= 0 || amount.digits % 10n ** BigInt(-amount.exp) === 0n
  if (whole < 10n ** BigInt(units[units.length - 1][1]) || whole >= 10n ** BigInt(units[0][1] + 4)) return null
  if (spec.style === "groups") {
    if (!exact) return null
    const parts = []
    units.forEach(([name, power], index) => {
      let group = whole / 10n ** BigInt(power)
      if (index) group %= 10n ** BigInt(units[index - 1][1] - power)
      if (group) parts.push(grouped(group) + name)
    })
    const rest = whole % 10n ** BigInt(units[units.length - 1][1])
    if (rest) parts.push(grouped(rest))
    return sign + parts.join(" ") + (rest ? "" : " ") + spec.word
  }
  const [name, power] = units.find(([, p]) => whole >= 10n ** BigInt(p))
  let coefficient = { digits: amount.digits, exp: amount.exp - power }
  let about = ""
  if (coefficient.exp < -2) {  // two decimals at most, rounded half up, "about" when inexact
    const scale = 10n ** BigInt(-2 - coefficient.exp)
    const rest = coefficient.digits % scale
    const digits = coefficient.digits / scale + (2n * rest >= scale ? 1n : 0n)
    if (rest) about = spec.about
    coefficient = { digits, exp: -2 }
  }
  const [integer, fraction = ""] = plainDecimal(1, coefficient).split(".")
  return `${about}${sign}${grouped(BigInt(integer))}${fraction ? "." + fraction : ""} ${name}${spec.word}`
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

function plain(input, value, locale) {
  const shown = toDisplay(input, value)
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false }).format(shown)
}

function boundText(input, bound, data, currency) {
  return formatValue(bound, input.unit, data.locale, currency, input.unit === "currency" ? null : input.decimals, data.text)
}

// A message about an input: its label, bound and other fields filled in, and Korean
// particles made to agree with the label (glossary.particles).
function message(template, label, bound = "", more = {}) {
  let text = template.replace("{label}", () => label).replace("{bound}", () => bound)
  for (const [key, value] of Object.entries(more)) text = text.replaceAll(`{${key}}`, () => value)
  return attachParticles(text)
}

function checkBounds(input, value, data, currency) {
  const say = (key, bound) => message(data.text[key], input.label, boundText(input, bound, data, currency))
  if (input.min != null && value < input.min) return say("error_below", input.min)
  if (input.max != null && value > input.max) return say("error_above", input.max)
  if (input.exclusive_min != null && value <= input.exclusive_min) return say("error_not_above", input.exclusive_min)
  return null
}

// A solved value a residue away from a bound is the bound (snap_to_bounds in Python).
const SNAP = 1e-12
export function snapToBounds(input, value, env) {
  const tolerance = Math.max(1, Math.abs(value), ...Object.values(env).map(Math.abs)) * SNAP
  for (const bound of [input.min, input.max]) {
    if (bound != null && Math.abs(value - bound) <= tolerance) return Number(bound)
  }
  return value
}

// What was typed into ``input`` (read_input in Python): { value }, { error }, or a value
// with a { warning }. A percentage is typed as a percentage (8, 8% and 8％ all mean 8
// percent); one typed like a fraction (0.08) is read as written, with a warning. A field
// the calculator filled in itself arrives as { exact }, its unrounded value.
export function readInput(input, raw, data) {
  if (raw !== null && typeof raw === "object") return { value: raw.exact }
  const parsed = parseNumber(raw, data.units)
  const text = data.text
  const percent = input.unit === "percent"
  if (parsed.empty) return { error: message(text.error_missing, input.label) }
  if (parsed.invalid) return { error: message(text.error_invalid, input.label) }
  if (parsed.percent && !percent) return { error: message(text.error_not_percent, input.label) }
  if (parsed.tooLarge) return { error: message(text.error_too_large, input.label) }
  if (!percent) return { value: parsed.value }
  const value = toNumber(parsed.sign, parsed.decimal, -2)
  const d = parsed.decimal
  if (!parsed.percent && d.digits !== 0n && adjusted(d) < 0) {
    const typed = plainDecimal(parsed.sign, d)
    const meant = plainDecimal(parsed.sign, { digits: d.digits, exp: d.exp + 2 })
    return { value, warning: message(text.warn_fraction, input.label, "", { typed, meant }) }
  }
  return { value }
}

export function calculate(data, fields, target, currency) {
  const all = [...data.inputs, data.result]
  const env = {}
  const warnings = []
  for (const input of all) {
    if (input.name === target) continue
    const read = readInput(input, fields[input.name], data)
    if (read.error) return { error: read.error, field: input.name, warnings }
    if (read.warning) warnings.push(read.warning)
    const problem = input.name === "result" ? null : checkBounds(input, read.value, data, currency)
    if (problem) return { error: problem, field: input.name, warnings }
    env[input.name] = read.value
  }
  const ast = target === "result" ? data.ast : data.inverses[target]
  let value
  try {
    value = evaluate(ast, env)
  } catch (error) {
    const key = error.code === "division-by-zero" ? "error_division" : "error_overflow"
    return { error: data.text[key], field: null, warnings }
  }
  const solved = all.find((input) => input.name === target)
  if (target !== "result") value = snapToBounds(solved, value, env)
  const problem = target === "result" ? null : checkBounds(solved, value, data, currency)
  if (problem) return { error: problem, field: target, warnings }
  env[target] = value
  return { value, env, warnings }
}

// The reader's currency: the picker's, on calculators that count money (they alone have
// one), else the page's.
function currencyOf(root, data) {
  const picker = root.querySelector("[data-currency]")
  return picker ? picker.value : data.currency
}

// A field the calculator filled in keeps its unrounded value while it shows a rounded
// one: solving back from it then does not drift (3.333333 months → 100.00001 %).
function setField(element, value, text) {
  element.value = text
  element.dataset.shown = text
  element.dataset.exact = String(value)
}

function typedIn(element) {
  const { shown, exact } = element.dataset
  return shown !== undefined && element.value === shown ? { exact: Number(exact) } : element.value
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
    fields[input.name] = typedIn(element)
  }
  const outcome = calculate(data, fields, target, currency)
  const error = root.querySelector(".gl-calc__error")
  const output = root.querySelector(".gl-calc__result")
  const formula = root.querySelector(".gl-calc__formula")
  const warning = root.querySelector(".gl-calc__warning")
  if (warning) {
    warning.textContent = outcome.warnings.join(" ")
    warning.hidden = !outcome.warnings.length
  }
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
  setField(field(root, target), outcome.value, plain(solved, outcome.value, data.locale))
  const show = (name, reading) => {
    const input = all.find((i) => i.name === name)
    return formatValue(outcome.env[name], input.unit, data.locale, currency, input.decimals, data.text, input.per, reading)
  }
  const result = show("result")
  output.textContent = `${solved.label} = ${show(target, data.readings)}`
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
    // a shared value is the calculator's own (a fraction for a percentage), unrounded
    const parsed = parseNumber(query.get(input.name))
    if (query.has(input.name) && parsed.value !== undefined) setField(field(root, input.name), parsed.value, plain(input, parsed.value, data.locale))
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
