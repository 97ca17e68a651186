"""The map's base layer: country outlines and rivers around a campaign's places.

``assets/natural-earth.json.gz`` holds Natural Earth's countries (1:50m) and
rivers (1:10m) for the whole world, quantised (see ``make_geography``). For a
campaign, the report keeps only what lies near its places: polygons are
clipped to a box a few times larger than the places' extent (Sutherland–
Hodgman, in longitude/latitude, which is exact enough at this scale) and
rivers are cut to the same box, so a report carries kilobytes, not the world.

Rings come out clockwise (exterior) and anticlockwise (holes) in
longitude/latitude: the convention of d3-geo, which Vega uses (it is the
opposite of RFC 7946; a ring the other way round would be read as the whole
globe but that ring).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

Point = tuple[float, float]
Ring = list[Point]
Feature = dict[str, Any]


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    def grown(self, factor: float) -> Box:
        dx, dy = self.width * factor, self.height * factor
        return Box(self.west - dx, max(-85.0, self.south - dy), self.east + dx, min(85.0, self.north + dy))

    def contains(self, point: Point) -> bool:
        return self.west <= point[0] <= self.east and self.south <= point[1] <= self.north

    def overlaps(self, other: Box) -> bool:
        return not (other.east < self.west or other.west > self.east or other.north < self.south
                    or other.south > self.north)

    def feature(self) -> Feature:
        """The box as a GeoJSON polygon (clockwise, for d3-geo), to fit the projection to."""
        ring = [[self.west, self.south], [self.west, self.north], [self.east, self.north],
                [self.east, self.south], [self.west, self.south]]
        return {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def extent(points: list[Point], padding: float = 0.12, minimum: float = 0.4) -> Box:
    """The box around ``points``, padded, at least ``minimum`` degrees each way."""
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    if east - west < minimum:
        middle = (east + west) / 2
        west, east = middle - minimum / 2, middle + minimum / 2
    if north - south < minimum:
        middle = (north + south) / 2
        south, north = middle - minimum / 2, middle + minimum / 2
    return Box(west, south, east, north).grown(padding)


@dataclass(frozen=True)
class Country:
    name: str
    polygons: list[list[Ring]]
    box: Box


@dataclass(frozen=True)
class River:
    name: str
    lines: list[Ring]
    box: Box


def _decode(flat: list[int], scale: int) -> Ring:
    points: Ring = []
    x = y = 0
    for index in range(0, len(flat), 2):
        x += flat[index]
        y += flat[index + 1]
        points.append((x / scale, y / scale))
    return points


def _box_of(rings: list[Ring]) -> Box:
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    return Box(min(xs), min(ys), max(xs), max(ys))


@cache
def base_layer() -> tuple[dict[str, str], tuple[Country, ...], tuple[River, ...]]:
    """(about, countries, rivers) from the packaged asset, decoded once per process."""
    raw = resources.files(__package__).joinpath("assets", "natural-earth.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    scale = int(data["scale"])
    countries = []
    for country in data["countries"]:
        polygons = [[_decode(ring, scale) for ring in polygon] for polygon in country["polygons"]]
        countries.append(Country(country["name"], polygons, _box_of([p[0] for p in polygons])))
    rivers = []
    for river in data["rivers"]:
        lines = [_decode(line, scale) for line in river["lines"]]
        rivers.append(River(river["name"], lines, _box_of(lines)))
    return dict(data["about"]), tuple(countries), tuple(rivers)


def _clip_edge(ring: Ring, inside: Callable[[Point], bool], cross: Callable[[Point, Point], Point]) -> Ring:
    output: Ring = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current):
            if not inside(previous):
                output.append(cross(previous, current))
            output.append(current)
        elif inside(previous):
            output.append(cross(previous, current))
    return output


def clip_ring(ring: Ring, box: Box) -> Ring:
    """Sutherland–Hodgman: ``ring`` (closed or not) cut to ``box``; empty when outside."""
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)

    def at_x(x: float) -> Callable[[Point, Point], Point]:
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y: float) -> Callable[[Point, Point], Point]:
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    for inside, cross in (
        (lambda p: p[0] >= box.west, at_x(box.west)),
        (lambda p: p[0] <= box.east, at_x(box.east)),
        (lambda p: p[1] >= box.south, at_y(box.south)),
        (lambda p: p[1] <= box.north, at_y(box.north)),
    ):
        if not points:
            break
        points = _clip_edge(points, inside, cross)
    if len(points) < 3:
        return []
    return [*points, points[0]]


def signed_area(ring: Ring) -> float:
    """Shoelace area in degrees² (positive: anticlockwise with north up)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2


def _oriented(ring: Ring, clockwise: bool) -> Ring:
    return ring[::-1] if (signed_area(ring) < 0) != clockwise else ring


def _rounded(ring: Ring) -> list[list[float]]:
    return [[round(x, 3), round(y, 3)] for x, y in ring]


def _inside(point: Point, ring: Ring) -> bool:
    """Ray casting: is ``point`` inside ``ring``?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _segment_distance(point: Point, a: Point, b: Point, scale: float) -> float:
    ax, ay, bx, by = a[0] * scale, a[1], b[0] * scale, b[1]
    px, py = point[0] * scale, point[1]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _distance_to_border(point: Point, polygons: list[list[Ring]], scale: float) -> float:
    return min(
        (_segment_distance(point, a, b, scale) for polygon in polygons for ring in polygon for a, b in pairwise(ring)),
        default=math.inf,
    )


def _label_point(country: Country, view: Box, places: list[Point]) -> Point | None:
    """Where to write the country's name: the point of a grid over ``view`` inside the country that lies
    farthest from every place (names do not cover the marks); None when no grid point is far enough."""
    inner = view.grown(-0.1)
    scale = math.cos(math.radians((view.south + view.north) / 2))
    # the country as seen: its rings cut to the view (the cut edges keep names off the map's edges too)
    polygons = [[ring for ring in (clip_ring(r, view) for r in polygon) if ring] for polygon in country.polygons]
    polygons = [polygon for polygon in polygons if polygon]
    best: tuple[float, Point] | None = None
    steps = 14
    for i in range(steps + 1):
        for j in range(steps + 1):
            point = (inner.west + inner.width * i / steps, inner.south + inner.height * j / steps)
            if not any(_inside(point, polygon[0]) and not any(_inside(point, hole) for hole in polygon[1:])
                       for polygon in polygons):
                continue
            distance = min((math.hypot((point[0] - p[0]) * scale, point[1] - p[1]) for p in places),
                           default=math.inf)
            distance = min(distance, 2 * _distance_to_border(point, polygons, scale))
            if best is None or distance > best[0]:
                best = (distance, point)
    if best is None or best[0] < 0.06 * math.hypot(view.width * scale, view.height):
        return None
    return best[1]


def countries_near(view: Box, places: list[Point], margin: float = 2.0) -> tuple[list[Feature], list[Feature]]:
    """(country polygons clipped around ``view``, label points of the countries with room for a name)."""
    _, countries, _ = base_layer()
    box = view.grown(margin)
    features: list[Feature] = []
    labels: list[Feature] = []
    for country in countries:
        if not country.box.overlaps(box):
            continue
        polygons = []
        for polygon in country.polygons:
            exterior = clip_ring(polygon[0], box)
            if not exterior:
                continue
            holes = [clip_ring(hole, box) for hole in polygon[1:]]
            rings = [_oriented(exterior, clockwise=True)] + [_oriented(h, clockwise=False) for h in holes if h]
            polygons.append([_rounded(ring) for ring in rings])
        if not polygons:
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": country.name},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
        if country.box.overlaps(view):
            point = _label_point(country, view, places)
            if point is not None:
                labels.append({"name": country.name, "longitude": round(point[0], 3),
                               "latitude": round(point[1], 3)})
    return features, labels


def rivers_near(view: Box, margin: float = 2.0) -> list[Feature]:
    """River lines cut to the box around ``view`` (a line leaving the box is split there)."""
    _, _, rivers = base_layer()
    box = view.grown(margin)
    features: list[Feature] = []
    for river in rivers:
        if not river.box.overlaps(box):
            continue
        pieces: list[list[list[float]]] = []
        for line in river.lines:
            piece: Ring = []
            for index, point in enumerate(line):
                previous = line[index - 1] if index else None
                if box.contains(point) or (previous is not None and box.contains(previous)):
                    if not piece and previous is not None:
                        piece.append(previous)
                    piece.append(point)
                elif piece:
                    pieces.append(_rounded(piece))
                    piece = []
            if len(piece) > 1:
                pieces.append(_rounded(piece))
        if pieces:
            features.append({
                "type": "Feature",
                "properties": {"name": river.name},
                "geometry": {"type": "MultiLineString", "coordinates": pieces},
            })
    return features


def attribution() -> dict[str, str]:
    about, _, _ = base_layer()
    return about
