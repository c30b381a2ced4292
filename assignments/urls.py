from django.urls import path, register_converter

from . import views, views_edit, views_typeahead


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
    path("", views.AssignmentListView.as_view(), name="list"),
    path("mina/", views.MyAssignmentsView.as_view(), name="mine"),
    path("exportera/<str:fmt>/", views.AssignmentExportView.as_view(), name="export"),
    path("forslag/kunder/", views_typeahead.OrganisationSuggestView.as_view(), name="suggest_organisations"),
    path("forslag/chefer/", views_typeahead.ContactSuggestView.as_view(), name="suggest_contacts"),
    path("forslag/konsulter/", views_typeahead.ConsultantSuggestView.as_view(), name="suggest_consultants"),
    path("nytt/", views_edit.AssignmentCreateView.as_view(), name="create"),
    path("<ref:reference>/", views.AssignmentDetailView.as_view(), name="detail"),
    path("<ref:reference>/andra/", views_edit.AssignmentEditView.as_view(), name="edit"),
    path("<ref:reference>/status/", views_edit.StatusChangeView.as_view(), name="status"),
    path("<ref:reference>/debitering/paket/", views_edit.BillingPackageView.as_view(), name="billing_package"),
    path("<ref:reference>/debitering/listpris/", views_edit.BillingPackageView.as_view(reset=True),
         name="billing_reset"),
    path("<ref:reference>/debitering/tillagg/", views_edit.BillingAddonView.as_view(), name="billing_addon"),
    path("<ref:reference>/debitering/<int:line_id>/ta-bort/", views_edit.BillingRemoveView.as_view(),
         name="billing_remove"),
    path("<ref:reference>/tillsattningar/ny/", views_edit.HireAddView.as_view(), name="hire_add"),
    path("<ref:reference>/tillsattningar/<int:hire_id>/", views_edit.HireEditView.as_view(), name="hire_edit"),
    path("<ref:reference>/tillsattningar/<int:hire_id>/ta-bort/", views_edit.HireRemoveView.as_view(),
         name="hire_remove"),
]

from . import views_import  # noqa: E402

urlpatterns += [
    path("import/", views_import.ImportView.as_view(), name="import"),
    path("import/bekrafta/", views_import.ImportConfirmView.as_view(), name="import_confirm"),
    path("import/jobb/<int:pk>/", views_import.ImportJobView.as_view(), name="import_job"),
    path("import/mall.<str:fmt>", views_import.ImportTemplateView.as_view(), name="import_template"),
]
