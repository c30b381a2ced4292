from django.urls import path, register_converter

from .views import edit, importing, register, typeahead


class ReferenceConverter:
    """Assignment references start with a digit (`2026-0143`), so words like `mina` or `import` never clash."""

    regex = r"[0-9][0-9A-Za-z_-]*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReferenceConverter, "ref")

app_name = "assignments"
urlpatterns = [
    path("", register.AssignmentListView.as_view(), name="list"),
    path("mina/", register.MyAssignmentsView.as_view(), name="mine"),
    path("exportera/<str:fmt>/", register.AssignmentExportView.as_view(), name="export"),
    path("forslag/kunder/", typeahead.OrganisationSuggestView.as_view(), name="suggest_organisations"),
    path("forslag/chefer/", typeahead.ContactSuggestView.as_view(), name="suggest_contacts"),
    path("forslag/konsulter/", typeahead.ConsultantSuggestView.as_view(), name="suggest_consultants"),
    path("nytt/", edit.AssignmentCreateView.as_view(), name="create"),
    path("<ref:reference>/", register.AssignmentDetailView.as_view(), name="detail"),
    path("<ref:reference>/andra/", edit.AssignmentEditView.as_view(), name="edit"),
    path("<ref:reference>/status/", edit.StatusChangeView.as_view(), name="status"),
    path("<ref:reference>/debitering/paket/", edit.BillingPackageView.as_view(), name="billing_package"),
    path("<ref:reference>/debitering/listpris/", edit.BillingPackageView.as_view(reset=True),
         name="billing_reset"),
    path("<ref:reference>/debitering/tillagg/", edit.BillingAddonView.as_view(), name="billing_addon"),
    path("<ref:reference>/debitering/<int:line_id>/ta-bort/", edit.BillingRemoveView.as_view(),
         name="billing_remove"),
    path("<ref:reference>/tillsattningar/ny/", edit.HireAddView.as_view(), name="hire_add"),
    path("<ref:reference>/tillsattningar/<int:hire_id>/", edit.HireEditView.as_view(), name="hire_edit"),
    path("<ref:reference>/tillsattningar/<int:hire_id>/ta-bort/", edit.HireRemoveView.as_view(),
         name="hire_remove"),
]

urlpatterns += [
    path("import/", importing.ImportView.as_view(), name="import"),
    path("import/bekrafta/", importing.ImportConfirmView.as_view(), name="import_confirm"),
    path("import/jobb/<int:pk>/", importing.ImportJobView.as_view(), name="import_job"),
    path("import/mall.<str:fmt>", importing.ImportTemplateView.as_view(), name="import_template"),
]
