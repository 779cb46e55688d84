// Small behaviour on every page: wide tables that Material wraps in a scrolling container
// become focusable, so keyboard users can scroll them (WCAG 2.1.1).
(function () {
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }
  if (window.document$) window.document$.subscribe(focusable);
  else document.addEventListener("DOMContentLoaded", focusable);
})();
