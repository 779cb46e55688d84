// Small behaviour on every page, for keyboard and screen-reader users: wide tables that
// Material wraps in a scrolling container become focusable, so they can be scrolled from the
// keyboard (WCAG 2.1.1). (The code blocks' copy buttons are written by the build, see
// glossary_site/speed.py.)
(function () {
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }
  function start() {
    focusable();
    new MutationObserver(function (records) {
      var added = records.some(function (record) {
        return record.addedNodes.length > 0;
      });
      if (added) focusable(); // Material wraps the tables when its content component mounts
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (window.document$) window.document$.subscribe(focusable);
  // site.js runs after the first frame (overrides/main.html), often after DOMContentLoaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
