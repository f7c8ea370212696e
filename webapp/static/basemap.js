// The built-in basemap (Natural Earth borders and rivers), drawn under the markers so the map
// reads without any tile server. The app fetches it as encoded polylines; the HTML export inlines it.
(function () {
  "use strict";
  var CM = window.ConflictMap;

  // Encoded polylines (geodata/geo/polyline.py) back to [lon, lat] pairs.
  function decodeLine(text, precision) {
    var factor = Math.pow(10, precision), coords = [], values = [], shift = 0, result = 0, i, x = 0, y = 0;
    for (i = 0; i < text.length; i++) {
      var b = text.charCodeAt(i) - 63;
      result |= (b & 0x1f) << shift;
      shift += 5;
      if (b < 0x20) { values.push(result & 1 ? ~(result >> 1) : result >> 1); shift = 0; result = 0; }
    }
    for (i = 0; i + 1 < values.length; i += 2) {
      x += values[i]; y += values[i + 1];
      coords.push([x / factor, y / factor]);
    }
    return coords;
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
      var countries = L.geoJSON(base.countries, {
        pane: "basemap", interactive: false,
        style: { color: "#8a8a8a", weight: 1, fillColor: "#f1efe9", fillOpacity: 1 },
      }).addTo(map);
      var rivers = L.geoJSON(base.rivers, {
        pane: "basemap", interactive: false, style: { color: "#5b8fc7", weight: 2 },
      }).addTo(map);
      control.addOverlay(countries, "Borders (Natural Earth)");
      control.addOverlay(rivers, "Rivers (Natural Earth)");
    });
  };
})();
