"""An independent cross-check of the places: a small parser of the account's
capture sentences ("... seized control of A, B, and C in Fuzuli, D and E in
Jabrayil ...") reads the settlements and their districts from the running text
itself, and the seed files must agree with it both ways.

The parser works on the document copy under seeds/ and reads the seed files
with plain YAML, so it shares no code with the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from running_text import running_text

FOLDER = Path(__file__).resolve().parent.parent / "seeds" / "aras-valley"

DISTRICTS = {"Fuzuli": "fuzuli-district", "Jabrayil": "jabrayil-district", "Zangilan": "zangilan-district"}
SETTLEMENT_KINDS = {"village", "town", "city"}

CAPTURE_VERB = re.compile(
    r"(?:stated it had taken|had taken control of|had seized control of|seized control of"
    r"|claimed control over|had claimed)\s+(?P<body>.+?\.)(?=\s+[A-Z]|$)"
)
IN_DISTRICT = re.compile(
    r"(?P<names>.+?)\s+in\s+(?P<district>Fuzuli|Jabrayil|Zangilan)(?:\s+(?:District|Districts|districts))?"
    r"(?=,|\.|\s+along|$)"
)
NEAR_IN_DISTRICT = re.compile(r"\bnear\s+(?P<name>[A-ZÇŞÜÖİƏ][\w]*(?:\s+[A-ZÇŞÜÖİƏ][\w]*)*)\s+in\s+"
                              r"(?P<district>Fuzuli|Jabrayil|Zangilan)\b")
TOWN_AND_VILLAGES = re.compile(r"^(?P<town>.+?) town and villages of (?P<rest>.+)$")


@dataclass(frozen=True)
class Parsed:
    name: str
    district: str | None  # a district slug; None when the sentence leaves it open
    sentence: str


def split_names(names: str) -> list[str]:
    items = []
    for item in re.split(r",\s*|\s+and\s+", names):
        item = re.sub(r"^(?:and|as well as)\s+", "", item.strip())
        item = re.sub(r"^the city of\s+", "", item)
        if item and item[0].isupper():
            items.append(item)
    return items


def parse_account() -> list[Parsed]:
    document = (FOLDER / "aras-valley-campaign.txt").read_bytes().decode("utf-8")
    account = running_text(document)
    found: list[Parsed] = []
    for sentence in CAPTURE_VERB.finditer(account):
        body = sentence.group("body")
        for group in IN_DISTRICT.finditer(body):
            names = group.group("names").lstrip(", ").strip()
            district = DISTRICTS[group.group("district")]
            town = TOWN_AND_VILLAGES.match(names)
            if town:  # "Mincivan town and villages of A, B, and C in Fuzuli": the town's district is open
                found.append(Parsed(town.group("town"), None, sentence.group(0)))
                names = town.group("rest")
            found.extend(Parsed(name, district, sentence.group(0)) for name in split_names(names))
    for near in NEAR_IN_DISTRICT.finditer(account):
        found.append(Parsed(near.group("name"), DISTRICTS[near.group("district")], near.group(0)))
    return found


def load(name: str) -> Any:
    return yaml.safe_load((FOLDER / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> list[Parsed]:
    result = parse_account()
    assert len(result) > 100, "the parser found too few settlements: has the account's wording changed?"
    return result


@pytest.fixture(scope="module")
def places() -> list[dict[str, Any]]:
    return load("places.yaml")


def spellings(place: dict[str, Any]) -> list[str]:
    return [place["name"], *(name if isinstance(name, str) else name["name"] for name in place.get("names") or [])]


def areas(place: dict[str, Any]) -> list[str]:
    return [area.get("area") or area.get("areas_of") for area in place.get("areas") or []]


def places_named(places: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [place for place in places if name in spellings(place)]


def test_every_settlement_the_account_places_in_a_district_lies_in_it(
    parsed: list[Parsed], places: list[dict[str, Any]]
) -> None:
    wrong = []
    for item in parsed:
        if item.district is None:
            continue
        candidates = places_named(places, item.name)
        if not any(item.district in areas(place) for place in candidates):
            wrong.append((item.name, item.district, [(p["slug"], areas(p)) for p in candidates]))
    assert wrong == []


def test_a_settlement_whose_district_the_account_leaves_open_cites_a_gazetteer_page_for_it(
    parsed: list[Parsed], places: list[dict[str, Any]]
) -> None:
    open_items = [item for item in parsed if item.district is None]
    assert [item.name for item in open_items] == ["Mincivan"]
    for item in open_items:
        (place,) = places_named(places, item.name)
        (area,) = place["areas"]
        assert area["area"] == "zangilan-district" and area["url"].startswith("https://")
        assert "Fuzuli" in place["note"]


def test_every_settlement_of_the_seed_districts_is_found_by_the_parser(
    parsed: list[Parsed], places: list[dict[str, Any]]
) -> None:
    found = {(item.name, item.district) for item in parsed}
    missing = [
        place["slug"]
        for place in places
        if place["kind"] in SETTLEMENT_KINDS
        and set(areas(place)) & set(DISTRICTS.values())
        and place["slug"] not in ("fuzuli", "mincivan")  # their districts come from gazetteer pages
        and not any((name, district) in found for name in spellings(place) for district in areas(place))
    ]
    assert missing == []


def test_every_captured_settlement_is_a_place_of_a_claim_and_every_claimed_settlement_was_parsed(
    parsed: list[Parsed], places: list[dict[str, Any]]
) -> None:
    claims = load("claims.yaml")
    by_slug = {place["slug"]: place for place in places}
    named_by_claims: set[str] = set()
    for claim in claims:
        for item in claim.get("places") or []:
            named_by_claims.add(item if isinstance(item, str) else item["place"])
    parsed_names = {item.name for item in parsed}
    not_in_claims = sorted(
        item.name for item in parsed if not any(p["slug"] in named_by_claims for p in places_named(places, item.name))
    )
    assert not_in_claims == []
    claimed_settlements_in_districts = {
        slug for slug in named_by_claims
        if by_slug[slug]["kind"] == "village"
    }
    not_parsed = sorted(
        slug for slug in claimed_settlements_in_districts
        if not (set(spellings(by_slug[slug])) & parsed_names)
    )
    assert not_parsed == []


def test_the_capture_sentences_name_the_places_of_their_claims(parsed: list[Parsed]) -> None:
    """Each capture sentence has a capture or control claim whose quote holds
    its settlements, and that claim names every one of them."""
    claims = [claim for claim in load("claims.yaml") if claim["kind"] in ("capture", "control")]
    places = {place["slug"]: place for place in load("places.yaml")}
    sentences: dict[str, set[str]] = {}
    for item in parsed:
        if not item.sentence.startswith("near "):
            sentences.setdefault(item.sentence, set()).add(item.name)
    assert len(sentences) >= 12
    def quoted(claim: dict[str, Any], names: set[str]) -> int:
        quote = " ".join(claim["quote"])
        return sum(name in quote for name in names)

    for sentence, names in sentences.items():
        owner = max(claims, key=lambda claim: quoted(claim, names))
        assert quoted(owner, names) == len(names), f"no claim quotes all of {sentence[:70]!r}"
        claim_names: set[str] = set()
        for entry in owner.get("places") or []:
            place = places[entry if isinstance(entry, str) else entry["place"]]
            claim_names |= set(spellings(place))
        assert names <= claim_names, (owner["slug"], sorted(names - claim_names))
