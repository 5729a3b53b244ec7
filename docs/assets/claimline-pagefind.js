// claimline: answer the Material search box from a Pagefind index (used for large corpora,
// where Material's single search_index.json would be tens of megabytes). Everything is
// fetched from this site: pagefind/pagefind.js loads only the index chunks a query needs.
// Every claim is its own result (speaker, date, outlet, its words; linked to its passage).
// Filters are typed in the box: speaker:ruiz outlet:"the gazette" topic:privacy year:2021
// (a value matches every filter value containing it); "quoted words" find that exact phrase.
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  if (!input || !list || !meta) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);
  var pagefind = null;
  var shown = { query: null, html: "", painted: null, meta: "", results: [], count: 0 };
  var PAGE = 10;
  var painting = false;
  var timer = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }
  var reader = new DOMParser();  // its documents run no script and load nothing
  // Titles and excerpts come from seeds: they go in as text, never as markup.
  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }
  function escapeAttribute(text) {
    return escapeText(text).replace(/"/g, "&quot;");
  }
  function plainText(fragment) {
    // Parsed inside <body>, where the spaces at either end of a fragment are text: parsed
    // alone, the spaces around each <mark> were dropped and the words ran together.
    return reader.parseFromString("<body>" + fragment, "text/html").body.textContent;
  }
  function excerpt(html) {
    // Pagefind excerpts are text (its own entities for < and >) with <mark> around matches:
    // rebuilt as escaped text, the only markup kept is <mark>.
    return html.split(/(<\/?mark>)/).map(function (part) {
      return part === "<mark>" || part === "</mark>" ? part : escapeText(plainText(part));
    }).join("");
  }
  function paint() {
    if (shown.query === null || input.value !== shown.query) return;
    painting = true;
    // Compared with the list as the browser wrote it back, not with our string: any text the
    // browser writes differently would otherwise repaint the list without end.
    if (shown.painted === null || list.innerHTML !== shown.painted) {
      list.innerHTML = shown.html;
      shown.painted = list.innerHTML;
    }
    if (meta.textContent !== shown.meta) meta.textContent = shown.meta;
    painting = false;
  }
  function item(d) {
    if (d.meta && d.meta.kind === "claim") return claimItem(d);
    return '<li class="md-search-result__item"><a href="' + escapeAttribute(d.url) + '" class="md-search-result__link" tabindex="-1">'
      + '<article class="md-search-result__article md-typeset"><div class="md-search-result__icon md-icon"></div>'
      + "<h1>" + escapeText((d.meta && d.meta.title) || d.url) + "</h1><p>" + excerpt(d.excerpt || "") + "</p></article></a></li>";
  }
  // A claim as Material shows one: its words as the heading (the matched words marked), then
  // who said them, when and where as chips; the link goes to its passage.
  function claimItem(d) {
    var meta = d.meta;
    var words = (meta.words || "").replace(/^\u201c|\u201d$/g, "");
    var marked = excerpt(d.excerpt || "");
    var shown = plainText(d.excerpt || "").trim();
    var at = shown ? words.indexOf(shown) : -1;
    var heading = (at > 0 ? "\u2026 " : "") + marked + (at >= 0 && at + shown.length < words.length ? " \u2026" : "");
    var quote = meta.words && meta.words.charAt(0) === "\u201c";
    var chips = [meta.speaker, meta.date, meta.outlet].filter(Boolean).map(function (fact) {
      return '<span class="md-tag">' + escapeText(fact) + "</span>";
    }).join("");
    return '<li class="md-search-result__item cl-search-claim"><a href="' + escapeAttribute(d.url) + '" class="md-search-result__link" tabindex="-1">'
      + '<article class="md-search-result__article md-typeset"><div class="md-search-result__icon md-icon"></div>'
      + "<h1>" + (quote ? "\u201c" + heading + "\u201d" : heading) + "</h1>"
      + '<nav class="md-tags">' + chips + "</nav></article></a></li>";
  }
  var query = self.claimlineQuery;  // claimline-query.js, loaded just before this script
  var matchKind = query.matchKind;
  // "speaker:ruiz year:2021 cloud" -> the words left to search, and each facet's typed values.
  function parse(text) {
    var found = query.typedFacets(text, function (value) { return value.toLowerCase(); });
    return { words: found.rest.trim(), typed: found.typed };
  }
  // Typed values -> Pagefind filters: for each typed value, the facet's values it matches
  // best (all facets must hold; within one, any of its values). Null when a facet matches nothing.
  function filtersFor(typed, known) {
    var filters = {};
    for (var facet in typed) {
      var values = [];
      typed[facet].forEach(function (t) {
        var all = Object.keys(known[facet] || {});
        var kinds = all.map(function (value) { return matchKind(value, t); });
        var best = Math.max.apply(null, kinds.concat([0]));
        if (best) all.forEach(function (value, i) { if (kinds[i] === best) values.push(value); });
      });
      if (!values.length) return null;
      filters[facet] = { any: values };
    }
    return filters;
  }
  function find(module, query) {
    var parsed = parse(query);
    if (!Object.keys(parsed.typed).length) return module.search(query);
    return module.filters().then(function (known) {
      var filters = filtersFor(parsed.typed, known);
      if (!filters) return { results: [] };
      return module.search(parsed.words || null, { filters: filters });
    });
  }
  // Load result data ten at a time, as Material does: each result costs one small fragment.
  function more(query) {
    var next = shown.results.slice(shown.count, shown.count + PAGE);
    if (!next.length) return Promise.resolve();
    shown.count += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (shown.query !== query) return;
      shown.html += data.map(item).join("");
      shown.painted = null;
      paint();
    });
  }
  function run(query) {
    if (!query.trim()) { shown.query = null; return; }
    load().then(function (module) { return find(module, query); }).then(function (search) {
      if (!search || input.value !== query) return;
      var n = search.results.length;
      shown = { query: query, html: "", painted: null, results: search.results, count: 0,
                meta: n === 0 ? "No matching documents" : n === 1 ? "1 matching document" : n + " matching documents" };
      paint();
      return more(query);
    });
  }
  var scroller = document.querySelector(".md-search__scrollwrap");
  if (scroller) {
    scroller.addEventListener("scroll", function () {
      if (shown.query !== null && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40) more(shown.query);
    });
  }
  // Material's own search (with an empty index here) repaints the list; paint ours back.
  var observer = new MutationObserver(function () { if (!painting) paint(); });
  observer.observe(list, { childList: true });
  observer.observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 100);
  });
})();
