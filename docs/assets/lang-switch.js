/* The language switch carries the reader's place: the query string (filters,
 * sort order) and the hash (an event, a term, a year) follow the switch.
 * Anchors and filter values are ids, the same in both languages.
 *
 * Material's selector links point at the other language's page; this keeps
 * their href up to date with the current query and hash, and takes the click
 * before Material's own handler, which would go to the bare page. Without
 * JavaScript the switch keeps the page (and the static variants of the case
 * index, which are pages of their own) but cannot know the hash.
 */
(function () {
  "use strict";
  var SELECTOR = "a.md-select__link[hreflang]";

  function carry(link) {
    if (!link.dataset.siteBase) link.dataset.siteBase = link.getAttribute("href");
    var url = new URL(link.dataset.siteBase, window.location.href);
    url.search = window.location.search;
    url.hash = window.location.hash;
    link.setAttribute("href", url.pathname + url.search + url.hash);
  }

  function update() { Array.prototype.forEach.call(document.querySelectorAll(SELECTOR), carry); }

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest(SELECTOR);
    if (!link) return;
    carry(link);
    e.stopPropagation();
  }, true);
  ["hashchange", "popstate", "site:urlchange"].forEach(function (name) { window.addEventListener(name, update); });
  update();
})();
