"""Every package gets its invoicing rule: hourly packages (volume projects) monthly by the hour, every
other package at closing, and a cancellation costs the package price once the work has started."""
from django.db import migrations


def seed(apps, schema_editor):
    Package = apps.get_model("assignments", "Package")
    PackageInvoicing = apps.get_model("billing", "PackageInvoicing")
    for package in Package.objects.all():
        PackageInvoicing.objects.get_or_create(package=package, defaults={
            "package_line": "monthly" if package.unit == "hour" else "on_close", "on_cancel": "if_started"})


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial"), ("assignments", "0016_billing_line_invoice_state")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
