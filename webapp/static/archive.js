// A large archive's markers: the server clusters them (geodata/clusters.py) and the page asks
// /api/clusters for what each view shows, so it never downloads or indexes every place.
(function () {
  "use strict";
  var CM = window.ConflictMap;
  var ALONE_ZOOM = 13; // past the server's last cluster zoom (12) every place stands alone

  // compact rows [slug, name, kind, precision, lon, lat, geometry, passages] as features
  CM.rowFeature = function (m) {
    return { type: "Feature", id: m[0], geometry: m[6],
             properties: { name: m[1], kind: m[2], precision: m[3], marker: [m[4], m[5]], passage_count: m[7] } };
  };

  CM.viewIndex = function (map, cluster, features, control, markers, makeMarker) {
    var shown = L.layerGroup().addTo(map), current = {}, asked = 0, following = false, latest = null;
    map.removeLayer(cluster);
    control.removeLayer(cluster);
    control.addOverlay(shown, "Places");

    function clusterMarker(c) {
      var n = c[2], size = n < 10 ? "small" : n < 100 ? "medium" : "large", box = c[3];
      var m = L.marker([c[1], c[0]], {
        icon: L.divIcon({ html: "<div><span>" + n + "</span></div>", className: "marker-cluster marker-cluster-" + size,
                          iconSize: [40, 40] }),
        title: n + " places: zoom in", alt: n + " places", keyboard: true,
      });
      m.on("click", function () { // zoom to the places it holds
        map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { padding: [40, 40], maxZoom: ALONE_ZOOM });
      });
      return m;
    }

    function viewURL() {
      var b = map.getBounds(), clamp = function (v, lo, hi) { return Math.min(hi, Math.max(lo, v)); };
      var west = clamp(b.getWest(), -180, 180), east = clamp(b.getEast(), -180, 180);
      if (b.getEast() - b.getWest() >= 360) { west = -180; east = 180; }
      var box = [west, clamp(b.getSouth(), -90, 90), east, clamp(b.getNorth(), -90, 90)];
      return "/api/clusters?bbox=" + box.map(function (v) { return v.toFixed(4); }).join(",") +
        "&zoom=" + Math.round(map.getZoom());
    }

    // Ask for the view's clusters and markers; an answer to an older view is dropped, and its promise
    // then waits for the newer one, so whoever waits on render() sees the markers of the current view.
    function render() {
      if (!following) { map.on("moveend", render); following = true; } // from the first view on
      var mine = ++asked;
      latest = CM.getJSON(viewURL()).then(function (view) {
        if (mine !== asked) return latest;
        var next = {};
        view.clusters.forEach(function (c) {
          var key = "c" + view.zoom + ":" + c[0] + "," + c[1] + ":" + c[2];
          next[key] = current[key] || clusterMarker(c);
        });
        view.markers.forEach(function (m) {
          next["p" + m[0]] = current["p" + m[0]] || markers[m[0]] || makeMarker(CM.rowFeature(m));
        });
        Object.keys(current).forEach(function (k) { if (!next[k]) shown.removeLayer(current[k]); });
        Object.keys(next).forEach(function (k) { if (!current[k]) shown.addLayer(next[k]); });
        current = next;
      });
      return latest;
    }

    // Put a place's own marker on the map (zoomed in past the clusters), asking where it is if need be.
    function reveal(slug) {
      var full = null;
      var where = markers[slug] ? Promise.resolve(markers[slug].getLatLng())
        : CM.getJSON("/api/places/" + encodeURIComponent(slug)).then(function (f) {
          full = f;
          return L.latLng(f.properties.marker[1], f.properties.marker[0]);
        });
      return where.then(function (latlng) {
        map.setView(latlng, Math.min(Math.max(ALONE_ZOOM, map.getZoom()), map.getMaxZoom()), { animate: false });
        return render();
      }).then(function () {
        if (full && markers[slug]) markers[slug].feature = full; // its passages came with its position
      });
    }

    return { render: render, reveal: reveal };
  };
})();
