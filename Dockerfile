FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api api
COPY domain domain
COPY workers workers
COPY integrations integrations
COPY migrations migrations
RUN pip install -e .
EXPOSE 8000
CMD ["lifeline", "serve", "--host", "0.0.0.0"]
