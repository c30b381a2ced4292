"""The monthly invoice run for coordinators and managers: preview, confirm, the bases and their files."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from assignments.access import can_edit_assignment
from assignments.importing import invoiced_until_default
from assignments.models import Assignment, Organisation
from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, RoleRequiredMixin, has_role
from recruitment.workbooks import Sheet, Styled, csv_lines, workbook_bytes
from reporting.selectors.scope import Scope

from . import money, selectors, services
from .charts import forecast_svg
from .forms import AssignmentInvoicingForm, MoneyForm, MonthForm, OrganisationInvoicingForm, ReopenForm
from .models import AssignmentInvoicing, BasisStatus, InvoiceBasis, OrganisationInvoicing
from .pdf import render_customer_pdf

MONEY = "#,##0.00"


def _last_month():
    """The month a run usually invoices: the one whose last day old data counts as invoiced up to."""
    return invoiced_until_default().replace(day=1)


class RunView(RoleRequiredMixin, TemplateView):
    """GET ?month=YYYY-MM: the month's preview (nothing changes) and its confirmed bases; POST: confirm."""

    template_name = "billing/run.html"
    allowed_roles = (COORDINATOR, MANAGER)

    def get(self, request, *args, **kwargs):
        form = MonthForm(request.GET) if "month" in request.GET else MonthForm(initial={"month": _last_month()})
        month = form.cleaned_data["month"] if form.is_bound and form.is_valid() else None
        if form.is_bound and month is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        month = month or _last_month()
        return self.render_to_response(self.get_context_data(
            form=form, month=month, preview=selectors.basis_preview(month=month),
            bases=selectors.bases_list()[:24]))

    def post(self, request, *args, **kwargs):
        form = MonthForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        month = form.cleaned_data["month"]
        try:
            basis, shown = services.invoice_basis_confirm(month=month, by=request.user,
                                                          expected=request.POST.get("expected", ""))
        except services.BasisError as exc:
            messages.error(request, str(exc))
            return redirect(f"{request.path}?month={month:%Y-%m}")
        if basis is None:
            messages.info(request, _("Det fanns inget nytt att fakturera för %(month)s.") % {"month": f"{month:%Y-%m}"})
            return redirect(f"{request.path}?month={month:%Y-%m}")
        messages.success(request, _("Underlag %(basis)s är bekräftat: %(lines)s rader, %(total)s kr.") % {
            "basis": basis, "lines": len(shown.line_ids), "total": selectors.money(shown.total)})
        return redirect("billing:basis", pk=basis.pk)


class BasisView(RoleRequiredMixin, TemplateView):
    template_name = "billing/basis.html"
    allowed_roles = (COORDINATOR, MANAGER)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invoice = get_object_or_404(InvoiceBasis.objects.select_related("confirmed_by"), pk=kwargs["pk"])
        context.update(invoice=invoice, basis=selectors.basis_stored(invoice),
                       can_reopen=has_role(self.request.user, MANAGER) and invoice.status == BasisStatus.CONFIRMED,
                       reopen_form=kwargs.get("reopen_form") or ReopenForm())
        return context


class MarkSentView(RoleRequiredMixin, View):
    allowed_roles = (COORDINATOR, MANAGER)

    def post(self, request, pk):
        invoice = get_object_or_404(InvoiceBasis, pk=pk)
        try:
            services.invoice_basis_mark_sent(basis=invoice, by=request.user)
            messages.success(request, _("Underlaget är markerat som skickat till ekonomi."))
        except services.BasisError as exc:
            messages.error(request, str(exc))
        return redirect("billing:basis", pk=pk)


class ReopenView(RoleRequiredMixin, View):
    allowed_roles = (MANAGER,)

    def post(self, request, pk):
        invoice = get_object_or_404(InvoiceBasis, pk=pk)
        form = ReopenForm(request.POST)
        if not form.is_valid():
            view = BasisView(request=request, kwargs={"pk": pk}, args=())
            context = view.get_context_data(pk=pk, reopen_form=form)
            return view.render_to_response(context, status=400)
        try:
            services.invoice_basis_reopen(basis=invoice, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Underlaget är öppnat igen: raderna faktureras i nästa körning."))
        except services.BasisError as exc:
            messages.error(request, str(exc))
        return redirect("billing:basis", pk=pk)


class BasisFileView(RoleRequiredMixin, View):
    """The basis as finance loads it: CSV (Swedish Excel) or .xlsx, the columns of selectors.FILE_COLUMNS."""

    allowed_roles = (COORDINATOR, MANAGER)

    def get(self, request, pk, fmt):
        invoice = get_object_or_404(InvoiceBasis, pk=pk)
        basis = selectors.basis_stored(invoice)
        name = f"fakturaunderlag-{invoice}"
        if fmt == "csv":
            response = HttpResponse("".join(csv_lines(basis.csv_rows())), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        rows = [[*row[:5], Styled(row[5], "0.00"), Styled(row[6], MONEY), Styled(row[7], MONEY)]
                for row in basis.rows()]
        data = workbook_bytes([Sheet(title="Fakturaunderlag", header=selectors.FILE_COLUMNS, rows=rows,
                                     caption=_("Fakturaunderlag %(basis)s") % {"basis": invoice},
                                     note=_("Summa: %(total)s kr") % {"total": selectors.money(basis.total)})])
        response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response


class AssignmentInvoicingView(RoleRequiredMixin, TemplateView):
    """An assignment's own cost centre and reference (over its customer's), for those who edit it."""

    template_name = "billing/details_form.html"
    allowed_roles = (COORDINATOR, CONSULTANT)

    def _assignment(self, reference):
        assignment = get_object_or_404(Assignment.objects.select_related("organisation"), reference=reference)
        if not can_edit_assignment(self.request.user, assignment):
            raise PermissionDenied
        return assignment

    def get(self, request, reference):
        assignment = self._assignment(reference)
        own = AssignmentInvoicing.objects.filter(assignment=assignment).first()
        form = AssignmentInvoicingForm(initial={"cost_centre": own.cost_centre, "reference": own.reference}
                                       if own else None)
        return self._page(assignment, form)

    def post(self, request, reference):
        assignment = self._assignment(reference)
        form = AssignmentInvoicingForm(request.POST)
        if not form.is_valid():
            return self._page(assignment, form, status=400)
        services.assignment_invoicing_set(assignment=assignment, **form.cleaned_data)
        messages.success(request, _("Faktureringsuppgifterna är sparade."))
        return redirect("assignments:detail", reference=assignment.reference)

    def _page(self, assignment, form, status=200):
        return self.render_to_response(self.get_context_data(
            form=form, heading=_("Fakturering för uppdrag %(reference)s") % {"reference": assignment.reference},
            back=reverse("assignments:detail", args=[assignment.reference])), status=status)


class OrganisationInvoicingView(RoleRequiredMixin, TemplateView):
    """A customer's invoicing details: cost centre, reference person, organisation number."""

    template_name = "billing/details_form.html"
    allowed_roles = (COORDINATOR,)

    def get(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        current = OrganisationInvoicing.objects.filter(organisation=organisation).first()
        form = OrganisationInvoicingForm(initial={
            "cost_centre": current.cost_centre, "reference": current.reference,
            "organisation_number": current.organisation_number} if current else None)
        return self._page(organisation, form)

    def post(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        form = OrganisationInvoicingForm(request.POST)
        if not form.is_valid():
            return self._page(organisation, form, status=400)
        services.organisation_invoicing_set(organisation=organisation, **form.cleaned_data)
        messages.success(request, _("Faktureringsuppgifterna är sparade."))
        return redirect("reference:org_detail", pk=organisation.pk)

    def _page(self, organisation, form, status=200):
        return self.render_to_response(self.get_context_data(
            form=form, heading=_("Faktureringsuppgifter för %(organisation)s") % {"organisation": organisation.name},
            back=reverse("reference:org_detail", args=[organisation.pk])), status=status)


class CustomerPdfView(RoleRequiredMixin, View):
    """One customer's part of a basis as a PDF (?n=1 the first customer in the basis, as the page lists them)."""

    allowed_roles = (COORDINATOR, MANAGER)

    def get(self, request, pk):
        invoice = get_object_or_404(InvoiceBasis, pk=pk)
        customers = selectors.basis_stored(invoice).customers
        try:
            number = int(request.GET.get("n", "1"))
            customer = customers[number - 1] if number > 0 else None
        except (ValueError, IndexError):
            customer = None
        if customer is None:
            raise Http404
        response = HttpResponse(render_customer_pdf(invoice=invoice, customer=customer),
                                content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="fakturaunderlag-{invoice}-{number}.pdf"'
        return response


class MoneyView(RoleRequiredMixin, TemplateView):
    """The money follow-up for managers: GET ?year=&month=&unit=|consultant= (a bad choice: 400, Swedish errors)."""

    template_name = "billing/money.html"
    allowed_roles = (MANAGER,)

    def _report(self, request):
        """(form, report or None): the report of the valid choices, this year to date without any."""
        chosen = any(key in request.GET for key in ("year", "month", "unit", "consultant"))
        form = MoneyForm(request.GET if chosen else {"year": timezone.localdate().year})
        if not form.is_valid():
            return form, None
        data = form.cleaned_data
        scope = Scope(unit=data["unit"], consultant=data["consultant"])
        return form, money.money_report(scope, year=data["year"], month=data["month"])

    def get(self, request, *args, **kwargs):
        form, report = self._report(request)
        form.choices_load()
        if report is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.render_to_response(self.get_context_data(
            form=form, report=report, headline=money.headline(report), parts=money.forecast_parts(report),
            chart=forecast_svg(report), query=request.GET.urlencode()))


class MoneyExportView(MoneyView):
    """The money page's figures as an Excel workbook: the months, the summary and the forecast's assumptions."""

    def get(self, request, *args, **kwargs):
        form, report = self._report(request)
        if report is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        response = HttpResponse(money_workbook(report),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="ekonomi-{report.year}.xlsx"'
        return response


def money_workbook(report) -> bytes:
    """Two sheets: per month (with the sold orders of earlier years and the year to date), and the summary."""
    def amount(value):
        return None if value is None else Styled(value, MONEY)

    months = [[row.name, amount(row.invoiced), amount(row.invoiceable), amount(row.sold), amount(row.budget),
               amount(row.actual_to_date), amount(row.forecast_to_date), amount(row.budget_to_date)]
              for row in report.months]
    months.insert(0, [_("Beställt före %(year)s") % {"year": report.year}, None, None, amount(report.sold_before),
                      None, None, None, None])
    months.append([Styled(_("Hittills i år (%(period)s)") % {"period": report.through_label}, bold=True),
                   amount(report.invoiced), amount(report.invoiceable), amount(report.sold),
                   amount(report.budget_to_date), None, None, None])
    summary = [[label, amount(value) if is_money else Styled(value, "0.00")]
               for label, value, is_money in money.headline(report)]
    summary += [[], [Styled(_("Prognosen"), bold=True), None]]
    summary += [[label, amount(value)] for label, value in money.forecast_parts(report)]
    summary += [[], [Styled(_("Antaganden"), bold=True), None]] + [[text, None]
                                                                   for text in report.forecast.assumptions]
    caption = _("Ekonomi %(year)s – %(scope)s") % {"year": report.year, "scope": report.scope.label}
    return workbook_bytes([
        Sheet(title=_("Per månad"), caption=caption, header=[str(name) for name in MONEY_COLUMNS], rows=months,
              widths={"A": 28},
              note=_("Månadsbudget = årsbudget / 12. Sålt, ej fakturerbart: efter beställningsmånad.")),
        Sheet(title=_("Sammanfattning"), caption=caption, header=[_("Uppgift"), _("Värde")], rows=summary,
              widths={"A": 60, "B": 18}),
    ])


MONEY_COLUMNS = (
    gettext_lazy("Månad"), gettext_lazy("Fakturerat (kr)"), gettext_lazy("Fakturerbart, ej fakturerat (kr)"),
    gettext_lazy("Sålt, ej fakturerbart (kr)"), gettext_lazy("Budget (kr)"), gettext_lazy("Utfall ackumulerat (kr)"),
    gettext_lazy("Prognos ackumulerad (kr)"), gettext_lazy("Budget ackumulerad (kr)"))
