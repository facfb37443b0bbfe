/* Filters and sorting for the case index, the timeline and the glossary.
 *
 * Without JavaScript the forms stay hidden and every entry is shown (the case
 * index then offers pre-sorted pages and pages per region and sector). With it
 * (site.css shows the forms from the first paint, so nothing moves when this runs):
 *
 * - each <select name="X" data-field="Y"> keeps the items whose data-Y
 *   attribute (a space-separated list) holds the chosen value; an option with
 *   data-ids keeps the items whose id it lists (the glossary's themes);
 * - the choice is mirrored in the query string (?region=africa), and restored
 *   from it on load, so a filtered view can be shared; older links with the
 *   data names (?regions=africa, ?themes=…) still work;
 * - column headings of the case index sort in place (?sort=year&dir=desc);
 * - the timeline's year navigator and the glossary's letter index count and
 *   point at what is shown;
 * - the map (map.js) hears of every change through the "site:filtered" event
 *   and window.siteFilterState; the language switch (lang-switch.js) through
 *   "site:urlchange", so it carries the query and the hash.
 */
(function () {
  "use strict";
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  function writeUrl(update) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(update).forEach(function (key) {
      if (update[key]) params.set(key, update[key]); else params.delete(key);
    });
    var q = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    window.dispatchEvent(new Event("site:urlchange"));
  }

  /* The elements an item hides with: itself, or a heading and what follows it
     up to the next item (a glossary term is a heading and its paragraphs). */
  function blocks(items) {
    var isItem = new Set(items);
    return items.map(function (item) {
      if (!/^H[1-6]$/.test(item.tagName)) return [item];
      var parent = item.parentElement;
      if (parent && parent !== document.body && parent.firstElementChild === item &&
          !parent.matches("article, .md-content__inner") && parent.querySelectorAll("h2[id]").length === 1) return [parent];
      var out = [item], next = item.nextElementSibling;
      while (next && !isItem.has(next) && !/^H[12]$/.test(next.tagName) && !next.matches(".site-filter__empty")) {
        out.push(next);
        next = next.nextElementSibling;
      }
      return out;
    });
  }

  function setupFilter(form) {
    var items = all(form.dataset.filterItems);
    var parts = blocks(items);
    var groups = form.dataset.filterGroups ? all(form.dataset.filterGroups) : [];
    var selects = all("select", form);
    var count = form.querySelector(".site-filter__count");
    var empty = document.querySelector(".site-filter__empty");
    var params = new URLSearchParams(window.location.search);
    var legacy = {};
    selects.forEach(function (s) {
      var wanted = params.get(s.name) || (s.dataset.field && params.get(s.dataset.field));
      if (s.dataset.field && s.dataset.field !== s.name) legacy[s.dataset.field] = null;
      if (wanted && s.querySelector('option[value="' + CSS.escape(wanted) + '"]')) s.value = wanted;
    });

    // Selects whose options list item ids judge only the items they know of.
    var known = selects.map(function (s) {
      var ids = new Set();
      all("option[data-ids]", s).forEach(function (o) { o.dataset.ids.split(" ").forEach(function (id) { ids.add(id); }); });
      return ids.size ? ids : null;
    });

    function keeps(s, item) {
      if (!s.value) return true;
      var option = s.options[s.selectedIndex], ids = known[selects.indexOf(s)];
      if (ids) return !ids.has(item.id) || option.dataset.ids.split(" ").indexOf(item.id) !== -1;
      return (item.dataset[s.dataset.field] || "").split(" ").indexOf(s.value) !== -1;
    }

    function apply() {
      var shown = 0, ids = [], filtered = selects.some(function (s) { return s.value; });
      items.forEach(function (item, i) {
        var ok = selects.every(function (s) { return keeps(s, item); });
        parts[i].forEach(function (el) { el.hidden = !ok; });
        if (ok) { shown += 1; if (item.dataset.case) ids.push(item.dataset.case); }
      });
      groups.forEach(function (g) { g.hidden = !items.some(function (item, i) { return !parts[i][0].hidden && g.contains(item); }); });
      if (count) count.textContent = shown + " / " + items.length;
      if (empty) empty.hidden = shown !== 0;
      updateYears();
      updateLetters(items, parts);
      var update = Object.assign({}, legacy);
      selects.forEach(function (s) { update[s.name] = s.value; });
      writeUrl(update);
      window.siteFilterState = { ids: filtered ? ids : null, count: shown };
      document.dispatchEvent(new CustomEvent("site:filtered", { detail: window.siteFilterState }));
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  /* Timeline: how many events each year shows; years with none drop out of the navigator. */
  function updateYears() {
    all(".timeline-years a[data-year]").forEach(function (a) {
      var heading = document.getElementById("year-" + a.dataset.year);
      var section = heading && heading.closest(".timeline-year");
      var n = section ? all(".timeline-event:not([hidden])", section).length : 0;
      var small = a.querySelector(".timeline-years__count");
      // Written only when it changes: the page comes with each year's full count.
      if (small && small.textContent !== "(" + n + ")") small.textContent = "(" + n + ")";
      if (a.parentElement.hidden !== (n === 0)) a.parentElement.hidden = n === 0;
    });
  }

  /* Glossary: each letter points at its first term still shown. */
  function updateLetters(items, parts) {
    var visible = {};
    items.forEach(function (item, i) { if (!parts[i][0].hidden) visible[item.id] = true; });
    all(".glossary-index a[data-ids]").forEach(function (a) {
      var first = a.dataset.ids.split(" ").filter(function (id) { return visible[id]; })[0];
      if (first) a.setAttribute("href", "#" + first);
      a.parentElement.hidden = !first;
    });
  }

  /* Case index: headings sort in place; without JavaScript they are links to pre-sorted pages. */
  function setupSort(table) {
    var body = table.tBodies[0];
    var links = all("a.case-sort[data-sort]", table);
    if (!body || !links.length) return;
    var base = table.dataset.sorted || "name";
    function rank(row, col) { return parseInt(row.getAttribute("data-rank-" + col), 10); }
    function sort(col, dir, write) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) { return (rank(a, col) - rank(b, col)) * (dir === "desc" ? -1 : 1); });
      rows.forEach(function (r) { body.appendChild(r); });
      links.forEach(function (a) {
        var th = a.closest("th");
        if (a.dataset.sort === col) th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      table.dataset.current = col;
      table.dataset.dir = dir;
      if (write) writeUrl({ sort: col === base ? (dir === "desc" ? col : "") : col, dir: dir === "desc" ? "desc" : "" });
    }
    links.forEach(function (a) {
      a.addEventListener("click", function (e) {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        var col = a.dataset.sort;
        var dir = table.dataset.current === col && table.dataset.dir !== "desc" ? "desc" : "asc";
        sort(col, dir, true);
      });
    });
    var params = new URLSearchParams(window.location.search);
    var wanted = params.get("sort");
    var known = links.some(function (a) { return a.dataset.sort === wanted; });
    sort(known ? wanted : base, params.get("dir") === "desc" ? "desc" : "asc", false);
  }

  all("table[data-sorted]").forEach(setupSort);
  all("form.site-filter").forEach(setupFilter);
})();
