// A reader's corrections, from a popup or the reading view: "Not a place" and "This place instead".
// Each is POST /api/articles/<id>/overrides (the API turns it into a rule later articles follow),
// with the write token when the server asks for one (kept for this tab only). Mentions the
// geoparser doubts (confidence under the server's threshold, no rule) are marked uncertain.
(function () {
  "use strict";
  var CM = window.ConflictMap, el = CM.el, TOKEN = "conflictmap.token";

  CM.isUncertain = function (m) {
    var below = (CM.config || {}).uncertain_below;
    return below != null && m && m.rule == null && m.method !== "curated" && typeof m.confidence === "number" && m.confidence < below;
  };

  // "uncertain (confidence 0.42); also possible: Tripoli (LB, 85 km)"
  CM.doubtNote = function (m) {
    var also = (m.candidates || []).slice(0, 3).map(function (c) {
      if (typeof c === "string") return c;
      var where = [c.country, c.distance_km != null ? Math.round(c.distance_km) + " km away" : null].filter(Boolean).join(", ");
      return c.name + (where ? " (" + where + ")" : "");
    });
    return "Uncertain: the geoparser's confidence is " + m.confidence.toFixed(2) + (also.length ? "; also possible: " + also.join("; ") : "");
  };

  function token() { try { return sessionStorage.getItem(TOKEN) || ""; } catch (e) { return ""; } }

  function send(path, body) {
    var headers = { "Content-Type": "application/json" };
    if (token()) headers.Authorization = "Bearer " + token();
    return fetch(path, { method: "POST", headers: headers, body: JSON.stringify(body) }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
    });
  }

  // A write from the page (a correction, "not the same event"): POST path with the tab's write token. When
  // the server refuses it for want of a token, the row asks for one, keeps it for the tab, and sends again.
  // Returns {node: the token row, post(path, body, done)}; `out` is where the outcome is said.
  CM.tokenGate = function (idBase, out) {
    var row = el("p", { class: "correction-token", hidden: "" });
    var field = el("input", { id: "token-" + idBase, type: "password", autocomplete: "off" });
    row.appendChild(el("label", { for: field.id, text: "Write token" }));
    row.appendChild(field);
    var pending = null;
    function post(path, body, done) {
      pending = function () { post(path, body, done); };
      out.textContent = "Saving…";
      send(path, body).then(function (r) {
        if (r.status === 401 || r.status === 403) {
          row.hidden = false;
          field.focus();
          out.textContent = (r.data.error && r.data.error.message) || "This server needs a write token.";
          return;
        }
        if (r.status >= 400) { out.textContent = (r.data.error && r.data.error.message) || "Not saved (HTTP " + r.status + ")"; return; }
        row.hidden = true;
        done(r.data);
      }).catch(function () { out.textContent = "Not saved: the server did not answer."; });
    }
    field.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      e.preventDefault();
      try { sessionStorage.setItem(TOKEN, field.value); } catch (err) { /* not kept */ }
      if (pending) pending();
    });
    return { node: row, post: post };
  };

  function placeChoices() {
    var list = document.getElementById("correction-places");
    if (list) return list;
    list = el("datalist", { id: "correction-places" });
    ((window.conflictMap || {}).features || []).forEach(function (f) {
      list.appendChild(el("option", { value: f.id, label: f.properties.name }));
    });
    document.body.appendChild(list);
    return list;
  }

  // The two buttons for one mention; the form says what happened, and asks for the token if needed.
  CM.correctionNode = function (article, mention, name) {
    var box = el("div", { class: "correction", role: "group", "aria-label": "Correct “" + name + "”" });
    var out = el("p", { class: "correction-status", role: "status" });
    var not = el("button", { type: "button", class: "correction-button", text: "Not a place" });
    var instead = el("button", { type: "button", class: "correction-button", text: "This place instead…", "aria-expanded": "false" });
    var form = el("form", { class: "correction-form", hidden: "" });
    var fieldId = "instead-" + article + "-" + mention.start;
    form.appendChild(el("label", { for: fieldId, text: "Place for “" + name + "” (a place on the map, or a GeoNames id)" }));
    var field = el("input", { id: fieldId, name: "place", list: placeChoices().id, required: "", autocomplete: "off" });
    form.appendChild(field);
    form.appendChild(el("button", { type: "submit", class: "correction-button", text: "Place it here" }));
    var gate = CM.tokenGate(article + "-" + mention.start, out);
    var path = "/api/articles/" + encodeURIComponent(article) + "/overrides";

    function submit(body) {
      gate.post(path, L.extend({ start: mention.start, end: mention.end }, body), function () {
        out.textContent = "Saved as a rule: later articles follow it. Reloading…";
        setTimeout(function () { location.reload(); }, 400);
      });
    }

    not.addEventListener("click", function () { submit({ not_a_place: true }); });
    instead.addEventListener("click", function () {
      form.hidden = !form.hidden;
      instead.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) field.focus();
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var v = field.value.trim();
      if (v) submit(/^\d+$/.test(v) ? { gazetteer_id: v } : { place: v });
    });
    [not, instead, form, gate.node, out].forEach(function (n) { box.appendChild(n); });
    return box;
  };

  // The reading view: uncertain mentions marked, and a correction bar for the mention chosen.
  document.addEventListener("conflictmap:init", function (event) {
    var api = event.detail.api, article = api.config.article;
    if (!article) return;
    var bar = document.getElementById("reading-correction");
    CM.getJSON("/api/articles/" + encodeURIComponent(article)).then(function (detail) {
      var byStart = {};
      detail.mentions.forEach(function (m) { byStart[m.start] = m; });
      document.querySelectorAll(".mention[data-start]").forEach(function (button) {
        var m = byStart[+button.getAttribute("data-start")];
        if (!m) return;
        if (CM.isUncertain(m)) {
          button.classList.add("uncertain");
          button.title = CM.doubtNote(m);
        }
        button.addEventListener("click", function () {
          if (!bar) return;
          bar.textContent = "";
          bar.appendChild(el("p", { class: "correction-what", text: "“" + m.text + "” is placed at " + m.place + (m.rule ? " by rule " + m.rule : "") + "." }));
          bar.appendChild(CM.correctionNode(article, m, m.text));
          bar.hidden = false;
        });
      });
    }).catch(function () {});
  });
})();
