from django.urls import path

from . import views

app_name = "reporting"
urlpatterns: list = [
    path("publicerade-resultat/", views.AggregateUploadView.as_view(), name="aggregates"),
]
