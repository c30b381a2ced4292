from django.urls import path

from .views import public

app_name = "public_orders"
urlpatterns = [
    path("", public.order_form, name="form"),
    path("granska/", public.order_summary, name="summary"),
    path("skickad/", public.order_sent, name="sent"),
    path("organisationer/", public.organisation_suggest, name="suggest_organisations"),
    path("bekrafta/<str:token>/", public.order_confirm_page, name="confirm"),
    path("status/<str:token>/", public.order_status, name="status"),
    path("status/<str:token>/avbryt/", public.order_status_cancel, name="cancel"),
    path("status/<str:token>/meddelande/", public.order_status_message, name="message"),
]
