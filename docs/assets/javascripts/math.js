// Render math with the self-hosted KaTeX: the spans pymdownx.arithmatex (generic mode) leaves
// in Markdown pages, and the $...$ / $$...$$ text of notebook markdown cells.
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
    if (window.renderMathInElement) {
      document.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown").forEach(function (el) {
        renderMathInElement(el, {
          delimiters: [
            { left: "$$", right: "$$", display: true },
            { left: "$", right: "$", display: false },
          ],
          throwOnError: false,
        });
      });
    }
  }
  if (window.document$) window.document$.subscribe(render);
  else document.addEventListener("DOMContentLoaded", render);
})();
