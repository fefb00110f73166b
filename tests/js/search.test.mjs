// The term lookup of search.mjs on a small lexicon shaped like the generated ones.
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { lookup, normalize, variants } from "../../site_src/assets/search.mjs"

const fixtures = JSON.parse(readFileSync(new URL("./normalize.json", import.meta.url), "utf8"))

test("normalize agrees with the Python side", () => {
  for (const [raw, expected] of fixtures) assert.equal(normalize(raw), expected)
})

// Five languages (as a site with a fifth one would have): the packing has no fixed width.
function lexicon(rows, lang = 1, languages = 5) {
  // rows: [key, concept index, status (0 preferred, 1 admitted, 2 deprecated), language]
  const sorted = rows.map(([key, concept, status, language]) => [normalize(key), (concept * 3 + status) * languages + language])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
  return {
    lang,
    languages,
    concepts: [["lead", "리드", "d"], ["prospect", "잠재 고객", "d"], ["churn-rate", "고객 이탈률", "d"], ["conversion-rate", "전환율", "d"], ["lead-conversion-rate", "리드 전환율", "d"]],
    keys: sorted.map((row) => row[0]),
    refs: sorted.map((row) => row[1]),
    particles: ["에서는", "에서", "으로", "를", "을", "는", "은", "이", "가", "로"],
  }
}

const data = lexicon([
  ["lead", 0, 0, 0], ["리드", 0, 0, 1], ["线索", 0, 0, 2], ["潜在客户", 0, 2, 2],
  ["prospect", 1, 0, 0], ["잠재 고객", 1, 0, 1], ["잠재고객", 1, 0, 1], ["潜在客户", 1, 0, 2],
  ["churn rate", 2, 0, 0], ["고객 이탈률", 2, 0, 1], ["이탈률", 2, 1, 1], ["客户流失率", 2, 0, 2],
  ["转化率", 3, 0, 2], ["线索转化率", 4, 1, 2],
])
const ids = (query) => lookup(data, query).map((hit) => hit.concept[0])

test("particles come off Korean words", () => {
  assert.deepEqual(variants("리드를", data.particles).includes("리드"), true)
  assert.equal(ids("리드를")[0], "lead")
  assert.equal(ids("이탈률은")[0], "churn-rate")
})

test("a preferred term outranks the same words deprecated elsewhere", () => {
  assert.equal(ids("潜在客户")[0], "prospect")
})

test("the longest term inside an unspaced phrase wins", () => {
  assert.equal(ids("线索转化率怎么算")[0], "lead-conversion-rate")
  assert.equal(ids("月度转化率")[0], "conversion-rate")
})

test("prefixes, missing spaces and other languages", () => {
  assert.equal(ids("churn")[0], "churn-rate")
  assert.equal(ids("잠재고객")[0], "prospect")
  assert.equal(ids("LEAD")[0], "lead")
  assert.deepEqual(ids(""), [])
})
