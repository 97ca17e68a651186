"""Finding a place by any of its spellings.

Accounts spell one place several ways (Füzuli / Fuzuli, Zəngilan / Zangilan),
and users type them without the Azerbaijani letters. Every spelling is stored
in ``core.place_names`` with its folded form (``core.fold_name``: case,
accents and ə ı ş ç ğ ö ü folded to plain Latin), so a lookup folds the text
the same way, in the database, and compares. These functions read ``core``:
they run as the application's user, not as ``campaign_reader``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from ..models import Place, PlaceName


@dataclass(frozen=True)
class PlaceMatch:
    """A place found by a lookup."""

    place_id: int
    slug: str
    name: str
    kind: str
    parent: str | None

    def describe(self) -> str:
        """``Jabrayil District (district, in Azerbaijan) [jabrayil-district]``."""
        where = f", in {self.parent}" if self.parent else ""
        return f"{self.name} ({self.kind}{where}) [{self.slug}]"


class PlaceLookupError(LookupError):
    """A place text that does not designate exactly one place."""

    def __init__(self, text: str, message: str) -> None:
        super().__init__(message)
        self.text = text


class PlaceNotFound(PlaceLookupError):
    """No place has this name; ``suggestions`` are the nearest spellings."""

    def __init__(self, text: str, suggestions: Sequence[str], what: str = "place") -> None:
        hint = f"; did you mean {_or_list(suggestions)}?" if suggestions else ""
        super().__init__(text, f"no {what} is named {text!r}{hint}")
        self.suggestions = list(suggestions)


class AmbiguousPlace(PlaceLookupError):
    """Several places have this name; ``matches`` lists them."""

    def __init__(self, text: str, matches: Sequence[PlaceMatch], what: str = "place") -> None:
        listed = "\n".join(f"  {match.describe()}" for match in matches)
        super().__init__(
            text,
            f"{len(matches)} {what}s are named {text!r}; be precise (a full name or the slug in brackets):\n{listed}",
        )
        self.matches = list(matches)


def fold(session: Session, text: str) -> str:
    """``text`` folded exactly as the stored spellings are (``core.fold_name``)."""
    return str(session.scalar(select(func.core.fold_name(text))) or "")


def find_places(session: Session, text: str, kinds: Sequence[str] | None = None) -> list[PlaceMatch]:
    """Places named ``text``: its slug, or any spelling equal to it once
    folded; failing that, any spelling that contains it. Sorted by name."""
    folded = fold(session, text)
    if not folded:
        return []
    exact = _matches(
        session,
        or_(Place.slug == text.strip(), PlaceName.folded_name == folded, func.core.fold_name(Place.name) == folded),
        kinds,
    )
    if exact:
        return exact
    pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return _matches(session, or_(PlaceName.folded_name.like(pattern), func.core.fold_name(Place.name).like(pattern)), kinds)


def suggest_places(session: Session, text: str, kinds: Sequence[str] | None = None, limit: int = 5) -> list[str]:
    """The spellings nearest to ``text`` (compared folded), for "did you mean"."""
    folded = fold(session, text)
    names = select(PlaceName.folded_name, PlaceName.name).join(Place, Place.place_id == PlaceName.place_id)
    canonical = select(func.core.fold_name(Place.name), Place.name)
    if kinds:
        names = names.where(Place.kind.in_(kinds))
        canonical = canonical.where(Place.kind.in_(kinds))
    spellings: dict[str, str] = {}
    for query in (canonical, names):
        for folded_name, name in session.execute(query):
            spellings.setdefault(folded_name, name)
    close = difflib.get_close_matches(folded, list(spellings), n=limit, cutoff=0.6)
    return [spellings[match] for match in close]


def resolve_place(
    session: Session, text: str, kinds: Sequence[str] | None = None, what: str = "place"
) -> PlaceMatch:
    """The one place named ``text``; raises :class:`PlaceNotFound` (with
    suggestions) or :class:`AmbiguousPlace` (with the candidates)."""
    matches = find_places(session, text, kinds)
    if not matches:
        raise PlaceNotFound(text, suggest_places(session, text, kinds), what)
    if len(matches) > 1:
        raise AmbiguousPlace(text, matches, what)
    return matches[0]


def _matches(session: Session, condition: object, kinds: Sequence[str] | None) -> list[PlaceMatch]:
    parent = aliased(Place)
    query = (
        select(Place.place_id, Place.slug, Place.name, Place.kind, parent.name)
        .outerjoin(PlaceName, PlaceName.place_id == Place.place_id)
        .outerjoin(parent, parent.place_id == Place.parent_id)
        .where(condition)  # type: ignore[arg-type]
        .order_by(Place.name, Place.place_id)
    )
    if kinds:
        query = query.where(Place.kind.in_(kinds))
    found: dict[int, PlaceMatch] = {}
    for place_id, slug, name, kind, parent_name in session.execute(query):
        found.setdefault(place_id, PlaceMatch(place_id, slug, name, kind, parent_name))
    return list(found.values())


def _or_list(items: Sequence[str]) -> str:
    quoted = [repr(item) for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
