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
