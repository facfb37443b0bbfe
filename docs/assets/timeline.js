/* The timeline's copy buttons (overrides/fragments/timeline.html).
 *
 * Every event cites itself three ways (APA, GB/T 7714, "Drawn from"), each with a copy
 * button. Only the first event's citation comes with its buttons, which keeps some 100 KB
 * of identical markup out of the page; this script, which runs before assets/cite.js (it
 * binds and shows every button.site-copy), gives the citation texts of every other event a
 * copy of the matching button, pointed at that event's text. The words stay the page's.
 * Without JavaScript no citation has a copy button (cite.js would show none anyway).
 */
(function () {
  "use strict";
  var first = document.querySelector("article.timeline-event .site-cite-event button.site-copy[data-copy]");
  var model = first && first.closest("article.timeline-event");
  if (!model) return;
  // The model buttons by what they copy, after the event's id: "-cite-apa", "-cite-gbt", "-source".
  var buttons = {};
  model.querySelectorAll(".site-cite-event button.site-copy[data-copy]").forEach(function (button) {
    buttons[button.getAttribute("data-copy").slice(model.id.length)] = button;
  });
  document.querySelectorAll("article.timeline-event[id]").forEach(function (event) {
    if (event === model) return;
    event.querySelectorAll(".site-cite-event .site-cite__text[id]").forEach(function (text) {
      var button = text.id.indexOf(event.id) === 0 && buttons[text.id.slice(event.id.length)];
      var next = text.nextElementSibling;
      if (!button || (next && next.matches("button.site-copy"))) return;
      var copy = button.cloneNode(true);
      copy.setAttribute("data-copy", text.id);
      text.after(" ", copy);
    });
  });
})();
