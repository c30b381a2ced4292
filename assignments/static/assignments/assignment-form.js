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
