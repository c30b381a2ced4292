from django.db import migrations


class Migration(migrations.Migration):
    """The summary is rebuilt right after each candidate answer: a rebuild time is the answer's time."""

    dependencies = [
        ('reporting', '0008_survey_month_summary'),
    ]

    operations = [
        migrations.RemoveField(model_name='surveymonthbuild', name='built_at'),
    ]
