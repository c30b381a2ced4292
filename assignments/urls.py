from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.AssignmentListView.as_view(), name="list"),
    path("mina/", views.MyAssignmentsView.as_view(), name="mine"),
]
