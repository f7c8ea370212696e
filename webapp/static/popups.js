// A place's popup: its name, kind and precision, region, nearest places, and the verbatim
// passages that name it, each with its article, dates and a link into the reading view.
(function () {
  "use strict";
  var CM = window.ConflictMap, el = CM.el;

  CM.PRECISION = { 1: "exact town", 2: "near a town / part of a region", 3: "region or country" };

  // Which passages the reader's filters (article, time) let through; null lets all through.
  CM.passageFilter = null;
  CM.visiblePassages = function (feature) {
    var all = feature.properties.passages || [];
    return CM.passageFilter ? all.filter(CM.passageFilter) : all;
  };

  // Spans to mark in a passage: its place mentions, then the cue words that made it an event (or background).
  // Offsets are into the article; a mention is {start, end, role, role_cues} or [start, end].
  CM.markedSpans = function (passage) {
    var spans = [];
    (passage.mentions || []).forEach(function (m) {
      var s = m.start != null ? m.start : m[0], e = m.end != null ? m.end : m[1];
      spans.push({ start: s, end: e, cls: "", title: m.role ? "mention (" + m.role + ")" : "" });
      (m.role_cues || []).forEach(function (c) { spans.push({ start: c[0], end: c[1], cls: "cue", title: "why: " + m.role }); });
    });
    ((passage.event || {}).cues || []).forEach(function (c) {
      spans.push({ start: c.start, end: c.end, cls: "cue", title: "event words" });
    });
    spans.sort(function (a, b) { return a.start - b.start || (a.cls ? 1 : -1); });
    return spans;
  };

  CM.quoteNode = function (passage, tag) {
    var quote = el(tag || "blockquote", { class: "passage" });
    var text = passage.text, at = 0;
    CM.markedSpans(passage).forEach(function (span) {
      var s = span.start - passage.start, e = span.end - passage.start;
      if (s < at || e > text.length) return;
      quote.appendChild(document.createTextNode(text.slice(at, s)));
      var attrs = { text: text.slice(s, e) };
      if (span.cls) attrs.class = span.cls;
      if (span.title) attrs.title = span.title;
      quote.appendChild(el("mark", attrs));
      at = e;
    });
    quote.appendChild(document.createTextNode(text.slice(at)));
    return quote;
  };

  // "Battles · Armed clash · Syrian Democratic Forces, Militants · 3 killed · reported by 2 sources"
  function eventLine(passage) {
    var ev = passage.event;
    if (!ev || !ev.type) return null;
    var parts = [ev.type];
    if (ev.sub_type) parts.push(ev.sub_type);
    if (ev.actors && ev.actors.length) parts.push(ev.actors.join(", "));
    if (typeof ev.fatalities === "number") parts.push(ev.fatalities + " killed (lowest stated)");
    var line = el("p", { class: "event-line" }, [parts.join(" · ")]);
    var group = passage.reported;
    if (group && group.source_count) {
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(el("span", { class: "reported-by", title: "Sources: " + group.sources.join("; ") },
        ["reported by " + group.source_count + " source" + (group.source_count === 1 ? "" : "s")]));
    }
    return line;
  }

  // A passage with its place mentions and cue words marked.
  function passageNode(passage) {
    var quote = CM.quoteNode(passage);
    var cite = el("p", { class: "passage-source" }, ["— ", el("cite", { text: passage.title })]);
    var ev = passage.time || {};
    if (ev.precision && ev.precision !== "published") {
      // the event's date, resolved from the passage's own words against the publication date
      cite.appendChild(document.createTextNode(", "));
      cite.appendChild(el("span", { class: "event-time", title: "Resolved from “" + ev.words + "”" }, [
        "event " + ev.label]));
    }
    cite.appendChild(document.createTextNode(", reported "));
    cite.appendChild(el("time", { datetime: passage.published, text: CM.formatDate(passage.published) }));
    if (!CM.standalone) {  // a file opened from disk has no reading view to link to
      cite.appendChild(document.createTextNode(" · "));
      cite.appendChild(el("a", {
        class: "read-link", href: "/articles/" + encodeURIComponent(passage.article) + "#offset-" + passage.start,
        text: "read in the article",
      }));
    }
    var children = [quote];
    var line = CM.isEventAt && CM.isEventAt(passage, passage._place) ? eventLine(passage) : null;
    if (line) children.push(line);
    children.push(cite);
    var mine = (passage.mentions || []).filter(function (m) { return m.start != null && (!m.place || m.place === passage._place); })[0];
    if (mine && CM.isUncertain && CM.isUncertain(mine)) children.push(el("p", { class: "popup-doubt", text: CM.doubtNote(mine) }));
    var grouping = line && CM.groupingNode ? CM.groupingNode(passage) : null;  // grouping.js: why grouped, "Not the same event"
    if (grouping) children.push(grouping);
    if (mine && !CM.standalone && CM.correctionNode) {
      var fix = el("details", { class: "popup-correct" }, [el("summary", { text: "Wrong place? Correct it" })]);
      fix.appendChild(CM.correctionNode(passage.article, mine, passage.text.slice(mine.start - passage.start, mine.end - passage.start)));
      children.push(fix);
    }
    return el("li", { "data-article": passage.article, "data-start": String(passage.start) }, children);
  }

  // "In Dayr Az Zawr, Syria": what contains the place. The containing region is looked up from the
  // marker's point, which says nothing about a continent, a sea or a river (Europe's point lies in
  // Germany), and a country or province is not inside itself.
  var WIDER_THAN_A_COUNTRY = { continent: 1, ocean: 1, sea: 1, gulf: 1, strait: 1, river: 1, region: 1, country: 1 };
  CM.regionLine = function (p) {
    var r = p.region;
    if (!r || WIDER_THAN_A_COUNTRY[p.kind]) return "";
    var parts = p.kind === "province" ? [r.country] : [r.admin1, r.country];
    parts = parts.filter(function (x) { return x && x !== p.name; });
    return parts.length ? "In " + parts.join(", ") : "";
  };

  CM.popupNode = function (feature) {
    var p = feature.properties;
    var heading = el("h2", { class: "popup-title" }, [p.name]);
    if (p.name_ar) heading.appendChild(el("span", { class: "name-ar", lang: "ar", dir: "rtl", text: p.name_ar }));
    var meta = el("p", { class: "popup-meta" }, [p.kind + " · precision " + p.precision + " (" + CM.PRECISION[p.precision] + ")"]);
    var children = [heading, meta];
    var where = CM.regionLine(p);
    if (where) children.push(el("p", { class: "popup-region", title: p.region.source }, [where]));
    if (p.nearest && p.nearest.length) {
      children.push(el("p", { class: "popup-nearest" }, [p.nearest.map(function (n) { return n.text; }).join("; ")]));
    }
    var list = el("ol", { class: "passages", "aria-label": "Passages naming " + p.name });
    var shown = CM.visiblePassages(feature);
    shown.forEach(function (passage) { passage._place = feature.id; list.appendChild(passageNode(passage)); });
    var dead = CM.fatalitiesAt ? CM.fatalitiesAt(shown, feature.id) : { stated: 0 };
    if (dead.stated) {
      children.push(el("p", { class: "popup-fatalities" }, [
        "Fatalities stated here: " + dead.sum + " (the lowest figure of each of " + dead.stated + " passage" +
        (dead.stated === 1 ? "" : "s") + " shown)"]));
    }
    children.push(list);
    children.push(el("p", { class: "popup-source" }, ["Coordinates: " + p.source]));
    return el("div", { class: "popup", tabindex: "-1", "data-place": feature.id }, children);
  };
})();
