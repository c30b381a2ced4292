from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("versioner/", views.VersionListView.as_view(), name="versions"),
    path("versioner/<int:pk>/", views.VersionPreviewView.as_view(), name="version_preview"),
    path("versioner/<int:pk>/kopiera/", views.VersionCopyView.as_view(), name="version_copy"),
    path("versioner/<int:pk>/redigera/", views.VersionEditView.as_view(), name="version_edit"),
    path("kurser/", views.TrainingListView.as_view(), name="training_list"),
    path("kurser/<int:pk>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/bekrafta/", views.ImportConfirmView.as_view(), name="import_confirm"),
]
