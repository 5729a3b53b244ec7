// claimline: claim highlighting, old and stale claim links, copying a citation.
// Local, no network, no dependencies. Everything here also works without it, less comfortably:
// anchors scroll and the style sheet highlights the passage; the citation is selectable text.
(function () {
  "use strict";
  function setup() {
    // Material's search dialog has no accessible name; give it one.
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    citations();
    highlight();
  }

  // The claim an anchor stands for: its own (a passage, a card of a claim not found in the
  // text), an old positional anchor kept where it lands now, or, for a content anchor whose
  // words' hash has changed since it was published, the one claim with the same first words.
  function claimOf(id) {
    var el = document.getElementById(id);
    if (el) return { el: el, claim: el.dataset.claim || null };
    var words = /^(claim-.+)-[0-9a-f]{6}(-[0-9]+)?$/.exec(id);
    if (!words) return null;
    var same = [];
    document.querySelectorAll("[data-claim]").forEach(function (x) {
      var c = x.dataset.claim;
      if (c.indexOf(words[1] + "-") === 0 && /^[0-9a-f]{6}(-[0-9]+)?$/.test(c.slice(words[1].length + 1)) &&
          same.indexOf(c) < 0) same.push(c);
    });
    if (same.length !== 1) return null;
    return { el: document.getElementById(same[0]) || document.getElementById(same[0] + "-card"), claim: same[0], stale: true };
  }

  // Mark every part of the passage landed on (and its label), not only the :target one.
  function highlight() {
    document.querySelectorAll(".cl-active").forEach(function (m) { m.classList.remove("cl-active"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^claim-/.test(id)) return;
    var found = claimOf(id);
    if (!found || !found.claim) return;
    var claim = found.el && found.el.dataset.within ? found.el.dataset.within : found.claim;
    var parts = document.querySelectorAll('mark.cl-passage[data-claim="' + claim + '"]');
    parts.forEach(function (el) { el.classList.add("cl-active"); });
    if (!parts.length && document.getElementById(claim)) document.getElementById(claim).classList.add("cl-active");
    var label = parts.length ? parts[0].nextElementSibling : null;
    if (label && label.classList.contains("cl-landing")) {
      label.classList.add("cl-active");
    }
    if (found.stale && found.el) found.el.scrollIntoView({ block: "center" });
  }

  // Citations: a copy button where the Clipboard API is available; without site_url, the
  // site-relative URL made absolute from this page's own address.
  function citations() {
    document.querySelectorAll("textarea.cl-cite-text[data-relative]").forEach(function (area) {
      var here = location.href.split("#")[0];
      var tail = area.value.lastIndexOf(" ");
      area.value = area.value.slice(0, tail + 1) + here + "#" + area.dataset.anchor;
      area.removeAttribute("data-relative");
    });
    if (!navigator.clipboard || !window.isSecureContext) return;
    document.querySelectorAll("button.cl-copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var area = document.getElementById(button.dataset.copy);
        var status = button.nextElementSibling;
        navigator.clipboard.writeText(area.value).then(function () {
          status.textContent = "Copied.";
        }, function () {
          area.select();
          status.textContent = "Press Ctrl+C (⌘C) to copy the selected citation.";
        });
      });
    });
  }

  window.addEventListener("hashchange", highlight);
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
