"""The row-heavy parts of "Mina uppdrag", built here rather than in template loops (as reporting's
`table_rows`): a template node costs more than the string it renders, and these parts repeat per assignment
and per week. `{% status_form control a next %}` is the one-step status form (also on the assignment page);
`{% hours_grid_body grid %}` the rows of the weekly hours grid. Every text is escaped here.
"""
from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..forms import StatusChangeForm
from ..models import Status
from .assignment_urls import url_parts

register = template.Library()


def _csrf_input(context) -> str:
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker for "no token", not a secret
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'


class _StatusTexts:
    """The texts every status form on a page shares, translated once per page."""

    def __init__(self):
        fields = StatusChangeForm.base_fields
        self.to_status = escape(str(fields["to_status"].label))
        self.on = escape(str(fields["on"].label))
        self.hire_name = escape(str(fields["hire_name"].label))
        self.hire_email = escape(str(fields["hire_email"].label))
        self.hire_start = escape(str(fields["hire_start_date"].label))
        self.summary = escape(_("Avslutas med tillsättning? Ange vem som tillsattes"))
        self.legend = escape(_("Tillsatt kandidat"))
        self.submit = escape(_("Ändra status"))
        self.for_ = escape(_("för"))
        self.statuses: dict[str, str] = {}

    def status(self, value: str, label) -> str:
        text = self.statuses.get(value)
        if text is None:
            text = self.statuses[value] = escape(str(label))
        return text


def status_form_html(control, a, next_url, csrf: str, texts: _StatusTexts) -> str:
    """The markup of `_status_form.html` for one assignment (empty when no move is allowed)."""
    if not control.choices:
        return ""
    p = escape(control.id_prefix)
    before, after = url_parts("assignments:status")
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if value == control.selected else ""}>'
        f"{texts.status(value, label)}</option>" for value, label in control.choices)
    hire = ""
    if control.asks_for_hire:
        hire = (
            '<div class="col-12"><details class="hire-fields">'
            f'<summary>{texts.summary}</summary><fieldset class="row g-2 mt-1">'
            f'<legend class="visually-hidden">{texts.legend}</legend>'
            f'<div class="col-12 col-sm"><label class="form-label" for="{p}hire_name">{texts.hire_name}</label>'
            f'<input class="form-control form-control-sm" type="text" name="hire_name" id="{p}hire_name" '
            'maxlength="200" autocomplete="off"></div>'
            f'<div class="col-12 col-sm"><label class="form-label" for="{p}hire_email">{texts.hire_email}</label>'
            f'<input class="form-control form-control-sm" type="email" name="hire_email" id="{p}hire_email" '
            'autocomplete="off"></div>'
            f'<div class="col-12 col-sm"><label class="form-label" for="{p}hire_start_date">{texts.hire_start}</label>'
            f'<input class="form-control form-control-sm" type="date" name="hire_start_date" id="{p}hire_start_date">'
            '</div></fieldset></details></div>')
    return (
        f'<form method="post" action="{escape(before + a.reference + after)}" class="status-form">{csrf}'
        f'<input type="hidden" name="next" value="{escape(next_url or "")}" id="{p}next">'
        '<div class="row g-2 align-items-end"><div class="col-12 col-sm-auto">'
        f'<label class="form-label" for="{p}to_status">{texts.to_status}</label>'
        f'<select class="form-select form-select-sm" name="to_status" id="{p}to_status">{options}</select></div>'
        f'<div class="col-12 col-sm-auto"><label class="form-label" for="{p}on">{texts.on}</label>'
        f'<input class="form-control form-control-sm" type="date" name="on" id="{p}on" '
        f'value="{control.on.isoformat()}" required></div>{hire}'
        f'<div class="col-12 col-sm-auto"><button class="btn btn-primary btn-sm" type="submit">{texts.submit}'
        f'<span class="visually-hidden"> {texts.for_} {escape(a.reference)}</span></button></div></div></form>')


@register.simple_tag(takes_context=True)
def status_form(context, control, a, next_url=""):
    texts = context.render_context.get("mine_rows_status_texts")
    if texts is None:
        texts = context.render_context["mine_rows_status_texts"] = _StatusTexts()
    return mark_safe(status_form_html(control, a, next_url, _csrf_input(context), texts))  # noqa: S308 - escaped


@register.simple_tag
def hours_grid_body(grid):
    """The <tr> rows of the hours grid: per assignment its cells (an input with its label, or a dash with the
    reason when the week cannot take hours) and its sum."""
    closed = escape(_("avslutat"))
    parts = []
    for row in grid.rows:
        title = f"{row.reference} {row.title}"
        parts.append(f'<tr><th scope="row" id="hr-{row.assignment_id}">{escape(title)}<br>'
                     f'<span class="small fw-normal">{escape(row.organisation)}'
                     f'{" · " + closed if not row.open else ""}</span></th>')
        for cell in row.cells:
            if cell.problem and not cell.value:
                problem = escape(cell.problem)
                parts.append(f'<td class="text-end"><span class="text-muted" title="{problem}">–'
                             f'<span class="visually-hidden"> {problem}</span></span></td>')
                continue
            label = escape(_("Timmar vecka %(n)s, %(assignment)s") % {
                "n": cell.week.isocalendar().week, "assignment": title})
            name = escape(cell.name)
            invalid = (f' aria-invalid="true" aria-describedby="{name}-error"' if cell.error else "")
            parts.append(
                f'<td class="text-end"><label class="visually-hidden" for="{name}">{label}</label>'
                f'<input class="form-control form-control-sm text-end hours-cell{" is-invalid" if cell.error else ""}"'
                f' type="text" inputmode="decimal" size="4" name="{name}" id="{name}" value="{escape(cell.text)}"'
                f'{invalid} autocomplete="off">'
                + (f'<div class="invalid-feedback" id="{name}-error">{escape(cell.error)}</div>' if cell.error else "")
                + "</td>")
        parts.append(f'<td class="text-end fw-semibold" data-total="row">{escape(row.total_text)}</td></tr>\n')
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


@register.simple_tag(takes_context=True)
def mine_open_rows(context, assignments, consultant, next_url):
    """The <li> cards of the open assignments: reference, title, customer, package, status and the status form."""
    texts = context.render_context.get("mine_rows_status_texts")
    if texts is None:
        texts = context.render_context["mine_rows_status_texts"] = _StatusTexts()
    csrf = _csrf_input(context)
    before, after = url_parts("assignments:detail")
    ordered, co, since = escape(_("beställt")), escape(_("medkonsult")), escape(_("sedan"))
    labels, statuses = dict(Status.choices), {}  # get_status_display would translate every label per call
    parts = []
    for a in assignments:
        status = statuses.get(a.status)
        if status is None:
            status = statuses[a.status] = escape(str(labels.get(a.status, a.status)))
        ref = escape(a.reference)
        changed = (f' <span class="small">{since} {a.status_changed_on.isoformat()}</span>'
                   if a.status_changed_on else "")
        parts.append(
            f'<li class="card mb-2" id="row-{ref}"><div class="card-body row g-2"><div class="col-12 col-md-5">'
            f'<h3 class="h6 mb-1"><a href="{escape(before + a.reference + after)}">{ref}</a> {escape(a.role_title)}'
            f'</h3><p class="mb-1">{escape(a.organisation.name)}</p>'
            f'<p class="mb-1 small">{escape(a.package.name)} · {ordered} {a.ordered_on.isoformat()}'
            f'{" · " + co if a.lead_consultant_id != consultant.pk else ""}</p>'
            f'<p class="mb-0 current-status"><span class="fw-semibold">{status}</span>{changed}</p></div>'
            f'<div class="col-12 col-md-7">{status_form_html(a.status_control, a, next_url, csrf, texts)}</div>'
            "</div></li>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


@register.simple_tag
def mine_closed_rows(assignments):
    """The <tr> rows of the recently closed assignments."""
    before, after = url_parts("assignments:detail")
    labels, statuses = dict(Status.choices), {}
    parts = []
    for a in assignments:
        status = statuses.get(a.status)
        if status is None:
            status = statuses[a.status] = escape(str(labels.get(a.status, a.status)))
        closed = a.closed_on.isoformat() if a.closed_on else ""
        parts.append(
            f'<tr><th scope="row"><a href="{escape(before + a.reference + after)}">{escape(a.reference)}</a> '
            f'{escape(a.role_title)}</th><td>{escape(a.organisation.name)}</td><td>{status}</td><td>{closed}</td>'
            f'<td class="text-end">{a.hire_count}</td></tr>\n')
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
