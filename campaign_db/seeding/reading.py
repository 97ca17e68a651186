"""Reading a campaign folder: every file into its typed entries, every
document into memory, every problem collected.

``read_campaign(folder)`` returns a ``CampaignFolder`` or raises
``SeedError`` listing every problem of every file; nothing here touches a
database, so ``campaign-db check`` runs it alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .checks import check_campaign
from .errors import Problems, describe, shorten
from .quotes import DocumentText
from .schema import (
    FILES,
    OPTIONAL_FILES,
    CampaignFile,
    ClaimEntry,
    DocumentEntry,
    Entry,
    LossEntry,
    PartyEntry,
    PlaceEntry,
    SourceEntry,
)
from .yaml_files import MAX_DOCUMENT_BYTES, read_yaml, safe_file

#: Every field name of the format, for did-you-mean hints on unknown fields.
_ALL_FIELDS: set[str] = set()


def _collect_fields(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        _ALL_FIELDS.add(name)
        for argument in getattr(info.annotation, "__args__", ()) or ():
            if isinstance(argument, type) and issubclass(argument, BaseModel) and argument is not model:
                _collect_fields(argument)


for _model, _ in FILES.values():
    _collect_fields(_model)
_ALL_FIELDS |= {"area", "areas_of", "url", "document", "quote", "share", "role", "place", "precision"}


@dataclass(frozen=True)
class LoadedDocument:
    """A document of the folder, read and hash-checked."""

    entry: DocumentEntry
    content: str
    text: DocumentText


@dataclass
class CampaignFolder:
    """Everything one campaign folder holds, checked and ready to write."""

    folder: Path
    campaign: CampaignFile
    documents: dict[str, LoadedDocument]
    parties: list[PartyEntry]
    sources: list[SourceEntry]
    places: list[PlaceEntry]
    claims: list[ClaimEntry]
    losses: list[LossEntry]
    #: sha256 over every file of the folder, in name order: the seed hash
    #: exports and releases carry.
    seed_sha256: str = ""
    #: place slug → spelling → (document slug, quote) for plain spellings,
    #: resolved to the document they were found in
    spelling_documents: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.campaign.slug

    def account_documents(self) -> list[str]:
        return [slug for slug, document in self.documents.items() if document.entry.kind == "account"]


def _entry_name(value: Any, position: int, key: str) -> str:
    if isinstance(value, dict) and isinstance(value.get(key), str):
        return shorten(value[key], 80)
    return f"#{position + 1}"


def _read_entries(folder: Path, file: str, problems: Problems) -> list[Any]:
    model, is_list = FILES[file]
    value = read_yaml(folder, file, problems, required=file not in OPTIONAL_FILES)
    if value is None:
        return []
    key = "code" if model is PartyEntry else "slug"
    if not is_list:
        if not isinstance(value, dict):
            problems.file(file, f"expected a mapping of fields (see seeds/README.md), not {describe(value)}")
            return []
        items = [value]
    elif not isinstance(value, list):
        problems.file(file, "expected a list of entries, each starting with '- '")
        return []
    else:
        items = value
    entries: list[Entry] = []
    for position, item in enumerate(items):
        name = "(campaign)" if not is_list else _entry_name(item, position, key)
        if isinstance(item, dict) and isinstance(item.get(key), str):
            problems.declare(file, item[key])
        if not isinstance(item, dict):
            problems.add(file, name, "(entry)", f"expected a mapping of fields, not {describe(item)}")
            continue
        try:
            entries.append(model.model_validate(item))
        except ValidationError as error:
            problems.add_validation(file, name, error, _ALL_FIELDS)
    return entries


def _read_documents(folder: Path, campaign: CampaignFile, problems: Problems) -> dict[str, LoadedDocument]:
    documents: dict[str, LoadedDocument] = {}
    for index, entry in enumerate(campaign.documents):
        where = f"documents[{index}]"
        if entry.slug in documents:
            problems.add("campaign.yaml", "(campaign)", f"{where}.slug", f"the document {entry.slug!r} is listed twice")
            continue
        if not (folder / entry.file).exists():
            problems.add("campaign.yaml", "(campaign)", f"{where}.file", f"{entry.file!r} is not a file in {folder}")
            continue
        path = safe_file(folder, entry.file, MAX_DOCUMENT_BYTES, problems, file_label=entry.file)
        if path is None:
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.sha256:
            problems.add(
                "campaign.yaml",
                "(campaign)",
                f"{where}.sha256",
                f"{entry.file} has SHA-256 {digest}, not {entry.sha256}: the file changed, or the hash is wrong",
            )
            continue
        try:
            content = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.add("campaign.yaml", "(campaign)", f"{where}.file", f"{entry.file} is not UTF-8 text: {error}")
            continue
        documents[entry.slug] = LoadedDocument(entry, content, DocumentText(content))
    if documents and not any(document.entry.kind == "account" for document in documents.values()):
        problems.add(
            "campaign.yaml", "(campaign)", "documents", "a campaign needs at least one document of kind 'account'"
        )
    return documents


def seed_sha256(folder: Path) -> str:
    """One hash over every regular file of the folder (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
            digest.update(path.name.encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_campaign(folder: Path) -> CampaignFolder:
    """Read and check every file of a campaign folder; ``SeedError`` lists
    every problem at once."""
    folder = Path(folder)
    problems = Problems()
    if not folder.is_dir():
        problems.file(str(folder), "is not a folder")
        problems.raise_if_any(folder)
    campaign_entries = _read_entries(folder, "campaign.yaml", problems)
    campaign = campaign_entries[0] if campaign_entries else None
    documents = _read_documents(folder, campaign, problems) if isinstance(campaign, CampaignFile) else {}
    parties = _read_entries(folder, "parties.yaml", problems)
    sources = _read_entries(folder, "sources.yaml", problems)
    places = _read_entries(folder, "places.yaml", problems)
    claims = _read_entries(folder, "claims.yaml", problems)
    losses = _read_entries(folder, "losses.yaml", problems)
    if campaign is None:
        problems.raise_if_any(folder)
        raise AssertionError("unreachable: a missing campaign.yaml is a problem")
    result = CampaignFolder(folder, campaign, documents, parties, sources, places, claims, losses)
    if campaign.slug != folder.resolve().name:
        problems.add(
            "campaign.yaml",
            "(campaign)",
            "slug",
            f"{campaign.slug!r} must be the folder's name ({folder.resolve().name!r})",
        )
    check_campaign(result, problems)
    problems.raise_if_any(folder)
    result.seed_sha256 = seed_sha256(folder)
    return result
