// Main map filters: by article, and by event time with a begin/end range and a histogram of passages.
// A passage's event time is its resolved event date range (see geodata/events/timeparse.py), which falls back
// to the publication date; a passage shows when its range overlaps the chosen months.
(function () {
  "use strict";
  var CM = window.ConflictMap, MONTHS = CM.MONTHS;
  var MAX_BARS = 60;

  function monthIndex(iso) { var p = iso.split("-"); return (+p[0]) * 12 + (+p[1]) - 1; }
  function monthLabel(i) { return MONTHS[i % 12] + " " + Math.floor(i / 12); }
  function monthStart(i) { return Math.floor(i / 12) + "-" + String(i % 12 + 1).padStart(2, "0") + "-01"; }
  function monthEnd(i) { return Math.floor(i / 12) + "-" + String(i % 12 + 1).padStart(2, "0") + "-31"; }
  function eventOf(p) { return p.time && p.time.start ? p.time : { start: p.published, end: p.published }; }

  function node(tag, attrs, text) { return CM.el(tag, attrs, text == null ? [] : [text]); }

  document.addEventListener("conflictmap:init", function (event) {
    var api = event.detail.api;
    if (api.config.article) return; // the reading view shows one article, untimed

    var passages = [];
    api.features.forEach(function (f) { (f.properties.passages || []).forEach(function (p) { passages.push(p); }); });
    if (!passages.length) return;
    var lo = Infinity, hi = -Infinity;
    passages.forEach(function (p) {
      var e = eventOf(p);
      lo = Math.min(lo, monthIndex(e.start));
      hi = Math.max(hi, monthIndex(e.start), monthIndex(e.end));
    });
    var state = { begin: lo, end: hi, article: "" };

    // --- the time control, a Leaflet control at the bottom left of the map
    var TimeControl = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = node("div", { class: "time-control leaflet-bar", role: "group", "aria-labelledby": "time-label" });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        box.appendChild(node("div", { id: "time-label", class: "time-label" }, "Event time"));
        var bars = node("div", { class: "time-histogram", "aria-hidden": "true" });
        // at most MAX_BARS bars, each one or more months, so any range fits the control's width
        var per = Math.ceil((hi - lo + 1) / MAX_BARS), counts = [];
        for (var i = lo; i <= hi; i += per) counts.push(0);
        passages.forEach(function (p) { counts[Math.floor((monthIndex(eventOf(p).start) - lo) / per)] += 1; });
        var most = Math.max.apply(null, counts);
        counts.forEach(function (c, i) {
          var first = lo + i * per, last = Math.min(first + per - 1, hi);
          var when = per === 1 ? monthLabel(first) : monthLabel(first) + " – " + monthLabel(last);
          var bar = node("span", { class: "time-bar", title: when + ": " + c + " passage" + (c === 1 ? "" : "s") });
          bar.style.height = (c ? Math.max(8, Math.round(100 * c / most)) : 0) + "%";
          bars.appendChild(bar);
        });
        box.appendChild(bars);
        [["begin", "From"], ["end", "To"]].forEach(function (pair) {
          var label = node("label", { class: "time-row" });
          label.appendChild(node("span", {}, pair[1]));
          var input = node("input", {
            type: "range", id: "time-" + pair[0], min: String(lo), max: String(hi), step: "1",
            value: String(state[pair[0]]), "aria-label": pair[1] + " month",
          });
          input.addEventListener("input", function () {
            var v = +input.value;
            if (pair[0] === "begin" && v > state.end) { v = state.end; input.value = String(v); }
            if (pair[0] === "end" && v < state.begin) { v = state.begin; input.value = String(v); }
            state[pair[0]] = v;
            apply();
          });
          input.addEventListener("change", frameShown); // on release: the map frames what the range leaves
          label.appendChild(input);
          box.appendChild(label);
        });
        box.appendChild(node("output", { id: "time-range", class: "time-range", "aria-live": "polite" }));
        return box;
      },
    });
    new TimeControl().addTo(api.map);

    // --- the article filter, in the sidebar above the place list
    var select = document.getElementById("article-filter");
    if (select) select.addEventListener("change", function () { state.article = select.value; apply(); frameShown(); });

    // frame the places the filters leave, so a choice never leaves the reader on an empty map
    function frameShown() { api.frame(api.visible()); }

    function apply() {
      var from = monthStart(state.begin), to = monthEnd(state.end);
      var all = state.begin === lo && state.end === hi && !state.article;
      var shown = 0;
      function pass(p) {
        var e = eventOf(p);
        return e.start <= to && e.end >= from && (!state.article || p.article === state.article);
      }
      passages.forEach(function (p) { if (pass(p)) shown += 1; });
      api.setPredicate("time", all ? null : pass);
      var places = api.visible().length;
      document.getElementById("time-range").textContent =
        monthLabel(state.begin) + " – " + monthLabel(state.end) + " · " + shown + " of " + passages.length + " passages, " +
        places + " place" + (places === 1 ? "" : "s");
    }
    apply();
  });
})();
