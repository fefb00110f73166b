// The conformance suite against the browser module: the same cases as
// tests/test_formula.py, through the ASTs Python built (tests/formula/conformance.ast.json).
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { evaluate, FormulaError, parseNumber, renderExpression } from "../../site_src/assets/calculator.mjs"

const cases = JSON.parse(readFileSync(new URL("../formula/conformance.ast.json", import.meta.url), "utf8"))

for (const c of cases) {
  test(`conformance: ${c.name}`, () => {
    if ("result" in c) {
      assert.equal(Object.is(evaluate(c.ast, c.inputs), c.result) || evaluate(c.ast, c.inputs) === c.result, true,
        `${evaluate(c.ast, c.inputs)} !== ${c.result}`)
    } else {
      assert.throws(() => evaluate(c.ast, c.inputs), (error) => error instanceof FormulaError && error.code === c.error)
    }
  })
}

test("typed numbers: fullwidth digits, grouping, percent sign", () => {
  assert.equal(parseNumber("１２３，４５６．７％").value, 123456.7)
  assert.equal(parseNumber("１２３，４５６．７％").percent, true)
  assert.equal(parseNumber(" 1,000 ").value, 1000)
  assert.deepEqual(parseNumber(""), { empty: true })
  assert.deepEqual(parseNumber("12abc"), { invalid: true, percent: false })
  assert.equal(parseNumber("-0.5").value, -0.5)
})

test("expressions render with the fewest parentheses", () => {
  const show = { num: String, var: (n) => n }
  assert.equal(renderExpression(["/", ["-", ["var", "a"], ["var", "b"]], ["var", "c"]], show), "(a \u2212 b) \u00f7 c")
  assert.equal(renderExpression(["-", ["var", "a"], ["-", ["var", "b"], ["var", "c"]]], show), "a \u2212 (b \u2212 c)")
  assert.equal(renderExpression(["*", ["neg", ["var", "a"]], ["num", 2]], show), "\u2212a \u00d7 2")
})
