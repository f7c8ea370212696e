// Events on the map: marker symbols by ACLED event type (with a legend), the event/background switch
// (events by default), a type filter beside the time filter, and fatalities summed per place over the
// passages the filters let through. A passage is an event passage for a place when one of that place's
// mentions in it has role "event" (geodata/events/roles.py); its type is passage.event.type.
(function () {
  "use strict";
  var CM = window.ConflictMap, el = CM.el;

  // Each type has a letter on its symbol, so a type never rests on colour alone; the colours (app.css,
  // .event-B ...) are Okabe–Ito's, safe for the common colour-vision deficiencies.
  CM.EVENT_TYPES = [
    { type: "Battles", short: "B" },
    { type: "Explosions/Remote violence", short: "E" },
    { type: "Violence against civilians", short: "V" },
    { type: "Protests", short: "P" },
    { type: "Riots", short: "R" },
    { type: "Strategic developments", short: "S" },
  ];
  var BACKGROUND = { type: "Background only", short: "·", css: "bg" };
  function cssOf(kind) { return "event-" + (kind.css || kind.short); }

  // Is this passage an event at this place? Without roles (an old export) every mention counts.
  CM.isEventAt = function (passage, slug) {
    var spans = (passage.mentions || []).filter(function (m) { return !m.place || m.place === slug; });
    if (!spans.length || spans[0].role === undefined) return true;
    return spans.some(function (m) { return m.role === "event"; });
  };

  // The place's main event type: the most frequent among its event passages (first in ACLED order on ties).
  function mainType(passages, slug) {
    var counts = {};
    passages.forEach(function (p) {
      if (p.event && p.event.type && CM.isEventAt(p, slug)) counts[p.event.type] = (counts[p.event.type] || 0) + 1;
    });
    var best = null;
    CM.EVENT_TYPES.forEach(function (t) { if (counts[t.type] && (!best || counts[t.type] > counts[best.type])) best = t; });
    return best;
  }

  CM.fatalitiesAt = function (passages, slug) {
    var sum = 0, stated = 0;
    passages.forEach(function (p) {
      if (p.event && typeof p.event.fatalities === "number" && CM.isEventAt(p, slug)) { sum += p.event.fatalities; stated += 1; }
    });
    return { sum: sum, stated: stated };
  };

  // What the shapes say about precision: a key under the event types (the symbols are drawn by CSS).
  CM.markerKey = function () {
    var key = el("details", { class: "marker-key" }, [el("summary", { text: "Marker key: precision" })]);
    var list = el("ul", { class: "marker-key-list" });
    [["key-town", "Round symbol or pin: an exact town or village (precision 1)"],
     ["key-area", "Dashed square and shaded area: a region or country the text names whole (precision 2–3)"],
     ["key-river", "Blue line: a river named in an article"],
     ["key-doubt", "Dashed brown ring with “?”: the geoparser is unsure; the popup says why and what else it could be"],
     ["key-cluster", "Green circle with a number: several places; click or press Enter to zoom in"]].forEach(function (row) {
      list.appendChild(el("li", {}, [el("span", { class: "key-symbol " + row[0], "aria-hidden": "true" }), row[1]]));
    });
    key.appendChild(list);
    return key;
  };

  // the letters are this file's constants, never article text
  function symbol(kind, area, doubtful) {
    return L.divIcon({
      // a doubtful place keeps its event letter but is drawn as a question (markers.js, corrections.js)
      className: "event-marker " + cssOf(kind) + (area ? " event-area" : "") + (doubtful ? " uncertain-marker" : ""),
      html: kind.short + (doubtful ? "?" : ""), iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -10],
    });
  }

  document.addEventListener("conflictmap:init", function (event) {
    var api = event.detail.api;
    var features = api.features.filter(function (f) { return f.properties.passages; });
    if (!features.length) return;
    // the map shows events by default; the reading view of one article shows every place it names
    var state = { background: !!api.config.article, types: {} };
    // a shared link to a place named only in background (/place/raqqa) shows it: the reader asked for it
    var opened = api.config.open && features.filter(function (f) { return f.id === api.config.open; })[0];
    if (opened && !opened.properties.passages.some(function (p) { return CM.isEventAt(p, opened.id); })) state.background = true;
    CM.EVENT_TYPES.forEach(function (t) { state.types[t.type] = true; });

    // --- symbols: restyled whenever a marker is (re)added, since clustering re-creates its element
    features.forEach(function (f) {
      var marker = api.markers[f.id];
      if (!marker) return;
      var kind = mainType(f.properties.passages, f.id) ||
        (f.properties.passages.some(function (p) { return CM.isEventAt(p, f.id); }) ? null : BACKGROUND);
      if (!kind) return;
      marker.setIcon(symbol(kind, f.properties.precision !== 1, CM.isUncertainPlace && CM.isUncertainPlace(f)));
      marker.options.eventType = kind.type;
      // a symbol is a <div>, not an <img>: keep the place name as its alt and accessible name, like the pins
      function label() {
        var node = marker.getElement();
        node.setAttribute("data-event-type", kind.type);
        node.setAttribute("alt", f.properties.name);
        node.setAttribute("aria-label", f.properties.name + " (" + kind.type + ")");
      }
      marker.on("add", label);
      if (marker.getElement()) label();
    });

    // --- the legend and the filters, a control beside the time filter
    var Legend = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", { class: "event-control leaflet-bar", role: "group", "aria-labelledby": "event-legend-title" });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        box.appendChild(el("div", { id: "event-legend-title", class: "time-label" }, ["Event type"]));
        CM.EVENT_TYPES.concat([BACKGROUND]).forEach(function (t) {
          var row = el("label", { class: "event-row" });
          var box_ = el("input", { type: "checkbox", "data-event-type": t.type });
          box_.checked = t === BACKGROUND ? state.background : true;
          box_.addEventListener("change", function () {
            if (t === BACKGROUND) state.background = box_.checked; else state.types[t.type] = box_.checked;
            apply();
          });
          var swatch = el("span", { class: "event-swatch " + cssOf(t), "aria-hidden": "true", text: t.short });
          row.appendChild(box_);
          row.appendChild(swatch);
          row.appendChild(el("span", { text: t === BACKGROUND ? "Background mentions" : t.type }));
          box.appendChild(row);
        });
        box.appendChild(CM.markerKey());
        return box;
      },
    });
    new Legend().addTo(api.map);

    // A passage passes when it is an event of a chosen type at some place it names, or when background is on.
    function pass(p) {
      var slug = p._place;
      if (!CM.isEventAt(p, slug)) return state.background;
      var type = p.event && p.event.type;
      return !type || state.types[type] !== false;
    }
    features.forEach(function (f) { f.properties.passages.forEach(function (p) { p._place = f.id; }); });
    function apply() { api.setPredicate("events", pass); }
    apply();
  });
})();
