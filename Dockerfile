# The image compose.yaml runs: art28 from this checkout, its pinned dependencies, static files.
FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir -r requirements.lock \
    && pip install --no-cache-dir --no-deps -e . \
    && mkdir -p /var/lib/art28
ENV ART28_HOME=/var/lib/art28
# whitenoise serves the static files from $ART28_HOME/static in every web process
RUN SECRET_KEY=build art28 manage collectstatic --no-input
EXPOSE 8000
CMD ["art28", "serve", "--bind", "0.0.0.0:8000", "--no-worker"]
