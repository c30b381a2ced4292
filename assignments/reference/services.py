"""Writes to the reference data, each recording who made the change.

Every model here keeps its history with django-simple-history; the user is set
on the history rows.
"""
from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm

from ..models import Consultant, Package, PackagePrice, Unit


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


def package_prices_save(*, prices: dict[tuple[int, int], Decimal | None], by) -> int:
    """Set the prices per (package id, year) in one transaction; None removes that year's price.

    Returns the number of prices created, changed or removed; unchanged ones are not written
    (and get no history row).
    """
    changed = 0
    with transaction.atomic():
        existing = {
            (p.package_id, p.year): p
            for p in PackagePrice.objects.select_for_update().filter(
                package_id__in={pk for pk, _year in prices}, year__in={year for _pk, year in prices})
        }
        for (package_id, year), amount in sorted(prices.items()):
            current = existing.get((package_id, year))
            if amount is None:
                if current is not None:
                    current._history_user = by
                    current.delete()
                    changed += 1
            elif current is None:
                _save_with_user(PackagePrice(package_id=package_id, year=year, price_sek=amount), by=by)
                changed += 1
            elif current.price_sek != amount:
                current.price_sek = amount
                _save_with_user(current, by=by)
                changed += 1
    return changed


def unit_save(*, form: ModelForm, by) -> Unit:
    """Save a unit (name, manager) with its history."""
    return record_save(form=form, by=by)
