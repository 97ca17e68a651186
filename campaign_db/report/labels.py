"""What a person reads instead of column names, vocabulary codes and ISO dates.

The database speaks in codes (``rocket_artillery``, ``self_contradiction``,
``at_least``); the report turns each into words here, in one place, so the
template and the charts say the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

NO_CONTROLLER = "No controller"
NOT_YET_CLAIMED = "No claim yet"

# Fixed palette, by the side's position in the campaign (first side, second, ...):
# stable across campaigns and readable for the common colour-vision deficiencies.
SIDE_PALETTE = ["#2166ac", "#c2372b", "#e6a117", "#1b7837", "#762a83", "#8c510a", "#01665e", "#c51b7d"]
NO_CONTROLLER_COLOUR = "#7a7a7a"
NOT_YET_CLAIMED_COLOUR = "#d4d4d4"

STATUS_LABELS: dict[str, str] = {
    "corroborated": "Corroborated (confirmed)",
    "claimed": "Claimed",
    "contested": "Contested",
    "disputed": "Disputed (denied and confirmed)",
    "denied": "Denied",
    "contradicted": "Contradicted by its own side",
    "none": NOT_YET_CLAIMED,
}
# Vega symbol shape of each status on the map (the legend draws the same)
STATUS_SHAPES: dict[str, str] = {
    "corroborated": "circle",
    "claimed": "square",
    "contested": "triangle-up",
    "disputed": "diamond",
    "denied": "cross",
    "contradicted": "triangle-down",
    "none": "circle",
}

CONTEST_LABELS: dict[str, str] = {
    "denial": "Denied",
    "mutual_accusation": "Mutual accusation",
    "self_contradiction": "Contradicted by its own side",
    "repeat_claim": "Claimed again",
    "date_conflict": "Dates disagree",
    "conflicting_control": "Both sides claim control",
}

WORDS: dict[str, str] = {
    "uavs": "UAVs",
    "ifv": "infantry fighting vehicles",
    "apc": "armoured personnel carriers",
    "air_defence": "air defence",
    "city_district": "city district",
}

AREA_LABELS: dict[str, str] = {
    "district": "District",
    "raion": "Raion",
    "governorate": "Governorate",
    "oblast": "Oblast",
    "city_district": "City district",
    "hromada": "Hromada",
}


def words(value: str | None) -> str:
    """``rocket_artillery`` → ``rocket artillery``; ``None`` → empty."""
    if value is None:
        return ""
    return WORDS.get(value, value.replace("_", " "))


def status(value: str | None) -> str:
    return STATUS_LABELS.get(value or "none", words(value))


def contest(value: str | None) -> str:
    return CONTEST_LABELS.get(value or "", words(value))


def area(kind: str | None) -> str:
    return AREA_LABELS.get(kind or "", words(kind).capitalize() or "Area")


def day(value: dt.date | None) -> str:
    """22 Oct 2020 (no leading zero, English month abbreviation whatever the locale)."""
    if value is None:
        return ""
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{value.day} {months[value.month - 1]} {value.year}"


def long_day(value: dt.date) -> str:
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
    return f"{value.day} {months[value.month - 1]} {value.year}"


def with_party(name: str | None, party: str | None) -> str:
    """"Ministry of Defence (Azerbaijan)"; the party is left out when the name already says it."""
    if not name:
        return party or ""
    if not party or party.lower() in name.lower():
        return name
    return f"{name} ({party})"


def held_by(controller: str | None, side: str | None) -> str:
    if not controller and not side:
        return NO_CONTROLLER
    if not side or controller == side:
        return controller or side or ""
    return f"{controller} ({side})"


def basis(kind: str | None, basis_place: str | None, place: str | None) -> str:
    if kind == "inherited" and basis_place:
        return f"inherited from {basis_place}"
    if kind == "direct" or basis_place == place:
        return "named directly"
    return words(kind)


def counter_claim(row: dict[str, Any]) -> str:
    """"Ministry of Defence of Russia (Russia and allies): partial, 90 %"; empty without a counter-claim."""
    if not row.get("counter_claimant") and not row.get("counter_side"):
        return ""
    text = row.get("counter_claimant") or ""
    if row.get("counter_side"):
        text = f"{text} ({row['counter_side']})" if text else str(row["counter_side"])
    details = [words(row.get("counter_kind"))] if row.get("counter_kind") else []
    if row.get("share_percent") is not None:
        details.append(f"{row['share_percent']:g} %")
    return f"{text}: {', '.join(details)}" if details else text


def figure(row: dict[str, Any]) -> str:
    """A loss figure as reported: "4", "at least 4", "about 30", "up to 10", "10–20", "not given"."""
    qualifier = row.get("qualifier")
    quantity, low, high = row.get("quantity"), row.get("quantity_low"), row.get("quantity_high")
    if qualifier == "unspecified" or (quantity is None and low is None and high is None):
        return "not given"
    if qualifier == "at_least":
        return f"at least {low if low is not None else quantity:,}"
    if qualifier == "up_to":
        return f"up to {high if high is not None else quantity:,}"
    if qualifier == "approximately":
        return f"about {quantity if quantity is not None else low:,}"
    if qualifier == "between" or (low is not None and high is not None and low != high):
        return f"{low:,}–{high:,}"
    value = quantity if quantity is not None else low if low is not None else high
    return f"{value:,}"


def lost(row: dict[str, Any]) -> str:
    """"BM-21 Grad (rocket artillery)" or "personnel"."""
    category = words(row.get("category"))
    if row.get("equipment"):
        return f"{row['equipment']} ({category})" if category else str(row["equipment"])
    return category


def precision(value: str | None) -> str:
    return {
        "exact": "the point itself",
        "settlement": "settlement centre",
        "approximate": "approximate",
    }.get(value or "", words(value))
