"""The register extract and erasure page for coordinators (retention/subject.py does the work).

Everything is posted, never put in a URL: the person's e-mail or name must not reach access logs.
"""
import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from recruitment.roles import COORDINATOR, role_required

from .forms import SubjectForm
from .models import DataRequest
from .subject import extract_pdf, subject_erase, subject_extract


@role_required(COORDINATOR)
def subject_request(request):
    form = SubjectForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        term, action = form.cleaned_data["term"], request.POST.get("action", "show")
        if action == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Bekräfta att inget annat lagkrav gäller innan uppgifterna raderas."))
            else:
                counts = subject_erase(term, by=request.user)
                messages.success(request, _("Uppgifterna är raderade eller avidentifierade: %(records)s poster och "
                                            "%(mentions)s omnämnanden.") % counts)
                form = SubjectForm()
        else:
            found = subject_extract(term, by=request.user)
            if action == "json":
                response = HttpResponse(json.dumps(found.to_json(), ensure_ascii=False, indent=2),
                                        content_type="application/json; charset=utf-8")
                response["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
                return response
            if action == "pdf":
                response = HttpResponse(extract_pdf(found), content_type="application/pdf")
                response["Content-Disposition"] = 'attachment; filename="registerutdrag.pdf"'
                return response
    return render(request, "retention/subject.html", {
        "form": form, "found": found, "requests": DataRequest.objects.select_related("requested_by")[:10]})
