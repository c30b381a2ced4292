from django.urls import path

from . import views
from .dashboard import report_views
from .dashboard import views as dashboard_views

app_name = "reporting"
urlpatterns = [
    path("", dashboard_views.DashboardView.as_view(), name="dashboard"),
    path("export/", dashboard_views.DashboardExportView.as_view(), name="dashboard_export"),
    path("tertialrapporter/", report_views.ReportListView.as_view(), name="report_list"),
    path("tertialrapporter/<int:pk>/pdf/", report_views.ReportDownloadView.as_view(), name="report_download"),
    path("publicerade-resultat/", views.AggregateUploadView.as_view(), name="aggregates"),
]
