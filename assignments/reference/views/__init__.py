from django.views.generic import TemplateView

from .base import ReadMixin


class ReferenceIndex(ReadMixin, TemplateView):
    """The register's reference data: a page of links to each maintenance list."""

    template_name = "assignments/reference/index.html"
