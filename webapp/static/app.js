// Conflict Map page behaviour: markers, popups, the place list and the basemap.
// Data arrives as JSON (script blocks or /api); every article string reaches the page as a DOM
// text node, never as HTML, so article text cannot run as code.
(function () {
  "use strict";

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  var standalone = false; // set from the page config: true in the offline HTML export
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function formatDate(iso) {
    var p = (iso || "").split("-");
    return p.length === 3 ? +p[2] + " " + MONTHS[+p[1] - 1] + " " + p[0] : iso;
  }

  var PRECISION = { 1: "exact town", 2: "near a town / part of a region", 3: "region or country" };

  // A passage with its place mentions marked; offsets are relative to the article text.
  function passageNode(passage) {
    var quote = el("blockquote", { class: "passage" });
    var text = passage.text, at = 0;
    (passage.mentions || []).forEach(function (span) {
      var s = span[0] - passage.start, e = span[1] - passage.start;
      if (s < at || e > text.length) return;
      quote.appendChild(document.createTextNode(text.slice(at, s)));
      quote.appendChild(el("mark", { text: text.slice(s, e) }));
      at = e;
    });
    quote.appendChild(document.createTextNode(text.slice(at)));
    var cite = el("p", { class: "passage-source" }, ["— ", el("cite", { text: passage.title })]);
    var ev = passage.event || {};
    if (ev.precision && ev.precision !== "published") {
      // the event's date, resolved from the passage's own words against the publication date
      cite.appendChild(document.createTextNode(", "));
      cite.appendChild(el("span", { class: "event-time", title: "Resolved from “" + ev.words + "”" }, [
        "event " + ev.label]));
    }
    cite.appendChild(document.createTextNode(", reported "));
    cite.appendChild(el("time", { datetime: passage.published, text: formatDate(passage.published) }));
    if (!standalone) {  // a file opened from disk has no reading view to link to
      cite.appendChild(document.createTextNode(" · "));
      cite.appendChild(el("a", {
        class: "read-link", href: "/articles/" + encodeURIComponent(passage.article) + "#offset-" + passage.start,
        text: "read in the article",
      }));
    }
    return el("li", { "data-article": passage.article, "data-start": String(passage.start) }, [quote, cite]);
  }

  function popupNode(feature) {
    var p = feature.properties;
    var heading = el("h2", { class: "popup-title" }, [p.name]);
    if (p.name_ar) heading.appendChild(el("span", { class: "name-ar", lang: "ar", dir: "rtl", text: p.name_ar }));
    var meta = el("p", { class: "popup-meta" }, [p.kind + " · precision " + p.precision + " (" + PRECISION[p.precision] + ")"]);
    var children = [heading, meta];
    if (p.region && (p.region.admin1 || p.region.country)) {
      children.push(el("p", { class: "popup-region", title: p.region.source }, [
        "In " + [p.region.admin1, p.region.country].filter(Boolean).join(", ")]));
    }
    if (p.nearest && p.nearest.length) {
      children.push(el("p", { class: "popup-nearest" }, [p.nearest.map(function (n) { return n.text; }).join("; ")]));
    }
    var list = el("ol", { class: "passages", "aria-label": "Passages naming " + p.name });
    visiblePassages(feature).forEach(function (passage) { list.appendChild(passageNode(passage)); });
    children.push(list);
    children.push(el("p", { class: "popup-source" }, ["Coordinates: " + p.source]));
    return el("div", { class: "popup", tabindex: "-1", "data-place": feature.id }, children);
  }

  var defaultIcon = null;

  // Which passages the reader's filters (article, time) let through; null lets all through.
  var passageFilter = null;
  function visiblePassages(feature) {
    var all = feature.properties.passages || [];
    return passageFilter ? all.filter(passageFilter) : all;
  }

  function markerIcon(feature) {
    if (feature.properties.precision === 1) return defaultIcon || (defaultIcon = new L.Icon.Default());
    // regions, countries and rivers: a ring, so they never pass for a town's pin
    return L.divIcon({ className: "area-marker area-" + feature.properties.kind, iconSize: [22, 22] });
  }

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

  function drawBasemap(map, loading, control) {
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150; // under the tiles (200): tiles cover it when they load
    // the standalone HTML export inlines the basemap; the app has already asked /api for it
    var inline = readJSON("map-basemap");
    return (inline ? Promise.resolve(inline) : loading).then(function (base) {
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
  }

  function init() {
    var config = readJSON("map-config");
    standalone = !!config.standalone;
    // ask for the basemap first: it downloads while the markers are built
    var basemapLoading = document.getElementById("map-basemap") ? null
      : fetch(config.basemap).then(function (r) { return r.json(); });
    var data = readJSON("map-data");
    var map = window[config.map];
    var cluster = window[config.cluster];
    var tiles = null;
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles = layer; });
    map.getContainer().style.background = "#cfe0ec"; // sea colour where neither tiles nor land are drawn

    var control = L.control.layers(tiles ? { "Map tiles": tiles } : {}, { Places: cluster }, { collapsed: true }).addTo(map);
    var markers = {};
    var lines = L.layerGroup().addTo(map);
    control.addOverlay(lines, "Rivers named in articles");

    var batch = [], focusNext = false;
    var POPUP = { maxWidth: 360, minWidth: 240, autoPanPadding: [24, 24] };

    // Popups are bound on first use: one popup object per marker up front costs seconds at 20,000 places.
    function ensurePopup(marker) {
      if (marker.getPopup()) return marker;
      marker.bindPopup(function () { return popupNode(marker.feature); }, POPUP);
      marker.on("popupopen", function () {
        highlight(marker.feature.id);
        document.dispatchEvent(new CustomEvent("conflictmap:select", { detail: { place: marker.feature.id } }));
        if (marker.feature.properties.passages) return;
        // a large archive's page carries markers only: the passages come when the popup opens
        fetch("/api/places/" + encodeURIComponent(marker.feature.id)).then(function (r) { return r.json(); }).then(function (full) {
          marker.feature = full;
          marker.setPopupContent(popupNode(full));
          var node = document.querySelector(".leaflet-popup .popup");
          if (node && focusNext) node.focus();
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
    if (data.markers) {
      // a large archive: compact rows [slug, name, kind, precision, lon, lat, geometry, passages]
      data.features = data.markers.map(function (m) {
        return { type: "Feature", id: m[0], geometry: m[6],
                 properties: { name: m[1], kind: m[2], precision: m[3], marker: [m[4], m[5]], passage_count: m[7] } };
      });
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
      if (p.precision !== 1 && !/LineString/.test((f.geometry || {}).type || "")) {
        marker.bindTooltip(p.name + ": " + (p.kind === "country" ? "a country" : "a region") +
          ", not a point. The text names the whole " + p.kind + ", so no town is implied; its area is drawn.");
      }
      markers[f.id] = marker;
      return marker;
    }
    data.features.forEach(function (f) {
      if (!data.markers) batch.push(makeMarker(f));
      if (f.geometry && /LineString/.test(f.geometry.type)) {
        L.geoJSON(f.geometry, { style: { color: "#1f5fa8", weight: 4, opacity: 0.8 } })
          .bindTooltip(f.properties.name, { sticky: true })
          .on("click", function () { openPlace(f.id); })
          .addTo(lines);
      }
    });

    // A large archive: clustered by supercluster, and only what the view shows is on the map
    // (markercluster builds its clusters for every zoom up front: seconds at 20,000 places).
    var index = null, shown = null, slugIndex = {};
    if (data.markers) {
      index = new Supercluster({ radius: 60, maxZoom: 12, nodeSize: 32 }); // past zoom 12 every place stands alone
      index.load(data.features.map(function (f, i) {
        slugIndex[f.id] = i;
        return { type: "Feature", properties: { i: i }, geometry: { type: "Point", coordinates: f.properties.marker } };
      }));
      shown = L.layerGroup().addTo(map);
      map.removeLayer(cluster);
      control.removeLayer(cluster);
      control.addOverlay(shown, "Places");
      map.on("moveend", renderView);
    } else {
      cluster.addLayers(batch); // one pass: far faster than one addLayer per marker for many places
    }
    var current = {};
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
    function renderView() {
      var b = map.getBounds(), z = Math.round(map.getZoom()), next = {};
      var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
      if (east - west >= 360 || b.getEast() - b.getWest() >= 360) { west = -180; east = 180; }
      index.getClusters([west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())], z).forEach(function (c) {
        var key = c.properties.cluster ? "c" + z + ":" + c.properties.cluster_id : "p" + c.properties.i;
        next[key] = current[key] || (c.properties.cluster ? clusterMarker(c)
          : markers[data.features[c.properties.i].id] || makeMarker(data.features[c.properties.i]));
      });
      Object.keys(current).forEach(function (k) { if (!next[k]) shown.removeLayer(current[k]); });
      Object.keys(next).forEach(function (k) { if (!current[k]) shown.addLayer(next[k]); });
      current = next;
    }
    // the zoom at which a place stands alone rather than inside a cluster
    function unclusteredZoom(i) {
      var lon = data.features[i].properties.marker[0], lat = data.features[i].properties.marker[1];
      for (var z = Math.round(map.getZoom()); z <= 13; z++) {
        var here = index.getClusters([lon - 1e-6, lat - 1e-6, lon + 1e-6, lat + 1e-6], z);
        if (here.some(function (c) { return !c.properties.cluster && c.properties.i === i; })) return z;
      }
      return 13;
    }

    function highlight(slug) {
      document.querySelectorAll(".place-item").forEach(function (b) {
        var on = b.getAttribute("data-place") === slug;
        b.classList.toggle("active", on);
        if (on) b.setAttribute("aria-current", "true"); else b.removeAttribute("aria-current");
      });
    }

    function openPlace(slug, focusPopup) {
      if (index && slug in slugIndex) {
        var i = slugIndex[slug], at = data.features[i].properties.marker;
        map.setView([at[1], at[0]], Math.min(Math.max(unclusteredZoom(i), map.getZoom()), map.getMaxZoom()), { animate: false });
        renderView();
      }
      var marker = markers[slug];
      if (!marker) return;
      if (index) {
        focusNext = !!focusPopup;
        ensurePopup(marker).openPopup();
        return;
      }
      cluster.zoomToShowLayer(marker, function () {
        focusNext = !!focusPopup;
        ensurePopup(marker).openPopup();
        if (focusPopup) {
          var node = document.querySelector(".leaflet-popup .popup");
          if (node) node.focus();
        }
      });
    }

    document.querySelectorAll(".place-item").forEach(function (button) {
      button.addEventListener("click", function () {
        var slug = button.getAttribute("data-place");
        openPlace(slug, true);
        if (window.matchMedia("(max-width: 700px)").matches) setSidebar(false);
        if (!config.standalone && history.replaceState) history.replaceState(null, "", "/place/" + encodeURIComponent(slug));
      });
    });

    var toggle = document.getElementById("sidebar-toggle"); // absent on embed pages
    function setSidebar(open) {
      if (!toggle) return;
      document.body.classList.toggle("sidebar-closed", !open);
      if (toggle) toggle.setAttribute("aria-expanded", String(open));
      setTimeout(function () { map.invalidateSize(); }, 0);
    }
    if (toggle) toggle.addEventListener("click", function () {
      setSidebar(document.body.classList.contains("sidebar-closed"));
    });
    if (window.matchMedia("(max-width: 700px)").matches) setSidebar(false);

    var b = data.bbox;
    if (b) map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [48, 48], maxZoom: 9 });
    else map.setView([30, 20], 2);
    if (index) renderView();

    var basemap = drawBasemap(map, basemapLoading, control).catch(function () {});
    // Show only the markers with a passage the filter lets through, and only those passages in popups.
    function setFilter(fn) {
      passageFilter = fn;
      var keep = [], drop = [];
      data.features.forEach(function (f) {
        var on = !fn || visiblePassages(f).length > 0;
        (on ? keep : drop).push(markers[f.id]);
        var item = document.querySelector('.place-item[data-place="' + CSS.escape(f.id) + '"]');
        if (item) item.parentNode.hidden = !on;
      });
      drop.forEach(function (m) { if (m.isPopupOpen()) m.closePopup(); });
      cluster.removeLayers(drop);
      cluster.addLayers(keep.filter(function (m) { return !cluster.hasLayer(m); }));
      keep.forEach(function (m) { if (m.isPopupOpen()) m.setPopupContent(m.getPopup().getContent()); });
      document.dispatchEvent(new CustomEvent("conflictmap:filtered", { detail: { shown: keep.length } }));
    }

    var api = {
      map: map, cluster: cluster, markers: markers, openPlace: openPlace, control: control,
      features: data.features, config: config, setFilter: setFilter, formatDate: formatDate,
    };
    var basemapDone = basemap.then(function () {
      var waits = [];
      document.dispatchEvent(new CustomEvent("conflictmap:init", { detail: { api: api, wait: waits } }));
      return Promise.all(waits).catch(function () {});
    });
    basemapDone.then(function () {
      if (config.open) openPlace(config.open, true);
      window.conflictMap = api;
      document.dispatchEvent(new CustomEvent("conflictmap:ready", { detail: { api: api } }));
      window.conflictMapReady = true;
      document.body.setAttribute("data-ready", "true");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
