"""Orders made through the services on given days (reporting of orders, the goals' indicator)."""
from __future__ import annotations

import datetime as dt

import time_machine

from assignments.models import Assignment, Package, Status
from assignments.services import assignment_change_status
from orders.models import Order, RecruitedBefore
from orders.services import order_accept, order_confirm, order_submit
from tests.factories import OrganisationFactory


def at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, 0), tick=False)


def received(day: dt.date, title: str = "Förskollärare") -> Order:
    """An order sent and confirmed (an allowed address) on `day`: an incoming assignment ordered that day."""
    organisation = OrganisationFactory()
    with at(day):
        order = order_submit(data={
            "organisation": organisation, "organisation_name": organisation.name, "contact_name": "Nina N",
            "email": "nina@stockholm.se", "phone": "08-508 000 00", "cost_centre": "1", "role_title": title,
            "role_level": "medarbetare", "sector": "forskola", "positions": 1,
            "package": Package.objects.get(code="STORA"), "recruited_before": RecruitedBefore.NO,
        })
        order, _token = order_confirm(order=order)
    return Order.objects.get(pk=order.pk)


def accepted(order: Order, day: dt.date, consultant, meeting: dt.date | None = None) -> Order:
    with at(day):
        order_accept(order=order, consultant=consultant, start_meeting_on=meeting or day, by=None)
    if meeting is not None:
        with at(meeting):
            assignment_change_status(assignment=Assignment.objects.get(pk=order.assignment_id),
                                     to_status=Status.START_MEETING)
    return Order.objects.get(pk=order.pk)
