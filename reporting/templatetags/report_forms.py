"""The dashboard's filter form: the <option>s of its selects rendered in Python.

Every dashboard page shows the form, whose organisation and consultant lists run to
a hundred options or more; one template loop with a comparison per option cost more
than the rest of a small page's template.
"""
from html import escape  # the same entities as django.utils.html.escape, without a SafeString per call

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(bound_field):
    """<option value="…"[ selected]>label</option> for each choice; the bound value (as text) selected."""
    current = str(bound_field.value())
    parts = []
    for value, label in bound_field.field.choices:
        value = str(value)
        selected = " selected" if value == current else ""
        parts.append(f'<option value="{escape(value)}"{selected}>{escape(label)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - values and labels escaped above
