"""Rendering report cells: Swedish numbers, suppressed cells, risen values marked by symbol and text."""
from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reporting.formatting import format_value

register = template.Library()


def _fixed_markup() -> dict[str, str]:
    """The markup that is the same for many cells, in the active language."""
    return {
        "suppressed": f'<span class="suppressed">{escape(_("För få svar för att visa"))}</span>',
        "empty": f'<span aria-hidden="true">–</span><span class="visually-hidden">{escape(_("ingen uppgift"))}</span>',
        "rose": f' <span class="rose" aria-hidden="true">▲</span><span class="visually-hidden">{escape(_("ökning"))}'
                "</span>",
    }


def _cell_html(c, fixed: dict[str, str]) -> str:
    """One cell's content, every text escaped."""
    if c.hidden:
        return fixed["suppressed"]
    if c.value is None or c.value == "":
        return fixed["empty"]
    text = escape(format_value(c.value, c.kind))
    if c.note:  # the value keeps an element of its own: "10,00" stays one readable token
        text = f'<span class="cell-value">{text}</span> <span class="cell-note">{escape(c.note)}</span>'
    if c.rose:
        text += fixed["rose"]
    return text


@register.simple_tag
def cell(c):
    return mark_safe(_cell_html(c, _fixed_markup()))  # noqa: S308 - escaped in _cell_html


@register.simple_tag
def table_rows(table):
    """The <tr> rows of a report table's body, built here rather than in template loops (a large page's
    thousands of cells render several times faster); the markup is that of one `cell` per cell."""
    if not table.rows:
        return format_html('<tr><td colspan="{}">{}</td></tr>\n', len(table.columns),
                           _("Inga uppgifter för perioden."))
    fixed = _fixed_markup()
    parts = []
    for row in table.rows:
        parts += ['<tr><th scope="row">', _cell_html(row[0], fixed), "</th>"]
        for c in row[1:]:
            numeric = c.kind not in ("text", "date")
            parts += ['<td class="text-end">' if numeric else "<td>", _cell_html(c, fixed), "</td>"]
        parts.append("</tr>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every cell is escaped by `_cell_html`


@register.filter
def report_number(value, kind):
    return format_value(value, kind)
