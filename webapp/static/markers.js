// The place markers: pins for towns, rings for areas, lines for rivers; clustered by
// markercluster, or for a large archive by the server with only the view's markers on the map.
// Popups are built on first use from the feature's JSON (see popups.js).
(function () {
  "use strict";
  var CM = window.ConflictMap;
  var POPUP = { maxWidth: 360, minWidth: 240, autoPanPadding: [24, 24] };
  // a popup never wider than the screen: 390 px phones get the screen less a margin
  function popupOptions() {
    var room = Math.max(200, window.innerWidth - 48);
    return L.extend({}, POPUP, { maxWidth: Math.min(POPUP.maxWidth, room), minWidth: Math.min(POPUP.minWidth, room),
                                 autoPanPadding: CM.isPhone() ? [8, 8] : POPUP.autoPanPadding });
  }
  var defaultIcon = null;

  // a place whose every mention the geoparser doubts is drawn as a question, never as a confident pin
  function uncertainPlace(feature) {
    var mine = [];
    (feature.properties.passages || []).forEach(function (p) {
      (p.mentions || []).forEach(function (m) { if (!m.place || m.place === feature.id) mine.push(m); });
    });
    return mine.length > 0 && !!CM.isUncertain && mine.every(CM.isUncertain);
  }

  CM.isUncertainPlace = uncertainPlace;

  function markerIcon(feature) {
    if (uncertainPlace(feature)) return L.divIcon({ className: "uncertain-marker", iconSize: [24, 24], html: "?" });
    if (feature.properties.precision === 1) return defaultIcon || (defaultIcon = new L.Icon.Default());
    // regions, countries and rivers: a ring, so they never pass for a town's pin
    return L.divIcon({ className: "area-marker area-" + feature.properties.kind, iconSize: [22, 22] });
  }

  function isLine(f) { return /LineString/.test((f.geometry || {}).type || ""); }

  // a large archive's page carries only the rivers' lines; its markers come view by view (archive.js)
  CM.featuresOf = function (data) {
    return data.complete === false ? (data.lines || []).map(CM.rowFeature) : data.features;
  };

  CM.createMarkers = function (map, cluster, features, control, compact) {
    var markers = {}, lineOf = {}, focusNext = false;
    var lines = L.layerGroup().addTo(map);
    control.addOverlay(lines, "Rivers named in articles");

    function focusPopup() {
      var node = document.querySelector(".leaflet-popup .popup");
      if (node) node.focus();
    }

    // Popups are bound on first use: one popup object per marker up front costs seconds at 20,000 places.
    function ensurePopup(marker) {
      if (marker.getPopup()) return marker;
      marker.bindPopup(function () { return CM.popupNode(marker.feature); }, popupOptions());
      marker.on("popupopen", function () {
        CM.emit("select", { place: marker.feature.id });
        if (marker.feature.properties.passages) return;
        // a large archive's page carries markers only: the passages come when the popup opens
        CM.getJSON("/api/places/" + encodeURIComponent(marker.feature.id)).then(function (full) {
          marker.feature = full;
          marker.setPopupContent(CM.popupNode(full));
          if (focusNext) focusPopup();
          focusNext = false;
        });
      });
      return marker;
    }
    function onMarkerClick() {
      if (!this.getPopup()) ensurePopup(this).openPopup();
    }
    function onMarkerKey(e) { // Enter on a focused marker, as Leaflet's own popup binding does
      if (e.originalEvent.keyCode === 13 && !this.getPopup()) ensurePopup(this).openPopup();
    }
    function onMarkerAdd() {
      var node = this.getElement();
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", this.feature.properties.name);
    }
    function makeMarker(f) {
      var p = f.properties;
      var marker = L.marker([p.marker[1], p.marker[0]], {
        title: p.name, alt: p.name, keyboard: true, icon: markerIcon(f), riseOnHover: true,
      });
      marker.feature = f;
      marker.on("click", onMarkerClick);
      marker.on("keypress", onMarkerKey);
      marker.on("add", onMarkerAdd);
      if (p.precision !== 1 && !isLine(f)) {
        // a string tooltip would be parsed as HTML: place names go in as a text node
        marker.bindTooltip(document.createTextNode(p.name + ": " + (p.kind === "country" ? "a country" : "a region") +
          ", not a point. The text names the whole " + p.kind + ", so no town is implied; its area is drawn."));
      }
      markers[f.id] = marker;
      return marker;
    }

    // Escape closes the open popup and gives focus back to its marker (or the cluster holding it)
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !map._popup || !map.hasLayer(map._popup)) return;
      var source = map._popup._source;
      map.closePopup();
      var holder = source && cluster.hasLayer(source) ? cluster.getVisibleParent(source) : source;
      var node = holder && holder.getElement ? holder.getElement() : null;
      if (node) node.focus();
    });
    // area outlines and lines are drawn for the eye; their marker is the one named Tab stop
    map.on("layeradd", function (e) {
      var path = e.layer && e.layer._path;
      if (path) { path.setAttribute("tabindex", "-1"); path.setAttribute("aria-hidden", "true"); }
    });

    var batch = [];
    features.forEach(function (f) {
      if (!compact) batch.push(makeMarker(f));
      if (isLine(f)) {
        var line = L.geoJSON(f.geometry, { style: { color: "#1f5fa8", weight: 4, opacity: 0.8 } })
          .bindTooltip(document.createTextNode(f.properties.name), { sticky: true })
          .on("click", function () { api.openPlace(f.id); })
          .addTo(lines);
        lineOf[f.id] = line;
      }
    });
    var view = compact ? CM.viewIndex(map, cluster, features, control, markers, makeMarker) : null;
    if (!compact) cluster.addLayers(batch); // one pass: far faster than one addLayer per marker for many places

    // The view that shows a place whole: its area or line where it has one, else a zoom fit for its kind
    // (a continent is not framed at a town's zoom), else the point at street-block scale.
    var KIND_ZOOM = { continent: 3, ocean: 3, sea: 5, country: 5, region: 6, province: 7 };
    function frameOf(f) {
      var p = f.properties, shape = p.area || (isLine(f) ? f.geometry : null);
      if (shape) return { bounds: L.geoJSON(shape).getBounds() };
      var at = L.latLng(p.marker[1], p.marker[0]);
      return { bounds: L.latLngBounds(at, at), zoom: KIND_ZOOM[p.kind] || (p.precision === 1 ? null : 7) };
    }
    // Fit the map to a set of features (a filter's result, a search hit); a single town keeps zoom 9 at most.
    function frame(list) {
      if (!list.length) return;
      var bounds = null, zoom = null;
      list.forEach(function (f) {
        var one = frameOf(f);
        bounds = bounds ? bounds.extend(one.bounds) : L.latLngBounds(one.bounds.getSouthWest(), one.bounds.getNorthEast());
        if (list.length === 1) zoom = one.zoom;
      });
      if (zoom) map.setView(bounds.getCenter(), zoom, { animate: false });
      else map.fitBounds(bounds, { padding: [48, 48], maxZoom: 9, animate: false });
    }

    // Zoom, without animation, to where the marker stands alone (or its cluster spiderfies), then open it.
    // Waiting on markercluster's zoomToShowLayer chains two animations and their timers: seconds on a busy machine.
    function reveal(marker) {
      var latlng = marker.getLatLng(), p = marker.feature.properties;
      if (p.precision !== 1 || isLine(marker.feature)) {
        frame([marker.feature]); // an area: its whole extent, then its ring out of any cluster
        var parent = cluster.getVisibleParent(marker);
        if (parent && parent !== marker && parent.spiderfy) {
          return new Promise(function (resolve) {
            cluster.once("spiderfied", resolve);
            setTimeout(resolve, 800); // markercluster skips the event when it is mid-animation
            parent.spiderfy();
          });
        }
        return Promise.resolve();
      }
      if (!(map.hasLayer(marker) && map.getBounds().contains(latlng))) {
        var parent = marker.__parent, max = map.getMaxZoom();
        var alone = parent ? Math.min(parent._zoom + 1, max) : map.getZoom();
        map.setView(latlng, Math.max(alone, map.getZoom()), { animate: false });
      }
      if (!map.hasLayer(marker) && marker.__parent && marker.__parent._icon) {
        return new Promise(function (resolve) {
          cluster.once("spiderfied", resolve);
          marker.__parent.spiderfy();
        });
      }
      return Promise.resolve();
    }

    function openPlace(slug, focus) {
      return (view ? view.reveal(slug) : Promise.resolve()).then(function () {
        var marker = markers[slug];
        if (!marker) return;
        focusNext = !!focus;
        return (view ? null : reveal(marker));
      }).then(function () {
        var marker = markers[slug];
        if (!marker) return;
        // a ring still inside a cluster (Europe shares its point with a country): open its popup at its point
        if (marker._map) ensurePopup(marker).openPopup();
        else map.openPopup(ensurePopup(marker).getPopup(), marker.getLatLng());
        if (focus) focusPopup();
      });
    }

    // Show only the markers with a passage the filter lets through, and only those passages in popups.
    function setFilter(fn) {
      CM.passageFilter = fn;
      var keep = [], drop = [], shown = {};
      features.forEach(function (f) {
        var on = !fn || CM.visiblePassages(f).length > 0;
        if (on) shown[f.id] = true;
        (on ? keep : drop).push(markers[f.id]);
        var item = document.querySelector('.place-item[data-place="' + CSS.escape(f.id) + '"]');
        if (item) item.parentNode.hidden = !on;
      });
      drop.forEach(function (m) { if (m.isPopupOpen()) m.closePopup(); });
      cluster.removeLayers(drop);
      cluster.addLayers(keep.filter(function (m) { return !cluster.hasLayer(m); }));
      keep.forEach(function (m) { if (m.isPopupOpen()) m.setPopupContent(m.getPopup().getContent()); });
      Object.keys(lineOf).forEach(function (id) { // a river's line goes with its marker
        if (shown[id]) lines.addLayer(lineOf[id]); else lines.removeLayer(lineOf[id]);
      });
      CM.emit("filtered", { shown: keep.length, total: features.length, visible: shown });
    }

    // Several filters at once (time, article, event type): a passage shows when every one lets it through.
    var predicates = {};
    function setPredicate(name, fn) {
      if (fn) predicates[name] = fn; else delete predicates[name];
      var names = Object.keys(predicates);
      setFilter(names.length ? function (p) { return names.every(function (n) { return predicates[n](p); }); } : null);
    }

    // the features whose markers the filters let through
    function visible() {
      return features.filter(function (f) { return !CM.passageFilter || CM.visiblePassages(f).length > 0; });
    }

    var api = { markers: markers, openPlace: openPlace, setFilter: setFilter, setPredicate: setPredicate,
                frame: frame, visible: visible,
                render: view ? view.render : function () {} };
    return api;
  };
})();
