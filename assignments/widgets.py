"""A type-ahead choice: a text field whose typed name is resolved on the server.

The widget renders a visible text input `<name>_text` and a hidden `<name>` with the chosen row's
key. Without JavaScript a person types a name and the field finds the one row it matches (or says,
in Swedish, that none or several do). With JavaScript (assignments/static/assignments/typeahead.js)
the text input becomes an ARIA 1.2 combobox whose suggestions come from `suggest_url`, and picking
one fills the hidden key. A key is trusted only while the text still reads as that row's label, so a
stale key never overrides what was typed.
"""
from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .search import fold

TEXT_SUFFIX = "_text"
AMBIGUOUS_SHOWN = 5


class TypeaheadWidget(forms.Widget):
    template_name = "assignments/widgets/typeahead.html"

    def __init__(self, *, suggest_url: str, narrow_by: str = "", attrs=None):
        super().__init__(attrs)
        self.suggest_url = suggest_url
        self.narrow_by = narrow_by  # the name of another type-ahead whose key narrows the suggestions
        self.queryset = None
        self.label_of: Callable = str
        self.group_of: Callable | None = None

    def value_from_datadict(self, data, files, name):
        return data.get(name), data.get(name + TEXT_SUFFIX)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + TEXT_SUFFIX not in data

    def _chosen(self, key):
        if key in (None, "") or self.queryset is None:
            return None
        try:
            return self.queryset.filter(pk=key).first()
        except (ValueError, TypeError, ValidationError):
            return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        key, text = value if isinstance(value, tuple) else (value, None)
        chosen = self._chosen(key)
        if text is None:
            text = self.label_of(chosen) if chosen is not None else ""
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"].update({
            "key": "" if key is None else key,
            "text": text,
            "text_name": name + TEXT_SUFFIX,
            "key_id": f"{widget_id}_key",
            "suggest_url": reverse(self.suggest_url),
            "narrow_by": self.narrow_by,
            "group": self.group_of(chosen) if chosen is not None and self.group_of else "",
        })
        return context


class TypeaheadChoiceField(forms.ModelChoiceField):
    """A model choice made by typing: the hidden key if the text still names it, else the typed name.

    `match(queryset, text)` returns the rows the text names (assignments/typeahead.py); `noun` and
    `nouns` are the Swedish words used in the errors ("kund", "kunder").
    """

    def __init__(self, queryset, *, match: Callable, noun: str, nouns: str, suggest_url: str,
                 narrow_by: str = "", label_of: Callable = str, group_of: Callable | None = None, **kwargs):
        self.match = match
        self.noun, self.nouns = noun, nouns
        self.label_of = label_of
        self.narrowed_to = None  # a row that narrows the typed-name search, set by the form while cleaning
        kwargs.setdefault("widget", TypeaheadWidget(suggest_url=suggest_url, narrow_by=narrow_by))
        super().__init__(queryset, **kwargs)
        self.widget.label_of = label_of
        self.widget.group_of = group_of

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return self.label_of(obj)

    def clean(self, value):
        key, text = value if isinstance(value, tuple) else (value, None)
        if text is None:  # posted by a client that sends only the key
            return super().clean(key)
        text = text.strip()
        if not text:
            return super().clean(None)
        chosen = self.widget._chosen(key)
        if chosen is not None and fold(self.label_of(chosen)) == fold(text):
            self.validate(chosen)
            return chosen
        return self._resolve(text)

    def _resolve(self, text: str):
        found = list(self.match(self.queryset, text, self.narrowed_to)[:AMBIGUOUS_SHOWN + 1])
        exact = [row for row in found if fold(self.label_of(row)) == fold(text) or fold(row.name) == fold(text)]
        if len(exact) == 1:
            return exact[0]
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                _("Ingen %(noun)s matchar ”%(text)s”. Kontrollera stavningen eller skriv en del av namnet."),
                code="no_match", params={"noun": self.noun, "text": text},
            )
        names = ", ".join(self.label_of(row) for row in found[:AMBIGUOUS_SHOWN])
        more = "…" if len(found) > AMBIGUOUS_SHOWN else ""
        raise ValidationError(
            _("Flera %(nouns)s matchar ”%(text)s”: %(names)s%(more)s. Skriv mer av namnet."),
            code="ambiguous", params={"nouns": self.nouns, "text": text, "names": names, "more": more},
        )

    def has_changed(self, initial, data):
        key = data[0] if isinstance(data, tuple) else data
        return super().has_changed(initial, key)
