"""Bar charts as geometry for a server-rendered SVG (plain Python; the template draws it).

No charting library and no CDN: the archive may run offline, and a bar per year is a few rectangles.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    show_label: bool


@dataclass
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    ticks: list[tuple[int, float]]  # (value, y) of the horizontal guide lines
    total: int

    @property
    def empty(self) -> bool:
        return not self.bars


def nice_step(top: int, lines: int = 4) -> int:
    """A round step (1, 2, 5 × 10ⁿ) giving about ``lines`` guide lines up to ``top``."""
    raw = max(1, top / lines)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def year_bars(counts: list[tuple[int, int]], width: int = 640, height: int = 200,
              max_labels: int = 12) -> BarChart:
    """Articles per year as bars, every year between the first and the last one shown (0 where none)."""
    left, right, top, bottom = 40, 8, 10, 24
    widest = 48  # a bar is at most this wide, however few years there are
    if not counts:
        return BarChart(width, height, height - bottom, [], [], 0)
    by_year = dict(counts)
    years = list(range(min(by_year), max(by_year) + 1))
    peak = max(by_year.values()) or 1
    step = nice_step(peak)
    scale_top = -(-peak // step) * step
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(years)
    label_every = max(1, -(-len(years) // max_labels))
    bars = []
    for i, year in enumerate(years):
        value = by_year.get(year, 0)
        bar_h = plot_h * value / scale_top
        bar_w = min(slot * 0.7, widest)
        bars.append(Bar(
            label=str(year), value=value,
            x=round(left + i * slot + (slot - bar_w) / 2, 1), y=round(top + plot_h - bar_h, 1),
            width=round(bar_w, 1), height=round(bar_h, 1),
            show_label=(i % label_every == 0) or i == len(years) - 1,
        ))
    ticks = [(v, round(top + plot_h - plot_h * v / scale_top, 1)) for v in range(0, scale_top + 1, step)]
    return BarChart(width, height, top + plot_h, bars, ticks, sum(by_year.values()))
