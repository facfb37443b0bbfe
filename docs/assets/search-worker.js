/* Site search worker, in place of Material's (overrides/main.html points `config.search` here).
 *
 * Speaks Material's worker protocol: SETUP (0, the index) -> READY (1); QUERY (2, the text typed)
 * -> RESULT (3, {items}). The engine (assets/search-engine.js, on MiniSearch) is loaded only when
 * Material hands over the index, which assets/search-lazy.js holds back until the reader focuses
 * the search box: until then this worker costs its own few hundred bytes.
 */
"use strict"

var engine = null

function setup(data) {
  return Promise.all([import("./vendor/minisearch/index.js"), import("./search-engine.js")])
    .then(function (modules) {
      return new modules[1].Engine(modules[0].default, data.config.site, data.docs)
    })
}

addEventListener("message", function (ev) {
  var message = ev.data
  if (message.type === 0) {
    engine = setup(message.data)
    engine.then(function () { postMessage({ type: 1 }) })
  } else if (message.type === 2 && engine) {
    engine.then(function (e) {
      var data
      try {
        data = e.search(message.data)
      } catch (err) {
        console.warn("search failed for", message.data, err)
        data = { items: [] }
      }
      postMessage({ type: 3, data: data })
    })
  }
})
