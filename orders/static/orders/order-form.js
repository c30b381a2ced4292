/* Suggestions for the organisation field: the register's names in the field's <datalist>.
   Without JavaScript the field takes any name, and a name the register lacks is checked by a coordinator. */
(function () {
  "use strict";
  var input = document.getElementById("id_organisation_name");
  var list = document.getElementById("organisation-suggestions");
  if (!input || !list) { return; }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";
  function fill(names) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  }
  input.addEventListener("input", function () {
    var text = input.value.trim();
    window.clearTimeout(timer);
    if (text.length < 2 || text === last) { return; }
    timer = window.setTimeout(function () {
      last = text;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { fill(data.results || []); })
        .catch(function () { fill([]); });
    }, 200);
  });
}());
