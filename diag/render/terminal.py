"""Text from outside (addresses, subjects, CSV headers) made safe to show on a terminal or page."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1 move the cursor, clear the screen, hide text or set
# the window title; bidi overrides make text read backwards, on a terminal as in a page. A
# crafted address or subject could make a "problem" verdict disappear: never shown raw.
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
