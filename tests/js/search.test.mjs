// The term lookup of search-lookup.mjs on a lexicon that glossary.search made
// (tests/test_search.py writes search-lexicon.json, with small shards so that lookups
// cross them): the Python and JavaScript halves tested together.
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { Lexicon, editDistance, foldScript, normalize, splitClusters, variants, wordTerms } from "../../site_src/assets/search-lookup.mjs"

const fixtures = JSON.parse(readFileSync(new URL("./normalize.json", import.meta.url), "utf8"))
const sites = JSON.parse(readFileSync(new URL("./search-lexicon.json", import.meta.url), "utf8"))

function site(lang) {
  const fetched = []
  const lexicon = new Lexicon(async (name) => {
    fetched.push(name)
    if (!(name in sites[lang])) throw new Error(`no ${name}`)
    return sites[lang][name]
  })
  const ids = async (query) => (await lexicon.lookup(query)).map((hit) => hit.concept[0])
  return { lexicon, fetched, ids }
}

test("normalize agrees with the Python side", () => {
  for (const [raw, expected] of fixtures) assert.equal(normalize(raw), expected)
})

test("particles come off Korean words", async () => {
  const { ids } = site("ko")
  assert.ok(variants("리드를", sites.ko["index.json"].particles).includes("리드"))
  assert.equal((await ids("리드를"))[0], "lead")
  assert.equal((await ids("이탈률은"))[0], "churn-rate")
})

test("a preferred term outranks the same words deprecated elsewhere, and exact beats prefix", async () => {
  const { ids } = site("zh-Hans")
  assert.equal((await ids("潜在客户"))[0], "prospect")
  assert.equal((await ids("lead"))[0], "lead")
  assert.deepEqual((await ids("转化率")).slice(0, 2), ["conversion-rate", "lead-conversion-rate"])
})

test("the longest term inside an unspaced phrase wins", async () => {
  const { ids } = site("zh-Hans")
  assert.equal((await ids("线索转化率怎么算"))[0], "lead-conversion-rate")
  assert.equal((await ids("月度转化率"))[0], "conversion-rate")
})

test("prefixes, endings, missing spaces and other languages", async () => {
  const { ids } = site("ko")
  assert.equal((await ids("churn"))[0], "churn-rate")
  assert.equal((await ids("잠재고객"))[0], "prospect")
  assert.equal((await ids("LEAD"))[0], "lead")
  assert.equal((await ids("relationship management"))[0], "customer-relationship-management")
  assert.deepEqual(await ids(""), [])
})

test("typos in Latin script: a letter wrong, missing, doubled or swapped", async () => {
  const { ids, fetched } = site("en")
  assert.equal((await ids("retension rate"))[0], "retention-rate")
  assert.equal((await ids("chrun rate"))[0], "churn-rate")
  assert.equal((await ids("pipline"))[0], "sales-pipeline")
  assert.equal((await ids("prospcet"))[0], "prospect")
  assert.ok(fetched.includes("t-p.json"))
  assert.deepEqual(await ids("xyzzy"), [])
})

test("no typo search when the query names a term", async () => {
  const { ids, fetched } = site("en")
  assert.equal((await ids("pipeline"))[0], "sales-pipeline")
  assert.ok(!fetched.some((name) => name.startsWith("t-")))
})

test("edit distance counts a swap of neighbours once and stops past its limit", () => {
  assert.equal(editDistance("chrun", "churn", 2), 1)
  assert.equal(editDistance("retension", "retention", 2), 1)
  assert.equal(editDistance("pipline", "pipeline", 2), 1)
  assert.equal(editDistance("abc", "xyz", 1), 2)
})

test("pinyin without tones on the Chinese sites, with or without spaces", async () => {
  for (const lang of ["zh-Hans", "zh-Hant"]) {
    const { ids } = site(lang)
    assert.equal((await ids("xiaoshou guandao"))[0], "sales-pipeline")
    assert.equal((await ids("xiaoshouguandao"))[0], "sales-pipeline")
    assert.equal((await ids("liushilv"))[0], "churn-rate")
    assert.equal((await ids("liushilu"))[0], "churn-rate")
  }
  assert.deepEqual(await site("en").ids("xiaoshouguandao"), [])
})

test("Korean initial consonants, typed or joined by the keyboard", async () => {
  const { ids } = site("ko")
  assert.equal((await ids("ㅍㅇㅍㄹㅇ"))[0], "sales-pipeline")
  assert.equal((await ids("ㄱㄱ ㅇㅌㄹ"))[0], "churn-rate")
  assert.equal((await ids("ㅍㅇㅍ"))[0], "sales-pipeline")
  assert.equal(splitClusters(normalize("ㄳ")), normalize("ㄱㅅ"))
})

test("acronyms spelled in Hangul, with C either way and a particle", async () => {
  const { ids } = site("ko")
  assert.equal((await ids("에스큐엘"))[0], "sales-qualified-lead")
  assert.equal((await ids("씨알엠"))[0], "customer-relationship-management")
  assert.equal((await ids("시알엠을"))[0], "customer-relationship-management")
})

test("a character of the other Chinese script inside a query", async () => {
  const table = sites["zh-Hant"]["fold.json"]
  assert.equal(foldScript("銷售线索", table), "销售线索")
  assert.equal((await site("zh-Hant").ids("銷售线索"))[0], "lead")
  assert.equal((await site("zh-Hans").ids("客户流失率"))[0], "churn-rate")
  assert.equal((await site("zh-Hans").ids("线索轉化率"))[0], "lead-conversion-rate")
  assert.equal((await site("zh-Hant").ids("本月轉化率"))[0], "conversion-rate")
})

test("hits show the matched designation, and concept names come in chunks", async () => {
  const { lexicon, fetched } = site("ko")
  const [hit] = await lexicon.lookup("attrition")
  assert.deepEqual(hit.concept.slice(0, 2), ["churn-rate", "고객 이탈률"])
  assert.equal(hit.matched, "attrition rate")
  assert.ok(fetched.includes("c0.json") && fetched.includes("index.json"))
  const [reading] = await lexicon.lookup("ㅍㅇㅍㄹㅇ")
  assert.equal(reading.matched, null)
})

test("a file that failed to load is asked for again", async () => {
  let fail = true
  const lexicon = new Lexicon(async (name) => {
    if (fail) throw new Error("offline")
    return sites.en[name]
  })
  await assert.rejects(lexicon.lookup("lead"))
  fail = false
  assert.equal((await lexicon.lookup("lead"))[0].concept[0], "lead")
})

test("definitions are found by their words, below every name", async () => {
  const { ids } = site("en")
  assert.equal((await ids("customers kept over"))[0], "retention-rate")
  assert.deepEqual((await ids("share of customers")).slice(0, 2).sort(), ["churn-rate", "retention-rate"])
  const churn = await ids("churn")
  assert.equal(churn[0], "churn-rate")
  assert.ok(churn.includes("retention-rate")) // its definition says churn
  assert.equal((await site("zh-Hans").ids("期初客户"))[0], "churn-rate")
  assert.equal((await site("zh-Hans").ids("期初客戶"))[0], "churn-rate") // in the other script
})

test("words most definitions have are skipped, and the last word is a beginning", () => {
  const terms = wordTerms("the share of cust", [], new Set(["the", "of"]))
  assert.deepEqual(terms, [{ forms: ["share"], prefix: false }, { forms: ["cust"], prefix: true }])
  assert.deepEqual(wordTerms("the ", [], new Set(["the"])), [])
  assert.deepEqual(wordTerms("기간을", ["을"], new Set()), [{ forms: ["기간을", "기간"], prefix: true }])
  assert.deepEqual(wordTerms("合同期", [], new Set()).map((t) => t.forms[0]), ["合同", "同期"])
})
