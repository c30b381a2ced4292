"""The invoiced total becomes a column on the assignment, written by the billing services.

Drops what 0007 made: the triggers (PostgreSQL and SQLite), the AssignmentTotal table and the
Assignment.total relation; adds Assignment.invoiced_total, filled from the billing lines, with the
indexes the list sorts by. Backwards, 0007's table and triggers come back (and are filled again).
"""
from decimal import Decimal

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from . import _totals_0007

# What 0007 created, named here so that this migration never changes with the code.
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS assignments_total_line_insert ON assignments_billingline",
    "DROP TRIGGER IF EXISTS assignments_total_line_update ON assignments_billingline",
    "DROP TRIGGER IF EXISTS assignments_total_line_delete ON assignments_billingline",
    "DROP TRIGGER IF EXISTS assignments_total_line_truncate ON assignments_billingline",
    "DROP TRIGGER IF EXISTS assignments_total_assignment_insert ON assignments_assignment",
    "DROP TRIGGER IF EXISTS assignments_total_assignment_update ON assignments_assignment",
    "DROP TRIGGER IF EXISTS assignments_total_assignment_delete ON assignments_assignment",
    "DROP FUNCTION IF EXISTS assignments_total_from_lines()",
    "DROP FUNCTION IF EXISTS assignments_total_from_assignments()",
    "DROP FUNCTION IF EXISTS assignments_total_lines_truncated()",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS assignments_total_line_insert",
    "DROP TRIGGER IF EXISTS assignments_total_line_update",
    "DROP TRIGGER IF EXISTS assignments_total_line_delete",
    "DROP TRIGGER IF EXISTS assignments_total_assignment_insert",
    "DROP TRIGGER IF EXISTS assignments_total_assignment_update",
    "DROP TRIGGER IF EXISTS assignments_total_assignment_delete",
]


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    statements = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def restore_triggers(apps, schema_editor):
    _totals_0007.install(schema_editor.connection)


def fill_totals(apps, schema_editor):
    """Each assignment's total: the sum of its billing lines, 0 without lines (one UPDATE)."""
    Assignment = apps.get_model("assignments", "Assignment")
    BillingLine = apps.get_model("assignments", "BillingLine")
    money = models.DecimalField(max_digits=14, decimal_places=2)
    line_sum = (
        BillingLine.objects.filter(assignment=OuterRef("pk")).order_by().values("assignment")
        .annotate(total=Sum("amount")).values("total")
    )
    Assignment.objects.update(
        invoiced_total=Coalesce(Subquery(line_sum, output_field=money), Value(Decimal("0")), output_field=money)
    )


class Migration(migrations.Migration):

    dependencies = [
        ("assignments", "0013_plan_organisations"),
    ]

    operations = [
        # first, so that no trigger refers to a table that SQLite rebuilds below
        migrations.RunPython(drop_triggers, restore_triggers),
        # a relation without a column: nothing to do in the database
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(model_name="assignment", name="total"),
        ]),
        migrations.DeleteModel(name="AssignmentTotal"),
        migrations.AddField(
            model_name="assignment",
            name="invoiced_total",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0"), editable=False, max_digits=14,
                verbose_name="fakturerat belopp",
            ),
        ),
        migrations.RunPython(fill_totals, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                fields=["-invoiced_total", "-ordered_on", "-reference"], name="assignment_invoiced_desc_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                fields=["invoiced_total", "-ordered_on", "-reference"], name="assignment_invoiced_asc_idx"
            ),
        ),
    ]
