// Learning paths (issue #18). Progress stays in this browser: localStorage
// "glossary:path:<id>" holds the ids of the concepts marked as read (without storage,
// as in some private modes, it lasts as long as the page). A term page opened from a
// path (?path=<id>) shows "step 3 of 9" with the previous and next steps, from the
// language's paths/paths.json: term pages themselves know nothing of the paths.

const memory = new Map() // the progress when storage is unavailable
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/
let data = null // the language's paths.json, fetched once

export function key(id) { return `glossary:path:${id}` }

export function readProgress(id, storage) {
  if (memory.has(id)) return new Set(memory.get(id)) // this page's latest, saved or not
  try {
    const saved = JSON.parse(storage?.getItem(key(id)) ?? "null")
    if (Array.isArray(saved)) return new Set(saved.filter((item) => typeof item === "string"))
  } catch {} // unreadable or blocked: fall back to this page's memory
  return new Set()
}

export function writeProgress(id, done, storage) {
  memory.set(id, [...done])
  try { storage?.setItem(key(id), JSON.stringify([...done])) } catch {}
}

export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (field, name) => (name in values ? String(values[name]) : field))
}

function storage() {
  try { return window.localStorage } catch { return null }
}

function mountPath(root) {
  const id = root.dataset.path
  const boxes = [...root.querySelectorAll(".gl-step-done input")]
  const bar = root.querySelector(".gl-path-progress")
  const update = () => {
    const done = readProgress(id, storage())
    for (const box of boxes) {
      box.checked = done.has(box.value)
      box.closest(".gl-step").classList.toggle("gl-step--read", box.checked)
    }
    const count = boxes.filter((box) => box.checked).length
    bar.querySelector("progress").value = count
    const label = bar.querySelector("label")
    label.textContent = format(label.dataset.template, { done: count, total: boxes.length })
  }
  for (const box of boxes) {
    box.closest("label").hidden = false
    box.addEventListener("change", () => {
      const done = readProgress(id, storage())
      if (box.checked) done.add(box.value)
      else done.delete(box.value)
      writeProgress(id, done, storage())
      update()
    })
  }
  bar.hidden = false
  update()
}

function mountCard(card) {
  const steps = card.dataset.steps.split(" ")
  const done = readProgress(card.dataset.path, storage())
  const count = steps.filter((step) => done.has(step)).length
  const note = card.querySelector(".gl-path-done")
  note.textContent = ` · ${format(note.dataset.template, { done: count, total: steps.length })}`
  note.hidden = count === 0
}

function link(href, text, rel) {
  const a = document.createElement("a")
  a.href = href
  a.textContent = text
  if (rel) a.rel = rel
  return a
}

async function mountBar(term) {
  const id = new URLSearchParams(window.location.search).get("path")
  const heading = document.querySelector(".md-content h1")
  if (!id || !ID.test(id) || !heading || document.querySelector(".gl-path-bar")) return
  const url = new URL("../paths/paths.json", import.meta.url)
  data ??= fetch(url).then((response) => (response.ok ? response.json() : null)).catch(() => null)
  const paths = await data
  const path = paths?.paths?.[id]
  const concept = term.dataset.concept
  const index = path ? path.steps.findIndex(([cid]) => cid === concept) : -1
  if (index < 0 || document.querySelector(".gl-path-bar")) return
  const text = paths.strings
  const at = (cid) => new URL(`../terms/${cid}/?path=${id}`, url).toString()
  const nav = document.createElement("nav")
  nav.className = "gl-path-bar"
  nav.setAttribute("aria-label", path.title)
  const step = document.createElement("span")
  step.className = "gl-path-bar__step"
  step.textContent = format(text.step_of, { n: index + 1, total: path.steps.length })
  nav.append(link(new URL(`${id}/`, url).toString(), path.title), " ", step)
  const previous = path.steps[index - 1]
  const next = path.steps[index + 1]
  if (previous) nav.append(" ", link(at(previous[0]), format(text.previous_step, { name: previous[1] }), "prev"))
  if (next) nav.append(" ", link(at(next[0]), format(text.next_step, { name: next[1] }), "next"))
  const label = document.createElement("label")
  const box = document.createElement("input")
  box.type = "checkbox"
  box.checked = readProgress(id, storage()).has(concept)
  box.addEventListener("change", () => {
    const done = readProgress(id, storage())
    if (box.checked) done.add(concept)
    else done.delete(concept)
    writeProgress(id, done, storage())
  })
  label.append(box, ` ${text.mark_read}`)
  nav.append(" ", label)
  heading.after(nav)
}

function mountAll() {
  document.querySelectorAll(".gl-path[data-path]").forEach(mountPath)
  document.querySelectorAll(".gl-path-card[data-path]").forEach(mountCard)
  const term = document.querySelector(".gl-term[data-concept]")
  if (term) mountBar(term).catch(() => {})
}

if (typeof document !== "undefined") {
  if (typeof window.document$ !== "undefined") window.document$.subscribe(mountAll)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll)
  else mountAll()
}
