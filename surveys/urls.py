from django.urls import path

from . import dispatch_views, response_views, views

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
    path("import/jobb/<int:pk>/", views.ImportJobView.as_view(), name="import_job"),
    path("utskick/", dispatch_views.invitation_list, name="invitations"),
    path("utskick/<int:pk>/hall-inne/", dispatch_views.invitation_action, {"action": "hold"}, name="invitation_hold"),
    path("utskick/<int:pk>/slapp/", dispatch_views.invitation_action, {"action": "release"},
         name="invitation_release"),
    path("utskick/<int:pk>/skicka-igen/", dispatch_views.invitation_action, {"action": "resend"},
         name="invitation_resend"),
    path("utkorg/", dispatch_views.local_mail_list, name="local_mail"),
    path("utkorg/<int:pk>/", dispatch_views.local_mail_detail, name="local_mail_detail"),
    path("flaggor/", dispatch_views.flag_list, name="flags"),
    path("flaggor/<int:pk>/", dispatch_views.flag_detail, name="flag_detail"),
    path("svar/<int:pk>/", response_views.response_detail, name="response_detail"),
]
