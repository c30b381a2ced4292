"""gunicorn settings, read from the working directory (the Dockerfile's and docker-compose's command).

Survey links carry their token in the path, so no log may write a raw path:
the access log is off unless GUNICORN_ACCESS_LOG names a file ("-" for stdout),
and when on, its lines go through a logger that replaces every token with a
short hash (recruitment/gunicorn_logging.py). The format leaves out the
referer and the user agent.
"""
import os

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
logger_class = "recruitment.gunicorn_logging.RedactingGunicornLogger"
