/* Search costs nothing until it is used (loaded before Material's bundle, overrides/main.html).
 *
 * Material's bundle asks for search/search_index.json as soon as a page loads. This script holds
 * that request back until the reader focuses the search box (a click or tap on it or on the
 * search icon, or the keyboard shortcut: Material focuses the box for each), then sends it, once.
 * A page opened from a search result (`?h=` in its address) sends it at once: Material needs the
 * index's settings to highlight the searched words on it.
 *
 * The same bundle also fetches sitemap.xml three times per page load (for its language selector
 * and link previews), which no reader action needs until the language selector is used: those
 * requests wait until the pointer or the keyboard focus reaches the selector. (Our own
 * assets/lang-switch.js takes the selector's clicks, so Material's use of them is a fallback.)
 */
(function () {
  "use strict"
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send
  var groups = {
    index: { path: /\/search\/search_index\.json$/, held: [], released: false },
    sitemap: { path: /\/sitemap\.xml$/, held: [], released: false }
  }

  function groupOf(url) {
    try {
      var path = new URL(url, location.href).pathname
      for (var name in groups) if (groups[name].path.test(path)) return groups[name]
    } catch (e) { /* not a URL we hold back */ }
    return null
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.siteHeldGroup = groupOf(url)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var group = this.siteHeldGroup
    if (group && !group.released) {
      group.held.push([this, arguments])
      return undefined
    }
    return send.apply(this, arguments)
  }

  function release(group) {
    if (group.released) return
    group.released = true
    group.held.splice(0).forEach(function (request) { send.apply(request[0], request[1]) })
  }

  document.addEventListener("focusin", function (ev) {
    var target = ev.target
    if (!target || !target.closest) return
    if (target.matches("input.md-search__input")) release(groups.index)
    if (target.closest(".md-select")) release(groups.sitemap)
  })
  document.addEventListener("pointerover", function (ev) {
    if (ev.target && ev.target.closest && ev.target.closest(".md-select")) release(groups.sitemap)
  })
  if (/[?&]h=/.test(location.search)) release(groups.index)
})()
