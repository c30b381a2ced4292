from django.urls import path

from .views import ReferenceIndex, people
from .views import catalogue as cat
from .views import organisations as org
from .views.load import LoadView

app_name = "reference"
urlpatterns = [
    path("", ReferenceIndex.as_view(), name="index"),
    path("belastning/", LoadView.as_view(), name="load"),
    path("organisationer/", org.OrganisationList.as_view(), name="org_list"),
    path("organisationer/ny/", org.OrganisationCreate.as_view(), name="org_create"),
    path("organisationer/<int:pk>/", org.OrganisationDetail.as_view(), name="org_detail"),
    path("organisationer/<int:pk>/andra/", org.OrganisationEdit.as_view(), name="org_edit"),
    path("kontakter/", org.ContactList.as_view(), name="contact_list"),
    path("kontakter/ny/", org.ContactCreate.as_view(), name="contact_create"),
    path("kontakter/<int:pk>/andra/", org.ContactEdit.as_view(), name="contact_edit"),
    path("konsulter/", people.ConsultantList.as_view(), name="consultant_list"),
    path("konsulter/ny/", people.ConsultantCreate.as_view(), name="consultant_create"),
    path("konsulter/<int:pk>/andra/", people.ConsultantEdit.as_view(), name="consultant_edit"),
    path("enheter/", people.UnitList.as_view(), name="unit_list"),
    path("enheter/ny/", people.UnitCreate.as_view(), name="unit_create"),
    path("enheter/<int:pk>/andra/", people.UnitEdit.as_view(), name="unit_edit"),
    path("projekt/", cat.ProjectList.as_view(), name="project_list"),
    path("projekt/ny/", cat.ProjectCreate.as_view(), name="project_create"),
    path("projekt/<int:pk>/", cat.ProjectDetail.as_view(), name="project_detail"),
    path("projekt/<int:pk>/andra/", cat.ProjectEdit.as_view(), name="project_edit"),
    path("paket/", cat.PackageList.as_view(), name="package_list"),
    path("paket/ny/", cat.PackageCreate.as_view(), name="package_create"),
    path("paket/priser/", cat.PriceGridView.as_view(), name="price_grid"),
    path("paket/<int:pk>/andra/", cat.PackageEdit.as_view(), name="package_edit"),
]
