// Geography around the markers: context layers (admin-1 regions, the Syria–Iraq border), the areas
// that region- and country-level places stand for, and a measure tool. Runs on app.js's
// "conflictmap:init" event; every layer is listed in the layer control. Names reach the page as text.
(function () {
  "use strict";

  function addAreas(api) {
    // Precision 2–3 places (a province, a country) are areas, not points: draw the area, and say so on hover.
    var areas = L.layerGroup(), areaOf = {};
    api.features.forEach(function (f) {
      var p = f.properties;
      if (!p.area || p.precision === 1) return;
      var why = p.name + ": the text names the whole " + p.kind + ", so it is drawn as an area, not as a town's pin";
      areaOf[f.id] = L.geoJSON(p.area, { className: "place-area place-area-" + p.kind, style: { weight: 1.5, fillOpacity: 0.08 } })
        .bindTooltip(document.createTextNode(why), { sticky: true }) // names are text, never HTML
        .on("click", function () { api.openPlace(f.id); })
        .addTo(areas);
    });
    // an area and its outline go with its marker when a filter hides the place
    document.addEventListener("conflictmap:filtered", function (e) {
      Object.keys(areaOf).forEach(function (id) {
        if (e.detail.visible[id]) areas.addLayer(areaOf[id]); else areas.removeLayer(areaOf[id]);
      });
    });
    areas.addTo(api.map);
    api.control.addOverlay(areas, "Areas of regions and countries named");
  }

  function addContext(api) {
    return window.ConflictMap.getJSON(api.config.regions).then(function (layers) {
      api.map.createPane("context");
      api.map.getPane("context").style.zIndex = 350; // above tiles, under markers and areas
      var admin1 = L.geoJSON(layers.admin1, {
        pane: "context", className: "admin1-line",
        style: { color: "#9a6b3f", weight: 1, dashArray: "4 3", fill: false },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(document.createTextNode(feature.properties.name + " (" + feature.properties.hasc + ")"), { sticky: true });
        },
      });
      var border = L.geoJSON(layers.borders, {
        pane: "context", interactive: false, className: "border-line",
        style: { color: "#b3261e", weight: 2.5, dashArray: "8 4" },
      });
      admin1.addTo(api.map);
      border.addTo(api.map);
      api.control.addOverlay(admin1, "Governorates and provinces (Natural Earth admin-1)");
      api.control.addOverlay(border, "Syria–Iraq border (Natural Earth, shared boundary)");
    });
  }

  // --- measure tool: click points on the map, read the geodesic length of the path
  function greatCircleKm(a, b) {
    var R = 6371.0088, rad = Math.PI / 180;
    var dLat = (b.lat - a.lat) * rad, dLon = (b.lng - a.lng) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * R * Math.asin(Math.sqrt(h));
  }

  function addMeasure(api) {
    var map = api.map, on = false, points = [], line = null, dots = L.layerGroup().addTo(map);
    var Measure = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar measure-control");
        var button = L.DomUtil.create("button", "measure-button", box);
        button.type = "button";
        button.textContent = "\u2194";
        button.title = "Measure distance: click points on the map; click here again to stop";
        button.setAttribute("aria-label", "Measure distance");
        button.setAttribute("aria-pressed", "false");
        var out = L.DomUtil.create("output", "measure-output", box);
        out.setAttribute("aria-live", "polite");
        out.hidden = true;
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function () {
          on = !on;
          button.setAttribute("aria-pressed", String(on));
          map.getContainer().classList.toggle("measuring", on);
          points = [];
          dots.clearLayers();
          if (line) { map.removeLayer(line); line = null; }
          out.hidden = !on;
          out.textContent = on ? "Click on the map to measure" : "";
        });
        map.on("click", function (e) {
          if (!on) return;
          points.push(e.latlng);
          L.circleMarker(e.latlng, { radius: 4, color: "#222", weight: 2, fillOpacity: 1 }).addTo(dots);
          if (line) line.setLatLngs(points); else line = L.polyline(points, { color: "#222", weight: 2, dashArray: "5 5" }).addTo(map);
          var km = 0;
          for (var i = 1; i < points.length; i++) km += greatCircleKm(points[i - 1], points[i]);
          out.textContent = km < 10 ? km.toFixed(2) + " km" : Math.round(km) + " km";
        });
        return box;
      },
    });
    new Measure().addTo(map);
  }

  document.addEventListener("conflictmap:init", function (event) {
    var api = event.detail.api;
    addAreas(api);
    addMeasure(api);
    // the context layers (82 KB) are not needed to read the first view: fetched once the page is ready
    if (api.config.regions) document.addEventListener("conflictmap:ready", function () { addContext(api); }, { once: true });
  });
})();
