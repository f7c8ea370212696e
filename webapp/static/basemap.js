// The built-in basemap (Natural Earth borders and rivers), drawn under the markers so the map
// reads without any tile server. The app fetches it as encoded polylines; the HTML export inlines it.
(function () {
  "use strict";
  var CM = window.ConflictMap;

  // Standard encoded polylines (latitude first; geodata/geo/polyline.py) to GeoJSON [lon, lat] pairs.
  function decodeLine(text, precision) {
    var factor = Math.pow(10, precision), coords = [], values = [], shift = 0, result = 0, i, lat = 0, lon = 0;
    for (i = 0; i < text.length; i++) {
      var b = text.charCodeAt(i) - 63;
      result |= (b & 0x1f) << shift;
      shift += 5;
      if (b < 0x20) { values.push(result & 1 ? ~(result >> 1) : result >> 1); shift = 0; result = 0; }
    }
    for (i = 0; i + 1 < values.length; i += 2) {
      lat += values[i]; lon += values[i + 1];
      coords.push([lon / factor, lat / factor]);
    }
    return coords;
  }

  // Natural Earth cuts Russia and Fiji at ±180°: a ring that jumps across the map would draw a band
  // from one edge to the other, so each ring is made continuous (it may then run past 180°).
  function unwrapRing(ring) {
    var shift = 0, out = [], i;
    for (i = 0; i < ring.length; i++) {
      var lon = ring[i][0] + shift;
      if (i && lon - out[i - 1][0] > 180) { shift -= 360; lon -= 360; }
      else if (i && lon - out[i - 1][0] < -180) { shift += 360; lon += 360; }
      out.push([lon, ring[i][1]]);
    }
    return out;
  }

  function unwrapPolygons(collection) {
    collection.features.forEach(function (f) {
      var g = f.geometry;
      if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
      if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(function (p) { return p.map(unwrapRing); });
    });
    return collection;
  }

  function decodeLayer(layer) {
    return {
      type: "FeatureCollection",
      features: layer.features.map(function (f) {
        var parts = f.parts.map(function (part) {
          return part.map(function (line) { return decodeLine(line, layer.precision); });
        });
        var geometry = f.type === "Polygon"
          ? { type: "MultiPolygon", coordinates: parts }
          : { type: "MultiLineString", coordinates: [].concat.apply([], parts) };
        return { type: "Feature", properties: { name: f.name }, geometry: geometry };
      }),
    };
  }

  // Start the download early (it runs while the markers are built); the export's inline copy needs none.
  CM.loadBasemap = function (url) {
    var inline = CM.readJSON("map-basemap");
    return inline ? Promise.resolve(inline) : CM.getJSON(url);
  };

  CM.drawBasemap = function (map, loading, control) {
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150; // under the tiles (200): tiles cover it when they load
    return loading.then(function (base) {
      if (base.format === "polyline") base = { countries: decodeLayer(base.countries), rivers: decodeLayer(base.rivers) };
      // a quiet reference map: pale land, thin grey borders, soft rivers, so the markers stand out
      var countries = L.geoJSON(unwrapPolygons(base.countries), {
        pane: "basemap", interactive: false, className: "basemap-land",
        style: { color: "#b5aea3", weight: 0.8, fillColor: "#f3f1ec", fillOpacity: 1 },
      }).addTo(map);
      var rivers = L.geoJSON(base.rivers, {
        pane: "basemap", interactive: false, className: "basemap-river", style: { color: "#7fa7d1", weight: 1.6 },
      }).addTo(map);
      control.addOverlay(countries, "Borders (Natural Earth)");
      control.addOverlay(rivers, "Rivers (Natural Earth)");
    });
  };
})();
