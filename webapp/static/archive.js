// A large archive's markers: clustered by supercluster, and only what the view shows is on the map
// (markercluster builds its clusters for every zoom up front: seconds at 20,000 places).
(function () {
  "use strict";
  var CM = window.ConflictMap;

  CM.viewIndex = function (map, cluster, features, control, markers, makeMarker) {
    var index = new Supercluster({ radius: 60, maxZoom: 12, nodeSize: 32 }); // past zoom 12 every place stands alone
    var slugIndex = {}, current = {};
    index.load(features.map(function (f, i) {
      slugIndex[f.id] = i;
      return { type: "Feature", properties: { i: i }, geometry: { type: "Point", coordinates: f.properties.marker } };
    }));
    var shown = L.layerGroup().addTo(map);
    map.removeLayer(cluster);
    control.removeLayer(cluster);
    control.addOverlay(shown, "Places");
    map.on("moveend", render);

    function clusterMarker(c) {
      var n = c.properties.point_count, size = n < 10 ? "small" : n < 100 ? "medium" : "large";
      var m = L.marker([c.geometry.coordinates[1], c.geometry.coordinates[0]], {
        icon: L.divIcon({ html: "<div><span>" + n + "</span></div>", className: "marker-cluster marker-cluster-" + size,
                          iconSize: [40, 40] }),
        title: n + " places: zoom in", alt: n + " places", keyboard: true,
      });
      m.on("click", function () {
        map.setView(m.getLatLng(), Math.min(index.getClusterExpansionZoom(c.properties.cluster_id), map.getMaxZoom()));
      });
      return m;
    }

    function render() {
      var b = map.getBounds(), z = Math.round(map.getZoom()), next = {};
      var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
      if (east - west >= 360 || b.getEast() - b.getWest() >= 360) { west = -180; east = 180; }
      index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], z).forEach(function (c) {
        var key = c.properties.cluster ? "c" + z + ":" + c.properties.cluster_id : "p" + c.properties.i;
        next[key] = current[key] || (c.properties.cluster ? clusterMarker(c)
          : markers[features[c.properties.i].id] || makeMarker(features[c.properties.i]));
      });
      Object.keys(current).forEach(function (k) { if (!next[k]) shown.removeLayer(current[k]); });
      Object.keys(next).forEach(function (k) { if (!current[k]) shown.addLayer(next[k]); });
      current = next;
    }

    // the zoom at which a place stands alone rather than inside a cluster
    function unclusteredZoom(i) {
      var lon = features[i].properties.marker[0], lat = features[i].properties.marker[1];
      for (var z = Math.round(map.getZoom()); z <= 13; z++) {
        var here = index.getClusters([lon - 1e-6, lat - 1e-6, lon + 1e-6, lat + 1e-6], z);
        if (here.some(function (c) { return !c.properties.cluster && c.properties.i === i; })) return z;
      }
      return 13;
    }

    // Put a place's own marker on the map, zooming in past the clusters that hold it.
    function reveal(slug) {
      if (!(slug in slugIndex)) return;
      var i = slugIndex[slug], at = features[i].properties.marker;
      map.setView([at[1], at[0]], Math.min(Math.max(unclusteredZoom(i), map.getZoom()), map.getMaxZoom()), { animate: false });
      render();
    }

    return { render: render, reveal: reveal };
  };
})();
