"""Pick typed values out of web JSON that may be broken in any way (HTML, wrong types, nulls).

The web drivers never trust a field's type: a page that is not what it should be leaves fields
unknown rather than raising or turning ``7`` into a model name.
"""

from __future__ import annotations

from typing import Any


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def text(value: Any) -> str | None:
    """A non-empty stripped string from a scalar; None for containers, booleans and blanks."""
    if value is None or isinstance(value, dict | list | bool):
        return None
    out = str(value).strip()
    return out or None
