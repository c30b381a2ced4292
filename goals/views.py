"""Goal pages: the goal chain per year and tertial, drill-down, figures, AMI, editing, copying, export."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from recruitment.periods import tertial_of
from recruitment.roles import CONSULTANT, COORDINATOR, MANAGER, has_role, role_required, user_consultant, user_roles
from reporting.privacy import candidate_too_few

from . import selectors, services
from .export import plan_workbook
from .forms import (
    EmployeeSurveyFileForm,
    FigureFileForm,
    FigurePeriodForm,
    FiguresForm,
    GoalForm,
    IndicatorForm,
    ScopeForm,
)
from .measures import MEASURES
from .models import FigurePeriod, Goal, Indicator, Plan, Source, SurveyScope
from .periods import MONTH_SPAN, PERIODS, report_period
from .status import STATUS_LABELS, evaluate

VIEWERS = (MANAGER, COORDINATOR, CONSULTANT)
STAFF = (MANAGER, COORDINATOR)


def _current_period() -> str:
    today = timezone.localdate()
    return f"T{tertial_of(today)}"


def _scope(request):
    """Period and scope from the query string; consultants see the department or themselves only."""
    form = ScopeForm(request.GET or None)
    period, consultant, unit = _current_period(), None, None
    if form.is_bound and form.is_valid():
        period = form.cleaned_data["tertial"] or period
        consultant = form.cleaned_data["konsult"]
        unit = form.cleaned_data["enhet"] if consultant is None else None
    own = user_consultant(request.user)
    if consultant is not None and not has_role(request.user, *STAFF) and (own is None or own.pk != consultant.pk):
        raise PermissionDenied
    if unit is not None and not has_role(request.user, *STAFF):
        raise PermissionDenied
    return form, period, consultant, unit


@role_required(*VIEWERS)
def index(request):
    year = timezone.localdate().year
    plan = selectors.plan_for_year(year) or Plan.objects.order_by("-year").first()
    if plan is None:
        raise Http404(_("Det finns ingen verksamhetsplan."))
    return redirect("goals:chain", year=plan.year)


@role_required(*VIEWERS)
def chain(request, year: int):
    plan = get_object_or_404(Plan, year=year)
    form, period, consultant, unit = _scope(request)
    data = selectors.goal_chain(plan=plan, consultant=consultant, unit=unit, shown_period=period)
    years = list(Plan.objects.order_by("year").values_list("year", flat=True))
    return render(request, "goals/chain.html", {
        "plan": plan, "form": form, "period": period, "consultant": consultant, "unit": unit,
        "goals": data["goals"], "results": data["results"], "periods": PERIODS, "years": years,
        "status_labels": STATUS_LABELS, "query": request.GET.urlencode(),
        "period_months": MONTH_SPAN.get(period, ""),
        "can_edit": has_role(request.user, MANAGER), "is_staff": has_role(request.user, *STAFF),
        "next_year_free": (year + 1) not in years, "own_consultant": user_consultant(request.user),
        "user_roles": user_roles(request.user),
    })


@role_required(*VIEWERS)
def drilldown(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("plan", "goal"), pk=pk)
    measure = MEASURES.get(indicator.measure)
    if indicator.source == Source.ENTERED or measure is None or measure.rows is None:
        raise Http404(_("Indikatorn har inget underlag att visa."))
    form, period, consultant, unit = _scope(request)
    from .context import Context

    ctx = Context(year=indicator.plan.year, periods=(period,),
                  consultant=consultant if measure.scopable else None, unit=unit if measure.scopable else None)
    kind, rows = measure.rows(ctx, indicator.params or {}, period)
    result = evaluate([indicator], year=indicator.plan.year, periods=(period,), consultant=consultant,
                      unit=unit)[indicator.pk][period]
    rows = list(rows[:500])
    hide_people = kind == "responses" and indicator.params.get("survey") == "candidate"
    too_few = hide_people and candidate_too_few(len(rows))  # the rule of five: not even how many answered
    # Candidate answers are counted, never listed: a row's day and package would point at one hire.
    return render(request, "goals/drilldown.html", {
        "indicator": indicator, "kind": kind, "rows": [] if too_few else rows, "period": period,
        "follow": report_period(ctx.year, period), "too_few": too_few,
        "consultant": consultant, "unit": unit, "hide_people": hide_people,
        "department_wide": not measure.scopable and (consultant or unit),
        "r": result, "user_roles": user_roles(request.user),
    })


@role_required(MANAGER)
def figures(request, year: int):
    plan = get_object_or_404(Plan, year=year)
    period_form = FigurePeriodForm(request.GET or None, initial={"period": _current_period()})
    period = period_form.cleaned_data["period"] if period_form.is_valid() else _current_period()
    specs = selectors.figure_specs(year=year)
    if request.method == "POST":
        period = request.POST.get("period", "")
        if period not in FigurePeriod.values:
            raise Http404
        form = FiguresForm(request.POST, specs=specs)
        if form.is_valid():
            data = form.cleaned_data
            entries = [(s.key, s.organisation, data.get(s.field), data.get(f"{s.field}_note", ""))
                       for s in specs if not s.unavailable]
            saved = services.figures_save(year=year, period=period, entries=entries, user=request.user)
            messages.success(request, _("%(n)s siffror sparades för %(period)s %(year)s.")
                             % {"n": saved, "period": FigurePeriod(period).label, "year": year})
            return redirect(f"{request.path}?period={period}")
        messages.error(request, _("Rätta felen nedan. Inget sparades."))
    else:
        form = FiguresForm(initial=selectors.figure_initial(year=year, period=period, specs=specs), specs=specs)
    wanted = (request.GET.get("nyckel"), request.GET.get("organisation") or None)
    focus = next((s.field for s in specs if (s.key, str(s.organisation.pk) if s.organisation else None) == wanted
                  and not s.unavailable), "")
    return render(request, "goals/figures.html", {
        "plan": plan, "form": form, "period_form": period_form, "period": period, "focus_field": focus,
        "period_label": FigurePeriod(period).label, "file_form": FigureFileForm(),
    })


@role_required(MANAGER)
@require_POST
def import_figures(request, year: int):
    get_object_or_404(Plan, year=year)
    form = FigureFileForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        result = services.figures_import(content=form.cleaned_data["file"].read(), user=request.user)
        if result.ok:
            messages.success(request, _("Filen lästes in: %(created)s nya och %(updated)s uppdaterade siffror.")
                             % {"created": result.created, "updated": result.updated})
            return redirect("goals:figures", year=year)
        errors = [str(e) for e in result.errors]
    return render(request, "goals/import_errors.html", {"form": form, "errors": errors, "year": year,
                                                        "back": reverse("goals:figures", args=[year])}, status=400)


@role_required(*STAFF)
def ami(request):
    rows = selectors.ami_trend()
    administration = {r["year"]: r for r in selectors.ami_trend(SurveyScope.ADMINISTRATION)}
    for row in rows:
        other = administration.get(row["year"])
        row["administration"] = None if other is None else (
            other["official_total"] if other["official_total"] is not None else other["total"])
    file_form = EmployeeSurveyFileForm() if has_role(request.user, MANAGER) else None
    return render(request, "goals/ami.html", {"rows": rows, "chart": _ami_chart(rows), "file_form": file_form})


@role_required(MANAGER)
@require_POST
def import_employee_survey(request):
    form = EmployeeSurveyFileForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        data = form.cleaned_data
        result = services.employee_survey_import(content=data["file"].read(), year=data["year"], scope=data["scope"],
                                                 official_total=data["official_total"])
        if result.ok:
            messages.success(request, _("Medarbetarenkäten för %(year)s lästes in.") % {"year": data["year"]})
            return redirect("goals:ami")
        errors = [str(e) for e in result.errors]
    return render(request, "goals/import_errors.html", {"form": form, "errors": errors,
                                                        "back": reverse("goals:ami")}, status=400)


def _ami_chart(rows):
    """Points of an inline SVG line chart (0-100 scale, 60-100 shown) of AMI against the target."""
    if not rows:
        return None
    width, height, left, top, bottom = 560, 240, 60, 30, 30
    lo, hi = 60.0, 100.0
    step = (width - left - 40) / max(len(rows) - 1, 1)

    def y(value):
        value = min(max(value, lo), hi)
        return round(top + (hi - value) / (hi - lo) * (height - top - bottom), 1)

    points, targets = [], []
    for i, row in enumerate(rows):
        x = round(left + i * step, 1)
        value = row["official_total"] if row["official_total"] is not None else row["total"]
        if value is not None:
            points.append({"x": x, "y": y(value), "value": value, "year": row["year"], "label_y": y(value) - 10})
        if row["target"] is not None:
            targets.append({"x": x, "y": y(row["target"])})
    return {
        "width": width, "height": height, "points": points, "targets": targets,
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "target_line": " ".join(f"{p['x']},{p['y']}" for p in targets),
        "grid": [{"y": y(v), "label": v} for v in (60, 70, 80, 90, 100)], "axis_y": height - bottom + 18,
    }


@role_required(*STAFF)
def export(request, year: int):
    plan = get_object_or_404(Plan, year=year)
    _form, period, consultant, unit = _scope(request)
    data = selectors.goal_chain(plan=plan, consultant=consultant, unit=unit)
    content = plan_workbook(chain=data, year=year, period=period)
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="indikatorer-{year}-{period}.xlsx"'
    return response


@role_required(MANAGER)
@require_POST
def copy_plan(request, year: int):
    plan = get_object_or_404(Plan, year=year)
    try:
        new_plan = services.plan_copy(plan=plan, year=year + 1)
    except services.PlanExists as exc:
        messages.error(request, str(exc))
        return redirect("goals:chain", year=year)
    messages.success(request, _("Planen kopierades till %(year)s.") % {"year": new_plan.year})
    return redirect("goals:chain", year=new_plan.year)


@role_required(MANAGER)
def edit_indicator(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Indikatorn sparades."))
        return redirect("goals:chain", year=indicator.plan.year)
    return render(request, "goals/edit.html", {"form": form, "object": indicator, "plan": indicator.plan,
                                               "title": _("Ändra indikator")})


@role_required(MANAGER)
def add_indicator(request, goal_pk: int):
    goal = get_object_or_404(Goal.objects.select_related("plan"), pk=goal_pk)
    indicator = Indicator(plan=goal.plan, goal=goal, periodicity="tertial", unit="count", source=Source.COMPUTED)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Indikatorn lades till."))
        return redirect("goals:chain", year=goal.plan.year)
    return render(request, "goals/edit.html", {"form": form, "object": indicator, "plan": goal.plan,
                                               "title": _("Ny indikator")})


@role_required(MANAGER)
def edit_goal(request, pk: int):
    goal = get_object_or_404(Goal.objects.select_related("plan"), pk=pk)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Målet sparades."))
        return redirect("goals:chain", year=goal.plan.year)
    return render(request, "goals/edit.html", {"form": form, "object": goal, "plan": goal.plan,
                                               "title": _("Ändra mål")})
