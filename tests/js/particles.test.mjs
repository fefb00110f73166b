// The browser's Korean particles agree with glossary.particles: the cases are pinned in
// tests/test_particles.py, which writes them here.
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import { attachParticles } from "../../site_src/assets/particles.mjs"

const cases = JSON.parse(readFileSync(new URL("./particles.json", import.meta.url), "utf8"))

test("the fixture holds cases", () => assert.ok(cases.length > 40))

for (const [text, expected] of cases) {
  test(text, () => assert.equal(attachParticles(text), expected))
}
