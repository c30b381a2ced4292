"""Billing lines get invoice state: the day recorded, a lock while an invoice basis holds them, credit lines.

Lines that exist already are dated by their assignment: its closing day, else its order date.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0015_swedish_labels'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='billingline',
            name='billing_quantity_not_negative',
        ),
        migrations.AddField(
            model_name='billingline',
            name='credits',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='credited_by', to='assignments.billingline'),
        ),
        migrations.AddField(
            model_name='billingline',
            name='locked',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name='billingline',
            name='recorded_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='registrerad'),
        ),
        migrations.AddField(
            model_name='historicalbillingline',
            name='credits',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assignments.billingline'),
        ),
        migrations.AddField(
            model_name='historicalbillingline',
            name='locked',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name='historicalbillingline',
            name='recorded_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='registrerad'),
        ),
        migrations.AlterField(
            model_name='billingline',
            name='kind',
            field=models.CharField(choices=[('package', 'Paket'), ('extra_hours', 'Extra timmar'), ('references', 'Digitala referenser'), ('other', 'Övrigt'), ('credit', 'Kreditering')], max_length=20, verbose_name='typ'),
        ),
        migrations.AlterField(
            model_name='historicalbillingline',
            name='kind',
            field=models.CharField(choices=[('package', 'Paket'), ('extra_hours', 'Extra timmar'), ('references', 'Digitala referenser'), ('other', 'Övrigt'), ('credit', 'Kreditering')], max_length=20, verbose_name='typ'),
        ),
        migrations.AddConstraint(
            model_name='billingline',
            constraint=models.CheckConstraint(condition=models.Q(('quantity__gte', 0), ('kind', 'credit'), _connector='OR'), name='billing_quantity_not_negative'),
        ),
        migrations.RunSQL(
            "UPDATE assignments_billingline SET recorded_on = (SELECT COALESCE(a.closed_on, a.ordered_on) "
            "FROM assignments_assignment a WHERE a.id = assignments_billingline.assignment_id)",
            migrations.RunSQL.noop,
        ),
    ]
