from django.urls import path

from .views import answering, dispatch

app_name = "public_surveys"
urlpatterns = [
    path("tack/", answering.thanks, name="thanks"),
    path("avregistrera/<str:token>/", dispatch.unsubscribe, name="unsubscribe"),
    path("kurs/<str:token>/", answering.training_answer, name="training"),
    path("<str:token>/", answering.answer, name="answer"),
]
