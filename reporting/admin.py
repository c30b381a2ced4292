from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import SurveyAggregate


@admin.register(SurveyAggregate)
class SurveyAggregateAdmin(SimpleHistoryAdmin):
    list_display = ("year", "survey", "question", "mean", "yes_share", "n")
    list_filter = ("survey", "year")
    search_fields = ("question",)
