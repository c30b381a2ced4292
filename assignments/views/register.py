"""Read pages of the register: the list with exports, the detail page and "Mina uppdrag"."""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import ModelChoiceField
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from recruitment.roles import CONSULTANT, RoleRequiredMixin, user_consultant

from .. import exports, hours, selectors
from ..access import can_edit_assignment
from ..filters import SORTABLE, AssignmentFilter
from ..forms import AddonForm, HireForm, PackageOverrideForm, StatusChangeForm, StatusControl
from ..models import BillingKind, Status
from ..services import today

PAGE_SIZE = 50
PAGE_SIZES = (25, 50, 100, 200)


def page_size(request) -> int:
    """The rows per page the user chose (`per_page`), one of PAGE_SIZES; else PAGE_SIZE."""
    try:
        size = int(request.GET.get("per_page", ""))
    except ValueError:
        return PAGE_SIZE
    return size if size in PAGE_SIZES else PAGE_SIZE
SELECTED = mark_safe(" selected")  # a constant attribute, safe by construction


def sort_columns(request, current: list[str]) -> dict:
    """Per sortable column: the URL that sorts by it (toggling direction) and its aria-sort value."""
    active = current[0] if current else ""
    columns = {}
    for key in SORTABLE:
        params = request.GET.copy()
        params.pop("page", None)
        if active == key:
            params["o"], state = f"-{key}", "ascending"
        elif active == f"-{key}":
            params["o"], state = key, "descending"
        else:
            params["o"], state = key, "none"
        columns[key] = {"url": "?" + params.urlencode(), "aria_sort": state}
    return columns


def options_html(options, current: str) -> SafeString:
    """A select's <option> elements, the one whose value is `current` selected.

    Built in Python: a template (or the Select widget's template) per option made the
    three long lists (consultants, customers, packages) most of the page's time.
    Every value and label is escaped with html.escape, which is what Django's escape()
    does, minus its per-call lazy-string check (labels are made str first).
    """
    return mark_safe("".join([
        f'<option value="{escape(str(value))}"{SELECTED if str(value) == current else ""}>'
        f"{escape(str(label))}</option>"
        for value, label in options
    ]))


def filter_fields(form) -> list[dict]:
    """The filter form as plain data for the page's own markup (label, input or select, errors)."""
    fields = []
    model_choices = None
    for bound in form:
        if bound.name == "o":
            continue
        current = bound.value()
        current = "" if current is None else str(current)
        options = None
        if isinstance(bound.field, ModelChoiceField):
            # consultants, customers and packages come from one query instead of three
            if model_choices is None:
                model_choices = selectors.filter_choices()
            options = [("", bound.field.empty_label)]
            options += [(str(pk), label) for pk, label in model_choices[bound.name]]
        elif hasattr(bound.field, "choices"):
            options = bound.field.choices
        fields.append({"name": bound.html_name, "id": bound.id_for_label, "label": bound.label, "value": current,
                       "options_html": None if options is None else options_html(options, current),
                       "errors": bound.errors})
    return fields


class AssignmentListView(RoleRequiredMixin, TemplateView):
    template_name = "assignments/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        # a free text is read whole (its ids give the count and the page), so it filters the rows in place
        filterset = AssignmentFilter(request.GET or None, queryset=selectors.assignment_list(), text_in_place=True)
        per_page = page_size(request)
        if filterset.searches_text():  # the search runs once: its ids give the count and the page
            paginator = Paginator(selectors.assignment_list_ids(filterset.qs), per_page)
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = rows = selectors.assignment_list_rows_by_id(page.object_list)
        else:
            paginator = Paginator(filterset.qs, per_page)
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = rows = selectors.assignment_list_rows(page.object_list)
        labels = {value: str(label) for value, label in Status.choices}
        list_url = request.path
        for row in rows:  # formatted once here: template filters and method calls cost more per cell
            row["url"] = f"{list_url}{quote(row['reference'], safe='/')}/"
            row["ordered_on_display"] = row["ordered_on"].isoformat()
            row["status_label"] = labels.get(row["status"], row["status"])
            row["invoiced_display"] = f"{row['invoiced']:,.0f}".replace(",", "\u00a0")
        params = request.GET.copy()
        params.pop("page", None)
        ordering = filterset.form.cleaned_data.get("o") if filterset.is_bound and filterset.is_valid() else None
        context.update(
            filter=filterset, filter_fields=filter_fields(filterset.form), page=page,
            assignments=rows, query=params.urlencode(),
            columns=sort_columns(request, ordering or []), ordering_param=",".join(ordering or []),
            page_numbers=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            ellipsis=Paginator.ELLIPSIS, page_sizes=PAGE_SIZES, per_page=per_page,
            size_params=[(k, v) for k, values in params.lists() if k != "per_page" for v in values],
        )
        return context


class AssignmentExportView(RoleRequiredMixin, View):
    """Every row the list's filters select, as CSV or Excel."""

    def get(self, request, fmt: str):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        filterset = AssignmentFilter(request.GET or None, queryset=selectors.assignment_export())
        rows = filterset.qs.iterator(chunk_size=2000)
        stamp = timezone.localdate().isoformat()
        if fmt == "xlsx":
            response = HttpResponse(
                exports.xlsx_bytes(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="uppdrag-{stamp}.xlsx"'
            return response
        response = StreamingHttpResponse(exports.csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="uppdrag-{stamp}.csv"'
        return response


class AssignmentDetailView(RoleRequiredMixin, TemplateView):
    template_name = "assignments/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = selectors.assignment_detail(reference=kwargs["reference"])
        hires = list(assignment.hires.all())
        lines = list(assignment.billing_lines.all())
        credited = {line.credits_id for line in lines if line.credits_id}
        for line in lines:
            line.is_credited = line.pk in credited
        can_edit = can_edit_assignment(self.request.user, assignment)
        context.update(
            assignment=assignment, hires=hires, billing_lines=lines,
            package_line=next((line for line in lines if line.kind == BillingKind.PACKAGE and not line.is_credited),
                              None),
            status_changes=assignment.status_changes.select_related("changed_by"),
            history=selectors.assignment_history(assignment=assignment),
            can_edit=can_edit,
            # sections that apps built on the register add (settings.ASSIGNMENT_DETAIL_PANELS)
            panels=settings.ASSIGNMENT_DETAIL_PANELS,
        )
        if can_edit:
            context.update(
                status_form=StatusChangeForm(assignment=assignment, has_hires=bool(hires)),
                override_form=PackageOverrideForm(prefix="override"),
                addon_form=AddonForm(prefix="addon"),
                hire_form=HireForm(prefix="hire"),
            )
        return context


class MyAssignmentsView(RoleRequiredMixin, TemplateView):
    """A consultant's open assignments with a one-step status form each, the weekly hours grid and the
    recently closed. A POST records the grid (hours.hours_week_record): all cells or none."""

    allowed_roles = (CONSULTANT,)
    template_name = "assignments/mine.html"

    def _consultant(self):
        consultant = user_consultant(self.request.user)
        if consultant is None:
            raise PermissionDenied
        return consultant

    def get_context_data(self, grid=None, **kwargs):
        context = super().get_context_data(**kwargs)
        consultant = self._consultant()
        open_rows, day = list(selectors.my_open_assignments(consultant=consultant)), today()
        for a in open_rows:  # the values of each row's status control; StatusChangeForm validates the post
            a.status_control = StatusControl.of(a, has_hires=a.hire_count > 0, on=day)
        if grid is None:
            last = hours.grid_last_week(self.request.GET.get("vecka"), on=day)
            grid = hours.hours_grid(consultant=consultant, last_week=last, on=day)
        context.update(
            consultant=consultant, open_assignments=open_rows, here=self.request.path, grid=grid,
            closed_assignments=list(selectors.my_recently_closed(consultant=consultant)),
        )
        return context

    def post(self, request, *args, **kwargs):
        consultant, day = self._consultant(), today()
        last = hours.grid_last_week(request.POST.get("vecka"), on=day)
        cells = {key: value for name, value in request.POST.items() if (key := hours.cell_key(name))}
        try:
            hours.hours_week_record(consultant=consultant, cells=cells, on=day)
        except hours.HoursGridError as error:
            grid = hours.hours_grid(consultant=consultant, last_week=last, on=day)
            for row in grid.rows:
                for cell in row.cells:
                    key = (row.assignment_id, cell.week)
                    if key in cells:
                        cell.text = cells[key]
                    cell.error = error.errors.get(key, "")
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(grid=grid), status=400)
        messages.success(request, _("Timmarna är sparade."))
        url = reverse("assignments:mine")
        return redirect(f"{url}?vecka={last.isoformat()}#timmar" if last != hours.monday_of(day) else f"{url}#timmar")
