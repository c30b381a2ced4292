from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0004_survey_tally"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportfile",
            name="step",
            field=models.CharField(blank=True, max_length=200, verbose_name="pågående steg"),
        ),
    ]
