"""AssignmentTotal: each assignment's invoiced amount, derived by database triggers.

Replaced by Assignment.invoiced_total in 0014_invoiced_total_column. The SQL is a frozen copy
(_totals_0007.py), so that this migration stays as it ran.
"""
import django.db.models.deletion
from django.db import migrations, models

from . import _totals_0007


def install_triggers(apps, schema_editor):
    _totals_0007.install(schema_editor.connection)  # also fills the table from the existing lines


def uninstall_triggers(apps, schema_editor):
    _totals_0007.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0006_first_assignment_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='AssignmentTotal',
            fields=[
                ('assignment', models.OneToOneField(on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='assignments.assignment')),
                ('invoiced', models.DecimalField(decimal_places=2, max_digits=14)),
                ('ordered_on', models.DateField()),
                ('reference', models.CharField(max_length=32)),
            ],
            options={
                'verbose_name': 'fakturerat belopp',
                'indexes': [models.Index(fields=['-invoiced', '-ordered_on', '-reference'], name='assignmenttotal_desc_idx'), models.Index(fields=['invoiced', '-ordered_on', '-reference'], name='assignmenttotal_asc_idx')],
            },
        ),
        # A relation without a column: nothing to do in the database (and on SQLite, no table rebuild).
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AddField(
                model_name='assignment',
                name='total',
                field=models.ForeignObject(editable=False, from_fields=['id'], on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', serialize=False, to='assignments.assignmenttotal', to_fields=['assignment']),
            ),
        ]),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
