"""Synthetic campaign folders for tests, written in the real seed format.

Tests describe a campaign in a few lines (parties, sides, places, claims);
the builder writes the folder the loader reads — YAML files and a document
whose text holds every quote — so synthetic data goes through exactly the
path shipped data does (checks, staging, upserts, views).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


def _day(value: str | tuple[str, str | None]) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass
class CampaignBuilder:
    slug: str
    period: tuple[str, str] = ("2021-03-01", "2021-03-31")
    dates: tuple[str, str] = ("1990-01-01", "2022-12-31")
    report_area_kind: str = "district"
    title: str | None = None
    version: str = "1.0.0"
    sides: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    losses: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    def _say(self, text: str) -> str:
        self.sentences.append(text)
        return text

    def side(self, slug: str, name: str, *parties: tuple[str, str]) -> CampaignBuilder:
        for code, party_name in parties:
            self.parties.append({"code": code, "name": party_name})
        self.sides.append({"slug": slug, "name": name, "parties": [code for code, _ in parties]})
        return self

    def party(self, code: str, name: str) -> CampaignBuilder:
        self.parties.append({"code": code, "name": name})
        return self

    def source(self, slug: str, name: str, kind: str, party: str | None) -> CampaignBuilder:
        self.sources.append({"slug": slug, "name": name, "kind": kind, "party": party})
        return self

    def place(self, slug: str, name: str, kind: str = "village", areas: tuple[str, ...] = (), **extra: Any) -> CampaignBuilder:
        entry: dict[str, Any] = {"slug": slug, "name": name, "kind": kind}
        self._say(f"{name} is a place.")
        if areas:
            entry["areas"] = []
            for area in areas:
                quote = self._say(f"{name} lies in the area {area}.")
                entry["areas"].append({"area": area, "quote": quote})
        entry.update(extra)
        self.places.append(entry)
        return self

    def claim(
        self,
        slug: str,
        source: str,
        kind: str,
        places: list[Any],
        stated: str | tuple[str, str | None],
        occurred: str | tuple[str, str | None] | None = None,
        actor: str | None = None,
        denials: list[dict[str, Any]] | None = None,
        corroborations: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> CampaignBuilder:
        quote = self._say(f"Statement {slug} by {source}.")
        entry: dict[str, Any] = {
            "slug": slug, "source": source, "kind": kind, "actor": actor,
            "stated": _day(stated), "occurred": _day(occurred if occurred is not None else stated),
            "places": places, "summary": f"Claim {slug}.", "quote": [quote],
        }
        for key, items in (("denials", denials), ("corroborations", corroborations)):
            if items:
                entry[key] = []
                for item in items:
                    said = self._say(f"Answer {item['slug']} to {slug}.")
                    entry[key].append({**item, "stated": _day(item["stated"]), "quote": [said]})
        entry.update(extra)
        self.claims.append(entry)
        return self

    def loss(self, slug: str, reported_by: str, as_of: str, losing_party: str, **extra: Any) -> CampaignBuilder:
        quote = self._say(f"Loss {slug} reported by {reported_by}.")
        self.losses.append({"slug": slug, "reported_by": reported_by, "as_of": as_of,
                            "losing_party": losing_party, "quote": [quote], **extra})
        return self

    def write(self, root: Path) -> Path:
        folder = root / self.slug
        folder.mkdir(parents=True, exist_ok=True)
        text = "\n".join(self.sentences) + "\n"
        (folder / "account.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        campaign = {
            "slug": self.slug, "title": self.title or f"Campaign {self.slug}", "version": self.version,
            "period": list(self.period), "dates": list(self.dates), "report_area_kind": self.report_area_kind,
            "sides": self.sides,
            "documents": [{"slug": "account", "title": f"Account of {self.slug}", "file": "account.txt",
                           "sha256": digest, "licence": "CC0"}],
        }
        for name, content in (("campaign.yaml", campaign), ("parties.yaml", self.parties),
                              ("sources.yaml", self.sources), ("places.yaml", self.places),
                              ("claims.yaml", self.claims), ("losses.yaml", self.losses)):
            (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return folder


def worked_example(slug: str = "worked-example") -> CampaignBuilder:
    """Design §3's worked example: town T held by B since 1992; day N is
    2021-03-N."""
    return (
        CampaignBuilder(slug)
        .side("side-a", "Side A", ("A", "Party A"))
        .side("side-b", "Side B", ("B", "Party B"), ("B2", "Ally of B"))
        .source("a-president", "President of A", "head_of_state", "A")
        .source("a-mod", "Ministry of Defence of A", "ministry_of_defence", "A")
        .source("b-mod", "Ministry of Defence of B", "ministry_of_defence", "B")
        .source("b2-government", "Government of B's ally", "government", "B2")
        .source("outlet", "An independent outlet", "news_outlet", None)
        .place("t", "Town T", "town")
        .claim("held-since-1992", "narrative", "control", ["t"], ("1992-01-01", "1992-12-31"), actor="B")
        .claim("a-took-t", "a-president", "capture", ["t"], "2021-03-09", actor="A",
               denials=[{"slug": "b2-denies", "source": "b2-government", "stated": "2021-03-09"}])
        .claim("b-holds-t", "b2-government", "control", ["t"], "2021-03-09", actor="B")
        .claim("outlet-b-holds", "outlet", "control", ["t"], "2021-03-10", actor="B")
        .claim("a-claims-again", "a-mod", "capture", ["t"], "2021-03-12", actor="A")
        .claim("b-mod-holds", "b-mod", "control", ["t"], "2021-03-12", actor="B")
        .claim("independent-a-took", "outlet", "capture", ["t"], "2021-03-15", actor="A")
        .claim("b-mod-still-holds", "b-mod", "control", ["t"], "2021-03-16", actor="B")
    )
