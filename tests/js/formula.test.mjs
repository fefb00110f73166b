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

// Issue #19: a flat chain of thousands of terms is a tree thousands deep; it evaluates and
// renders without recursion.
test("a flat chain of 5,000 terms evaluates and renders", () => {
  let ast = ["var", "x"]
  for (let i = 1; i < 5000; i++) ast = ["+", ast, ["var", "x"]]
  assert.equal(evaluate(ast, { x: 2 }), 10000)
  const text = renderExpression(ast, { num: String, var: (n) => n })
  assert.equal(text.length, 5000 + 4999 * 3)
})

test("typed numbers: only ASCII and fullwidth digits, at most 100 characters", () => {
  assert.equal(parseNumber("\u0661\u0662").invalid, true)
  assert.equal(parseNumber("\u0967\u0968").invalid, true)
  assert.equal(parseNumber("\uff11\uff12").value, 12)
  assert.equal(parseNumber("1".repeat(100)).value, Number("1".repeat(100)))
  assert.equal(parseNumber("1".repeat(101)).invalid, true)
  const started = Date.now()
  assert.deepEqual(parseNumber("1".repeat(1000000)), { invalid: true })
  assert.ok(Date.now() - started < 100)
})

test("a sum is written out row by row, or as Σ over labels", () => {
  const ast = ["/", ["sum", ["*", ["var", "amount"], ["var", "p"]]], ["var", "quota"]]
  const rows = { num: String, var: (n) => (n === "quota" ? "q" : [`${n}1`, `${n}2`]) }
  assert.equal(renderExpression(ast, rows), "(amount1 \u00d7 p1 + amount2 \u00d7 p2) \u00f7 q")
  const one = { num: String, var: (n) => (n === "quota" ? "q" : [`${n}1`]) }
  assert.equal(renderExpression(ast, one), "amount1 \u00d7 p1 \u00f7 q")
  const labels = { num: String, var: (n) => n }
  assert.equal(renderExpression(ast, labels), "\u03a3 (amount \u00d7 p) \u00f7 quota")
  const none = { num: String, var: (n) => (n === "quota" ? "q" : []) }
  assert.equal(renderExpression(ast, none), "0 \u00f7 q")
})
