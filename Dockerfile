# MasteryHub API (and the outbox worker): one image, started as `masteryhub serve` or `masteryhub worker`.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv

RUN pip install --no-cache-dir "uv==0.13.8"

WORKDIR /app

# Dependencies first, from the lock file only, so that a code change reuses this layer.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project

# The service itself: code, migrations and their config (health checks read the migrations).
COPY backend/ backend/
COPY migrations/ migrations/
COPY alembic.ini ./
RUN uv sync --frozen --no-dev

RUN useradd --system --uid 10001 --no-create-home --home-dir /app masteryhub \
    && mkdir -p /app/var && chown masteryhub /app/var
USER masteryhub

ENV PATH="/app/.venv/bin:$PATH" \
    MASTERYHUB_ENV=production

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)"]

CMD ["sh", "-c", "masteryhub migrate && exec masteryhub serve --host 0.0.0.0 --port 8000"]
