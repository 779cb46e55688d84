// Draw the notebooks' Altair charts with the self-hosted Vega libraries. Each
// <div class="vega-chart" data-src="chart-N.json"> names its Vega-Lite spec, a file beside
// the page; bound sliders and selectors work without a server-side kernel.
(function () {
  function label(el) {
    var svg = el.querySelector("svg");
    if (svg && el.getAttribute("aria-label")) {
      svg.setAttribute("aria-label", el.getAttribute("aria-label"));
      svg.setAttribute("role", "img");
    }
  }
  function draw() {
    document.querySelectorAll(".vega-chart[data-src]:not([data-drawn])").forEach(function (el) {
      el.setAttribute("data-drawn", "1");
      fetch(new URL(el.getAttribute("data-src"), location.href))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.url);
          return response.json();
        })
        .then(function (spec) {
          return vegaEmbed(el, spec, { actions: false, renderer: "svg" });
        })
        .then(function () {
          label(el);
          el.setAttribute("data-ready", "1");
        });
    });
  }
  if (window.document$) window.document$.subscribe(draw);
  else document.addEventListener("DOMContentLoaded", draw);
})();
