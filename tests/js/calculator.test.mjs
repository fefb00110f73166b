// The calculator's reading of its fields, apart from the page: percentages typed either
// way, the warning for one typed like a fraction, residues snapped to a bound, and values
// the calculator filled in itself kept unrounded (issue 19). The page itself is tested in
// real Chromium (tests/test_calculator_browser.py).
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { calculate, readInput, snapToBounds } from "../../site_src/assets/calculator.mjs"

const { text } = JSON.parse(readFileSync(new URL("./parity.json", import.meta.url), "utf8"))
const table = JSON.parse(readFileSync(new URL("../../tooling/glossary/data/amount-units.json", import.meta.url), "utf8"))
const units = { units: table.units, currency_words: table.currency_words }

const rate = { name: "result", label: "churn rate", unit: "percent", decimals: 1 }
const count = { name: "customers_lost", label: "Customers lost", unit: "count", min: 0, decimals: 0 }

test("a percentage is typed as a percentage, with or without its sign", () => {
  const data = { text: text.en, units }
  for (const typed of ["8", "8%", "８％", "8 %"]) assert.deepEqual(readInput(rate, typed, data), { value: 0.08 })
})

test("a percentage typed like a fraction is read as written, with a warning", () => {
  const data = { text: text.en, units }
  assert.deepEqual(readInput(rate, "0.08", data), {
    value: 0.0008,
    warning: "churn rate is taken as 0.08%. If you meant 8%, type 8%.",
  })
  assert.deepEqual(readInput(rate, "0.08%", data), { value: 0.0008 })
  const ko = { text: text.ko, units }
  assert.equal(readInput({ ...rate, label: "고객 이탈률" }, "0.5", ko).warning,
    "고객 이탈률을 0.5%로 계산했습니다. 50%를 뜻했다면 50%로 입력하세요.")
})

test("a percent sign on a count is refused; a value past a double is too large", () => {
  const data = { text: text.en, units }
  assert.deepEqual(readInput(count, "8%", data), { error: "Customers lost is not a percentage: type it without %." })
  assert.deepEqual(readInput(count, "1e400", data), { error: "Customers lost is too large to calculate with." })
  assert.deepEqual(readInput(count, "5000만", data), { value: 50000000 })
})

// revenue churn rate = (churned + contraction) / start, solved for contraction
const revenueChurn = {
  locale: "en-US",
  text: text.en,
  units,
  ast: ["/", ["+", ["var", "churned_mrr"], ["var", "contraction_mrr"]], ["var", "start_mrr"]],
  inverses: { contraction_mrr: ["-", ["*", ["var", "result"], ["var", "start_mrr"]], ["var", "churned_mrr"]] },
  inputs: [
    { name: "churned_mrr", label: "MRR lost to cancellations", unit: "currency", min: 0 },
    { name: "contraction_mrr", label: "MRR lost to downgrades", unit: "currency", min: 0 },
    { name: "start_mrr", label: "MRR at the start", unit: "currency", exclusive_min: 0 },
  ],
  result: rate,
}

test("a solved value a residue away from its bound is the bound", () => {
  assert.ok(0.0003 * 200000 - 60 < 0)  // the residue is real: -7.1e-15, "below $0.00"
  const outcome = calculate(revenueChurn, { churned_mrr: "60", start_mrr: "200000", result: "0.03" }, "contraction_mrr", "USD")
  assert.equal(outcome.error, undefined)
  assert.equal(outcome.value, 0)
  assert.equal(snapToBounds({ min: 0 }, -7.105427357601002e-15, { start_mrr: 200000, churned_mrr: 60 }), 0)
  assert.equal(snapToBounds({ min: 0 }, -0.01, { start_mrr: 200000 }), -0.01)
})

// CAC payback = cac / (arpa × margin)
const payback = {
  locale: "en-US",
  text: text.en,
  units,
  ast: ["/", ["var", "cac"], ["*", ["var", "arpa"], ["var", "gross_margin"]]],
  inverses: { gross_margin: ["/", ["var", "cac"], ["*", ["var", "arpa"], ["var", "result"]]] },
  inputs: [
    { name: "cac", label: "CAC", unit: "currency", min: 0 },
    { name: "arpa", label: "ARPA", unit: "currency", exclusive_min: 0 },
    { name: "gross_margin", label: "Gross margin", unit: "percent", exclusive_min: 0, max: 1, decimals: 1 },
  ],
  result: { name: "result", label: "CAC payback period", unit: "months", decimals: 1 },
}

test("a value the calculator filled in solves back without drift", () => {
  const forward = calculate(payback, { cac: "300", arpa: "90", gross_margin: "100" }, "result", "USD")
  assert.equal(forward.value, 300 / 90)
  const back = calculate(payback, { cac: "300", arpa: "90", result: { exact: forward.value } }, "gross_margin", "USD")
  assert.deepEqual([back.error, back.value], [undefined, 1])
  // what the field shows, typed back, is another number: the page must not read it back
  const typed = calculate(payback, { cac: "300", arpa: "90", result: "3.333333" }, "gross_margin", "USD")
  assert.equal(typed.error, "Gross margin must be at most 100%.")
})
