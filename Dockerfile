FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.in constraints.txt ./
RUN pip install --no-cache-dir -r requirements.in -c constraints.txt
COPY . .
RUN DJANGO_SETTINGS_MODULE=recruitment.settings.base python manage.py collectstatic --noinput
ENV DJANGO_SETTINGS_MODULE=recruitment.settings.production
EXPOSE 8000
CMD ["gunicorn", "recruitment.wsgi", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3"]
