"""Run the development server with the periodic jobs running in-process.

The embedded default has no broker and no Celery beat, so the jobs listed in
settings.LOCAL_PERIODIC_TASKS (dotted paths to functions without arguments) run
in a background thread every LOCAL_PERIODIC_SECONDS.
"""
import logging
import threading
import time

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def local_site_url(addr: str, port: str, *, ipv6: bool = False) -> str:
    """The address e-mailed links use when SITE_URL is not set: the one this server answers on."""
    if addr in ("0", "0.0.0.0", "::", ""):  # noqa: S104 - we only name the address, never bind it
        addr = "127.0.0.1"
    elif ipv6:
        addr = f"[{addr}]"
    return f"http://{addr}:{port}"


def _loop(paths, interval):
    while True:
        for path in paths:
            try:
                import_string(path)()
            except Exception:  # keep the loop alive; the job records its own failures
                log.exception("periodic job %s failed", path)
            finally:
                close_old_connections()
        time.sleep(interval)


class Command(RunserverCommand):
    help = "Startar webbservern med de periodiska jobben (enkätutskick) i samma process."

    def inner_run(self, *args, **options):
        if not settings.SITE_URL_EXPLICIT:
            settings.SITE_URL = local_site_url(self.addr, self.port, ipv6=self._raw_ipv6)
            self.stdout.write(f"Länkar i e-post pekar på {settings.SITE_URL}")
        paths = getattr(settings, "LOCAL_PERIODIC_TASKS", [])
        if paths:
            interval = getattr(settings, "LOCAL_PERIODIC_SECONDS", 60)
            threading.Thread(target=_loop, args=(paths, interval), daemon=True, name="periodic").start()
            self.stdout.write(f"Periodiska jobb var {interval}:e sekund: {', '.join(paths)}")
        return super().inner_run(*args, **options)
