// claimline: the timeline's filters. Local, same-origin data only, no dependencies.
// Without this script the timeline is the complete paginated list. With it, filters cover every
// claim: it reads data/timeline/facets.json (facet values), one list of positions per chosen
// value, and the items of the pages its results fall on. The filter lives in the URL's query,
// so a filtered view can be shared, reloaded, and walked with back and forward. Opened from
// disk (file://, where a page cannot read files), it filters the items of the page shown.
(function () {
  "use strict";
  var FACETS = ["speaker", "organisation", "outlet", "topic", "status", "type"];
  var SHOWN = 100; // results shown at a time
  var state = null;

  function setup() {
    var form = document.getElementById("cl-facets");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var url = form.dataset.facets;
    state = { form: form, url: url, root: url.slice(0, url.length - "data/timeline/facets.json".length),
              facets: null, values: {}, lists: {}, pages: {}, local: false, shown: SHOWN, results: [] };
    form.hidden = false;
    form.addEventListener("change", function () { state.shown = SHOWN; push(); apply(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { state.shown = SHOWN; push(); apply(); }, 0);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    document.getElementById("cl-more").addEventListener("click", function () { state.shown += SHOWN; show(); });
    window.addEventListener("popstate", function () {
      state.shown = SHOWN;
      named().then(function () { restore(); apply(); });
    });
    load().then(function () { restore(); apply(); });
  }

  // The facet data's summary (pages, years, how many values each facet has); each facet's
  // values are read when its control is first used, or at once when the URL names one, so
  // opening the page costs the same at any corpus size. Opened from disk, this page's items.
  function load() {
    return getJSON(state.url).then(function (data) {
      state.facets = data;
      state.values = {};
      FACETS.forEach(function (f) { field(f).closest(".cl-facet").hidden = data.facets[f] === 0; });
      // A reader reaching for the filters (pointer over them, or focus in them) gets every
      // facet's values, so a list is full by the time it opens.
      ["pointerover", "focusin"].forEach(function (type) {
        state.form.addEventListener(type, function () {
          FACETS.forEach(function (f) { if (data.facets[f]) values(f); });
        });
      });
      years(data.years.map(function (y) { return y[0]; }));
      return named();
    }, function () {
      state.local = true;
      var note = document.getElementById("cl-facet-note");
      note.textContent = "Opened from disk: the filters cover the claims on this page only. " +
        "Speaker, outlet and topic pages list every claim.";
      note.hidden = false;
      var found = {}, seen = {};
      FACETS.forEach(function (f) { found[f] = {}; });
      items().forEach(function (li) {
        FACETS.forEach(function (f) {
          (f === "topic" ? li.dataset.topic.split(" ") : [li.dataset[f]]).forEach(function (v) {
            if (v) found[f][v] = (found[f][v] || 0) + 1;
          });
        });
        if (li.dataset.date) seen[li.dataset.date.slice(0, 4)] = 1;
      });
      FACETS.forEach(function (f) {
        fill(f, Object.keys(found[f]).sort().map(function (v) { return [v, found[f][v], topicTitle(v, f)]; }));
      });
      years(Object.keys(seen).sort());
    });
  }

  // The values of the facets the URL names.
  function named() {
    var params = new URLSearchParams(location.search);
    return Promise.all(FACETS.filter(function (f) { return params.get(f); }).map(values));
  }

  // A facet's values: [[value, claims, label if not the value], ...] in reading order.
  function values(f) {
    if (state.local) return Promise.resolve([]);
    if (!state.values[f]) {
      state.values[f] = getJSON(state.root + "data/timeline/values-" + f + ".json").then(function (list) {
        var current = field(f).value;
        fill(f, list);
        field(f).value = current;
        return list;
      });
    }
    return state.values[f];
  }

  function topicTitle(slug, facet) {
    if (facet !== "topic") return undefined;
    var link = document.querySelector('#cl-timeline a.cl-topic[href*="/' + slug + '/"], #cl-timeline a.cl-topic[href$="' + slug + '.html"]');
    return link ? link.textContent : slug;
  }

  function fill(f, list) {
    var select = field(f);
    list.forEach(function (entry) { select.appendChild(new Option((entry[2] || entry[0]) + " (" + entry[1] + ")", entry[0])); });
    select.closest(".cl-facet").hidden = list.length === 0;
  }

  function years(list) {
    ["from", "to"].forEach(function (f) {
      list.forEach(function (y) { field(f).appendChild(new Option(y, y)); });
      field(f).closest(".cl-facet").hidden = list.length === 0;
    });
  }

  function field(name) { return document.getElementById("cl-facet-" + name); }

  function chosen() {
    var c = {};
    FACETS.concat(["from", "to"]).forEach(function (f) { if (field(f).value) c[f] = field(f).value; });
    return c;
  }

  function push() {
    var params = new URLSearchParams(), c = chosen();
    Object.keys(c).forEach(function (k) { params.set(k, c[k]); });
    var query = params.toString();
    try { history.pushState(null, "", location.pathname + (query ? "?" + query : "")); } catch (e) { /* file:// */ }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    FACETS.concat(["from", "to"]).forEach(function (f) {
      var v = params.get(f) || "", select = field(f);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === v; });
      select.value = known ? v : "";
    });
  }

  function items() { return Array.prototype.slice.call(document.querySelectorAll("#cl-timeline .cl-item")); }

  function apply() {
    var c = chosen(), active = Object.keys(c).length > 0;
    document.querySelectorAll(".cl-pager").forEach(function (p) { p.hidden = active && !state.local; });
    if (state.local) return applyLocal(c, active);
    var asked = state.asked = (state.asked || 0) + 1; // a later choice wins over a slower earlier one
    document.getElementById("cl-timeline").hidden = active;
    document.getElementById("cl-results").hidden = !active;
    if (!active) {
      document.getElementById("cl-more-p").hidden = true;
      announce("");
      return;
    }
    matching(c).then(function (positions) {
      if (asked !== state.asked) return;
      state.results = positions;
      show();
    }, function () { announce("The filter data could not be read."); });
  }

  // Positions matching every chosen value: the intersection of their lists and the year range.
  function matching(c) {
    var data = state.facets, wanted = FACETS.filter(function (f) { return c[f]; });
    return Promise.all(wanted.map(function (f) {
      return values(f).then(function (list) {
        var k = list.findIndex(function (e) { return e[0] === c[f]; });
        var path = "data/timeline/" + f + "/" + k + ".json";
        if (!state.lists[path]) state.lists[path] = getJSON(state.root + path);
        return state.lists[path];
      });
    })).then(function (lists) {
      var start = 0, end = data.total;
      if (c.from || c.to) {
        var years = data.years.filter(function (y) { return (!c.from || y[0] >= c.from) && (!c.to || y[0] <= c.to); });
        start = years.length ? years[0][1] : 0;
        end = years.length ? years[years.length - 1][2] : 0;
      }
      var result = null;
      lists.forEach(function (list) {
        if (result === null) { result = list; return; }
        var keep = new Set(list);
        result = result.filter(function (p) { return keep.has(p); });
      });
      if (result === null) { result = []; for (var p = start; p < end; p++) result.push(p); }
      return result.filter(function (p) { return p >= start && p < end; });
    });
  }

  function show() {
    var data = state.facets, wanted = state.results.slice(0, state.shown), asked = state.asked, shown = state.shown;
    var pages = [];
    wanted.forEach(function (p) { var k = Math.floor(p / data.per_page); if (pages.indexOf(k) < 0) pages.push(k); });
    Promise.all(pages.map(function (k) {
      if (!state.pages[k]) state.pages[k] = getJSON(state.root + "data/timeline/items-" + k + ".json");
      return state.pages[k];
    })).then(function () {
      return Promise.all(wanted.map(function (p) {
        return state.pages[Math.floor(p / data.per_page)].then(function (list) { return list[p % data.per_page]; });
      }));
    }).then(function (records) {
      if (asked !== state.asked || shown !== state.shown) return; // the filter changed meanwhile
      render(records);
      var total = state.results.length;
      document.getElementById("cl-more-p").hidden = total <= state.shown;
      announce(count(total) + (total > state.shown ? ", the first " + Math.min(state.shown, total) + " shown" : ""));
    });
  }

  function count(n) {
    return (n === 1 ? "1 claim matches" : n + " claims match") + " these filters (of " + state.facets.total + ")";
  }

  function announce(message) { document.getElementById("cl-count").textContent = message; }

  // Results grouped by year and month like the pages; every value set as text, never as HTML.
  function render(records) {
    var box = document.getElementById("cl-results");
    box.textContent = "";
    var list = null, heading = null;
    records.forEach(function (r) {
      var group = r.date ? r.date.slice(0, 7) : "undated";
      if (group !== heading) {
        heading = group;
        var h = el("h3", "cl-month-h", r.date ? monthLabel(r.date) : "Undated");
        box.appendChild(h);
        list = el("ol", "cl-rows");
        box.appendChild(list);
      }
      list.appendChild(item(r));
    });
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  function monthLabel(date) {
    return date.length >= 7 ? MONTHS[parseInt(date.slice(5, 7), 10) - 1] + " " + date.slice(0, 4) : date.slice(0, 4);
  }

  function item(r) {
    var li = el("li", "cl-row cl-item");
    li.dataset.speaker = r.speaker || "";
    li.dataset.outlet = r.outlet || "";
    li.dataset.date = r.date || "";
    li.dataset.topic = r.topics.map(function (t) { return t[0]; }).join(" ");
    var dot = el("span", "cl-dot"); dot.setAttribute("aria-hidden", "true"); li.appendChild(dot);
    var when = el("div", "cl-when"); when.appendChild(timeTag(r.date, r.when)); li.appendChild(when);
    var what = el("div", "cl-what");
    var who = el("p", "cl-who");
    who.appendChild(link(r.speaker_url, r.speaker || "unknown speaker"));
    if (r.role) who.appendChild(el("span", "cl-role", ", " + r.role));
    who.appendChild(document.createTextNode(" · "));
    who.appendChild(r.outlet ? link(r.outlet_url, r.outlet) : el("span", "cl-unknown", "unknown outlet"));
    if (r.type) who.appendChild(el("span", "cl-outlet-type", " (" + r.type + ")"));
    if (r.status) { var s = el("span", "cl-status", r.status); s.dataset.status = r.status; who.appendChild(document.createTextNode(" ")); who.appendChild(s); }
    what.appendChild(who);
    var claim = el("p", "cl-claim-text");
    claim.appendChild(el(r.quote ? "q" : "span", r.quote ? "" : "cl-reported", r.text));
    what.appendChild(claim);
    what.appendChild(el("p", "cl-dates", r.dates));
    var links = el("p", "cl-links");
    links.appendChild(link(r.passage, "read the passage"));
    links.appendChild(document.createTextNode(" · "));
    var src = link(r.source_url, r.source); src.className = "cl-source-link"; links.appendChild(src);
    if (r.reports > 1) links.appendChild(document.createTextNode(" · reported by " + r.reports + " sources"));
    what.appendChild(links);
    if (r.topics.length) {
      var topics = el("p", "cl-topics");
      r.topics.forEach(function (t, i) {
        if (i) topics.appendChild(document.createTextNode(" "));
        var a = link(t[2], t[1]); a.className = "cl-topic"; topics.appendChild(a);
      });
      what.appendChild(topics);
    }
    li.appendChild(what);
    return li;
  }

  function timeTag(date, label) {
    if (!date) return el("span", "cl-undated", "undated");
    var t = el("time", "", label); t.setAttribute("datetime", date); return t;
  }

  function link(url, label) {
    if (!url) return document.createTextNode(label);
    var a = el("a", "", label); a.href = state.root + url; return a;
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  // Opened from disk: show and hide this page's own items.
  function applyLocal(c, active) {
    var shown = 0;
    items().forEach(function (li) {
      var ok = FACETS.every(function (f) {
        if (!c[f]) return true;
        return f === "topic" ? (" " + li.dataset.topic + " ").indexOf(" " + c[f] + " ") >= 0 : li.dataset[f] === c[f];
      });
      var year = li.dataset.date.slice(0, 4);
      if ((c.from || c.to) && (!year || (c.from && year < c.from) || (c.to && year > c.to))) ok = false;
      li.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll("#cl-timeline section").forEach(function (section) {
      section.hidden = !section.querySelector(".cl-item:not([hidden])");
      section.querySelectorAll("ol.cl-rows").forEach(function (ol) {
        var h = ol.previousElementSibling;
        var none = !ol.querySelector(".cl-item:not([hidden])");
        ol.hidden = none;
        if (h && h.tagName === "H3") h.hidden = none;
      });
    });
    announce(active ? (shown === 1 ? "1 claim on this page matches" : shown + " claims on this page match") + " these filters" : "");
  }

  function getJSON(url) {
    if (location.protocol === "file:") return Promise.reject(new Error("file://"));
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
