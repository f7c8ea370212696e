// The search box: places by name or any alias (Latin or Arabic script, accents and hyphens ignored)
// and articles by title. Keyboard first: "/" focuses it, arrows move through the results, Enter
// opens one, Escape clears. A place opens framed whole; an article becomes the article filter.
(function () {
  "use strict";
  var CM = window.ConflictMap, MAX = 10;

  CM.fold = function (text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2019'`ʿʾ]/g, "").replace(/[-_.,()]+/g, " ").replace(/\s+/g, " ").trim();
  };

  // 0 for a name that starts with the query, 1 for a word that does, 2 anywhere; -1 no match
  function score(name, q) {
    var n = CM.fold(name);
    if (n.indexOf(q) === 0) return 0;
    if ((" " + n).indexOf(" " + q) >= 0) return 1;
    return n.indexOf(q) >= 0 ? 2 : -1;
  }

  function entries(api) {
    var out = [], seen = {};
    api.features.forEach(function (f) {
      var p = f.properties;
      seen[f.id] = true;
      out.push({ kind: "place", id: f.id, label: p.name, meta: p.kind, names: [p.name, p.name_ar].concat(p.aliases || []) });
    });
    document.querySelectorAll(".place-item").forEach(function (b) { // a large archive's listed places
      var id = b.getAttribute("data-place"), name = b.querySelector(".place-name").textContent;
      if (!seen[id]) out.push({ kind: "place", id: id, label: name, meta: "place", names: [name] });
    });
    document.querySelectorAll("#article-filter option").forEach(function (o) {
      if (!o.value) return;
      var title = o.textContent.replace(/^[^·]*·\s*/, "");
      out.push({ kind: "article", id: o.value, label: title, meta: "article", names: [title] });
    });
    return out;
  }

  document.addEventListener("conflictmap:init", function (event) {
    var api = event.detail.api, input = document.getElementById("search"), list = document.getElementById("search-results");
    if (!input || !list) return;
    var all = entries(api), hits = [], active = -1;
    var status = document.getElementById("search-status");

    function setActive(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", String(j === i)); });
      if (i >= 0) input.setAttribute("aria-activedescendant", "search-opt-" + i);
      else input.removeAttribute("aria-activedescendant");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function render() {
      var q = CM.fold(input.value);
      list.textContent = "";
      hits = [];
      if (!q) { close(); status.textContent = ""; return; }
      all.forEach(function (e) {
        var best = -1;
        e.names.forEach(function (n) { var s = n ? score(n, q) : -1; if (s >= 0 && (best < 0 || s < best)) best = s; });
        if (best >= 0) hits.push({ entry: e, rank: best });
      });
      hits.sort(function (a, b) { return a.rank - b.rank || (a.entry.kind === "place" ? -1 : 1) || a.entry.label.localeCompare(b.entry.label); });
      hits = hits.slice(0, MAX).map(function (h) { return h.entry; });
      hits.forEach(function (e, i) {
        var li = CM.el("li", { id: "search-opt-" + i, role: "option", class: "search-hit", "aria-selected": "false" }, [
          CM.el("span", { class: "search-name", text: e.label }), " ", CM.el("span", { class: "place-meta", text: e.meta })]);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(e); });
        list.appendChild(li);
      });
      list.hidden = !hits.length;
      input.setAttribute("aria-expanded", String(!!hits.length));
      status.textContent = hits.length ? hits.length + " result" + (hits.length === 1 ? "" : "s") : "No place or article matches";
      setActive(hits.length ? 0 : -1);
    }

    function choose(e) {
      close();
      input.value = e.label;
      if (e.kind === "article") {
        var select = document.getElementById("article-filter");
        select.value = e.id;
        select.dispatchEvent(new Event("change"));
      } else {
        api.openPlace(e.id, true);
        if (!CM.standalone && history.replaceState) history.replaceState(null, "", "/place/" + encodeURIComponent(e.id));
      }
      if (CM.isPhone() && !document.body.classList.contains("sidebar-closed")) document.getElementById("sidebar-toggle").click();
    }

    input.addEventListener("input", render);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && hits.length) { ev.preventDefault(); setActive((active + 1) % hits.length); list.hidden = false; }
      else if (ev.key === "ArrowUp" && hits.length) { ev.preventDefault(); setActive((active - 1 + hits.length) % hits.length); }
      else if (ev.key === "Enter" && hits.length) { ev.preventDefault(); choose(hits[Math.max(active, 0)]); }
      else if (ev.key === "Escape") { ev.stopPropagation(); if (!list.hidden) close(); else { input.value = ""; render(); } }
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        if (document.body.classList.contains("sidebar-closed")) document.getElementById("sidebar-toggle").click();
        input.focus();
      }
    });
  });
})();
