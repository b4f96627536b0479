#!/usr/bin/env python3
"""Build the curated zone gazetteer (fixtures/zones.json) from the raw public lists.

    python scripts/build_gazetteer.py [RAW_DIR] [-o fixtures/zones.json]

RAW_DIR defaults to ../shared/gazetteer; the place names of the public divisions list go to
fixtures/places.json (``--places``), for telling a county's name from a common noun. The raw
lists have gaps and noise (see their SOURCES.md); fixtures/gazetteer/curated.csv fixes names
(rename/drop/move), adds aliases, and adds what no raw list covers: 综合保税区, 自贸试验区片区 and national science cities. The output
is deterministic, so a rebuild shows as a clean diff. Plain Python, no Django.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from clippings.text.places import short_city, short_province  # noqa: E402  (plain Python, no Django)

DEFAULT_RAW = ROOT.parent / "shared" / "gazetteer"
CURATED = ROOT / "fixtures" / "gazetteer" / "curated.csv"
OUTPUT = ROOT / "fixtures" / "zones.json"
PLACES_OUTPUT = ROOT / "fixtures" / "places.json"

# official suffix -> the short forms people write
SHORT_FORMS = {
    # a district's 开发区 is its 经济技术开发区 (昆山开发区); 国家 is written in or left out
    "etdz": [("经济技术开发区", ["经开区", "经济开发区", "开发区", "国家级经济技术开发区", "国家级经开区"])],
    "hitech": [
        ("高新技术产业开发区", ["高新区", "高新技术开发区", "国家高新技术产业开发区", "国家高新区", "国家级高新区"]),
        ("新技术产业开发区", ["高新区", "新技术开发区"]),
        ("高技术产业开发区", ["高新区"]),
        ("高新技术产业园区", ["高新区"]),
        ("农业高新技术产业示范区", ["示范区", "农高区"]),  # 杨凌农业高新技术产业示范区 -> 杨凌示范区
    ],
    "bonded": [("综合保税区", ["综保区"])],
}
AREA_SHORT_RE = re.compile(r"(新区|区|县|市|旗)$")


@dataclass
class ZoneRecord:
    name: str
    kind: str
    level: str = "national"
    province: str = ""
    city: str = ""
    parent: str = ""
    approval_year: int | None = None
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- administrative divisions
class Divisions:
    def __init__(self, raw: Path):
        self.provinces = {r["code"]: r["name"] for r in _csv(raw / "divisions_provinces.csv")}
        self.city_rows = list(_csv(raw / "divisions_cities.csv"))
        self.cities: dict[str, str] = {}  # code -> city name (municipalities: the province)
        for row in self.city_rows:
            name = row["name"]
            if name in ("市辖区", "县"):
                name = self.provinces[row["provinceCode"]]
            self.cities[row["code"]] = name
        self.city_province = {r["code"]: self.provinces[r["provinceCode"]] for r in self.city_rows}
        self.areas = list(_csv(raw / "divisions_areas.csv"))

    def province_by_short(self, short: str) -> str:
        for name in self.provinces.values():
            if name.startswith(short):
                return name
        return ""

    def locate(self, text: str, province: str = "") -> tuple[str, str]:
        """(province, city) for a zone name or district, preferring matches at the start."""
        candidates = []
        for code, city in self.cities.items():
            short = short_city(city)
            if len(short) >= 2 and short in text:
                candidates.append((text.index(short), -len(short), self.city_province[code], city))
        for area in self.areas:
            short = AREA_SHORT_RE.sub("", area["name"]) or area["name"]
            if len(short) >= 2 and (short in text):
                city = self.cities.get(area["cityCode"], "")
                candidates.append((text.index(short) + 0.5, -len(short), self.provinces[area["provinceCode"]], city))
        if province:
            in_province = [c for c in candidates if c[2] == province]
            candidates = in_province or ([] if candidates else [])
        if not candidates:
            return province, ""
        candidates.sort()
        _, _, prov, city = candidates[0]
        return prov, city


    def place_names(self) -> list[str]:
        """Every province, city and county-level division, in full and without its 省/市/县/区/旗
        (铜梁区 and 铜梁); the list's statistical areas (codes xxxx7x: …开发区, …管理区, 兰州新区) are
        zones, not places."""
        names = set()
        areas = [a["name"] for a in self.areas if a["code"][4] != "7"]
        for name in [*self.provinces.values(), *self.cities.values(), *areas]:
            if re.search("开发|园|示范|管理|试验|矿区|市辖区", name) or name == "县":
                continue
            names.add(name)
            for short in (short_province(name), short_city(name), AREA_SHORT_RE.sub("", name)):
                if len(short) >= 2:
                    names.add(short)
        return sorted(names)


def _csv(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


# ---------------------------------------------------------------- reading the raw lists
def read_raw(raw: Path, div: Divisions, curated: list[dict]) -> dict[str, ZoneRecord]:
    renames = {r["name"]: r["aliases"] for r in curated if r["action"] == "rename"}
    drops = {r["name"] for r in curated if r["action"] == "drop"}
    moved = {r["name"]: r for r in curated if r["action"] == "move"}
    zones: dict[str, ZoneRecord] = {}

    def put(record: ZoneRecord) -> None:
        record.name = renames.get(record.name, record.name)
        if record.name in drops:
            return
        if record.name in moved:
            row = moved[record.name]
            record.kind = row["kind"]
            record.aliases += _split(row["aliases"])
            record.province = row["province"] or record.province
            record.city = row["city"] or record.city
            record.approval_year = _year(row["approval_year"]) or record.approval_year
        existing = zones.get(record.name)
        if existing is None:
            zones[record.name] = record
            return
        existing.aliases += [a for a in record.aliases if a not in existing.aliases]
        existing.sources += [s for s in record.sources if s not in existing.sources]
        existing.city = existing.city or record.city
        existing.province = existing.province or record.province

    for row in _csv(raw / "national_etdz_232.csv"):
        name = re.sub(r"（[^）]*）$", "", row["name"].strip())
        province = div.province_by_short(row["province_short"].strip())
        prov, city = div.locate(name, province)
        put(ZoneRecord(name=name, kind="etdz", province=prov or province, city=city, sources=["etdz_232"]))

    data = json.loads((raw / "functional_zones_national.json").read_text(encoding="utf-8"))
    for item in data["zones"]:
        name = item["name"].strip()
        if not name.endswith(("开发区", "园区", "示范区")) or "。" in name or len(name) < 5:
            continue  # stray text rows
        kind = "hitech" if item["type"] == "hitech" else "etdz"
        if kind == "etdz" and name not in zones and renames.get(name, name) not in zones and name not in moved:
            continue  # the 经开区 half is noisy: only aliases of zones the 232 list has
        prov, city = div.locate(name + " " + item.get("district", ""))
        aliases = [a for a in item.get("aliases", []) if a != name and "。" not in a]
        put(ZoneRecord(name=name, kind=kind, province=prov, city=city, aliases=aliases, sources=["functional_zones"]))

    for row in _csv(raw / "national_new_areas_and_ftz.csv"):
        kind = "new_area" if row["type"] == "国家级新区" else "ftz"
        city = row["city"].split(";")[0]
        put(ZoneRecord(name=row["name"].strip(), kind=kind, province=row["province"], city=city,
                       approval_year=_year(row["approval_year"]), sources=["new_areas_and_ftz"]))
    return zones


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _year(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


# ---------------------------------------------------------------- curation and short forms
def apply_curated(zones: dict[str, ZoneRecord], curated: list[dict], div: Divisions) -> None:
    for row in curated:
        action, name = row["action"], row["name"]
        if action == "alias":
            zone = zones.get(name)
            if zone is None:
                raise SystemExit(f"curated.csv: alias for unknown zone {name}")
            zone.aliases += [a for a in _split(row["aliases"]) if a not in zone.aliases]
        elif action == "add":
            province = row["province"]
            city = row["city"] or div.locate(name, province)[1]
            zones[name] = ZoneRecord(
                name=name, kind=row["kind"], province=province, city=city, parent=row["parent"],
                approval_year=_year(row["approval_year"]), aliases=_split(row["aliases"]), sources=["curated"],
            )


def generate_aliases(zones: dict[str, ZoneRecord]) -> None:
    """Short forms people write, city-qualified forms, and 自贸试验区/片区 forms."""
    for zone in zones.values():
        forms = set(zone.aliases)
        names = {zone.name} | set(zone.aliases)
        suffixes = sorted(SHORT_FORMS.get(zone.kind, []), key=lambda item: -len(item[0]))
        for name in names:
            for suffix, shorts in suffixes:  # the longest official suffix only
                if name.endswith(suffix) and len(name) > len(suffix):
                    forms.update(name[: -len(suffix)] + short for short in shorts)
                    break
        city_short = short_city(zone.city) if zone.city else ""
        if city_short and zone.kind in ("etdz", "hitech", "bonded", "new_area"):
            for form in list(forms | {zone.name}):
                if city_short not in form and not form.startswith(short_province(zone.province)):
                    forms.add(city_short + form)  # 江宁经开区 -> 南京江宁经开区
        official = re.fullmatch(r"中国（(.+)）自由贸易试验区", zone.name)
        if zone.kind == "ftz" and official:
            short = official.group(1)
            forms.update({f"{short}自贸试验区", f"{short}自贸区", f"{short}自由贸易试验区", f"中国（{short}）自贸试验区"})
        province_short = short_province(zone.province) if zone.province else ""
        if province_short and zone.kind in ("etdz", "hitech", "new_area", "bonded"):
            for form in list(forms | {zone.name}):  # 湖南湘江新区 -> 湘江新区, 海南洋浦经济开发区 -> 洋浦经济开发区
                rest = form[len(province_short):]
                if form.startswith(province_short) and len(rest) >= 4 and not rest.startswith(("经济", "高新", "综合", "新区")):
                    forms.add(rest)
        if zone.kind == "bonded":
            for form in list(forms | {zone.name}):
                for prefix in (city_short, short_province(zone.province)):
                    if prefix and form.startswith(prefix) and len(form) - len(prefix) >= 5:
                        forms.add(form[len(prefix):])  # 重庆西永综合保税区 -> 西永综合保税区
        forms.discard(zone.name)
        zone.aliases = sorted(forms | {half_width(f) for f in forms | {zone.name}} - {zone.name})
    for zone in zones.values():
        if zone.kind == "ftz_area":
            parent = zones[zone.parent]
            short = re.sub(r"^中国（(.+)）自由贸易试验区$", r"\1", parent.name)
            area = zone.name
            official = f"{parent.name}{area}"
            forms = set(zone.aliases) | {area}
            if area.endswith("新片区"):  # 临港新片区 is also written 临港片区
                forms.add(area[: -len("新片区")] + "片区")
            for form in list(forms):  # 杨凌示范区片区 -> 杨凌示范区自贸片区, 杨凌自贸片区
                stem = re.sub("新?片区$", "", form)
                if stem != form and len(stem) >= 2:
                    forms.add(stem + "自贸片区")
                    place = re.sub("(示范区|新区|开发区)$", "", stem)
                    if len(place) >= 2:
                        forms.add(place + "自贸片区")
            for stem in (parent.name, f"{short}自贸试验区", f"{short}自贸区", "自贸试验区", "自贸区", f"中国（{short}）自贸试验区"):
                forms.update(stem + a for a in [area, *zone.aliases])
            forms |= {half_width(f) for f in forms | {official}}
            zone.aliases = sorted(f for f in forms if f != official)
            zone.name = official
    for zone in zones.values():
        if zone.kind == "ftz_area":
            zone.parent = zones[zone.parent].name
    drop_ambiguous(zones)


def half_width(name: str) -> str:
    """中国（福建）自由贸易试验区 as OCR and other papers also print it: 中国(福建)自由贸易试验区."""
    return name.replace("（", "(").replace("）", ")")


def drop_ambiguous(zones: dict[str, ZoneRecord]) -> None:
    """An alias two zones share names neither; generic words are never aliases."""
    owners: dict[str, set[str]] = defaultdict(set)
    for zone in zones.values():
        owners[zone.name].add(zone.name)
        for alias in zone.aliases:
            owners[alias].add(zone.name)
    generic = {"高新区", "经开区", "开发区", "新区", "综保区", "片区", "科学城", "中心片区", "自贸区片区"}
    for zone in zones.values():
        zone.aliases = [a for a in zone.aliases if len(owners[a]) == 1 and a not in generic and len(a) >= 3]


def build(raw: Path) -> list[dict]:
    div = Divisions(raw)
    curated = [r for r in _csv(CURATED) if not r["action"].startswith("#")]
    zones = read_raw(raw, div, curated)
    apply_curated(zones, curated, div)
    generate_aliases(zones)
    records = sorted(zones.values(), key=lambda z: (z.kind, z.province, z.name))
    return [asdict(z) for z in records]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", nargs="?", default=str(DEFAULT_RAW))
    parser.add_argument("-o", "--output", default=str(OUTPUT))
    parser.add_argument("--places", default=str(PLACES_OUTPUT), help="where the place names go")
    args = parser.parse_args(argv)
    records = build(Path(args.raw))
    places = Divisions(Path(args.raw)).place_names()
    Path(args.places).write_text(json.dumps({"names": places}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    Path(args.output).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = defaultdict(int)
    for record in records:
        counts[record["kind"]] += 1
    print(f"{len(records)} zones → {args.output}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"{len(places)} place names → {args.places}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
