"""Reporting's pages. The project's urls.py builds them with `patterns(...)`, passing in what is set
above reporting (the plan's targets, the job that builds the board's PDF); `urlpatterns` is the same
without them."""
from django.urls import path

from . import views
from .dashboard import report_views
from .dashboard import views as dashboard_views
from .dashboard.pages import all_pages
from .report_files import GENERATE_JOB
from .targets import TargetsFor, no_targets

app_name = "reporting"


def patterns(*, targets: TargetsFor = no_targets, report_job: str = GENERATE_JOB) -> list:
    """`targets(year=)` gives the dashed target lines; `report_job` (a recruitment.jobs path) builds a tertial PDF."""
    return [
        # the dashboard: the overview at /rapporter/ and one page per section (reporting/dashboard/pages.py)
        *(path(page.path, dashboard_views.DashboardPageView.as_view(page=page, targets=targets), name=page.url_name)
          for page in all_pages()),
        path("export/", dashboard_views.DashboardExportView.as_view(targets=targets), name="dashboard_export"),
        path("tertialrapporter/", report_views.ReportListView.as_view(generate_job=report_job), name="report_list"),
        path("tertialrapporter/<int:pk>/pdf/", report_views.ReportDownloadView.as_view(), name="report_download"),
        path("publicerade-resultat/", views.AggregateUploadView.as_view(), name="aggregates"),
    ]


urlpatterns = patterns()
