"""Point-in-polygon lookups over Natural Earth admin-1 and disputed-area polygons (build time only).

The gazetteer takes a place's country from its source record; polygons only name the admin-1 unit
a point lies in and spot points inside disputed areas, whose coding follows ACLED (docs/geo.md).
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(slots=True)
class Area:
    """One polygon feature: its name, country and edges as arrays (even-odd rule handles holes)."""

    name: str
    country_code: str
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    x1: np.ndarray
    y1: np.ndarray
    x2: np.ndarray
    y2: np.ndarray

    def contains(self, lon: float, lat: float) -> bool:
        """Return True when the point lies inside the polygon."""
        y1, y2 = self.y1, self.y2
        straddle = (y1 > lat) != (y2 > lat)
        if not straddle.any():
            return False
        x1, x2 = self.x1[straddle], self.x2[straddle]
        ya, yb = y1[straddle], y2[straddle]
        cross = lon < (x2 - x1) * (lat - ya) / (yb - ya) + x1
        return bool(np.count_nonzero(cross) % 2)

    def distance_deg(self, lon: float, lat: float) -> float:
        """Return the distance in degrees (longitude scaled by latitude) to the nearest vertex."""
        scale = math.cos(math.radians(lat))
        return float(np.min(np.hypot((self.x1 - lon) * scale, self.y1 - lat)))

    def centroid(self) -> tuple[float, float]:
        """Return (lat, lon) of the area-weighted centroid of the edges (a representative point)."""
        cross = self.x1 * self.y2 - self.x2 * self.y1
        area = cross.sum() / 2
        if abs(area) < 1e-12:
            return float(self.y1.mean()), float(self.x1.mean())
        cx = ((self.x1 + self.x2) * cross).sum() / (6 * area)
        cy = ((self.y1 + self.y2) * cross).sum() / (6 * area)
        return float(cy), float(cx)


def _area_from_rings(name: str, cc: str, rings: list[np.ndarray]) -> Area:
    xs1, ys1, xs2, ys2 = [], [], [], []
    for ring in rings:
        if len(ring) < 3:
            continue
        xs1.append(ring[:-1, 0])
        ys1.append(ring[:-1, 1])
        xs2.append(ring[1:, 0])
        ys2.append(ring[1:, 1])
    x1, y1, x2, y2 = (np.concatenate(a) for a in (xs1, ys1, xs2, ys2))
    bbox = (float(x1.min()), float(y1.min()), float(x1.max()), float(y1.max()))
    return Area(name, cc, bbox, x1, y1, x2, y2)


def _largest_ring_area(name: str, cc: str, rings: list[np.ndarray]) -> Area:
    def ring_area(r: np.ndarray) -> float:
        return abs(float(np.sum(r[:-1, 0] * r[1:, 1] - r[1:, 0] * r[:-1, 1])) / 2)

    return _area_from_rings(name, cc, [max(rings, key=ring_area)])


class AreaIndex:
    """A list of areas with a bounding-box prefilter."""

    def __init__(self, areas: list[Area]):
        self.areas = areas
        self._bbox = np.array([a.bbox for a in areas]) if areas else np.zeros((0, 4))
        self._cc = np.array([a.country_code for a in areas])

    def locate(self, lat: float, lon: float, *, country: str | None = None, max_km: float = 0) -> Area | None:
        """Return the area containing the point (of `country` if given), else the nearest within max_km."""
        b = self._bbox
        mask = (b[:, 0] <= lon) & (b[:, 2] >= lon) & (b[:, 1] <= lat) & (b[:, 3] >= lat)
        if country is not None:
            mask &= self._cc == country
        for i in np.flatnonzero(mask):
            if self.areas[i].contains(lon, lat):
                return self.areas[i]
        if max_km <= 0:
            return None
        pad = max_km / 80.0
        near = (
            (b[:, 0] - pad <= lon) & (b[:, 2] + pad >= lon) & (b[:, 1] - pad <= lat) & (b[:, 3] + pad >= lat)
        )
        if country is not None:
            near &= self._cc == country
        best, best_d = None, max_km / 111.0
        for i in np.flatnonzero(near):
            d = self.areas[i].distance_deg(lon, lat)
            if d < best_d:
                best, best_d = self.areas[i], d
        return best


def load_admin1(path: Path) -> AreaIndex:
    """Return an index of Natural Earth admin-1 polygons read from the TopoJSON file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        topo = json.load(fh)
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.float64), axis=0)
        arcs.append(np.column_stack((q[:, 0] * sx + tx, q[:, 1] * sy + ty)))

    def ring(indices: list[int]) -> np.ndarray:
        parts = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            parts.append(a if not parts else a[1:])
        return np.concatenate(parts)

    areas = []
    (obj,) = topo["objects"].values()
    for geom in obj["geometries"]:
        props = geom.get("properties") or {}
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        rings = [ring(r) for poly in polys for r in poly]
        areas.append(_area_from_rings(props.get("name", ""), props.get("iso_a2", ""), rings))
    return AreaIndex(areas)


def _geojson_rings(geometry: dict) -> list[np.ndarray]:
    if geometry["type"] == "Polygon":
        polys = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        return []
    return [np.asarray(r, dtype=np.float64)[:, :2] for poly in polys for r in poly]


def load_geojson_areas(path: Path, *, name_key: str, cc_key: str, largest_ring: bool = False) -> AreaIndex:
    """Return an index of the polygons of a (optionally gzipped) GeoJSON FeatureCollection."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    areas = []
    for feat in data["features"]:
        rings = _geojson_rings(feat["geometry"])
        if not rings:
            continue
        props = feat["properties"]
        make = _largest_ring_area if largest_ring else _area_from_rings
        areas.append(make(str(props.get(name_key) or ""), str(props.get(cc_key) or ""), rings))
    return AreaIndex(areas)
