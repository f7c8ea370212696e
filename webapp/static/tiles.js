// Map tiles are opt-in: a reader's view tells no tile server which areas it looks at unless the
// reader (or whoever runs the server, with `serve --tiles`) switches them on. The switch in the layer
// control names the host it will load from, and the choice is remembered in localStorage.
// Unreachable tiles are tried once with one image; the page then says so once and keeps the basemap.
(function () {
  "use strict";
  var CM = window.ConflictMap;
  var KEY = "conflictmap.tiles";

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode: not remembered */ }
  }

  CM.tileHost = function (url) {
    try { return new URL(L.Util.template(url, { s: "a", x: 0, y: 0, z: 0, r: "" }), window.location.href).host; }
    catch (e) { return url; }
  };

  // One line on the map, said once: "Map tiles from … are unreachable".
  function notice(map, text) {
    var box = L.DomUtil.create("div", "map-notice");
    box.setAttribute("role", "status");
    box.textContent = text;
    map.getContainer().appendChild(box);
  }

  CM.addTiles = function (map, control, spec) {
    if (!spec || !spec.url) return null;
    var host = CM.tileHost(spec.url);
    var layer = L.tileLayer(spec.url, { attribution: spec.attribution, maxZoom: 18 });
    var toggle = L.layerGroup(); // the switch; the tile layer joins the map only after one tile loaded
    var failed = false, quiet = false;

    function unreachable() {
      if (failed) return;
      failed = true;
      quiet = true;
      map.removeLayer(layer);
      map.removeLayer(toggle);
      quiet = false;
      notice(map, "Map tiles from " + host + " are unreachable; showing the built-in basemap.");
    }

    function start() {
      if (failed) return;
      if (navigator.onLine === false) { unreachable(); return; }
      var probe = new Image();
      probe.onload = function () { if (map.hasLayer(toggle)) layer.addTo(map); };
      probe.onerror = unreachable;
      probe.src = L.Util.template(spec.url, { s: "a", x: 0, y: 0, z: 0, r: "" });
    }

    // a network that drops later: the first failed tile stops the rest, instead of hundreds of errors
    layer.on("tileerror", unreachable);
    // tiles carry their own names: the basemap's labels step aside while tiles are drawn
    layer.on("add", function () { map.getContainer().classList.add("tiles-on"); });
    layer.on("remove", function () { map.getContainer().classList.remove("tiles-on"); });
    map.on("overlayadd", function (e) {
      if (e.layer !== toggle) return;
      if (!quiet) remember(true);
      start();
    });
    map.on("overlayremove", function (e) {
      if (e.layer !== toggle) return;
      if (!quiet) remember(false);
      map.removeLayer(layer);
    });
    var label = CM.el("span", { class: "tiles-switch", text: "Street map tiles (loads images from " + host + ")" });
    control.addOverlay(toggle, label.outerHTML); // Leaflet sets layer names as HTML: the host is escaped here
    var stored = remembered();
    quiet = true; // the server's default is not the reader's choice: not remembered
    if (stored === null ? spec.on : stored === "on") toggle.addTo(map);
    quiet = false;
    return layer;
  };
})();
