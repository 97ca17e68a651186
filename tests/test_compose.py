"""docker-compose.yml and the Dockerfile, parse-checked (no Docker engine is
needed to read them; `docker compose config` runs where an engine exists)."""

from __future__ import annotations

from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((REPOSITORY / "docker-compose.yml").read_text())


def test_database_service_is_pinned_healthchecked_and_persistent() -> None:
    db = compose()["services"]["db"]
    image, _, tag = db["image"].partition(":")
    assert image == "postgres" and tag.split(".")[0].isdigit(), "pin the PostgreSQL major version"
    assert 15 <= int(tag.split(".")[0]) <= 18
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"], "data lives in a named volume"


def test_migrate_service_runs_up_once_the_database_is_healthy() -> None:
    services = compose()["services"]
    migrate = services["migrate"]
    assert migrate["build"] == "."
    assert migrate["command"] == ["campaign-db", "up"]
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    user, password = services["db"]["environment"]["POSTGRES_USER"], services["db"]["environment"]["POSTGRES_PASSWORD"]
    assert migrate["environment"]["DATABASE_URL"].startswith(f"postgresql://{user}:{password}@db:5432/")


def test_dockerfile_installs_the_project_with_everything_it_needs_at_run_time() -> None:
    dockerfile = (REPOSITORY / "Dockerfile").read_text()
    for folder in ("campaign_db", "migrations", "seeds"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert "pip install" in dockerfile


def test_bi_profile_runs_a_pinned_metabase_on_localhost_only() -> None:
    metabase = compose()["services"]["metabase"]
    assert metabase["profiles"] == ["bi"]
    image, _, tag = metabase["image"].partition(":")
    assert image == "metabase/metabase" and tag not in ("", "latest")
    assert all(port.startswith("127.0.0.1:") for port in metabase["ports"])
    assert metabase["volumes"][0].split(":")[0] in compose()["volumes"]
