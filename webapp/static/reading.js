// Reading view: the article's place mentions and the map, linked both ways.
// A mention (a <button data-place>) opens its place's popup and pans there; opening a marker's popup
// highlights that place's mentions in the text and scrolls to the first. Runs on the
// "conflictmap:init" event of app.js, before the page is marked ready.
(function () {
  "use strict";
  var CM = window.ConflictMap;

  document.addEventListener("conflictmap:init", function (event) {
    var api = event.detail.api;
    var articleId = api.config.article;
    if (!articleId) return;
    // popups in the reading view quote this article only
    api.setFilter(function (passage) { return passage.article === articleId; });

    var mentions = Array.prototype.slice.call(document.querySelectorAll(".mention[data-place]"));
    mentions.forEach(function (button) {
      button.addEventListener("click", function () {
        var slug = button.getAttribute("data-place");
        if (CM.isPhone()) {
          document.getElementById("sidebar-toggle").click();
        }
        api.openPlace(slug, false);
      });
    });

    document.addEventListener("conflictmap:select", function (e) {
      var slug = e.detail.place, first = null;
      mentions.forEach(function (button) {
        var on = button.getAttribute("data-place") === slug;
        button.classList.toggle("highlight", on);
        if (on) button.setAttribute("aria-current", "true"); else button.removeAttribute("aria-current");
        if (on && !first) first = button;
      });
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    });

    api.map.on("popupclose", function () {
      mentions.forEach(function (button) {
        button.classList.remove("highlight");
        button.removeAttribute("aria-current");
      });
    });

    // /articles/<id>#offset-<start>: the passage a popup linked to, shown and marked
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) {
      target.classList.add("linked");
      target.scrollIntoView({ block: "center" });
    }
  });
})();
