"""Regular expressions compiled once per pattern text.

The `regex` module's own cache lookup (`regex.sub(pattern, …)`) costs more than the
match on a short line; every stage that builds a pattern at run time goes through `rx`.
"""

from __future__ import annotations

from functools import lru_cache

import regex


@lru_cache(maxsize=1024)
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(pattern, flags)
