// Conflict Map page start-up: finds the folium map by its name, draws the basemap, the markers and
// the list, then lets the page's other modules (filters, layers, reading view) add theirs on
// "conflictmap:init" before the page is marked ready. Loaded last; see util.js for the namespace.
(function () {
  "use strict";
  var CM = window.ConflictMap;

  function fitFirstView(map, bbox) {
    if (bbox) map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { padding: [48, 48], maxZoom: 9 });
    else map.setView([30, 20], 2);
  }

  function init() {
    var config = CM.readJSON("map-config");
    CM.standalone = !!config.standalone;
    CM.config = config;
    var data = CM.readJSON("map-data");
    var map = window[config.map];
    var cluster = window[config.cluster];
    // the built-in vector basemap is the map; tiles, when switched on, cover it (tiles.js)
    var basemapLoading = CM.loadBasemap(config.basemap); // downloads while markers are built
    map.getContainer().style.background = "#d7e6ef"; // sea colour where neither tiles nor land are drawn

    var control = L.control.layers({}, { Places: cluster }, { collapsed: true }).addTo(map);
    var features = CM.featuresOf(data);
    var places = CM.createMarkers(map, cluster, features, control, data.complete === false);
    var api = {
      map: map, cluster: cluster, markers: places.markers, openPlace: places.openPlace, control: control,
      features: features, config: config, setFilter: places.setFilter, setPredicate: places.setPredicate,
      frame: places.frame, visible: places.visible,
      formatDate: CM.formatDate,
    };
    CM.initList(api);
    fitFirstView(map, data.bbox);
    var drawn = Promise.resolve(places.render()); // a large archive's first view comes from /api/clusters

    var basemap = CM.drawBasemap(map, basemapLoading, control).catch(function () {});
    CM.drawLabels(map, config.labels, control).catch(function () {});
    CM.addTiles(map, control, config.tiles);
    // ready means the markers are drawn and clickable; context layers may still be on their way
    Promise.all([basemap, drawn]).then(function () {
      var waits = [];
      CM.emit("init", { api: api, wait: waits });
      return Promise.all(waits).catch(function () {});
    }).then(function () {
      return config.open ? api.openPlace(config.open, true) : null;
    }).then(function () {
      window.conflictMap = api;
      CM.emit("ready", { api: api });
      window.conflictMapReady = true;
      document.body.setAttribute("data-ready", "true");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
