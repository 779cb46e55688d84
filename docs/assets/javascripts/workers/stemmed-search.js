// Material's search worker, with the reader's query stemmed like the index.
//
// Material appends "*" to every query term for prefix search, and lunr skips its pipeline
// (and so the stemmer) for such terms: with a stemmed index, "Verteilungen" would never find
// "Verteilung". This worker loads Material's own worker (its URL arrives as ?worker=...) and
// stems each prefix term with the stemmer of the index's language before lunr searches.
// It lives next to Material's worker so that its relative lunr paths still resolve.
/* global lunr */

// The page posts the search index as the text it downloaded (glossary_site/speed.py), so that
// its main thread does not parse it: it is parsed here, before Material's worker, whose
// listener comes second, reads the message.
addEventListener("message", function (event) {
  var message = event.data;
  if (message && message.type === 0 && typeof message.data.text === "string") {
    var index = JSON.parse(message.data.text);
    message.data = {config: index.config, docs: index.docs, options: message.data.options};
  }
});

importScripts(new URL(self.location.href).searchParams.get("worker"));

(function () {
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var stemmer = this.pipeline._stack.filter(function (fn) {
      return fn.label && fn.label.indexOf("stemmer") === 0;
    })[0];
    if (stemmer) {
      query = query.replace(/(^|\s)([+-]?)([^\s*:~^+-][^\s*:~^]*)\*(?=\s|$)/g,
        function (match, before, operator, term) {
          var token = stemmer(new lunr.Token(term.toLowerCase(), {}), 0, []);
          return before + operator + (token ? token.toString() : term) + "*";
        });
    }
    return search.call(this, query);
  };
})();
