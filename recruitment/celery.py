"""Celery application. Without a broker (the embedded default) tasks run eagerly."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings.base")

app = Celery("recruitment")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["recruitment"], related_name="jobs")  # the generic background job task
