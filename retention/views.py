from django.views.generic import TemplateView

from recruitment.roles import COORDINATOR, MANAGER, RoleRequiredMixin

from .selectors import retention_preview, retention_runs


class RetentionView(RoleRequiredMixin, TemplateView):
    """What the next daily run will erase or anonymise, rule by rule, and the last runs' counts."""

    allowed_roles = (COORDINATOR, MANAGER)
    template_name = "retention/overview.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "preview": retention_preview(), "runs": retention_runs()}
