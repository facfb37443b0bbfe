/* The case map (overrides/fragments/_map.html), made usable at any width.
 *
 * The page comes with a layout computed for a 320 px phone (hooks/rendering/geo.py); here
 * it is redone for the map's real width, and again on resize, zoom or filter:
 *
 * - every point has a square hit area of 28 px (a cluster 32 px), whatever the
 *   zoom; points whose hit areas would overlap become a numbered cluster, so
 *   nothing covers anything else. Choosing a cluster zooms to its cases; where
 *   zooming cannot part them any more, it lists them instead;
 * - names show on hover, on keyboard focus and on a first tap (a second tap, or
 *   Enter, opens the case);
 * - Tab goes through the points from west to east (then north to south): the
 *   DOM order is rebuilt in that order after every layout;
 * - filters (filters.js) re-frame the map to the cases shown, and the summary
 *   counts them ("38 of 55 cases shown; 17 without a single location");
 * - only points whose whole hit area lies inside the frame are shown.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var ASPECT = 2, MIN_WIDTH = 8, GAP = 2, PAD = 22, DOT = 5, BUBBLE = 13, FONT = 12;

  function setup(fig) {
    var svg = fig.querySelector("svg.case-map__svg");
    var layer = svg && svg.querySelector(".case-map__layer");
    if (!layer) return;
    var tip = fig.querySelector(".case-map__tip");
    var panel = fig.querySelector(".case-map__panel");
    var reset = fig.querySelector(".case-map__reset");
    var summary = fig.querySelector(".case-map__summary");
    var POINT = +fig.dataset.pointPx || 28, CLUSTER = +fig.dataset.clusterPx || 32;
    var total = +fig.dataset.total || 0;
    var points = Array.prototype.map.call(layer.querySelectorAll("a.case-map__point"), function (el) {
      return { el: el, id: el.dataset.case, x: +el.dataset.x, y: +el.dataset.y,
               name: (el.querySelector("title") || {}).textContent || "" };
    });
    Array.prototype.forEach.call(layer.querySelectorAll("a.case-map__cluster"), function (c) { c.remove(); });
    points.forEach(function (p) { p.el.classList.remove("is-grouped"); });
    var clusterTemplate = (layer.dataset.clusterTemplate || "");
    var visible = null, count = total, view = null, home = null, armed = null, lastPointer = "mouse";
    var clusters = [];

    function widthPx() { return svg.getBoundingClientRect().width || 1; }

    function frameFor(list) {
      if (!list.length) return [0, 15, 360, 180];
      var w = widthPx(), room = Math.max(0.2, 1 - 2 * PAD / w), roomY = Math.max(0.2, 1 - 2 * PAD * ASPECT / w);
      var xs = list.map(function (p) { return p.x; }), ys = list.map(function (p) { return p.y; });
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var vw = Math.min(360, Math.max((x1 - x0) / room, (y1 - y0) * ASPECT / roomY, MIN_WIDTH));
      var vh = vw / ASPECT;
      var cx = Math.min(Math.max((x0 + x1) / 2 - vw / 2, 0), 360 - vw);
      var cy = Math.min(Math.max((y0 + y1) / 2 - vh / 2, 0), 180 - vh);
      return [cx, cy, vw, vh];
    }

    function same(a, b) { return a && b && a.every(function (v, i) { return Math.abs(v - b[i]) < 0.01; }); }

    function setView(v) {
      view = v;
      svg.setAttribute("viewBox", v.map(function (n) { return +n.toFixed(3); }).join(" "));
      if (reset) reset.hidden = same(v, home);
    }

    function size(g) { return g.members.length > 1 ? CLUSTER : POINT; }

    function group(list, scale) {
      var groups = list.map(function (p) { return { members: [p], x: p.x, y: p.y }; });
      for (;;) {
        var best = null;
        for (var i = 0; i < groups.length; i++) {
          for (var j = i + 1; j < groups.length; j++) {
            var a = groups[i], b = groups[j];
            var reach = ((size(a) + size(b)) / 2 + GAP) / scale;
            if (Math.abs(a.x - b.x) < reach && Math.abs(a.y - b.y) < reach) {
              var d = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
              if (!best || d < best[0]) best = [d, i, j];
            }
          }
        }
        if (!best) break;
        var g = groups[best[1]];
        g.members = g.members.concat(groups[best[2]].members);
        g.x = g.members.reduce(function (s, p) { return s + p.x; }, 0) / g.members.length;
        g.y = g.members.reduce(function (s, p) { return s + p.y; }, 0) / g.members.length;
        groups.splice(best[2], 1);
      }
      groups.forEach(function (g) { g.members.sort(function (a, b) { return a.x - b.x || a.y - b.y; }); });
      return groups.sort(function (a, b) { return a.x - b.x || a.y - b.y; });
    }

    function inside(g, scale) {
      var half = size(g) / 2 / scale;
      return g.x - half >= view[0] && g.x + half <= view[0] + view[2] &&
             g.y - half >= view[1] && g.y + half <= view[1] + view[3];
    }

    function box(el, x, y, px, scale) {
      var rect = el.querySelector(".case-map__hit");
      rect.setAttribute("x", x - px / 2 / scale);
      rect.setAttribute("y", y - px / 2 / scale);
      rect.setAttribute("width", px / scale);
      rect.setAttribute("height", px / scale);
    }

    function makeCluster(g, scale) {
      var a = document.createElementNS(SVG, "a");
      a.setAttribute("href", fig.dataset.list || "#case-list");
      a.setAttribute("class", "case-map__cluster");
      a.dataset.members = g.members.map(function (p) { return p.id; }).join(" ");
      var title = document.createElementNS(SVG, "title");
      var names = g.members.map(function (p) { return p.name; }).join(document.documentElement.lang === "en" ? ", " : "、");
      title.textContent = clusterTemplate.replace("{count}", g.members.length).replace("{names}", names);
      var rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("class", "case-map__hit");
      var bubble = document.createElementNS(SVG, "circle");
      bubble.setAttribute("class", "case-map__bubble");
      bubble.setAttribute("cx", g.x);
      bubble.setAttribute("cy", g.y);
      bubble.setAttribute("r", BUBBLE / scale);
      var text = document.createElementNS(SVG, "text");
      text.setAttribute("class", "case-map__count");
      text.setAttribute("x", g.x);
      text.setAttribute("y", g.y + FONT / 3 / scale);
      text.setAttribute("text-anchor", "middle");
      text.setAttribute("font-size", FONT / scale);
      text.textContent = String(g.members.length);
      a.appendChild(title);
      a.appendChild(rect);
      a.appendChild(bubble);
      a.appendChild(text);
      box(a, g.x, g.y, CLUSTER, scale);
      a.siteGroup = g;
      return a;
    }

    function layout() {
      var focused = document.activeElement;
      var scale = widthPx() / view[2];
      var shown = points.filter(function (p) { return !visible || visible.has(p.id); });
      clusters.forEach(function (c) { c.remove(); });
      clusters = [];
      points.forEach(function (p) { p.el.classList.add("is-off"); });
      group(shown, scale).forEach(function (g) {
        if (!inside(g, scale)) return;
        if (g.members.length === 1) {
          var p = g.members[0];
          p.el.classList.remove("is-off");
          box(p.el, p.x, p.y, POINT, scale);
          p.el.querySelector(".case-map__dot").setAttribute("r", DOT / scale);
          layer.appendChild(p.el);
        } else {
          var c = makeCluster(g, scale);
          clusters.push(c);
          layer.appendChild(c);
        }
      });
      if (focused && layer.contains(focused) && focused.isConnected) focused.focus({ preventScroll: true });
    }

    function updateSummary() {
      if (!summary || !summary.dataset.template) return;
      var on = points.filter(function (p) { return !visible || visible.has(p.id); }).length;
      summary.textContent = summary.dataset.template.replace("{shown}", on)
        .replace("{total}", count).replace("{missing}", Math.max(0, count - on));
    }

    function reframe() {
      var shown = points.filter(function (p) { return !visible || visible.has(p.id); });
      home = frameFor(shown);
      setView(home);
      layout();
      updateSummary();
    }

    // ---- names on hover, focus and tap
    function showTip(el) {
      if (!tip) return;
      var t = el.querySelector("title");
      tip.textContent = t ? t.textContent : "";
      tip.hidden = false;
      var frame = tip.parentElement.getBoundingClientRect();
      var r = el.querySelector(".case-map__hit").getBoundingClientRect();
      var w = tip.offsetWidth;
      var left = Math.min(Math.max(r.left + r.width / 2 - frame.left - w / 2, 0), Math.max(0, frame.width - w));
      tip.style.left = left + "px";
      tip.style.top = (r.top - frame.top) + "px";
    }
    function hideTip() { if (tip) tip.hidden = true; }
    function target(e) { return e.target.closest && e.target.closest("a.case-map__point, a.case-map__cluster"); }

    layer.addEventListener("focusin", function (e) { var el = target(e); if (el) showTip(el); });
    layer.addEventListener("focusout", function () { hideTip(); armed = null; });
    layer.addEventListener("mouseover", function (e) { var el = target(e); if (el) showTip(el); });
    layer.addEventListener("mouseout", function (e) {
      var el = target(e);
      if (el && !el.contains(e.relatedTarget) && document.activeElement !== el) hideTip();
    });
    svg.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType || "mouse"; });
    layer.addEventListener("click", function (e) {
      var el = target(e);
      if (!el) return;
      if (el.classList.contains("case-map__cluster")) {
        e.preventDefault();
        zoomTo(el.siteGroup, el);
        return;
      }
      // A first tap shows the name; a second one on the same point opens it.
      if (lastPointer === "touch" && armed !== el) {
        e.preventDefault();
        armed = el;
        el.focus({ preventScroll: true });
        showTip(el);
      }
      lastPointer = "mouse";
    });
    fig.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hideTip(); closePanel(); }
    });

    // ---- clusters: zoom in, or list them where zooming cannot part them
    function zoomTo(g, from) {
      var next = frameFor(g.members);
      if (next[2] >= view[2] * 0.98 || view[2] <= MIN_WIDTH + 0.01) {
        openPanel(g, from);
        return;
      }
      setView(next);
      layout();
      var first = layer.querySelector("a:not(.is-off)");
      if (first) first.focus({ preventScroll: true });
    }
    var panelFrom = null;
    function openPanel(g, from) {
      if (!panel) return;
      var list = panel.querySelector("ul");
      list.textContent = "";
      g.members.forEach(function (p) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = p.el.getAttribute("href");
        a.textContent = p.name;
        li.appendChild(a);
        list.appendChild(li);
      });
      panel.hidden = false;
      panelFrom = from;
      var first = list.querySelector("a");
      if (first) first.focus();
    }
    function closePanel() {
      if (!panel || panel.hidden) return;
      panel.hidden = true;
      if (panelFrom && panelFrom.isConnected) panelFrom.focus({ preventScroll: true });
    }
    if (panel) panel.querySelector(".case-map__close").addEventListener("click", closePanel);
    if (reset) reset.addEventListener("click", function () { setView(home); layout(); });

    // ---- filters and resizing
    function onFilter(state) {
      visible = state && state.ids ? new Set(state.ids) : null;
      count = state && typeof state.count === "number" ? state.count : total;
      closePanel();
      reframe();
    }
    document.addEventListener("site:filtered", function (e) { onFilter(e.detail); });
    // Any change of the map's width (window, sidebars, zoom of the page) re-lays it out.
    var lastWidth = widthPx();
    function resized() {
      var w = widthPx();
      if (Math.abs(w - lastWidth) < 1) return;
      var zoomed = !same(view, home);
      lastWidth = w;
      if (zoomed) layout(); else reframe();
    }
    if (window.ResizeObserver) new ResizeObserver(resized).observe(svg);
    else window.addEventListener("resize", resized);
    onFilter(window.siteFilterState || null);
  }

  Array.prototype.forEach.call(document.querySelectorAll("figure[data-map]"), setup);
})();
