// The side list of places and the sidebar toggle: a list item opens its place's popup, the open
// popup marks its list item, and on a phone the list folds away behind the toggle.
(function () {
  "use strict";
  var CM = window.ConflictMap;

  function highlight(slug) {
    document.querySelectorAll(".place-item").forEach(function (b) {
      var on = b.getAttribute("data-place") === slug;
      b.classList.toggle("active", on);
      if (on) b.setAttribute("aria-current", "true"); else b.removeAttribute("aria-current");
    });
  }

  CM.initList = function (api) {
    var toggle = document.getElementById("sidebar-toggle"); // absent on embed pages
    var reading = document.body.classList.contains("reading-page");
    function setSidebar(open) {
      if (!toggle) return;
      document.body.classList.toggle("sidebar-closed", !open);
      toggle.setAttribute("aria-expanded", String(open));
      // on a phone the text covers the map: the button says which one a tap brings
      if (reading && CM.isPhone()) toggle.textContent = open ? "Map" : "Text";
      setTimeout(function () { api.map.invalidateSize(); }, 0);
    }
    if (toggle) toggle.addEventListener("click", function () {
      setSidebar(document.body.classList.contains("sidebar-closed"));
    });
    if (CM.isPhone()) setSidebar(reading); // the reading view opens on its text, the map on the map

    document.querySelectorAll(".place-item").forEach(function (button) {
      button.addEventListener("click", function () {
        var slug = button.getAttribute("data-place");
        api.openPlace(slug, true);
        if (CM.isPhone()) setSidebar(false);
        if (!CM.standalone && history.replaceState) history.replaceState(null, "", "/place/" + encodeURIComponent(slug));
      });
    });
    document.addEventListener("conflictmap:select", function (e) { highlight(e.detail.place); });
    // the list's count says how many places the filters leave, of how many
    var count = document.querySelector("#places-heading .count");
    var total = count ? count.textContent : "";
    document.addEventListener("conflictmap:filtered", function (e) {
      // a large archive lists only its most quoted places: its count stays the archive's
      if (!count || e.detail.total !== document.querySelectorAll(".place-item").length) return;
      count.textContent = e.detail.shown === e.detail.total ? total : "(" + e.detail.shown + " of " + total.replace(/[()]/g, "") + ")";
    });
    return { setSidebar: setSidebar };
  };
})();
