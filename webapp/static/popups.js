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
    cite.appendChild(el("time", { datetime: passage.published, text: CM.formatDate(passage.published) }));
    if (!CM.standalone) {  // a file opened from disk has no reading view to link to
      cite.appendChild(document.createTextNode(" · "));
      cite.appendChild(el("a", {
        class: "read-link", href: "/articles/" + encodeURIComponent(passage.article) + "#offset-" + passage.start,
        text: "read in the article",
      }));
    }
    return el("li", { "data-article": passage.article, "data-start": String(passage.start) }, [quote, cite]);
  }

  CM.popupNode = function (feature) {
    var p = feature.properties;
    var heading = el("h2", { class: "popup-title" }, [p.name]);
    if (p.name_ar) heading.appendChild(el("span", { class: "name-ar", lang: "ar", dir: "rtl", text: p.name_ar }));
    var meta = el("p", { class: "popup-meta" }, [p.kind + " · precision " + p.precision + " (" + CM.PRECISION[p.precision] + ")"]);
    var children = [heading, meta];
    if (p.region && (p.region.admin1 || p.region.country)) {
      children.push(el("p", { class: "popup-region", title: p.region.source }, [
        "In " + [p.region.admin1, p.region.country].filter(Boolean).join(", ")]));
    }
    if (p.nearest && p.nearest.length) {
      children.push(el("p", { class: "popup-nearest" }, [p.nearest.map(function (n) { return n.text; }).join("; ")]));
    }
    var list = el("ol", { class: "passages", "aria-label": "Passages naming " + p.name });
    CM.visiblePassages(feature).forEach(function (passage) { list.appendChild(passageNode(passage)); });
    children.push(list);
    children.push(el("p", { class: "popup-source" }, ["Coordinates: " + p.source]));
    return el("div", { class: "popup", tabindex: "-1", "data-place": feature.id }, children);
  };
})();
