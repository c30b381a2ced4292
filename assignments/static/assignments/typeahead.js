// Type-ahead fields (assignments/widgets.py): the text input becomes an ARIA 1.2 combobox
// with a listbox popup. Typing asks the field's suggestion endpoint (JSON, at most 20 names,
// matched per word ignoring case and accents), arrow keys move through the suggestions,
// Enter picks, Escape closes (or, when closed, empties the field); a live region says how
// many matched. Picking fills the hidden key; typing again empties it, and the server then
// resolves the typed name itself, as it does when this script does not run.
// A <select> inside [data-typeahead-select] (the list's filters) becomes the same combobox
// over its own options, matched here by the same rule; without this script it stays a select.
// Loaded as a static file: the strict CSP allows no inline script or style.
(function () {
  "use strict";

  var DELAY = 150;
  var LIMIT = 20;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
  }

  function words(text) {
    return fold(text).match(/[\p{L}\p{N}_]+/gu) || [];
  }

  // Replace the select with a text input (it keeps the select's id, so its label names it),
  // a hidden input with the select's name and value, the listbox and the live region.
  function upgradeSelect(root) {
    var select = root.querySelector("select");
    var input = document.createElement("input");
    var key = document.createElement("input");
    var listbox = document.createElement("ul");
    var status = document.createElement("div");
    var chosen = select.options[select.selectedIndex];
    input.type = "text";
    input.id = select.id;
    input.className = select.className.replace("form-select", "form-control");
    input.autocomplete = "off";
    input.spellcheck = false;
    input.value = chosen && chosen.value ? chosen.text : "";
    input.setAttribute("data-typeahead-input", "");
    key.type = "hidden";
    key.name = select.name;
    key.value = select.value;
    key.setAttribute("data-typeahead-key", "");
    listbox.id = select.id + "_listbox";
    listbox.className = "typeahead-list list-unstyled";
    listbox.hidden = true;
    listbox.setAttribute("data-typeahead-listbox", "");
    listbox.setAttribute("data-label-prefix", root.getAttribute("data-label-prefix") || "");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    status.setAttribute("data-typeahead-status", "");
    var options = Array.prototype.filter.call(select.options, function (option) { return option.value; })
      .map(function (option) { return {value: option.value, label: option.text, folded: fold(option.text)}; });
    select.replaceWith(input, key, listbox, status);
    root.classList.add("typeahead");
    return options;
  }

  // The messages come from the page (data-msg-*, translated there), "{n}" standing for the count.
  function localMessage(root, count, more) {
    var name = more ? "data-msg-more" : (count === 0 ? "data-msg-none" : (count === 1 ? "data-msg-one" : "data-msg-many"));
    return (root.getAttribute(name) || "").replace("{n}", String(more ? LIMIT : count));
  }

  function localMatches(options, text) {
    var typed = words(text);
    if (!typed.length) { return []; }
    var found = options.filter(function (option) {
      return typed.every(function (word) { return option.folded.indexOf(word) !== -1; });
    });
    var first = found.filter(function (option) { return option.folded.indexOf(typed[0]) === 0; });
    return first.concat(found.filter(function (option) { return option.folded.indexOf(typed[0]) !== 0; }));
  }

  function Typeahead(root) {
    this.root = root;
    this.local = root.hasAttribute("data-typeahead-select") ? upgradeSelect(root) : null;
    this.input = root.querySelector("[data-typeahead-input]");
    this.key = root.querySelector("[data-typeahead-key]");
    this.listbox = root.querySelector("[data-typeahead-listbox]");
    this.status = root.querySelector("[data-typeahead-status]");
    this.url = root.getAttribute("data-suggest-url");
    this.narrowBy = root.getAttribute("data-narrow-by");
    this.active = -1;
    this.items = [];
    this.timer = null;
    this.request = 0;
    this.setUp();
  }

  Typeahead.prototype.setUp = function () {
    var self = this;
    var label = document.querySelector('label[for="' + this.input.id + '"]');
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);
    this.listbox.setAttribute("role", "listbox");
    if (label) {
      this.listbox.setAttribute("aria-label", (this.listbox.getAttribute("data-label-prefix") || "") + " " +
        label.textContent.replace("*", "").trim());
    }
    this.input.addEventListener("input", function () {
      self.setKey("", "");
      self.schedule();
    });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
      if (self.local && !self.key.value && self.input.value.trim()) {
        var found = localMatches(self.local, self.input.value);
        if (found.length === 1) { self.setChoice(found[0].value, found[0].label, ""); }
      }
    });
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { self.pick(Number(option.getAttribute("data-index"))); }
    });
  };

  Typeahead.prototype.isOpen = function () {
    return this.input.getAttribute("aria-expanded") === "true";
  };

  Typeahead.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.fetch(); }, DELAY);
  };

  Typeahead.prototype.narrowKey = function () {
    if (!this.narrowBy) { return ""; }
    var other = this.input.form && this.input.form.elements[this.narrowBy];
    return other ? other.value : "";
  };

  Typeahead.prototype.fetch = function () {
    var self = this;
    var text = this.input.value.trim();
    if (!text) { this.close(); this.status.textContent = ""; return; }
    if (this.local) {
      var found = localMatches(this.local, text);
      var more = found.length > LIMIT;
      found = found.slice(0, LIMIT);
      this.show({results: found, more: more, message: localMessage(this.root, found.length, more)});
      return;
    }
    var params = new URLSearchParams({q: text});
    var narrow = this.narrowKey();
    if (narrow) { params.set(this.narrowBy, narrow); }
    var request = ++this.request;
    window.fetch(this.url + "?" + params.toString(), {
      headers: {"Accept": "application/json"}, credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (request === self.request) { self.show(data); }
    }).catch(function () {
      if (request === self.request) { self.close(); }
    });
  };

  Typeahead.prototype.show = function (data) {
    var self = this;
    this.items = data.results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.listbox.replaceChildren();
    this.items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "_" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.className = "typeahead-option";
      option.textContent = item.label;
      self.listbox.appendChild(option);
    });
    this.status.textContent = data.message;
    if (this.items.length && document.activeElement === this.input) {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    } else {
      this.close();
    }
  };

  Typeahead.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Typeahead.prototype.move = function (step) {
    var count = this.items.length;
    if (!count) { return; }
    var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    var options = this.listbox.querySelectorAll("[role=option]");
    if (this.active >= 0) {
      options[this.active].setAttribute("aria-selected", "false");
      options[this.active].classList.remove("active");
    }
    this.active = next;
    options[next].setAttribute("aria-selected", "true");
    options[next].classList.add("active");
    options[next].scrollIntoView({block: "nearest"});
    this.input.setAttribute("aria-activedescendant", options[next].id);
  };

  Typeahead.prototype.onKey = function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!this.isOpen()) {
        if (this.items.length && this.input.value.trim()) {
          this.listbox.hidden = false;
          this.input.setAttribute("aria-expanded", "true");
        } else {
          this.fetch();
          return;
        }
      }
      this.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      if (this.isOpen() && this.active >= 0) {
        event.preventDefault();
        this.pick(this.active);
      }
    } else if (event.key === "Escape") {
      if (this.isOpen()) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
        this.setKey("", "");
      }
    }
  };

  Typeahead.prototype.pick = function (index) {
    var item = this.items[index];
    if (!item) { return; }
    this.input.value = item.label;
    this.setKey(String(item.value), item.group === undefined ? "" : String(item.group));
    this.close();
    this.status.textContent = "";
    this.root.dispatchEvent(new CustomEvent("typeahead:pick", {bubbles: true, detail: item}));
  };

  Typeahead.prototype.setKey = function (value, group) {
    if (this.key.value === value) { return; }
    this.key.value = value;
    this.key.setAttribute("data-group", group);
    this.root.dispatchEvent(new CustomEvent("typeahead:change", {bubbles: true}));
  };

  Typeahead.prototype.setChoice = function (value, label, group) {
    this.input.value = label;
    this.setKey(value, group || "");
  };

  // A narrowed field (a hiring manager within a customer) follows the field it depends on:
  // a new customer empties a manager of another customer, and a manager picked first fills
  // in an empty customer.
  function link(fields) {
    fields.forEach(function (field) {
      if (!field.narrowBy) { return; }
      var parent = fields.filter(function (f) { return f.key.name === field.narrowBy; })[0];
      if (!parent) { return; }
      parent.root.addEventListener("typeahead:change", function () {
        var group = field.key.getAttribute("data-group");
        if (field.key.value && parent.key.value && group && group !== parent.key.value) { field.setChoice("", "", ""); }
      });
      field.root.addEventListener("typeahead:pick", function (event) {
        var item = event.detail;
        if (!parent.key.value && item.group !== undefined) {
          parent.setChoice(String(item.group), item.group_label, "");
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var roots = document.querySelectorAll("[data-typeahead], [data-typeahead-select]");
    var fields = Array.prototype.map.call(roots, function (root) {
      return new Typeahead(root);
    });
    link(fields);
  });
}());
