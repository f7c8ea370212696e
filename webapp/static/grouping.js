// Corroboration in a popup: why event passages of several articles were grouped as one reported event,
// and a reader's "Not the same event" (POST /api/articles/<id>/apart, with the write token when the server
// asks for one: corrections.js) that keeps a passage out of the grouping, with its undo. The popup is
// redrawn from the server's new grouping without reloading the page.
(function () {
  "use strict";
  var CM = window.ConflictMap, el = CM.el, api = null;

  document.addEventListener("conflictmap:init", function (event) { api = event.detail.api; });

  function when(time) {
    if (!time || !time.start) return "";
    return time.start === time.end ? CM.formatDate(time.start) : CM.formatDate(time.start) + " – " + CM.formatDate(time.end);
  }

  function readLink(report) {
    return el("a", { href: "/articles/" + encodeURIComponent(report.article) + "#offset-" + report.start,
                     text: report.title || report.article });
  }

  // The places whose passages a grouping touches: the place itself and those of every report grouped with it.
  function placesOf(feature) {
    var slugs = {};
    slugs[feature.id] = true;
    (feature.properties.passages || []).forEach(function (p) {
      ((p.reported || {}).reports || []).forEach(function (r) { slugs[r.place] = true; });
    });
    return Object.keys(slugs);
  }

  // Take a place's new grouping from the server into the page's own passages (the filters hold them too).
  function merge(slug, full) {
    var marker = api.markers[slug], mine = marker && marker.feature.properties.passages;
    if (!mine) return;
    var fresh = {};
    full.properties.passages.forEach(function (p) { fresh[p.article + "@" + p.start] = p; });
    mine.forEach(function (p) {
      var n = fresh[p.article + "@" + p.start];
      if (n) { p.reported = n.reported; p.apart = n.apart; }
    });
  }

  function refresh(slugs, done) {
    var todo = slugs.filter(function (s) { return !done[s] && api.markers[s]; });
    todo.forEach(function (s) { done[s] = true; });
    return Promise.all(todo.map(function (slug) {
      return CM.getJSON("/api/places/" + encodeURIComponent(slug)).then(function (full) { merge(slug, full); });
    }));
  }

  // After a write: the places of the old grouping, then those the new grouping brings in; then the open
  // popup is drawn again and focus goes to what now stands for the passage.
  function regroup(slug, article, start, focusOn) {
    var feature = api.markers[slug].feature, done = {}, before = placesOf(feature);
    return refresh(before, done).then(function () { return refresh(placesOf(feature), done); }).then(function () {
      var popup = api.map._popup, source = popup && popup._source;
      if (!popup || !api.map.hasLayer(popup) || !source || !source.feature) return;
      popup.setContent(function () { return CM.popupNode(source.feature); });
      var item = document.querySelector('.leaflet-popup .passages li[data-article="' + CSS.escape(article) +
                                        '"][data-start="' + start + '"]');
      var target = item && item.querySelector(focusOn);
      if (target) target.focus();
    });
  }

  function apartControl(passage, keep, label, focusOn) {
    var box = el("div", { class: "correction", role: "group", "aria-label": label });
    var out = el("p", { class: "correction-status", role: "status" });
    var gate = CM.tokenGate("apart-" + passage.article + "-" + passage.start, out);
    var button = el("button", { type: "button", class: "correction-button apart-button", text: label });
    button.addEventListener("click", function () {
      var slug = passage._place;
      gate.post("/api/articles/" + encodeURIComponent(passage.article) + "/apart", { start: passage.start, apart: keep },
        function () {
          out.textContent = keep ? "Kept apart. Updating…" : "Grouped again. Updating…";
          regroup(slug, passage.article, passage.start, focusOn).catch(function () {
            out.textContent = "Saved; reload the page to see the new grouping.";
          });
        });
    });
    [button, gate.node, out].forEach(function (n) { box.appendChild(n); });
    return box;
  }

  // What a popup shows under an event passage's line: how its reported event was grouped and "Not the same
  // event", or, for a passage a reader kept apart, that mark and its undo. null when neither applies.
  CM.groupingNode = function (passage) {
    if (CM.standalone) return null;
    if (passage.apart) {
      var kept = el("div", { class: "reported-apart" }, [
        el("p", { text: "A reader marked this report as a different event: it is not grouped with other reports." })]);
      kept.appendChild(apartControl(passage, false, "Same event after all (undo)", ".reported-why summary"));
      return kept;
    }
    var group = passage.reported;
    if (!group || !group.reports) return null;
    var why = el("details", { class: "reported-why" }, [el("summary", { text: "Why one event? Not the same?" })]);
    var others = group.reports.filter(function (r) { return !(r.article === passage.article && r.start === passage.start); });
    why.appendChild(el("p", { text:
      "Grouped with " + others.length + " passage" + (others.length === 1 ? "" : "s") + " of other articles: event " +
      "passages at the same place or within " + group.radius_km + " km, with overlapping event times and the same " +
      "event type. Sources are counted by publisher, so two articles of one publisher are one source." }));
    var list = el("ul", { class: "reported-list" });
    others.forEach(function (r) {
      var bits = [r.publisher || r.source, r.place_name ? "at " + r.place_name : "", r.type,
                  when(r.time) ? "event " + when(r.time) : ""].filter(Boolean);
      list.appendChild(el("li", {}, [readLink(r), " — " + bits.join(", ")]));
    });
    why.appendChild(list);
    why.appendChild(apartControl(passage, true, "Not the same event", ".apart-button"));
    return why;
  };
})();
