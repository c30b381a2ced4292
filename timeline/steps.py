"""The steps of a recruitment, in order, and the register statuses that mark them done."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from assignments.models import Status


class Step(models.TextChoices):
    START_MEETING = "start_meeting", _("Uppstartsmöte")
    AD_PUBLISHED = "ad_published", _("Annons publicerad")
    APPLICATION_DEADLINE = "application_deadline", _("Sista ansökningsdag")
    SELECTION = "selection", _("Urval")
    INTERVIEWS = "interviews", _("Intervjuer")
    TESTS = "tests", _("Tester och fördjupad intervju")
    REFERENCES = "references", _("Referenser")
    DECISION = "decision", _("Beslut och erbjudande")
    CLOSED = "closed", _("Avslut")


ORDER = [step.value for step in Step]
POSITION = {key: i for i, key in enumerate(ORDER)}

# A status change to one of these statuses (or to any status of a later step) marks the step done.
# Steps missing here (application deadline, decision) have no status: they are ticked, or done
# when the process has passed them.
STATUS_STEP = {
    Status.START_MEETING: Step.START_MEETING,
    Status.AD_PUBLISHED: Step.AD_PUBLISHED,
    Status.SELECTION: Step.SELECTION,
    Status.INTERVIEWS: Step.INTERVIEWS,
    Status.TESTS: Step.TESTS,
    Status.REFERENCES: Step.REFERENCES,
    Status.CLOSED_HIRED: Step.CLOSED,
    Status.CLOSED_NOT_HIRED: Step.CLOSED,
}


class Cause(models.TextChoices):
    CUSTOMER = "customer_availability", _("Kundens tillgänglighet")
    FEW_APPLICANTS = "few_applicants", _("Få sökande")
    CANDIDATE_WITHDREW = "candidate_withdrew", _("Kandidat hoppade av")
    CONSULTANT_LOAD = "consultant_load", _("Konsultens arbetsbelastning")
    OTHER = "other", _("Annat")


class State(models.TextChoices):
    ON_TIME = "on_time", _("Enligt plan")
    DUE_SOON = "due_soon", _("Snart")
    LATE = "late", _("Försenat")
    DONE = "done", _("Klart")
    DONE_LATE = "done_late", _("Klart, försenat")


LATE_STATES = (State.LATE, State.DONE_LATE)
