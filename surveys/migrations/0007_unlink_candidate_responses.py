"""Fill in every response's customer and sector, then unlink the candidate responses.

Every response gets the customer and sector of its assignment (a course answer without one, its
session's customer). A candidate response then loses its assignment and is dated the first of
its month; an imported one gets the import key the import now gives candidate rows (made from
what the row stores, see surveys.services.importing.candidate_import_digest, repeated here so
that this migration does not depend on the live code). Nothing is undone on the way back: the
links and days are gone.
"""
import hashlib
import json
from collections import Counter

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncMonth


def _digest(response, answers) -> str:
    content = {
        "survey": "candidate", "month": response.submitted_on.strftime("%Y-%m"),
        "organisation": response.organisation_id,
        "answers": {a.question_key: [a.value_number, a.value_text, a.not_applicable] for a in answers},
        "comment": response.comment,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def forward(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Assignment = apps.get_model("assignments", "Assignment")
    TrainingSession = apps.get_model("surveys", "TrainingSession")
    LowScoreFlag = apps.get_model("surveys", "LowScoreFlag")
    Answer = apps.get_model("surveys", "Answer")

    of_assignment = Assignment.objects.filter(pk=OuterRef("assignment_id"))
    Response.objects.filter(assignment__isnull=False).update(
        organisation_id=Subquery(of_assignment.values("organisation_id")[:1]),
        sector=Subquery(of_assignment.values("sector")[:1]),
    )
    of_session = TrainingSession.objects.filter(pk=OuterRef("training_session_id"))
    Response.objects.filter(assignment__isnull=True, training_session__isnull=False).update(
        organisation_id=Subquery(of_session.values("organisation_id")[:1]),
    )

    candidates = Response.objects.filter(kind="candidate")
    # No low-score rule covers candidate answers; a flag on one would still name its assignment.
    LowScoreFlag.objects.filter(response__kind="candidate").delete()
    candidates.update(assignment=None, submitted_on=TruncMonth("submitted_on"))

    imported = list(candidates.filter(source="import").order_by("pk"))
    answers = {}
    for answer in Answer.objects.filter(response__in=[r.pk for r in imported]).order_by("pk"):
        answers.setdefault(answer.response_id, []).append(answer)
    seen = Counter()
    for response in imported:
        digest = _digest(response, answers.get(response.pk, []))
        response.import_key = f"{digest}#{seen[digest]}"
        seen[digest] += 1
    Response.objects.bulk_update(imported, ["import_key"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0012_import_job'),
        ('surveys', '0006_response_organisation_sector'),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
