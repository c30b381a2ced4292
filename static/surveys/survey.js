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

  // The language switch: with answers typed, post them with the chosen language so the form comes
  // back in that language with the answers kept (nothing is stored); without, follow the link.
  function answered() {
    if (form.querySelector("input[type=radio]:checked")) { return true; }
    return Array.prototype.some.call(form.querySelectorAll("textarea"), function (t) { return t.value.trim(); });
  }
  document.querySelectorAll("[data-language-switch] a[data-language]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!answered() || form.getAttribute("data-submitted")) { return; }
      event.preventDefault();
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = form.getAttribute("data-switch-field");
      input.value = link.getAttribute("data-language");
      form.appendChild(input);
      form.setAttribute("data-submitted", "1");
      form.submit();
    });
  });

  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-submitted")) { event.preventDefault(); return; }
    form.setAttribute("data-submitted", "1");
  });
})();
