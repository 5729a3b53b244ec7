// claimline: how the search box's query is read, shared by the Pagefind page script
// (claimline-pagefind.js, loaded before it) and the Material search worker
// (claimline-search-worker.js, by importScripts): the facet filters a reader types
// (speaker:ruiz outlet:"the gazette" topic:privacy year:2021 status:kept) and how a typed
// value matches a facet's value.
(function (scope) {
  "use strict";
  var FACET = /(^|\s)(speaker|outlet|topic|year|status):(?:"([^"]*)"?|(\S*))/gi;
  // The query without its filters, and each facet's typed values (each put through `fold`).
  function typedFacets(query, fold) {
    var typed = {};
    var rest = query.replace(FACET, function (all, space, facet, quoted, bare) {
      var value = fold(quoted !== undefined ? quoted : bare).trim();
      if (value) (typed[facet.toLowerCase()] = typed[facet.toLowerCase()] || []).push(value);
      return space;
    });
    return { rest: rest, typed: typed };
  }
  function wordsOf(text) {
    return String(text).toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  }
  // How a typed filter value matches a facet value: 2 = as whole words ("lind" in "Ada Lind"),
  // 1 = as the beginnings of words ("kowal" in "Jan Kowalski"), 0 = not at all. Where some
  // value matches as whole words, only those are taken: "speaker:lind" is not Lindqvist Group.
  function matchKind(value, typed) {
    var v = wordsOf(value), t = wordsOf(typed), best = 0;
    for (var i = 0; t.length && i + t.length <= v.length; i++) {
      var whole = true, begins = true;
      for (var j = 0; j < t.length; j++) {
        whole = whole && v[i + j] === t[j];
        begins = begins && v[i + j].indexOf(t[j]) === 0;
      }
      best = Math.max(best, whole ? 2 : begins ? 1 : 0);
    }
    return best;
  }
  scope.claimlineQuery = { typedFacets: typedFacets, matchKind: matchKind };
})(self);
