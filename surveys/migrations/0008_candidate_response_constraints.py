"""A candidate response has no assignment and is dated by its month (the rows were made so in 0007)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0007_unlink_candidate_responses'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='response',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'candidate'), _negated=True), ('assignment__isnull', True), _connector='OR'), name='candidate_response_not_linked_to_assignment'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'candidate'), _negated=True), ('submitted_on__day', 1), _connector='OR'), name='candidate_response_dated_by_month'),
        ),
    ]
