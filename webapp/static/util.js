// Conflict Map's shared helpers, written once: DOM building, JSON blocks, dates, page events.
// Every module is a plain script that adds to window.ConflictMap; app.js runs last and starts the map.
(function () {
  "use strict";
  var CM = window.ConflictMap = window.ConflictMap || {};

  CM.MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // Parse a <script type="application/json"> block; null when the page has none.
  CM.readJSON = function (id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  };

  // Build an element; strings become text nodes, never HTML, so article text cannot run as code.
  CM.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  };

  CM.formatDate = function (iso) {
    var p = (iso || "").split("-");
    return p.length === 3 ? +p[2] + " " + CM.MONTHS[+p[1] - 1] + " " + p[0] : iso;
  };

  CM.emit = function (name, detail) {
    document.dispatchEvent(new CustomEvent("conflictmap:" + name, { detail: detail }));
  };

  CM.isPhone = function () { return window.matchMedia("(max-width: 700px)").matches; };

  CM.getJSON = function (url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  };
})();
