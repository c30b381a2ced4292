"""The administrations the seeded business plans name (goals: share of their recruitments), so that a fresh
database can follow those indicators. Self-contained and idempotent: an organisation already there by name
(any case) is left alone; nothing is removed on the way back."""
from django.db import migrations

# Names as the plans (goals/migrations/_plans_0002/: 2023, 2025 and the 2026 copy) write them; all are fackförvaltningar.
PLAN_ORGANISATIONS = [
    "Förskoleförvaltningen",
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Äldreförvaltningen",
]
ADMINISTRATION = "fackforvaltning"


def seed(apps, schema_editor):
    Organisation = apps.get_model("assignments", "Organisation")
    for name in PLAN_ORGANISATIONS:
        if not Organisation.objects.filter(name__iexact=name).exists():
            Organisation.objects.get_or_create(name=name, defaults={"kind": ADMINISTRATION})


class Migration(migrations.Migration):
    dependencies = [("assignments", "0012_import_job")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
