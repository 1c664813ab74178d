FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))') python manage.py collectstatic --noinput \
    && useradd --create-home studyhub
USER studyhub
EXPOSE 8000
