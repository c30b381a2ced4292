"""The intake queue for coordinators and managers: open an order, correct it, accept or decline it."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from allocation.ranking import consultants_ranked
from allocation.services import allocation_record
from recruitment.roles import COORDINATOR, MANAGER, role_required

from ..forms.staff import AcceptForm, OrderEditForm, ReasonForm
from ..models import OrderState
from ..selectors import intake_queue, order_detail
from ..services import (
    OrderError,
    order_accept,
    order_address_approve,
    order_address_reject,
    order_decline,
    order_status_link_renew,
    order_status_link_revoke,
    order_update,
)

INTAKE = (COORDINATOR, MANAGER)


def _order(pk):
    order = order_detail(pk)
    if order is None:
        raise Http404
    return order


@role_required(*INTAKE)
@require_http_methods(["GET"])
def queue(request):
    now = timezone.now()
    rows = [{"order": o, "age_days": (now - o.created_at).days} for o in intake_queue()]
    return render(request, "orders/staff/queue.html", {"rows": rows})


def _detail_page(request, order, *, edit_form=None, status=200):
    incoming = order.assignment is not None and order.assignment.status == "incoming"
    return render(request, "orders/staff/detail.html", {
        "order": order, "incoming": incoming,
        "awaiting_approval": order.state == OrderState.AWAITING_APPROVAL,
        "edit_form": edit_form or (OrderEditForm(instance=order) if incoming else None),
    }, status=status)


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    order = _order(pk)
    if request.method == "GET":
        return _detail_page(request, order)
    form = OrderEditForm(data=request.POST, instance=order)
    if not form.is_valid():
        return _detail_page(request, order, edit_form=form, status=400)
    data = {**form.cleaned_data}
    try:
        order_update(order=order, data=data, by=request.user)
    except OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Beställningen är sparad."))
    return redirect("orders:detail", pk=order.pk)


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def accept(request, pk):
    order = _order(pk)
    # the ranked proposal (allocation/): the customer's wish first if that consultant may take it
    proposal = consultants_ranked(order.assignment, wished=order.wished_consultant) if order.assignment else []
    form = AcceptForm(data=request.POST if request.method == "POST" else None, order=order, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        consultant = form.cleaned_data["lead_consultant"]
        try:
            with transaction.atomic():
                order_accept(order=order, consultant=consultant,
                             start_meeting_on=form.cleaned_data["start_meeting_on"], by=request.user)
                allocation_record(assignment=order.assignment, consultant=consultant, by=request.user,
                                  proposal=proposal)
        except (OrderError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("orders:detail", pk=order.pk)
        messages.success(request, _("Beställningen är mottagen och kunden har fått besked."))
        return redirect("assignments:detail", reference=order.assignment.reference)
    return render(request, "orders/staff/accept.html", {"order": order, "form": form, "proposal": proposal},
                  status=400 if form.is_bound else 200)


def _reason_page(request, order, *, action, service, template, done):
    form = ReasonForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(order=order, reason=form.cleaned_data["reason"], by=request.user)
        except OrderError as error:
            messages.error(request, str(error))
            return redirect("orders:detail", pk=order.pk)
        messages.success(request, done)
        return redirect("orders:queue")
    return render(request, template, {"order": order, "form": form, "action": action},
                  status=400 if form.is_bound else 200)


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def decline(request, pk):
    return _reason_page(request, _order(pk), action="decline", service=order_decline,
                        template="orders/staff/reason.html",
                        done=_("Beställningen är avböjd och kunden har fått skälet."))


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def reject_address(request, pk):
    return _reason_page(request, _order(pk), action="reject", service=order_address_reject,
                        template="orders/staff/reason.html", done=_("E-postadressen är inte godkänd."))


@role_required(*INTAKE)
@require_POST
def approve_address(request, pk):
    order = _order(pk)
    try:
        order_address_approve(order=order, by=request.user)
        messages.success(request, _("E-postadressen är godkänd. Beställningen finns nu i kön."))
    except OrderError as error:
        messages.error(request, str(error))
    return redirect("orders:detail", pk=order.pk)


@role_required(*INTAKE)
@require_POST
def status_link(request, pk, action):
    order = _order(pk)
    if action == "aterkalla":
        order_status_link_revoke(order=order, by=request.user)
        messages.success(request, _("Statuslänken är återkallad."))
    elif action == "ny":
        try:
            order_status_link_renew(order=order, by=request.user)
            messages.success(request, _("En ny statuslänk är skickad till kunden. Den gamla fungerar inte längre."))
        except OrderError as error:
            messages.error(request, str(error))
    else:
        raise Http404
    return redirect("orders:detail", pk=order.pk)
