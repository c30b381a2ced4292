"""Indicators against targets for the tertial report PDF (goals/tertial.py adds it to reporting's report).

`tertial_summary(year=..., tertial=...)` gives the counts per status and one section per goal
with indicators; `goals/pdf_section.html` renders it as plain HTML for WeasyPrint.
"""
from __future__ import annotations

from .models import Plan
from .periods import period_for
from .selectors import goal_chain
from .status import MET, NO_DATA, NOT_MET, STATUS_LABELS
from .templatetags.goals_tags import indicator_value, target_display


def tertial_summary(*, year: int, tertial: int | None, consultant=None, unit=None) -> dict | None:
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        return None
    period = period_for(tertial)
    chain = goal_chain(plan=plan, consultant=consultant, unit=unit)
    counts = {MET: 0, NOT_MET: 0, NO_DATA: 0}
    sections = []
    for goal in chain["goals"]:
        rows = []
        for ind in goal.indicators.all():
            result = chain["results"][ind.pk][period]
            counts[result.status] += 1
            rows.append({"name": ind.name, "target": target_display(ind), "kf_target": ind.kf_target,
                         "value": indicator_value(result.value, ind.unit), "status": result.status,
                         "status_label": str(STATUS_LABELS[result.status]), "icon": result.icon,
                         "lack": result.lack.text if result.lack else ""})
        if rows:
            sections.append({"level": goal.get_level_display(), "number": goal.number, "text": goal.text,
                             "rows": rows})
    return {"year": year, "period": period, "counts": counts,
            "labels": {k: str(v) for k, v in STATUS_LABELS.items()}, "sections": sections}


def pdf_section(*, year: int, tertial: int | None) -> str:
    """The indicator summary and a section per goal, as HTML for the tertial report PDF."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    summary = tertial_summary(year=year, tertial=tertial)
    if summary is None:
        return ""
    return mark_safe(render_to_string("goals/pdf_section.html", {"goals_summary": summary}))  # noqa: S308
