"""Seed the business plans of 2020, 2023 and 2025 (seeds 003, 002 and 001) and 2026 as a copy of 2025
with revenue per FTE 1 300 000. Idempotent: a plan year that already has goals is left alone."""
import datetime as dt
from decimal import Decimal

from django.db import migrations

from ._plans_0002.plan_2020 import PLAN as PLAN_2020
from ._plans_0002.plan_2023 import PLAN as PLAN_2023
from ._plans_0002.plan_2025 import PLAN as PLAN_2025

OVERRIDES_2026 = {"revenue_per_fte": {"target": 1300000, "target_text": "1 300 000 kr"}}


def _date(text, shift):
    if not text:
        return None
    day = dt.date.fromisoformat(text)
    try:
        return day.replace(year=day.year + shift)
    except ValueError:
        return day.replace(year=day.year + shift, day=28)


def _create(apps, plan, nodes, refs, *, parent=None, shift=0, ref_of=None, overrides=None, counter=None):
    Goal = apps.get_model("goals", "Goal")
    Activity = apps.get_model("goals", "Activity")
    Indicator = apps.get_model("goals", "Indicator")
    for node in nodes:
        counter["goal"] += 1
        ref = ref_of(node["ref"]) if ref_of else node["ref"]
        pred_ref = node["ref"] if ref_of else node["pred"]
        goal = Goal.objects.create(
            plan=plan, level=node["level"], parent=parent, number=node["number"], text=node["text"],
            expected_result=node["expected"], way_of_working=node["way"], follow_up=node["follow"],
            predecessor=refs.get(pred_ref) if pred_ref else None, order=counter["goal"],
        )
        refs[ref] = goal
        for i, (text, start, end, responsible) in enumerate(node["activities"]):
            Activity.objects.create(goal=goal, text=text, starts_on=_date(start, shift), ends_on=_date(end, shift),
                                    responsible=responsible, order=i)
        for data in node["indicators"]:
            counter["indicator"] += 1
            data = {**data, **(overrides or {}).get(data["key"], {})}
            Indicator.objects.create(
                plan=plan, goal=goal, key=data["key"], name=data["name"],
                target=None if data["target"] is None else Decimal(str(data["target"])),
                target_text=data["target_text"], kf_target=data["kf_target"], periodicity=data["periodicity"],
                unit=data["unit"], direction=data["direction"], source=data["source"], measure=data["measure"],
                params=data["params"], order=counter["indicator"],
            )
        _create(apps, plan, node["children"], refs, parent=goal, shift=shift, ref_of=ref_of, overrides=overrides,
                counter=counter)


def seed(apps, schema_editor):
    Plan = apps.get_model("goals", "Plan")
    Goal = apps.get_model("goals", "Goal")
    refs = {}
    plans = [
        (2020, "Verksamhetsplan 2020 för HR-service", PLAN_2020, 0, None, None),
        (2023, "Verksamhetsplan 2023 för verksamhetsområde rekrytering", PLAN_2023, 0, None, None),
        (2025, "Verksamhetsplan 2025 för verksamhetsområde rekrytering", PLAN_2025, 0, None, None),
        (2026, "Verksamhetsplan 2026 för verksamhetsområde rekrytering", PLAN_2025, 1,
         lambda ref: "26-" + ref[3:], OVERRIDES_2026),
    ]
    for year, title, nodes, shift, ref_of, overrides in plans:
        plan, _ = Plan.objects.get_or_create(year=year, defaults={"title": title})
        if Goal.objects.filter(plan=plan).exists():
            continue  # seeded already (or edited by hand): leave it
        _create(apps, plan, nodes, refs, shift=shift, ref_of=ref_of, overrides=overrides,
                counter={"goal": 0, "indicator": 0})


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
