"""The seed format: typed models, their published JSON Schema, every shipped
folder valid against both, and errors that say file, entry, field and why
(with a did-you-mean where a near value exists)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from seed_copies import SEEDS, edit_yaml

from campaign_db.seeding import SeedError, default_seed_folders, read_campaign
from campaign_db.seeding.schema import FILES, json_schemas

SCHEMA_FOLDER = SEEDS / "schema"


def test_the_published_json_schema_is_the_models_schema() -> None:
    published = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_FOLDER.glob("*.json")}
    assert published == json_schemas(), "run `campaign-db seed-schema` to publish the current format"
    assert sorted(published) == sorted(f"{name.removesuffix('.yaml')}.schema.json" for name in FILES)


@pytest.mark.parametrize("folder", default_seed_folders(), ids=lambda folder: folder.name)
def test_every_shipped_file_is_valid_against_the_json_schema(folder: Path) -> None:
    for file in FILES:
        path = folder / file
        if not path.exists():
            continue
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schema/{file.removesuffix('.yaml')}.schema.json"
        schema = json.loads((SCHEMA_FOLDER / f"{file.removesuffix('.yaml')}.schema.json").read_text(encoding="utf-8"))
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # strings, as an editor sees them
        jsonschema.Draft202012Validator(schema).validate(_numbers(content))


def _numbers(value: Any) -> Any:
    """BaseLoader reads every scalar as text; numbers back to numbers, null to None."""
    if isinstance(value, dict):
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    if value in ("null", "~"):
        return None
    for cast in (int, float):
        try:
            return cast(value)
        except (TypeError, ValueError):
            pass
    return value


@pytest.mark.parametrize("folder", default_seed_folders(), ids=lambda folder: folder.name)
def test_every_shipped_folder_reads_cleanly(folder: Path) -> None:
    campaign = read_campaign(folder)
    assert campaign.slug == folder.name
    assert campaign.claims and campaign.places and campaign.sources


# --- errors ------------------------------------------------------------------------------------


@pytest.fixture
def aras_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "aras-valley"
    shutil.copytree(SEEDS / "aras-valley", folder)
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(SeedError) as raised:
        read_campaign(folder)
    return [str(problem) for problem in raised.value.problems]


def first(items: list[dict[str, Any]], test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return next(item for item in items if test(item))


def test_every_problem_is_reported_at_once_with_file_entry_field(aras_copy: Path) -> None:
    def break_claims(claims: list[dict[str, Any]]) -> None:
        claims[0]["stated_tim"] = "10:00"
        claims[1]["kind"] = "captur"
        first(claims[4:], lambda c: bool(c.get("places")))["places"][0] = "sirrik"
        claims[3]["quote"] = ["This sentence is not in the document."]

    edit_yaml(aras_copy, "claims.yaml", break_claims)
    claims = yaml.safe_load((SEEDS / "aras-valley" / "claims.yaml").read_text(encoding="utf-8"))
    problems = problems_of(aras_copy)
    assert len(problems) == 4, problems
    assert f"claims.yaml: entry {claims[0]['slug']}: field stated_tim: unknown field; did you mean 'stated_time'?" in problems
    assert any(p.startswith(f"claims.yaml: entry {claims[1]['slug']}: field kind: unknown value 'captur'")
               and p.endswith("did you mean 'capture'?") for p in problems)
    assert any("field places[0]: unknown place 'sirrik': it is not in places.yaml; did you mean 'sirik'?" in p
               for p in problems)
    assert any(f"entry {claims[3]['slug']}: field quote[0]:" in p and "is not in the document aras-valley-campaign" in p
               for p in problems)


def test_a_yaml_syntax_error_names_the_line_and_the_entry(aras_copy: Path) -> None:
    path = aras_copy / "losses.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '\n- slug: broken-entry\n  quote: ["unclosed\n', encoding="utf-8")
    (problem,) = problems_of(aras_copy)
    assert problem.startswith("losses.yaml: entry broken-entry (line ")
    assert "not valid YAML" in problem


def test_a_key_written_twice_is_an_error(aras_copy: Path) -> None:
    path = aras_copy / "parties.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- code: XX\n  name: One\n  name: Two\n", encoding="utf-8")
    (problem,) = problems_of(aras_copy)
    assert "parties.yaml" in problem and "the key 'name' is written twice" in problem


def test_a_spelling_the_documents_never_use_needs_a_citation(aras_copy: Path) -> None:
    edit_yaml(aras_copy, "places.yaml", lambda places: first(places, lambda p: p["slug"] == "sirik")["names"].append(
        "Sirik-Bolshoy"))
    (problem,) = problems_of(aras_copy)
    assert problem.startswith("places.yaml: entry sirik: field names[1]: the spelling 'Sirik-Bolshoy' does not occur")


def test_a_date_outside_the_campaign_is_a_typo(aras_copy: Path) -> None:
    edit_yaml(aras_copy, "claims.yaml", lambda claims: claims[0].update(stated="9999-12-31"))
    problems = problems_of(aras_copy)
    assert any("field stated: 9999-12-31 is not a plausible date" in p for p in problems), problems


def test_a_control_claim_needs_a_party_on_a_side(aras_copy: Path) -> None:
    edit_yaml(aras_copy, "claims.yaml",
              lambda claims: first(claims, lambda c: c["kind"] == "capture").update(actor="TR"))
    (problem,) = problems_of(aras_copy)
    assert "field actor: TR is on no side of campaign.yaml" in problem
