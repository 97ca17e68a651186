# campaign-db's command line, for the one-shot `migrate` service of
# docker-compose.yml (it talks to the `db` service through DATABASE_URL).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY campaign_db ./campaign_db
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install --no-cache-dir .
USER nobody
ENTRYPOINT []
CMD ["campaign-db", "--help"]
