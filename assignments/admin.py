"""Django admin for staff: every register model, with its change history."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m
from . import services


class InvoicedLinesReadOnly:
    """An invoiced (locked) line is history: the admin shows it and neither changes nor deletes it
    (the register's services credit it instead)."""

    readonly_fields = ["amount", "recorded_on", "credits"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not getattr(obj, "locked", False)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not getattr(obj, "locked", False)


class BillingLineInline(InvoicedLinesReadOnly, admin.TabularInline):
    model = m.BillingLine
    extra = 0


class HireInline(admin.TabularInline):
    model = m.Hire
    extra = 0


@admin.register(m.Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(m.Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "email", "role", "email_status", "active"]
    list_filter = ["role", "email_status", "active"]
    search_fields = ["name", "email", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(m.Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "manager"]
    search_fields = ["name"]


@admin.register(m.Consultant)
class ConsultantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "unit", "role", "fte", "manager_qualified", "active"]
    list_filter = ["unit", "role", "manager_qualified", "active"]
    search_fields = ["name", "email"]
    list_select_related = ["unit"]


@admin.register(m.ConsultantBudget)
class ConsultantBudgetAdmin(SimpleHistoryAdmin):
    list_display = ["consultant", "year", "amount_sek"]
    list_filter = ["year"]
    search_fields = ["consultant__name"]
    list_select_related = ["consultant"]


class PackagePriceInline(admin.TabularInline):
    model = m.PackagePrice
    extra = 0


@admin.register(m.Package)
class PackageAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "full_process_with_tests", "manager_package", "offered"]
    list_filter = ["unit", "offered"]
    search_fields = ["code", "name"]
    inlines = [PackagePriceInline]


@admin.register(m.PackagePrice)
class PackagePriceAdmin(SimpleHistoryAdmin):
    list_display = ["package", "year", "price_sek"]
    list_filter = ["year"]
    search_fields = ["package__code", "package__name"]
    list_select_related = ["package"]


@admin.register(m.Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "lead", "starts_on", "ends_on"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation", "lead"]


@admin.register(m.Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "ordered_on", "organisation", "role_title", "lead_consultant", "package", "status"]
    list_filter = ["status", "sector", "role_level", "package"]
    search_fields = ["reference", "role_title", "organisation__name", "contact__name"]
    list_select_related = ["organisation", "lead_consultant", "package"]
    date_hierarchy = "ordered_on"
    raw_id_fields = ["organisation", "contact", "lead_consultant", "project", "redo_of"]
    filter_horizontal = ["co_consultants"]
    readonly_fields = ["version", "invoiced_total"]
    inlines = [BillingLineInline, HireInline]

    def save_related(self, request, form, formsets, change):
        """The billing lines edited inline count in the assignment's total."""
        super().save_related(request, form, formsets, change)
        services.billing_total_refresh(assignment=form.instance)


@admin.register(m.StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["assignment", "from_status", "to_status", "changed_on", "changed_by"]
    list_filter = ["to_status"]
    search_fields = ["assignment__reference"]
    list_select_related = ["assignment", "changed_by"]


@admin.register(m.BillingLine)
class BillingLineAdmin(InvoicedLinesReadOnly, SimpleHistoryAdmin):
    list_display = ["assignment", "kind", "description", "quantity", "unit_price", "amount", "locked"]
    list_filter = ["kind", "locked"]
    search_fields = ["assignment__reference", "description"]
    list_select_related = ["assignment"]

    # A line saved or deleted here counts in its assignment's total (and in the one it left).
    def save_model(self, request, obj, form, change):
        before = form.initial.get("assignment")
        super().save_model(request, obj, form, change)
        services.billing_totals_refresh(assignment_ids={obj.assignment_id, *([before] if before else [])})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.billing_totals_refresh(assignment_ids=[obj.assignment_id])

    def delete_queryset(self, request, queryset):
        touched = set(queryset.values_list("assignment_id", flat=True))
        super().delete_queryset(request, queryset)
        services.billing_totals_refresh(assignment_ids=touched)


@admin.register(m.Hire)
class HireAdmin(SimpleHistoryAdmin):
    list_display = ["name", "assignment", "start_date"]
    search_fields = ["name", "assignment__reference"]
    list_select_related = ["assignment"]


@admin.register(m.ReferenceCounter)
class ReferenceCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "last"]
