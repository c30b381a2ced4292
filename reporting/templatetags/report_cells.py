"""Rendering report cells: Swedish numbers, suppressed cells, risen values marked by symbol and text."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


@register.simple_tag
def table_rows(table):
    """The <tr> rows of a report table's body, built here rather than in template loops (a large page's
    thousands of cells render several times faster); the markup is that of one `cell` per cell."""
    if not table.rows:
        return format_html('<tr><td colspan="{}">{}</td></tr>\n', len(table.columns),
                           _("Inga uppgifter för perioden."))
    parts = []
    for row in table.rows:
        parts.append("<tr>")
        for i, c in enumerate(row):
            if i == 0:
                parts += ['<th scope="row">', cell(c), "</th>"]
            else:
                numeric = c.kind not in ("text", "date")
                parts += ['<td class="text-end">' if numeric else "<td>", cell(c), "</td>"]
        parts.append("</tr>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every cell is escaped by `cell`


@register.filter
def report_number(value, kind):
    return format_value(value, kind)
