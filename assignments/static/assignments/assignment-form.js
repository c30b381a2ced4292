// Assignment form: offer only the hiring managers of the chosen customer.
// Loaded as a static file (strict CSP: no inline script). Without JavaScript the
// form still works: the server checks that the contact belongs to the customer.
document.addEventListener("DOMContentLoaded", function () {
  var org = document.getElementById("id_organisation");
  var contact = document.getElementById("id_contact");
  if (!org || !contact) { return; }
  function sync() {
    var chosen = org.value;
    Array.prototype.forEach.call(contact.options, function (option) {
      var owner = option.getAttribute("data-organisation");
      var show = !owner || !chosen || owner === chosen;
      option.hidden = !show;
      option.disabled = !show;
    });
    var selected = contact.options[contact.selectedIndex];
    if (selected && selected.disabled) { contact.value = ""; }
  }
  org.addEventListener("change", sync);
  sync();
});

// A new assignment follows the chosen package's customer-survey default: off for
// packages without one (with the reason "omtag" for an Omtag). The user may change it
// afterwards; an existing assignment (it has a version) is never changed.
document.addEventListener("DOMContentLoaded", function () {
  var pkg = document.getElementById("id_package");
  var enabled = document.getElementById("id_surveys_enabled");
  var reason = document.getElementById("id_no_survey_reason");
  var version = document.getElementById("id_version");
  if (!pkg || !enabled || !reason || (version && version.value)) { return; }
  pkg.addEventListener("change", function () {
    var option = pkg.options[pkg.selectedIndex];
    if (!option || !option.getAttribute("data-survey-default")) { return; }
    var on = option.getAttribute("data-survey-default") === "1";
    enabled.checked = on;
    if (on) {
      reason.value = "";
    } else if (option.getAttribute("data-code") === "OMTAG") {
      reason.value = "omtag";
    }
  });
});
