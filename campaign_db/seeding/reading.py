"""Reading and checking a whole campaign folder, without a database."""

from __future__ import annotations

from pathlib import Path

from .errors import Problems
from .files import read_claims, read_document, read_losses, read_parties, read_places, read_sources
from .quotes import DocumentText
from .records import Campaign
from .references import check_references


def read_campaign(folder: Path) -> Campaign:
    """The campaign in ``folder``, fully checked.

    Raises ``SeedError`` listing every problem found; a campaign is returned
    only when its files are entirely consistent, so the writer never meets a
    bad value halfway through a transaction.
    """
    folder = Path(folder)
    problems = Problems()
    if not folder.is_dir():
        problems.add("(folder)", "(folder)", "(folder)", f"{folder} is not a folder")
        problems.raise_if_any(folder)
    document = read_document(folder, problems)
    text = DocumentText(document.content) if document is not None else None
    parties = read_parties(folder, problems)
    sources = read_sources(folder, problems)
    places = read_places(folder, problems)
    claims = read_claims(folder, problems, text)
    losses = read_losses(folder, problems, text)
    check_references(problems, parties, sources, places, claims, losses)
    problems.raise_if_any(folder)
    assert document is not None
    return Campaign(folder, document, tuple(parties), tuple(sources), tuple(places), tuple(claims), tuple(losses))
