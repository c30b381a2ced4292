from django.urls import path

from . import views

app_name = "billing"
urlpatterns = [
    path("", views.RunView.as_view(), name="run"),
    path("underlag/<int:pk>/", views.BasisView.as_view(), name="basis"),
    path("underlag/<int:pk>/skickat/", views.MarkSentView.as_view(), name="mark_sent"),
    path("underlag/<int:pk>/oppna/", views.ReopenView.as_view(), name="reopen"),
    path("underlag/<int:pk>/fakturaunderlag.csv", views.BasisFileView.as_view(), {"fmt": "csv"}, name="file_csv"),
    path("underlag/<int:pk>/fakturaunderlag.xlsx", views.BasisFileView.as_view(), {"fmt": "xlsx"}, name="file_xlsx"),
]
