/* A visible cue on wide tables that scroll inside their own region (.table-responsive,
   .table-scroll): "Tabellen kan rullas i sidled" above the region and a shadow on the side
   with more to see, shown only while the region really overflows. Text from the page's
   <body data-scroll-hint>, so it is translated with the rest. No inline script (CSP). */
(function () {
  "use strict";
  var text = document.body.getAttribute("data-scroll-hint") || "";
  var regions = Array.prototype.slice.call(document.querySelectorAll(".table-responsive, .table-scroll"));

  function hintFor(region) {
    var hint = region.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) return hint;
    hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.textContent = text;
    region.parentNode.insertBefore(hint, region);
    return hint;
  }

  function update(region) {
    var overflowing = region.scrollWidth > region.clientWidth + 1;
    region.classList.toggle("is-overflowing", overflowing);
    region.classList.toggle("is-scrolled-end",
      overflowing && region.scrollLeft + region.clientWidth >= region.scrollWidth - 1);
    hintFor(region).classList.toggle("is-shown", overflowing);
  }

  regions.forEach(function (region) {
    update(region);
    region.addEventListener("scroll", function () { update(region); }, { passive: true });
  });
  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () { regions.forEach(update); });
  });
})();
