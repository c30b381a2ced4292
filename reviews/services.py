"""Writes of the reviews: each side saves only its own fields, so the two never overwrite each other."""
from __future__ import annotations

from django.db import IntegrityError, transaction

from assignments.models import Consultant

from .models import Review

MANAGER_FIELDS = ("held_on", "manager_notes", "goals", "actions")
CONSULTANT_FIELDS = ("consultant_notes",)


def _review_save(*, consultant: Consultant, year: int, half: int, values: dict, fields: tuple, user) -> Review:
    """Create the review with these values, or change these fields of it: one saved version in the history
    (none when nothing changed). Two first saves at once: the second finds the first's row and changes it."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                review = (Review.objects.select_for_update()
                          .filter(consultant=consultant, year=year, half=half).first())
                if review is None:
                    review = Review(consultant=consultant, year=year, half=half)
                elif all(getattr(review, f) == values[f] for f in fields):
                    return review
                for name in fields:
                    setattr(review, name, values[name])
                review.updated_by = user
                review._history_user = user
                review.save()
                return review
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def review_save_manager(*, consultant: Consultant, year: int, half: int, values: dict, user) -> Review:
    """The manager's side (date, notes, goals, actions); the consultant's notes are left as they are."""
    return _review_save(consultant=consultant, year=year, half=half, values=values, fields=MANAGER_FIELDS,
                        user=user)


def review_save_consultant(*, consultant: Consultant, year: int, half: int, values: dict, user) -> Review:
    """The consultant's own notes; the manager's side is left as it is."""
    return _review_save(consultant=consultant, year=year, half=half, values=values, fields=CONSULTANT_FIELDS,
                        user=user)
