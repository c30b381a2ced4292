from django.urls import path

from . import dispatch_views, public_views

app_name = "public_surveys"
urlpatterns = [
    path("tack/", public_views.thanks, name="thanks"),
    path("avregistrera/<str:token>/", dispatch_views.unsubscribe, name="unsubscribe"),
    path("kurs/<str:token>/", public_views.training_answer, name="training"),
    path("<str:token>/", public_views.answer, name="answer"),
]
