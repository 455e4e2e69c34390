"""The page's theme colours and the WCAG 2.x colour arithmetic (relative luminance, contrast
ratio, a colour drawn at an opacity), shared by the unit tests and the browser tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

THEME: dict[str, Any] = tomllib.loads(
    (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text(encoding="utf-8")
)["theme"]
"""The ``[theme]`` table of .streamlit/config.toml: ``THEME["light"]`` and ``THEME["dark"]``."""


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", value), f"not a #rrggbb colour: {colour!r}"
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours: 1.0 (the same) to 21.0 (black on white)."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: str, background: str, alpha: float) -> str:
    """`colour` drawn at `alpha` opacity over `background`, as the browser composites it."""
    mixed = (round(alpha * f + (1 - alpha) * b) for f, b in zip(_rgb(colour), _rgb(background), strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def hex_of(css: str) -> str:
    """'rgb(85, 88, 95)' -> '#55585f' (a computed colour; fails on anything else)."""
    match = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", css.strip())
    assert match, f"not an opaque computed rgb() colour: {css!r}"
    return "#" + "".join(f"{int(c):02x}" for c in match.groups())


def css_rgb(colour: str) -> str:
    """'#55585f' -> 'rgb(85, 88, 95)', as the browser computes a CSS colour."""
    r, g, b = _rgb(colour)
    return f"rgb({r}, {g}, {b})"
