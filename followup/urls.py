from django.urls import path

from . import views

app_name = "followup"

LIST_PATHS = {"hr_heads": "hr-chefer", "without_order": "utan-bestallning",
              "recruited_managers": "nyrekryterade-chefer", "first_time": "forstagangskunder"}

urlpatterns = [
    path("", views.FollowupIndex.as_view(), name="index"),
    *[p for key, slug in LIST_PATHS.items() for p in (
        path(f"listor/{slug}/", views.FollowupListView.as_view(key=key), name=key),
        path(f"listor/{slug}/excel/", views.FollowupListView.as_view(key=key, export=True), name=f"{key}_xlsx"),
    )],
    path("organisation/<int:pk>/kontakt/ny/", views.ContactEntryCreate.as_view(), name="contact_create"),
    path("kontakt/<int:pk>/", views.ContactEntryEdit.as_view(), name="contact_edit"),
    path("organisation/<int:pk>/kundansvariga/", views.AccountManagersEdit.as_view(), name="account_managers"),
    path("aar/", views.ReviewList.as_view(), name="aar_list"),
    path("aar/saknas/excel/", views.MissingReviewsExport.as_view(), name="aar_missing_xlsx"),
    path("uppdrag/<str:reference>/aar/ny/", views.ReviewCreateForAssignment.as_view(), name="aar_create_assignment"),
    path("projekt/<int:pk>/aar/ny/", views.ReviewCreateForProject.as_view(), name="aar_create_project"),
    path("aar/<int:pk>/", views.ReviewDetail.as_view(), name="aar_detail"),
    path("aar/<int:pk>/andra/", views.ReviewEdit.as_view(), name="aar_edit"),
    path("atgard/<int:pk>/klar/", views.ActionComplete.as_view(), name="action_done"),
    path("mina-atgarder/", views.MyActions.as_view(), name="my_actions"),
]
