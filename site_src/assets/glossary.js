// Mentions of other concepts carry their short definition as a tooltip (Material's
// content.tooltips shows it on hover and focus). On touch screens, the first tap on a
// mention shows the tooltip and the second one follows the link.
document$.subscribe(function () {
  var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches
  if (!coarse) return
  document.querySelectorAll("a.gl-mention").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (link.dataset.glTapped === "1") return
      event.preventDefault()
      document.querySelectorAll("a.gl-mention[data-gl-tapped]").forEach(function (other) {
        delete other.dataset.glTapped
      })
      link.dataset.glTapped = "1"
      link.focus()
    })
  })
})
