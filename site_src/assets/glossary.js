// Tooltips. A link to a concept carries the concept's short definition in its title, a
// heading's permalink and the header's buttons say what they do there; each shows as
// Material's tooltip (its .md-tooltip2 look) on hover and on keyboard focus. Material's
// own content.tooltips (not enabled) subscribes to every such element as the page loads:
// a term page holds a hundred (its relations and the concepts that mention it), which
// kept a phone's main thread busy for a few hundred milliseconds. Here one listener per
// event serves the whole page, and a tooltip is made only for the element pointed at.
// On touch screens, the first tap on a mention in running text shows its tooltip (by
// focusing it) and the second one follows the link.
;(function () {
  var HOSTS = ".md-content [title], .md-header [title], .md-sidebar [title], .md-tabs [title]"
  var LEAVE_MS = 250 // as Material: leaving a host hides its tooltip after a moment
  var count = 0
  var shown = null // { host, tip, title, timer }

  function hostOf(target) {
    if (!(target instanceof Element)) return null
    if (shown && shown.host.contains(target)) return shown.host // its title is set aside
    return target.closest(HOSTS)
  }

  function show(host) {
    if (shown && shown.host === host) {
      clearTimeout(shown.timer)
      return
    }
    hide(true)
    var title = host.getAttribute("title")
    if (!title) return
    var tip = document.createElement("div")
    var inner = document.createElement("div")
    tip.className = "md-tooltip2 md-tooltip2--bottom"
    tip.setAttribute("role", "tooltip")
    tip.id = "__gl_tooltip_" + ++count
    inner.className = "md-tooltip2__inner md-typeset"
    inner.textContent = title // text, never markup
    tip.appendChild(inner)
    // Fixed to the viewport: hosts in the sticky header and sidebars stay put while the
    // page scrolls under them; a scroll hides the tooltip.
    var rect = host.getBoundingClientRect()
    tip.style.position = "fixed"
    tip.style.zIndex = "5" // above the header, as Material's header tooltips are
    tip.style.setProperty("--md-tooltip-host-x", rect.left + "px")
    tip.style.setProperty("--md-tooltip-host-y", rect.top + "px")
    tip.style.setProperty("--md-tooltip-x", rect.width / 2 + "px")
    tip.style.setProperty("--md-tooltip-y", rect.height + 8 + "px")
    tip.style.setProperty("--md-tooltip-tail", "0px")
    host.removeAttribute("title") // no second, native tooltip
    host.setAttribute("aria-describedby", tip.id)
    document.body.appendChild(tip)
    tip.style.setProperty("--md-tooltip-width", inner.offsetWidth + "px")
    shown = { host: host, tip: tip, title: title, timer: 0 }
    requestAnimationFrame(function () {
      if (shown && shown.tip === tip) tip.classList.add("md-tooltip2--active")
    })
  }

  function hide(now) {
    if (!shown) return
    var current = shown
    clearTimeout(current.timer)
    function remove() {
      if (shown !== current) return
      shown = null
      current.tip.remove()
      current.host.removeAttribute("aria-describedby")
      current.host.setAttribute("title", current.title)
    }
    if (now) remove()
    else current.timer = setTimeout(remove, LEAVE_MS)
  }

  function pointed(host) {
    return host.matches(":hover") || host.contains(document.activeElement)
  }

  document.addEventListener("mouseover", function (event) {
    var host = hostOf(event.target)
    if (host) show(host)
  })
  document.addEventListener("mouseout", function (event) {
    if (!shown || !shown.host.contains(event.target)) return
    if (event.relatedTarget instanceof Node && shown.host.contains(event.relatedTarget)) return
    if (!shown.host.contains(document.activeElement)) hide(false)
  })
  document.addEventListener("focusin", function (event) {
    var host = hostOf(event.target)
    if (host) show(host)
    else if (shown && !pointed(shown.host)) hide(true)
  })
  document.addEventListener("focusout", function (event) {
    if (shown && shown.host.contains(event.target) && !shown.host.matches(":hover")) hide(false)
  })
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide(true) // dismissible without moving (WCAG 1.4.13)
  })
  window.addEventListener("scroll", function () { hide(true) }, { passive: true, capture: true })

  // Touch screens: the first tap on a mention shows its definition, the second follows it.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.gl-mention") : null
    if (!link || !window.matchMedia || !window.matchMedia("(pointer: coarse)").matches) return
    if (link.dataset.glTapped === "1") return
    event.preventDefault()
    document.querySelectorAll("a.gl-mention[data-gl-tapped]").forEach(function (other) {
      delete other.dataset.glTapped
    })
    link.dataset.glTapped = "1"
    link.focus()
  })

  if (typeof document$ === "undefined") return
  document$.subscribe(function () {
    hide(true) // a page loaded by instant navigation replaces the content and its hosts
    // Only pages with a calculator load its module (overrides/main.html); one reached by
    // instant navigation from another page gets it here (the same module, run once).
    if (document.querySelector(".gl-calc[data-calc]:not([data-mounted])")) {
      import(new URL("assets/calculator.mjs", __md_scope).toString())
    }
  })
})()
