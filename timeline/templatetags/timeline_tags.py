"""`{% assignment_timeline_panel assignment %}`: the plan on an assignment's page;
`{% project_timeline_panel project %}`: a volume project's plan on the project's page."""
from django import template

from assignments.access import can_edit_assignment
from assignments.services import today

from ..chart import plan_chart
from ..late import my_week
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


@register.inclusion_tag("timeline/_project_panel.html", takes_context=True)
def project_timeline_panel(context, project):
    project_plan = (ProjectPlan.objects.filter(project=project).select_related("package")
                    .prefetch_related("steps").first())
    return {"project": project, "project_plan": project_plan,
            "can_edit": can_edit_project_plan(context["request"].user, project)}
