from django.urls import path

from assignments.urls import ReferenceConverter  # noqa: F401  (registers the `ref` converter)

from . import project_views, register_views, views

app_name = "timeline"
urlpatterns = [
    path("forsenade/", views.LateStepsView.as_view(), name="late"),
    path("standard/", views.StandardListView.as_view(), name="standards"),
    path("standard/<int:pk>/", views.StandardEditView.as_view(), name="standard_edit"),
    path("uppdrag/<ref:reference>/", views.PlanView.as_view(), name="plan"),
    path("kalender/", views.CalendarSettingsView.as_view(), name="calendar"),
    path("projekt/<int:pk>/", project_views.ProjectPlanView.as_view(), name="project_plan"),
    path("stangda-dagar/", register_views.ClosedDaysView.as_view(), name="closed_days"),
]

# The feed itself is public (its secret token is the key), outside the namespace of staff pages.
public_urlpatterns = [
    path("tidplan/ics/<str:token>/", views.CalendarFeedView.as_view(), name="timeline_feed"),
]
