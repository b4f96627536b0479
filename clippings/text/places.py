"""Short forms of administrative division names (no Django, no other imports).

Shared by the gazetteer build script and zone linking: "宜昌市" is written "宜昌",
"楚雄彝族自治州" "楚雄", "湖北省" "湖北".
"""
from __future__ import annotations

import re

_CITY_SUFFIX_RE = re.compile(r"(市|地区|盟|(?:\S{1,6}族)*自治州)$")
_PROVINCE_SUFFIX_RE = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")


def short_city(city: str) -> str:
    return _CITY_SUFFIX_RE.sub("", city) or city


def short_province(province: str) -> str:
    return _PROVINCE_SUFFIX_RE.sub("", province) or province
