from django.urls import path

from .views import staff

app_name = "orders"
urlpatterns = [
    path("", staff.queue, name="queue"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/acceptera/", staff.accept, name="accept"),
    path("<int:pk>/avboj/", staff.decline, name="decline"),
    path("<int:pk>/godkann-adress/", staff.approve_address, name="approve_address"),
    path("<int:pk>/avvisa-adress/", staff.reject_address, name="reject_address"),
    path("<int:pk>/statuslank/<str:action>/", staff.status_link, name="status_link"),
]
