// Typed values as the calculators read them: the cases of tests/formula/amounts.json, which
// tests/test_formula.py runs against Python, with the one table of units both read.
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { parseNumber, plainDecimal, readAmount } from "../../site_src/assets/calculator.mjs"

const { cases } = JSON.parse(readFileSync(new URL("../formula/amounts.json", import.meta.url), "utf8"))
const table = JSON.parse(readFileSync(new URL("../../tooling/glossary/data/amount-units.json", import.meta.url), "utf8"))

const PROBLEMS = { empty: "empty", invalid: "invalid", "too-large": "tooLarge" }

for (const c of cases) {
  test(`typed: ${JSON.stringify(c.typed)}`, () => {
    const parsed = parseNumber(c.typed, table)
    if (c.problem) {
      assert.equal(parsed[PROBLEMS[c.problem]], true, JSON.stringify(parsed, (k, v) => typeof v === "bigint" ? String(v) : v))
    } else {
      assert.equal(plainDecimal(parsed.sign, parsed.decimal), c.exact)
      assert.equal(parsed.percent, c.percent)
      assert.equal(parsed.value, Number(c.exact))
    }
  })
}

test("amounts typed with units are exact, not products of floats", () => {
  // 0.07 × 10^4 is 700.0000000000001 in doubles; the decimal is 700 exactly
  assert.equal(parseNumber("0.07만", table).value, 700)
  assert.equal(parseNumber("1.1亿", table).value, 110000000)
  assert.equal(parseNumber("0.3億", table).value, 30000000)
})

test("without the table a unit is not a number", () => {
  assert.deepEqual(parseNumber("5000만"), { invalid: true, percent: false })
})

test("amounts in words, as each reader writes them", () => {
  const { ko, "zh-Hans": hans, "zh-Hant": hant } = table.readings
  assert.equal(readAmount("250000000", ko), "2억 5,000만 원")
  assert.equal(readAmount("5123456", ko), "512만 3,456원")
  assert.equal(readAmount("9999", ko), null)
  assert.equal(readAmount("1234.5", ko), null)
  assert.equal(readAmount("250000000.00", hans), "2.5 亿元")
  assert.equal(readAmount("18000000", hant), "1,800 萬元")
  assert.equal(readAmount("5123456.00", hans), "约 512.35 万元")
  assert.equal(readAmount("-250000000", hans), "-2.5 亿元")
})
