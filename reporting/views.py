from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from recruitment.roles import COORDINATOR, MANAGER, RoleRequiredMixin

from .forms import AggregateUploadForm
from .importing import AggregateImportError, survey_aggregates_import
from .models import SurveyAggregate


class AggregateUploadView(RoleRequiredMixin, View):
    """Coordinators and managers load the department's published survey results."""

    allowed_roles = (COORDINATOR, MANAGER)
    template_name = "reporting/aggregates.html"

    def _render(self, request, form, errors=(), status=200):
        aggregates = SurveyAggregate.objects.order_by("survey", "-year", "question")
        return render(request, self.template_name, {"form": form, "errors": errors, "aggregates": aggregates},
                      status=status)

    def get(self, request):
        return self._render(request, AggregateUploadForm())

    def post(self, request):
        form = AggregateUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            result = survey_aggregates_import(content=form.cleaned_data["file"].read())
        except AggregateImportError as exc:
            return self._render(request, form, errors=exc.errors, status=400)
        messages.success(request, _("%(created)d nya och %(updated)d ersatta resultat inlästa.") % {
            "created": result.created, "updated": result.updated})
        return redirect("reporting:aggregates")
