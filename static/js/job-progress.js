/* Background jobs on a page: while the region [data-job-poll] holds an element marked
   [data-job-active], fetch the page again every data-job-poll-seconds (default 2) and put the
   new region in place of the old; stop once no job is active (done or failed). Without
   JavaScript the region offers a link that reloads the page. When the fresh page has no such
   region any more (the job ended in another view, e.g. a preview), the whole page is loaded.
   No inline script (CSP). */
(function () {
  "use strict";
  var region = document.querySelector("[data-job-poll]");
  if (!region || !region.id || !window.fetch || !window.DOMParser) { return; }
  var seconds = parseFloat(region.getAttribute("data-job-poll-seconds")) || 2;
  var url = region.getAttribute("data-job-poll-url") || window.location.href;

  function active() { return region.querySelector("[data-job-active]") !== null; }

  function poll() {
    if (!active()) { return; }
    fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(region.id);
        if (fresh) {
          region.innerHTML = fresh.innerHTML;
          region.setAttribute("aria-busy", fresh.getAttribute("aria-busy") || "false");
        } else {
          window.location.reload();  // the job is done and the page shows something else (a preview)
        }
      })
      .catch(function () { /* try again at the next tick */ })
      .then(function () { if (active()) { window.setTimeout(poll, seconds * 1000); } });
  }
  region.querySelectorAll("[data-job-reload]").forEach(function (link) { link.hidden = true; });
  if (active()) { window.setTimeout(poll, seconds * 1000); }
})();
