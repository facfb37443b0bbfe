#!/usr/bin/env python3
"""Turn Natural Earth's 1:110m land outline into the SVG path of the case map.

Usage: python scripts/make_land_path.py land-110m.json > data/map/land.txt

The input is `land-110m.json` from the npm package world-atlas (TopoJSON of
Natural Earth data, which is in the public domain): `npm pack world-atlas@2`.
The output is one SVG path in an equirectangular frame of 360 × 180 units
(x = lon + 180, y = 90 − lat), rounded to 0.1 unit; the case index draws it
under the case dots. The site never loads map tiles from anywhere.
"""

import json
import sys


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def main(path):
    topo = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topo)
    parts = []
    for geom in topo["objects"]["land"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            for r in polygon:
                pts = [(round(lon + 180, 1), round(90 - lat, 1)) for lon, lat in ring(arcs, r)]
                dedup = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
                if len(dedup) < 3:
                    continue
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in dedup) + "Z")
    sys.stdout.write("".join(parts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
