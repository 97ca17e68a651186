"""Verbatim quotes: fragments of the document, checked in order.

A quote is one or more exact fragments of the document's running text, in
document order. Line breaks in the document (and in a folded YAML string) are
not part of what was said, so both sides are compared after whitespace
normalisation: every run of whitespace, line breaks and no-break spaces
included, counts as one space. The stored quote joins the fragments with
" … ", the usual mark of words left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FRAGMENT_SEPARATOR = " … "

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` with every run of whitespace as one space, ends trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class QuoteMismatch:
    """Why a quote does not match: which fragment, and what went wrong."""

    fragment_index: int
    message: str


class DocumentText:
    """A document's text, normalised once, against which quotes are checked."""

    def __init__(self, content: str) -> None:
        self.text = normalise(content)

    def check(self, fragments: list[str]) -> QuoteMismatch | None:
        """``None`` when every fragment occurs in the document, each after the
        previous one; else the first fragment that does not."""
        position = 0
        for index, fragment in enumerate(fragments):
            wanted = normalise(fragment)
            if not wanted:
                return QuoteMismatch(index, "empty fragment")
            found = self.text.find(wanted, position)
            if found >= 0:
                position = found + len(wanted)
                continue
            if index > 0 and self.text.find(wanted) >= 0:
                return QuoteMismatch(
                    index,
                    f"{_short(wanted)} is in the document, but not after the previous fragment "
                    "(fragments must be in document order)",
                )
            return QuoteMismatch(index, f"{_short(wanted)} is not in the document (copy it exactly from the file)")
        return None


def join_fragments(fragments: list[str]) -> str:
    """The quote as stored: normalised fragments joined by " … "."""
    return FRAGMENT_SEPARATOR.join(normalise(fragment) for fragment in fragments)


def split_quote(quote: str) -> list[str]:
    """The fragments of a stored quote."""
    return quote.split(FRAGMENT_SEPARATOR)


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
