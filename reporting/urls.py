from django.urls import path

from . import views
from .dashboard import report_views
from .dashboard import views as dashboard_views
from .dashboard.pages import PAGES

app_name = "reporting"
urlpatterns = [
    # the dashboard: the overview at /rapporter/ and one page per section (reporting/dashboard/pages.py)
    *(path(page.path, dashboard_views.DashboardPageView.as_view(page=page), name=page.url_name) for page in PAGES),
    path("export/", dashboard_views.DashboardExportView.as_view(), name="dashboard_export"),
    path("tertialrapporter/", report_views.ReportListView.as_view(), name="report_list"),
    path("tertialrapporter/<int:pk>/pdf/", report_views.ReportDownloadView.as_view(), name="report_download"),
    path("publicerade-resultat/", views.AggregateUploadView.as_view(), name="aggregates"),
]
