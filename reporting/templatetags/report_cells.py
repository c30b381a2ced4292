"""Rendering report cells: Swedish numbers, suppressed cells, risen values marked by symbol and text."""
from html import escape

from django import template
from django.urls import reverse
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


NUMERIC_HEAD = ' class="text-end"'


def _text(value) -> str:
    """Any text shown on the page, escaped as the template engine would (marked-safe text left alone);
    Django's conditional_escape without its per-call check for lazy arguments."""
    text = str(value)
    return text if hasattr(value, "__html__") else escape(text)


def table_html(table, export_query=None) -> str:
    """A dashboard table with its caption, note and (when `export_query` is not None) its export links: the
    markup of reporting/dashboard/_table.html, built here because a page shows dozens of tables."""
    caption = _text(table.caption)
    head = "".join(f'<th scope="col"{NUMERIC_HEAD if col.numeric else ""}>{_text(col.label)}</th>'
                   for col in table.columns)
    parts = [
        '<div class="report-table">\n<div class="table-responsive" tabindex="0" role="region" '
        f'aria-label="{caption}">\n<table class="table table-sm table-striped align-middle" '
        f'id="tabell-{_text(table.name)}">\n  <caption>{caption}</caption>\n  <thead><tr>{head}</tr></thead>\n'
        f"  <tbody>\n  {table_rows(table)}\n  </tbody>\n</table>\n</div>\n"
    ]
    if table.note:
        parts.append(f'<p class="small text-muted">{_text(table.note)}</p>')
    parts.append("\n")
    if export_query is not None:
        export = reverse("reporting:dashboard_export")
        query, name = _text(export_query), _text(table.name)
        parts.append(
            f'<p class="small export-links">{_text(_("Exportera"))}:\n'
            f'  <a href="{export}?{query}&amp;format=csv&amp;table={name}">{_text(_("CSV"))}'
            f'<span class="visually-hidden"> – {caption}</span></a> ·\n'
            f'  <a href="{export}?{query}&amp;format=xlsx&amp;table={name}">{_text(_("Excel"))}'
            f'<span class="visually-hidden"> – {caption}</span></a></p>'
        )
    parts.append("\n</div>\n")
    return "".join(parts)


@register.simple_tag
def report_table(table, export_query=None):
    """{% report_table table query %}: a table and its export links (no links when the query is None)."""
    return mark_safe(table_html(table, export_query))  # noqa: S308 - every text escaped in table_html


@register.simple_tag
def report_chart(chart):
    """{% report_chart chart %}: a chart's figure with its caption, legend and data table (the markup of
    reporting/dashboard/_chart.html); the SVG is drawn once, when the chart is built."""
    legend = (f'<span class="chart-legend"> ({"; ".join(_text(item) for item in chart.legend)})</span>'
              if chart.legend else "")
    parts = [
        f'<figure class="report-figure{" chart-no-data" if chart.empty else ""}">\n'
        f'  <div class="chart-wrap">{_text(chart.svg)}</div>\n'
        f'  <figcaption class="small text-muted">{_text(chart.title)}{legend}</figcaption>\n  '
    ]
    if not chart.empty:
        parts.append(f'<details class="chart-data">\n    <summary>{_text(_("Visa diagrammets data som tabell"))}'
                     f"</summary>\n    {table_html(chart.table)}\n  </details>")
    parts.append("\n</figure>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above (the SVG is already safe)
