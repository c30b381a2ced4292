"""Public pages of the order service (no account): the form, its summary, confirmation, the status page.

The typed answers wait in the session between the form and the summary, so going back loses nothing.
Pages reached by a link with a token never send the token to another site and are not indexed.
"""
from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments.models import OrderAs, RoleLevel, Sector, Status
from assignments.typeahead import LIMIT, organisations_matching
from timeline.selectors import plan_step_views

from ..forms.public import OrderForm, stored_data
from ..forms.staff import MessageForm
from ..models import OrderState, RecruitedBefore
from ..next_steps import NEXT_STEP
from ..ratelimit import order_limited, suggest_limited
from ..selectors import offers, order_for_confirm_token, order_for_status_token
from ..services import OrderError, order_cancel, order_confirm, order_message_send, order_submit

DRAFT = "orders:draft"
MAX_TYPED = 100


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _form_page(request, form, status=200):
    return render(request, "orders/public/form.html", {
        "form": form, "packages": offers(kind=OrderAs.PACKAGE), "addons": offers(kind=OrderAs.ADDON),
    }, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def order_form(request):
    if request.method == "POST":
        form = OrderForm(data=request.POST)
        if form.is_spam:
            return redirect("public_orders:sent")  # a robot: tell it nothing, keep nothing
        if form.is_valid():
            request.session[DRAFT] = stored_data(form)
            return redirect("public_orders:summary")
        return _form_page(request, form, status=400)
    draft = request.session.get(DRAFT)
    return _form_page(request, OrderForm(data=draft) if draft else OrderForm())


@never_cache
@require_http_methods(["GET", "POST"])
def order_summary(request):
    draft = request.session.get(DRAFT)
    if not draft:
        return redirect("public_orders:form")
    form = OrderForm(data=draft)
    if not form.is_valid():  # the catalogue changed since: back to the form, with its message
        return redirect("public_orders:form")
    if request.method == "POST":
        if order_limited(request, email=form.cleaned_data["email"]):
            return render(request, "orders/public/limited.html", status=429)
        order_submit(data=form.cleaned_data)
        del request.session[DRAFT]
        request.session["orders:sent_to"] = form.cleaned_data["email"]
        return redirect("public_orders:sent")
    data = form.cleaned_data
    labels = {"role_level": RoleLevel(data["role_level"]).label, "sector": Sector(data["sector"]).label,
              "recruited_before": RecruitedBefore(data["recruited_before"]).label}
    return render(request, "orders/public/summary.html", {"form": form, "data": data, "labels": labels})


@never_cache
@require_GET
def order_sent(request):
    return render(request, "orders/public/sent.html", {"email": request.session.get("orders:sent_to", "")})


@require_GET
def organisation_suggest(request):
    """Names of the register's active organisations matching the typed text; nothing else about them."""
    if suggest_limited(request):
        return JsonResponse({"results": []}, status=429)
    text = request.GET.get("q", "")[:MAX_TYPED]
    names = list(organisations_matching(text).values_list("name", flat=True)[:LIMIT])
    return JsonResponse({"results": names})


def _link_unavailable(request):
    return _private(render(request, "orders/public/link_unavailable.html", status=410))


@never_cache
@require_http_methods(["GET", "POST"])
def order_confirm_page(request, token):
    """GET shows a button (so that a mail scanner opening the link confirms nothing); POST confirms."""
    order = order_for_confirm_token(token)
    if order is None:
        return _link_unavailable(request)
    if request.method == "GET":
        return _private(render(request, "orders/public/confirm.html", {"order": order}))
    try:
        order, status_token = order_confirm(order=order)
    except OrderError:
        return _link_unavailable(request)
    if status_token is None:
        return _private(render(request, "orders/public/awaiting_approval.html", {"order": order}))
    return _private(redirect("public_orders:status", token=status_token))


def _status_page(request, order, token, *, message_form=None, status=200):
    assignment = order.assignment
    steps = [] if assignment.status in (Status.INCOMING, Status.CANCELLED) else plan_step_views(
        assignment, on=timezone.localdate())
    lead = assignment.lead_consultant if assignment.lead_consultant_id else None
    return _private(render(request, "orders/public/status.html", {
        "order": order, "assignment": assignment, "steps": steps, "consultant": lead, "token": token,
        "next_step": NEXT_STEP.get(assignment.status, ""), "can_cancel": assignment.status == Status.INCOMING,
        "message_form": message_form or MessageForm(),
        "can_message": assignment.status != Status.CANCELLED and order.state == OrderState.RECEIVED,
    }, status=status))


@never_cache
@require_GET
def order_status(request, token):
    order = order_for_status_token(token)
    if order is None:
        return _link_unavailable(request)
    return _status_page(request, order, token)


@never_cache
@require_POST
def order_status_cancel(request, token):
    order = order_for_status_token(token)
    if order is None:
        return _link_unavailable(request)
    try:
        order_cancel(order=order)
        messages.success(request, _("Beställningen är avbruten."))
    except OrderError as error:
        messages.error(request, str(error))
    return _private(redirect("public_orders:status", token=token))


@never_cache
@require_POST
def order_status_message(request, token):
    order = order_for_status_token(token)
    if order is None:
        return _link_unavailable(request)
    form = MessageForm(data=request.POST)
    if not form.is_valid() or order.assignment.status == Status.CANCELLED:
        if form.is_valid():
            form.add_error(None, _("Beställningen är avbruten. Meddelanden kan inte skickas."))
        return _status_page(request, order, token, message_form=form, status=400)
    order_message_send(order=order, text=form.cleaned_data["text"])
    messages.success(request, _("Ditt meddelande är skickat."))
    return _private(redirect("public_orders:status", token=token))


@require_GET
def accessibility(request):
    return render(request, "orders/public/accessibility.html")
