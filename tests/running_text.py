"""The account's running text, told apart from its glosses, for the seed tests.

In the mirrored article every linked term is followed, on the same line, by a
gloss of the linked article ending in "..."; the running text resumes on the
next line. The link term is the start of such a line, up to where the gloss
begins: the term repeated ("Jabrayil Jabrayil (, ) is ..."), "The"/"A"/"An"/
"In", another spelling of the same name ("Zəngilan Zangilan", "Khodaafarin
Bridges Khudafarin Bridges"), or a word followed by "(" ("Republic of Artsakh
Artsakh ( )").
"""

from __future__ import annotations

import re
import unicodedata

GLOSS_MARK = "\u2016"  # stands in for a gloss: no quote may run across it

_GLOSS_STARTS = {"The", "A", "An", "In"}


def fold(word: str) -> str:
    word = word.translate(str.maketrans("əƏıİ", "eeii"))
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def is_gloss_line(line: str) -> bool:
    return line.rstrip().endswith("...")


def link_term(line: str) -> str:
    """The linked term a gloss line starts with."""
    words = line.split()
    for n in range(1, len(words)):
        word = words[n].strip(",")
        if not word[:1].isupper():
            continue
        following = words[n + 1] if n + 1 < len(words) else ""
        if (
            word == words[0]
            or word in _GLOSS_STARTS
            or fold(word)[:1] == fold(words[0])[:1]
            or following.startswith("(")
        ):
            return " ".join(words[:n])
    raise ValueError(f"no link term found in {line[:60]!r}")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def running_text(document: str, gloss_mark: str = "") -> str:
    """The document with every gloss cut (replaced by ``gloss_mark``),
    whitespace normalised."""
    lines = []
    for line in document.split("\n"):
        if is_gloss_line(line):
            lines.append(f"{link_term(line)} {gloss_mark}" if gloss_mark else link_term(line))
        else:
            lines.append(line)
    text = normalise("\n".join(lines))
    return text if gloss_mark else re.sub(r" ([,.;])", r"\1", text)
