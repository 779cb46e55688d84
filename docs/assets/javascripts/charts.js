// Draw the notebooks' Altair charts with the self-hosted Vega libraries. Each
// <div class="vega-chart" data-src="chart-N.json"> names its Vega-Lite spec, a file beside
// the page; bound sliders and selectors work without a server-side kernel. The libraries
// (about 1 MB) load only when the first chart comes near the viewport, so they never delay
// the page's first paint.
(function () {
  var script = document.currentScript;
  var base = new URL(script.getAttribute("data-vega"), location.href);
  var libraries = null;

  function load(name) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = new URL(name, base).href;
      element.onload = resolve;
      element.onerror = function () {
        reject(new Error("could not load " + element.src));
      };
      document.head.appendChild(element);
    });
  }
  function vega() {
    if (!libraries) {
      libraries = load("vega.min.js")
        .then(function () {
          return load("vega-lite.min.js");
        })
        .then(function () {
          return load("vega-embed.min.js");
        });
    }
    return libraries;
  }
  function label(el) {
    var svg = el.querySelector("svg");
    if (svg && el.getAttribute("aria-label")) {
      svg.setAttribute("aria-label", el.getAttribute("aria-label"));
      svg.setAttribute("role", "img");
    }
  }
  function render(el) {
    var spec = fetch(new URL(el.getAttribute("data-src"), location.href)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    });
    Promise.all([spec, vega()])
      .then(function (results) {
        var description = results[0].description;
        if (!el.getAttribute("aria-label") && description) el.setAttribute("aria-label", description);
        return vegaEmbed(el, results[0], { actions: false, renderer: "svg" });
      })
      .then(function () {
        label(el);
        el.setAttribute("data-ready", "1");
      });
  }
  function draw() {
    var charts = document.querySelectorAll(".vega-chart[data-src]:not([data-drawn])");
    var observer =
      "IntersectionObserver" in window
        ? new IntersectionObserver(
            function (entries) {
              entries.forEach(function (entry) {
                if (!entry.isIntersecting) return;
                observer.unobserve(entry.target);
                render(entry.target);
              });
            },
            { rootMargin: "600px 0px" }
          )
        : null;
    charts.forEach(function (el) {
      el.setAttribute("data-drawn", "1");
      if (observer) observer.observe(el);
      else render(el);
    });
  }
  // This script can run before Material's bundle has started (it starts in the task after its
  // evaluation, glossary_site/speed.py), and after DOMContentLoaded (overrides/main.html).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
