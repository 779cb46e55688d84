// Render the $...$ and $$...$$ of notebook Markdown cells with the self-hosted KaTeX. The
// formulas of Markdown pages arrive typeset from the build (overrides/hooks/math_render.py).
(function () {
  function render() {
    document.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown").forEach(function (el) {
      if (el.dataset.rendered) return;
      renderMathInElement(el, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
        ],
        throwOnError: false,
      });
      el.dataset.rendered = "1";
    });
  }
  if (window.document$) window.document$.subscribe(render);
  else document.addEventListener("DOMContentLoaded", render);
})();
