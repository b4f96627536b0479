"""Cut a text into plain runs and runs to link (zone and enterprise names in an article)."""
from __future__ import annotations

import re


def link_segments(text: str, targets: dict[str, str]) -> list[tuple[str, str | None]]:
    """``text`` as consecutive (run, target) pieces: every occurrence of a key of ``targets`` gets its
    value, the longest key winning where keys overlap at the same place (苏州工业园区 over 苏州);
    everything else has target None. Joining the runs gives back ``text`` unchanged."""
    keys = sorted((k for k in targets if k), key=len, reverse=True)
    if not keys or not text:
        return [(text, None)] if text else []
    pattern = re.compile("|".join(map(re.escape, keys)))
    pieces: list[tuple[str, str | None]] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], None))
        pieces.append((match.group(), targets[match.group()]))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], None))
    return pieces
