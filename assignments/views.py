from django.views.generic import TemplateView

from .roles import CONSULTANT, RoleRequiredMixin


class AssignmentListView(RoleRequiredMixin, TemplateView):
    template_name = "base.html"


class MyAssignmentsView(RoleRequiredMixin, TemplateView):
    allowed_roles = (CONSULTANT,)
    template_name = "base.html"
