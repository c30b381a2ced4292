/* Survey answer form: focus the error summary, show conditional questions only when they apply,
   and stop a second submit from a double click. Without JavaScript every question is shown with
   its "Besvara bara om ..." hint and the server ignores answers whose condition does not hold. */
(function () {
  "use strict";
  var form = document.querySelector("[data-survey-form]");
  if (!form) { return; }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  function checkedValue(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value.toLowerCase() : "";
  }
  function applyConditions() {
    form.querySelectorAll("[data-condition-key]").forEach(function (block) {
      var show = checkedValue(block.getAttribute("data-condition-key")) ===
        block.getAttribute("data-condition-equals").toLowerCase();
      block.hidden = !show;
    });
  }
  form.addEventListener("change", applyConditions);
  applyConditions();

  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-submitted")) { event.preventDefault(); return; }
    form.setAttribute("data-submitted", "1");
  });
})();
