// Render the math that pymdownx.arithmatex (generic mode) leaves in the page, with KaTeX.
(function () {
  function render() {
    document.querySelectorAll(".arithmatex").forEach(function (el) {
      if (el.dataset.rendered) return;
      var tex = el.textContent.trim();
      var display = el.tagName === "DIV";
      tex = display ? tex.replace(/^\\\[|\\\]$/g, "") : tex.replace(/^\\\(|\\\)$/g, "");
      katex.render(tex, el, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
      el.dataset.rendered = "1";
    });
  }
  if (window.document$) window.document$.subscribe(render);
  else document.addEventListener("DOMContentLoaded", render);
})();
