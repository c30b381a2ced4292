from django.urls import path

from .views import RetentionView

app_name = "retention"
urlpatterns = [path("", RetentionView.as_view(), name="overview")]
