"""Seed a standard timeline for every recruitment package, in force from 2016 (the register's first year).

Where the figures come from. The seeds (the department's plans 2020, 2023, 2025 and the 2026 quality-award
entry) say that every assignment has a timeline and that "standardtidplaner" exist, and name the steps
(start meeting, advertising, selection, interviews, tests, references), but give no durations. So:

- the total per package is the register's own median lead time, in Swedish working days from order to
  closing, over the closed assignments of the register export (shared/samples/assignments.csv, orders
  2024-2025): STORA 50, CHEF 52 (51.5), HOGRE_CHEF 56, LILLA 47, OMTAG 42 (41.5), SECOND_OPINION 60
  (59.5), SEARCH 60, SCREENING 48;
- packages with no closed assignment in the register (MELLAN, PERSONBEDOMNING, LARARPAKET) take their
  catalogue `standard_days` (calendar days) times 5/7: 36, 21, 32;
- the split of the total over the steps is an estimate (an application period of two to three weeks, a
  week per step otherwise), for coordinators to correct in the browser;
- the steps follow the package: tests only where the package has tests (`full_process_with_tests`),
  interviews and references only where it has interviews, Lilla paketet is "ad, selection and closing";
- no timeline for add-ons, courses and hourly work (REFERENS, KBR, OVRIG).
"""
from django.db import migrations

S, AD, DL, SEL, INT, TST, REF, DEC, CLO = (
    "start_meeting", "ad_published", "application_deadline", "selection", "interviews", "tests",
    "references", "decision", "closed")

DEFAULTS = {
    "STORA": [(S, 5), (AD, 5), (DL, 10), (SEL, 5), (INT, 7), (TST, 5), (REF, 5), (DEC, 3), (CLO, 5)],
    "CHEF": [(S, 5), (AD, 5), (DL, 10), (SEL, 5), (INT, 8), (TST, 6), (REF, 5), (DEC, 3), (CLO, 5)],
    "HOGRE_CHEF": [(S, 5), (AD, 5), (DL, 12), (SEL, 5), (INT, 8), (TST, 7), (REF, 6), (DEC, 3), (CLO, 5)],
    "MELLAN": [(S, 5), (AD, 5), (DL, 10), (SEL, 4), (INT, 5), (REF, 4), (DEC, 2), (CLO, 1)],
    "LILLA": [(S, 5), (AD, 5), (DL, 15), (SEL, 10), (DEC, 7), (CLO, 5)],
    "OMTAG": [(S, 3), (AD, 5), (DL, 10), (SEL, 5), (INT, 7), (REF, 5), (DEC, 3), (CLO, 4)],
    "LARARPAKET": [(S, 3), (AD, 5), (DL, 10), (SEL, 4), (INT, 5), (REF, 3), (DEC, 1), (CLO, 1)],
    "SECOND_OPINION": [(S, 10), (TST, 30), (DEC, 10), (CLO, 10)],
    "PERSONBEDOMNING": [(S, 5), (TST, 11), (CLO, 5)],
    "SEARCH": [(S, 5), (SEL, 45), (CLO, 10)],
    "SCREENING": [(S, 5), (AD, 5), (DL, 15), (SEL, 15), (CLO, 8)],
}
ORDER = [S, AD, DL, SEL, INT, TST, REF, DEC, CLO]
YEAR = 2016
SOURCE = "Registrets medianledtid per paket (arbetsdagar), fördelad på momenten; se migrationen 0002."


def seed(apps, schema_editor):
    Package = apps.get_model("assignments", "Package")
    StandardTimeline = apps.get_model("timeline", "StandardTimeline")
    StandardStep = apps.get_model("timeline", "StandardStep")
    for package in Package.objects.filter(code__in=DEFAULTS):
        timeline, created = StandardTimeline.objects.get_or_create(
            package=package, year=YEAR, defaults={"source": SOURCE})
        if not created:
            continue
        StandardStep.objects.bulk_create(
            StandardStep(timeline=timeline, step=step, position=ORDER.index(step), days=days)
            for step, days in DEFAULTS[package.code])


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0001_initial"),
        ("assignments", "0002_catalogue_roles_units"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
