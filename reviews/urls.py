from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.ReviewListView.as_view(), name="index"),
    path("<int:pk>/<int:year>/<int:half>/", views.ReviewView.as_view(), name="detail"),
    path("<int:pk>/<int:year>/<int:half>/pdf/", views.ReviewPdfView.as_view(), name="pdf"),
]
