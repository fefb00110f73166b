// Metric calculators. The formula arrives as a JSON AST built by the Python side
// (glossary/formula); this module only evaluates it: no parser, no eval. The same file
// is loaded by the site (as a module) and by `node --test` (tests/js).
import { attachParticles } from "./particles.mjs"

// The page's locale (for Intl) and each value's decimals come with the calculator's data,
// from the language table and the units' defaults on the Python side.
const TEMPLATES = { days: "unit_days", months: "unit_months", years: "unit_years", ratio: "unit_ratio" }
const PERIODS = { day: "per_day", month: "per_month", quarter: "per_quarter", year: "per_year" }
const SYMBOLS = { "+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7" }
const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, neg: 3, num: 4, var: 4, sum: 4 }

export class FormulaError extends Error {
  constructor(code) { super(code); this.code = code }
}

// Children first, left to right, with a stack of its own: a flat chain of thousands of
// terms is a tree thousands deep (mirrors glossary.formula.grammar.fold_json).
function fold(root, visit) {
  const stack = [[root, false]]
  const values = []
  while (stack.length) {
    const [node, ready] = stack.pop()
    const nested = node[0] !== "num" && node[0] !== "var"
    if (nested && !ready) {
      stack.push([node, true])
      for (let i = node.length - 1; i >= 1; i--) stack.push([node[i], false])
      continue
    }
    const args = nested ? values.splice(values.length - (node.length - 1)) : []
    values.push(visit(node, args))
  }
  return values[0]
}

function varsOf(root) {
  const found = []
  const stack = [root]
  while (stack.length) {
    const node = stack.pop()
    if (node[0] === "var") found.push(node[1])
    else if (node[0] !== "num") for (let i = node.length - 1; i >= 1; i--) stack.push(node[i])
  }
  return found
}

const has = (env, name) => Object.prototype.hasOwnProperty.call(env, name)

// A list may appear only inside sum( ), and every sum( ) adds up a list (as
// glossary.formula.evaluate.check_lists; without columns, the first problem in the
// tree's order).
function checkLists(root, env) {
  const stack = [[root, null]]
  const sums = new Map()
  let problem = null
  while (stack.length) {
    const [node, inside] = stack.pop()
    if (node[0] === "var") {
      if (Array.isArray(env[node[1]])) {
        if (inside === null) problem = problem || "list-outside-sum"
        else sums.set(inside, true)
      }
      continue
    }
    if (node[0] === "num") continue
    const here = node[0] === "sum" ? node : inside
    if (node[0] === "sum" && !sums.has(node)) sums.set(node, false)
    for (let i = node.length - 1; i >= 1; i--) stack.push([node[i], here])
  }
  if (problem) throw new FormulaError(problem)
  for (const summed of sums.values()) if (!summed) throw new FormulaError("sum-without-list")
}

// Same operations in the same order as glossary.formula.evaluate: identical doubles.
export function evaluate(ast, env) {
  if (varsOf(ast).some((name) => !has(env, name))) throw new FormulaError("missing-input")
  checkLists(ast, env)
  const value = fold(ast, (node, args) => apply(node, args, env))
  if (Array.isArray(value) || !Number.isFinite(value)) throw new FormulaError("not-finite")
  return value === 0 ? 0 : value
}

function apply(node, args, env) {
  const kind = node[0]
  if (kind === "num") return Number(node[1])
  if (kind === "var") {
    const value = env[node[1]]
    return Array.isArray(value) ? value.map(Number) : Number(value)
  }
  if (kind === "neg") return Array.isArray(args[0]) ? args[0].map((a) => -a) : -args[0]
  if (kind === "sum") {
    let total = 0
    for (const row of Array.isArray(args[0]) ? args[0] : [args[0]]) total += row
    return total
  }
  const [left, right] = args
  if (!Array.isArray(left) && !Array.isArray(right)) return binary(kind, left, right)
  if (Array.isArray(left) && Array.isArray(right) && left.length !== right.length) throw new FormulaError("length-mismatch")
  const count = Array.isArray(left) ? left.length : right.length
  const rows = []
  for (let i = 0; i < count; i++) rows.push(binary(kind, Array.isArray(left) ? left[i] : left, Array.isArray(right) ? right[i] : right))
  return rows
}

function binary(kind, left, right) {
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

export const MAX_TYPED = 100  // characters in one typed value, as glossary.formula.calculate

// What a reader typed: fullwidth digits (NFKC), grouping commas, spaces and a percent
// sign are accepted; anything else is not a number (other scripts' digits neither: a
// regular expression's \d is ASCII in JavaScript, and Python's pattern says [0-9]).
export function parseNumber(raw) {
  if (String(raw ?? "").length > MAX_TYPED) return { invalid: true }
  const text = String(raw ?? "").normalize("NFKC").replace(/[\s,_]/g, "").replace(/%$/, "")
  if (text === "") return { empty: true }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return { invalid: true }
  return { value: Number(text) }
}

// Mirrors glossary.formula.display.render_expression: ``show.var`` gives a name's text,
// or one text per row for a list's values, and then sum( ) is written out row by row.
export function renderExpression(ast, show) {
  const text = fold(ast, (node, args) => renderNode(node, args, show))[1]
  return Array.isArray(text) ? text.join(" + ") : text
}

function wrap([mine, text], parent, right = false) {
  if (mine < parent || (right && mine === parent)) return Array.isArray(text) ? text.map((t) => `(${t})`) : `(${text})`
  return text
}

function combine(join, ...parts) {
  const list = parts.find((p) => Array.isArray(p))
  if (!list) return join(...parts)
  return list.map((_, i) => join(...parts.map((p) => (Array.isArray(p) ? p[i] : p))))
}

function renderNode(node, args, show) {
  const kind = node[0]
  if (kind === "num") return [4, show.num(node[1])]
  if (kind === "var") return [4, show.var(node[1])]
  if (kind === "neg") return [3, combine((a) => "\u2212" + a, wrap(args[0], 3))]
  if (kind === "sum") {
    const inner = args[0][1]
    if (!Array.isArray(inner)) return [4, `\u03a3 (${inner})`]
    if (inner.length === 1) return args[0]
    return inner.length ? [1, wrap(args[0], 1).join(" + ")] : [4, show.num(0)]
  }
  const mine = PRECEDENCE[kind]
  return [mine, combine((a, b) => `${a} ${SYMBOLS[kind]} ${b}`, wrap(args[0], mine), wrap(args[1], mine, kind === "-" || kind === "/"))]
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

// A message about an input: its label and bound filled in, and Korean particles made to
// agree with the label (glossary.particles).
function message(template, label, bound = "") {
  return attachParticles(template.replace("{label}", label).replace("{bound}", bound))
}

function checkBounds(input, value, data, currency) {
  const say = (key, bound) => message(data.text[key], input.label, boundText(input, bound, data, currency))
  if (input.min != null && value < input.min) return say("error_below", input.min)
  if (input.max != null && value > input.max) return say("error_above", input.max)
  if (input.exclusive_min != null && value <= input.exclusive_min) return say("error_not_above", input.exclusive_min)
  return null
}

// One typed value of ``input`` as the formula takes it, or the message about it.
function typedValue(input, raw, data, currency) {
  const parsed = parseNumber(raw)
  if (parsed.empty) return { error: message(data.text.error_missing, input.label) }
  if (parsed.invalid) return { error: message(data.text.error_invalid, input.label) }
  const value = fromDisplay(input, parsed.value)
  const problem = input.name === "result" ? null : checkBounds(input, value, data, currency)
  return problem ? { error: problem } : { value }
}

function rowLabel(data, input, row) {
  return data.text.row_label.replace("{label}", () => input.label).replace("{row}", String(row))
}

// ``fields``: what the reader typed, by name (for a list input, one text per row).
export function calculate(data, fields, target, currency) {
  const all = [...data.inputs, data.result]
  const listed = all.find((input) => input.list && input.name === target)
  if (listed) return { error: message(data.text.error_solve_list, listed.label), field: null }
  const env = {}
  for (const input of all) {
    if (input.name === target) continue
    if (input.list) {
      const rows = fields[input.name] || []
      if (!rows.length) return { error: message(data.text.error_missing, input.label), field: input.name }
      env[input.name] = []
      for (let i = 0; i < rows.length; i++) {
        const typed = typedValue({ ...input, label: rowLabel(data, input, i + 1) }, rows[i], data, currency)
        if (typed.error) return { error: typed.error, field: input.name, row: i }
        env[input.name].push(typed.value)
      }
      continue
    }
    const typed = typedValue(input, fields[input.name], data, currency)
    if (typed.error) return { error: typed.error, field: input.name }
    env[input.name] = typed.value
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

// ---- list inputs: one table row per value ------------------------------------------

function rowsOf(root) { return [...root.querySelectorAll("tr[data-row]")] }

function cells(root, name) { return [...root.querySelectorAll(`[data-list="${name}"]`)] }

// Row numbers, and the labels that name each cell and button for screen readers.
function renumber(root, data) {
  const rows = rowsOf(root)
  rows.forEach((row, i) => {
    row.querySelector("th").textContent = String(i + 1)
    for (const cell of row.querySelectorAll("[data-list]")) {
      const input = data.inputs.find((item) => item.name === cell.dataset.list)
      cell.setAttribute("aria-label", rowLabel(data, input, i + 1))
    }
    const remove = row.querySelector("[data-remove-row]")
    remove.setAttribute("aria-label", data.text.remove_row.replace("{row}", String(i + 1)))
    remove.disabled = rows.length === 1
  })
}

function announce(root, text) {
  const status = root.querySelector("[data-rows-status]")
  if (status) status.textContent = text
}

function addRow(root, data) {
  const rows = rowsOf(root)
  const row = rows[rows.length - 1].cloneNode(true)
  for (const cell of row.querySelectorAll("[data-list]")) {
    cell.value = ""
    cell.removeAttribute("aria-invalid")
  }
  rows[rows.length - 1].after(row)
  renumber(root, data)
  return row
}

// Exactly ``count`` rows (at least one), keeping the values of those that stay.
function setRowCount(root, data, count) {
  while (rowsOf(root).length < count) addRow(root, data)
  while (rowsOf(root).length > Math.max(count, 1)) rowsOf(root).pop().remove()
  renumber(root, data)
}

function removeRow(root, data, row) {
  const rows = rowsOf(root)
  if (rows.length === 1) return
  const index = rows.indexOf(row)
  row.remove()
  renumber(root, data)
  const next = rowsOf(root)[Math.min(index, rows.length - 2)]
  next.querySelector("[data-list]").focus()
  announce(root, data.text.row_removed.replace("{row}", String(index + 1)))
}

// Cells copied from a spreadsheet arrive as lines of tab-separated values: fill the
// table from the cell pasted into, adding rows as needed.
function paste(root, data, cell, text) {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n").map((line) => line.split("\t"))
  const names = data.inputs.filter((input) => input.list).map((input) => input.name)
  const column = names.indexOf(cell.dataset.list)
  const first = rowsOf(root).indexOf(cell.closest("tr"))
  setRowCount(root, data, Math.max(rowsOf(root).length, first + lines.length))
  const rows = rowsOf(root)
  lines.forEach((values, i) => {
    values.forEach((value, j) => {
      const name = names[column + j]
      if (name) rows[first + i].querySelector(`[data-list="${name}"]`).value = value.trim()
    })
  })
  announce(root, data.text.rows_pasted.replace("{count}", String(lines.length)))
}

function mountRows(root, data) {
  const table = root.querySelector(".gl-calc__table")
  if (!table) return
  renumber(root, data)
  root.querySelector("[data-add-row]").addEventListener("click", () => {
    const row = addRow(root, data)
    row.querySelector("[data-list]").focus()
    announce(root, data.text.row_added.replace("{row}", String(rowsOf(root).length)))
    update(root, data)
  })
  table.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove-row]")
    if (!button) return
    removeRow(root, data, button.closest("tr"))
    update(root, data)
  })
  table.addEventListener("paste", (event) => {
    const cell = event.target.closest("[data-list]")
    const text = event.clipboardData ? event.clipboardData.getData("text/plain") : ""
    if (!cell || !/[\t\n]/.test(text.replace(/\s+$/, ""))) return  // one value: the browser pastes it
    event.preventDefault()
    paste(root, data, cell, text)
    update(root, data)
  })
}

// ---- the calculator ------------------------------------------------------------------

function update(root, data) {
  const target = root.querySelector("[data-solve]").value
  const currency = currencyOf(root, data)
  const fields = {}
  for (const input of [...data.inputs, data.result]) {
    if (input.list) {
      const list = cells(root, input.name)
      list.forEach((cell) => cell.removeAttribute("aria-invalid"))
      fields[input.name] = list.map((cell) => cell.value)
      continue
    }
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
    if (outcome.row !== undefined) cells(root, outcome.field)[outcome.row].setAttribute("aria-invalid", "true")
    else if (outcome.field) field(root, outcome.field).setAttribute("aria-invalid", "true")
    return
  }
  error.hidden = true
  error.textContent = ""
  const all = [...data.inputs, data.result]
  const solved = all.find((input) => input.name === target)
  field(root, target).value = plain(solved, outcome.value, data.locale)
  const showOne = (input, value) => formatValue(value, input.unit, data.locale, currency, input.decimals, data.text, input.per)
  const show = (name) => {
    const input = all.find((i) => i.name === name)
    const value = outcome.env[name]
    return Array.isArray(value) ? value.map((v) => showOne(input, v)) : showOne(input, value)
  }
  const result = show("result")
  output.textContent = `${solved.label} = ${show(target)}`
  formula.textContent = renderExpression(data.ast, { num: (n) => formatValue(n, "number", data.locale, currency, 6, data.text), var: show }) + " = " + result
  const query = new URLSearchParams({ solve: target })
  for (const input of all) if (input.name !== target) query.set(input.name, [].concat(outcome.env[input.name]).map(String).join(","))
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
  const lists = data.inputs.filter((input) => input.list && query.has(input.name))
  if (lists.length) setRowCount(root, data, Math.max(...lists.map((input) => query.get(input.name).split(",").length)))
  for (const input of lists) {
    const values = query.get(input.name).split(",")
    cells(root, input.name).forEach((cell, i) => {
      const parsed = parseNumber(values[i])
      cell.value = parsed.value === undefined ? "" : plain(input, parsed.value, data.locale)
    })
  }
  for (const input of [...data.inputs, data.result]) {
    if (input.list) continue
    const parsed = parseNumber(query.get(input.name))
    if (query.has(input.name) && parsed.value !== undefined) field(root, input.name).value = plain(input, parsed.value, data.locale)
  }
}

export function mount(root) {
  if (root.dataset.mounted) return
  const data = JSON.parse(root.dataset.calc)
  root.dataset.mounted = "1"
  mountRows(root, data)
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
