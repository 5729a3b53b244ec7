// claimline: timeline filters and claim highlighting. Local, no network, no dependencies.
(function () {
  "use strict";
  function setup() {
    // Material's search dialog has no accessible name; give it one.
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    var form = document.getElementById("cl-filters");
    if (form) {
      form.hidden = false;
      var topic = document.getElementById("cl-filter-topic");
      var speaker = document.getElementById("cl-filter-speaker");
      var apply = function () {
        var shown = 0;
        document.querySelectorAll("#cl-timeline .cl-row").forEach(function (row) {
          var okTopic = !topic.value || (" " + row.dataset.topics + " ").indexOf(" " + topic.value + " ") >= 0;
          var okSpeaker = !speaker.value || ("|" + row.dataset.speakers + "|").indexOf("|" + speaker.value + "|") >= 0;
          row.hidden = !(okTopic && okSpeaker);
          if (!row.hidden) shown++;
        });
        document.querySelectorAll("#cl-timeline section").forEach(function (section) {
          section.hidden = !section.querySelector(".cl-row:not([hidden])");
        });
        document.getElementById("cl-empty").hidden = shown > 0;
      };
      topic.addEventListener("change", apply);
      speaker.addEventListener("change", apply);
    }
    highlight();
  }
  // Mark every part of a passage that runs over paragraphs, not only the :target one.
  function highlight() {
    document.querySelectorAll("mark.cl-active").forEach(function (m) { m.classList.remove("cl-active"); });
    var m = /^#claim-(\d+)$/.exec(location.hash);
    if (!m) return;
    document.querySelectorAll('mark.cl-passage[data-claim="' + m[1] + '"]').forEach(function (el) {
      el.classList.add("cl-active");
    });
  }
  window.addEventListener("hashchange", highlight);
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
