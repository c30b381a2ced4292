"""Writes to the reference data, each recording who made the change.

Every model here keeps its history with django-simple-history; the user is set
on the history rows.
"""
from __future__ import annotations

from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm

from ..models import Consultant, Package, Unit


def _save_with_user(obj, *, by):
    if by is not None:
        obj._history_user = by
    obj.save()
    return obj


def record_save(*, form: ModelForm, by) -> object:
    """Save a validated reference-data form (organisation, contact, project)."""
    with transaction.atomic():
        return _save_with_user(form.save(commit=False), by=by)


def _save_rows(*, formset: BaseInlineFormSet, parent, by) -> None:
    for row in formset.save(commit=False):
        setattr(row, formset.fk.name, parent)
        _save_with_user(row, by=by)


def consultant_save(*, form: ModelForm, budgets: BaseInlineFormSet, by) -> Consultant:
    """Save a consultant and their yearly revenue budgets in one transaction."""
    with transaction.atomic():
        consultant = _save_with_user(form.save(commit=False), by=by)
        _save_rows(formset=budgets, parent=consultant, by=by)
    return consultant


def package_save(*, form: ModelForm, prices: BaseInlineFormSet, by) -> Package:
    """Save a package and its prices per year in one transaction."""
    with transaction.atomic():
        package = _save_with_user(form.save(commit=False), by=by)
        _save_rows(formset=prices, parent=package, by=by)
    return package


def unit_save(*, form: ModelForm, by) -> Unit:
    """Save a unit (name, manager) with its history."""
    return record_save(form=form, by=by)
