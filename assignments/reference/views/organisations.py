"""Organisations (customers) and their contacts (hiring managers and HR)."""
from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.views.generic import CreateView, DetailView, UpdateView

from ...models import Contact, Organisation
from .. import selectors
from ..forms import ContactForm, OrganisationForm
from .base import EditMixin, ReadMixin, ReferenceListView

ASSIGNMENTS_PER_PAGE = 20


class OrganisationList(ReferenceListView):
    template_name = "assignments/reference/organisation_list.html"
    selector = staticmethod(selectors.organisation_list)
    create_url_name = "reference:org_create"


class OrganisationDetail(ReadMixin, DetailView):
    """Details, recent assignments (paginated), contacts, and who has worked with the customer."""

    model = Organisation
    template_name = "assignments/reference/organisation_detail.html"
    queryset = Organisation.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        org = self.object
        paginator = Paginator(selectors.assignment_rows(org.assignments.all()), ASSIGNMENTS_PER_PAGE)
        kwargs["assignments_page"] = paginator.get_page(self.request.GET.get("page"))
        kwargs["contacts"] = selectors.organisation_contacts(organisation=org)
        kwargs["consultants"] = selectors.organisation_consultants(organisation=org)
        kwargs["subsidiaries"] = org.subsidiaries.order_by("name")
        # sections that apps built on the register add (settings.ORGANISATION_DETAIL_PANELS)
        kwargs["panels"] = settings.ORGANISATION_DETAIL_PANELS
        return super().get_context_data(**kwargs)


class _OrganisationForm(EditMixin):
    model = Organisation
    form_class = OrganisationForm
    cancel_url_name = "reference:org_list"

    def get_success_url(self):
        return reverse("reference:org_detail", args=[self.object.pk])


class OrganisationCreate(_OrganisationForm, CreateView):
    def get_initial(self):
        """A name given in the link (from an indicator that names a missing organisation)."""
        initial = super().get_initial()
        if self.request.GET.get("name"):
            initial["name"] = self.request.GET["name"][:200]
        return initial


class OrganisationEdit(_OrganisationForm, UpdateView):
    pass


class ContactList(ReferenceListView):
    template_name = "assignments/reference/contact_list.html"
    selector = staticmethod(selectors.contact_list)
    create_url_name = "reference:contact_create"


class _ContactForm(EditMixin):
    model = Contact
    form_class = ContactForm
    cancel_url_name = "reference:contact_list"

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("organisation", "").isdigit():
            initial["organisation"] = int(self.request.GET["organisation"])
        return initial

    def get_success_url(self):
        return reverse("reference:org_detail", args=[self.object.organisation_id])


class ContactCreate(_ContactForm, CreateView):
    pass


class ContactEdit(_ContactForm, UpdateView):
    pass
