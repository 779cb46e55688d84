// Small behaviour on every page, for keyboard and screen-reader users:
// - wide tables that Material wraps in a scrolling container become focusable, so they can be
//   scrolled from the keyboard (WCAG 2.1.1);
// - Material puts each code block's copy button in its own <nav>: every such landmark gets a
//   distinct name ("Copy to clipboard 2"), so a page with several code blocks stays navigable.
(function () {
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }
  function nameCodeNavs() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
      var button = nav.querySelector("[title]");
      var label = (button ? button.getAttribute("title") : "Code") + " " + (index + 1);
      if (nav.getAttribute("aria-label") !== label) nav.setAttribute("aria-label", label);
    });
  }
  function start() {
    focusable();
    nameCodeNavs();
    new MutationObserver(function (records) {
      var added = records.some(function (record) {
        return record.addedNodes.length > 0;
      });
      if (!added) return;
      focusable(); // Material wraps the tables when its content component mounts
      nameCodeNavs();
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (window.document$) window.document$.subscribe(focusable);
  // site.js runs after the first frame (overrides/main.html), often after DOMContentLoaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
