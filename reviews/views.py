"""The review pages: the lists (a manager's unit by half-year, a consultant's own), one review, its PDF."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from assignments.models import Consultant
from recruitment.roles import CONSULTANT, MANAGER, RoleRequiredMixin, user_consultant

from . import access, selectors, services
from .forms import ConsultantForm, ManagerForm
from .pdf import render_review_pdf
from .tables import figure_sections

REVIEW_ROLES = (CONSULTANT, MANAGER)


def review_status(review) -> str:
    if review is None:
        return _("Inte påbörjat")
    if review.held_on is None:
        return _("Påbörjat")
    return _("Hållet %(date)s") % {"date": review.held_on.isoformat()}


class ReviewListView(RoleRequiredMixin, TemplateView):
    """A manager's consultants by half-year with each review's status; and the user's own reviews."""

    allowed_roles = REVIEW_ROLES
    template_name = "reviews/index.html"

    def get_context_data(self, **kwargs):
        halves = selectors.recent_half_years()
        people = list(access.reviewed_by(self.request.user))
        own = user_consultant(self.request.user)
        found = selectors.reviews_by_key(people + ([own] if own else []), halves)

        def cells(consultant):
            return [{"year": y, "half": h, "status": review_status(found.get((consultant.pk, y, h)))}
                    for y, h in halves]

        kwargs.update(
            halves=[{"year": y, "half": h, "label": selectors.half_year_label(y, h)} for y, h in halves],
            rows=[{"consultant": c, "cells": cells(c)} for c in people],
            is_reviewer=access.is_head(self.request.user) or bool(people),
            own=own, own_cells=cells(own)[::-1] if own else [],
        )
        return super().get_context_data(**kwargs)


class _ReviewMixin(RoleRequiredMixin):
    allowed_roles = REVIEW_ROLES

    def setup_review(self):
        year, half = self.kwargs["year"], self.kwargs["half"]
        if half not in (1, 2) or (year, half) > selectors.current_half_year() or year < 2000:
            raise Http404
        consultant = get_object_or_404(Consultant.objects.select_related("unit__manager"), pk=self.kwargs["pk"])
        if not access.may_see(self.request.user, consultant):
            raise PermissionDenied
        self.consultant, self.year, self.half = consultant, year, half
        self.review = selectors.review_of(consultant, year, half)
        self.as_manager = access.may_review(self.request.user, consultant)
        self.as_consultant = access.is_own(self.request.user, consultant)


class ReviewView(_ReviewMixin, TemplateView):
    """One consultant's review of one half-year: the figures, both sides' notes, goals, actions, history.
    GET reads; POST saves the side the user writes (the manager's or the consultant's own)."""

    template_name = "reviews/detail.html"

    def get(self, request, *args, **kwargs):
        self.setup_review()
        return super().get(request, *args, **kwargs)

    def _form(self, data=None):
        if self.as_manager:
            return ManagerForm(data, instance=self.review)
        if self.as_consultant:
            return ConsultantForm(data, instance=self.review)
        return None

    def get_context_data(self, form=None, **kwargs):
        figures = selectors.review_figures(self.consultant, self.year, self.half)
        kwargs.update(
            consultant=self.consultant, review=self.review, status=review_status(self.review),
            label=selectors.half_year_label(self.year, self.half), year=self.year, half=self.half,
            figures=figures, sections=figure_sections(figures), history=selectors.review_history(self.review),
            form=form or self._form(), as_manager=self.as_manager, as_consultant=self.as_consultant,
            column_labels=[c.label for c in figures.columns],
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_review()
        form = self._form(request.POST)
        if form is None:
            raise PermissionDenied
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        save = services.review_save_manager if self.as_manager else services.review_save_consultant
        save(consultant=self.consultant, year=self.year, half=self.half, values=form.cleaned_data,
             user=request.user)
        messages.success(request, _("Resultatsamtalet är sparat."))
        return redirect("reviews:detail", pk=self.consultant.pk, year=self.year, half=self.half)


class ReviewPdfView(_ReviewMixin, View):
    """The review as a PDF for the personnel file."""

    def get(self, request, *args, **kwargs):
        self.setup_review()
        figures = selectors.review_figures(self.consultant, self.year, self.half)
        pdf = render_review_pdf(consultant=self.consultant, review=self.review, figures=figures,
                                label=selectors.half_year_label(self.year, self.half),
                                status=review_status(self.review))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"resultatsamtal-{self.consultant.pk}-{self.year}-h{self.half}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
