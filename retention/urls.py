from django.urls import path

from .subject_views import subject_request
from .views import RetentionView

app_name = "retention"
urlpatterns = [
    path("", RetentionView.as_view(), name="overview"),
    path("registerutdrag/", subject_request, name="subject"),
]
