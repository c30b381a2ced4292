from django.urls import path

from . import views

app_name = "reporting"
urlpatterns: list = [
    path("publicerade-resultat/", views.AggregateUploadView.as_view(), name="aggregates"),
]

# Dashboards, exports and tertial reports (reporting-ui).
from .dashboard import report_views as _report_views  # noqa: E402
from .dashboard import views as _dashboard_views  # noqa: E402

urlpatterns += [
    path("", _dashboard_views.DashboardView.as_view(), name="dashboard"),
    path("export/", _dashboard_views.DashboardExportView.as_view(), name="dashboard_export"),
    path("tertialrapporter/", _report_views.ReportListView.as_view(), name="report_list"),
    path("tertialrapporter/<int:pk>/pdf/", _report_views.ReportDownloadView.as_view(), name="report_download"),
]
