/* Filters for the case index and the timeline.
 * Without JavaScript the forms stay hidden and every entry is shown. With it,
 * each <select name="X"> keeps the items whose data-X attribute (a space-
 * separated list) holds the chosen value. The choice is mirrored in the
 * query string (?reports=green-silk-road-2023), so a filtered view can be linked. */
(function () {
  "use strict";
  function setup(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll(form.dataset.filterItems));
    var groups = form.dataset.filterGroups ? Array.prototype.slice.call(document.querySelectorAll(form.dataset.filterGroups)) : [];
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".site-filter__count");
    var empty = document.querySelector(".site-filter__empty");
    var points = Array.prototype.slice.call(document.querySelectorAll(".case-row-point"));
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && s.querySelector('option[value="' + CSS.escape(wanted) + '"]')) s.value = wanted;
    });
    function apply() {
      var shown = 0, visibleIds = {};
      items.forEach(function (item) {
        var ok = selects.every(function (s) {
          return !s.value || (item.dataset[s.name] || "").split(" ").indexOf(s.value) !== -1;
        });
        item.hidden = !ok;
        if (ok) { shown += 1; if (item.dataset.case) visibleIds[item.dataset.case] = true; }
      });
      groups.forEach(function (g) { g.hidden = !g.querySelector(form.dataset.filterItems + ":not([hidden])"); });
      points.forEach(function (p) { p.style.display = visibleIds[p.dataset.case] ? "" : "none"; });
      if (count) count.textContent = shown + " / " + items.length;
      if (empty) empty.hidden = shown !== 0;
      var q = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) q.set(s.name, s.value); });
      var url = window.location.pathname + (q.toString() ? "?" + q.toString() : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }
  document.querySelectorAll("form.site-filter").forEach(setup);
})();
