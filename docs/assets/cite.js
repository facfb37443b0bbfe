/* Citations and links to anchors (issue 10).
 * - Fills in the reader's date: the retrieval date of APA / the 引用日期 of
 *   GB/T 7714 (<span data-cite-date="apa-en|apa-zh|iso">), and the date of
 *   printing on the printed sheet (<span data-print-date>): on load, before
 *   printing and again when a citation is copied. No server is involved.
 * - Copy buttons (<button class="site-copy" data-copy="ID">, hidden until this
 *   script runs) copy the text of element ID, as plain text and as HTML (so
 *   APA's italics survive a paste into a word processor).
 * - Anchor links (<a class="site-anchor" href="#ID">) still go to the anchor,
 *   and also copy its full address.
 * Words come from the page (data-copied, data-failed), never from this file. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function format(kind, d) {
    if (kind === "apa-en") return d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
    if (kind === "apa-zh") return d.toLocaleDateString("zh-CN", { year: "numeric", month: "long", day: "numeric" });
    return iso(d);
  }
  function fillDates() {
    var now = new Date();
    document.querySelectorAll("[data-cite-date]").forEach(function (el) {
      el.textContent = format(el.getAttribute("data-cite-date"), now);
    });
    document.querySelectorAll("[data-print-date]").forEach(function (el) {
      el.textContent = iso(now);
    });
    // A page printed from a permalink (#event, #fact-2) names that address on the sheet.
    var head = document.querySelector(".site-print-head__url");
    if (head) {
      if (!head.hasAttribute("data-page-url")) head.setAttribute("data-page-url", head.textContent);
      var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      head.textContent = head.getAttribute("data-page-url") + (target ? window.location.hash : "");
    }
  }

  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("span");
      status.className = "site-copy__status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "site-copy__buffer";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  function copy(text, html) {
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem) {
        var item = new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        });
        return navigator.clipboard.write([item]).catch(function () { return navigator.clipboard.writeText(text); })
          .catch(function () { return fallbackCopy(text); });
      }
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  function flash(el, text) {
    announce(text);
    el.classList.add("site-copied");
    window.setTimeout(function () { el.classList.remove("site-copied"); }, 1500);
  }

  document.querySelectorAll("button.site-copy").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      fillDates();
      var text = source.textContent.replace(/\s+/g, " ").trim();
      copy(text, source.innerHTML).then(function () {
        button.textContent = button.getAttribute("data-copied");
        flash(button, button.getAttribute("data-copied"));
        window.setTimeout(function () { button.textContent = label; }, 1500);
      }, function () { announce(button.getAttribute("data-failed")); });
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.site-anchor");
    if (!link) return;
    var url = window.location.href.split(/[?#]/)[0] + link.getAttribute("href");
    copy(url).then(function () { flash(link, link.getAttribute("data-copied")); }, function () { /* the link still works */ });
  });

  window.addEventListener("beforeprint", fillDates);
  window.addEventListener("hashchange", fillDates);
  fillDates();
})();
