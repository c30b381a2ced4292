"""An indicator without a value says what it lacks and links to where that is entered (issue 11, point 7)."""
import importlib

import pytest
from django.urls import reverse

from assignments.models import Organisation
from goals.models import EnteredFigure, Indicator
from goals.report import tertial_summary
from goals.status import evaluate
from tests.factories import AssignmentFactory, package

from .conftest import D

pytestmark = pytest.mark.django_db
CHAIN = reverse("goals:chain", args=[2025])


def _result(key, period, year=2025, **scope):
    indicator = Indicator.objects.get(plan__year=year, key=key)
    return evaluate([indicator], year=year, periods=(period,), **scope)[indicator.pk][period]


def _row(html, key):
    start = html.index(f'data-indicator="{key}"')
    return html[start:html.index("</tr>", start)]


def test_manager_ads_entered_for_t3_alone_give_the_indicator_a_value(client, manager):
    """The walk-through: 12 manager ads for Utbildningsförvaltningen T3 and nothing for T1 and T2."""
    edu = Organisation.objects.get(name="Utbildningsförvaltningen")
    for day in (D(2025, 9, 10), D(2025, 10, 1), D(2025, 11, 3)):
        AssignmentFactory(organisation=edu, ordered_on=day, package=package("CHEF"), role_level="chef")
    AssignmentFactory(organisation=edu, ordered_on=D(2025, 2, 3), package=package("CHEF"), role_level="chef")
    client.force_login(manager)
    figures = client.get(reverse("goals:figures", args=[2025]), {"period": "T3"})
    field = {s.label: s.field for s in figures.context["form"].specs}[
        "Publicerade chefsannonser – Utbildningsförvaltningen"]
    saved = client.post(reverse("goals:figures", args=[2025]), {"period": "T3", field: "12"})
    assert saved.status_code == 302
    row = _row(client.get(CHAIN, {"tertial": "T3"}).content.decode(), "edu_manager_share")
    assert "Inga data" not in row
    assert "25,0 %" in row  # the three assignments of September-December over the 12 ads of T3
    assert "Bygger bara på T3 2025; saknar siffror för T1 och T2 2025: antal chefsannonser för " \
           "Utbildningsförvaltningen." in row
    link = (reverse("goals:figures", args=[2025])
            + f"?period=T1&amp;nyckel=ads_published_manager&amp;organisation={edu.pk}")
    assert f'href="{link}"' in row


def test_a_missing_tertial_figure_is_named_with_a_link_that_opens_its_field(client, manager):
    edu = Organisation.objects.get(name="Utbildningsförvaltningen")
    result = _result("edu_share", "T2")
    assert result.status == "no_data"
    assert result.lack.text == "Saknar siffror för T1 och T2 2025: antal annonser för Utbildningsförvaltningen."
    client.force_login(manager)
    page = client.get(result.lack.url).content.decode()
    field = next(s.field for s in client.get(result.lack.url).context["form"].specs
                 if s.key == "ads_published" and s.organisation == edu)
    assert f'id="id_{field}" class="form-control" value="" autofocus' in page
    assert 'name="period" value="T1"' in page


def test_an_entered_indicator_without_its_figure_says_which(client, manager):
    result = _result("sick_leave", "T1")
    assert result.lack.text == "Saknar siffra för T1 2025: Sjukfrånvaro."
    assert "nyckel=sick_leave" in result.lack.url and "period=T1" in result.lack.url
    EnteredFigure.objects.create(year=2025, period="T1", key="sick_leave", value=4)
    assert _result("sick_leave", "T1").lack is None


def test_an_organisation_missing_from_the_register_links_to_adding_it(client, coordinator):
    Organisation.objects.filter(name="Förskoleförvaltningen").delete()
    result = _result("preschool_share", "T1")
    assert result.lack.text == "Organisationen Förskoleförvaltningen finns inte i registret."
    client.force_login(coordinator)
    form = client.get(result.lack.url).context["form"]
    assert form.initial["name"] == "Förskoleförvaltningen"


def test_no_survey_answers_no_employee_survey_and_no_target_each_say_so():
    assert _result("nps", "T1").lack.text == "Inga kundsvar januari–april 2025 i urvalet."
    assert _result("nps", "year").lack.url == reverse("surveys:import")
    ami = _result("ami", "T2")
    assert (ami.lack.text, ami.lack.url) == ("Medarbetarenkäten 2025 är inte inläst.", reverse("goals:ami"))
    hours = Indicator.objects.get(plan__year=2025, key="search_packages")
    hours.target = None
    hours.save()
    lack = _result("search_packages", "T1").lack
    assert (lack.text, lack.url) == ("Indikatorn saknar årsmål.", reverse("goals:edit_indicator", args=[hours.pk]))


def test_people_without_the_right_role_read_the_lack_but_get_no_link(client, consultant_user):
    client.force_login(consultant_user)
    row = _row(client.get(CHAIN, {"tertial": "T1"}).content.decode(), "sick_leave")
    assert "Saknar siffra för T1 2025: Sjukfrånvaro." in row
    assert reverse("goals:figures", args=[2025]) not in row


def test_the_drilldown_export_and_pdf_say_what_is_missing(client, manager):
    client.force_login(manager)
    indicator = Indicator.objects.get(plan__year=2025, key="edu_share")
    html = client.get(reverse("goals:drilldown", args=[indicator.pk]), {"tertial": "T1"}).content.decode()
    assert "Saknar siffra för T1 2025: antal annonser för Utbildningsförvaltningen." in html
    assert "Mata in siffran" in html
    summary = tertial_summary(year=2025, tertial=1)
    rows = {r["name"]: r for s in summary["sections"] for r in s["rows"]}
    assert rows[indicator.name]["lack"] == "Saknar siffra för T1 2025: antal annonser för Utbildningsförvaltningen."


def test_every_organisation_the_seeded_plans_name_is_in_the_register():
    named = {i.params["organisation"] for i in Indicator.objects.all() if i.params.get("organisation")}
    assert named >= {"Förskoleförvaltningen", "Utbildningsförvaltningen", "Socialförvaltningen",
                     "Äldreförvaltningen"}
    present = set(Organisation.objects.filter(name__in=named).values_list("name", flat=True))
    assert present == named
    assert set(Organisation.objects.filter(name__in=named).values_list("kind", flat=True)) == {"fackforvaltning"}


def test_the_organisation_migration_is_idempotent():
    from django.apps import apps

    migration = importlib.import_module("assignments.migrations.0013_plan_organisations")
    Organisation.objects.filter(name="Äldreförvaltningen").delete()
    migration.seed(apps, None)
    migration.seed(apps, None)
    assert Organisation.objects.filter(name="Äldreförvaltningen").count() == 1
    assert Organisation.objects.filter(name__iexact="förskoleförvaltningen").count() == 1
