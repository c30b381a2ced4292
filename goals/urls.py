from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("", views.index, name="index"),
    path("ami/", views.ami, name="ami"),
    path("ami/importera/", views.import_employee_survey, name="import_survey"),
    path("<int:year>/siffror/importera/", views.import_figures, name="import_figures"),
    path("<int:year>/", views.chain, name="chain"),
    path("<int:year>/siffror/", views.figures, name="figures"),
    path("<int:year>/export.xlsx", views.export, name="export"),
    path("<int:year>/kopiera/", views.copy_plan, name="copy"),
    path("indikator/<int:pk>/underlag/", views.drilldown, name="drilldown"),
    path("indikator/<int:pk>/andra/", views.edit_indicator, name="edit_indicator"),
    path("mal/<int:pk>/andra/", views.edit_goal, name="edit_goal"),
    path("mal/<int:goal_pk>/ny-indikator/", views.add_indicator, name="add_indicator"),
]
