from django.urls import path

from .views import dispatch, responses, staff

app_name = "surveys"
urlpatterns = [
    path("versioner/", staff.VersionListView.as_view(), name="versions"),
    path("versioner/<int:pk>/", staff.VersionPreviewView.as_view(), name="version_preview"),
    path("versioner/<int:pk>/kopiera/", staff.VersionCopyView.as_view(), name="version_copy"),
    path("versioner/<int:pk>/redigera/", staff.VersionEditView.as_view(), name="version_edit"),
    path("kurser/", staff.TrainingListView.as_view(), name="training_list"),
    path("kurser/<int:pk>/", staff.TrainingDetailView.as_view(), name="training_detail"),
    path("import/", staff.ImportView.as_view(), name="import"),
    path("import/bekrafta/", staff.ImportConfirmView.as_view(), name="import_confirm"),
    path("import/jobb/<int:pk>/", staff.ImportJobView.as_view(), name="import_job"),
    path("utskick/", dispatch.invitation_list, name="invitations"),
    path("utskick/<int:pk>/hall-inne/", dispatch.invitation_action, {"action": "hold"}, name="invitation_hold"),
    path("utskick/<int:pk>/slapp/", dispatch.invitation_action, {"action": "release"},
         name="invitation_release"),
    path("utskick/<int:pk>/skicka-igen/", dispatch.invitation_action, {"action": "resend"},
         name="invitation_resend"),
    path("utkorg/", dispatch.local_mail_list, name="local_mail"),
    path("utkorg/<int:pk>/", dispatch.local_mail_detail, name="local_mail_detail"),
    path("flaggor/", dispatch.flag_list, name="flags"),
    path("flaggor/<int:pk>/", dispatch.flag_detail, name="flag_detail"),
    path("svar/<int:pk>/", responses.response_detail, name="response_detail"),
]
