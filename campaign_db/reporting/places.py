"""Finding a place by any of its spellings.

Accounts spell one place several ways (Füzuli / Fuzuli, Kupiansk /
Kupyansk), and users type them without the Azerbaijani or Cyrillic letters.
Every spelling is stored with its folded form, and ``reporting.find_places``
folds the text the same way and compares; failing that, the spellings that
contain it are offered. Everything here reads the ``reporting`` interface
only, so a read-only login (``campaign_reader``) can search too.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PlaceMatch:
    """A place found by a lookup."""

    place_id: int
    slug: str
    name: str
    kind: str
    areas: str | None

    def describe(self) -> str:
        """``Jabrayil District (district, in Azerbaijan) [jabrayil-district]``."""
        where = f", in {self.areas}" if self.areas else ""
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


_MATCHES = """
    select places.place_id, places.place_slug, places.place_name, places.place_kind, places.areas
    from reporting.places as places
    where places.place_id in ({ids})
    order by places.place_name, places.place_id
"""


def _places(session: Session, place_ids: Sequence[int], kinds: Sequence[str] | None) -> list[PlaceMatch]:
    if not place_ids:
        return []
    rows = session.execute(text(_MATCHES.format(ids=", ".join(str(int(i)) for i in place_ids))))
    return [PlaceMatch(*row) for row in rows if not kinds or row.place_kind in kinds]


def fold(session: Session, name: str) -> str:
    """``name`` folded exactly as the stored spellings are."""
    return str(session.scalar(text("select reporting.fold_name(:name)"), {"name": name}) or "")


def find_places(session: Session, name: str, kinds: Sequence[str] | None = None) -> list[PlaceMatch]:
    """Places named ``name``: its slug, or any spelling equal to it once
    folded; failing that, any spelling that contains it. Sorted by name."""
    name = name.strip()
    if not name:
        return []
    exact = session.scalars(
        text(
            "select place_id from reporting.find_places(:name) "
            "union select place_id from reporting.places where place_slug = :name"
        ),
        {"name": name},
    ).all()
    found = _places(session, list(exact), kinds)
    if found:
        return found
    folded = fold(session, name)
    if not folded:
        return []
    containing = session.scalars(
        text(
            "select place_id from reporting.places "
            "where strpos(reporting.fold_name(coalesce(names, '') || '; ' || place_name), :folded) > 0"
        ),
        {"folded": folded},
    ).all()
    return _places(session, list(containing), kinds)


def suggest_places(session: Session, name: str, kinds: Sequence[str] | None = None, limit: int = 5) -> list[str]:
    """The spellings nearest to ``name`` (compared folded), for "did you mean"."""
    folded = _quick_fold(name)
    spellings: dict[str, str] = {}
    rows = session.execute(text("select place_kind, place_name, names from reporting.places"))
    for kind, place_name, names in rows:
        if kinds and kind not in kinds:
            continue
        for spelling in [place_name, *(names or "").split("; ")]:
            if spelling:
                spellings.setdefault(_quick_fold(spelling), spelling)
    close = difflib.get_close_matches(folded, list(spellings), n=limit, cutoff=0.6)
    return [spellings[match] for match in close]


def _quick_fold(name: str) -> str:
    """A local approximation of the database's folding, good enough to rank
    suggestions (the database decides matches)."""
    import unicodedata

    name = name.lower().translate(str.maketrans("əıı", "eii"))
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(name.replace("-", " ").replace("’", "").replace("'", "").split())


def resolve_place(
    session: Session, name: str, kinds: Sequence[str] | None = None, what: str = "place"
) -> PlaceMatch:
    """The one place named ``name``; raises :class:`PlaceNotFound` (with
    suggestions) or :class:`AmbiguousPlace` (with the candidates)."""
    matches = find_places(session, name, kinds)
    if not matches:
        raise PlaceNotFound(name, suggest_places(session, name, kinds), what)
    if len(matches) > 1:
        raise AmbiguousPlace(name, matches, what)
    return matches[0]


def _or_list(items: Sequence[str]) -> str:
    quoted = [repr(item) for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
