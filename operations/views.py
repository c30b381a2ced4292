from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_report


@never_cache
@require_GET
def health(request):
    """`/health/` for a load balancer: JSON, 503 when the database or Redis is down (operations/health.py)."""
    report = health_report()
    return JsonResponse(report.to_json(), status=report.http_status)
