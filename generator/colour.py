"""Colour arithmetic: hex parsing, mixing, and WCAG 2.x relative luminance and contrast."""

from __future__ import annotations

WHITE = "#FFFFFF"
INK = "#111111"


def rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in channels)


def mix(colour: str, other: str, amount: float) -> str:
    """``amount`` of ``colour`` over ``other`` (0 gives ``other``, 1 gives ``colour``)."""
    a, b = rgb(colour), rgb(other)
    return to_hex(tuple(x * amount + y * (1 - amount) for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(background: str, preferred: str = WHITE, alternative: str = INK) -> str:
    """Whichever of two text colours reads better on ``background``."""
    return preferred if contrast(preferred, background) >= contrast(alternative, background) else alternative


def palette(primary: str, accent: str, text: str, background: str) -> dict[str, str]:
    """Every colour the page uses, by role, derived from the theme's four."""
    tint = mix(primary, background, 0.075)
    return {
        "primary": primary,
        "accent": accent,
        "text": text,
        "background": background,
        "on_primary": readable_on(primary),
        "on_accent": readable_on(accent),
        "box": tint,
        "rule": accent,
    }
