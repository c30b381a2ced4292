from django.urls import path

from assignments.urls import ReferenceConverter  # noqa: F401  (registers the `ref` converter)

from . import views

app_name = "allocation"
urlpatterns = [
    path("", views.CapacityView.as_view(), name="capacity"),
    path("konsulter/", views.ProfileListView.as_view(), name="profiles"),
    path("konsulter/<int:pk>/", views.ProfileView.as_view(), name="profile"),
    path("<ref:reference>/", views.ProposalView.as_view(), name="proposal"),
]
