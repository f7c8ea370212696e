// Labels of the built-in basemap: country names, main cities and named rivers as DOM text (readable
// by screen readers and tests), from geodata/data/labels.json (Natural Earth, GeoNames). A label
// is drawn from its own zoom on, bigger as the reader zooms in, and left out where it would overlap
// one drawn before it (countries, then capitals, rivers, then cities by population). Countries are
// named in the reader's language through the browser's own CLDR names (Intl.DisplayNames).
(function () {
  "use strict";
  var CM = window.ConflictMap;
  var MAX_LABELS = 160; // a map covered in names stops being readable long before this

  function regionNames() {
    try {
      var names = new Intl.DisplayNames(navigator.languages || [navigator.language], { type: "region" });
      return { of: function (iso) { return names.of(iso); }, lang: names.resolvedOptions().locale };
    } catch (e) { return null; }
  }

  function candidates(data, z, names) {
    var out = [];
    if (z <= 8) data.countries.forEach(function (c) {
      if (z < c[4]) return;
      var local = names && names.of(c[0]);
      var grow = Math.min(z - c[4], 3);
      out.push({ text: local && local !== c[0] ? local : c[1], lang: local ? names.lang : "en", lat: c[2], lon: c[3],
                 cls: "label-country", size: (c[4] <= 2 ? 13 : 11) + grow * 1.5, });
    });
    data.cities.forEach(function (c) {
      if (z >= c[3] && c[4]) out.push({ text: c[0], lat: c[1], lon: c[2], cls: "label-city label-capital", size: z >= 6 ? 14 : 12.5, dot: 6 });
    });
    data.rivers.forEach(function (r) {
      if (z >= r[5]) out.push({ text: r[0], lat: r[1], lon: r[2], lat2: r[3], lon2: r[4], cls: "label-river", size: 12 + Math.min(z - r[5], 3) });
    });
    data.cities.forEach(function (c) {
      if (z >= c[3] && !c[4]) out.push({ text: c[0], lat: c[1], lon: c[2], cls: "label-city", size: z >= 7 ? 12.5 : 11.5, dot: 3 });
    });
    return out;
  }

  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) return true;
    }
    return false;
  }

  var Labels = L.Layer.extend({
    initialize: function (data) { this._data = data; this._names = regionNames(); },

    onAdd: function (map) {
      if (!map.getPane("labels")) {
        map.createPane("labels");
        map.getPane("labels").style.zIndex = 360; // over the basemap and context lines, under areas and markers
      }
      this._box = L.DomUtil.create("div", "basemap-labels", map.getPane("labels"));
      map.on("zoomstart", this._hide, this);
      map.on("moveend", this._render, this);
      this._render();
    },

    onRemove: function (map) {
      map.off("zoomstart", this._hide, this);
      map.off("moveend", this._render, this);
      L.DomUtil.remove(this._box);
    },

    _hide: function () { this._box.style.visibility = "hidden"; },

    // The width of a name as drawn, measured once per text and size (estimates miss letter-spacing).
    _width: function (node, key) {
      this._widths = this._widths || {};
      if (!(key in this._widths)) this._widths[key] = node.getBoundingClientRect().width;
      return this._widths[key];
    },

    _render: function () {
      var map = this._map, z = map.getZoom(), size = map.getSize(), centre = map.getCenter().lng;
      var placed = [], box = this._box, self = this;
      box.textContent = "";
      candidates(this._data, z, this._names).some(function (c) {
        var lon = c.lon + 360 * Math.round((centre - c.lon) / 360); // the world copy in view
        var p = map.latLngToContainerPoint([c.lat, lon]);
        if (p.x < -200 || p.y < -50 || p.x > size.x + 200 || p.y > size.y + 50) return false;
        var node = CM.el("div", { class: "map-label " + c.cls, text: c.text });
        if (c.lang) node.setAttribute("lang", c.lang);
        node.style.fontSize = c.size + "px";
        box.appendChild(node);
        var w = self._width(node, c.cls + c.size + c.text) + 4, h = c.size * 1.25;
        var turn = 0;
        if (c.lat2 !== undefined) {
          var q = map.latLngToContainerPoint([c.lat2, c.lon2 + (lon - c.lon)]);
          turn = Math.atan2(q.y - p.y, q.x - p.x) * 180 / Math.PI;
          if (turn > 90) turn -= 180; else if (turn < -90) turn += 180;
          var r = Math.abs(turn) * Math.PI / 180, rw = w * Math.cos(r) + h * Math.sin(r);
          h = w * Math.sin(r) + h * Math.cos(r);
          w = rw;
        }
        // a city's dot sits on the city, its name to the right; other names are centred on their point
        var left = c.dot ? p.x - c.dot : p.x - w / 2;
        var rect = { x1: left, x2: left + w, y1: p.y - h / 2, y2: p.y + h / 2 };
        if (rect.x2 < 0 || rect.y2 < 0 || rect.x1 > size.x || rect.y1 > size.y || overlaps(rect, placed)) {
          box.removeChild(node);
          return false;
        }
        placed.push(rect);
        var at = map.latLngToLayerPoint([c.lat, lon]);
        node.style.transform = "translate(" + Math.round(at.x) + "px," + Math.round(at.y) + "px) translate(" +
          (c.dot ? -c.dot + "px" : "-50%") + ",-50%)" + (turn ? " rotate(" + turn.toFixed(1) + "deg)" : "");
        return placed.length >= MAX_LABELS;
      });
      box.style.visibility = "";
    },
  });

  // Fetch the labels and add them to the map and the layer control; a page without them still works.
  CM.drawLabels = function (map, url, control) {
    if (!url) return Promise.resolve(null);
    return CM.getJSON(url).then(function (data) {
      var layer = new Labels(data).addTo(map);
      control.addOverlay(layer, "Place names (Natural Earth, GeoNames)");
      return layer;
    });
  };
})();
