// Progress on learning paths (site_src/assets/paths.mjs): kept in storage under
// "glossary:path:<id>", and still kept for the page when storage is missing or refuses.
import { test } from "node:test"
import assert from "node:assert/strict"
import { format, key, readProgress, writeProgress } from "../../site_src/assets/paths.mjs"

function storage() {
  const items = new Map()
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), items }
}

test("the key is namespaced by feature and path", () => assert.equal(key("week-1"), "glossary:path:week-1"))

test("progress is saved as the ids read", () => {
  const store = storage()
  writeProgress("saved", new Set(["lead", "opportunity"]), store)
  assert.equal(store.items.get("glossary:path:saved"), '["lead","opportunity"]')
  assert.deepEqual([...readProgress("saved", store)], ["lead", "opportunity"])
})

test("saved progress is read back when the page opens", () => {
  const store = storage()
  store.setItem("glossary:path:reopened", '["lead"]')
  assert.deepEqual([...readProgress("reopened", store)], ["lead"])
})

test("unreadable saved progress counts as none", () => {
  const store = storage()
  store.setItem("glossary:path:broken", "{not json")
  assert.deepEqual([...readProgress("broken", store)], [])
})

test("without storage, progress lasts for the page", () => {
  const refusing = { getItem() { throw new Error("denied") }, setItem() { throw new Error("denied") } }
  assert.deepEqual([...readProgress("private", refusing)], [])
  writeProgress("private", new Set(["lead"]), refusing)
  assert.deepEqual([...readProgress("private", refusing)], ["lead"])
  writeProgress("none", new Set(["bant"]), null)
  assert.deepEqual([...readProgress("none", null)], ["bant"])
})

test("templates are filled by name", () => {
  assert.equal(format("Step {n} of {total}", { n: 3, total: 9 }), "Step 3 of 9")
  assert.equal(format("{total}단계 중 {n}단계", { n: 3, total: 9 }), "9단계 중 3단계")
  assert.equal(format("{missing} stays", {}), "{missing} stays")
})
