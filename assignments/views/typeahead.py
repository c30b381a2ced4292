"""Suggestion endpoints for the type-ahead fields (assignments/widgets.py, static typeahead.js).

GET `?q=<typed text>` (and for hiring managers `&organisation=<key>`) answers JSON:
`{"results": [{"value": key, "label": text, ...}], "more": bool, "message": "5 träffar"}`, at most
LIMIT results, each only the name the form itself shows. Only the roles that edit assignments ask.
"""
from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from recruitment.roles import CONSULTANT, COORDINATOR, RoleRequiredMixin

from ..typeahead import LIMIT, consultants_matching, contacts_matching, organisations_matching

MAX_TYPED = 200


def _message(count: int, more: bool) -> str:
    if more:
        return _("Fler än %(n)s träffar – skriv mer av namnet.") % {"n": LIMIT}
    if not count:
        return _("Inga träffar")
    return ngettext("%(n)s träff", "%(n)s träffar", count) % {"n": count}


class SuggestView(RoleRequiredMixin, View):
    allowed_roles = (COORDINATOR, CONSULTANT)

    def rows(self, request, text: str):
        raise NotImplementedError

    def item(self, row) -> dict:
        return {"value": row.pk, "label": str(row)}

    def get(self, request):
        text = request.GET.get("q", "")[:MAX_TYPED]
        rows = list(self.rows(request, text)[:LIMIT + 1])
        more = len(rows) > LIMIT
        rows = rows[:LIMIT]
        return JsonResponse({"results": [self.item(row) for row in rows], "more": more,
                             "message": _message(len(rows), more)})


class OrganisationSuggestView(SuggestView):
    def rows(self, request, text):
        return organisations_matching(text)


class ConsultantSuggestView(SuggestView):
    def rows(self, request, text):
        return consultants_matching(text)


class ContactSuggestView(SuggestView):
    """Hiring managers; only the chosen customer's when `organisation` is given."""

    def rows(self, request, text):
        organisation = request.GET.get("organisation", "")
        return contacts_matching(text, organisation=int(organisation) if organisation.isdigit() else None)

    def item(self, row):
        return {"value": row.pk, "label": str(row), "group": row.organisation_id,
                "group_label": row.organisation.name}
