"""`{% assignment_timeline_panel assignment %}`: the plan on an assignment's page;
`{% project_timeline_panel project %}`: a volume project's plan on the project's page."""
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assignments.access import can_edit_assignment
from assignments.services import today
from assignments.templatetags.assignment_urls import url_parts

from ..chart import plan_chart
from ..late import LateStep, my_week
from ..models import Plan, ProjectPlan
from ..projects import can_edit_project_plan
from ..selectors import plan_step_views

register = template.Library()


@register.inclusion_tag("timeline/_assignment_panel.html", takes_context=True)
def assignment_timeline_panel(context, assignment):
    day = today()
    plan = Plan.objects.filter(assignment=assignment).first()
    views = plan_step_views(assignment, on=day) if plan else []
    return {
        "assignment": assignment, "plan": plan, "views": views, "today": day,
        "chart": plan_chart(views, start_on=plan.start_on, today=day) if plan else None,
        "can_edit": can_edit_assignment(context["request"].user, assignment),
    }


@register.inclusion_tag("timeline/_my_week.html")
def my_timeline_week(consultant):
    """`{% my_timeline_week consultant %}` on "Mina uppdrag": late steps first, then the coming week's."""
    return {"views": my_week(consultant=consultant, on=today())}


@register.simple_tag
def my_week_rows(views):
    """The <tr> rows of `_my_week.html`, built here rather than in a template loop (a busy consultant has a
    hundred steps on "Mina uppdrag"); step labels are translated once per page. Every text is escaped."""
    before, after = url_parts("timeline:plan")
    missing = escape(_("orsak saknas"))
    labels: dict[str, str] = {}
    states: dict[tuple[str, int], str] = {}
    state_labels: dict[str, str] = {}
    parts = []
    for v in views:
        a = v.row
        label = labels.get(a.step)
        if label is None:
            label = labels[a.step] = escape(str(v.label))
        state = states.get((v.state, v.days_late))
        if state is None:
            state_label = state_labels.get(v.state)
            if state_label is None:
                state_label = state_labels[v.state] = str(v.state_label)
            state = states[(v.state, v.days_late)] = escape(LateStep.state_text_of(state_label, v.days_late))
        cause = f" · <strong>{missing}</strong>" if v.needs_cause else ""
        parts.append(
            f'<tr><th scope="row"><a href="{escape(before + a.reference + after)}">{escape(a.reference)}</a> '
            f'{escape(a.role_title)}</th><td>{label}</td><td>{a.planned_on.isoformat()}</td>'
            f"<td>{state}{cause}</td></tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


@register.inclusion_tag("timeline/_project_panel.html", takes_context=True)
def project_timeline_panel(context, project):
    project_plan = (ProjectPlan.objects.filter(project=project).select_related("package")
                    .prefetch_related("steps").first())
    return {"project": project, "project_plan": project_plan,
            "can_edit": can_edit_project_plan(context["request"].user, project)}
