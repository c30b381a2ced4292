"""Seed the three role groups, the two units and the package catalogue with its known prices."""
from decimal import Decimal

from django.db import migrations

# code, name, unit, full process with tests, manager package, includes interviews,
# training, customer survey by default, standard hours, standard days, offered,
# prices {year: SEK}
CATALOGUE = [
    ("STORA", "Stora paketet", "assignment", True, False, True, False, True, 28, 60, True,
     {2020: 24000, 2023: 25000, 2025: 27000}),
    ("MELLAN", "Mellanpaketet", "assignment", False, False, True, False, True, None, 50, False, {}),
    ("CHEF", "Rekrytering chef", "assignment", True, True, True, False, True, 32, 75, True,
     {2020: 34000, 2023: 34000}),
    ("HOGRE_CHEF", "Rekrytering högre chef", "assignment", True, True, True, False, True, 40, 90, False,
     {2023: 36000}),
    ("LILLA", "Lilla paketet", "assignment", False, False, False, False, True, 12, 45, True,
     {2020: 10000, 2023: 10000}),
    ("OMTAG", "Omtag", "assignment", False, False, True, False, False, 12, 45, True, {2023: 10000}),
    ("SECOND_OPINION", "Second opinion", "assignment", False, False, True, False, True, 8, 30, True,
     {2020: 7500, 2023: 7100}),
    ("SEARCH", "Searchpaket", "assignment", False, False, False, False, True, 6, 30, True,
     {2020: 4000, 2023: 7500}),
    ("SCREENING", "Screeningpaket", "assignment", False, False, False, False, True, None, 30, True, {}),
    ("REFERENS", "Digital referenstagning", "candidate", False, False, False, False, False, None, 14, True,
     {2023: 400}),
    ("PERSONBEDOMNING", "Enkel personbedömning", "assignment", False, False, True, False, True, None, 30, False,
     {2023: 2000}),
    ("LARARPAKET", "Lärarpaket", "assignment", False, False, True, False, True, None, 45, False, {2023: 4500}),
    ("KBR", "KBR-utbildning", "assignment", False, False, False, True, False, None, 60, True,
     {2020: 15000, 2023: 15000}),
    ("OVRIG", "Övrig tjänst / Övrig HR", "hour", False, False, True, False, True, None, None, True,
     {2020: 850, 2023: 870}),
]

GROUPS = ["Koordinator", "Konsult", "Chef"]
UNITS = ["Enhet 1", "Enhet 2"]


def seed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Unit = apps.get_model("assignments", "Unit")
    Package = apps.get_model("assignments", "Package")
    PackagePrice = apps.get_model("assignments", "PackagePrice")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    for name in UNITS:
        Unit.objects.get_or_create(name=name)
    for (code, name, unit, full, manager, interviews, training, survey, hours, days, offered, prices) in CATALOGUE:
        package, _ = Package.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name, unit=unit, full_process_with_tests=full, manager_package=manager,
                includes_interviews=interviews, is_training=training, customer_survey_default=survey,
                standard_hours=hours, standard_days=days, offered=offered,
            ),
        )
        for year, price in prices.items():
            PackagePrice.objects.update_or_create(
                package=package, year=year, defaults={"price_sek": Decimal(price)}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
