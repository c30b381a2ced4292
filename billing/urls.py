from django.urls import path

from assignments.urls import ReferenceConverter  # noqa: F401  (registers the `ref` converter)

from . import views

app_name = "billing"
urlpatterns = [
    path("", views.RunView.as_view(), name="run"),
    path("uppdrag/<ref:reference>/", views.AssignmentInvoicingView.as_view(), name="assignment"),
    path("kund/<int:pk>/", views.OrganisationInvoicingView.as_view(), name="organisation"),
    path("underlag/<int:pk>/", views.BasisView.as_view(), name="basis"),
    path("underlag/<int:pk>/skickat/", views.MarkSentView.as_view(), name="mark_sent"),
    path("underlag/<int:pk>/oppna/", views.ReopenView.as_view(), name="reopen"),
    path("underlag/<int:pk>/kund.pdf", views.CustomerPdfView.as_view(), name="customer_pdf"),
    path("underlag/<int:pk>/fakturaunderlag.csv", views.BasisFileView.as_view(), {"fmt": "csv"}, name="file_csv"),
    path("underlag/<int:pk>/fakturaunderlag.xlsx", views.BasisFileView.as_view(), {"fmt": "xlsx"}, name="file_xlsx"),
]
urlpatterns += [
    path("ekonomi/", views.MoneyView.as_view(), name="money"),
    path("ekonomi/ekonomi.xlsx", views.MoneyExportView.as_view(), name="money_xlsx"),
]
