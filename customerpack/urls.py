from django.urls import path

from . import views

app_name = "customerpack"
urlpatterns = [
    path("", views.PackView.as_view(), name="pack"),
    path("kundrapport.xlsx", views.PackFileView.as_view(), {"fmt": "xlsx"}, name="xlsx"),
    path("kundrapport.pdf", views.PackFileView.as_view(), {"fmt": "pdf"}, name="pdf"),
    path("e-post/", views.PackEmailView.as_view(), name="email"),
]
