// claimline: Material's own search worker (lunr, loaded from this site), with what a reader
// of a claims tracker types into the box. The hook points Material at this file, with the
// name of Material's worker after the '#'.
// - Every claim is its own result: its words as the title, then speaker, date, outlet and
//   topics (the document's tags, in that order: render/search.py, CLAIM_TAGS).
// - Filters: speaker:ruiz outlet:"the gazette" topic:privacy year:2021 keep the claims whose
//   speaker (outlet, topic, year) has the typed words as whole words, or, where no claim's
//   has, as the beginnings of words; several facets must all hold.
// - "Quoted words" keep only results holding those words in that order (lunr alone would
//   only ask for each word somewhere).
(function () {
  "use strict";
  var name = decodeURIComponent(location.hash.slice(1));
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) throw new Error("claimline: unexpected search worker " + name);
  importScripts(new URL("claimline-query.js", location.href).href);  // how the box's query is read, shared with the Pagefind script
  var matchKind = self.claimlineQuery.matchKind;
  var PHRASE = /"([^"]+)"/g;
  var CLAIM = /#claim-/;
  var asked = [];  // the parsed queries, in the order Material's answers come back

  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#x27|#39);/g, function (all, e) {
      return { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" }[e];
    });
  }
  function folded(text) {  // compared as words: case, curly quotes and runs of spaces do not count
    return plain(text).toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ");
  }
  function parse(query) {
    var phrases = [];
    var found = self.claimlineQuery.typedFacets(query, folded), typed = found.typed, words = found.rest;
    words = words.replace(PHRASE, function (all, phrase) {
      if (folded(phrase).trim()) phrases.push(folded(phrase).trim());
      return " " + phrase + " ";
    }).replace(/"/g, " ").trim();
    var values = [];
    for (var facet in typed) values = values.concat(typed[facet]);
    // lunr is asked for the words, or for the typed values when only filters were given
    // (a claim's tags hold them); what it returns is then narrowed here.
    return { typed: typed, phrases: phrases, lunr: words || values.join(" ") };
  }
  function facets(doc) {
    var tags = (doc.tags || []).map(folded);
    var date = tags[1] || "";
    var year = (date.match(/\b\d{4}\b/) || [""])[0];
    return { speaker: [tags[0] || ""], outlet: [tags[2] || ""], topic: tags.slice(3), year: [year], status: [] };
  }
  function kindIn(doc, facet, typed) {
    return Math.max.apply(null, (facets(doc)[facet] || []).map(function (v) { return matchKind(v, typed); }).concat([0]));
  }
  // For each facet and typed value, the best match any claim among lunr's answers has.
  function bestKinds(result, asked) {
    var best = {};
    (result.items || []).forEach(function (group) {
      group.forEach(function (doc) {
        if (!CLAIM.test(doc.location)) return;
        for (var facet in asked.typed) {
          asked.typed[facet].forEach(function (t) {
            var key = facet + ":" + t;
            best[key] = Math.max(best[key] || 0, kindIn(doc, facet, t));
          });
        }
      });
    });
    return best;
  }
  function keeps(doc, asked, best) {
    var isClaim = CLAIM.test(doc.location);
    var typedFacets = Object.keys(asked.typed);
    if (typedFacets.length && !isClaim) return false;
    for (var i = 0; i < typedFacets.length; i++) {
      var facet = typedFacets[i];
      var held = asked.typed[facet].some(function (t) {
        var wanted = best[facet + ":" + t];
        return wanted > 0 && kindIn(doc, facet, t) === wanted;
      });
      if (!held) return false;
    }
    var words = folded(doc.title) + " " + folded(doc.text);
    return asked.phrases.every(function (p) { return words.indexOf(p) >= 0; });
  }
  // Material groups results by page (the page, then its sections); a claim leaves its page's
  // group to be a result of its own. A page left with nothing that matched is dropped.
  function narrow(result, asked) {
    var groups = [], best = bestKinds(result, asked);
    (result.items || []).forEach(function (group) {
      var rest = [];
      group.forEach(function (doc) {
        if (!keeps(doc, asked, best)) return;
        if (CLAIM.test(doc.location)) groups.push([doc]);
        else rest.push(doc);
      });
      if (rest.some(function (doc) { return doc.score > 0; })) groups.push(rest);
    });
    groups.sort(function (a, b) { return b[0].score - a[0].score; });
    return Object.assign({}, result, { items: groups });
  }

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === 3 && asked.length) message = { type: 3, data: narrow(message.data, asked.shift()) };
    post(message);
  };
  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    listen("message", function (event) {
      var message = event.data;
      if (!message || message.type !== 2) return handler(event);
      var parsed = parse(String(message.data));
      asked.push(parsed);
      return handler({ data: { type: 2, data: parsed.lunr } });
    }, options);
  };
  importScripts(new URL("javascripts/workers/" + name, location.href).href);
})();
