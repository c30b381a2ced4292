"""Rendering report cells: Swedish numbers, suppressed cells, risen values marked by symbol and text."""
from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from reporting.formatting import format_value

register = template.Library()


@register.simple_tag
def cell(c):
    if c.hidden:
        return format_html('<span class="suppressed">{}</span>', _("För få svar för att visa"))
    if c.value is None or c.value == "":
        return format_html('<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>',
                           _("ingen uppgift"))
    text = format_html("{}", format_value(c.value, c.kind))
    if c.note:
        text = format_html('{} <span class="cell-note">{}</span>', text, c.note)
    if c.rose:
        text = format_html('{} <span class="rose" aria-hidden="true">▲</span><span class="visually-hidden">{}</span>',
                           text, _("ökning"))
    return text


@register.filter
def report_number(value, kind):
    return format_value(value, kind)
