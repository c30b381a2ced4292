"""Every model with change history: each editable field changed, the page showing its history still renders.

The assignment page shows the history of the assignment, its billing lines and hires; the admin shows
the history of every register model. History shows only the fields it records: a hire's e-mail is not
recorded (personal data), and reading it from a historical row used to break the assignment page.
"""
import datetime as dt
from decimal import Decimal
from itertools import count

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalChanges

from assignments import models as m
from assignments import services
from reporting.models import SurveyAggregate
from tests.factories import AssignmentFactory, ConsultantFactory, ContactFactory, HireFactory, OrganisationFactory

_n = count(1)


def _another(model):
    """A fresh row of a related model, so a foreign key can point somewhere new."""
    n = next(_n)
    makers = {
        m.Organisation: lambda: OrganisationFactory(name=f"Ny förvaltning {n}"),
        m.Contact: ContactFactory,
        m.Consultant: ConsultantFactory,
        m.Unit: lambda: m.Unit.objects.create(name=f"Ny enhet {n}"),
        m.Project: lambda: m.Project.objects.create(name=f"Nytt projekt {n}"),
        m.Assignment: lambda: AssignmentFactory(reference=f"2030-{n:04d}"),
        m.Package: lambda: m.Package.objects.create(code=f"NY{n}", name=f"Nytt paket {n}"),
        m.BillingLine: lambda: m.BillingLine.objects.create(
            assignment=AssignmentFactory(reference=f"2031-{n:04d}"), kind=m.BillingKind.OTHER,
            description="Rad", unit_price=Decimal("100")),
        get_user_model(): lambda: get_user_model().objects.create(username=f"ny{n}"),
    }
    return makers[model]()


def _new_value(field: models.Field, old):
    n = next(_n)
    if field.is_relation:
        return _another(field.related_model)
    if field.choices:
        return next(value for value, _label in field.flatchoices if value != old and value != "")
    if isinstance(field, models.BooleanField):
        return not old
    if isinstance(field, models.DateField):
        return (old or dt.date(2025, 1, 1)) + dt.timedelta(days=n)
    if isinstance(field, models.DecimalField):
        return (old or Decimal("0")) + Decimal("0.25")
    if isinstance(field, models.FloatField):
        return (old or 0.0) + 0.5
    if isinstance(field, models.IntegerField):
        return (old or 0) + 40 + n
    if isinstance(field, models.EmailField):
        return f"ny{n}@example.se"
    if isinstance(field, (models.CharField, models.TextField)):
        suffix = f"ny{n}"
        return ((old or "")[: (field.max_length or 200) - len(suffix) - 1] + "-" + suffix).lstrip("-")
    raise AssertionError(f"no new value for {field!r}")


def _editable(model):
    return [f for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and not isinstance(f, models.GeneratedField)]


def _samples():
    """One row of every model registered in the admin with history."""
    assignment = AssignmentFactory(reference="2025-0500")
    services.billing_package_line_set(assignment=assignment)
    consultant = ConsultantFactory()
    package = m.Package.objects.create(code="HIST", name="Historikpaketet")
    return {
        m.Organisation: assignment.organisation,
        m.Contact: assignment.contact,
        m.Unit: m.Unit.objects.create(name="Historikenheten"),
        m.Consultant: consultant,
        m.ConsultantBudget: m.ConsultantBudget.objects.create(consultant=consultant, year=2025, amount_sek=100),
        m.Package: package,
        m.PackagePrice: m.PackagePrice.objects.create(package=package, year=2090, price_sek=Decimal("1000")),
        m.Project: m.Project.objects.create(name="Historikprojektet"),
        m.Assignment: assignment,
        m.BillingLine: assignment.billing_lines.get(),
        m.Hire: HireFactory(assignment=assignment, name="Sara Svensson"),
        SurveyAggregate: SurveyAggregate.objects.create(year=2019, survey="customer", question="helhet", mean=4.0),
    }


def _admin_models():
    return [model for model, model_admin in admin.site._registry.items()
            if hasattr(model, "history") and hasattr(model_admin, "history_view")]


@pytest.mark.django_db
def test_every_history_page_renders_after_each_field_is_changed(client, coordinator, admin_user):
    samples = _samples()
    missing = [mod.__name__ for mod in _admin_models() if mod not in samples]
    assert not missing, f"add a sample row for {missing}"
    client.force_login(admin_user)
    for model, obj in samples.items():
        recorded = {f.name for f in model.history.model._meta.concrete_fields}
        for field in _editable(model):
            obj.refresh_from_db()
            new = _new_value(field, getattr(obj, field.name))
            setattr(obj, field.name, new)
            if model is m.Assignment and field.name in ("surveys_enabled", "no_survey_reason"):
                # a check constraint: no survey needs a reason, and only then
                obj.surveys_enabled = field.name == "surveys_enabled" and new
                obj.no_survey_reason = "" if obj.surveys_enabled else (obj.no_survey_reason or "other")
            obj._history_user = coordinator
            obj.save()
            label = f"{model.__name__}.{field.name}"
            base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            assert client.get(reverse(f"{base}_history", args=[obj.pk])).status_code == 200, label
            latest = obj.history.latest()
            response = client.get(reverse(f"{base}_simple_history", args=[obj.pk, latest.history_id]))
            assert response.status_code == 200, label
            if field.name in recorded:
                obj.refresh_from_db()
                shown = getattr(response.context["original"], field.attname)
                assert shown == getattr(obj, field.attname), label
            reference = m.Assignment.objects.get(pk=samples[m.Assignment].pk).reference
            page = client.get(reverse("assignments:detail", args=[reference]))
            assert page.status_code == 200, label


def _detail_changes(client, reference="2025-0500"):
    response = client.get(reverse("assignments:detail", args=[reference]))
    assert response.status_code == 200
    return {(e.subject, c.label, c.new) for e in response.context["history"] for c in e.changes}


@pytest.mark.django_db
def test_editing_a_hire_keeps_the_assignment_page_and_shows_only_recorded_fields(client, coordinator, manager,
                                                                                consultant_user):
    assignment = AssignmentFactory(reference="2025-0500", lead_consultant=consultant_user.consultant)
    with time_machine.travel(dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC), tick=False) as clock:
        hire = services.hire_add(assignment=assignment, name="Sara Svensson", email="sara@example.se",
                                 start_date=dt.date(2025, 6, 1))
        for name, email, start in [("Sara Lind", "sara@example.se", dt.date(2025, 6, 1)),
                                   ("Sara Lind", "sara.lind@example.se", dt.date(2025, 6, 1)),
                                   ("Sara Lind", "sara.lind@example.se", dt.date(2025, 8, 18))]:
            clock.shift(dt.timedelta(hours=1))  # separate edits, not one save folded into the creation
            services.hire_update(hire=hire, name=name, email=email, start_date=start)
    for user in (coordinator, manager, consultant_user):
        client.force_login(user)
        changes = _detail_changes(client)
        assert ("Tillsättning: Sara Lind", "Namn", "Sara Lind") in changes
        assert ("Tillsättning: Sara Lind", "Startdatum", "2025-08-18") in changes
        body = client.get(reverse("assignments:detail", args=["2025-0500"])).content.decode()
        assert "sara.lind@example.se" not in body.split('id="h-history"')[1]


@pytest.mark.django_db
def test_each_assignment_and_billing_field_edited_through_its_service_is_shown(client, coordinator):
    assignment = AssignmentFactory(reference="2025-0500")
    services.billing_package_line_set(assignment=assignment)
    client.force_login(coordinator)
    for name in services.EDITABLE_FIELDS:
        assignment.refresh_from_db()
        field = m.Assignment._meta.get_field(name)
        data = {name: _new_value(field, getattr(assignment, name))}
        if name == "surveys_enabled":
            data["no_survey_reason"] = "other" if not data[name] else ""
        elif name == "no_survey_reason":
            data = {"surveys_enabled": False, name: "frequent_customer"}
        services.assignment_update(assignment=assignment, data=data,
                                        expected_version=assignment.version, by=coordinator)
        assert any(label == str(field.verbose_name).capitalize() for _s, label, _n in _detail_changes(client)), name
    with time_machine.travel(dt.timedelta(hours=1)):  # a later edit, not part of the line's creation
        services.billing_package_override(assignment=assignment, amount=Decimal("1234"), reason="Rabatt")
    changes = _detail_changes(client)
    assert any(label == "Skäl till avvikande pris" and new == "Rabatt" for _s, label, new in changes)


def test_history_entries_only_read_recorded_fields():
    from assignments.selectors import _tracked_fields

    for model in (m.Hire, m.Assignment, m.BillingLine):
        recorded = {f.name for f in model.history.model._meta.concrete_fields}
        assert {f.name for f in _tracked_fields(model)} <= recorded
    assert "email" not in {f.name for f in _tracked_fields(m.Hire)}
    assert issubclass(m.Hire.history.model, HistoricalChanges)
