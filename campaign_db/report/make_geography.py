"""Rebuild ``assets/natural-earth.json.gz``, the map's offline base layer.

The asset was made once from Natural Earth (public domain), as converted to
GeoJSON by the repository martynafford/natural-earth-geojson (CC0) at commit
0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e::

    python -m campaign_db.report.make_geography \\
        50m/cultural/ne_50m_admin_0_countries.json \\
        10m/physical/ne_10m_rivers_lake_centerlines.json

(both files come 7z-compressed in that repository). It keeps what the report
draws and nothing else: each country's name and polygons (1:50m), each river's
name and lines (1:10m), coordinates rounded to 0.01° (about 1 km, finer than
either scale's own accuracy) and delta-encoded as integers, like TopoJSON's
quantisation. The whole world is kept so that a new campaign anywhere gets a
map; the report clips it to each campaign's extent, so an HTML file carries
only a few kilobytes of it.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

SCALE = 100  # units per degree
ASSET = Path(__file__).parent / "assets" / "natural-earth.json.gz"
ABOUT = {
    "title": "Natural Earth: Admin 0 countries (1:50m) and rivers and lake centerlines (1:10m)",
    "url": "https://www.naturalearthdata.com/",
    "licence": "public domain (Natural Earth terms of use)",
    "conversion": "https://github.com/martynafford/natural-earth-geojson (CC0 1.0), commit 0b9a6ce",
    "attribution": "Made with Natural Earth.",
}


def _encode(points: list[list[float]], closed: bool) -> list[int]:
    quantised: list[tuple[int, int]] = []
    for x, y, *_ in points:
        point = (round(x * SCALE), round(y * SCALE))
        if not quantised or quantised[-1] != point:
            quantised.append(point)
    if closed and len(quantised) < 4:
        return []
    if not closed and len(quantised) < 2:
        return []
    flat: list[int] = []
    previous = (0, 0)
    for point in quantised:
        flat += [point[0] - previous[0], point[1] - previous[1]]
        previous = point
    return flat


def _parts(geometry: dict[str, Any] | None, multi: str, single: str) -> list[Any]:
    if geometry is None:
        return []
    if geometry["type"] == multi:
        return list(geometry["coordinates"])
    if geometry["type"] == single:
        return [geometry["coordinates"]]
    return []


def build(countries_path: Path, rivers_path: Path) -> dict[str, Any]:
    countries = []
    for feature in json.loads(countries_path.read_text(encoding="utf-8"))["features"]:
        polygons = []
        for polygon in _parts(feature["geometry"], "MultiPolygon", "Polygon"):
            rings = [ring for ring in (_encode(r, closed=True) for r in polygon) if ring]
            if rings:
                polygons.append(rings)
        if polygons:
            countries.append({"name": feature["properties"]["NAME"], "polygons": polygons})
    rivers = []
    for feature in json.loads(rivers_path.read_text(encoding="utf-8"))["features"]:
        lines = [line for line in (_encode(p, closed=False) for p in _parts(
            feature["geometry"], "MultiLineString", "LineString")) if line]
        if lines:
            rivers.append({"name": feature["properties"].get("name") or "", "lines": lines})
    return {"about": ABOUT, "scale": SCALE, "countries": countries, "rivers": rivers}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = build(Path(argv[0]), Path(argv[1]))
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    ASSET.write_bytes(gzip.compress(payload, mtime=0))
    print(f"wrote {ASSET} ({ASSET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
