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

  // On a phone the legend and the time control fold behind one "Filters" button, and step aside
  // while a popup is open, so no control covers a popup or the list.
  function addFilterToggle(map) {
    var box = map.getContainer();
    if (!box.querySelector(".event-control, .time-control")) return;
    box.classList.add("filters-folded");
    var Toggle = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var button = CM.el("button", { type: "button", class: "filters-toggle", "aria-expanded": "false", text: "Filters" });
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", function () {
          var open = box.classList.toggle("filters-open");
          button.setAttribute("aria-expanded", String(open));
        });
        return button;
      },
    });
    new Toggle().addTo(map);
    map.on("popupopen", function () { box.classList.add("popup-open"); });
    map.on("popupclose", function () { box.classList.remove("popup-open"); });
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
    // a cluster's icon is a Tab stop: it says what it holds and what Enter does
    cluster.options.iconCreateFunction = function (c) {
      var n = c.getChildCount(), size = n < 10 ? "small" : n < 100 ? "medium" : "large";
      return L.divIcon({ className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40),
                         html: "<div><span>" + n + '<span class="visually-hidden"> places: zoom in</span></span></div>' });
    };
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
      addFilterToggle(map);
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
