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

  // Which passages the reader's filters (article, time) let through; null lets all through.
  var passageFilter = null;
  function visiblePassages(feature) {
    var all = feature.properties.passages || [];
    return passageFilter ? all.filter(passageFilter) : all;
  }

  function markerIcon(feature) {
    if (feature.properties.precision === 1) return new L.Icon.Default();
    // regions, countries and rivers: a ring, so they never pass for a town's pin
    return L.divIcon({ className: "area-marker area-" + feature.properties.kind, iconSize: [22, 22] });
  }

  function drawBasemap(map, url, control) {
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150; // under the tiles (200): tiles cover it when they load
    // the standalone HTML export inlines the basemap; the app serves it from /api/basemap
    var inline = readJSON("map-basemap");
    var source = inline ? Promise.resolve(inline) : fetch(url).then(function (r) { return r.json(); });
    return source.then(function (base) {
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
    var config = readJSON("map-config"), data = readJSON("map-data");
    standalone = !!config.standalone;
    var map = window[config.map];
    var cluster = window[config.cluster];
    var tiles = null;
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles = layer; });
    map.getContainer().style.background = "#cfe0ec"; // sea colour where neither tiles nor land are drawn

    var control = L.control.layers(tiles ? { "Map tiles": tiles } : {}, { Places: cluster }, { collapsed: true }).addTo(map);
    var markers = {};
    var lines = L.layerGroup().addTo(map);
    control.addOverlay(lines, "Rivers named in articles");

    data.features.forEach(function (f) {
      var p = f.properties;
      var marker = L.marker([p.marker[1], p.marker[0]], {
        title: p.name, alt: p.name, keyboard: true, icon: markerIcon(f), riseOnHover: true,
      });
      marker.bindPopup(function () { return popupNode(f); }, { maxWidth: 360, minWidth: 240, autoPanPadding: [24, 24] });
      marker.on("add", function () {
        var node = marker.getElement();
        node.setAttribute("role", "button");
        node.setAttribute("aria-label", p.name);
      });
      if (p.precision !== 1 && !/LineString/.test((f.geometry || {}).type || "")) {
        marker.bindTooltip(p.name + ": " + (p.kind === "country" ? "a country" : "a region") +
          ", not a point. The text names the whole " + p.kind + ", so no town is implied; its area is drawn.");
      }
      marker.on("popupopen", function () {
        highlight(f.id);
        document.dispatchEvent(new CustomEvent("conflictmap:select", { detail: { place: f.id } }));
      });
      markers[f.id] = marker;
      cluster.addLayer(marker);
      if (f.geometry && /LineString/.test(f.geometry.type)) {
        L.geoJSON(f.geometry, { style: { color: "#1f5fa8", weight: 4, opacity: 0.8 } })
          .bindTooltip(p.name, { sticky: true })
          .on("click", function () { openPlace(f.id); })
          .addTo(lines);
      }
    });

    function highlight(slug) {
      document.querySelectorAll(".place-item").forEach(function (b) {
        var on = b.getAttribute("data-place") === slug;
        b.classList.toggle("active", on);
        if (on) b.setAttribute("aria-current", "true"); else b.removeAttribute("aria-current");
      });
    }

    function openPlace(slug, focusPopup) {
      var marker = markers[slug];
      if (!marker) return;
      cluster.zoomToShowLayer(marker, function () {
        marker.openPopup();
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

    var basemap = drawBasemap(map, config.basemap, control).catch(function () {});
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
