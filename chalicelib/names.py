"""How the portal greets people: by the first word of the name the company has on file."""
from __future__ import annotations


def first_name(name: str | None) -> str:
    """'Jane Q. Smith' -> 'Jane'; a name without words (blank, or none) is kept as it is."""
    words = (name or "").split()
    return words[0] if words else (name or "")
