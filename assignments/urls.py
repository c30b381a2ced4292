from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.AssignmentListView.as_view(), name="list"),
    path("mina/", views.MyAssignmentsView.as_view(), name="mine"),
]

from . import views_import  # noqa: E402

urlpatterns += [
    path("import/", views_import.ImportView.as_view(), name="import"),
    path("import/bekrafta/", views_import.ImportConfirmView.as_view(), name="import_confirm"),
]
