"""Map geometry for the case maps: frames, clusters and clipped land outlines.

Owns the arithmetic behind the SVG maps, in the equirectangular frame of
data/map/land.txt (x = lon + 180, y = 90 − lat, 360 × 180 units):

- `frame`: the viewBox that shows a set of points with room around them, in
  the map's fixed 2:1 shape (the same rule as docs/assets/map.js, which
  re-frames the map in the browser when filters change);
- `cluster`: points whose hit areas would overlap at a given scale, grouped
  (the browser redoes this at the real width; this is the layout a reader
  without JavaScript gets, computed for the narrowest phone);
- `locator`: a small window around one case, with the land clipped to it,
  for the locator map on each case page.

No MkDocs import.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from functools import lru_cache

WORLD = (0.0, 0.0, 360.0, 180.0)
ASPECT = 2.0           # width : height of every map frame
MIN_WIDTH = 8.0        # the closest zoom, in degrees of longitude
# The layout without JavaScript is computed for the map's width on a 320 px
# phone; a wider screen only moves the points further apart.
BASE_WIDTH_PX = 288.0
POINT_PX = 28.0        # hit area of one point (a square), in CSS pixels
CLUSTER_PX = 32.0      # hit area of a cluster
GAP_PX = 2.0
PAD_PX = 22.0          # room between the outermost hit area and the frame's edge


def xy(lat: float, lon: float) -> tuple[float, float]:
    return round(lon + 180, 2), round(90 - lat, 2)


def frame(points: list[tuple[float, float]], width_px: float = BASE_WIDTH_PX,
          min_width: float = MIN_WIDTH) -> tuple[float, float, float, float]:
    """(x, y, w, h) showing every point with PAD_PX around it, 2:1, inside the world."""
    if not points:
        return WORLD[0], WORLD[1] + 15, WORLD[2], WORLD[2] / ASPECT
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    # share of the width (and of the height) left for the points
    room, room_y = 1 - 2 * PAD_PX / width_px, 1 - 2 * PAD_PX * ASPECT / width_px
    w = max((max(xs) - min(xs)) / room, (max(ys) - min(ys)) * ASPECT / room_y, min_width)
    w = min(w, 360.0)
    h = w / ASPECT
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - w / 2, 0.0), 360.0 - w)
    y0 = min(max(cy - h / 2, 0.0), 180.0 - h)
    return round(x0, 2), round(y0, 2), round(w, 2), round(h, 2)


@dataclass
class Group:
    """A point or a cluster of points on the map, in map units."""

    members: list = field(default_factory=list)  # (x, y, item)
    x: float = 0.0
    y: float = 0.0
    title: str = ""  # what a reader hears and sees for a cluster (set by the renderer)

    @property
    def size(self) -> float:
        return CLUSTER_PX if len(self.members) > 1 else POINT_PX

    def centre(self) -> None:
        self.x = sum(m[0] for m in self.members) / len(self.members)
        self.y = sum(m[1] for m in self.members) / len(self.members)


def _overlap(a: Group, b: Group, scale: float) -> bool:
    reach = ((a.size + b.size) / 2 + GAP_PX) / scale
    return abs(a.x - b.x) < reach and abs(a.y - b.y) < reach


def cluster(points: list[tuple[float, float, object]], scale: float) -> list[Group]:
    """Group points (x, y, item) whose hit areas would overlap at `scale` px per unit.

    Merges the closest overlapping pair until none overlap (ties: the pair that comes first in
    the points' order); groups come back in keyboard order (west to east, then north to south),
    as map.js orders them. Points at the same spot are merged first, as the closest pairs
    would be; the remaining pairs are kept in a heap and only neighbours on a grid of the
    largest reach are compared, so a map of thousands of points takes well under a second.
    """
    groups: dict[int, Group] = {}
    first_at: dict[tuple[float, float], int] = {}
    for index, p in enumerate(points):
        spot = (p[0], p[1])
        if spot in first_at:  # distance 0: merged before any other pair
            groups[first_at[spot]].members.append(p)
        else:
            first_at[spot] = index
            groups[index] = Group([p])
    for g in groups.values():
        g.centre()
    cell = (CLUSTER_PX + GAP_PX) / scale  # no two groups further apart than this can overlap
    grid: dict[tuple[int, int], set[int]] = {}

    def key(g: Group) -> tuple[int, int]:
        return int(g.x // cell), int(g.y // cell)

    for gid, g in groups.items():
        grid.setdefault(key(g), set()).add(gid)
    version = dict.fromkeys(groups, 0)
    heap: list[tuple[float, int, int, int, int]] = []

    def push_pairs(gid: int) -> None:
        g = groups[gid]
        cx, cy = key(g)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid.get((cx + dx, cy + dy), ()):
                    if other != gid and _overlap(g, groups[other], scale):
                        h = groups[other]
                        i, j = min(gid, other), max(gid, other)
                        heapq.heappush(heap, (abs(g.x - h.x) + abs(g.y - h.y), i, j, version[i], version[j]))

    for gid in list(groups):
        push_pairs(gid)
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if i not in groups or j not in groups or version[i] != vi or version[j] != vj:
            continue  # a pair of groups that have changed since
        a, b = groups[i], groups.pop(j)
        grid[key(a)].discard(i)
        grid[key(b)].discard(j)
        a.members += b.members
        a.centre()
        grid.setdefault(key(a), set()).add(i)
        version[i] += 1
        push_pairs(i)
    out = list(groups.values())
    for g in out:
        g.members.sort(key=lambda m: (m[0], m[1]))
    return sorted(out, key=lambda g: (round(g.x, 2), round(g.y, 2)))


def _cluster_reference(points: list[tuple[float, float, object]], scale: float) -> list[Group]:
    """The rule `cluster` implements, written plainly (O(n³)): tests compare the two."""
    groups = [Group([p]) for p in points]
    for g in groups:
        g.centre()
    while True:
        pairs = [(abs(a.x - b.x) + abs(a.y - b.y), i, j)
                 for i, a in enumerate(groups) for j, b in enumerate(groups[i + 1:], i + 1)
                 if _overlap(a, b, scale)]
        if not pairs:
            break
        _, i, j = min(pairs)
        groups[i].members += groups[j].members
        groups[i].centre()
        del groups[j]
    for g in groups:
        g.members.sort(key=lambda m: (m[0], m[1]))
    return sorted(groups, key=lambda g: (round(g.x, 2), round(g.y, 2)))


# ---------------------------------------------------------------- land

_COMMAND = re.compile(r"([MLZ])\s*(?:(-?[\d.]+)[ ,](-?[\d.]+))?")


@lru_cache(maxsize=4)
def rings(path: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The closed rings of an SVG path made of M, L and Z commands (the land outline: parsed
    once, not once per map drawn)."""
    return tuple(tuple(ring) for ring in _rings(path))


@lru_cache(maxsize=4)
def _bounded(path: str) -> tuple:
    """Each ring with its bounding box (x0, y0, x1, y1)."""
    out = []
    for ring in rings(path):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        out.append((ring, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def _rings(path: str) -> list[list[tuple[float, float]]]:
    out, ring = [], []
    for cmd, x, y in _COMMAND.findall(path):
        if cmd == "M":
            if ring:
                out.append(ring)
            ring = [(float(x), float(y))]
        elif cmd == "L":
            ring.append((float(x), float(y)))
        elif ring:
            out.append(ring)
            ring = []
    if ring:
        out.append(ring)
    return out


def _clip(ring: list[tuple[float, float]], box: tuple[float, float, float, float]):
    """Sutherland–Hodgman: the part of a ring inside an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [(0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)]
    pts = ring
    for axis, value, keep_above in edges:
        if not pts:
            break
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if _inside(cur, axis, value, keep_above):
                if not _inside(prev, axis, value, keep_above):
                    out.append(_cross(prev, cur, axis, value))
                out.append(cur)
            elif _inside(prev, axis, value, keep_above):
                out.append(_cross(prev, cur, axis, value))
        pts = out
    return pts


def _inside(point, axis: int, value: float, keep_above: bool) -> bool:
    return point[axis] >= value if keep_above else point[axis] <= value


def _cross(a, b, axis, value):
    t = (value - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    point = [0.0, 0.0]
    point[axis] = value
    point[other] = a[other] + t * (b[other] - a[other])
    return (point[0], point[1])


def clipped_path(path: str, box: tuple[float, float, float, float]) -> str:
    """The land path cut to a box (x0, y0, x1, y1), as a compact SVG path: each ring's first
    point absolute, then steps relative to the point before (`l`), in tenths of a unit, points
    that round to the one before left out. About a third of the bytes of absolute `L` pairs,
    and the same shape: every step is taken between rounded absolute points, so nothing drifts."""
    parts = []
    for ring, (x0, y0, x1, y1) in _bounded(path):
        if x1 < box[0] or x0 > box[2] or y1 < box[1] or y0 > box[3]:
            continue
        cut = _clip(ring, box)
        if len(cut) < 3:
            continue
        ring_path = _relative([(round(x * 10), round(y * 10)) for x, y in cut])
        if ring_path:
            parts.append(ring_path)
    return "".join(parts)


def _relative(points: list[tuple[int, int]]) -> str:
    """One closed ring, points in tenths of a unit, as `M x y l dx dy … z`."""
    kept = [points[0]]
    for p in points[1:]:
        if p != kept[-1]:
            kept.append(p)
    if len(kept) > 1 and kept[-1] == kept[0]:
        kept.pop()
    if len(kept) < 3:
        return ""
    out = [f"M{_tenths(kept[0][0])} {_tenths(kept[0][1])}l"]
    prev, last = kept[0], ""
    for p in kept[1:]:
        for n in (p[0] - prev[0], p[1] - prev[1]):
            text = _tenths(n)
            # A minus sign ends the number before it, and so does a second decimal point
            # (".3.5" is .3 then .5); anything else needs a space.
            joined = not last or text[0] == "-" or (text[0] == "." and "." in last)
            out.append(text if joined else " " + text)
            last = text
        prev = p
    out.append("z")
    return "".join(out)


def _tenths(n: int) -> str:
    """An integer count of tenths as the shortest SVG number: 15 → 1.5, 5 → .5, -5 → -.5, 20 → 2."""
    sign, n = ("-", -n) if n < 0 else ("", n)
    whole, tenth = divmod(n, 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


@lru_cache(maxsize=128)
def map_land(path: str, view: tuple[float, float, float, float]) -> str:
    """The land of a case map whose frame is `view` (x, y, w, h): cut to the frame with a
    quarter of its size to spare on every side, since docs/assets/map.js re-frames the map at
    the real width and after a filter (always around points inside this frame)."""
    x, y, w, h = view
    box = (max(x - w / 4, WORLD[0]), max(y - h / 4, WORLD[1]),
           min(x + w * 1.25, WORLD[2]), min(y + h * 1.25, WORLD[3]))
    return clipped_path(path, box)


@dataclass(frozen=True)
class Locator:
    view: tuple[float, float, float, float]
    land: str
    x: float
    y: float
    grid_x: tuple[float, ...]
    grid_y: tuple[float, ...]


LOCATOR_WIDTH = 60.0   # degrees of longitude shown around a case
LOCATOR_ASPECT = 5 / 3


def locator(lat: float, lon: float, land_path: str) -> Locator:
    """A window of LOCATOR_WIDTH degrees centred on a place (kept inside the world)."""
    x, y = xy(lat, lon)
    w, h = LOCATOR_WIDTH, LOCATOR_WIDTH / LOCATOR_ASPECT
    x0 = min(max(x - w / 2, 0.0), 360.0 - w)
    y0 = min(max(y - h / 2, 0.0), 180.0 - h)
    box = (x0 - 1, y0 - 1, x0 + w + 1, y0 + h + 1)
    grid_x = tuple(float(v) for v in range(0, 361, 10) if x0 < v < x0 + w)
    grid_y = tuple(float(v) for v in range(0, 181, 10) if y0 < v < y0 + h)
    return Locator((round(x0, 2), round(y0, 2), w, round(h, 2)),
                   clipped_path(land_path, box) if land_path else "", x, y, grid_x, grid_y)
